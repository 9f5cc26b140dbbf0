"""Types of the legal-review checklist (DOMAIN.md §5): the input, one result, the checklist."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Mapping

from rules.agencies import AgencyInfo


class CheckStatus(str, enum.Enum):
    PASS = "pass"
    FAIL = "fail"  # blocks approval
    WARN = "warn"  # needs the reviewer's explicit acknowledgement


@dataclass(frozen=True)
class CheckResult:
    """One line of the checklist: check ``code``, status, Chinese message and the rule it enforces."""

    code: str
    status: CheckStatus
    message: str
    article: str = ""


@dataclass(frozen=True)
class ReviewInput:
    """What the checks look at. Dates are legal dates (Asia/Shanghai).

    first_received_on: the date the application was received (条例第三十一条) — the date the receipt sentence cites.
    correction_received: the date the corrected application was received (条例第三十条: the reply clock restarts
        from it), or None when there was no 补正.
    cited_receipt_date / cited_correction_date: the dates the draft's receipt sentence states.
    cited_articles: the draft's legal-basis text; remedy_text: the draft's remedy clause.
    drafter_id / editor_ids: who wrote the draft, and who else edited or submitted it.
    objecting_third_parties: names of the third parties that did not agree to disclosure (条例第三十二条).
    calendar: the official working-day calendar (``rules.calendar.load_calendar()``).
    """

    category_code: str
    fields: Mapping[str, Any]
    cited_articles: str
    remedy_text: str
    agency: AgencyInfo
    first_received_on: date
    correction_received: date | None
    cited_receipt_date: date | None
    cited_correction_date: date | None
    planned_issue_date: date
    due_date: date
    calendar: Any
    consultation_on_record: bool
    drafter_id: Any
    reviewer_id: Any = None
    editor_ids: tuple = ()  # everyone else who drafted, edited or submitted this draft (never its reviewer)
    objecting_third_parties: tuple[str, ...] = ()  # consulted under 条例第三十二条 and did not agree


@dataclass(frozen=True)
class Checklist:
    """The results of :func:`run_checks`, in the order the reviewer sees them."""

    results: tuple[CheckResult, ...] = field(default_factory=tuple)

    @property
    def failures(self) -> tuple[CheckResult, ...]:
        return tuple(r for r in self.results if r.status is CheckStatus.FAIL)

    @property
    def warnings(self) -> tuple[CheckResult, ...]:
        return tuple(r for r in self.results if r.status is CheckStatus.WARN)

    @property
    def blocking(self) -> bool:
        """True when any check fails: the draft may not be approved."""
        return bool(self.failures)

    def result(self, code: str) -> CheckResult:
        """The result of check ``code``; raises KeyError when that check did not apply."""
        for r in self.results:
            if r.code == code:
                return r
        raise KeyError(code)
