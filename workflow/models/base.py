"""Declarative base with a constraint naming convention, and column helpers shared by the model modules."""
from __future__ import annotations

import enum
from datetime import datetime, timezone

from sqlalchemy import JSON, DateTime, Enum, MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
ENUM_LENGTH = 32


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict: JSON, list: JSON, datetime: DateTime(timezone=True)}


def utcnow() -> datetime:
    """The current moment in UTC (system timestamps are UTC; legal dates are separate columns)."""
    return datetime.now(timezone.utc)


def enum_type(enum_class: type[enum.Enum], name: str) -> Enum:
    """A VARCHAR column storing the enum's values, with a CHECK constraint ``ck_<table>_<name>``."""
    return Enum(
        enum_class, name=name, native_enum=False, create_constraint=True, length=ENUM_LENGTH,
        values_callable=lambda members: [m.value for m in members], validate_strings=True,
    )
