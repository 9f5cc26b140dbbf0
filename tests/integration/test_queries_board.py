"""case_board: the deadline board's query — order, levels, filters, search, pages, agency isolation."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text

from rules.calendar import load_calendar
from tests.support.factories import registration_data
from workflow import services as sv
from workflow.errors import InvalidInput, PermissionDenied
from workflow.models import Application, Channel, User
from workflow.queries import BoardFilters, Level, board, board_search, case_board

TODAY = date(2026, 3, 26)


def _register(sf, people, received_on, channel=Channel.IN_PERSON, **overrides):
    return sv.register_application(sf, registration_data(channel, received_on=received_on, **overrides),
                                   actor_id=people.clerk, today=received_on)


@pytest.fixture
def board_cases(session_factory, people, create_case):
    """Cases of every level; returns their ids by name."""
    sf = session_factory
    cases = {
        "overdue": _register(sf, people, date(2026, 2, 2), applicant_name="钱一"),
        "urgent": _register(sf, people, date(2026, 3, 2), applicant_name="孙二"),
        "due_soon": _register(sf, people, date(2026, 3, 3), applicant_name="李三"),
        "normal": _register(sf, people, date(2026, 3, 20), applicant_name="周四",
                            description="2025年100%完成的项目清单"),
        "paused": create_case("consultation.awaiting_opinions"),
        "stopped": create_case("correction.awaiting_applicant"),
        "answered": create_case("reply.issued"),
        "not_started": _register(sf, people, date(2026, 3, 25), Channel.ONLINE),
        "closed": create_case("archive.closed"),
    }
    return {name: case.id for name, case in cases.items()}


def _ids(page):
    return [row.id for row in page.rows]


def test_running_cases_come_first_by_least_time_left_then_paused_stopped_answered_and_unstarted(
        session_factory, people, board_cases):
    page = case_board(session_factory, actor_id=people.clerk, today=TODAY)
    order = ["overdue", "urgent", "due_soon", "normal", "paused", "stopped", "answered", "not_started"]
    assert _ids(page) == [board_cases[name] for name in order]
    assert page.total == 8 and page.pages == 1
    assert [row.level for row in page.rows] == order[:4] + ["paused", "paused", "answered", "not_started"]
    calendar = load_calendar()
    urgent = page.rows[1]
    assert urgent.working_days_left == calendar.working_days_between(TODAY, urgent.due_date) == 2
    assert page.rows[0].working_days_left < 0 and page.rows[4].working_days_left is None
    assert (urgent.level_label, urgent.stage_label, urgent.sub_step_label) == ("紧急", "登记", "办理中")
    assert urgent.applicant_name == "孙二" and urgent.handler_name == "clerk"


def test_each_level_filter_selects_exactly_its_cases(session_factory, people, board_cases):
    for level in ("overdue", "urgent", "due_soon", "normal", "answered", "not_started"):
        page = case_board(session_factory, actor_id=people.clerk, today=TODAY,
                          filters=BoardFilters(level=level))
        assert _ids(page) == [board_cases[level]], level
    paused = case_board(session_factory, actor_id=people.clerk, today=TODAY,
                        filters=BoardFilters(level=Level.PAUSED))
    assert _ids(paused) == [board_cases["paused"], board_cases["stopped"]]


def test_the_levels_follow_the_installations_thresholds(session_factory, people, board_cases):
    """XXGK_DUE_SOON_DAYS / XXGK_URGENT_DAYS: the board shows the levels the escalation job alerts at."""
    page = case_board(session_factory, actor_id=people.clerk, today=TODAY, due_soon_days=10, urgent_days=3)
    levels = {row.id: row.level for row in page.rows}
    assert levels[board_cases["due_soon"]] == "urgent"  # 3 working days left
    assert levels[board_cases["urgent"]] == "urgent" and levels[board_cases["normal"]] == "normal"
    strict = case_board(session_factory, actor_id=people.clerk, today=TODAY, due_soon_days=1, urgent_days=1,
                        filters=BoardFilters(level=Level.DUE_SOON))
    assert strict.rows == ()


def test_search_matches_name_number_and_request_text_with_wildcards_taken_literally(
        session_factory, people, board_cases):
    def search(text):
        return _ids(case_board(session_factory, actor_id=people.clerk, today=TODAY,
                               filters=BoardFilters(search=text)))
    assert search("孙二") == [board_cases["urgent"]]
    assert search("100%完成") == [board_cases["normal"]]
    assert search("%") == [board_cases["normal"]]
    assert search("_") == []
    number = case_board(session_factory, actor_id=people.clerk, today=TODAY).rows[0].tracking_number
    assert search(number) == [board_cases["overdue"]]


def test_stage_channel_received_and_handler_filters_combine(session_factory, people, board_cases):
    def ids(**filters):
        return set(_ids(case_board(session_factory, actor_id=people.clerk, today=TODAY,
                                   filters=BoardFilters(**filters))))
    assert ids(stage="correction") == {board_cases["stopped"]}
    assert ids(channel=Channel.ONLINE) == {board_cases["not_started"]}
    assert ids(received_from=date(2026, 3, 20), received_to=date(2026, 3, 25)) == {
        board_cases["normal"], board_cases["not_started"]}
    assert len(ids(mine=True)) == 8 and ids(handler_id=people.clerk2) == set()
    assert ids(provisional=True) == set()


def test_awaiting_my_review_lists_cases_in_review_drafted_by_others_for_reviewers_only(
        session_factory, people, create_case):
    in_review = create_case("reply.in_review")
    create_case("reply.drafting")
    mine = case_board(session_factory, actor_id=people.reviewer, today=TODAY,
                      filters=BoardFilters(awaiting_my_review=True))
    assert _ids(mine) == [in_review.id]
    clerk = case_board(session_factory, actor_id=people.clerk, today=TODAY,
                       filters=BoardFilters(awaiting_my_review=True))
    assert clerk.rows == () and clerk.total == 0


def test_pages_split_the_default_order_across_groups_and_keep_the_total(session_factory, people, board_cases):
    whole = _ids(case_board(session_factory, actor_id=people.clerk, today=TODAY))
    pages = [case_board(session_factory, actor_id=people.clerk, today=TODAY, page=n, per_page=3)
             for n in (1, 2, 3)]
    assert [i for page in pages for i in _ids(page)] == whole
    assert [p.total for p in pages] == [8, 8, 8] and pages[0].pages == 3
    beyond = case_board(session_factory, actor_id=people.clerk, today=TODAY, page=9, per_page=3)
    assert beyond.rows == () and beyond.total == 8


def test_beyond_the_count_limit_the_total_is_capped_and_pages_follow_has_next(
        session_factory, people, board_cases, monkeypatch):
    whole = _ids(case_board(session_factory, actor_id=people.clerk, today=TODAY))
    monkeypatch.setattr(board, "COUNT_LIMIT", 5)
    pages = [case_board(session_factory, actor_id=people.clerk, today=TODAY, page=n, per_page=3)
             for n in (1, 2, 3)]
    assert [i for page in pages for i in _ids(page)] == whole
    assert [(p.total, p.total_capped, p.pages) for p in pages] == [(5, True, None)] * 3
    assert [p.has_next for p in pages] == [True, True, False]
    filtered = case_board(session_factory, actor_id=people.clerk, today=TODAY,
                          filters=BoardFilters(level=Level.PAUSED))
    assert (filtered.total, filtered.total_capped, filtered.pages, filtered.has_next) == (2, False, 1, False)


def test_every_sort_pages_through_the_same_cases_with_a_capped_count(
        session_factory, people, board_cases, monkeypatch):
    for sort in ("received", "tracking_number"):
        whole = _ids(case_board(session_factory, actor_id=people.clerk, today=TODAY, sort=sort))
        monkeypatch.setattr(board, "COUNT_LIMIT", 2)
        paged = [i for n in (1, 2, 3, 4) for i in
                 _ids(case_board(session_factory, actor_id=people.clerk, today=TODAY, sort=sort, page=n,
                                 per_page=2))]
        monkeypatch.undo()
        assert paged == whole and len(whole) == 8, sort


def test_other_sorts_order_by_receipt_or_tracking_number(session_factory, people, board_cases):
    newest = case_board(session_factory, actor_id=people.clerk, today=TODAY, sort="received")
    received = [row.received_on for row in newest.rows]
    assert received == sorted(received, reverse=True)
    numbered = case_board(session_factory, actor_id=people.clerk, today=TODAY, sort="tracking_number")
    assert [r.tracking_number for r in numbered.rows] == sorted(r.tracking_number for r in numbered.rows)


def test_another_agency_sees_none_of_these_cases(session_factory, people, board_cases):
    page = case_board(session_factory, actor_id=people.outsider, today=TODAY)
    assert page.rows == () and page.total == 0


@pytest.mark.parametrize("arguments, field", [
    ({"page": 0}, "page"), ({"per_page": 1000}, "per_page"), ({"sort": "colour"}, "sort"),
    ({"filters": BoardFilters(search="长" * 101)}, "search"),
    ({"filters": BoardFilters(received_from=date(2026, 3, 2), received_to=date(2026, 3, 1))},
     "received_from"),
])
def test_malformed_paging_sorting_or_search_is_refused_with_the_field(session_factory, people, arguments,
                                                                     field):
    with pytest.raises(InvalidInput) as refused:
        case_board(session_factory, actor_id=people.clerk, today=TODAY, **arguments)
    assert refused.value.field == field


def test_an_unknown_reader_is_refused(session_factory, people):
    with pytest.raises(PermissionDenied):
        case_board(session_factory, actor_id=123_456, today=TODAY)


def test_a_tracking_number_is_found_by_its_beginning_and_anywhere_among_recent_cases(
        session_factory, people, board_cases):
    def found(text):
        return set(_ids(case_board(session_factory, actor_id=people.clerk, today=TODAY,
                                   filters=BoardFilters(search=text))))
    numbers = {row.id: row.tracking_number for row in case_board(session_factory, actor_id=people.clerk,
                                                                  today=TODAY).rows}
    overdue = numbers[board_cases["overdue"]]
    year, sequence = overdue.split("-")
    assert found(overdue) == {board_cases["overdue"]}
    assert found(f"{year}-") == set(numbers)
    assert found(overdue[:-1]) == {i for i, n in numbers.items() if n.startswith(overdue[:-1])}
    assert board_cases["overdue"] in found(sequence)  # inside the number: within the search window


def test_beyond_the_search_window_names_are_not_read_but_tracking_numbers_still_are(
        session_factory, people, board_cases, monkeypatch):
    monkeypatch.setattr(board_search, "SEARCH_WINDOW", 2)
    overdue = case_board(session_factory, actor_id=people.clerk, today=TODAY).rows[0]
    assert overdue.applicant_name == "钱一"  # received first of all: outside the newest two
    by_name = case_board(session_factory, actor_id=people.clerk, today=TODAY,
                         filters=BoardFilters(search="钱一"))
    assert by_name.rows == () and by_name.search_window == 2
    by_number = case_board(session_factory, actor_id=people.clerk, today=TODAY,
                           filters=BoardFilters(search=overdue.tracking_number))
    assert _ids(by_number) == [overdue.id] and by_number.search_window == 2
    monkeypatch.undo()
    assert case_board(session_factory, actor_id=people.clerk, today=TODAY,
                      filters=BoardFilters(search="钱一")).search_window is None


def test_the_tracking_number_prefix_is_a_range_of_the_unique_index_in_code_point_order(
        session_factory, people, board_cases):
    """SQLite's plan is asserted; PostgreSQL's planner picks by statistics (a few rows here), so there the
    column's code-point collation that makes the range exact is asserted."""
    with session_factory() as session:
        agency = session.get(User, people.clerk).agency_id
        query = select(Application.id).where(board_search.search_condition(agency, "2026-00"))
        dialect = session.get_bind().dialect
        if dialect.name == "sqlite":
            sql = str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
            plan = " ".join(row[-1] for row in session.execute(text("EXPLAIN QUERY PLAN " + sql)))
            index_range = "(agency_id=? AND tracking_number>? AND tracking_number<?)"
            assert f"sqlite_autoindex_application_1 {index_range}" in plan
        else:
            collation = text("SELECT collation_name FROM information_schema.columns WHERE "
                             "table_name = 'application' AND column_name = 'tracking_number'")
            assert session.scalar(collation) == "C"
