"""Click's own refusals are shown in Chinese (web/cli_messages.py)."""
from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from web.cli_messages import ChineseMessages, in_chinese


class _Group(ChineseMessages, click.Group):
    pass


@click.group(cls=_Group)
def tool() -> None:
    """A group like xxgk's."""


@tool.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--days", type=click.IntRange(1, 400), required=True)
@click.option("--mode", type=click.Choice(["a", "b"]), default="a")
def run(path: str, days: int, mode: str) -> None:
    click.echo(f"ok {days}")


@tool.command()
def bye() -> None:
    raise click.ClickException("数据库中已有数据")


@pytest.mark.parametrize("args, message", [
    (["run", __file__, "--days", "0"], "错误：参数 '--days' 的值无效：0 不在允许的范围 1<=x<=400 内"),
    (["run", __file__, "--days", "x"], "错误：参数 '--days' 的值无效：'x' 不是有效的整数"),
    (["run", __file__], "错误：缺少选项 '--days'"),
    (["run", "/no/such/file", "--days", "1"], "错误：参数 'PATH' 的值无效：文件 '/no/such/file' 不存在"),
    (["run", __file__, "--days", "1", "--mode", "c"], "错误：参数 '--mode' 的值无效：'c' 不是可选值 'a', 'b' 之一"),
    (["nosuch"], "错误：没有命令 'nosuch'"),
    (["run", __file__, "--days", "1", "--frobnicate"], "错误：没有选项 '--frobnicate'"),
])
def test_usage_errors_are_explained_in_chinese_with_the_usage_line(args, message):
    result = CliRunner().invoke(tool, args)
    assert result.exit_code == 2 and message in result.output, result.output
    assert "用法：tool" in result.output and "Error" not in result.output


def test_a_commands_own_refusal_gets_the_chinese_prefix_and_exit_status_1():
    result = CliRunner().invoke(tool, ["bye"])
    assert (result.exit_code, result.output) == (1, "错误：数据库中已有数据\n")


def test_a_successful_command_and_help_exit_0():
    assert CliRunner().invoke(tool, ["run", __file__, "--days", "3"]).output == "ok 3\n"
    assert CliRunner().invoke(tool, ["--help"]).exit_code == 0


def test_an_unknown_message_is_kept_as_it_is():
    assert in_chinese("数据库中已有数据") == "数据库中已有数据"
