"""Enumerations of the case model (DOMAIN.md glossary names). Stored as their ``value`` strings."""
from __future__ import annotations

import enum
from rules.replies.fees import FeeMethod  # noqa: F401  (按件/按量, 国办函〔2020〕109号; stored by value)


class Stage(str, enum.Enum):
    """The five top-level stages of a case (DOMAIN.md §2)."""

    REGISTRATION = "registration"  # 登记
    CORRECTION = "correction"  # 补正
    CONSULTATION = "consultation"  # 征求意见
    REPLY = "reply"  # 答复
    ARCHIVE = "archive"  # 归档


class SubStep(str, enum.Enum):
    """Where a case is inside its stage."""

    AWAITING_CONFIRMATION = "awaiting_confirmation"  # 待确认收到日期 (条例第三十一条)
    PROCESSING = "processing"  # 办理中
    AWAITING_FEE = "awaiting_fee"  # 待缴费
    AWAITING_APPLICANT = "awaiting_applicant"  # 待申请人补正
    AWAITING_OPINIONS = "awaiting_opinions"  # 待反馈意见
    DRAFTING = "drafting"  # 起草
    IN_REVIEW = "in_review"  # 法制审核
    APPROVED = "approved"  # 审核通过
    ISSUED = "issued"  # 已出具送达
    CLOSED = "closed"  # 已归档


# Which sub-steps each stage allows (also enforced by a CHECK constraint).
STAGE_SUB_STEPS: dict[Stage, tuple[SubStep, ...]] = {
    Stage.REGISTRATION: (SubStep.AWAITING_CONFIRMATION, SubStep.PROCESSING, SubStep.AWAITING_FEE),
    Stage.CORRECTION: (SubStep.AWAITING_APPLICANT,),
    Stage.CONSULTATION: (SubStep.AWAITING_OPINIONS,),
    Stage.REPLY: (SubStep.DRAFTING, SubStep.IN_REVIEW, SubStep.APPROVED, SubStep.ISSUED),
    Stage.ARCHIVE: (SubStep.CLOSED,),
}


STAGE_LABELS: dict[Stage, str] = {Stage.REGISTRATION: "登记", Stage.CORRECTION: "补正",
                                  Stage.CONSULTATION: "征求意见", Stage.REPLY: "答复", Stage.ARCHIVE: "归档"}
SUB_STEP_LABELS: dict[SubStep, str] = {
    SubStep.AWAITING_CONFIRMATION: "待确认收到日期", SubStep.PROCESSING: "办理中", SubStep.AWAITING_FEE: "待缴费",
    SubStep.AWAITING_APPLICANT: "待申请人补正", SubStep.AWAITING_OPINIONS: "待反馈意见", SubStep.DRAFTING: "起草答复",
    SubStep.IN_REVIEW: "法制审核", SubStep.APPROVED: "审核通过", SubStep.ISSUED: "已出具送达", SubStep.CLOSED: "已归档",
}


class Role(str, enum.Enum):
    CLERK = "clerk"  # 窗口受理人员
    REVIEWER = "reviewer"  # 法制审核人员
    SUPERVISOR = "supervisor"  # 工作机构负责人
    ADMIN = "admin"  # 系统管理员


class Channel(str, enum.Enum):
    """How the application arrived; decides the receipt date T0 (条例第三十一条)."""

    IN_PERSON = "in_person"  # 当面提交: the day submitted
    REGISTERED_MAIL = "registered_mail"  # 邮寄需签收: the day the agency signs
    ORDINARY_MAIL = "ordinary_mail"  # 平常信函: the day confirmed with the applicant
    ONLINE = "online"  # 互联网渠道: the day both sides confirm
    FAX = "fax"  # 传真: the day both sides confirm

    @property
    def needs_confirmation(self) -> bool:
        return self in (Channel.ORDINARY_MAIL, Channel.ONLINE, Channel.FAX)


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.IN_PERSON: "当面提交", Channel.REGISTERED_MAIL: "邮寄（需签收）", Channel.ORDINARY_MAIL: "平常信函",
    Channel.ONLINE: "互联网渠道", Channel.FAX: "传真",
}


