"""rules/ and workflow/ never depend on the web layer; `rules` is this repository's package."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import rules

ROOT = Path(__file__).resolve().parents[2]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_rules_and_workflow_source_import_neither_flask_nor_web():
    offenders = {str(p.relative_to(ROOT)): _imported_modules(p) & {"flask", "web", "werkzeug", "flask_wtf"}
                 for package in ("rules", "workflow") for p in (ROOT / package).rglob("*.py")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_every_rules_and_workflow_module_loads_no_flask():
    modules = sorted(".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                     for package in ("rules", "workflow") for p in (ROOT / package).rglob("*.py"))
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'web')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_rules_is_the_package_of_this_repository():
    assert Path(rules.__file__).resolve().is_relative_to(ROOT)
