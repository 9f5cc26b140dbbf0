"""The append-only case history: one row per transition, written in the transition's transaction."""
from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any, Optional

from workflow.models import History, Stage, SubStep


def json_ready(value: Any) -> Any:
    """``value`` with dates, enums and nested containers turned into JSON-serialisable values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return json_ready(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((json_ready(v) for v in value), key=str)
    if isinstance(value, (list, tuple)):
        return [json_ready(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "value") and isinstance(getattr(value, "value"), str):
        return value.value
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _split(state: str) -> tuple[Optional[Stage], Optional[SubStep]]:
    if "." not in state:
        return None, None
    stage, sub_step = state.split(".")
    return Stage(stage), SubStep(sub_step)


def trigger_payload(action) -> dict:
    """What the history row of ``action`` records as its payload: the command's fields (JSON-ready) and what
    the mutators added to ``action.payload``."""
    return {**action.command.as_payload(), **json_ready(action.payload)}


def write_history(action, from_state: str, due_before: Optional[date]) -> History:
    """Append the history row of ``action`` (trigger, from → to, actor, dates, due before/after, and
    :func:`trigger_payload`)."""
    case = action.case
    from_stage, from_sub_step = _split(from_state)
    row = History(
        application_id=case.id, trigger=action.trigger, from_stage=from_stage, from_sub_step=from_sub_step,
        to_stage=case.stage, to_sub_step=case.sub_step, actor_id=action.actor.id, legal_date=action.today,
        recorded_at=action.recorded_at, payload=trigger_payload(action),
        due_before=due_before, due_after=case.due_date)
    action.session.add(row)
    return row
