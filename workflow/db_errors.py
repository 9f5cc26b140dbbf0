"""Database failures as domain errors: *busy* (a lock not had in time: retry later) versus *unavailable*
(unreachable, not a database, not migrated, read-only: an administrator must act). docs/errors.md lists them.

:func:`database_error` classifies a SQLAlchemy ``DBAPIError`` by the driver's SQLSTATE (PostgreSQL) or message
(SQLite); :func:`schema_problem` compares the database's Alembic revision with the program's head.
"""
from __future__ import annotations

import psycopg
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from workflow.errors import (
    ConcurrentModification, DatabaseBusy, DatabaseUnavailable, DomainError, InvalidInput,
)

NOT_MIGRATED = "数据库尚未初始化，请先运行 xxgk db upgrade"
OUTDATED = "数据库结构版本（{current}）早于本程序要求的版本（{head}），请先运行 xxgk db upgrade"
UNKNOWN_REVISION = ("数据库结构版本（{current}）不是本程序所知的版本（可能已被更新版本的程序升级），"
                    "请使用与数据库匹配的程序版本，或由管理员核对迁移版本")
UNREACHABLE = ("无法连接数据库，请检查 XXGK_DATABASE_URL 中的主机、端口、库名、用户名和密码，"
               "并确认数据库服务已启动")
CANNOT_OPEN = "无法打开数据库文件，请检查 XXGK_DATABASE_URL 中的路径是否存在、所在目录是否可读写"
NOT_A_DATABASE = "数据库文件不是有效的 SQLite 数据库（文件已损坏，或路径指向了其他文件），请检查 XXGK_DATABASE_URL"
READ_ONLY = "数据库为只读（文件或所在目录没有写权限，或连接到了只读库），无法保存，请管理员检查权限或数据库设置"
DISK_FULL = "数据库所在磁盘已满或读写出错，无法保存，请管理员检查磁盘"

# SQLite reports by message only (sqlite3 has no SQLSTATE); first match wins, lower-case.
_SQLITE_MESSAGES: tuple[tuple[str, type[DomainError], str | None], ...] = (
    ("database is locked", DatabaseBusy, None),
    ("database table is locked", DatabaseBusy, None),
    ("no such table", DatabaseUnavailable, NOT_MIGRATED),
    ("no such column", DatabaseUnavailable, NOT_MIGRATED),
    ("unable to open database file", DatabaseUnavailable, CANNOT_OPEN),
    ("not a database", DatabaseUnavailable, NOT_A_DATABASE),
    ("readonly database", DatabaseUnavailable, READ_ONLY),
    ("disk i/o error", DatabaseUnavailable, DISK_FULL),
    ("database or disk is full", DatabaseUnavailable, DISK_FULL),
)
# PostgreSQL SQLSTATE codes (Appendix A of its manual); a prefix names a whole class.
_PG_STATES: tuple[tuple[str, type[DomainError], str | None], ...] = (
    ("55P03", DatabaseBusy, None),  # lock_not_available: lock_timeout (XXGK_POSTGRES_LOCK_TIMEOUT_MS) ran out
    ("57014", DatabaseBusy, None),  # query_canceled: statement_timeout
    ("40P01", DatabaseBusy, None),  # deadlock_detected: retrying succeeds
    ("40001", ConcurrentModification, None),  # serialization_failure: rows read were changed
    ("42P01", DatabaseUnavailable, NOT_MIGRATED),  # undefined_table
    ("42703", DatabaseUnavailable, NOT_MIGRATED),  # undefined_column: an older revision
    ("25006", DatabaseUnavailable, READ_ONLY),  # read_only_sql_transaction: a standby
    ("53100", DatabaseUnavailable, DISK_FULL),
    ("22003", InvalidInput, "数值超出范围，请检查输入的编号或数量"),  # numeric_value_out_of_range
    ("08", DatabaseUnavailable, UNREACHABLE),  # connection exception
    ("28", DatabaseUnavailable, UNREACHABLE),  # invalid authorization (wrong user or password)
    ("3D", DatabaseUnavailable, UNREACHABLE),  # invalid catalog name (no such database)
    ("57P", DatabaseUnavailable, UNREACHABLE),  # server shutting down / cannot connect now
)


def database_error(exc: DBAPIError) -> DomainError | None:
    """The domain error a database failure means for the caller, or None when it is not an infrastructure
    failure (an integrity violation, a refused tamper attempt: those stay as they are)."""
    orig = exc.orig
    state = getattr(orig, "sqlstate", None)
    if state is None and isinstance(orig, psycopg.OperationalError):
        return DatabaseUnavailable(UNREACHABLE)  # no answer: refused, unknown host
    if state is not None:
        table = [(cls, message) for prefix, cls, message in _PG_STATES if state.startswith(prefix)]
    else:
        text = str(orig).lower()
        table = [(cls, message) for needle, cls, message in _SQLITE_MESSAGES if needle in text]
    if not table:
        return None
    cls, message = table[0]
    return cls(message)


def schema_problem(engine: Engine) -> DomainError | None:
    """Why the database cannot be used by this program (not reachable, not migrated, another revision than
    the program's head), or None when it can. Never raises for a database failure: it returns it."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from migrations import alembic_config

    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_heads()
    except DBAPIError as exc:
        return database_error(exc) or DatabaseUnavailable()
    return revision_problem(current, ScriptDirectory.from_config(alembic_config()))


def revision_problem(current: tuple[str, ...], script) -> DomainError | None:
    """The problem with a database at revision(s) ``current`` for the migrations of ``script`` (an Alembic
    ``ScriptDirectory``): None when it is at the head."""
    heads = script.get_heads()
    if set(current) == set(heads):
        return None
    if not current:
        return DatabaseUnavailable(NOT_MIGRATED)
    shown = "、".join(current)
    known = {rev.revision for rev in script.walk_revisions()}
    if not set(current) <= known:
        return DatabaseUnavailable(UNKNOWN_REVISION.format(current=shown))
    return DatabaseUnavailable(OUTDATED.format(current=shown, head="、".join(heads)))
