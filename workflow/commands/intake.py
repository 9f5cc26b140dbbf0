"""Commands of registration and 补正 (条例第二十九条、第三十条、第三十一条)."""
from __future__ import annotations

from datetime import date
from typing import Optional

from rules.art29 import ART29_ITEMS
from workflow.commands.base import Command, command
from workflow.commands.fields import field
from workflow.models import ApplicantType, Application, Channel

# Limits of texts stored without a column length (Text / JSON columns): declared here only.
DESCRIPTION_LENGTH = 5000
REASON_LENGTH = 2000
CORRECTION_ITEM_LENGTH = 500
CORRECTION_ITEMS = 20

_columns = Application.__table__.c


@command("register")
class Register(Command):
    """What the clerk enters when registering an application (the 申请表)."""

    channel: Channel = field("申请渠道", help="决定收到申请之日（条例第三十一条）")
    received_on: date = field("收到日期")
    applicant_type: ApplicantType = field("申请人类型")
    applicant_name: str = field("申请人姓名或名称", default="", max_length=_columns.applicant_name)
    id_document_type: Optional[str] = field("身份证明类型", default=None, max_length=_columns.id_document_type)
    id_document_number: Optional[str] = field("身份证明号码", default=None,
                                              max_length=_columns.id_document_number)
    contact_phone: Optional[str] = field("联系电话", default=None, max_length=_columns.contact_phone)
    contact_address: Optional[str] = field("通信地址", default=None, max_length=_columns.contact_address)
    contact_email: Optional[str] = field("电子邮箱", default=None, max_length=_columns.contact_email)
    description: str = field("所需政府信息的名称、文号或特征性描述", default="", max_length=DESCRIPTION_LENGTH)
    form_requested: Optional[str] = field("获取信息的方式、途径", default=None,
                                          max_length=_columns.form_requested)
    missing_items: tuple[str, ...] = field(
        "登记为缺项的申请内容", default=(), choices=tuple(ART29_ITEMS),
        help="条例第二十九条第二款所列、申请中未提供的事项；登记后须发出补正告知书")


@command("confirm_receipt")
class ConfirmReceipt(Command):
    confirmed_on: date = field("与申请人确认收到的日期", help="条例第三十一条：以双方确认之日为收到申请之日")


@command("request_correction")
class RequestCorrection(Command):
    items: tuple[str, ...] = field(
        "需要补正的事项", max_length=CORRECTION_ITEM_LENGTH, max_items=CORRECTION_ITEMS,
        help="一次性列明全部需要补正的事项（条例第三十条）；每项一条，可用缺项代码或文字说明")
    due_on: date = field("补正期限")


@command("receive_correction")
class ReceiveCorrection(Command):
    received_on: date = field("收到补正材料的日期")
    reason: Optional[str] = field("逾期收到仍继续办理的理由", default=None, max_length=REASON_LENGTH,
                                  help="补正期限届满后才收到时必填")


@command("lapse_correction")
class LapseCorrection(Command):
    pass
