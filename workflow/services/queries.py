"""Moved to :mod:`workflow.queries` (the read side); kept so that existing imports keep working."""
from workflow.queries.triggers import available_triggers

__all__ = ["available_triggers"]
