"""延期答复 (条例第三十三条第二款) follows the clock: the live deadline decides "before it expires", one extension per
reply period (a corrected application starts a new one, 条例第三十条), none once a 条例第三十五条 period is set.

Hand-checked dates (2026 official calendar): T0 = 2026-03-02 (Mon), due 20 WD later = 2026-03-30;
清明 2026-04-06 and 劳动节 05-01..05-05 are holidays, Saturday 05-09 is a working day.
"""
from datetime import date

import pytest

from tests.support.factories import DAY1, load, snapshot
from workflow import commands as cmd
from workflow import services as sv
from workflow.errors import GuardFailed


def test_an_extension_during_a_consultation_counts_from_the_live_deadline_not_the_stored_one(
        session_factory, people, create_case):
    case = create_case("consultation.awaiting_opinions")  # letter sent 2026-03-03; stored due 2026-03-30
    assert case.due_date == date(2026, 3, 30)
    # On 03-31 the pause (03-03, 03-31] has removed 20 WD: only 03-03 counted, 19 WD left → due 04-28.
    case = sv.extend_deadline(
        session_factory, cmd.ExtendDeadline(days=10, reason="需调取多个科室档案"), actor_id=people.supervisor,
        case_id=case.id, expected_version=case.version, today=date(2026, 3, 31))
    # 10 more WD after 04-28: 04-29, 04-30, 05-06, 05-07, 05-08, 05-09 (调休), 05-11 … 05-14
    assert case.due_date == date(2026, 5, 14)
    assert load(session_factory, case.id).history[-1].trigger == "extend_deadline"


def test_an_extension_after_the_live_deadline_is_still_refused_with_that_date(session_factory, people,
                                                                              create_case):
    case = create_case()
    with pytest.raises(GuardFailed) as refused:
        sv.extend_deadline(
            session_factory, cmd.ExtendDeadline(days=5, reason="r"), actor_id=people.supervisor,
            case_id=case.id, expected_version=case.version, today=date(2026, 3, 31))
    assert refused.value.message == "延期须在答复期限届满前决定（截止日期为2026-03-30）"


def test_no_extension_once_a_delayed_period_is_set(session_factory, people, create_case):
    case = create_case()
    case = sv.set_delayed_period(
        session_factory, cmd.SetDelayedPeriod(due_on=date(2026, 5, 29), reason="申请数量明显超过合理范围"),
        actor_id=people.supervisor, case_id=case.id, expected_version=case.version, today=DAY1)
    before = snapshot(session_factory)
    with pytest.raises(GuardFailed) as refused:
        sv.extend_deadline(
            session_factory, cmd.ExtendDeadline(days=10, reason="r"), actor_id=people.supervisor,
            case_id=case.id, expected_version=case.version, today=date(2026, 3, 4))
    assert refused.value.message == ("已确定合理的延迟答复期限至2026年5月29日，截止日期以此为准（条例第三十五条），"
                                     "不能再延长答复期限")
    assert snapshot(session_factory) == before


def test_a_corrected_application_starts_a_new_period_that_may_be_extended_once_more(session_factory, people,
                                                                                  create_case):
    case = create_case()
    case = sv.extend_deadline(
        session_factory, cmd.ExtendDeadline(days=5, reason="r"), actor_id=people.supervisor, case_id=case.id,
        expected_version=case.version, today=DAY1)
    case = sv.request_correction(
        session_factory, cmd.RequestCorrection(items=["description"], due_on=date(2026, 3, 20)),
        actor_id=people.clerk, case_id=case.id, expected_version=case.version, today=date(2026, 3, 4))
    case = sv.receive_correction(
        session_factory, cmd.ReceiveCorrection(received_on=date(2026, 3, 5)), actor_id=people.clerk,
        case_id=case.id, expected_version=case.version, today=date(2026, 3, 5))
    assert case.due_date == date(2026, 4, 2)  # 20 WD after 03-05: the first extension no longer counts
    case = sv.extend_deadline(
        session_factory, cmd.ExtendDeadline(days=10, reason="r"), actor_id=people.supervisor, case_id=case.id,
        expected_version=case.version, today=date(2026, 3, 6))
    assert case.due_date == date(2026, 4, 17)  # 30 WD after 03-05 (清明 04-06 off)
    with pytest.raises(GuardFailed, match="本案已延期一次（2026年3月6日决定）"):
        sv.extend_deadline(
            session_factory, cmd.ExtendDeadline(days=1, reason="r"), actor_id=people.supervisor,
            case_id=case.id, expected_version=case.version, today=date(2026, 3, 9))
