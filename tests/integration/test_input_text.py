"""Bad input is refused at the boundary, the same way on SQLite and PostgreSQL: texts longer than their
column, text no document can hold, a text given for a list — InvalidInput naming the field, nothing stored."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.support.factories import DAY1, T0, load, registration_data, snapshot
from workflow import commands as cmd
from workflow import services as sv
from workflow.errors import InvalidInput
from workflow.models import ConsultationKind

REGISTER_TEXTS = [f for f in cmd.describe(cmd.Register) if f.type == "text"]


@pytest.mark.parametrize("info", REGISTER_TEXTS, ids=[f.name for f in REGISTER_TEXTS])
def test_a_registration_text_of_exactly_its_limit_is_stored_and_one_more_character_is_refused(
        session_factory, people, info):
    at_limit = "张" * info.max_length
    case = sv.register_application(session_factory, registration_data(**{info.name: at_limit}),
                                   actor_id=people.clerk, today=T0)
    assert getattr(load(session_factory, case.id), info.name) == at_limit  # no DataError on PostgreSQL
    before = snapshot(session_factory)
    with pytest.raises(InvalidInput, match=f"「{info.label}」最多 {info.max_length} 个字符") as refused:
        sv.register_application(session_factory, registration_data(**{info.name: at_limit + "张"}),
                                actor_id=people.clerk, today=T0)
    assert (refused.value.field, refused.value.label) == (info.name, info.label)
    assert snapshot(session_factory) == before


def test_a_megabyte_name_is_refused_with_the_limit_and_nothing_is_stored(session_factory, people):
    before = snapshot(session_factory)
    with pytest.raises(InvalidInput, match="「申请人姓名或名称」最多 200 个字符，现有 1000000 个字符"):
        sv.register_application(session_factory, registration_data(applicant_name="名" * 1_000_000),
                                actor_id=people.clerk, today=T0)
    assert snapshot(session_factory) == before


def test_a_consultee_name_of_its_column_length_is_stored_and_a_longer_one_is_refused(
        session_factory, people, create_case):
    case = create_case()
    name = "某" * 200
    case = sv.start_consultation(
        session_factory,
        cmd.StartConsultation(consultees=[cmd.Consultee(ConsultationKind.THIRD_PARTY, name)]),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=DAY1)
    assert load(session_factory, case.id).consultations[0].consultee_name == name
    with pytest.raises(InvalidInput, match="「征求意见对象名称」最多 200 个字符") as refused:
        cmd.StartConsultation(consultees=[{"kind": "third_party", "name": name + "某"}])
    assert refused.value.field == "consultees[0].name"


def test_a_control_character_in_the_applicant_name_is_refused_and_nothing_is_stored(session_factory, people):
    before = snapshot(session_factory)
    with pytest.raises(InvalidInput, match="无法打印的控制字符.*张三") as refused:
        sv.register_application(session_factory, registration_data(applicant_name="张三\x0b"),
                                actor_id=people.clerk, today=T0)
    assert refused.value.field == "applicant_name"
    assert snapshot(session_factory) == before


@pytest.mark.parametrize("name, message", [
    ("张\u202e三", "改变文字显示方向的控制字符"), ("张\u2066三", "改变文字显示方向的控制字符"),
    ("张\ud800三", "无效的字符编码"),
])
def test_bidi_controls_and_lone_surrogates_in_a_name_are_refused_on_both_databases(
        session_factory, people, name, message):
    before = snapshot(session_factory)
    with pytest.raises(InvalidInput, match=message):
        sv.register_application(session_factory, registration_data(applicant_name=name),
                                actor_id=people.clerk, today=T0)
    assert snapshot(session_factory) == before


def test_a_control_character_in_reply_fields_is_refused():
    with pytest.raises(InvalidInput, match="「答复事项（documents）」含有无法打印的控制字符") as refused:
        cmd.DraftReply(category="disclose", fields={"documents": "《表》\x1b", "form": "纸质", "delivery": "邮寄"})
    assert refused.value.field == "fields.documents"


def test_ordinary_line_breaks_and_tabs_are_accepted(session_factory, people):
    case = sv.register_application(session_factory, registration_data(description="第一项\n第二项\t附表"),
                                   actor_id=people.clerk, today=T0)
    assert load(session_factory, case.id).description == "第一项\n第二项\t附表"


@pytest.mark.parametrize("items", ["description", ["description", ""], [["description"]], ["  "]])
def test_correction_items_must_be_a_list_of_non_empty_texts(items):
    with pytest.raises(InvalidInput, match="需要补正的事项") as refused:
        cmd.RequestCorrection(items=items, due_on=date(2026, 3, 20))
    assert refused.value.label.startswith("需要补正的事项")


def test_a_correction_notice_lists_known_items_and_written_items_as_given(session_factory, people,
                                                                          create_case):
    case = create_case()
    command = cmd.RequestCorrection(items=["description", "请补充身份证明复印件"], due_on=date(2026, 3, 20))
    case = sv.request_correction(session_factory, command, actor_id=people.clerk, case_id=case.id,
                                 expected_version=case.version, today=DAY1)
    assert load(session_factory, case.id).corrections[0].items == ["description", "请补充身份证明复印件"]
    assert load(session_factory, case.id).history[-1].payload["items"] == ["description", "请补充身份证明复印件"]


def test_a_command_cannot_be_changed_after_it_was_validated():
    command = registration_data()
    with pytest.raises(AttributeError):
        command.applicant_name = "张\u202e三"  # frozen: validation cannot be bypassed by assignment
    with pytest.raises(InvalidInput):
        replace(command, applicant_name="张\u202e三")  # a copy is validated again
