"""public_status: what the portal shows for a tracking number and its 查询码 — and nothing else."""
from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from tests.support.factories import DAY1, T0
from workflow.errors import NotFound
from workflow.models import Application
from workflow.queries import PublicStatus, public_status


def _codes(session_factory, case_id):
    with session_factory() as session:
        case = session.get(Application, case_id)
        return case.tracking_number, case.query_code


def test_the_portal_shows_stage_in_plain_words_and_the_dates(session_factory, create_case):
    number, code = _codes(session_factory, create_case().id)
    status = public_status(session_factory, number, code)
    assert status == PublicStatus(number, "某市交通运输局", "正在办理", T0, date(2026, 3, 30), False, None)


def test_an_issued_reply_shows_its_date_and_nothing_personal(session_factory, create_case):
    number, code = _codes(session_factory, create_case("reply.issued").id)
    status = public_status(session_factory, f" {number} ", code.lower())  # as an applicant may type it
    assert (status.status, status.issued_on, status.due_date) == ("已作出答复", DAY1, None)
    values = " ".join(str(getattr(status, f.name)) for f in dataclasses.fields(status))
    assert "赵六" not in values and "1380000" not in values and "道路养护" not in values


def test_a_wrong_code_answers_exactly_like_an_unknown_number(session_factory, create_case):
    number, code = _codes(session_factory, create_case().id)
    other_number, other_code = _codes(session_factory, create_case().id)
    answers = []
    for arguments in [(number, code[:-1] + ("0" if code[-1] != "0" else "1")), ("2099-9999", code),
                      (number, other_code), (number, ""), ("", code), (number, "x" * 10_000), (None, None)]:
        with pytest.raises(NotFound) as refused:
            public_status(session_factory, *arguments)
        answers.append(refused.value.message)
    assert len(set(answers)) == 1 and "查询码" in answers[0]
    assert public_status(session_factory, other_number, other_code).tracking_number == other_number
