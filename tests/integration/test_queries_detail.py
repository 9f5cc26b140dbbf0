"""case_detail: the case page's read model — plain frozen data, eager-loaded, and agency-isolated."""
from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from tests.support.factories import DAY1, T0
from workflow import commands as cmd
from workflow import services as sv
from workflow.errors import NotFound, PermissionDenied
from workflow.models import Base
from workflow.queries import CaseDetail, case_detail


def _orm_objects(value) -> list:
    """Every ORM instance reachable from ``value`` (dataclasses, tuples, lists, dicts)."""
    if isinstance(value, Base):
        return [value]
    if dataclasses.is_dataclass(value):
        return [o for f in dataclasses.fields(value) for o in _orm_objects(getattr(value, f.name))]
    if isinstance(value, (list, tuple)):
        return [o for item in value for o in _orm_objects(item)]
    if isinstance(value, dict):
        return [o for item in value.values() for o in _orm_objects(item)]
    return []


def test_an_issued_case_shows_its_request_timeline_documents_reply_and_the_next_action(
        session_factory, people, create_case):
    case = create_case("reply.issued")
    detail = case_detail(session_factory, case.id, actor_id=people.clerk, today=DAY1)
    assert isinstance(detail, CaseDetail)
    assert (detail.stage_label, detail.sub_step_label) == ("答复", "已出具送达")
    assert detail.applicant.name == "赵六" and detail.applicant.type_label == "自然人"
    assert detail.request.description == "2025年道路养护资金使用情况" and detail.request.channel_label == "当面提交"
    assert [e.trigger for e in detail.timeline] == ["register", "draft_reply", "submit_review",
                                                    "approve_reply", "issue_reply"]
    assert detail.timeline[0].actor_name == "clerk" and detail.timeline[3].actor_name == "reviewer"
    assert detail.timeline[0].legal_date == T0 and detail.timeline[0].recorded_at is not None
    assert [d.kind_label for d in detail.timeline[0].documents] == ["受理回执"]
    reply_document = detail.timeline[-1].documents[0]
    assert reply_document.kind == "reply" and reply_document.number and len(reply_document.sha256) == 64
    assert [d.id for d in detail.documents] == [d.id for e in detail.timeline for d in e.documents]
    assert detail.current_reply.category == "disclose" and detail.current_reply.category_label == "予以公开"
    assert [t.trigger for t in detail.available_triggers] == ["archive_case"]
    assert detail.available_triggers[0].label == "归档"
    assert detail.deadline.status == "answered" and detail.deadline.explanation
    assert detail.version == case.version and detail.closed_on is None


def test_the_deadline_explains_how_it_was_computed_and_gives_the_level(session_factory, people, create_case):
    case = create_case()
    detail = case_detail(session_factory, case.id, actor_id=people.clerk, today=date(2026, 3, 26))
    assert detail.deadline.due_date == date(2026, 3, 30) == detail.due_date
    assert detail.deadline.left == 2
    assert (detail.deadline.level, detail.deadline.level_label) == ("urgent", "紧急")
    assert any("第三十三条" in line for line in detail.deadline.explanation)
    triggers = [t.trigger for t in detail.available_triggers]
    assert "request_correction" in triggers and "request_fee" not in triggers  # a clerk is no supervisor


def test_the_read_model_holds_no_orm_object_and_is_frozen(session_factory, people, create_case):
    case = create_case("archive.closed")
    detail = case_detail(session_factory, case.id, actor_id=people.supervisor, today=DAY1)
    assert _orm_objects(detail) == []
    with pytest.raises(dataclasses.FrozenInstanceError):
        detail.stage = "registration"
    assert detail.closed_on == DAY1 and detail.outcome == "disclose" and detail.outcome_label == "予以公开"
    assert detail.remedies[0].result == "corrected"
    assert [t.trigger for t in detail.available_triggers] == ["reopen"]


def test_another_agencys_case_answers_not_found_exactly_like_a_missing_case(session_factory, people,
                                                                            create_case):
    case = create_case()
    with pytest.raises(NotFound) as other_agency:
        case_detail(session_factory, case.id, actor_id=people.outsider, today=DAY1)
    with pytest.raises(NotFound) as missing:
        case_detail(session_factory, 999_999, actor_id=people.outsider, today=DAY1)
    assert other_agency.value.message == missing.value.message.replace("999999", str(case.id))


def test_an_unknown_or_disabled_reader_is_refused(session_factory, people, create_case):
    case = create_case()
    with pytest.raises(PermissionDenied):
        case_detail(session_factory, case.id, actor_id=999_999, today=DAY1)


def test_review_comments_name_their_author(session_factory, people, create_case):
    case = create_case("reply.in_review")
    sv.return_reply(session_factory, cmd.ReturnReply(comment="请补充送达方式"), actor_id=people.reviewer,
                    case_id=case.id, expected_version=case.version, today=DAY1)
    detail = case_detail(session_factory, case.id, actor_id=people.clerk, today=DAY1)
    assert [(c.author_name, c.text, c.trigger) for c in detail.comments] == [("reviewer", "请补充送达方式",
                                                                              "return_reply")]


def test_consultations_corrections_and_fee_notices_are_listed(session_factory, people, create_case):
    consulted = case_detail(session_factory, create_case("consultation.awaiting_opinions").id,
                            actor_id=people.clerk, today=DAY1)
    assert [c.consultee_name for c in consulted.consultations] == ["某建设公司"]
    assert consulted.deadline.paused and consulted.deadline.level == "paused"
    corrected = case_detail(session_factory, create_case("correction.awaiting_applicant").id,
                            actor_id=people.clerk, today=DAY1)
    assert corrected.corrections[0].items == ("description",) and corrected.deadline.level == "paused"
    charged = case_detail(session_factory, create_case("registration.awaiting_fee").id,
                          actor_id=people.clerk, today=DAY1)
    assert charged.fee_notices[0].quantity == 50 and charged.fee_notices[0].paid_on is None
