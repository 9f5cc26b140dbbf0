"""信息处理费 brackets of 国办函〔2020〕109号 (pure arithmetic; may move to ``rules/`` with the fee rules).

Both methods are 超额累进 (marginal). 按件: pieces cumulated per applicant within one calendar month.
"""
from __future__ import annotations

from decimal import Decimal

from workflow.models import FeeMethod

# 109号第四条第二款 (VERIFIED-2): ≤10 pieces free; 11th–30th 100元/件; from the 31st every band of 10 pieces +100元.
FREE_ITEMS, FIRST_BAND_END, ITEM_RATE, ITEM_BAND = 10, 30, 100, 10
# 109号第五条第二款 (VERIFIED-2): ≤30 pages free; 31–100 10元/页; 101–200 20元/页; 201+ 40元/页.
PAGE_BANDS = ((30, 0), (100, 10), (200, 20), (None, 40))


def item_rate(n: int) -> int:
    """The rate in 元 of the n-th piece of the month."""
    if n <= FREE_ITEMS:
        return 0
    if n <= FIRST_BAND_END:
        return ITEM_RATE
    return ITEM_RATE * (1 + -(-(n - FIRST_BAND_END) // ITEM_BAND))


def page_rate(n: int) -> int:
    """The rate in 元 of the n-th page of one application."""
    for upper, rate in PAGE_BANDS:
        if upper is None or n <= upper:
            return rate
    raise AssertionError("unreachable")


def compute_fee(method: FeeMethod, quantity: int, prior_items: int = 0) -> Decimal:
    """The fee in 元 for ``quantity`` pieces/pages.

    ``prior_items``: the applicant's pieces earlier in the same calendar month (按件 only).
    """
    if quantity <= 0:
        raise ValueError("quantity must be positive")
    if FeeMethod(method) is FeeMethod.PER_ITEM:
        return Decimal(sum(item_rate(n) for n in range(prior_items + 1, prior_items + quantity + 1)))
    return Decimal(sum(page_rate(n) for n in range(1, quantity + 1)))
