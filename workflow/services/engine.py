"""The shared path of every trigger: load, check version, agency and role, run the machine, mutate, recompute
the deadline, issue the documents the trigger declares (:mod:`workflow.side_effects`), append history — inside
one unit of work that commits once.

The ``transitions`` machine is built per operation around :class:`CaseState`, a tiny wrapper whose
``state`` is the case's ``stage.sub_step``; it is never bound to the ORM object.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Callable, Optional, TypeVar

from sqlalchemy.orm import Session, sessionmaker
from transitions import Machine, MachineError

from rules.clock import ClockError, EventKind
from workflow import deadlines, guards, history
from workflow.commands import Command
from workflow.errors import (
    ConcurrentModification, GuardFailed, NotFound, PermissionDenied, TransitionNotAllowed,
)
from workflow.models import Application, ClockEventRecord, ClockStatus, Stage, SubStep, User, utcnow
from workflow.models.enums import STAGE_LABELS
from workflow.services.issuing import issue_documents
from workflow.transitions_table import ALL_STATES, NEW, TransitionRule, expand_sources, rules_for
from workflow.uow import unit_of_work

SessionFactory = sessionmaker[Session]
C = TypeVar("C", bound=Command)


@dataclass
class Action:
    """One trigger being performed: what guards and mutators see. ``command`` is the validated typed command;
    ``derived`` holds values a guard computed for its mutator (:meth:`derive`)."""

    session: Session
    command: Command
    case: Application
    actor: User
    today: date
    calendar: Any = None
    payload: dict[str, Any] = field(default_factory=dict)
    derived: dict[str, Any] = field(default_factory=dict)
    recorded_at: datetime = field(default_factory=utcnow)

    @property
    def trigger(self) -> str:
        return self.command.trigger

    def derive(self, name: str, compute: Callable[[], Any]) -> Any:
        """``compute()`` the first time ``name`` is asked for in this action, the remembered value after: a
        guard and its mutator share one computation (e.g. the fee and the month's earlier pieces)."""
        if name not in self.derived:
            self.derived[name] = compute()
        return self.derived[name]

    def add_clock_event(self, kind: EventKind, day: date, *, ref: str | None = None, days: int | None = None,
                        due: date | None = None) -> None:
        """Append a clock event of the case's current round (the deadline is recomputed afterwards)."""
        self.case.clock_events.append(ClockEventRecord(
            clock_round=self.case.clock_round, kind=EventKind(kind).value, day=day, ref=ref, days=days,
            due=due, recorded_at=self.recorded_at, actor_id=self.actor.id))


@dataclass(frozen=True)
class CaseRef:
    """What a write service returns: the case's id and version (for the next action) and where it stands."""

    id: int
    version: int
    stage: Stage
    sub_step: SubStep
    due_date: Optional[date]
    due_provisional: bool
    tracking_number: str

    @property
    def state(self) -> str:
        return f"{self.stage.value}.{self.sub_step.value}"


def case_ref(case: Application) -> CaseRef:
    """The :class:`CaseRef` of ``case`` as it stands in the session."""
    return CaseRef(case.id, case.version, Stage(case.stage), SubStep(case.sub_step), case.due_date,
                   bool(case.due_provisional), case.tracking_number)


def state_of(case: Application) -> str:
    """``"<stage>.<sub_step>"``, or ``"new"`` for a case not registered yet."""
    if case.stage is None:
        return NEW
    return f"{Stage(case.stage).value}.{SubStep(case.sub_step).value}"


class CaseState:
    """What the ``transitions`` machine drives: ``state`` reads and writes the case's stage columns."""

    def __init__(self, action: Action) -> None:
        self.action = action
        self.failures: list[str] = []

    @property
    def state(self) -> str:
        return state_of(self.action.case)

    @state.setter
    def state(self, value: str) -> None:
        if value == NEW:
            return
        stage, sub_step = value.split(".")
        self.action.case.stage, self.action.case.sub_step = Stage(stage), SubStep(sub_step)


def _condition(name: str) -> Callable:
    check = guards.get_guard(name)

    def condition(event) -> bool:
        message = check(event.model.action)
        if message:
            event.model.failures.append(message)
        return not message
    return condition


def _fire(action: Action, rules: tuple[TransitionRule, ...]) -> None:
    wrapper = CaseState(action)
    machine = Machine(model=wrapper, states=[NEW, *ALL_STATES], initial=wrapper.state, auto_transitions=False,
                      send_event=True, transitions=[
                          {"trigger": action.trigger, "source": list(expand_sources(rule)), "dest": rule.dest,
                           "conditions": [_condition(name) for name in rule.guards]} for rule in rules])
    try:
        fired = wrapper.trigger(action.trigger)
    except MachineError as exc:
        raise TransitionNotAllowed() from exc
    finally:
        machine.remove_model(wrapper)
    if not fired:
        raise GuardFailed("；".join(dict.fromkeys(wrapper.failures)))


def _check_allowed(action: Action) -> tuple[TransitionRule, ...]:
    """The trigger's rows that apply to the case's state; refuses unknown trigger, wrong stage or role."""
    rules = rules_for(action.trigger)
    if not rules:
        raise TransitionNotAllowed(f"没有名为「{action.trigger}」的办理操作")
    state = state_of(action.case)
    applicable = tuple(rule for rule in rules if state in expand_sources(rule))
    if not applicable:
        where = STAGE_LABELS.get(action.case.stage, "新申请")
        raise TransitionNotAllowed(f"案件当前处于「{where}」阶段（{state}），不能执行「{rules[0].label}」")
    if not action.actor.has_any_role(set().union(*(rule.roles for rule in applicable))):
        raise PermissionDenied(f"您的角色不能执行「{rules[0].label}」")
    return applicable


def load_actor(session: Session, actor_id: int, agency_id: int) -> User:
    """The acting user; refuses unknown, inactive and other-agency users."""
    actor = session.get(User, actor_id)
    if actor is None or not actor.active:
        raise PermissionDenied("用户不存在或已停用")
    if actor.agency_id != agency_id:
        raise PermissionDenied("只能办理本机关的案件")
    return actor


def read_case(session: Session, case_id: int) -> Application:
    """The case for a read-only query (no version to check); raises NotFound."""
    case = session.get(Application, case_id)
    if case is None:
        raise NotFound(f"案件 {case_id} 不存在")
    return case


def load_case(session: Session, case_id: int, expected_version: int) -> Application:
    """The case to act on, checked against the version the caller saw. A write never skips the check:
    raises TypeError when ``expected_version`` is not an int (e.g. None), NotFound, ConcurrentModification."""
    if isinstance(expected_version, bool) or not isinstance(expected_version, int):
        raise TypeError(f"expected_version must be the case version the user saw, got {expected_version!r}")
    case = read_case(session, case_id)
    if case.version != expected_version:
        raise ConcurrentModification()
    return case


Mutator = Callable[[Action], None]


def _follow_stage(case: Application, from_state: str, today: date) -> None:
    """closed_on and the clock status follow the stage at once (CHECK constraints; a query may autoflush
    before the deadline is recomputed, which then stores the clock's own status)."""
    if case.stage is Stage.ARCHIVE:
        if not from_state.startswith(Stage.ARCHIVE.value):
            case.closed_on = today  # the annual report counts cases by the day they closed
        case.clock_status = ClockStatus.CLOSED
    else:
        case.closed_on = None  # reopen: open again
        if case.clock_status in (None, ClockStatus.CLOSED):
            case.clock_status = ClockStatus.RUNNING


def apply_trigger(action: Action, mutate: Mutator | None = None) -> Application:
    """Check and fire the trigger on ``action.case``, run ``mutate``, recompute the deadline, issue the
    trigger's documents (:data:`workflow.side_effects.ISSUED_DOCUMENTS`), then add the history row recording
    them."""
    rules = _check_allowed(action)
    case = action.case
    if action.calendar is None:
        action.calendar = deadlines.calendar_for(case)
    from_state, due_before = state_of(case), case.due_date
    _fire(action, rules)
    if mutate is not None:
        mutate(action)
    _follow_stage(case, from_state, action.today)
    try:
        deadlines.store_deadline(case, deadlines.deadline_of(case, action.calendar, action.today))
    except ClockError as exc:
        raise GuardFailed(str(exc)) from exc
    case.version = (case.version or 0) + 1
    action.session.add(case)
    action.session.flush()
    documents = issue_documents(action)  # before the history row: it records their hashes
    row = history.write_history(action, from_state, due_before)
    for document in documents:
        document.history = row
    action.session.add_all(documents)
    return case


def typed(command: Any, expected: type[C]) -> C:
    """``command`` when it is an ``expected`` command; raises TypeError otherwise (a caller's bug)."""
    if not isinstance(command, expected):
        raise TypeError(f"expected a {expected.__name__} command, got {type(command).__name__}")
    return command


def perform(session_factory: SessionFactory, command: Command, *, actor_id: int, case_id: int,
            expected_version: int, today: date, mutate: Mutator | None = None) -> CaseRef:
    """Run ``command``'s trigger on an existing case in one transaction (``mutate`` changes the case); see
    :func:`apply_trigger`. Raises TypeError (not a command), NotFound, ConcurrentModification,
    PermissionDenied, TransitionNotAllowed, GuardFailed.
    """
    typed(command, Command)
    with unit_of_work(session_factory) as session:
        case = load_case(session, case_id, expected_version)
        actor = load_actor(session, actor_id, case.agency_id)
        return case_ref(apply_trigger(Action(session, command, case, actor, today), mutate))
