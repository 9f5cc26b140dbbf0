"""The reply-category catalog (DOMAIN.md §4), loaded once from ``categories.toml`` and validated.

    from rules.replies import catalog
    catalog.get_category("not_exist").report_row          # "三(四)1"
    catalog.missing_fields("not_exist", {"search_keywords": "…"})   # labels of empty required fields
    catalog.citation_text("withhold_secret")              # 「《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项」
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from rules.replies.articles import ArticleRef, format_refs, parse_refs
from rules.replies.errors import CatalogDataError, UnknownCategory
from rules.replies.report_rows import REPORT_COLUMNS, REPORT_ROWS, leaf_row_keys

__all__ = [
    "ArticleRef", "Category", "RequiredField", "CATEGORIES_FILE", "REPORT_COLUMNS", "REPORT_ROWS",
    "REMEDY_VARIANTS", "all_categories", "citation_text", "cited_refs", "expected_refs", "get_category",
    "discloses_third_party_information", "disclosed_information", "invalid_fields", "law_titles",
    "missing_fields", "names_prohibiting_law", "remedy_variant",
]

CATEGORIES_FILE = Path(__file__).with_name("categories.toml")
REMEDY_VARIANTS = ("A", "B", "A+B", "none")  # STATUTE.md §4.5
KINDS = ("reply", "outcome")
DEFAULT_LAW = "tiaoli"  # 《中华人民共和国政府信息公开条例》


@dataclass(frozen=True)
class RequiredField:
    """A fact the category needs before the reply may go to review (name, Chinese label, form hint)."""

    name: str
    label: str
    hint: str
    required: bool = True
    satisfied_by: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    required_if: tuple[str, str] | None = None  # (field, value): required when that field has that value

    def is_required(self, fields: Mapping[str, object]) -> bool:
        """Required always, or because ``required_if`` holds for ``fields``."""
        if self.required_if is None:
            return self.required
        name, value = self.required_if
        return self.required or str(fields.get(name) or "").strip() == value


@dataclass(frozen=True)
class Category:
    """One reply category or outcome: its 表三 row, cited provisions, remedy variant and required fields."""

    code: str
    label: str
    kind: str
    report_row: str
    basis: tuple[ArticleRef, ...]
    optional_basis: tuple[ArticleRef, ...]
    conditional_basis: tuple[tuple[ArticleRef, str], ...]  # (provision, field): cited if field filled
    remedy: str
    flags: frozenset[str]
    fields: tuple[RequiredField, ...]

    @property
    def is_outcome(self) -> bool:
        return self.kind == "outcome"

    @property
    def is_refusal(self) -> bool:
        """Refused under 条例14/15/16 (wholly or partly): 复议前置 (行政复议法第二十三条第一款第（四）项)."""
        return "B" in self.remedy

    def field(self, name: str) -> RequiredField:
        """The field ``name``; raises KeyError."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"类别「{self.code}」没有字段「{name}」")


@dataclass(frozen=True)
class _Catalog:
    categories: dict[str, Category]
    laws: dict[str, tuple[str, str]]  # key -> (title, suffix)


def get_category(code: str) -> Category:
    """The category ``code``; raises UnknownCategory (a KeyError) naming the valid codes."""
    categories = _catalog().categories
    if code not in categories:
        raise UnknownCategory(code, tuple(categories))
    return categories[code]


def all_categories(kind: str | None = None) -> tuple[Category, ...]:
    """Every category in file order; ``kind`` "reply" or "outcome" filters."""
    return tuple(c for c in _catalog().categories.values() if kind is None or c.kind == kind)


def remedy_variant(code: str) -> str:
    """"A", "B", "A+B" or "none" (STATUTE.md §4.5)."""
    return get_category(code).remedy


def _filled(fields: Mapping[str, object], name: str) -> bool:
    value = fields.get(name)
    return value is not None and str(value).strip() != ""


def missing_fields(code: str, fields: Mapping[str, object]) -> list[str]:
    """Chinese labels of the required fields of ``code`` that are absent or blank (a field counts as present
    when it or one of its ``satisfied_by`` stand-ins is filled). Raises UnknownCategory."""
    return [f.label for f in get_category(code).fields
            if f.is_required(fields) and not any(_filled(fields, n) for n in (f.name, *f.satisfied_by))]


