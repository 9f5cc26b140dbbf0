"""信息处理费 under 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号, STATUTE.md §3).

条例第四十二条: free by default; a fee only when volume/frequency clearly exceeds a reasonable range.
办法第三条: 按件计收 or 按量计收, both 超额累进 (marginal brackets); one method per application, never both.
Amounts are whole 元.
"""
from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from rules.replies.errors import FeeError

# UNVERIFIED (STATUTE §3): the payment window is "commonly read" as 20 working days from the day after the
# applicant receives the 收费通知; the full text of 办法 arts. 5②–10 was not available. Configurable: callers
# pass their own value (workflow settings); this is only the default.
DEFAULT_PAYMENT_WINDOW_WORKING_DAYS = 20

# 办法第五条第二款 (VERIFIED-2): per application, pages 1–30 free; 31–100 10元/页; 101–200 20元/页; 201+ 40元/页.
# UNVERIFIED: how pages are counted (A4 conversion, electronic data) — the caller supplies the page count.
PAGE_BRACKETS: tuple[tuple[int, int | None, int], ...] = (
    (1, 30, 0), (31, 100, 10), (101, 200, 20), (201, None, 40))

# 办法第四条第二款 (VERIFIED-2): same applicant, cumulative within one calendar month: pieces 1–10 free;
# 11–30 100元/件; from the 31st every band of 10 pieces adds 100元/件 (31–40 200, 41–50 300, …).
FREE_PIECES = 10
FIRST_RATE_LAST_PIECE = 30
PIECE_BAND = 10
PIECE_RATE_STEP = 100


class FeeMethod(str, enum.Enum):
    PER_ITEM = "per_item"  # 按件计收 (办法第四条)
    PER_PAGE = "per_page"  # 按量计收 (办法第五条)

    @property
    def label(self) -> str:
        return "按件计收" if self is FeeMethod.PER_ITEM else "按量计收"


@dataclass(frozen=True)
class Fee:
    """A computed fee: method, quantity, amount in 元, and the bracket lines (from, to, rate, subtotal)."""

    method: FeeMethod
    quantity: int
    amount: int
    lines: tuple[tuple[int, int, int, int], ...]


def piece_rate(piece: int) -> int:
    """元 charged for the ``piece``-th piece of the month (1-based)."""
    if piece <= FREE_PIECES:
        return 0
    if piece <= FIRST_RATE_LAST_PIECE:
        return PIECE_RATE_STEP
    return PIECE_RATE_STEP * (2 + (piece - FIRST_RATE_LAST_PIECE - 1) // PIECE_BAND)


def page_rate(page: int) -> int:
    """元 charged for the ``page``-th page of one application (1-based)."""
    return next(rate for low, high, rate in PAGE_BRACKETS if page >= low and (high is None or page <= high))


def _check_quantity(quantity: int, what: str) -> None:
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 0:
        raise FeeError(f"{what}必须是不小于 0 的整数：{quantity!r}")


def per_item_fee(pieces_this_month: int) -> int:
    """Total 按件 fee (元) for the applicant's ``pieces_this_month`` pieces of one calendar month (marginal)."""
    _check_quantity(pieces_this_month, "本月累计件数")
    return sum(piece_rate(p) for p in range(1, pieces_this_month + 1))


def per_page_fee(pages: int) -> int:
    """Total 按量 fee (元) for ``pages`` pages of one application (marginal brackets)."""
    _check_quantity(pages, "页数")
    return sum(page_rate(p) for p in range(1, pages + 1))


def _lines(first: int, last: int, rate_of) -> tuple[tuple[int, int, int, int], ...]:
    lines: list[list[int]] = []
    for unit in range(first, last + 1):
        rate = rate_of(unit)
        if lines and lines[-1][2] == rate:
            lines[-1][1] = unit
        else:
            lines.append([unit, unit, rate])
    return tuple((a, b, rate, (b - a + 1) * rate) for a, b, rate in lines)


def compute_fee(method: FeeMethod | str | Iterable, quantity: int, *,
                earlier_pieces_this_month: int = 0) -> Fee:
    """The fee for one application. ``method`` is per_item (``quantity`` pieces in this application, after
    ``earlier_pieces_this_month`` already counted this month) or per_page (``quantity`` pages).

    Raises FeeError when both methods (or none, or an unknown one) are given — 办法第三条: one standard per
    application — or when a quantity is negative.
    """
    chosen = _one_method(method)
    _check_quantity(quantity, "数量")
    _check_quantity(earlier_pieces_this_month, "本月此前件数")
    if chosen is FeeMethod.PER_PAGE:
        lines = _lines(1, quantity, page_rate)
    else:
        lines = _lines(earlier_pieces_this_month + 1, earlier_pieces_this_month + quantity, piece_rate)
    return Fee(chosen, quantity, sum(line[3] for line in lines), lines)


def _one_method(method) -> FeeMethod:
    candidates = [method] if isinstance(method, (str, FeeMethod)) else list(method)
    if len(candidates) != 1:
        raise FeeError("同一申请只能选择一种计收方式（按件计收或按量计收），不得同时收取（国办函〔2020〕109号第三条）")
    try:
        return FeeMethod(candidates[0])
    except ValueError:
        raise FeeError(f"未知的计收方式「{candidates[0]}」；可选：per_item（按件）、per_page（按量）") from None
