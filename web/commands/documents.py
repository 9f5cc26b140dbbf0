"""`xxgk documents list | export`: the documents issued for a case, exported exactly as issued."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from web import session_factory
from workflow.errors import DomainError
from workflow.services.documents import EXPORT_FORMATS, export_document, get_document, list_documents

documents_group = AppGroup("documents", help="已出具的文书：列出、导出（.docx 为出具时存储的原始文件）。")


@documents_group.command("list")
@click.argument("case_id", type=click.IntRange(min=1))
def list_command(case_id: int) -> None:
    """列出案件 CASE_ID 已出具的文书（编号、类型、文号、日期、标题、收件人、SHA-256）。"""
    try:
        documents = list_documents(session_factory(current_app), case_id)
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    if not documents:
        click.echo(f"案件 {case_id} 尚无已出具的文书。")
        return
    for doc in documents:
        click.echo(f"{doc.id}\t{doc.kind.label}\t{doc.number or '（无文号）'}\t{doc.issued_on.isoformat()}\t"
                   f"{doc.title}\t致：{doc.addressee}\tSHA-256 {doc.sha256}")


@documents_group.command("export")
@click.argument("document_id", type=click.IntRange(min=1))
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="docx", show_default=True,
              help="docx：出具时存储的文件；html：可打印的 A4 页面")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="输出文件路径")
def export_command(document_id: int, fmt: str, out: Path) -> None:
    """把文书 DOCUMENT_ID 导出到 --out。"""
    try:
        document = get_document(session_factory(current_app), document_id)
        data = export_document(document, fmt)
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise click.ClickException(f"无法写入 {out}：{exc.strerror}") from exc
    click.echo(f"已导出文书 {document.id}（{document.kind.label} {document.number or ''}）到 {out}")
