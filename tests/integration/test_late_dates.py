"""Dates recorded after the fact: a corrected application after its period (条例第三十条: 逾期视为放弃申请) needs
a good reason and is recorded as a breach; receipt dates of notices and letters lie between sending and today.

Hand-checked dates: the 补正告知书 of ``correction.awaiting_applicant`` is sent 2026-03-03 with period to 03-10.
"""
from datetime import date

import pytest

from tests.integration.conftest import DAY1, load, snapshot
from workflow import services as sv
from workflow.errors import GuardFailed

LATE = date(2026, 3, 12)


def test_a_correction_received_after_its_period_needs_a_reason(session_factory, people, create_case):
    case = create_case("correction.awaiting_applicant")
    before = snapshot(session_factory)
    with pytest.raises(GuardFailed) as refused:
        sv.receive_correction(session_factory, people.clerk, case.id, case.version, received_on=LATE,
                              today=LATE)
    assert refused.value.message == ("补正材料在补正期限（2026-03-10）届满后才收到，依条例第三十条视为放弃申请；"
                                     "如有正当理由继续办理，请填写理由")
    assert snapshot(session_factory) == before


def test_a_late_correction_accepted_for_a_reason_is_recorded_as_a_breach(session_factory, people, create_case):
    case = create_case("correction.awaiting_applicant")
    case = sv.receive_correction(session_factory, people.clerk, case.id, case.version, received_on=LATE,
                                 today=LATE, reason="邮政延误，申请人已于期限内寄出（有邮戳）")
    payload = load(session_factory, case.id).history[-1].payload
    assert payload["breach"] == {"rule": "条例第三十条", "due_on": "2026-03-10",
                                 "message": "补正期限 2026-03-10 届满后才收到补正材料"}
    assert payload["reason"] == "邮政延误，申请人已于期限内寄出（有邮戳）"
    assert sv.state_of(case) == "registration.processing"


def test_a_correction_within_its_period_records_no_breach(session_factory, people, create_case):
    case = create_case("correction.awaiting_applicant")
    case = sv.receive_correction(session_factory, people.clerk, case.id, case.version,
                                 received_on=date(2026, 3, 10), today=LATE)
    assert "breach" not in load(session_factory, case.id).history[-1].payload
