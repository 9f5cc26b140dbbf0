"""Registering an application and confirming its receipt date (条例第二十九条、第三十一条)."""
from __future__ import annotations

import secrets
from dataclasses import fields
from datetime import date

from sqlalchemy.orm import Session

from rules.art29 import ART29_ITEMS
from rules.clock import EventKind
from workflow.commands import ConfirmReceipt, Register
from workflow.counters import next_counter_value
from workflow.guards import guard
from workflow.models import Application, Channel, TrackingCounter, User
from workflow.services.engine import (
    Action, CaseRef, SessionFactory, apply_trigger, case_ref, load_actor, perform, typed,
)
from workflow.uow import unit_of_work

QUERY_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L
QUERY_CODE_LENGTH = 10


def _present_items(case: Application) -> set[str]:
    present = set()
    if case.applicant_name and case.id_document_type and case.id_document_number:
        present.add("applicant")
    if case.contact_phone or case.contact_address or case.contact_email:
        present.add("contact")
    if (case.description or "").strip():
        present.add("description")
    if case.form_requested:
        present.add("form")
    return present


@guard("art29_complete_or_marked")
def _art29_complete_or_marked(action: Action) -> str | None:
    marked = set(action.case.missing_items or [])  # only known items: the command refuses others
    absent = [label for key, label in ART29_ITEMS.items() if key not in _present_items(action.case) | marked]
    if absent:
        return "申请内容不全（条例第二十九条），请补充或标记为缺项：" + "；".join(absent)
    return None


@guard("received_date_not_future")
def _received_date_not_future(action: Action) -> str | None:
    return "收到日期不能晚于今天" if action.case.received_on > action.today else None


# The two routing guards below pick the row of ``register`` by channel; exactly one of them passes.
@guard("receipt_date_known")
def _receipt_date_known(action: Action) -> str | None:
    if Channel(action.case.channel).needs_confirmation:
        return "该渠道的收到日期须与申请人确认（条例第三十一条）"
    return None


@guard("receipt_needs_confirmation")
def _receipt_needs_confirmation(action: Action) -> str | None:
    if not Channel(action.case.channel).needs_confirmation:
        return "当面或邮寄签收的申请以提交或签收之日为收到日期（条例第三十一条）"
    return None


def next_tracking_number(session: Session, agency_id: int, year: int) -> str:
    """The next ``YYYY-NNNN`` of the agency, taken from its counter row inside the current transaction."""
    number = next_counter_value(session, TrackingCounter, agency_id=agency_id, year=year)
    return f"{year}-{number:04d}"


def new_query_code() -> str:
    """A random 查询码 from an alphabet without look-alike characters."""
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


def _assign_numbers(action: Action) -> None:
    case = action.case
    case.tracking_number = next_tracking_number(action.session, case.agency_id, action.today.year)
    case.query_code = new_query_code()
    if not Channel(case.channel).needs_confirmation:
        action.add_clock_event(EventKind.RECEIVED, case.received_on)  # 条例第三十一条: T0 = 提交/签收之日


def register_application(session_factory: SessionFactory, command: Register, *, actor_id: int,
                         today: date) -> CaseRef:
    """Register a new application of the actor's agency (trigger ``register``); returns the stored case.

    T0 is the receipt date for 当面/邮寄签收; other channels wait for :func:`confirm_receipt`.
    Raises TypeError (not a Register command), PermissionDenied (not a clerk), GuardFailed (art. 29 items
    neither given nor marked missing, received in the future).
    """
    typed(command, Register)
    with unit_of_work(session_factory) as session:
        user = session.get(User, actor_id)
        actor = load_actor(session, actor_id, user.agency_id if user else -1)
        values = {f.name: getattr(command, f.name) for f in fields(command)}
        values["missing_items"] = list(command.missing_items)
        case = Application(**values, agency_id=actor.agency_id, agency=actor.agency, handler_id=actor.id,
                           version=0, clock_round=1, due_provisional=False)
        return case_ref(apply_trigger(Action(session, command, case, actor, today), _assign_numbers))


@guard("confirmation_date_valid")
def _confirmation_date_valid(action: Action) -> str | None:
    confirmed_on = action.command.confirmed_on
    if confirmed_on < action.case.received_on or confirmed_on > action.today:
        return "确认日期应在收到申请之日与今天之间"
    return None


def _record_confirmation(action: Action) -> None:
    action.case.confirmed_on = action.command.confirmed_on
    action.add_clock_event(EventKind.RECEIVED, action.case.confirmed_on)  # 条例第三十一条: 双方确认之日


def confirm_receipt(session_factory: SessionFactory, command: ConfirmReceipt, *, actor_id: int, case_id: int,
                    expected_version: int, today: date) -> CaseRef:
    """Record the day the receipt was confirmed with the applicant; T0 := that day (条例第三十一条).

    Raises TransitionNotAllowed (already confirmed / channel needs none), GuardFailed, PermissionDenied.
    """
    return perform(session_factory, typed(command, ConfirmReceipt), actor_id=actor_id, case_id=case_id,
                   expected_version=expected_version, today=today, mutate=_record_confirmation)
