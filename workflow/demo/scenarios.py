"""Demo scenarios: sequences of real service calls that bring one case to a given stage or outcome."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from workflow.demo.replies import draft_for, reply_key, third_party_for
from workflow.models import Channel, ConsultationKind, FeeMethod, Opinion, Remedy, RemedyKind, RemedyResult
from workflow.services import (
    closing, consultation, correction, deadline, fee, registration, reply, review,
)
from workflow.services.consultation import Consultee


@dataclass(frozen=True)
class Scenario:
    name: str
    age: tuple[int, int]  # received between age[0] and age[1] working days before "today"
    steps: tuple[str, ...]  # Driver method names, optionally "name:argument"


def _s(name: str, age: tuple[int, int], *steps: str) -> Scenario:
    return Scenario(name, age, steps)


FULL = ("draft:{c}", "submit", "approve", "issue", "archive")
CATEGORIES = ["already_public", "disclose", "partial", "withhold_secret", "withhold_law", "withhold_security",
              "withhold_internal", "withhold_process", "withhold_case_file", "special_query", "not_exist",
              "not_ours", "needs_creation", "petition", "duplicate", "publication", "excessive",
              "confirm_existing"]

SCENARIOS: list[Scenario] = [
    _s("awaiting confirmation", (0, 2)),
    _s("processing", (2, 10), "confirm"),
    _s("processing", (8, 16), "confirm"),
    _s("near the deadline", (16, 19), "confirm"),
    _s("overdue", (22, 26), "confirm"),
    _s("extended", (19, 28), "confirm", "extend"),
    _s("delayed period", (10, 20), "confirm", "delay"),
    _s("awaiting fee", (4, 9), "confirm", "fee"),
    _s("fee paid", (10, 16), "confirm", "fee", "pay"),
    _s("awaiting correction", (2, 6), "confirm", "request_correction"),
    _s("corrected", (12, 20), "confirm", "request_correction", "receive_correction"),
    _s("consulting", (4, 10), "confirm", "consult"),
    _s("consulting, one opinion", (8, 14), "confirm", "consult", "opinion:agree"),
    _s("consultation ended", (24, 32), "confirm", "consult", "opinion:agree", "end_consultation"),
    _s("drafting", (8, 15), "confirm", "draft:disclose"),
    _s("in review", (10, 16), "confirm", "draft:not_exist", "submit"),
    _s("returned to drafter", (10, 16), "confirm", "draft:partial", "submit", "return_"),
    _s("approved", (12, 18), "confirm", "draft:already_public", "submit", "approve"),
    _s("issued", (14, 20), "confirm", "draft:not_ours", "submit", "approve", "issue"),
    *[_s(f"archived {c}", (40, 200), "confirm", *[s.format(c=c) for s in FULL]) for c in CATEGORIES],
    _s("archived third party", (60, 200), "confirm", "consult", "opinion:disagree", "end_consultation",
       *[s.format(c="withhold_third_party") for s in FULL]),
    _s("archived disclosed over an objection", (60, 200), "confirm", "consult", "opinion:disagree",
       "end_consultation", *[s.format(c="disclose:over_objection") for s in FULL]),
    _s("archived unclear after correction", (60, 200), "confirm", "request_correction", "receive_correction",
       *[s.format(c="unclear_after_correction") for s in FULL]),
    _s("lapsed correction", (40, 200), "confirm", "request_correction", "lapse_correction"),
    _s("lapsed fee", (60, 200), "confirm", "fee", "lapse_fee"),
    _s("withdrawn", (20, 200), "confirm", "withdraw"),
    _s("reconsideration pending", (80, 200), "confirm", *[s.format(c="withhold_process") for s in FULL],
       "remedy:reconsideration:pending"),
    _s("suit maintained", (100, 200), "confirm", *[s.format(c="not_exist") for s in FULL],
       "remedy:direct_suit:maintained"),
    _s("reopened after reconsideration", (120, 200), "confirm", *[s.format(c="withhold_internal") for s in FULL],
       "remedy:reconsideration:corrected", "reopen"),
]


class Driver:
    """Runs one scenario's steps on one case, each on a later working day than the previous one."""

    def __init__(self, session_factory, calendar, case, clerk, reviewer, supervisor, today: date,
                 agency_key: str) -> None:
        self.sf, self.cal, self.case, self.today = session_factory, calendar, case, today
        self.clerk, self.reviewer, self.supervisor = clerk, reviewer, supervisor
        self.day = case.received_on
        self.agency_key, self.reply = agency_key, None  # whose letters, and which demo reply they carry

    def run(self, scenario: Scenario) -> None:
        self.reply = reply_key(scenario.steps)
        for step in scenario.steps:
            name, *arguments = step.split(":")
            getattr(self, name)(*arguments)

    def advance(self, working_days: int = 1) -> date:
        """Move to a later working day, never past today."""
        self.day = min(self.cal.add_working_days(self.day, working_days), self.today)
        return self.day

    def _call(self, service, actor: int, **kwargs) -> None:
        self.case = service(self.sf, actor, self.case.id, self.case.version, **kwargs)

    def confirm(self) -> None:
        if Channel(self.case.channel).needs_confirmation:
            self._call(registration.confirm_receipt, self.clerk, confirmed_on=self.day, today=self.day)

    def extend(self) -> None:
        self.day = max(self.day, min(self.cal.add_working_days(self.case.received_on, 17), self.today))
        self._call(deadline.extend_deadline, self.supervisor, days=20, reason="涉及档案查找，需调取多个科室存档资料",
                   today=self.day)

    def delay(self) -> None:
        self.advance(3)
        self._call(deadline.set_delayed_period, self.supervisor, due_on=self.cal.add_working_days(self.day, 40),
                   reason="申请数量明显超过合理范围，申请理由合理但无法在法定期限内答复（条例第三十五条）", today=self.day)

    def fee(self) -> None:
        self.advance(2)
        self._call(fee.request_fee, self.supervisor, method=FeeMethod.PER_PAGE, quantity=150, today=self.day,
                   notice_received_on=self.day)  # handed over: the payment window runs from today

    def pay(self) -> None:
        self.advance(4)
        self._call(fee.record_payment, self.clerk, paid_on=self.day, today=self.day)

    def lapse_fee(self) -> None:
        self.advance(25)
        self._call(fee.lapse_fee, self.clerk, today=self.day)

    def request_correction(self) -> None:
        self.advance(2)
        self._call(correction.request_correction, self.clerk, items=["申请公开的政府信息的名称、文号或特征性描述"],
                   due_on=self.cal.add_working_days(self.day, 10), today=self.day)

    def receive_correction(self) -> None:
        self.advance(5)
        self._call(correction.receive_correction, self.clerk, received_on=self.day, today=self.day)

    def lapse_correction(self) -> None:
        self.advance(12)
        self._call(correction.lapse_correction, self.clerk, today=self.day)

    def consult(self) -> None:
        self.advance(2)
        name = third_party_for(self.agency_key, self.reply)
        consultees = [Consultee(ConsultationKind.THIRD_PARTY, name, "0771-5551234", self.day)]
        self._call(consultation.start_consultation, self.clerk, consultees=consultees, sent_on=self.day,
                   today=self.day)

    def opinion(self, value: str) -> None:
        self.advance(5)
        with self.sf() as session:
            pending = [c for c in self._case_in(session).consultations if c.opinion is None]
            consultation_id = pending[0].id
        self._call(consultation.record_opinion, self.clerk, consultation_id=consultation_id, opinion=Opinion(value),
                   received_on=self.day, today=self.day, reason="涉及本企业商业秘密" if value == "disagree" else None)

    def end_consultation(self) -> None:
        self.advance(1)
        self._call(consultation.end_consultation, self.clerk, today=self.day)

    def draft(self, category: str, variant: str = "") -> None:
        self.advance(3)
        fields, content = draft_for(self.agency_key, f"{category}/{variant}" if variant else category)
        self._call(reply.draft_reply, self.clerk, today=self.day, category=category, fields=fields, content=content)

    def submit(self) -> None:
        self.advance(2)
        self._call(reply.submit_review, self.clerk, today=self.day)

    def approve(self) -> None:
        """The demo reviewer reads the checklist and confirms the warnings it shows (flagged categories, a
        late issue date, a consultation skipped for a stated reason); a failing check would still refuse."""
        self.advance(1)
        planned = self.cal.add_working_days(self.day, 1)
        sheet = review.review_checklist(self.sf, self.reviewer, self.case.id, today=self.day,
                                        planned_issue_on=planned)
        self._call(reply.approve_reply, self.reviewer, today=self.day, planned_issue_on=planned,
                   acknowledged_warnings={warning.code for warning in sheet.checklist.warnings})

    def return_(self) -> None:
        self.advance(1)
        self._call(reply.return_reply, self.reviewer, comment="请补充检索过程和法律依据的具体条款", today=self.day)

    def issue(self) -> None:
        self.advance(1)
        self._call(reply.issue_reply, self.clerk, issued_on=self.day, delivery_method="EMS 邮寄", today=self.day)

    def archive(self) -> None:
        self.advance(3)
        self._call(reply.archive_case, self.clerk, delivery_proof=f"EMS 运单号 11{self.case.id:09d}", today=self.day)

    def withdraw(self) -> None:
        self.advance(3)
        self._call(closing.withdraw, self.clerk, reason="申请人书面撤回申请", today=self.day)

    def remedy(self, kind: str, result: str) -> None:
        filed = min(self.day + timedelta(days=20), self.today)
        closed = None if result == "pending" else min(filed + timedelta(days=45), self.today)
        self.day = closed or filed
        self._call(closing.record_remedy, self.clerk, kind=RemedyKind(kind), filed_on=filed, today=self.day,
                   result=RemedyResult(result), closed_on=closed)

    def reopen(self) -> None:
        with self.sf() as session:
            remedy_id = session.scalar(select(Remedy.id).where(Remedy.application_id == self.case.id))
        self._call(closing.reopen, self.supervisor, remedy_id=remedy_id, decision_on=self.day, today=self.day)

    def _case_in(self, session):
        return session.get(type(self.case), self.case.id)
