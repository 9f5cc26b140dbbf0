"""Named calendar cases: 调休, the 2020 extension, year boundaries, provisional years, overlays, bad data."""
from __future__ import annotations

import shutil
from datetime import date

import pytest

from rules.calendar import (DATA_DIR, CalendarDataError, CalendarYearMissing, UnknownRegion, clear_cache,
                            load_calendar)

FIXTURES = __import__("pathlib").Path(__file__).resolve().parents[1] / "fixtures" / "calendar"


@pytest.fixture
def cal():
    return load_calendar()


def test_a_tiaoxiu_saturday_is_a_working_day_and_counts(cal):
    assert cal.is_working_day(date(2026, 10, 10))  # 国庆 调休 Saturday
    assert cal.add_working_days(date(2026, 10, 9), 1) == date(2026, 10, 10)
    assert cal.add_working_days(date(2026, 9, 28), 20) == date(2026, 10, 30)


def test_the_2020_spring_festival_extension_is_honoured(cal):
    # 国办发明电〔2020〕1号 extended the holiday to 2 February; 1 February (Sat) was no longer a working day.
    assert not cal.is_working_day(date(2020, 1, 31))
    assert not cal.is_working_day(date(2020, 2, 1))
    assert cal.add_working_days(date(2020, 1, 23), 1) == date(2020, 2, 3)


def test_counting_across_new_year_uses_the_sunday_working_day(cal):
    # 2026 元旦: 1/1–1/3 off, Sunday 1/4 worked.
    assert cal.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 4)
    assert cal.working_days_between(date(2025, 12, 31), date(2026, 1, 5)) == 2
    assert cal.working_days_between(date(2026, 1, 5), date(2026, 1, 5)) == 0


def test_the_start_day_itself_never_counts(cal):
    assert cal.add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)  # Fri → next Mon


def test_2027_is_provisional_with_statutory_holidays_and_no_tiaoxiu(cal):
    assert cal.official_years[-1] == 2026
    assert not cal.is_official(date(2027, 3, 1)) and cal.is_official(date(2026, 3, 1))
    # 2024 放假办法: 春节 除夕–初三; Spring Festival 2027 is 6 February, so 除夕 is 5 February.
    # 2/6–2/7 fall on the weekend: 第六条 补假 on the following weekdays 2/9 and 2/10.
    assert [cal.is_working_day(date(2027, 2, d)) for d in range(4, 12)] == [True] + [False] * 6 + [True]
    assert not cal.is_working_day(date(2027, 6, 9))  # 端午 (lunar 5/5)
    assert not cal.is_working_day(date(2027, 9, 15))  # 中秋 (lunar 8/15)
    assert cal.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_a_provisional_holiday_on_a_weekend_is_made_up_on_the_next_weekdays(cal):
    # 《全国年节及纪念日放假办法》第六条. 2027: 劳动节 5/1–5/2 (Sat–Sun) → 5/3–5/4; 国庆 10/2–10/3 (Sat–Sun) → 10/4–10/5.
    assert [cal.is_working_day(date(2027, 5, d)) for d in range(3, 6)] == [False, False, True]
    assert [cal.is_working_day(date(2027, 10, d)) for d in range(4, 7)] == [False, False, True]
    assert cal.day_info(date(2027, 5, 3)).holiday == "劳动节（补假）"


def test_a_provisional_mid_autumn_inside_national_day_is_made_up(cal):
    # 2028: 中秋 (lunar 8/15) is 10/3, inside 国庆 10/1–10/3; 10/1 is a Sunday. Two days are made up: 10/4, 10/5.
    assert cal.day_info(date(2028, 10, 3)).holiday == "中秋节"
    assert [cal.is_working_day(date(2028, 10, d)) for d in range(2, 7)] == [False, False, False, False, True]


def test_the_2013_rules_apply_to_provisional_years_before_2025(tmp_path):
    shutil.copytree(DATA_DIR, tmp_path / "data")
    for year in (2024, 2025, 2026):
        (tmp_path / "data" / f"{year}.toml").unlink()
    cal = load_calendar(data_dir=tmp_path / "data")
    assert cal.is_working_day(date(2024, 2, 9))  # 除夕 2024: not a statutory holiday under the 2013 rules
    assert not cal.is_working_day(date(2025, 1, 28))  # 除夕 2025: a holiday under the 2024 revision
    assert cal.is_working_day(date(2024, 5, 2)) and not cal.is_working_day(date(2025, 5, 2))  # 劳动节 1 → 2 days


