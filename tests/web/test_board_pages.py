"""The board page's count and pagination through the test client: exact, and capped at the count limit."""
from __future__ import annotations

import pytest
from freezegun import freeze_time

from tests.support.factories import drive_case
from web import session_factory
from workflow.queries import board, board_search


@pytest.fixture(autouse=True)
def on_day_one():
    """The factories' cases start on T0 = 2026-03-02; the pages act on DAY1 (10:00 in Beijing)."""
    with freeze_time("2026-03-03 02:00:00"):
        yield


@pytest.fixture
def three_cases(app, people):
    return [drive_case(session_factory(app), people) for _ in range(3)]


def test_a_small_board_shows_the_exact_total_and_numbered_pages(app, signed_in, three_cases):
    client = signed_in("clerk")
    first = client.get("/board/?per_page=2").get_data(as_text=True)
    assert "共 3 件在办案件" in first and "第 1 / 2 页" in first and "下一页" in first and "上一页" not in first
    last = client.get("/board/?per_page=2&page=2").get_data(as_text=True)
    assert "第 2 / 2 页" in last and "下一页" not in last and "上一页" in last
    assert "分页" not in client.get("/board/").get_data(as_text=True)


def test_beyond_the_count_limit_the_board_says_so_and_offers_the_next_page(
        app, signed_in, three_cases, monkeypatch):
    monkeypatch.setattr(board, "COUNT_LIMIT", 2)
    client = signed_in("clerk")
    first = client.get("/board/?per_page=1").get_data(as_text=True)
    assert "共 2+ 件在办案件（超过 2 件不再逐件计数，可用筛选缩小范围）" in first
    assert "第 1 页" in first and "下一页" in first
    last = client.get("/board/?per_page=1&page=3").get_data(as_text=True)
    assert three_cases[2].tracking_number in last  # the default order: same due date, then id
    assert "第 3 页" in last and "下一页" not in last and "上一页" in last


def test_a_search_says_when_it_read_names_only_among_the_newest_open_cases(
        app, signed_in, three_cases, monkeypatch):
    client = signed_in("clerk")
    assert "只在最近收到的" not in client.get("/board/?q=不存在的内容").get_data(as_text=True)
    monkeypatch.setattr(board_search, "SEARCH_WINDOW", 2)
    limited = client.get("/board/?q=不存在的内容").get_data(as_text=True)
    assert "申请人和申请内容只在最近收到的 2 件中查找；受理编号按开头在全部在办案件中查找" in limited
    by_number = client.get(f"/board/?q={three_cases[0].tracking_number}").get_data(as_text=True)
    assert three_cases[0].tracking_number in by_number and "共 1 件在办案件" in by_number
