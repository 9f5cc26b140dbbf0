"""The action forms of the case page, generated from the typed commands (``workflow.commands.describe``).

A field, its label, its limits and its messages are declared once, in ``workflow/commands``; this module only
turns the browser's strings into the command's values (dates as 2026-09-28 or 20260928, one list item per line)
and knows which fields pick from the case (a consultee, a 复议/诉讼 record). Input names are the command's
field names, dotted for the items of a list or a mapping (``consultees.0.name``, ``fields.search_keywords``),
so that an InvalidInput's ``field`` names the input to show it beside.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Optional

from werkzeug.datastructures import MultiDict

from rules.replies.catalog import get_category
from rules.replies.errors import UnknownCategory
from web.params import parse_date, parse_int
from workflow.commands import COMMANDS, FieldInfo, describe
from workflow.errors import InvalidInput
from workflow.queries import CaseDetail

RECORD_ROWS = 3  # rows offered for a list of records (e.g. consultees); empty rows are ignored
LONG_TEXT = 300  # texts allowed to be longer than this get a textarea
# Irreversible actions ask for confirmation, saying what will happen (UI.md).
CONFIRMATIONS = {
    "issue_reply": "出具后答复书即送达申请人，不可修改。确认出具？",
    "archive_case": "归档后案件办结，只能由负责人依复议决定或判决重新办理。确认归档？",
    "withdraw": "撤回后案件结束办理，不能恢复。确认申请人已撤回申请？",
    "lapse_correction": "逾期未补正将结束办理（不再处理）。确认？",
    "lapse_fee": "逾期未缴费将结束办理（不再处理）。确认？",
}
CONFIRM_FIELD = "confirm"


def _open_consultations(case: CaseDetail) -> list[tuple[str, str]]:
    return [(str(c.id), f"{c.consultee_name}（{c.sent_on.isoformat()} 发出）")
            for c in case.consultations if not c.ended]


def _remedies(case: CaseDetail) -> list[tuple[str, str]]:
    return [(str(r.id), f"{r.kind} · {r.filed_on.isoformat()} · {r.result}") for r in case.remedies]


# Integer fields that name a record of the case: offered as a choice of that case's records.
CASE_OPTIONS: dict[str, Callable[[CaseDetail], list[tuple[str, str]]]] = {
    "consultation_id": _open_consultations, "remedy_id": _remedies}


@dataclass
class ActionForm:
    """One trigger's form as the template renders it."""

    trigger: str
    label: str
    fields: tuple[FieldInfo, ...]
    values: MultiDict = field(default_factory=MultiDict)  # what the user typed, by input name
    errors: dict[str, str] = field(default_factory=dict)  # input name → message
    message: Optional[str] = None  # a refusal not tied to one field
    options: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    confirm: Optional[str] = None
    category_fields: tuple = ()  # for drafting: the fields the chosen reply category requires
    opened: bool = False  # shown open (a category was just chosen for it)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors or self.message)

    def show(self, error: InvalidInput | Any) -> "ActionForm":
        """Put ``error``'s message beside its input, or above the form."""
        name = getattr(error, "field", None)
        if name == CONFIRM_FIELD or name and any(name == f.name or name.startswith(f.name + ".")
                                                 for f in self.fields):
            self.errors[name] = error.message
        else:
            self.message = error.message
        return self


def action_form(trigger: str, label: str, case: CaseDetail, values: MultiDict | None = None,
                category: Optional[str] = None) -> ActionForm:
    """The empty (or re-filled) form of ``trigger`` for ``case``; ``category`` preselects a reply category."""
    fields = describe(COMMANDS[trigger])
    options = {f.name: CASE_OPTIONS[f.name](case) for f in fields if f.name in CASE_OPTIONS}
    values = MultiDict(values or {})
    reply = case.current_reply
    if reply is not None and not values:  # drafting again: start from the stored draft
        values = MultiDict({"category": reply.category or "", "content": reply.content or "",
                            **{f"fields.{k}": v for k, v in (reply.fields or {}).items() if v is not None}})
    chosen = bool(category) and any(f.name == "category" for f in fields)
    if chosen:
        values["category"] = category
    return ActionForm(trigger, label, fields, values, options=options, confirm=CONFIRMATIONS.get(trigger),
                      category_fields=_category_fields(values.get("category") or None), opened=chosen)


def _category_fields(code: Optional[str]) -> tuple:
    if not code:
        return ()
    try:
        return get_category(code).fields
    except UnknownCategory:
        return ()


def _scalar(info: FieldInfo, raw: Optional[str], name: str) -> Any:
    """One input's value for the command, or ``...`` when left empty (the command's default applies)."""
    text = (raw or "").strip()
    if info.type == "bool":
        return raw is not None
    if not text:
        return ...
    if info.type == "date":
        return parse_date(text, field=name, label=info.label)
    if info.type == "int":
        return parse_int(text, field=name, label=info.label, low=-(10**9))
    return raw if info.type == "text" and info.max_length and info.max_length > LONG_TEXT else text


def _list(info: FieldInfo, form: Mapping) -> Any:
    if info.items:  # rows of records; a row left empty is no record
        rows = []
        for index in range(RECORD_ROWS):
            row = {}
            for sub in info.items:
                name = f"{info.name}.{index}.{sub.name}"
                value = _scalar(sub, form.get(name), name)
                if value is not ... and value is not False:
                    row[sub.name] = value
            if row:
                rows.append(row)
        return tuple(rows)
    if info.choices:
        return tuple(form.getlist(info.name))
    # one item per line of a textarea, or one per checkbox (e.g. the warnings a reviewer acknowledged)
    return tuple(line.strip() for value in form.getlist(info.name) for line in value.splitlines() if line.strip())


def _mapping(info: FieldInfo, form: Mapping) -> Any:
    prefix = info.name + "."
    values = {key[len(prefix):]: value.strip() for key, value in form.items() if key.startswith(prefix)}
    return {key: value for key, value in values.items() if value} or ...


def parse_command(trigger: str, form: Mapping):
    """The command of ``trigger`` built from the submitted ``form``; raises InvalidInput naming the input."""
    values = {}
    for info in describe(COMMANDS[trigger]):
        if info.type == "list":
            value = _list(info, form)
        elif info.type == "mapping":
            value = _mapping(info, form)
        else:
            value = _scalar(info, form.get(info.name), info.name)
        if value is not ...:
            values[info.name] = value
    if trigger in CONFIRMATIONS and not form.get(CONFIRM_FIELD):
        raise InvalidInput("请勾选确认后再提交", field=CONFIRM_FIELD, label="确认")
    return COMMANDS[trigger].from_mapping(values)