def test_the_edges_of_the_covered_range(cal):
    assert cal.add_working_days(date(2017, 12, 31), 1) == date(2018, 1, 2)  # 2018-01-01 is 元旦
    assert cal.working_days_between(date(2017, 12, 31), date(2018, 1, 2)) == 1
    assert cal.add_working_days(date(2029, 12, 28), 1) == date(2029, 12, 31)
    assert cal.sub_working_days(date(2018, 1, 3), 1) == date(2018, 1, 2)
    assert cal.find_following_working_day(date(2026, 10, 3)) == date(2026, 10, 8)
    with pytest.raises(CalendarYearMissing, match="暂定（仅法定节日）至 2029 年"):
        cal.add_working_days(date(2029, 12, 31), 1)


def test_late_december_of_the_last_official_year_waits_for_the_next_notice(cal, tmp_path):
    assert cal.is_official(date(2026, 12, 19)) and not cal.is_official(date(2026, 12, 20))
    assert cal.is_official(date(2025, 12, 31))
    shutil.copytree(DATA_DIR, tmp_path / "data")
    (tmp_path / "data" / "2027.toml").write_text('year = 2027\n[[notices]]\ntitle = "t"\n[[holidays]]\n'
                                                 'name = "元旦"\noff = [2027-01-01]\n', encoding="utf-8")
    assert load_calendar(data_dir=tmp_path / "data").is_official(date(2026, 12, 31))


@pytest.mark.parametrize("first,last,missing", [
    (date(2026, 3, 2), date(2026, 12, 19), ()),  # every day settled by the 2026 notice
    (date(2026, 11, 27), date(2026, 12, 20), (2027,)),  # late December waits for the 2027 notice
    (date(2026, 12, 28), date(2027, 1, 8), (2027,)),
    (date(2025, 12, 1), date(2025, 12, 31), ()),  # the 2026 notice is loaded: 2025 is settled
    (date(2027, 3, 1), date(2028, 2, 1), (2027, 2028)),
])
def test_missing_notices_names_the_notice_years_a_range_depends_on(cal, first, last, missing):
    assert cal.missing_notices(first, last) == missing
    assert bool(missing) == any(not cal.is_official(d.day) for d in cal.days(first, last))


def test_workalendar_entry_points_that_would_bypass_the_index_are_refused(cal):
    with pytest.raises(TypeError):
        cal.is_working_day(date(2026, 10, 10), extra_holidays=[date(2026, 10, 12)])
    with pytest.raises(TypeError):
        cal.holidays()
    with pytest.raises(TypeError):
        cal.add_working_days(date(2026, 10, 9), 2.0)


def test_concurrent_first_loads_build_one_shared_calendar():
    import threading
    clear_cache()
    barrier, results = threading.Barrier(8), []

    def load():
        barrier.wait()
        results.append(load_calendar())

    threads = [threading.Thread(target=load) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(r) for r in results}) == 1


def test_years_outside_the_range_raise_calendar_year_missing(cal):
    with pytest.raises(CalendarYearMissing):
        cal.is_working_day(date(2017, 12, 29))
    with pytest.raises(CalendarYearMissing):
        cal.add_working_days(date(2029, 12, 28), 20)


def test_adding_a_year_file_makes_that_year_official_without_code_change(tmp_path):
    shutil.copytree(DATA_DIR, tmp_path / "data")
    (tmp_path / "data" / "2027.toml").write_text(
        'year = 2027\n[[notices]]\ntitle = "测试通知"\n'
        '[[holidays]]\nname = "元旦"\noff = [2027-01-01, 2027-01-02, 2027-01-03]\nwork = [2027-01-09]\n',
        encoding="utf-8")
    cal = load_calendar(data_dir=tmp_path / "data")
    assert cal.is_official(date(2027, 1, 9)) and cal.is_working_day(date(2027, 1, 9))
    assert cal.official_years[-1] == 2027 and not cal.is_official(date(2028, 1, 3))


