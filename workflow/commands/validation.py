"""Validating a command once, when it is built: types, lengths, choices and text a document can hold.

Every refusal is :class:`workflow.errors.InvalidInput` naming the field (``field``) and its Chinese label
(``label``), with the limit in the message. Values are normalised on the way: an enum's value string becomes
the member, a list becomes a tuple (or a frozenset), a mapping given for a record becomes the record.
"""
from __future__ import annotations

import collections.abc
import dataclasses
import enum
import re
import typing
from datetime import date, datetime
from typing import Any

from workflow.commands.fields import REQUIRED, Spec, is_date_type, specs
from workflow.errors import InvalidInput

# Characters no document can hold (XML 1.0 forbids C0 controls except tab, newline, carriage return).
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# Bidirectional overrides and isolates: they make a name display differently from what it is (U+202E).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
SHOWN = 40  # characters of a refused text quoted back in the message


class _Where(typing.NamedTuple):
    field: str
    label: str

    def refuse(self, message: str) -> InvalidInput:
        return InvalidInput(message, field=self.field, label=self.label)

    def item(self, index: int, label: str | None = None) -> "_Where":
        return _Where(f"{self.field}[{index}]", label or f"{self.label}第{index + 1}项")


Where = _Where  # for callers of check_text outside the commands (set-up services)


def _shown(text: str) -> str:
    cleaned = LONE_SURROGATE.sub("�", BIDI_CONTROLS.sub("�", UNPRINTABLE.sub("�", text)))
    return cleaned[:SHOWN] + ("…" if len(cleaned) > SHOWN else "")


def check_text(value: Any, where: _Where, *, max_length: int | None = None, required: bool = False,
               choices: tuple[str, ...] | None = None) -> str:
    """``value`` if it is a text a document can hold, within ``max_length``, non-blank when ``required``
    and one of ``choices`` when given; raises InvalidInput otherwise."""
    if not isinstance(value, str):
        raise where.refuse(f"「{where.label}」应为文字，收到：{type(value).__name__}")
    if LONE_SURROGATE.search(value):
        raise where.refuse(f"「{where.label}」含有无效的字符编码（单独的代理码位），请重新输入")
    if UNPRINTABLE.search(value):
        raise where.refuse(f"「{where.label}」含有无法打印的控制字符（常见于从其他系统复制的文字），"
                           f"请删除后重试：「{_shown(value)}」")
    if BIDI_CONTROLS.search(value):
        raise where.refuse(f"「{where.label}」含有改变文字显示方向的控制字符（如 U+202E），会使文字显示得与实际内容"
                           f"不同，请删除后重试：「{_shown(value)}」")
    if max_length is not None and len(value) > max_length:
        raise where.refuse(f"「{where.label}」最多 {max_length} 个字符，现有 {len(value)} 个字符，请删减")
    if required and not value.strip():
        raise where.refuse(f"请填写「{where.label}」")
    if choices is not None and value not in choices:
        raise where.refuse(f"「{where.label}」的值「{_shown(value)}」不在可选范围内：{'、'.join(choices)}")
    return value


def _check_date(value: Any, where: _Where) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        shown = f"文字「{_shown(value)}」" if isinstance(value, str) else repr(value)[:SHOWN]
        raise where.refuse(f"「{where.label}」应为日期（不含时刻），收到：{shown}")
    return value


def _check_int(value: Any, where: _Where, spec: Spec) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise where.refuse(f"「{where.label}」应为整数，收到：{repr(value)[:SHOWN]}")
    low, high = spec.meta.min_value, spec.meta.max_value
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"{low if low is not None else '不限'} 至 {high if high is not None else '不限'}"
        raise where.refuse(f"「{where.label}」应在 {bounds} 之间，收到：{value}")
    return value


def _check_enum(value: Any, where: _Where, kind: type[enum.Enum]) -> enum.Enum:
    if isinstance(value, kind):
        return value
    try:
        if isinstance(value, str):
            return kind(value)
    except ValueError:
        pass
    allowed = "、".join(member.value for member in kind)
    raise where.refuse(f"「{where.label}」的值「{_shown(str(value))}」不在可选范围内：{allowed}")


