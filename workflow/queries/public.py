"""``public_status``: what the public portal may show an applicant who holds the tracking number and the 查询码
printed on the 受理回执 — the stage in plain words and the dates, nothing personal."""
from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import date
from typing import Optional

from sqlalchemy import select

from workflow.errors import NotFound
from workflow.models import Agency, Application, ClockStatus, Reply, SubStep
from workflow.queries.common import SessionFactory

NOT_FOUND_MESSAGE = "未查询到该申请，请核对受理编号和查询码（见受理回执）"
_PLAIN_WORDS = {  # the applicant's view: internal steps (drafting, review) all read 正在办理
    SubStep.AWAITING_CONFIRMATION: "已收到申请，正在确认收到日期",
    SubStep.AWAITING_APPLICANT: "等待申请人补正申请内容",
    SubStep.AWAITING_FEE: "等待申请人缴纳信息处理费",
    SubStep.AWAITING_OPINIONS: "正在办理（征求意见期间不计入答复期限）",
    SubStep.ISSUED: "已作出答复",
    SubStep.CLOSED: "已办结",
}


@dataclass(frozen=True)
class PublicStatus:
    tracking_number: str
    agency_name: str
    status: str  # plain words
    received_on: date
    due_date: Optional[date]  # only while the reply clock runs
    due_provisional: bool
    issued_on: Optional[date]  # the reply of the current round, once issued


def public_status(session_factory: SessionFactory, tracking_number: str, query_code: str) -> PublicStatus:
    """The public status of the application with this tracking number and 查询码.

    Raises NotFound — the same answer for an unknown number, a wrong code, or malformed input.
    """
    number, code = str(tracking_number or "").strip(), str(query_code or "").strip().upper()
    if not number or not code or len(number) > 20 or len(code) > 16:
        raise NotFound(NOT_FOUND_MESSAGE)
    with session_factory() as session:
        a = Application
        row = session.execute(
            select(a.tracking_number, a.stage, a.sub_step, a.received_on, a.confirmed_on, a.due_date,
                   a.due_provisional, a.clock_status, a.id, a.clock_round, Agency.name.label("agency_name"))
            .join(Agency, Agency.id == a.agency_id).where(a.query_code == code)).one_or_none()
        if row is None or not hmac.compare_digest(row.tracking_number.encode(), number.encode()):
            raise NotFound(NOT_FOUND_MESSAGE)
        issued_on = session.scalar(
            select(Reply.issued_on)
            .where(Reply.application_id == row.id, Reply.clock_round == row.clock_round)
            .order_by(Reply.id.desc()).limit(1))
    running = ClockStatus(row.clock_status) is ClockStatus.RUNNING
    return PublicStatus(row.tracking_number, row.agency_name, _PLAIN_WORDS.get(SubStep(row.sub_step), "正在办理"),
                        row.confirmed_on or row.received_on, row.due_date if running else None,
                        bool(row.due_provisional) and running, issued_on)

