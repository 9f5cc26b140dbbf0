"""The documentation is complete in a clone and agrees with the code: the transition table of docs/domain.md
is the one in workflow/transitions_table.py, links resolve, and nothing points outside the repository."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from workflow.models.enums import STAGE_SUB_STEPS, Role
from workflow.transitions_table import SAME, TRIGGERS, rules_for

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md")) + [ROOT / "README.md"]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _section(page: Path, heading: str) -> list[str]:
    """The lines under the heading that starts with ``heading``, up to the next heading of any level."""
    lines = page.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    rest = lines[start + 1:]
    end = next((i for i, line in enumerate(rest) if line.startswith("#")), len(rest))
    return rest[:end]


def _table_rows(lines: list[str]) -> list[str]:
    """The body rows of the first Markdown table in ``lines`` (header and separator left out)."""
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    end = next((i for i, line in enumerate(lines[start:], start) if not line.startswith("|")), len(lines))
    return lines[start + 2:end]


def _states(names) -> str:
    """States as the doc writes them: sub-steps of one stage joined by "/", stages by ", "."""
    by_stage: dict[str, list[str]] = {}
    for name in names:
        stage, _, step = name.partition(".")
        by_stage.setdefault(stage, []).append(step)
    return ", ".join(stage + ("." + "/".join(s for s in steps if s) if any(steps) else "")
                     for stage, steps in by_stage.items())


def _expected_transition_row(trigger: str) -> str:
    rules = rules_for(trigger)
    sources = _states(dict.fromkeys(s for rule in rules for s in rule.sources))
    dests = _states(dict.fromkeys("same" if rule.dest == SAME else rule.dest for rule in rules))
    roles = ", ".join(role.value for role in Role if any(role in rule.roles for rule in rules))
    return f"| `{trigger}` | {rules[0].label} | {sources} → {dests} | {roles} |"


def _first_cells(rows: list[str]) -> list[str]:
    return [row.split("|")[1].strip().strip("`") for row in rows]


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    return {_slug(line.lstrip("#")) for line in page.read_text(encoding="utf-8").splitlines()
            if line.startswith("#")}


def test_the_transition_table_in_domain_md_is_the_one_in_the_code():
    expected = [_expected_transition_row(trigger) for trigger in TRIGGERS]
    documented = _table_rows(_section(DOCS / "domain.md", "### 2.2"))
    assert documented == expected, ("docs/domain.md §2.2 must list exactly these rows, in this order:\n"
                                    + "\n".join(expected))


def test_every_trigger_says_what_it_requires_and_does_to_the_clock_in_domain_md():
    documented = _first_cells(_table_rows(_section(DOCS / "domain.md", "### 2.3")))
    assert sorted(documented) == sorted(TRIGGERS)
    assert len(documented) == len(set(documented))


def test_the_stage_table_in_domain_md_lists_every_stage_and_sub_step():
    rows = _table_rows(_section(DOCS / "domain.md", "### 2.1"))
    documented = {cells[1].strip().strip("`"): cells[3].strip()
                  for cells in (row.split("|") for row in rows)}
    assert documented == {stage.value: ", ".join(f"`{step.value}`" for step in steps)
                          for stage, steps in STAGE_SUB_STEPS.items()}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_page_points_outside_the_repository(page):
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"\.\./shared|/work/shared|shared/(design|data)", text)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_reaches_an_existing_page_and_heading(page):
    broken = []
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        if not linked.exists() or (anchor and linked.suffix == ".md" and anchor not in _anchors(linked)):
            broken.append(target)
    assert broken == []


CITATION = re.compile(r"\b(STATUTE|DOMAIN)(?:\.md)? ?§ ?(\d+(?:\.\d+)?)")
SOURCES = [path for folder in ("rules", "workflow", "web", "tests", "migrations", "benchmarks", "docs")
           for path in sorted((ROOT / folder).rglob("*")) if path.suffix in {".py", ".toml", ".md", ".html"}]


def _section_numbers(page: Path) -> set[str]:
    return {match.group(1) for line in page.read_text(encoding="utf-8").splitlines()
            if (match := re.match(r"#{2,3} (\d+(?:\.\d+)?)[. ]", line))}


def test_every_domain_and_statute_section_cited_in_the_repository_exists():
    pages = {"STATUTE": DOCS / "statute.md", "DOMAIN": DOCS / "domain.md"}
    sections = {name: _section_numbers(page) for name, page in pages.items()}
    missing = sorted({f"{path.relative_to(ROOT)}: {name} §{number}"
                      for path in SOURCES
                      for name, number in CITATION.findall(path.read_text(encoding="utf-8"))
                      if number not in sections[name]})
    assert missing == []


def test_the_documents_table_in_domain_md_is_the_one_declared_beside_the_transition_table():
    from workflow.side_effects import ISSUED_DOCUMENTS
    documented: dict[str, set[str]] = {}
    for row in _table_rows(_section(DOCS / "domain.md", "## 6.")):
        cells = row.split("|")
        documented[cells[2].strip().strip("`")] = set(re.findall(r"`(\w+)`", cells[3]))
    declared: dict[str, set[str]] = {}
    for trigger, issues in ISSUED_DOCUMENTS.items():
        for one in issues:
            declared.setdefault(one.kind.value, set()).add(trigger)
    assert documented == declared


def test_the_category_table_in_replies_md_has_each_category_with_its_label_row_and_remedy():
    from rules.replies.catalog import all_categories
    rows = _table_rows(_section(DOCS / "replies.md", "## 1."))
    documented = {cells[1].strip().strip("`"): (cells[2].strip(), cells[3].strip(), cells[6].strip())
                  for cells in (row.split("|") for row in rows)}
    assert documented == {c.code: (c.label, c.report_row, c.remedy) for c in all_categories()}


def test_the_documentation_index_lists_every_page_once():
    listed = [target for row in _table_rows((DOCS / "README.md").read_text(encoding="utf-8").splitlines())
              for target in LINK.findall(row.split("|")[1])]
    assert sorted(listed) == sorted(page.name for page in DOCS.glob("*.md") if page.name != "README.md")


def test_every_setting_is_documented_in_configuration_md():
    from workflow.settings import SETTINGS
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    assert [name for name in SETTINGS if f"`XXGK_{name.upper()}`" not in text] == []
