"""The case model: one module per area; import everything from here."""
from workflow.models.agency import Agency, TrackingCounter, User, UserRole
from workflow.models.alerts import ALERT_LEVELS, Alert, AlertRecipient, JobRun, MailDigest
from workflow.models.application import Application
from workflow.models.base import Base, NAMING_CONVENTION, utcnow
from workflow.models.chain import RecordChain, chain_records
from workflow.models.documents import DOCUMENT_KIND_LABELS, DocumentCounter, DocumentKind, IssuedDocument
from workflow.models.enums import (
    LAPSED_CORRECTION, LAPSED_FEE, OUTCOME_CODES, OUTCOME_OTHER, STAGE_SUB_STEPS, ApplicantType, Channel,
    ClockStatus, ConsultationKind, FeeMethod, Opinion, RemedyKind, RemedyResult, Role, Stage, SubStep,
)
from workflow.models.events import CLOCK_EVENT_KINDS, ClockEventRecord, History
from workflow.models.interruptions import Consultation, CorrectionRequest, FeeNotice
from workflow.models.reply import Remedy, Reply
from workflow.models.signin import SignInAttempt

# Every history row and issued document joins its agency's hash chain when it is inserted.
chain_records(History, IssuedDocument)

__all__ = [
    "ALERT_LEVELS", "Agency", "Alert", "AlertRecipient", "ApplicantType", "JobRun", "MailDigest", "Application", "Base", "CLOCK_EVENT_KINDS", "Channel", "ClockEventRecord",
    "ClockStatus", "OUTCOME_CODES",
    "Consultation", "ConsultationKind", "CorrectionRequest", "DOCUMENT_KIND_LABELS", "DocumentCounter",
    "DocumentKind", "FeeMethod", "FeeNotice", "History", "IssuedDocument", "RecordChain",
    "LAPSED_CORRECTION", "LAPSED_FEE", "NAMING_CONVENTION", "OUTCOME_OTHER", "Opinion", "Remedy",
    "RemedyKind", "RemedyResult", "Reply", "Role", "STAGE_SUB_STEPS", "SignInAttempt", "Stage", "SubStep",
    "TrackingCounter",
    "User", "UserRole",
    "utcnow",
]
