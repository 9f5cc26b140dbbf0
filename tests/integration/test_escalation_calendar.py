"""Calendar alerts of the escalation job: from 1 November, next year's notice missing → every agency's
admins once a day; once the year is loaded (by hand or by an admin's upload) → one alert per agency with the
number of due dates the recompute changed."""
from __future__ import annotations

import shutil
from datetime import date, datetime
from functools import partial
from pathlib import Path

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from rules.calendar import load_calendar, set_installation_dir
from tests.support.escalation import add_user, agency_of, alerts, recipients_of, register
from workflow.jobs.escalation import escalate
from workflow.legal_time import LEGAL_TZ
from workflow.models import Application, JobRun, Role
from workflow.services.calendar_install import install_calendar_year

FIXTURE = Path(__file__).parents[1] / "fixtures" / "calendar" / "install" / "2027.toml"


REAL_NOW = datetime(2026, 12, 31, 12, 0, tzinfo=LEGAL_TZ)  # the tests' "now", whatever the real date


def _run(sf, day: date, **options):
    """The job on ``day`` at 08:00 Beijing time."""
    return escalate(sf, datetime(day.year, day.month, day.day, 8, 0, tzinfo=LEGAL_TZ), real_now=REAL_NOW,
                    **options)


@pytest.fixture
def folder(installed_calendar_dir) -> Path:
    set_installation_dir(installed_calendar_dir)  # as create_app does
    return installed_calendar_dir


@pytest.fixture
def admins(session_factory, people) -> dict[int, int]:
    """Agency id -> its admin."""
    home, other = agency_of(session_factory, people.clerk), agency_of(session_factory, people.outsider)
    return {home: add_user(session_factory, home, "admin", Role.ADMIN),
            other: add_user(session_factory, other, "admin2", Role.ADMIN)}


def test_before_november_a_missing_next_year_raises_no_alert(session_factory, folder, admins):
    _run(session_factory, date(2026, 10, 30))
    assert alerts(session_factory) == []


def test_from_november_each_agency_s_admins_are_alerted_once_a_day(session_factory, folder, admins):
    first = _run(session_factory, date(2026, 11, 2))
    again = _run(session_factory, date(2026, 11, 2))
    _run(session_factory, date(2026, 11, 3))
    found = alerts(session_factory, kind="calendar_missing")
    assert len(first.created) == 2 and again.created == [] and len(found) == 4
    for alert in found:
        assert (alert.level, alert.record_id, alert.application_id) == ("urgent", 2027, None)
        assert recipients_of(session_factory, alert.id) == {admins[alert.agency_id]}
        assert "尚未载入 2027 年的全国节假日安排" in alert.message and "上传" in alert.message
    assert {(a.agency_id, a.legal_date) for a in found} == {
        (agency, day) for agency in admins for day in (date(2026, 11, 2), date(2026, 11, 3))}


def test_a_next_year_beyond_even_the_provisional_calendar_is_missing_not_an_error(session_factory, folder,
                                                                                  admins):
    package_only = partial(load_calendar, provisional_years=0)  # 2027 cannot even be computed
    result = _run(session_factory, date(2026, 11, 2), calendar_loader=package_only)
    assert [a.kind for a in result.created] == ["calendar_missing"] * 2


def test_one_agency_only_alerts_its_own_admins(session_factory, folder, admins, people):
    other = agency_of(session_factory, people.outsider)
    _run(session_factory, date(2026, 11, 2), agency_id=other)
    assert [a.agency_id for a in alerts(session_factory)] == [other]


@pytest.fixture
def late_case(session_factory, people):
    """Received 2026-11-25: due 2026-12-23, 暂定 until next year's notice is loaded (after 20 December)."""
    return register(session_factory, people, date(2026, 11, 25)).id


def _stored(sf, case_id):
    with sf() as session:
        case = session.get(Application, case_id)
        return case.due_date, case.due_provisional


