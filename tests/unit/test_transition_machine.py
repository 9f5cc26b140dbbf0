"""The per-operation machine around a plain case object: no database, no binding onto the ORM object."""
from datetime import date
from types import SimpleNamespace

import pytest

import workflow.services  # noqa: F401
from workflow.commands import COMMANDS
from workflow.errors import GuardFailed, PermissionDenied, TransitionNotAllowed
from workflow.models import Application, Role, Stage, SubStep, User
from workflow.services import available_triggers
from workflow.services.engine import Action, CaseState, _check_allowed, _fire, state_of
from workflow.transitions_table import rules_for


def _case(stage=Stage.REPLY, sub_step=SubStep.IN_REVIEW):
    return Application(stage=stage, sub_step=sub_step, agency_id=1, missing_items=[], clock_round=1)


def _user(*roles, agency_id=1):
    user = User(name="u", username="u", agency_id=agency_id, active=True)
    for role in roles:
        user.roles.append(role)
    return user


def _action(trigger, case, user, **fields):
    command = COMMANDS[trigger](**fields) if trigger in COMMANDS else SimpleNamespace(trigger=trigger)
    return Action(session=None, command=command, case=case, actor=user, today=date(2026, 3, 4))


def test_the_wrapper_state_reads_and_writes_the_stage_columns():
    case = _case()
    wrapper = CaseState(_action("return_reply", case, _user(Role.REVIEWER), comment="请补充"))
    wrapper.state = "reply.drafting"
    assert (case.stage, case.sub_step) == (Stage.REPLY, SubStep.DRAFTING)


def test_a_failed_guard_raises_with_its_message_and_keeps_the_state():
    case = _case(sub_step=SubStep.APPROVED)
    action = _action("issue_reply", case, _user(Role.CLERK), issued_on=date(2026, 3, 5), delivery_method="邮寄")
    with pytest.raises(GuardFailed, match="出具日期不能晚于今天"):
        _fire(action, rules_for("issue_reply"))
    assert state_of(case) == "reply.approved"
    assert not hasattr(case, "trigger")  # nothing bound onto the ORM object


def test_a_passing_guard_moves_the_wrapped_case():
    case = _case()
    _fire(_action("return_reply", case, _user(Role.REVIEWER), comment="请补充法律依据"), rules_for("return_reply"))
    assert state_of(case) == "reply.drafting"


def test_a_trigger_from_the_wrong_stage_is_not_allowed():
    with pytest.raises(TransitionNotAllowed, match="不能执行「出具并送达」"):
        _check_allowed(_action("issue_reply", _case(), _user(Role.CLERK), issued_on=date(2026, 3, 4),
                               delivery_method="邮寄"))


def test_an_unknown_trigger_is_not_allowed():
    with pytest.raises(TransitionNotAllowed, match="没有名为「fly」的办理操作"):
        _check_allowed(_action("fly", _case(), _user(Role.CLERK)))


def test_a_clerk_may_not_approve_a_reply():
    with pytest.raises(PermissionDenied):
        _check_allowed(_action("approve_reply", _case(), _user(Role.CLERK)))


def test_available_triggers_follow_stage_role_and_agency():
    case = _case()
    assert available_triggers(_user(Role.REVIEWER), case) == ["approve_reply", "return_reply"]
    assert available_triggers(_user(Role.CLERK), case) == ["withdraw"]
    assert available_triggers(_user(Role.SUPERVISOR), case) == ["extend_deadline"]
    assert available_triggers(_user(Role.REVIEWER, agency_id=2), case) == []
