"""The documents each trigger issues are declared beside the transition table, and the issuing code agrees."""
from __future__ import annotations

import ast
from pathlib import Path

from workflow.models import DocumentKind
from workflow.services.document_drafts import BUILDERS
from workflow.services.issuing import CONDITIONS
from workflow.side_effects import ISSUED_DOCUMENTS, documents_issued_by, triggers_issuing
from workflow.transitions_table import TRIGGERS

ROOT = Path(__file__).resolve().parents[2]


def test_every_declared_trigger_is_a_trigger_of_the_transition_table():
    assert set(ISSUED_DOCUMENTS) <= set(TRIGGERS)


def test_every_document_kind_is_issued_by_some_trigger_and_has_a_builder():
    declared = {issues.kind for effects in ISSUED_DOCUMENTS.values() for issues in effects}
    assert declared == set(DocumentKind) == set(BUILDERS)


def test_every_condition_named_in_the_declaration_exists_and_every_condition_is_used():
    named = {issues.when for effects in ISSUED_DOCUMENTS.values() for issues in effects if issues.when}
    assert named == set(CONDITIONS)


def test_a_trigger_that_is_not_declared_issues_nothing():
    assert documents_issued_by("withdraw") == ()
    assert triggers_issuing(DocumentKind.RECEIPT) == ("register", "confirm_receipt")


def test_only_the_issuing_module_creates_issued_documents():
    creators = []
    for path in (ROOT / "workflow").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "IssuedDocument":
                creators.append(path.relative_to(ROOT).as_posix())
    assert creators == ["workflow/services/issuing.py"]