def test_a_year_copied_in_by_hand_is_recomputed_and_reported_once(session_factory, folder, admins, people,
                                                                  late_case):
    _run(session_factory, date(2026, 11, 2))
    assert _stored(session_factory, late_case)[1] is True
    shutil.copy(FIXTURE, folder / "2027.toml")
    result = _run(session_factory, date(2026, 12, 1))
    assert result.recomputed == 1 and _stored(session_factory, late_case)[1] is False
    loaded = alerts(session_factory, kind="calendar_loaded")
    assert sorted(a.agency_id for a in loaded) == sorted(admins)
    home = next(a for a in loaded if a.agency_id == agency_of(session_factory, people.clerk))
    assert home.level == "info" and "1 件的期限有变更" in home.message
    assert recipients_of(session_factory, home.id) == {admins[home.agency_id]}
    missing = alerts(session_factory, kind="calendar_missing")
    assert [a.legal_date for a in missing] == [date(2026, 11, 2)] * 2
    assert _run(session_factory, date(2026, 12, 2)).created == []


def test_an_upload_whose_recompute_never_finished_is_completed_by_the_next_run(session_factory, folder,
                                                                            admins, late_case):
    """The year is installed (before any alert: e.g. in October) but its worker died before the recompute:
    the case still says 暂定 although the calendar now settles its due date; the job recomputes."""
    shutil.copy(FIXTURE, folder / "2027.toml")
    assert _stored(session_factory, late_case)[1] is True
    with session_factory.begin() as session:
        session.add(JobRun(job="calendar_upload", legal_date=date(2026, 10, 20), status="running",
                           started_at=datetime(2026, 10, 20, 2, 0, tzinfo=LEGAL_TZ)))
    result = _run(session_factory, date(2026, 12, 1))
    assert result.recomputed == 1 and _stored(session_factory, late_case)[1] is False
    with session_factory() as session:
        upload = session.scalars(select(JobRun).where(JobRun.job == "calendar_upload")).one()
    assert upload.status == "failed" and "运行中断" in upload.summary["error"]
    assert _run(session_factory, date(2026, 12, 2)).recomputed is None  # nothing stale any more


def test_a_late_december_due_date_stays_provisional_and_is_not_recomputed_daily(session_factory, folder,
                                                                             admins, late_case):
    result = _run(session_factory, date(2026, 12, 1))  # 2027 not loaded: 2026-12-23 is rightly 暂定
    assert result.recomputed is None and _stored(session_factory, late_case)[1] is True


def test_another_agencys_limited_run_does_not_hide_the_changes_from_this_agency(session_factory, folder,
                                                                             admins, people, late_case):
    """A run limited to the other agency recomputes every case (the calendar is the installation's); this
    agency's 「日历已载入」 alert, on its own later run, still counts its changed case."""
    _run(session_factory, date(2026, 11, 2))
    shutil.copy(FIXTURE, folder / "2027.toml")
    home, other = agency_of(session_factory, people.clerk), agency_of(session_factory, people.outsider)
    assert _run(session_factory, date(2026, 12, 1), agency_id=other).recomputed == 1
    assert _stored(session_factory, late_case)[1] is False
    _run(session_factory, date(2026, 12, 2), agency_id=home)
    [alert] = alerts(session_factory, kind="calendar_loaded", agency_id=home)
    assert "1 件的期限有变更" in alert.message


def test_a_year_an_admin_uploaded_reports_the_changes_of_the_upload(session_factory, folder, admins, people,
                                                                    late_case):
    with freeze_time("2026-11-02 00:30:00"):  # the warning (recorded times in order: warning, upload)
        _run(session_factory, date(2026, 11, 2))
    with freeze_time("2026-11-30 02:00:00"):
        install_calendar_year(session_factory, content=FIXTURE.read_bytes(), filename="2027.toml",
                              directory=folder, today=date(2026, 11, 30))
    result = _run(session_factory, date(2026, 12, 1))
    assert result.recomputed == 0  # the upload recomputed already
    home = agency_of(session_factory, people.clerk)
    [alert] = alerts(session_factory, kind="calendar_loaded", agency_id=home)
    assert "1 件的期限有变更" in alert.message
    [other] = [a for a in alerts(session_factory, kind="calendar_loaded") if a.agency_id != home]
    assert "0 件的期限有变更" in other.message
    with session_factory() as session:
        assert session.scalars(select(JobRun.job).order_by(JobRun.id)).all() == [
            "escalate", "calendar_upload", "escalate"]
