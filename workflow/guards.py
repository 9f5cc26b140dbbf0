"""Guard registry: the guard names of :mod:`workflow.transitions_table` mapped to check functions.

A guard takes the :class:`workflow.services.engine.Action` being performed and returns ``None`` when the
trigger may proceed, or a Chinese message saying why not. Guards live next to the service that needs them and
register with :func:`guard`. Review checks (the legal-review checklist of DOMAIN.md §5) plug in with
:func:`register_review_check`; ``submit_review`` and ``approve_reply`` run all of them.
"""
from __future__ import annotations

from typing import Callable, Optional

GuardFunction = Callable[["object"], Optional[str]]

_GUARDS: dict[str, GuardFunction] = {}
_REVIEW_CHECKS: list[tuple[str, GuardFunction]] = []


def guard(name: str) -> Callable[[GuardFunction], GuardFunction]:
    """Decorator registering ``function`` as the guard ``name`` (names are unique)."""
    def register(function: GuardFunction) -> GuardFunction:
        if name in _GUARDS and _GUARDS[name] is not function:
            raise ValueError(f"guard {name!r} registered twice")
        _GUARDS[name] = function
        return function
    return register


def get_guard(name: str) -> GuardFunction:
    """The guard called ``name``; raises KeyError for a name the table uses but nobody registered."""
    return _GUARDS[name]


def register_review_check(name: str, check: GuardFunction) -> None:
    """Add (or replace) a check run before a reply may go to review and before approval."""
    unregister_review_check(name)
    _REVIEW_CHECKS.append((name, check))


def unregister_review_check(name: str) -> None:
    """Remove the review check ``name`` (no error when absent)."""
    _REVIEW_CHECKS[:] = [(n, c) for n, c in _REVIEW_CHECKS if n != name]


def review_checks() -> tuple[tuple[str, GuardFunction], ...]:
    """The registered review checks, in registration order."""
    return tuple(_REVIEW_CHECKS)
