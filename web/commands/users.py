"""``xxgk users create | set-password | list | disable | enable`` and ``xxgk agencies create | list``.

Passwords are read from a prompt (typed twice, not shown) or, when standard input is not a terminal, from its
first line — never from an argument, which would stay in the shell history and the process list.
"""
from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from web import session_factory
from workflow.errors import DomainError
from workflow.services import setup

users_group = AppGroup("users", help="工作人员账号：创建、设置密码、列出、停用。")
agencies_group = AppGroup("agencies", help="行政机关：创建、列出。")


def _run(call, *args, **kwargs):
    try:
        return call(session_factory(current_app), *args, **kwargs)
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc


def _read_password() -> str:
    if sys.stdin.isatty():
        return click.prompt("密码", hide_input=True, confirmation_prompt="再次输入密码")
    return sys.stdin.readline().rstrip("\r\n")


def _roles(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


@users_group.command("create")
@click.option("--agency", "agency_id", type=click.IntRange(min=1), required=True, help="所属机关编号")
@click.option("--username", required=True, help="用户名，如 gov.clerk1")
@click.option("--name", required=True, help="姓名")
@click.option("--roles", required=True, help="角色，逗号分隔：clerk,reviewer,supervisor,admin")
@click.option("--email", help="电子邮箱（接收期限提醒摘要，可不填）")
@click.option("--no-password", is_flag=True, help="暂不设置密码（之后用 set-password 设置）")
def create_user(agency_id: int, username: str, name: str, roles: str, email: str | None,
                no_password: bool) -> None:
    """创建工作人员账号；密码从提示输入（或标准输入的第一行）读取。"""
    password = None if no_password else _read_password()
    user = _run(setup.create_user, agency_id=agency_id, username=username, name=name, roles=_roles(roles),
                password=password, email=email)
    click.echo(f"已创建用户 {user.username}（{user.name}，编号 {user.id}），角色：{'、'.join(user.roles)}")


@users_group.command("set-password")
@click.argument("username")
def set_password(username: str) -> None:
    """设置（重置）用户 USERNAME 的密码。"""
    _run(setup.set_password, username, _read_password())
    click.echo(f"已设置用户 {username} 的密码")


@users_group.command("set-email")
@click.argument("username")
@click.argument("email", default="")
def set_email(username: str, email: str) -> None:
    """设置用户 USERNAME 接收期限提醒摘要的电子邮箱（不填 EMAIL 则清除）。"""
    user = _run(setup.set_email, username, email)
    click.echo(f"已设置用户 {username} 的电子邮箱：{user.email}" if user.email else f"已清除用户 {username} 的电子邮箱")


@users_group.command("disable")
@click.argument("username")
def disable(username: str) -> None:
    """停用用户 USERNAME（下一次请求时退出登录，不能再登录）。"""
    _run(setup.set_active, username, False)
    click.echo(f"已停用用户 {username}")


@users_group.command("enable")
@click.argument("username")
def enable(username: str) -> None:
    """重新启用用户 USERNAME。"""
    _run(setup.set_active, username, True)
    click.echo(f"已启用用户 {username}")


@users_group.command("list")
@click.option("--agency", "agency_id", type=click.IntRange(min=1), help="只列出该机关的用户")
def list_users(agency_id: int | None) -> None:
    """列出工作人员账号（编号、用户名、姓名、机关、角色、状态）。"""
    for user in _run(setup.list_users, agency_id=agency_id):
        state = "启用" if user.active else "停用"
        password = "" if user.has_password else "（未设置密码）"
        click.echo(f"{user.id}\t{user.username}\t{user.name}\t机关 {user.agency_id}\t{','.join(user.roles)}\t"
                   f"{state}{password}\t{user.email or ''}")


@agencies_group.command("create")
@click.option("--name", required=True, help="机关名称")
@click.option("--kind", required=True, type=click.Choice([k.value for k in setup.AgencyKind]), help="机关类型")
@click.option("--region", "region_code", help="行政区划代码（6位）")
@click.option("--government", help="本级人民政府（部门）或上一级人民政府（政府）")
@click.option("--superior", "superior_department", help="上一级主管部门（垂直管理机关、司法行政部门）")
@click.option("--court", help="管辖法院")
@click.option("--doc-code", help="机关代字（文号用），如 东政")
def create_agency(**values) -> None:
    """创建行政机关（答复书的复议机关据此确定，须填写完整）。"""
    agency = _run(setup.create_agency, **values)
    click.echo(f"已创建机关 {agency.id}：{agency.name}（{agency.kind_label}），复议机关："
               f"{'或'.join(agency.reconsideration_bodies)}")


@agencies_group.command("list")
def list_agencies() -> None:
    """列出行政机关（编号、名称、类型、复议机关）。"""
    for agency in _run(setup.list_agencies):
        bodies = "或".join(agency.reconsideration_bodies)
        click.echo(f"{agency.id}\t{agency.name}\t{agency.kind_label}\t复议机关：{bodies}")
