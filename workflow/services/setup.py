"""Set-up data through services: agencies (行政机关) and their staff accounts, validated with clear messages.

Used by the CLI (``xxgk agencies …``, ``xxgk users …``), the demo loader, the tests and the admin pages.
Passwords are hashed (``workflow.passwords``) and never stored, printed or put in history.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from rules.agencies import AgencyInfo, AgencyKind
from rules.calendar import UnknownRegion, region_chain
from rules.replies.errors import RemedyConfigError
from rules.replies.remedies import reconsideration_bodies
from workflow.commands.validation import Where, check_text
from workflow.errors import InvalidInput, NotFound

__all__ = ["AgencyKind", "AgencyView", "UserView", "create_agency", "create_user", "list_agencies",
           "list_users", "set_active", "set_password", "set_roles", "update_agency"]
from workflow.models import Agency, Role, User
from workflow.passwords import hash_password
from workflow.services.engine import SessionFactory
from workflow.uow import unit_of_work

SYSTEM_USERNAME = "__system__"  # never a staff user name (USERNAME refuses the underscores at its ends)
SYSTEM_NAME = "系统"
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,62}[a-z0-9]$")  # e.g. gov.clerk1; lower case, no spaces
# An address a mail server will take: one @, no spaces or angle brackets, a dotted domain (254: RFC 5321).
EMAIL = re.compile(r"^[^@\s<>\"(),;:]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$")
_columns = Agency.__table__.c


@dataclass(frozen=True)
class AgencyView:
    id: int
    name: str
    kind: str
    kind_label: str
    region_code: Optional[str]
    government: Optional[str]
    superior_department: Optional[str]
    court: Optional[str]
    parent_id: Optional[int]
    doc_code: Optional[str]
    reconsideration_bodies: tuple[str, ...]  # who hears 行政复议 against its replies (行政复议法第二十四条至第二十八条)


@dataclass(frozen=True)
class UserView:
    id: int
    username: str
    name: str
    agency_id: int
    roles: tuple[str, ...]
    active: bool
    has_password: bool
    email: Optional[str] = None


def _text(value: Optional[str], label: str, column, *, required: bool = False) -> Optional[str]:
    text = (value or "").strip()
    if required and not text:
        raise InvalidInput(f"请填写{label}", field=column.name, label=label)
    check_text(text, Where(column.name, label), max_length=column.type.length)  # the commands' text rules
    return text or None


def _agency_values(name, kind, region_code, government, superior_department, court, doc_code) -> dict:
    try:
        kind = AgencyKind(kind)
    except ValueError as exc:
        allowed = "、".join(k.value for k in AgencyKind)
        raise InvalidInput(f"机关类型「{kind}」无效，可选：{allowed}", field="kind", label="机关类型") from exc
    values = dict(name=_text(name, "机关名称", _columns.name, required=True), kind=kind,
                  region_code=_text(region_code, "行政区划代码", _columns.region_code),
                  government=_text(government, "本级（上一级）人民政府", _columns.government),
                  superior_department=_text(superior_department, "上一级主管部门", _columns.superior_department),
                  court=_text(court, "管辖法院", _columns.court),
                  doc_code=_text(doc_code, "机关代字", _columns.doc_code))
    if values["region_code"]:
        try:
            region_chain(values["region_code"])
        except UnknownRegion as exc:
            raise InvalidInput(f"行政区划代码「{values['region_code']}」无效（应为6位国家标准代码）",
                               field="region_code", label="行政区划代码") from exc
    info = AgencyInfo(values["name"], kind, values["government"], values["superior_department"],
                      values["court"])
    try:  # the remedy clause of every reply names the 复议机关: it must be derivable (行政复议法第二十四条至第二十八条)
        reconsideration_bodies(info)
    except RemedyConfigError as exc:
        raise InvalidInput(str(exc), field="government", label="复议机关") from exc
    return values


def _agency_view(agency: Agency) -> AgencyView:
    return AgencyView(agency.id, agency.name, AgencyKind(agency.kind).value, AgencyKind(agency.kind).label,
                      agency.region_code, agency.government, agency.superior_department, agency.court,
                      agency.parent_id, agency.doc_code, reconsideration_bodies(agency.info()))


def create_agency(session_factory: SessionFactory, *, name: str, kind: AgencyKind | str,
                  region_code: Optional[str] = None, government: Optional[str] = None,
                  superior_department: Optional[str] = None, court: Optional[str] = None,
                  parent_id: Optional[int] = None, doc_code: Optional[str] = None) -> AgencyView:
    """Add an agency. Raises InvalidInput (empty or too long name, unknown kind or region, no 复议机关 can be
    derived — e.g. a department without its 本级人民政府), NotFound (``parent_id``)."""
    with unit_of_work(session_factory) as session:
        parent = _parent_government(session, parent_id, None)
        values = _agency_values(name, kind, region_code, parent.name if parent else government,
                                superior_department, court, doc_code)
        agency = Agency(**values, parent_id=parent_id)
        session.add(agency)
        session.flush()
        return _agency_view(agency)


def update_agency(session_factory: SessionFactory, agency_id: int, **changes) -> AgencyView:
    """Change an agency's facts (the same fields and checks as :func:`create_agency`). With ``parent_id``
    (another agency of the installation, a 人民政府) the 本级/上一级人民政府 is that agency's name; a renamed
    government renames itself in its children too. Raises NotFound, InvalidInput."""
    with unit_of_work(session_factory) as session:
        agency = session.get(Agency, agency_id)
        if agency is None:
            raise NotFound(f"机关 {agency_id} 不存在")
        fields = ("name", "kind", "region_code", "government", "superior_department", "court", "doc_code")
        unknown = sorted(set(changes) - {*fields, "parent_id"})
        if unknown:
            raise InvalidInput(f"没有名为「{unknown[0]}」的机关信息", field=unknown[0])
        current = {name: changes.get(name, getattr(agency, name)) for name in fields}
        parent = _parent_government(session, changes.get("parent_id", agency.parent_id), agency.id)
        agency.parent_id = parent.id if parent is not None else None
        if parent is not None:
            current["government"] = parent.name
        for name, value in _agency_values(**current).items():
            setattr(agency, name, value)
        session.execute(update(Agency).where(Agency.parent_id == agency.id).values(government=agency.name))
        session.flush()
        return _agency_view(agency)


# The kinds that are a 人民政府 — what a parent government can be (行政复议法第二十四条).
GOVERNMENT_KINDS = (AgencyKind.PEOPLES_GOVERNMENT, AgencyKind.PROVINCIAL_GOVERNMENT)


def _parent_government(session: Session, parent_id: Optional[int], agency_id: Optional[int]):
    """The parent government of the agency ``agency_id`` (None: none chosen). Raises InvalidInput (itself,
    a department, a loop), NotFound."""
    if parent_id is None:
        return None
    parent = session.get(Agency, parent_id)
    if parent is None:
        raise NotFound(f"上级机关 {parent_id} 不存在")
    if parent.kind not in GOVERNMENT_KINDS:
        raise InvalidInput(f"「{parent.name}」不是人民政府，不能作为上级人民政府", field="parent_id",
                           label="上级人民政府")
    ancestor, seen = parent, set()
    while ancestor is not None and ancestor.id not in seen:
        if ancestor.id == agency_id:
            raise InvalidInput("上级人民政府不能是本机关自己或其下级机关", field="parent_id", label="上级人民政府")
        seen.add(ancestor.id)
        ancestor = ancestor.parent
    return parent


def list_agencies(session_factory: SessionFactory) -> tuple[AgencyView, ...]:
    """Every agency of the installation, by id."""
    with session_factory() as session:
        return tuple(_agency_view(a) for a in session.scalars(select(Agency).order_by(Agency.id)))


def _roles(roles: Iterable[Role | str]) -> list[Role]:
    try:
        chosen = sorted({Role(r) for r in roles}, key=lambda r: list(Role).index(r))
    except ValueError as exc:
        allowed = "、".join(r.value for r in Role)
        raise InvalidInput(f"角色无效，可选：{allowed}", field="roles", label="角色") from exc
    if not chosen:
        raise InvalidInput("至少选择一个角色", field="roles", label="角色")
    return chosen


def _user_view(user: User) -> UserView:
    return UserView(user.id, user.username, user.name, user.agency_id,
                    tuple(Role(r).value for r in user.roles),
                    user.active, user.password_hash is not None, user.email)


def _email(value: Optional[str]) -> Optional[str]:
    """A normalised e-mail address, or None for an empty one. Raises InvalidInput."""
    text = (value or "").strip()
    if not text:
        return None
    if len(text) > User.__table__.c.email.type.length or not EMAIL.match(text):
        raise InvalidInput("电子邮箱格式不正确（如 zhangsan@example.gov.cn）", field="email", label="电子邮箱")
    return text


def create_user(session_factory: SessionFactory, *, agency_id: int, username: str, name: str,
                roles: Iterable[Role | str], password: Optional[str] = None,
                email: Optional[str] = None) -> UserView:
    """Add a staff account to an agency (``password`` hashed; without one the user cannot sign in until
    :func:`set_password`; ``email`` receives the escalation digests). Raises InvalidInput (user name format
    or taken, name, roles, password policy, e-mail format), NotFound (agency)."""
    username = (username or "").strip().lower()
    if not USERNAME.match(username):
        raise InvalidInput("用户名应为 3–64 位小写字母、数字或 . _ -（如 gov.clerk1）", field="username",
                           label="用户名")
    name = _text(name, "姓名", User.__table__.c.name, required=True)
    chosen, address = _roles(roles), _email(email)
    hashed = hash_password(password) if password is not None else None
    with unit_of_work(session_factory) as session:
        if session.get(Agency, agency_id) is None:
            raise NotFound(f"机关 {agency_id} 不存在")
        if session.scalar(select(func.count()).select_from(User).where(User.username == username)):
            raise InvalidInput(f"用户名「{username}」已被使用", field="username", label="用户名")
        user = User(agency_id=agency_id, username=username, name=name, password_hash=hashed, email=address)
        user.roles.extend(chosen)
        session.add(user)
        session.flush()
        return _user_view(user)


def _user(session, username_or_id) -> User:
    """A staff user by id or user name; the system actor is none (it has no password and no roles)."""
    query = select(User).options(selectinload(User.role_rows)).where(User.is_system.is_(False))
    query = (query.where(User.id == username_or_id) if isinstance(username_or_id, int)
             else query.where(User.username == str(username_or_id).strip().lower()))
    user = session.scalars(query).one_or_none()
    if user is None:
        raise NotFound(f"用户「{username_or_id}」不存在")
    return user


def set_password(session_factory: SessionFactory, user: int | str, password: str) -> None:
    """Set a user's password (an administrator's reset). Raises NotFound, InvalidInput (policy)."""
    hashed = hash_password(password)
    with unit_of_work(session_factory) as session:
        _user(session, user).password_hash = hashed


def set_roles(session_factory: SessionFactory, user: int | str, roles: Iterable[Role | str]) -> UserView:
    """Replace a user's roles. Raises NotFound, InvalidInput."""
    chosen = _roles(roles)
    with unit_of_work(session_factory) as session:
        row = _user(session, user)
        row.role_rows.clear()
        session.flush()
        row.roles.extend(chosen)
        session.flush()
        return _user_view(row)


