"""Field metadata of the typed commands: each field's Chinese label and limits, declared once.

Forms and API schemas are generated from :func:`describe`, validation (:mod:`workflow.commands.validation`)
reads the same metadata, so a field, its label and its limits exist in one place only.
"""
from __future__ import annotations

import collections.abc
import dataclasses
import enum
import types
import typing
from dataclasses import MISSING, dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, Optional, Union

from sqlalchemy import Column

META_KEY = "xxgk"


class _Required:
    """The default of a field declared without one: validation refuses it as not filled in (a missing
    value is an InvalidInput naming the field, not a TypeError from ``__init__``)."""

    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED = _Required()


@dataclass(frozen=True)
class FieldMeta:
    """What a field declares besides its type: label, help text and limits."""

    label: str
    help: str = ""
    max_length: Optional[int] = None  # for a text, or for each text of a list
    max_items: Optional[int] = None  # for a list
    min_value: Optional[int] = None
    max_value: Optional[int] = None
    choices: Optional[tuple[str, ...]] = None  # allowed values of a text, or of each text of a list
    required: Optional[bool] = None  # None: required when the field has no default


def field(label: str, *, default: Any = MISSING, help: str = "", max_length: int | Column | None = None,
          max_items: int | None = None, min_value: int | None = None, max_value: int | None = None,
          choices: tuple[str, ...] | None = None, required: bool | None = None) -> Any:
    """A dataclass field carrying its :class:`FieldMeta`. ``max_length`` may be a table column: its declared
    length is the limit, so the command refuses what the database could not store (raises ValueError for a
    column without a length)."""
    if isinstance(max_length, Column):
        if getattr(max_length.type, "length", None) is None:
            raise ValueError(f"column {max_length.name!r} has no length")
        max_length = max_length.type.length
    meta = FieldMeta(label, help, max_length, max_items, min_value, max_value,
                     tuple(choices) if choices is not None else None, required)
    if isinstance(default, (list, dict, set)):
        raise ValueError("mutable default: use a tuple, frozenset or None")
    return dataclasses.field(default=REQUIRED if default is MISSING else default, metadata={META_KEY: meta})


@dataclass(frozen=True)
class FieldInfo:
    """One field of a command as a form or an API schema needs it."""

    name: str
    label: str
    type: str  # "text", "date", "int", "bool", "choice", "list", "mapping", or an item class name
    required: bool
    max_length: Optional[int]
    choices: Optional[tuple[str, ...]]
    help: str
    default: Any
    item_type: Optional[str] = None  # for "list": the type of each item
    items: Optional[tuple["FieldInfo", ...]] = None  # for a list of records: the record's fields
    max_items: Optional[int] = None
    min_value: Optional[int] = None
    max_value: Optional[int] = None


@dataclass(frozen=True)
class Spec:
    """A field resolved for validation: its dataclass field, metadata, base type and optionality."""

    name: str
    meta: FieldMeta
    base: Any  # the annotation without Optional
    optional: bool
    default: Any

    @property
    def required(self) -> bool:
        if self.meta.required is not None:
            return self.meta.required
        return self.default is REQUIRED

    @property
    def label(self) -> str:
        return self.meta.label


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    if typing.get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], len(args) < len(typing.get_args(annotation))
    return annotation, False


@cache
def specs(cls: type) -> tuple[Spec, ...]:
    """The resolved fields of the dataclass ``cls``; raises TypeError for a field declared without
    :func:`field`."""
    hints = typing.get_type_hints(cls)
    result = []
    for f in dataclasses.fields(cls):
        if META_KEY not in f.metadata:
            raise TypeError(f"{cls.__name__}.{f.name} must be declared with workflow.commands.field()")
        base, optional = _unwrap_optional(hints[f.name])
        result.append(Spec(f.name, f.metadata[META_KEY], base, optional, f.default))
    return tuple(result)


_DATE, _DATETIME = date, datetime  # the real classes, as imported before any test freezes time


def is_date_type(kind: Any) -> bool:
    """``kind`` is ``date`` — also when freezegun has swapped a module's ``date`` for its FakeDate (an
    annotation then resolves to the one class and a global name to the other)."""
    return isinstance(kind, type) and issubclass(kind, _DATE) and not issubclass(kind, _DATETIME)


def type_name(annotation: Any) -> str:
    """The form type of an annotation (see :attr:`FieldInfo.type`)."""
    origin = typing.get_origin(annotation)
    if origin in (tuple, frozenset, list):
        return "list"
    if annotation is dict or origin in (dict, collections.abc.Mapping):
        return "mapping"
    if isinstance(annotation, type):
        if issubclass(annotation, enum.Enum):
            return "choice"
        if annotation is bool:
            return "bool"
        if annotation is int:
            return "int"
        if is_date_type(annotation):
            return "date"
        if annotation is str:
            return "text"
        return annotation.__name__
    return str(annotation)


def enum_choices(annotation: Any) -> Optional[tuple[str, ...]]:
    """The value strings of an enum type, or None."""
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return tuple(member.value for member in annotation)
    return None


def describe(cls: type) -> tuple[FieldInfo, ...]:
    """Every field of the command (or record) class ``cls``: name, label, type, required, max length,
    choices, help, default — what a web form or an API request schema is generated from."""
    infos = []
    for spec in specs(cls):
        item, items, item_type = None, None, None
        if typing.get_origin(spec.base) in (tuple, frozenset, list):
            item = typing.get_args(spec.base)[0]
            item_type = type_name(item)
            if dataclasses.is_dataclass(item):
                items = describe(item)
        choices = spec.meta.choices or enum_choices(spec.base) or (enum_choices(item) if item else None)
        infos.append(FieldInfo(
            name=spec.name, label=spec.label, type=type_name(spec.base), required=spec.required,
            max_length=spec.meta.max_length, choices=choices, help=spec.meta.help,
            default=None if spec.default is REQUIRED else spec.default, item_type=item_type, items=items,
            max_items=spec.meta.max_items, min_value=spec.meta.min_value, max_value=spec.meta.max_value))
    return tuple(infos)
