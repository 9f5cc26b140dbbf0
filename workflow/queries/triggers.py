"""Which triggers a user may attempt on a case now, from the transition table (buttons, API actions)."""
from __future__ import annotations

from typing import Iterable, Optional

from workflow.models import Role, Stage, SubStep
from workflow.transitions_table import NEW, TRANSITIONS, expand_sources


def state_key(stage: Optional[Stage], sub_step: Optional[SubStep]) -> str:
    """``"<stage>.<sub_step>"``, or ``"new"`` for a case not registered yet."""
    if stage is None:
        return NEW
    return f"{Stage(stage).value}.{SubStep(sub_step).value}"


def triggers_for(state: str, roles: Iterable[Role]) -> tuple[str, ...]:
    """Triggers with a row from ``state`` that one of ``roles`` may fire, in table order (guards not run)."""
    roles = set(roles)
    return tuple(dict.fromkeys(rule.trigger for rule in TRANSITIONS
                               if state in expand_sources(rule) and rule.roles & roles))


def available_triggers(user, case) -> list[str]:
    """Triggers ``user`` may attempt on ``case`` now (stage and role; guards are checked when acting).
    None for an inactive user, the system actor or a user of another agency."""
    if not user.active or user.is_system or user.agency_id != case.agency_id:
        return []
    return list(triggers_for(state_key(case.stage, case.sub_step), user.roles))
