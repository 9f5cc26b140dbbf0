"""Typed commands: one per trigger, validated when built, described for forms and API schemas."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from workflow import commands as cmd
from workflow.errors import InvalidInput
from workflow.models import Application, Channel, RemedyKind
from workflow.services import SERVICES
from workflow.transitions_table import TRIGGERS

REGISTER = dict(channel=Channel.IN_PERSON, received_on=date(2026, 3, 2), applicant_type="natural_person")


def _refused(command_class, **values) -> InvalidInput:
    with pytest.raises(InvalidInput) as refused:
        command_class(**values)
    return refused.value


def test_every_trigger_of_the_table_has_exactly_one_command_class_and_a_service():
    assert sorted(cmd.COMMANDS) == sorted(TRIGGERS)
    assert len(set(cmd.COMMANDS.values())) == len(TRIGGERS)
    assert all(cls.trigger == trigger for trigger, cls in cmd.COMMANDS.items())
    assert set(SERVICES) == set(TRIGGERS) - {"register"}  # register creates the case: its own service


def test_a_second_command_for_one_trigger_is_refused():
    with pytest.raises(ValueError, match="two commands"):
        @cmd.command("withdraw")
        class AnotherWithdraw(cmd.Command):
            pass


def test_describe_gives_name_label_type_required_limit_and_choices_from_one_declaration():
    fields = {f.name: f for f in cmd.describe(cmd.Register)}
    name = fields["applicant_name"]
    assert (name.label, name.type, name.required) == ("申请人姓名或名称", "text", False)
    assert name.max_length == Application.__table__.c.applicant_name.type.length == 200
    assert (fields["channel"].type, fields["channel"].required) == ("choice", True)
    assert fields["channel"].choices == tuple(c.value for c in Channel)
    assert fields["received_on"].type == "date"
    missing = fields["missing_items"]
    assert missing.type == "list" and missing.choices == tuple(cmd.ART29_ITEMS)
    consultees = cmd.describe(cmd.StartConsultation)[0]
    assert consultees.item_type == "Consultee" and [f.name for f in consultees.items][:2] == ["kind", "name"]
    days = cmd.describe(cmd.ExtendDeadline)[0]
    assert (days.type, days.min_value, days.max_value) == ("int", 1, 20)


def test_enum_values_are_accepted_as_members_or_their_value_strings_and_unknown_ones_are_refused():
    assert cmd.Register(**REGISTER).applicant_type.value == "natural_person"
    error = _refused(cmd.Register, **{**REGISTER, "channel": "pigeon"})
    assert (error.field, error.label) == ("channel", "申请渠道") and "不在可选范围内" in error.message
    assert _refused(cmd.RecordRemedy, kind=1, filed_on=date(2026, 3, 2)).field == "kind"
    assert cmd.RecordRemedy(kind="direct_suit", filed_on=date(2026, 3, 2)).kind is RemedyKind.DIRECT_SUIT


@pytest.mark.parametrize("value, shown", [
    ("2026-03-02", "文字「2026-03-02」"), (datetime(2026, 3, 2, 9), "datetime"), (20260302, "20260302")])
def test_a_date_field_refuses_texts_datetimes_and_numbers(value, shown):
    error = _refused(cmd.ConfirmReceipt, confirmed_on=value)
    assert error.field == "confirmed_on" and "应为日期" in error.message and shown in error.message


@pytest.mark.parametrize("value", [True, "5", 5.0, None])
def test_an_int_field_refuses_bools_texts_floats_and_none(value):
    error = _refused(cmd.ExtendDeadline, days=value, reason="需调取档案")
    assert error.field == "days" and error.label == "延长的工作日数"


@pytest.mark.parametrize("text, message", [
    ("甲\x00乙", "无法打印的控制字符"), ("甲\x7f乙", "无法打印的控制字符"), ("甲\u202e乙", "改变文字显示方向"),
    ("甲\u2069乙", "改变文字显示方向"), ("甲\udfff乙", "无效的字符编码"), (b"bytes", "应为文字"),
])
def test_texts_no_document_can_hold_are_refused_naming_the_field(text, message):
    error = _refused(cmd.Withdraw, reason=text)
    assert (error.field, error.label) == ("reason", "申请人撤回申请的情况") and message in error.message


def test_a_required_text_must_not_be_blank_and_an_optional_one_may_be_left_out():
    assert _refused(cmd.Withdraw, reason="  ").message == "请填写「申请人撤回申请的情况」"
    assert _refused(cmd.Withdraw).message == "请填写「申请人撤回申请的情况」"
    assert cmd.ReceiveCorrection(received_on=date(2026, 3, 2)).reason is None


def test_lists_must_be_lists_of_known_items_when_the_field_has_choices():
    error = _refused(cmd.Register, **REGISTER, missing_items=["description", "photo"])
    assert error.field == "missing_items[1]" and "photo" in error.message
    assert _refused(cmd.Register, **REGISTER, missing_items="description").message.endswith("收到：str")
    assert cmd.Register(**REGISTER, missing_items=["form"]).missing_items == ("form",)


def test_list_and_mapping_sizes_are_bounded():
    assert "最多 20 项" in _refused(cmd.RequestCorrection, items=["a"] * 21, due_on=date(2026, 3, 9)).message
    assert "最多 500 个字符" in _refused(cmd.RequestCorrection, items=["a" * 501], due_on=date(2026, 3, 9)).message


def test_a_record_given_as_a_mapping_is_built_and_unknown_keys_are_refused():
    command = cmd.StartConsultation(consultees=[{"kind": "co_producer", "name": "某市财政局"}])
    assert command.consultees[0].name == "某市财政局"
    error = _refused(cmd.StartConsultation, consultees=[{"kind": "co_producer", "name": "x", "phone": "1"}])
    assert error.field == "consultees[0]" and "phone" in error.message


def test_a_command_built_from_a_request_mapping_refuses_unknown_names():
    error = _refused(cmd.Withdraw.from_mapping, values={"reason": "撤回", "why": "x"})
    assert (error.field, error.message) == ("why", "没有名为「why」的输入项")
    assert cmd.Withdraw.from_mapping({"reason": "撤回"}) == cmd.Withdraw(reason="撤回")


def test_the_payload_is_the_commands_fields_json_ready():
    command = cmd.ApproveReply(planned_issue_on=date(2026, 3, 5), acknowledged_warnings={"b", "a"})
    assert command.as_payload() == {"planned_issue_on": "2026-03-05", "comment": None,
                                    "acknowledged_warnings": ["a", "b"]}
