"""Commands of what pauses or moves the reply period: 征求意见 (条例第三十二条、第三十四条), 信息处理费
(国办函〔2020〕109号), 延期 (条例第三十三条第二款) and the 条例第三十五条 delayed period."""
from __future__ import annotations

from datetime import date
from typing import Optional

from rules.clock_events import MAX_EXTENSION_DAYS
from workflow.commands.base import Command, Record, command, record
from workflow.commands.fields import field
from workflow.commands.intake import REASON_LENGTH
from workflow.models import Consultation, ConsultationKind, FeeMethod, Opinion

CONSULTEES = 50  # consultees of one 征求意见 (a sane bound for one form)
_columns = Consultation.__table__.c


@record
class Consultee(Record):
    """One third party (条例第三十二条) or co-producing agency (条例第三十四条) to consult."""

    kind: ConsultationKind = field("征求意见对象类别")
    name: str = field("征求意见对象名称", max_length=_columns.consultee_name)
    contact: Optional[str] = field("征求意见对象联系方式", default=None, max_length=_columns.consultee_contact)
    received_on: Optional[date] = field("对方收到征求意见书的日期", default=None, help="已知时填写")


@command("start_consultation")
class StartConsultation(Command):
    consultees: tuple[Consultee, ...] = field("征求意见对象", max_items=CONSULTEES)
    sent_on: Optional[date] = field("征求意见书发出日期", default=None, help="默认为今天")


@command("record_letter_receipt")
class RecordLetterReceipt(Command):
    consultation_id: int = field("征求意见对象", min_value=1)
    received_on: date = field("对方收到征求意见书的日期")


@command("record_opinion")
class RecordOpinion(Command):
    consultation_id: int = field("征求意见对象", min_value=1)
    opinion: Opinion = field("反馈意见")
    received_on: date = field("意见收到日期")
    reason: Optional[str] = field("意见理由", default=None, max_length=REASON_LENGTH)


@command("end_consultation")
class EndConsultation(Command):
    pass


@command("request_fee")
class RequestFee(Command):
    method: FeeMethod = field("计费方式", help="按件或按量，只能选择一种（国办函〔2020〕109号第三条）")
    quantity: int = field("计费数量", min_value=1, help="按件计收时为件数，按量计收时为页数")
    notice_received_on: Optional[date] = field("申请人收到收费通知的日期", default=None)


@command("record_fee_notice_receipt")
class RecordFeeNoticeReceipt(Command):
    received_on: date = field("申请人收到收费通知书的日期", help="缴费期限自该日起计算")


@command("record_payment")
class RecordPayment(Command):
    paid_on: date = field("缴费日期")


@command("lapse_fee")
class LapseFee(Command):
    pass


@command("extend_deadline")
class ExtendDeadline(Command):
    days: int = field("延长的工作日数", min_value=1, max_value=MAX_EXTENSION_DAYS,
                      help="条例第三十三条第二款：延长的期限最长不得超过20个工作日")
    reason: str = field("延期理由", max_length=REASON_LENGTH)


@command("set_delayed_period")
class SetDelayedPeriod(Command):
    due_on: date = field("延迟答复的期限")
    reason: str = field("确定延迟答复期限的理由", max_length=REASON_LENGTH, help="条例第三十五条")