def invalid_fields(code: str, fields: Mapping[str, object]) -> list[str]:
    """Messages for filled fields whose value is not one of the field's allowed choices."""
    problems = []
    for f in get_category(code).fields:
        if f.choices and _filled(fields, f.name) and str(fields[f.name]).strip() not in f.choices:
            problems.append(f"「{f.label}」的值「{fields[f.name]}」不在可选范围内：{'、'.join(f.choices)}")
    return problems


def expected_refs(code: str, fields: Mapping[str, object] | None = None) -> frozenset[ArticleRef]:
    """The provisions a reply of ``code`` must cite: its basis, plus each conditional provision whose field is
    filled (e.g. 第三十二条 once a consultation is recorded). For 部分公开 the chosen ``exemption_ground`` adds
    its exemption article (条例14/15/16, 第三十七条) and its conditional ones; unknown grounds add nothing."""
    fields = fields or {}
    category = get_category(code)
    refs = set(category.basis) | _conditional_refs(category, fields)
    ground = fields.get("exemption_ground")
    if code == "partial" and ground in _catalog().categories:
        exemption = get_category(ground)
        refs |= {r for r in exemption.basis if r.article != 36} | _conditional_refs(exemption, fields)
    return frozenset(refs)


def _conditional_refs(category: Category, fields: Mapping[str, object]) -> set[ArticleRef]:
    return {ref for ref, name in category.conditional_basis if _filled(fields, name)}


# 条例第三十二条: the replies that disclose information a third party may have objected to, and the field that
# says what is disclosed (a 部分公开 withholding on the third party's ground discloses none of its information).
DISCLOSED_INFORMATION_FIELDS = {"disclose": "documents", "partial": "disclosed_part"}


def discloses_third_party_information(code: str, fields: Mapping[str, object]) -> bool:
    """True when a reply of ``code`` discloses information that a consulted third party may have objected to
    (予以公开, or a 部分公开 whose withheld part is not the third party's)."""
    if code == "partial" and fields.get("exemption_ground") == "withhold_third_party":
        return False
    return code in DISCLOSED_INFORMATION_FIELDS


def disclosed_information(code: str, fields: Mapping[str, object]) -> str:
    """What a disclosing reply of ``code`` provides (its 提供的政府信息 / 予以公开的部分 field); '' otherwise."""
    name = DISCLOSED_INFORMATION_FIELDS.get(code)
    return str(fields.get(name) or "").strip() if name else ""


def names_prohibiting_law(code: str, fields: Mapping[str, object]) -> bool:
    """True when the reply must name the law that prohibits disclosure (不予公开·法律行政法规禁止, wholly or as
    the ground of the withheld part of a 部分公开)."""
    return code == "withhold_law" or (code == "partial" and fields.get("exemption_ground") == "withhold_law")


def citation_text(code: str, fields: Mapping[str, object] | None = None) -> str:
    """「《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项」 for ``code``; '' when the category has
    no basis. With ``fields``: 部分公开 adds its exemption article; withhold_law (and 部分公开 on that ground)
    adds 《law_name》law_article."""
    text = format_refs(expected_refs(code, fields), law_titles(), tuple(_catalog().laws))
    fields = fields or {}
    if names_prohibiting_law(code, fields) and _filled(fields, "law_name"):
        text += f"和《{str(fields['law_name']).strip('《》 ')}》{str(fields.get('law_article') or '').strip()}"
    return text


def cited_refs(text: str) -> set[ArticleRef]:
    """The provisions cited in a draft's legal-basis text (refs before any 《title》 count as the 条例)."""
    keys = {title: key for key, (title, _suffix) in _catalog().laws.items()}
    return parse_refs(text, keys, DEFAULT_LAW)


def law_titles() -> dict[str, str]:
    """Law key → 「《title》suffix」 as printed in citations."""
    return {key: f"《{title}》{suffix}" for key, (title, suffix) in _catalog().laws.items()}


