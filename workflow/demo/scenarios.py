"""Demo scenarios: sequences of real service calls that bring one case to a given stage or outcome."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from workflow import commands as cmd
from workflow.demo.replies import draft_for, reply_key, third_party_for
from workflow.models import (
    Consultation, ConsultationKind, FeeMethod, Opinion, Remedy, RemedyKind, RemedyResult,
)
from workflow.services import execute, review


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

    def __init__(self, session_factory, calendar, case, registration: cmd.Register, clerk, reviewer,
                 supervisor, today: date, agency_key: str) -> None:
        self.sf, self.cal, self.case, self.today = session_factory, calendar, case, today
        self.registration = registration
        self.clerk, self.reviewer, self.supervisor = clerk, reviewer, supervisor
        self.day = registration.received_on
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

    def _call(self, actor: int, command: cmd.Command) -> None:
        self.case = execute(self.sf, command, actor_id=actor, case_id=self.case.id,
                            expected_version=self.case.version, today=self.day)

    def confirm(self) -> None:
        if self.registration.channel.needs_confirmation:
            self._call(self.clerk, cmd.ConfirmReceipt(confirmed_on=self.day))

    def extend(self) -> None:
        received_on = self.registration.received_on
        self.day = max(self.day, min(self.cal.add_working_days(received_on, 17), self.today))
        self._call(self.supervisor, cmd.ExtendDeadline(days=20, reason="涉及档案查找，需调取多个科室存档资料"))

    def delay(self) -> None:
        self.advance(3)
        self._call(self.supervisor, cmd.SetDelayedPeriod(
            due_on=self.cal.add_working_days(self.day, 40),
            reason="申请数量明显超过合理范围，申请理由合理但无法在法定期限内答复（条例第三十五条）"))

    def fee(self) -> None:
        self.advance(2)
        self._call(self.supervisor, cmd.RequestFee(method=FeeMethod.PER_PAGE, quantity=150,
                                                   notice_received_on=self.day))  # handed over: runs from today

    def pay(self) -> None:
        self.advance(4)
        self._call(self.clerk, cmd.RecordPayment(paid_on=self.day))

    def lapse_fee(self) -> None:
        self.advance(25)
        self._call(self.clerk, cmd.LapseFee())

    def request_correction(self) -> None:
        self.advance(2)
        self._call(self.clerk, cmd.RequestCorrection(items=["申请公开的政府信息的名称、文号或特征性描述"],
                                                     due_on=self.cal.add_working_days(self.day, 10)))

    def receive_correction(self) -> None:
        self.advance(5)
        self._call(self.clerk, cmd.ReceiveCorrection(received_on=self.day))

    def lapse_correction(self) -> None:
        self.advance(12)
        self._call(self.clerk, cmd.LapseCorrection())

    def consult(self) -> None:
        self.advance(2)
        name = third_party_for(self.agency_key, self.reply)
        consultee = cmd.Consultee(ConsultationKind.THIRD_PARTY, name, "0771-5551234", self.day)
        self._call(self.clerk, cmd.StartConsultation(consultees=[consultee], sent_on=self.day))

    def opinion(self, value: str) -> None:
        self.advance(5)
        with self.sf() as session:
            consultation_id = session.scalar(select(Consultation.id).where(
                Consultation.application_id == self.case.id, Consultation.opinion.is_(None))
                .order_by(Consultation.id).limit(1))
        self._call(self.clerk, cmd.RecordOpinion(
            consultation_id=consultation_id, opinion=Opinion(value), received_on=self.day,
            reason="涉及本企业商业秘密" if value == "disagree" else None))

    def end_consultation(self) -> None:
        self.advance(1)
        self._call(self.clerk, cmd.EndConsultation())

    def draft(self, category: str, variant: str = "") -> None:
        self.advance(3)
        fields, content = draft_for(self.agency_key, f"{category}/{variant}" if variant else category)
        self._call(self.clerk, cmd.DraftReply(category=category, fields=fields, content=content))

    def submit(self) -> None:
        self.advance(2)
        self._call(self.clerk, cmd.SubmitReview())

    def approve(self) -> None:
        """The demo reviewer reads the checklist and confirms the warnings it shows (flagged categories, a
        late issue date, a consultation skipped for a stated reason); a failing check would still refuse."""
        self.advance(1)
        planned = self.cal.add_working_days(self.day, 1)
        sheet = review.review_checklist(self.sf, self.reviewer, self.case.id, today=self.day,
                                        planned_issue_on=planned)
        acknowledged = {warning.code for warning in sheet.checklist.warnings}
        self._call(self.reviewer, cmd.ApproveReply(planned_issue_on=planned,
                                                   acknowledged_warnings=acknowledged))

    def return_(self) -> None:
        self.advance(1)
        self._call(self.reviewer, cmd.ReturnReply(comment="请补充检索过程和法律依据的具体条款"))

    def issue(self) -> None:
        self.advance(1)
        self._call(self.clerk, cmd.IssueReply(issued_on=self.day, delivery_method="EMS 邮寄"))

    def archive(self) -> None:
        self.advance(3)
        self._call(self.clerk, cmd.ArchiveCase(delivery_proof=f"EMS 运单号 11{self.case.id:09d}"))

    def withdraw(self) -> None:
        self.advance(3)
        self._call(self.clerk, cmd.Withdraw(reason="申请人书面撤回申请"))

    def remedy(self, kind: str, result: str) -> None:
        filed = min(self.day + timedelta(days=20), self.today)
        closed = None if result == "pending" else min(filed + timedelta(days=45), self.today)
        self.day = closed or filed
        self._call(self.clerk, cmd.RecordRemedy(kind=RemedyKind(kind), filed_on=filed,
                                                result=RemedyResult(result), closed_on=closed))

    def reopen(self) -> None:
        with self.sf() as session:
            remedy_id = session.scalar(select(Remedy.id).where(Remedy.application_id == self.case.id))
        self._call(self.supervisor, cmd.Reopen(remedy_id=remedy_id, decision_on=self.day))
