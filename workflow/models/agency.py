"""Agencies (行政机关), their users and the per-(agency, year) tracking-number counter."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.ext.associationproxy import AssociationProxy, association_proxy
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rules.agencies import AgencyInfo, AgencyKind
from workflow.models.base import Base, enum_type
from workflow.models.enums import Role


class Agency(Base):
    __tablename__ = "agency"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[AgencyKind] = mapped_column(enum_type(AgencyKind, "agency_kind"))
    region_code: Mapped[Optional[str]] = mapped_column(String(6))  # GB/T 2260, for the calendar overlay
    government: Mapped[Optional[str]] = mapped_column(String(200))  # 本级 / 上一级人民政府
    superior_department: Mapped[Optional[str]] = mapped_column(String(200))  # 上一级主管部门
    court: Mapped[Optional[str]] = mapped_column(String(200))
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("agency.id"))
    doc_code: Mapped[Optional[str]] = mapped_column(String(40))  # 机关代字 for document numbers

    parent: Mapped[Optional["Agency"]] = relationship(remote_side=[id])

    def info(self) -> AgencyInfo:
        """The facts the remedy rules need about this agency."""
        return AgencyInfo(name=self.name, kind=self.kind, government=self.government,
                          superior_department=self.superior_department, court=self.court,
                          region_code=self.region_code)


class UserRole(Base):
    __tablename__ = "user_role"

    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[Role] = mapped_column(enum_type(Role, "role"), primary_key=True)


class User(Base):
    """A member of an agency's staff, or the installation's one system actor (``is_system``: 「系统」, the
    actor of scheduled jobs). The system actor belongs to no agency and has no password: it never signs in."""

    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint("(is_system AND agency_id IS NULL AND password_hash IS NULL) "
                        "OR (NOT is_system AND agency_id IS NOT NULL)", name="system_user_cannot_sign_in"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    username: Mapped[str] = mapped_column(String(100), unique=True)
    agency_id: Mapped[Optional[int]] = mapped_column(ForeignKey("agency.id"))
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[Optional[str]] = mapped_column(String(255))  # werkzeug scrypt; None: cannot sign in
    is_system: Mapped[bool] = mapped_column(default=False)
    email: Mapped[Optional[str]] = mapped_column(String(254))  # where escalation digests go; None: inbox only

    agency: Mapped[Optional[Agency]] = relationship()
    role_rows: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    roles: AssociationProxy[list[Role]] = association_proxy("role_rows", "role",
                                                            creator=lambda role: UserRole(role=Role(role)))

    def has_any_role(self, roles) -> bool:
        """True when the user holds at least one of ``roles``."""
        return bool(set(self.roles) & set(roles))


class TrackingCounter(Base):
    """The last tracking number handed out per agency and year; bumped inside the registering transaction."""

    __tablename__ = "tracking_counter"
    __table_args__ = (CheckConstraint("last_number >= 0", name="last_number_not_negative"),)

    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(default=0)
