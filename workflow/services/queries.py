"""Read-side helpers derived from the transition table (buttons and API actions use them)."""
from __future__ import annotations

from workflow.models import Application, User
from workflow.services.engine import state_of
from workflow.transitions_table import TRANSITIONS, expand_sources


def available_triggers(user: User, case: Application) -> list[str]:
    """Triggers ``user`` may attempt on ``case`` now (stage and role; guards are checked when acting)."""
    if not user.active or user.agency_id != case.agency_id:
        return []
    state, roles = state_of(case), set(user.roles)
    return list(dict.fromkeys(rule.trigger for rule in TRANSITIONS
                              if state in expand_sources(rule) and rule.roles & roles))
