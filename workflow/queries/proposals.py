"""Which of a case's escalation proposals are still pending, derived from the case's data (DOMAIN §7).

The escalation job proposes a trigger (it never fires one): a consultee's 15 WD passed → ``end_consultation``;
the applicant's 补正 period passed → ``lapse_correction``; the fee window passed → ``lapse_fee``. A proposal
is pending while what it is about is still open — acting on it (or anything else that settles it) makes it
disappear without any flag to clear — and while the transition table has the trigger from the case's state.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from workflow.models import Application, Role, Stage, SubStep
from workflow.queries.triggers import state_key, triggers_for
from workflow.transitions_table import trigger_label


@dataclass(frozen=True)
class ProposalView:
    """A trigger the escalation job asks a person to confirm, with the alerts that asked for it."""

    trigger: str
    label: str
    messages: tuple[str, ...]  # each asking alert's Chinese message, oldest first
    alert_ids: tuple[int, ...]
    allowed: bool  # the reader holds a role the transition table allows for it (else: no button)


def _consultation_open(case: Application, record_id: Optional[int]) -> bool:
    # 条例第三十二条: the consultee's opinion period passed; pending until end_consultation ends it
    return case.stage is Stage.CONSULTATION and any(
        not c.ended for c in case.consultations if record_id is None or c.id == record_id)


def _correction_open(case: Application, record_id: Optional[int]) -> bool:
    # 条例第三十条: the applicant's 补正 period passed with no answer
    return case.stage is Stage.CORRECTION and any(
        c.received_on is None for c in case.corrections if record_id is None or c.id == record_id)


def _fee_open(case: Application, record_id: Optional[int]) -> bool:
    # 国办函〔2020〕109号: the payment window passed, neither paid nor lapsed yet
    return case.sub_step is SubStep.AWAITING_FEE and any(
        f.paid_on is None and not f.lapsed
        for f in case.fee_notices if record_id is None or f.id == record_id)


# proposal trigger → is it still open (the case with its consultations, corrections and fee notices loaded)
STILL_OPEN: dict[str, Callable[[Application, Optional[int]], bool]] = {
    "end_consultation": _consultation_open,
    "lapse_correction": _correction_open,
    "lapse_fee": _fee_open,
}


def pending_proposals(case: Application, alerts: Iterable, roles: Optional[Iterable[Role]] = None
                      ) -> tuple[ProposalView, ...]:
    """The pending proposals of ``case`` (relations loaded) among its ``alerts`` (objects with ``id``,
    ``proposal``, ``record_id``, ``message``; oldest first), one per trigger. ``roles``: the reader's, for
    :attr:`ProposalView.allowed`; None means any role."""
    state = state_key(case.stage, case.sub_step)
    possible = set(triggers_for(state, set(Role)))
    mine = possible if roles is None else set(triggers_for(state, roles))
    found: dict[str, list] = {}
    for alert in alerts:
        still_open = STILL_OPEN.get(alert.proposal or "")
        if alert.proposal in possible and still_open is not None and still_open(case, alert.record_id):
            found.setdefault(alert.proposal, []).append(alert)
    return tuple(ProposalView(trigger, trigger_label(trigger), tuple(a.message for a in asking),
                              tuple(a.id for a in asking), trigger in mine)
                 for trigger, asking in found.items())
