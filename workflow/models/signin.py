"""Sign-in attempts: every success and failure is recorded (who, when, from where); lockout counts them."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from workflow.models.base import Base, utcnow

USERNAME_LENGTH = 100  # app_user.username


class SignInAttempt(Base):
    """One sign-in attempt. ``username`` is what was typed (normalised), also when no such user exists, so
    that a wrong user name and a wrong password are locked out alike."""

    __tablename__ = "sign_in_attempt"
    __table_args__ = (Index("ix_sign_in_attempt_username_at", "username", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(USERNAME_LENGTH))
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("app_user.id"))
    succeeded: Mapped[bool]
    at: Mapped[datetime] = mapped_column(default=utcnow)
    remote_addr: Mapped[Optional[str]] = mapped_column(String(64))
    during_lock: Mapped[bool] = mapped_column(default=False)  # refused unchecked: the account was locked
