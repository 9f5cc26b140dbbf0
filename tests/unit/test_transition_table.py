"""The transition table as data: complete, consistent with DOMAIN.md §2, and every guard registered."""
import pytest

import workflow.services  # noqa: F401  (registers the guards)
from workflow.guards import get_guard
from workflow.models import Role, Stage
from workflow.transitions_table import (
    ALL_STATES, NEW, SAME, TRANSITIONS, TRIGGERS, expand_sources, trigger_label, triggers_from,
)

DOMAIN_TRIGGERS = {
    "register", "confirm_receipt", "request_correction", "receive_correction", "lapse_correction",
    "start_consultation", "record_letter_receipt", "record_opinion", "end_consultation", "request_fee",
    "record_fee_notice_receipt", "record_payment", "lapse_fee",
    "extend_deadline", "set_delayed_period", "draft_reply", "submit_review", "approve_reply", "return_reply",
    "issue_reply", "archive_case", "withdraw", "reopen", "record_remedy",
}


def test_the_table_has_exactly_the_triggers_of_the_domain_spec():
    assert set(TRIGGERS) == DOMAIN_TRIGGERS


@pytest.mark.parametrize("rule", TRANSITIONS, ids=lambda r: r.trigger)
def test_every_rule_names_known_states_roles_and_registered_guards(rule):
    assert set(expand_sources(rule)) <= {NEW, *ALL_STATES}
    assert rule.dest == SAME or rule.dest in ALL_STATES
    assert rule.roles and rule.roles <= set(Role)
    for name in rule.guards:
        assert callable(get_guard(name))


def test_a_bare_stage_source_expands_to_all_its_sub_steps():
    rule = next(r for r in TRANSITIONS if r.trigger == "record_opinion")
    assert expand_sources(rule) == ("consultation.awaiting_opinions",)
    withdraw = next(r for r in TRANSITIONS if r.trigger == "withdraw")
    assert "registration.awaiting_fee" in expand_sources(withdraw)
    assert "reply.issued" not in expand_sources(withdraw)


def test_only_reviewers_approve_and_only_supervisors_extend_or_reopen():
    roles = {r.trigger: r.roles for r in TRANSITIONS}
    assert roles["approve_reply"] == {Role.REVIEWER}
    assert roles["return_reply"] == {Role.REVIEWER}
    assert roles["extend_deadline"] == {Role.SUPERVISOR}
    assert roles["set_delayed_period"] == {Role.SUPERVISOR}
    assert roles["reopen"] == {Role.SUPERVISOR}
    assert roles["request_fee"] == {Role.SUPERVISOR}  # the approver sends the fee notice himself


def test_an_archived_case_can_only_record_remedies_or_be_reopened():
    assert triggers_from("archive.closed") == ("reopen", "record_remedy")


def test_a_case_in_review_can_be_approved_returned_extended_or_withdrawn():
    assert set(triggers_from("reply.in_review")) == {"approve_reply", "return_reply", "extend_deadline",
                                                     "withdraw"}


def test_every_stage_but_archive_can_be_left_by_withdrawal():
    open_states = [s for s in ALL_STATES if not s.startswith(Stage.ARCHIVE.value) and s != "reply.issued"]
    assert all("withdraw" in triggers_from(s) for s in open_states)


def test_each_trigger_has_a_chinese_label_for_its_button():
    assert trigger_label("approve_reply") == "审核通过"
    assert all(trigger_label(trigger) for trigger in TRIGGERS)
    with pytest.raises(KeyError):
        trigger_label("fly")