def set_active(session_factory: SessionFactory, user: int | str, active: bool) -> UserView:
    """Disable (or enable again) an account; a disabled user is signed out at the next request.
    Raises NotFound."""
    with unit_of_work(session_factory) as session:
        row = _user(session, user)
        row.active = active
        return _user_view(row)


def set_email(session_factory: SessionFactory, user: int | str, email: Optional[str]) -> UserView:
    """Set (or, with an empty value, clear) the address a user's escalation digests go to.
    Raises NotFound, InvalidInput (format)."""
    address = _email(email)
    with unit_of_work(session_factory) as session:
        row = _user(session, user)
        row.email = address
        return _user_view(row)


def list_users(session_factory: SessionFactory, *, agency_id: Optional[int] = None) -> tuple[UserView, ...]:
    """Staff accounts (of one agency when given), by agency and user name."""
    with session_factory() as session:
        query = (select(User).options(selectinload(User.role_rows)).where(User.is_system.is_(False))
                 .order_by(User.agency_id, User.username))
        if agency_id is not None:
            query = query.where(User.agency_id == agency_id)
        return tuple(_user_view(u) for u in session.scalars(query))


def system_actor_id(session: Session) -> int:
    """The id of the installation's one system actor 「系统」 — what jobs record as their actor (no agency, no
    roles, no password: it can never sign in, a CHECK constraint keeps it so). Created on first use inside the
    caller's transaction, in a savepoint, so that two jobs starting at once end with one row."""
    query = select(User.id).where(User.is_system.is_(True))
    found = session.scalar(query)
    if found is not None:
        return found
    try:
        with session.begin_nested():
            user = User(username=SYSTEM_USERNAME, name=SYSTEM_NAME, agency_id=None, is_system=True)
            session.add(user)
        return user.id
    except IntegrityError:  # another job created it a moment ago
        return session.scalars(query).one()
