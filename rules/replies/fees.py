"""信息处理费 under 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号, STATUTE.md §3).

条例第四十二条: free by default; a fee only when volume/frequency clearly exceeds a reasonable range.
办法第三条: 按件计收 or 按量计收, both 超额累进 (marginal brackets); one method per application, never both.
Amounts are whole 元.
"""
from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rules.remedy_periods import FEE_PAYMENT_DAYS
from rules.replies.errors import FeeError

# UNVERIFIED (STATUTE §3): the payment window is "commonly read" as 20 working days from the day after the
# applicant receives the 收费通知; the full text of 办法 arts. 5②–10 was not available. Configuration, kept in
# one place: rules.remedy_periods.FEE_PAYMENT_DAYS (this name is the documents' default).
DEFAULT_PAYMENT_WINDOW_WORKING_DAYS = FEE_PAYMENT_DAYS

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

# Configuration, not law: the largest quantity a fee notice may charge. Beyond it the entry is almost surely a
# typing error, and a 按件 notice prints one line per band of 10 pieces. Raise them here if an agency needs to.
MAX_PIECES_PER_MONTH = 1_000  # the applicant's cumulative pieces in the month, this application included
MAX_PAGES = 100_000  # pages of one application


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
    """Total 按件 fee (元) for the applicant's ``pieces_this_month`` pieces of one calendar month (marginal),
    in closed form (no loop over pieces). Raises FeeError for a negative or non-integer count."""
    _check_quantity(pieces_this_month, "本月累计件数")
    first_rate = PIECE_RATE_STEP * max(0, min(pieces_this_month, FIRST_RATE_LAST_PIECE) - FREE_PIECES)
    beyond = max(0, pieces_this_month - FIRST_RATE_LAST_PIECE)
    bands, rest = divmod(beyond, PIECE_BAND)  # band k (k = 0, 1, …) costs PIECE_RATE_STEP × (2 + k) per piece
    full_bands = PIECE_BAND * (2 * bands + bands * (bands - 1) // 2)
    return first_rate + PIECE_RATE_STEP * (full_bands + rest * (2 + bands))


def per_page_fee(pages: int) -> int:
    """Total 按量 fee (元) for ``pages`` pages of one application (marginal brackets, one step per bracket).
    Raises FeeError for a negative or non-integer count."""
    _check_quantity(pages, "页数")
    return sum(line[3] for line in _lines(1, pages, PAGE_BRACKETS))


def _piece_brackets(first: int) -> Iterator[tuple[int, int | None, int]]:
    """The 按件 brackets (low, high, rate) from the one holding piece ``first`` on, without walking earlier
    bands: 1–10 free, 11–30, then bands of 10 pieces without end."""
    yield from ((1, FREE_PIECES, 0), (FREE_PIECES + 1, FIRST_RATE_LAST_PIECE, PIECE_RATE_STEP))
    band = max(0, first - FIRST_RATE_LAST_PIECE - 1) // PIECE_BAND
    while True:
        low = FIRST_RATE_LAST_PIECE + 1 + band * PIECE_BAND
        yield low, low + PIECE_BAND - 1, PIECE_RATE_STEP * (2 + band)
        band += 1


def _lines(first: int, last: int, brackets: Iterable[tuple[int, int | None, int]]
           ) -> tuple[tuple[int, int, int, int], ...]:
    """The printed lines (from, to, rate, subtotal) of units ``first``–``last``: one per bracket touched."""
    lines = []
    for low, high, rate in brackets:
        if low > last:
            break
        a, b = max(low, first), last if high is None else min(high, last)
        if a <= b:
            lines.append((a, b, rate, (b - a + 1) * rate))
    return tuple(lines)


def _check_maximum(chosen: FeeMethod, quantity: int, earlier_pieces: int) -> None:
    if chosen is FeeMethod.PER_PAGE and quantity > MAX_PAGES:
        raise FeeError(f"计费页数 {quantity} 超过系统允许的上限 {MAX_PAGES} 页，请核对页数；"
                       "确需按此数量计收的，请联系系统管理员调整上限")
    if chosen is FeeMethod.PER_ITEM and earlier_pieces + quantity > MAX_PIECES_PER_MONTH:
        raise FeeError(f"本月累计件数 {earlier_pieces + quantity}（此前 {earlier_pieces} 件，本次 {quantity} 件）"
                       f"超过系统允许的上限 {MAX_PIECES_PER_MONTH} 件，请核对件数；"
                       "确需按此数量计收的，请联系系统管理员调整上限")


def compute_fee(method: FeeMethod | str | Iterable, quantity: int, *,
                earlier_pieces_this_month: int = 0) -> Fee:
    """The fee for one application. ``method`` is per_item (``quantity`` pieces in this application, after
    ``earlier_pieces_this_month`` already counted this month) or per_page (``quantity`` pages). The work is
    one step per bracket line, never per unit.

    Raises FeeError when both methods (or none, or an unknown one) are given — 办法第三条: one standard per
    application — when a quantity is negative, or when it exceeds MAX_PAGES / MAX_PIECES_PER_MONTH.
    """
    chosen = _one_method(method)
    _check_quantity(quantity, "数量")
    _check_quantity(earlier_pieces_this_month, "本月此前件数")
    _check_maximum(chosen, quantity, earlier_pieces_this_month)
    if chosen is FeeMethod.PER_PAGE:
        lines = _lines(1, quantity, PAGE_BRACKETS)
    else:
        first = earlier_pieces_this_month + 1
        lines = _lines(first, earlier_pieces_this_month + quantity, _piece_brackets(first))
    return Fee(chosen, quantity, sum(line[3] for line in lines), lines)


def _one_method(method) -> FeeMethod:
    candidates = [method] if isinstance(method, (str, FeeMethod)) else list(method)
    if len(candidates) != 1:
        raise FeeError("同一申请只能选择一种计收方式（按件计收或按量计收），不得同时收取（国办函〔2020〕109号第三条）")
    try:
        return FeeMethod(candidates[0])
    except ValueError:
        raise FeeError(f"未知的计收方式「{candidates[0]}」；可选：per_item（按件）、per_page（按量）") from None
