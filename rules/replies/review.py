"""The automatic legal-review checklist of a draft reply (DOMAIN.md §5), as pure functions.

    checklist = run_checks(ReviewInput(...))
    checklist.blocking          # True while any check fails: approval is refused
    approval_refusal(checklist, acknowledged_warnings={"issue_date"})   # None when the reviewer may approve
"""
from __future__ import annotations

from rules.replies.review_checks import CHECKS
from rules.replies.review_model import Checklist, CheckResult, CheckStatus, ReviewInput

__all__ = ["CHECKS", "Checklist", "CheckResult", "CheckStatus", "ReviewInput", "approval_refusal",
           "run_checks"]


def run_checks(data: ReviewInput) -> Checklist:
    """Run every check that applies to the draft's category; raises UnknownCategory for a bad code."""
    results = []
    for check in CHECKS:
        result = check(data)
        if result is not None:
            results.append(result)
    return Checklist(tuple(results))


def approval_refusal(checklist: Checklist, acknowledged_warnings: set[str] | frozenset[str]) -> str | None:
    """Why approval must be refused, in Chinese, or None when the reviewer may approve: any failing check
    refuses; every warning must be acknowledged by its check code."""
    if checklist.blocking:
        return "审核检查未通过，不能批准：" + "；".join(r.message for r in checklist.failures)
    pending = [r for r in checklist.warnings if r.code not in acknowledged_warnings]
    if pending:
        return "以下提示须逐项确认后方可批准：" + "；".join(r.message for r in pending)
    return None
