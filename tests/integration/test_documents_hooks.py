"""The engine's after-trigger hooks, which the documents are issued from (in the trigger's transaction)."""
from __future__ import annotations

import pytest

from tests.support.factories import DAY1
from workflow import commands as cmd
from workflow import services as sv
from workflow.services.engine import register_after_trigger, unregister_after_trigger


def test_an_after_trigger_hook_runs_once_with_the_history_row_of_its_trigger(session_factory, people,
                                                                             create_case):
    seen = []

    def hook(action, row):
        seen.append((action.trigger, row.trigger, row.to_stage.value, action.case.outcome))

    register_after_trigger("withdraw", hook)
    register_after_trigger("withdraw", hook)  # a second registration is a no-op
    try:
        case = create_case()
        sv.withdraw(
            session_factory, cmd.Withdraw(reason="撤回"), actor_id=people.clerk, case_id=case.id,
            expected_version=case.version, today=DAY1)
    finally:
        unregister_after_trigger("withdraw", hook)
    assert seen == [("withdraw", "withdraw", "archive", "other")]
    with pytest.raises(ValueError, match="unknown trigger"):
        register_after_trigger("no_such_trigger", hook)
