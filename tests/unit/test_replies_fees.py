"""信息处理费 brackets of 国办函〔2020〕109号, hand-computed at every bracket edge."""
from __future__ import annotations

import pytest

from rules.replies.errors import FeeError
from rules.replies.fees import FeeMethod, compute_fee, per_item_fee, per_page_fee


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