# --- loading and validation ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _catalog() -> _Catalog:
    return load_catalog(CATEGORIES_FILE)


def load_catalog(path: Path) -> _Catalog:
    """Read and validate a categories file; raises CatalogDataError naming the file and the entry."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogDataError(path, f"无法读取：{exc}") from exc
    laws = {key: (str(value.get("title", "")), str(value.get("suffix", "")))
            for key, value in data.get("laws", {}).items()}
    if DEFAULT_LAW not in laws:
        raise CatalogDataError(path, f"缺少 [laws.{DEFAULT_LAW}]（政府信息公开条例）")
    categories: dict[str, Category] = {}
    for index, raw in enumerate(data.get("category", []), start=1):
        category = _parse_category(path, index, raw, laws)
        if category.code in categories:
            raise CatalogDataError(path, f"第{index}个类别：代码「{category.code}」重复")
        categories[category.code] = category
    if not categories:
        raise CatalogDataError(path, "没有任何答复类别")
    _check_choices(path, categories)
    return _Catalog(categories, laws)


def _parse_category(path: Path, index: int, raw: dict, laws: dict) -> Category:
    where = f"第{index}个类别（{raw.get('code', '无代码')}）"
    try:
        category = Category(
            code=str(raw["code"]), label=str(raw["label"]), kind=str(raw["kind"]),
            report_row=str(raw["report_row"]),
            basis=tuple(_parse_ref(r, laws) for r in raw["basis"]),
            optional_basis=tuple(_parse_ref(r, laws) for r in raw.get("optional_basis", [])),
            conditional_basis=tuple((_parse_ref(r, laws), str(r["when_field"]))
                                    for r in raw.get("conditional_basis", [])),
            remedy=str(raw["remedy"]), flags=frozenset(raw.get("flags", [])),
            fields=tuple(_parse_field(f) for f in raw.get("fields", [])))
    except (KeyError, TypeError, ValueError) as exc:
        raise CatalogDataError(path, f"{where}：缺少或错误的项 {exc}") from exc
    if category.kind not in KINDS:
        raise CatalogDataError(path, f"{where}：kind 必须是 {'/'.join(KINDS)}")
    if category.remedy not in REMEDY_VARIANTS or (category.kind != "outcome" and category.remedy == "none") or (
            category.kind == "outcome" and category.remedy not in ("none", "A")):
        raise CatalogDataError(path, f"{where}：remedy 必须是 {'/'.join(REMEDY_VARIANTS)}；答复类不得为 none，"
                                     "结果类只能为 none 或 A")
    if category.report_row not in leaf_row_keys():
        raise CatalogDataError(path, f"{where}：表三行「{category.report_row}」不是可计数的行")
    return category


def _parse_ref(raw: dict, laws: dict) -> ArticleRef:
    law = str(raw.get("law", DEFAULT_LAW))
    if law not in laws:
        raise ValueError(f"未在 [laws] 中登记的法规「{law}」")
    unknown = set(raw) - {"law", "article", "paragraph", "item", "when_field"}
    if unknown:
        raise ValueError(f"未知的条文项：{'、'.join(sorted(unknown))}")
    return ArticleRef(law, raw.get("article"), raw.get("paragraph"), raw.get("item"))


def _parse_field(raw: dict) -> RequiredField:
    condition = raw.get("required_if")
    if condition is not None and (len(condition) != 2 or not all(isinstance(v, str) for v in condition)):
        raise ValueError(f"字段「{raw['name']}」的 required_if 应为 [字段名, 值]")
    return RequiredField(str(raw["name"]), str(raw["label"]), str(raw["hint"]),
                         bool(raw.get("required", True)), tuple(raw.get("satisfied_by", ())),
                         tuple(raw.get("choices", ())), tuple(condition) if condition else None)


def _check_choices(path: Path, categories: dict[str, Category]) -> None:
    partial = categories.get("partial")
    if partial is None:
        return
    for choice in partial.field("exemption_ground").choices:
        if choice not in categories or "B" not in categories[choice].remedy:
            raise CatalogDataError(path, f"部分公开的理由类别「{choice}」不是不予公开类别")
