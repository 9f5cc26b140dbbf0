"""Run every benchmark: ``python -m benchmarks [name ...]``."""
from __future__ import annotations

import importlib
import pkgutil
import sys

import benchmarks


def main(selected: list[str]) -> int:
    failed: list[str] = []
    names = [m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_")]
    for name in names:
        if selected and name.removeprefix("bench_") not in selected and name not in selected:
            continue
        print(f"== {name}")
        module = importlib.import_module(f"benchmarks.{name}")
        result = module.main()
        if result is not None and hasattr(module, "goal_met") and not module.goal_met(result):
            failed.append(name)
    if failed:
        print(f"goals NOT met: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
