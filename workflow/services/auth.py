"""Signing in: password check, lockout after repeated failures, every attempt recorded.

A wrong user name, a wrong password, a disabled account and an account without a password (the system actor)
all get the same answer, and user names that do not exist are locked out like real ones, so that the sign-in
page tells nobody which accounts exist.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from workflow.errors import InvalidInput, PermissionDenied
from workflow.models import Role, SignInAttempt, User
from workflow.models.signin import USERNAME_LENGTH
from workflow.passwords import hash_password, needs_rehash, verify_password
from workflow.services.engine import SessionFactory
from workflow.uow import unit_of_work

WRONG_CREDENTIALS = "用户名或密码不正确"
_RECENT_ATTEMPTS = 200  # enough to decide the lock: attempts older than these cannot matter


class SignInRefused(PermissionDenied):
    """Wrong credentials, or the user name is locked after repeated failures."""

    default_message = WRONG_CREDENTIALS


@dataclass(frozen=True)
class LockoutPolicy:
    """``max_failures`` failed attempts in a row lock the user name for ``lock_minutes``."""

    max_failures: int = 5
    lock_minutes: int = 15


@dataclass(frozen=True)
class SignedInUser:
    """Who is signed in: what every page needs to know about its user."""

    id: int
    username: str
    name: str
    agency_id: int
    agency_name: str
    roles: frozenset[Role]

    def has_role(self, *roles: Role) -> bool:
        """True when the user holds at least one of ``roles``."""
        return bool(self.roles & set(roles))


def signed_in_user(user: User) -> SignedInUser:
    """The plain-data view of ``user`` (its agency and roles loaded)."""
    return SignedInUser(id=user.id, username=user.username, name=user.name, agency_id=user.agency_id,
                        agency_name=user.agency.name, roles=frozenset(Role(r) for r in user.roles))


def locked_until(session: Session, username: str, now: datetime, policy: LockoutPolicy) -> Optional[datetime]:
    """When the lock on ``username`` ends, or None when it is not locked: every ``max_failures``-th failure
    in a row (a success resets the count; attempts refused during a lock do not count) locks it for
    ``lock_minutes``."""
    rows = session.execute(
        select(SignInAttempt.succeeded, SignInAttempt.at).where(
            SignInAttempt.username == username, SignInAttempt.during_lock.is_(False))
        .order_by(SignInAttempt.id.desc()).limit(_RECENT_ATTEMPTS)).all()
    failures, until = 0, None
    for succeeded, at in reversed(rows):
        failures = 0 if succeeded else failures + 1
        if failures >= policy.max_failures:
            until, failures = _aware(at) + timedelta(minutes=policy.lock_minutes), 0
    return until if until is not None and until > now else None


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes for UTC values; make them comparable with ``now``."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _check(session: Session, username: str, password: str) -> Optional[User]:
    user = session.scalars(select(User).where(User.username == username)).one_or_none()
    matches = verify_password(user.password_hash if user else None, password)
    if user is None or not matches or not user.active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def sign_in(session_factory: SessionFactory, username: str, password: str, *, now: datetime,
            remote_addr: Optional[str] = None, policy: LockoutPolicy = LockoutPolicy()) -> SignedInUser:
    """Check ``username`` / ``password`` and record the attempt (success or failure) with ``remote_addr``.

    Raises SignInRefused: wrong user name or password, disabled account, account without a password, or a user
    name locked by :func:`locked_until` (the message then says how long).
    """
    name = (username or "").strip()[:USERNAME_LENGTH]
    with unit_of_work(session_factory) as session:
        until = locked_until(session, name, now, policy)
        user = None if until else _check(session, name, password or "")
        session.add(SignInAttempt(username=name, user_id=user.id if user else None,
                                  succeeded=user is not None, at=now,
                                  remote_addr=(remote_addr or "")[:64] or None, during_lock=until is not None))
        result = signed_in_user(user) if user else None
    if until is not None:
        minutes = max(1, math.ceil((until - now).total_seconds() / 60))
        raise SignInRefused(f"登录失败次数过多，请 {minutes} 分钟后再试")
    if result is None:
        raise SignInRefused()
    return result


def load_signed_in_user(session_factory: SessionFactory, user_id: int) -> Optional[SignedInUser]:
    """The signed-in user ``user_id`` for a new request, or None when it no longer exists or was disabled
    (the session then ends)."""
    with session_factory() as session:
        user = session.get(User, user_id)
        if user is None or not user.active or user.password_hash is None:
            return None
        return signed_in_user(user)


def change_password(session_factory: SessionFactory, user_id: int, current: str, new: str) -> None:
    """Change one's own password after checking the current one.

    Raises InvalidInput (current password wrong, new password against the policy or equal to the current one).
    """
    with unit_of_work(session_factory) as session:
        user = session.get(User, user_id)
        if user is None or not verify_password(user.password_hash, current or ""):
            raise InvalidInput("当前密码不正确", field="current_password", label="当前密码")
        if new == current:
            raise InvalidInput("新密码不能与当前密码相同", field="new_password", label="新密码")
        try:
            user.password_hash = hash_password(new)
        except InvalidInput as exc:
            raise InvalidInput(exc.message, field="new_password", label="新密码") from exc