def _check_record(value: Any, where: _Where, kind: type) -> Any:
    if isinstance(value, kind):
        return value
    if isinstance(value, collections.abc.Mapping):
        names = {f.name for f in dataclasses.fields(kind)}
        unknown = sorted(str(key) for key in value if key not in names)
        if unknown:
            raise where.refuse(f"「{where.label}」含有未知的项目：{'、'.join(unknown)}")
        try:
            return kind(**value)
        except InvalidInput as exc:  # name the item's field inside the list
            raise InvalidInput(exc.message, field=f"{where.field}.{exc.field}", label=exc.label) from None
    raise where.refuse(f"「{where.label}」格式不正确，收到：{type(value).__name__}")


def _check_list(value: Any, where: _Where, spec: Spec, origin: type) -> Any:
    if isinstance(value, (str, bytes, collections.abc.Mapping)) or \
            not isinstance(value, collections.abc.Iterable):
        raise where.refuse(f"「{where.label}」应为若干项的列表，收到：{type(value).__name__}")
    values = list(value)
    if spec.meta.max_items is not None and len(values) > spec.meta.max_items:
        raise where.refuse(f"「{where.label}」最多 {spec.meta.max_items} 项，现有 {len(values)} 项")
    item = typing.get_args(spec.base)[0]
    checked = [_check_value(v, where.item(i), spec, item, item_required=True) for i, v in enumerate(values)]
    return frozenset(checked) if origin is frozenset else tuple(checked)


def _check_mapping(value: Any, where: _Where, spec: Spec) -> dict:
    if not isinstance(value, collections.abc.Mapping):
        raise where.refuse(f"「{where.label}」应为“名称：内容”的对照表，收到：{type(value).__name__}")
    if spec.meta.max_items is not None and len(value) > spec.meta.max_items:
        raise where.refuse(f"「{where.label}」最多 {spec.meta.max_items} 项，现有 {len(value)} 项")
    checked = {}
    for key, item in value.items():
        name = check_text(key, _Where(f"{where.field}", f"{where.label}的项目名称"), max_length=100,
                          required=True)
        inner = _Where(f"{where.field}.{name}", f"{where.label}（{_shown(name)}）")
        checked[name] = None if item is None else check_text(item, inner, max_length=spec.meta.max_length)
    return checked


def _check_value(value: Any, where: _Where, spec: Spec, kind: Any, *, item_required: bool = False) -> Any:
    origin = typing.get_origin(kind)
    if origin in (tuple, frozenset, list):
        return _check_list(value, where, spec, origin)
    if kind is dict or origin in (dict, collections.abc.Mapping):
        return _check_mapping(value, where, spec)
    if kind is str:
        return check_text(value, where, max_length=spec.meta.max_length, choices=spec.meta.choices,
                          required=item_required or spec.required)
    if is_date_type(kind):
        return _check_date(value, where)
    if kind is bool:
        if not isinstance(value, bool):
            raise where.refuse(f"「{where.label}」应为是或否，收到：{repr(value)[:SHOWN]}")
        return value
    if kind is int:
        return _check_int(value, where, spec)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return _check_enum(value, where, kind)
    if dataclasses.is_dataclass(kind):
        return _check_record(value, where, kind)
    raise TypeError(f"no validation for {kind!r} ({where.field})")


def validate(instance: Any) -> None:
    """Check and normalise every field of the frozen dataclass ``instance`` in place; raises InvalidInput
    naming the first field that is wrong."""
    for spec in specs(type(instance)):
        where = _Where(spec.name, spec.label)
        value = getattr(instance, spec.name)
        if value is REQUIRED:
            raise where.refuse(f"请填写「{spec.label}」")
        if value is None:
            if spec.optional and not spec.required:
                continue
            raise where.refuse(f"请填写「{spec.label}」")
        object.__setattr__(instance, spec.name, _check_value(value, where, spec, spec.base))
