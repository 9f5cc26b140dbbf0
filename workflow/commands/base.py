"""The base of every command and the registry ``trigger → command class``."""
from __future__ import annotations

import dataclasses
from typing import Any, Callable, ClassVar, Mapping, TypeVar

from workflow.commands.validation import validate
from workflow.errors import InvalidInput
from workflow.history import json_ready

C = TypeVar("C", bound=type)
COMMANDS: dict[str, type["Command"]] = {}


class Record:
    """A frozen dataclass validated when built (a command, or an item of a command's list)."""

    def __post_init__(self) -> None:
        validate(self)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]):
        """The record built from ``values`` (e.g. a parsed request); raises InvalidInput for a name the
        record does not have, and as the constructor does."""
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = next((str(key) for key in values if key not in names), None)
        if unknown is not None:
            raise InvalidInput(f"没有名为「{unknown[:40]}」的输入项", field=unknown[:40])
        return cls(**values)

    def as_payload(self) -> dict[str, Any]:
        """The fields as JSON-ready values (what the history row records)."""
        return json_ready({f.name: getattr(self, f.name) for f in dataclasses.fields(self)})


class Command(Record):
    """What a caller asks one trigger to do: one subclass per trigger of the transition table."""

    trigger: ClassVar[str]


def record(cls: C) -> C:
    """Make ``cls`` (a :class:`Record`) a frozen dataclass whose fields are validated when it is built."""
    return dataclasses.dataclass(frozen=True)(cls)


def command(trigger: str) -> Callable[[C], C]:
    """Class decorator: ``cls`` becomes a frozen, keyword-only dataclass registered as the command of
    ``trigger``; raises ValueError for a trigger registered twice."""
    def register(cls: C) -> C:
        if trigger in COMMANDS:
            raise ValueError(f"trigger {trigger!r} has two commands: {COMMANDS[trigger].__name__}, "
                             f"{cls.__name__}")
        cls = dataclasses.dataclass(frozen=True, kw_only=True)(cls)
        cls.trigger = trigger
        COMMANDS[trigger] = cls
        return cls
    return register


def command_class(trigger: str) -> type[Command]:
    """The command class of ``trigger``; raises KeyError for a trigger without one."""
    return COMMANDS[trigger]
