"""Click's own refusals in Chinese: 「错误：…」 instead of "Error: …", and its usage messages translated.

Click prints its messages ("Error: Invalid value for '--days': 0 is not in the range 1<=x<=3650.") in English
from inside ``Command.main``. :class:`ChineseMessages`, mixed into the ``xxgk`` group and the application's
command group, runs ``main`` in non-standalone mode and prints the exceptions itself, translating the message
patterns Click uses (:data:`TRANSLATIONS`); a message it does not know is shown as it is, after 「错误：」.
"""
from __future__ import annotations

import re
import sys

import click

# Click 8's message patterns (click/core.py, click/types.py, click/exceptions.py) → Chinese.
TRANSLATIONS: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"^Invalid value for (.+?): ", r"参数 \1 的值无效："),
    (r"(\S+) is not in the range (\S+?)\.?$", r"\1 不在允许的范围 \2 内"),
    (r"(\S+) is not a valid integer(?: range)?\.?$", r"\1 不是有效的整数"),
    (r"(\S+) is not a valid float\.?$", r"\1 不是有效的数字"),
    (r"(\S+) is not one of (.+?)\.?$", r"\1 不是可选值 \2 之一"),
    (r"(\S+) is not a valid boolean\.?$", r"\1 不是有效的是/否值"),
    (r"^Missing option (.+?)\.?$", r"缺少选项 \1"),
    (r"^Missing argument (.+?)\.?$", r"缺少参数 \1"),
    (r"^Missing parameter: (.+?)$", r"缺少参数 \1"),
    (r"^No such option:? (.+?)\.?$", r"没有选项 \1"),
    (r"^No such command (.+?)\.?$", r"没有命令 \1"),
    (r"^Option (.+?) requires an argument\.?$", r"选项 \1 需要一个值"),
    (r"^Got unexpected extra arguments? \((.+)\)$", r"多余的参数：\1"),
    (r"(.+?) does not exist\.?$", r"\1 不存在"),
    (r"(.+?) is a directory\.?$", r"\1 是目录，不是文件"),
    (r"^Did you mean (.+?)\?$", r"是否要输入 \1？"),
    (r"File '", "文件 '"),
    (r"Directory '", "目录 '"),
))


def in_chinese(message: str) -> str:
    """``message`` with every known Click pattern translated (line by line)."""
    lines = []
    for line in message.splitlines() or [""]:
        for pattern, replacement in TRANSLATIONS:
            line = pattern.sub(replacement, line)
        lines.append(line)
    return "\n".join(lines)


def show(error: click.ClickException) -> None:
    """Print ``error`` as Click would, in Chinese: the usage line and help hint for a usage error."""
    ctx = getattr(error, "ctx", None)
    if isinstance(error, click.UsageError) and ctx is not None:
        click.echo(f"用法：{ctx.command_path} [选项] …（查看说明：{ctx.command_path} --help）", err=True)
    click.echo(f"错误：{in_chinese(error.format_message())}", err=True)


class ChineseMessages:
    """Mixin for a :class:`click.Group`: its refusals are printed by :func:`show`."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        """As ``click.Command.main``; in standalone mode Click's exceptions are shown in Chinese."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.Abort:
            click.echo("已取消。", err=True)
            sys.exit(1)
        except click.ClickException as error:
            show(error)
            sys.exit(error.exit_code)
        sys.exit(result if isinstance(result, int) else 0)
