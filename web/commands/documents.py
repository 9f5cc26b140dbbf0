"""`xxgk documents list | export | verify`: the documents issued for a case, exported exactly as issued, and
the hash chains of history and documents verified (:mod:`workflow.chain`)."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from web import session_factory
from workflow.chain import ChainBreak, verify_chains
from workflow.errors import DomainError
from workflow.services.documents import EXPORT_FORMATS, export_document, get_document, list_documents

documents_group = AppGroup("documents", help="已出具的文书：列出、导出（.docx 为出具时存储的原始文件）、核验。")


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


def _break_message(broken: ChainBreak) -> str:
    return (f"发现改动：机关 {broken.agency_id} 的 {broken.table} 表记录 {broken.record_id}：{broken.problem}。"
            "请立即联系管理员，用备份和此前保存的核验结果查明改动。")


@documents_group.command("verify")
@click.option("--agency", "agency_id", type=click.IntRange(min=1), default=None,
              help="只核验该机关（ID）的记录；默认核验全部机关")
def verify_command(agency_id: int | None) -> None:
    """核验办理历史和已出具文书的哈希链：记录被删除、插入或改写时报告第一处断链并以退出码 1 结束。

    每个机关输出一行：记录条数和链尾哈希（请保存，供日后比对）。
    """
    report = verify_chains(session_factory(current_app), agency_id)
    for agency, (length, last_hash) in report.heads.items():
        click.echo(f"机关 {agency}：{length} 条记录，链尾 {last_hash}")
    if report.broken is not None:
        click.echo(_break_message(report.broken), err=True)
        raise SystemExit(1)
    click.echo(f"全部 {report.records} 条记录核验无误。")
