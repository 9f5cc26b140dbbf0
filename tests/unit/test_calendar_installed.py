"""Calendar years installed by an installation (``set_installation_dir``) beside the package's data."""
from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from rules.calendar import (DATA_DIR, CalendarDataError, calendar_with, installation_dir, load_calendar,
                            package_years, set_installation_dir)
from rules.calendar.datafiles import read_year_file

FIXTURE_2027 = Path(__file__).parents[1] / "fixtures" / "calendar" / "install" / "2027.toml"


@pytest.fixture
def installed(tmp_path) -> Path:
    folder = tmp_path / "calendar"
    folder.mkdir()
    set_installation_dir(folder)
    return folder


def test_an_installed_year_becomes_official_and_its_tiaoxiu_counts(installed):
    assert not load_calendar().is_official(date(2027, 6, 30))
    assert load_calendar().add_working_days(date(2026, 12, 10), 20) == date(2027, 1, 8)
    shutil.copy(FIXTURE_2027, installed / "2027.toml")
    calendar = load_calendar()  # no clear_cache: the folder's listing is part of the cache key
    assert calendar.is_official(date(2027, 6, 30)) and calendar.is_official(date(2026, 12, 31))
    assert calendar.is_working_day(date(2027, 1, 3))  # the Sunday worked after 元旦
    assert calendar.add_working_days(date(2026, 12, 10), 20) == date(2027, 1, 7)


def test_a_year_the_package_has_is_always_taken_from_the_package(installed):
    (installed / "2026.toml").write_text('year = 2026\n[[notices]]\ntitle = "t"\n[[holidays]]\n'
                                         'name = "x"\noff = [2026-03-02]\n', encoding="utf-8")
    calendar = load_calendar()
    assert calendar.is_working_day(date(2026, 3, 2))
    assert calendar.files[2026].path.parent == DATA_DIR


def test_a_replaced_file_is_noticed_even_with_the_same_size_and_time(installed):
    shutil.copy(FIXTURE_2027, installed / "2027.toml")
    before = load_calendar()
    text = FIXTURE_2027.read_text(encoding="utf-8")
    changed = text.replace("work = [2027-01-03]", "work = [2027-01-09]")  # the same size
    stat = (installed / "2027.toml").stat()
    (installed / "next.tmp").write_text(changed, encoding="utf-8")
    os.utime(installed / "next.tmp", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(installed / "next.tmp", installed / "2027.toml")
    after = load_calendar()
    assert after is not before
    assert after.is_working_day(date(2027, 1, 9)) and not after.is_working_day(date(2027, 1, 3))


def test_a_bad_installed_file_stops_loading_naming_its_file_and_line(installed):
    (installed / "2027.toml").write_text('year = 2027\n[[notices]]\ntitle = "t"\n[[holidays]]\n'
                                         'name = "x"\noff = [2027-13-01]\n', encoding="utf-8")
    with pytest.raises(CalendarDataError, match=r"2027\.toml 第 6 行"):
        load_calendar()


def test_without_an_installation_folder_only_the_package_data_counts(installed):
    shutil.copy(FIXTURE_2027, installed / "2027.toml")
    set_installation_dir(None)
    assert installation_dir() is None
    assert not load_calendar().is_official(date(2027, 6, 30))
    assert load_calendar(installed_dir=installed).is_official(date(2027, 6, 30))


def test_a_missing_installation_folder_is_no_error(tmp_path):
    set_installation_dir(tmp_path / "not-yet")
    assert load_calendar().official_years[-1] == 2026


def test_an_uploaded_text_is_validated_like_a_stored_file():
    text = FIXTURE_2027.read_text(encoding="utf-8")
    assert read_year_file(Path("2027.toml"), text).year == 2027
    with pytest.raises(CalendarDataError, match=r"2027\.toml 第 \d+ 行：.*重复"):
        read_year_file(Path("2027.toml"), text.replace("off = [2027-04-05]", "off = [2027-01-01]"))
    with pytest.raises(CalendarDataError, match="文件名应为 YYYY.toml"):
        read_year_file(Path("calendar.toml"), text)


def test_a_year_is_checked_against_the_whole_calendar_before_it_is_stored(installed):
    upload = read_year_file(Path("2027.toml"), FIXTURE_2027.read_text(encoding="utf-8"))
    assert calendar_with(upload).is_official(date(2027, 6, 30))
    assert not (installed / "2027.toml").exists() and not load_calendar().is_official(date(2027, 6, 30))
    far = read_year_file(Path("2099.toml"), 'year = 2099\nholidays = []\n[[notices]]\ntitle = "t"\n')
    with pytest.raises(CalendarDataError, match="无法据此建立工作日历"):
        calendar_with(far)  # its provisional years would lie beyond the lunar tables
    assert package_years()[0] == 2018 and 2026 in package_years()
