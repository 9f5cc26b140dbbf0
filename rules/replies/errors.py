"""Errors of the reply rules (messages in Chinese, naming what is wrong and where)."""
from __future__ import annotations

from pathlib import Path


class RepliesError(Exception):
    """Base class of the reply-rule errors."""


class CatalogDataError(RepliesError):
    """categories.toml is unreadable or inconsistent."""

    def __init__(self, path: Path | str, problem: str):
        self.path, self.problem = Path(path), problem
        super().__init__(f"答复类别数据文件 {self.path} 有误：{problem}")


class UnknownCategory(RepliesError, KeyError):
    """No category has this code."""

    def __init__(self, code: str, known: tuple[str, ...]):
        self.code = code
        super().__init__(f"未知的答复类别「{code}」；可用的类别：{'、'.join(known)}")

    def __str__(self) -> str:  # KeyError would otherwise print the repr of the message
        return self.args[0]


class RemedyConfigError(RepliesError):
    """The agency record lacks a name the remedy clause needs (复议机关)."""


class FeeError(RepliesError, ValueError):
    """Invalid fee request (both methods, negative quantity, unknown method)."""
