"""Article references (条、款、项) of the 条例 and other laws: Chinese numerals, formatting and parsing.

A reference is ``ArticleRef(law, article, paragraph, item)``; ``law`` is a key of the ``[laws]`` table in
``categories.toml`` (e.g. ``"tiaoli"``) or, for a law found only in a draft's text, its title.
Formatting follows the 条例's own style: 第三十六条第（三）项, 第十六条第二款, 第三十九条第一款.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping

DIGITS = "零一二三四五六七八九"
_NUM = r"[0-9零一二三四五六七八九十百]+"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 14 → 十四, 36 → 三十六, 105 → 一百零五; raises ValueError outside 1..999."""
    if not isinstance(n, int) or not 1 <= n <= 999:
        raise ValueError(f"只能转换 1 至 999 的整数：{n!r}")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = DIGITS[hundreds] + "百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (DIGITS[ones] if ones else "")


def parse_chinese_number(text: str) -> int:
    """Inverse of :func:`chinese_number`; also accepts Arabic digits. Raises ValueError on anything else."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in DIGITS:
            current = DIGITS.index(char)
        elif char in "十百":
            total += (current or 1) * (10 if char == "十" else 100)
            current = 0
        else:
            raise ValueError(f"无法识别的数字：{text}")
    return total + current


@dataclass(frozen=True, order=True)
class ArticleRef:
    """One cited provision. ``article`` None means the whole instrument (e.g. 国办函〔2020〕109号)."""

    law: str
    article: int | None = None
    paragraph: int | None = None
    item: int | None = None

    def text(self) -> str:
        """第三十六条第（三）项 / 第十六条第二款 / 第十四条 ('' for a whole instrument)."""
        if self.article is None:
            return ""
        out = f"第{chinese_number(self.article)}条"
        if self.paragraph:
            out += f"第{chinese_number(self.paragraph)}款"
        if self.item:
            out += f"第（{chinese_number(self.item)}）项"
        return out


def _sort_key(ref: ArticleRef) -> tuple[int, int, int]:
    return (ref.article or 0, ref.paragraph or 0, ref.item or 0)


def format_refs(refs: Iterable[ArticleRef], titles: Mapping[str, str], order: Iterable[str]) -> str:
    """「《条例》第十四条、第三十六条第（三）项」: grouped by law (in ``order``), ascending, items of one
    article merged (「第三十六条第（二）项、第（三）项」). ``titles`` maps a law key to 《title》 text + suffix."""
    by_law: dict[str, list[ArticleRef]] = {}
    for ref in sorted(set(refs), key=_sort_key):
        by_law.setdefault(ref.law, []).append(ref)
    laws = [key for key in order if key in by_law] + sorted(k for k in by_law if k not in order)
    return "和".join(titles.get(law, f"《{law}》") + _join_articles(by_law[law]) for law in laws)


def _join_articles(refs: list[ArticleRef]) -> str:
    parts: list[str] = []
    previous: ArticleRef | None = None
    for ref in refs:
        same_provision = (previous is not None and ref.item and previous.item
                          and (ref.article, ref.paragraph) == (previous.article, previous.paragraph))
        parts.append(f"第（{chinese_number(ref.item)}）项" if same_provision else ref.text())
        previous = ref
    return "、".join(p for p in parts if p)


_TOKEN = re.compile(
    rf"《(?P<title>[^》]+)》"
    rf"|第(?P<art>{_NUM})条(?:第(?P<para>{_NUM})款)?(?:第[（(](?P<item>{_NUM})[）)]项)?"
    rf"|第[（(](?P<cont>{_NUM})[）)]项"
)


def parse_refs(text: str, title_keys: Mapping[str, str], default_law: str) -> set[ArticleRef]:
    """Every 条/款/项 reference in ``text``, attributed to the last 《title》 before it (``default_law`` when
    none; titles known in ``title_keys`` become their key). A bare 「、第（三）项」 continues the last article."""
    found: set[ArticleRef] = set()
    law, last = default_law, None
    for match in _TOKEN.finditer(text):
        if match["title"]:
            law = title_keys.get(match["title"], match["title"])
        elif match["art"]:
            last = ArticleRef(law, parse_chinese_number(match["art"]),
                              parse_chinese_number(match["para"]) if match["para"] else None,
                              parse_chinese_number(match["item"]) if match["item"] else None)
            found.add(last)
        elif last is not None:
            last = ArticleRef(last.law, last.article, last.paragraph, parse_chinese_number(match["cont"]))
            found.add(last)
    return found