class ApplicantType(str, enum.Enum):
    """The 表三 columns (国办公开办函〔2021〕30号)."""

    NATURAL_PERSON = "natural_person"  # 自然人
    COMMERCIAL_ENTERPRISE = "commercial_enterprise"  # 商业企业
    RESEARCH_INSTITUTION = "research_institution"  # 科研机构
    SOCIAL_WELFARE_ORG = "social_welfare_org"  # 社会公益组织
    LEGAL_SERVICE_ORG = "legal_service_org"  # 法律服务机构
    OTHER = "other"  # 其他


APPLICANT_TYPE_LABELS: dict[ApplicantType, str] = {
    ApplicantType.NATURAL_PERSON: "自然人", ApplicantType.COMMERCIAL_ENTERPRISE: "商业企业",
    ApplicantType.RESEARCH_INSTITUTION: "科研机构", ApplicantType.SOCIAL_WELFARE_ORG: "社会公益组织",
    ApplicantType.LEGAL_SERVICE_ORG: "法律服务机构", ApplicantType.OTHER: "其他",
}


class ConsultationKind(str, enum.Enum):
    THIRD_PARTY = "third_party"  # 条例第三十二条: silence → the agency decides
    CO_PRODUCER = "co_producer"  # 条例第三十四条: silence = consent


class Opinion(str, enum.Enum):
    AGREE = "agree"
    DISAGREE = "disagree"
    NONE = "none"  # answered without a position


class RemedyKind(str, enum.Enum):
    RECONSIDERATION = "reconsideration"  # 行政复议
    DIRECT_SUIT = "direct_suit"  # 直接起诉
    SUIT_AFTER_RECONSIDERATION = "suit_after_reconsideration"  # 复议后起诉


class RemedyResult(str, enum.Enum):
    MAINTAINED = "maintained"  # 维持
    CORRECTED = "corrected"  # 纠错 (撤销、责令重新答复…)
    OTHER = "other"  # 其他 (驳回、撤回…)
    PENDING = "pending"  # 尚未审结


# Outcomes that are not reply categories (DOMAIN.md §4, 表三 三(六)).
LAPSED_CORRECTION = "lapsed_correction"
LAPSED_FEE = "lapsed_fee"
OUTCOME_OTHER = "other"


class ClockStatus(str, enum.Enum):
    """The reply clock's state as of the case's last action (``rules.clock.Deadline.status``), stored so
    that the deadline board can filter and sort in SQL; ``closed`` for an archived case (a CHECK)."""

    NOT_STARTED = "not_started"  # 未起算: T0 not known yet (条例第三十一条)
    RUNNING = "running"  # 计时中
    STOPPED = "stopped"  # 停止计算: awaiting 补正 (条例第三十条)
    PAUSED = "paused"  # 暂停: consultation or fee (条例第三十三条第三款)
    ANSWERED = "answered"  # 已答复
    CLOSED = "closed"  # 已归档


CLOCK_STATUS_LABELS: dict[ClockStatus, str] = {
    ClockStatus.NOT_STARTED: "未起算", ClockStatus.RUNNING: "计时中", ClockStatus.STOPPED: "停止计算（待补正）",
    ClockStatus.PAUSED: "暂停计算", ClockStatus.ANSWERED: "已答复", ClockStatus.CLOSED: "已归档",
}


# Every outcome an archived case may record: the codes of rules/replies/categories.toml (replies and
# outcomes). Frozen here and in the migration's CHECK (STYLE 13); a test compares it with the catalog, so a
# new category fails that test until a migration widens the constraint.
OUTCOME_CODES: tuple[str, ...] = (
    "already_public", "disclose", "partial", "withhold_secret", "withhold_law", "withhold_security",
    "withhold_third_party", "withhold_internal", "withhold_process", "withhold_case_file", "special_query",
    "not_exist", "not_ours", "needs_creation", "unclear_after_correction", "petition", "duplicate",
    "publication", "excessive", "confirm_existing", "lapsed_correction", "lapsed_fee", "other",
)
