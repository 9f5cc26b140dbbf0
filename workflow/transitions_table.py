"""The transition table of DOMAIN.md §2, as data. Services, buttons and the API all derive from it.

States are ``"<stage>.<sub_step>"``; a source written as a bare stage means every sub-step of that stage.
``dest`` ``"="`` keeps the current state. ``guards`` name functions in :mod:`workflow.guards`; they run in
order and the first that fails refuses the trigger with its message. Several rows of one trigger are tried in
order (``register`` routes by channel this way).
"""
from __future__ import annotations

from dataclasses import dataclass

from workflow.models.enums import STAGE_SUB_STEPS, Role, Stage

NEW = "new"  # the pseudo-state of a case being registered
SAME = "="

CLERK, REVIEWER, SUPERVISOR = Role.CLERK, Role.REVIEWER, Role.SUPERVISOR
OPEN_BEFORE_ISSUE = ("registration", "correction", "consultation", "reply.drafting", "reply.in_review",
                     "reply.approved")


@dataclass(frozen=True)
class TransitionRule:
    trigger: str
    sources: tuple[str, ...]
    dest: str
    roles: frozenset[Role]
    guards: tuple[str, ...] = ()
    label: str = ""


def _rule(trigger, sources, dest, roles, guards=(), label=""):
    sources = (sources,) if isinstance(sources, str) else tuple(sources)
    return TransitionRule(trigger, sources, dest, frozenset(roles), tuple(guards), label)


TRANSITIONS: tuple[TransitionRule, ...] = (
    # 条例第二十九条、第三十一条
    _rule("register", NEW, "registration.processing", [CLERK],
          ["received_date_not_future", "art29_complete_or_marked", "receipt_date_known"], "登记"),
    _rule("register", NEW, "registration.awaiting_confirmation", [CLERK],
          ["received_date_not_future", "art29_complete_or_marked", "receipt_needs_confirmation"], "登记"),
    _rule("confirm_receipt", "registration.awaiting_confirmation", "registration.processing", [CLERK],
          ["confirmation_date_valid"], "确认收到日期"),
    # 条例第三十条
    _rule("request_correction", "registration.processing", "correction.awaiting_applicant", [CLERK],
          ["correction_notice_valid", "defects_not_corrected_before"], "发出补正告知书"),
    _rule("receive_correction", "correction", "registration.processing", [CLERK], ["correction_date_valid"],
          "登记补正材料"),
    _rule("lapse_correction", "correction", "archive.closed", [CLERK, SUPERVISOR],
          ["correction_period_passed"], "逾期未补正，不再处理"),
    # 条例第三十二条、第三十四条
    # several consultees may be open at once, each letter batch with its own date and pause (the clock unions
    # them): a further letter from the consultation stage stays there
    _rule("start_consultation", "registration.processing", "consultation.awaiting_opinions", [CLERK],
          ["consultees_given", "letter_date_valid"], "征求意见"),
    _rule("start_consultation", "consultation", SAME, [CLERK], ["consultees_given", "letter_date_valid"],
          "征求意见"),
    _rule("record_letter_receipt", "consultation", SAME, [CLERK], ["letter_receipt_valid"], "登记对方收到日期"),
    _rule("record_opinion", "consultation", SAME, [CLERK], ["consultee_pending"], "登记反馈意见"),
    # ends every finished consultee (answered, or 15 WD passed); the case leaves the stage when none is left
    _rule("end_consultation", "consultation", "registration.processing", [CLERK, SUPERVISOR],
          ["every_consultee_finished"], "结束征求意见"),
    _rule("end_consultation", "consultation", SAME, [CLERK, SUPERVISOR], ["some_consultee_finished"],
          "结束征求意见"),
    # 国办函〔2020〕109号; the supervisor who approves the charge sends the notice (recorded as its approver)
    _rule("request_fee", "registration.processing", "registration.awaiting_fee", [SUPERVISOR],
          ["fee_matches_brackets", "fee_notice_receipt_valid"], "发出收费通知"),
    _rule("record_fee_notice_receipt", "registration.awaiting_fee", SAME, [CLERK],
          ["fee_notice_receipt_recordable"], "登记收费通知送达日期"),
    _rule("record_payment", "registration.awaiting_fee", "registration.processing", [CLERK],
          ["payment_date_valid"], "登记缴费"),
    _rule("lapse_fee", "registration.awaiting_fee", "archive.closed", [CLERK, SUPERVISOR],
          ["fee_period_passed"], "逾期未缴费，不再处理"),
    # 条例第三十三条第二款、第三十五条
    _rule("extend_deadline", ["registration.processing", "registration.awaiting_fee", "consultation",
                              "reply.drafting", "reply.in_review", "reply.approved"], SAME, [SUPERVISOR],
          ["extension_allowed"], "延期答复"),
    _rule("set_delayed_period", "registration.processing", SAME, [SUPERVISOR], ["delayed_period_valid"],
          "确定合理延迟期限"),
    # 答复
    _rule("draft_reply", "registration.processing", "reply.drafting", [CLERK], ["no_missing_items"], "起草答复"),
    _rule("submit_review", "reply.drafting", "reply.in_review", [CLERK], ["reply_ready_for_review"], "提交审核"),
    _rule("approve_reply", "reply.in_review", "reply.approved", [REVIEWER],
          ["reviewer_is_not_drafter", "planned_issue_not_past", "reply_ready_for_review"], "审核通过"),
    _rule("return_reply", "reply.in_review", "reply.drafting", [REVIEWER], ["comment_given"], "退回修改"),
    _rule("issue_reply", "reply.approved", "reply.issued", [CLERK], ["issue_details_given"], "出具并送达"),
    _rule("archive_case", "reply.issued", "archive.closed", [CLERK], ["delivery_proof_recorded"], "归档"),
    _rule("withdraw", OPEN_BEFORE_ISSUE, "archive.closed", [CLERK], ["withdrawal_recorded"], "申请人撤回"),
    # after the case closed
    _rule("reopen", "archive.closed", "registration.processing", [SUPERVISOR], ["reopen_ordered"], "重新办理"),
    _rule("record_remedy", "archive.closed", SAME, [CLERK, REVIEWER], ["remedy_details_valid"], "登记复议/诉讼"),
)

ALL_STATES: tuple[str, ...] = tuple(f"{stage.value}.{step.value}"
                                    for stage, steps in STAGE_SUB_STEPS.items() for step in steps)
TRIGGERS: tuple[str, ...] = tuple(dict.fromkeys(rule.trigger for rule in TRANSITIONS))


def expand_sources(rule: TransitionRule) -> tuple[str, ...]:
    """The concrete states a rule applies from (bare stages expanded to their sub-steps)."""
    states: list[str] = []
    for source in rule.sources:
        if "." in source or source == NEW:
            states.append(source)
        else:
            states.extend(f"{source}.{step.value}" for step in STAGE_SUB_STEPS[Stage(source)])
    return tuple(states)


def rules_for(trigger: str) -> tuple[TransitionRule, ...]:
    """Every row of ``trigger`` (empty when the trigger does not exist)."""
    return tuple(rule for rule in TRANSITIONS if rule.trigger == trigger)


def trigger_label(trigger: str) -> str:
    """The Chinese button label of ``trigger``; raises KeyError for an unknown trigger."""
    rules = rules_for(trigger)
    if not rules:
        raise KeyError(trigger)
    return rules[0].label


def triggers_from(state: str) -> tuple[str, ...]:
    """Triggers that have a row starting from ``state``, in table order."""
    return tuple(dict.fromkeys(r.trigger for r in TRANSITIONS if state in expand_sources(r)))
