"""信息处理费 brackets of 国办函〔2020〕109号, hand-computed at every bracket edge."""
from __future__ import annotations

import pytest

from rules.replies.errors import FeeError
from rules.replies.fees import (
    MAX_PAGES, MAX_PIECES_PER_MONTH, FeeMethod, compute_fee, page_rate, per_item_fee, per_page_fee,
    piece_rate,
)
from tests.support.timing import at_most


# By hand: pieces 1–10 free; 11–30 are 20 pieces × 100 = 2000; 31–40 are 10 × 200 = 2000 (total 4000);
# 41–50 are 10 × 300 = 3000 (total 7000); the 51st costs 400.
@pytest.mark.parametrize("pieces, amount", [(0, 0), (10, 0), (11, 100), (30, 2000), (31, 2200), (40, 4000),
                                            (41, 4300), (50, 7000), (51, 7400)])
def test_per_item_fee_is_cumulative_over_the_month_at_bracket_edges(pieces, amount):
    assert per_item_fee(pieces) == amount


# By hand: pages 1–30 free; 31–100 are 70 × 10 = 700; 101–200 are 100 × 20 = 2000 (total 2700); then 40 each.
@pytest.mark.parametrize("pages, amount", [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700),
                                           (201, 2740), (210, 3100)])
def test_per_page_fee_uses_marginal_brackets_at_bracket_edges(pages, amount):
    assert per_page_fee(pages) == amount


def test_pieces_earlier_in_the_month_push_this_application_into_higher_brackets():
    fee = compute_fee("per_item", 5, earlier_pieces_this_month=28)  # pieces 29–33: 2 × 100 + 3 × 200
    assert fee.amount == 800
    assert fee.lines == ((29, 30, 100, 200), (31, 33, 200, 600))


def test_a_page_fee_lists_its_brackets():
    fee = compute_fee(FeeMethod.PER_PAGE, 101)
    assert (fee.method, fee.amount) == (FeeMethod.PER_PAGE, 720)
    assert fee.lines == ((1, 30, 0, 0), (31, 100, 10, 700), (101, 101, 20, 20))


def test_both_methods_for_one_application_are_refused():
    with pytest.raises(FeeError, match="只能选择一种计收方式"):
        compute_fee(("per_item", "per_page"), 40)


def test_an_unknown_method_or_a_negative_quantity_is_refused():
    with pytest.raises(FeeError, match="未知的计收方式"):
        compute_fee("per_word", 3)
    with pytest.raises(FeeError, match="页数必须是不小于 0 的整数"):
        per_page_fee(-1)


def test_the_closed_form_totals_equal_the_sum_of_the_per_unit_rates():
    for n in range(400):
        assert per_item_fee(n) == sum(map(piece_rate, range(1, n + 1))), n
        assert per_page_fee(n) == sum(map(page_rate, range(1, n + 1))), n


def test_totals_of_huge_quantities_are_computed_at_once_without_walking_the_units():
    bands = (10**15 - 30) // 10  # pieces 31… fill this many whole bands of 10, the k-th at 100 × (2 + k)
    with at_most(1):
        assert per_page_fee(10**15) == 700 + 2000 + 40 * (10**15 - 200)
        assert per_item_fee(10**15) == 2000 + 100 * 10 * (2 * bands + bands * (bands - 1) // 2)


def test_a_high_band_prints_one_line_per_band_of_ten_pieces():
    # pieces 95–112: 95–100 at 800 (band 31+10×6), 101–110 at 900, 111–112 at 1000
    fee = compute_fee(FeeMethod.PER_ITEM, 18, earlier_pieces_this_month=94)
    assert fee.lines == ((95, 100, 800, 4800), (101, 110, 900, 9000), (111, 112, 1000, 2000))
    assert fee.amount == per_item_fee(112) - per_item_fee(94) == 15800


def test_quantities_up_to_the_configured_maximum_are_charged_and_beyond_it_refused_at_once():
    assert compute_fee(FeeMethod.PER_PAGE, MAX_PAGES).amount == per_page_fee(MAX_PAGES)
    assert compute_fee(FeeMethod.PER_ITEM, 1, earlier_pieces_this_month=MAX_PIECES_PER_MONTH - 1).lines == (
        (MAX_PIECES_PER_MONTH, MAX_PIECES_PER_MONTH, 9800, 9800),)
    with at_most(1), pytest.raises(FeeError, match=f"超过系统允许的上限 {MAX_PAGES} 页"):
        compute_fee(FeeMethod.PER_PAGE, 10**15)
    with pytest.raises(FeeError, match="本月累计件数 1001（此前 1000 件，本次 1 件）超过系统允许的上限 1000 件"):
        compute_fee(FeeMethod.PER_ITEM, 1, earlier_pieces_this_month=MAX_PIECES_PER_MONTH)