def test_a_regional_overlay_adds_days_off_for_that_region_only():
    regional = load_calendar(region="450102", regions_dir=FIXTURES / "regions")
    national = load_calendar(regions_dir=FIXTURES / "regions")
    assert national.is_working_day(date(2026, 4, 20)) and not regional.is_working_day(date(2026, 4, 20))
    assert not regional.is_working_day(date(2026, 4, 22))  # prefecture overlay 450100 on top
    assert regional.is_working_day(date(2026, 4, 25))  # the overlay's working Saturday
    assert regional.add_working_days(date(2026, 4, 17), 1) == date(2026, 4, 23)
    # the prefecture overlay overrides its province: 4/26 is a working Sunday in 450000, a day off in 450100
    province = load_calendar(region="450000", regions_dir=FIXTURES / "regions")
    assert province.is_working_day(date(2026, 4, 26)) and not regional.is_working_day(date(2026, 4, 26))
    assert load_calendar(region="440300", regions_dir=FIXTURES / "regions").is_working_day(date(2026, 4, 20))


@pytest.mark.parametrize("code", ["990000", "45", "abc123", 450000, "7100000"])
def test_an_unknown_region_code_is_refused_with_a_clear_message(code):
    with pytest.raises(UnknownRegion, match="未知的行政区划代码"):
        load_calendar(region=code)


BAD_FILES = {
    "date twice": ('year = 2026\n[[notices]]\ntitle = "t"\n[[holidays]]\nname = "元旦"\n'
                   'off = [2026-01-01]\nwork = []\n[[holidays]]\nname = "春节"\noff = [2026-01-01]\n', 10, "重复"),
    "weekday as working weekend": ('year = 2026\n[[notices]]\ntitle = "t"\n[[holidays]]\nname = "元旦"\n'
                                   'off = []\nwork = [2026-01-05]\n', 7, "不能标为调休上班"),
    "date outside the year": ('year = 2026\n[[notices]]\ntitle = "t"\n[[holidays]]\nname = "元旦"\n'
                              'off = [2025-12-31]\n', 6, "不在本文件所属的 2026 年"),
    "toml syntax": ('year = 2026\n[[notices]]\ntitle = "t\n', 3, "TOML"),
    "year mismatch": ('year = 2025\n[[notices]]\ntitle = "t"\n[[holidays]]\n', 1, "与文件名不一致"),
    "misspelt key": ('year = 2026\n[[notices]]\ntitle = "t"\n[[holidays]]\nname = "元旦"\n'
                     'of = [2026-01-01]\n', 6, "未知的字段 'of'"),
    "a list instead of a date": ('year = 2026\n[[notices]]\ntitle = "t"\n[[holidays]]\nname = "元旦"\n'
                                 'off = [[2026-01-01]]\n', 6, "不是日期"),
    "year not an integer": ('year = 2026.0\n[[notices]]\ntitle = "t"\n[[holidays]]\n', 1, "与文件名不一致"),
    "flag not a boolean": ('year = 2026\n[[notices]]\ntitle = "t"\nnumber_verified = "false"\n[[holidays]]\n',
                           2, "number_verified"),
    "no notice": ('year = 2026\n[[holidays]]\nname = "元旦"\noff = [2026-01-01]\n', None, "notices"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_malformed_data_file_is_refused_naming_file_and_line_and_nothing_loads(tmp_path, case):
    text, line, message = BAD_FILES[case]
    shutil.copytree(DATA_DIR, tmp_path / "data")
    bad = tmp_path / "data" / "2026.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(CalendarDataError, match=message) as info:
        load_calendar(data_dir=tmp_path / "data")
    assert info.value.path == bad
    assert info.value.line == line
    assert "2026.toml" in str(info.value)


def test_a_malformed_overlay_is_refused(tmp_path):
    (tmp_path / "450000.toml").write_text('region = "450000"\nname = "x"\n[[notices]]\ntitle = "t"\n'
                                          '[[holidays]]\nname = "x"\nwork = [2026-04-22]\n', encoding="utf-8")
    with pytest.raises(CalendarDataError, match="450000.toml 第 7 行"):
        load_calendar(region="450000", regions_dir=tmp_path)


def test_an_edited_data_file_is_picked_up_without_clearing_the_cache(tmp_path):
    shutil.copytree(DATA_DIR, tmp_path / "data")
    before = load_calendar(data_dir=tmp_path / "data")
    assert load_calendar(data_dir=tmp_path / "data") is before
    (tmp_path / "data" / "2027.toml").write_text('year = 2027\n[[notices]]\ntitle = "t"\n[[holidays]]\n'
                                                 'name = "元旦"\noff = [2027-01-01]\n', encoding="utf-8")
    after = load_calendar(data_dir=tmp_path / "data")
    assert after is not before and after.official_years[-1] == 2027


def test_loaded_calendars_are_cached_until_cleared():
    first = load_calendar()
    assert load_calendar() is first
    clear_cache()
    assert load_calendar() is not first
