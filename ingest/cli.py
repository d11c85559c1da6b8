"""Command line for the ingest stage: `chidao ingest`, `chidao show`, `chidao units`, `chidao remove`.

Commands print Vietnamese for people; `--json` prints the contract shapes for tools.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ingest.embed import EmbedderUnavailable, load_embedder
from ingest.errors import IngestError
from ingest.export import document_json
from ingest.index import CorpusIndex, file_sha, open_index
from ingest.lookup import find_document, responsibility_matrix
from ingest.pipeline import collect_files, load_manifest_for, parse_file
from ingest.store import StoreError
from ingest.types import Document, Section

console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)


def ingest_command(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(None, help="Files or folders (default: the corpus folder)."),
    manifest: Path | None = typer.Option(None, help="manifest.json that fills missing metadata."),
) -> None:
    """Read directive files, parse them and index them for questions.

    Example: chidao ingest corpus/   or   chidao ingest ~/van-ban/3400-CV-TU.docx
    """
    settings = ctx.obj
    targets = paths or [settings.corpus]
    manifest_data = load_manifest_for(manifest or settings.manifest, targets)
    failed = 0
    for missing in [path for path in targets if not path.exists()]:
        failed += 1
        errors.print(f"[red]✗ {missing}[/red]: Không tìm thấy tệp hoặc thư mục này. Hãy kiểm tra lại đường dẫn.")
    files = collect_files([path for path in targets if path.exists()])
    with open_settings_index(settings, with_embedder=True) as index, _progress() as progress:
        for path in files:
            try:
                document = parse_file(path, manifest=manifest_data, max_bytes=settings.max_file_bytes)
            except IngestError as error:
                failed += 1
                errors.print(f"[red]✗ {error.path}[/red]: {error.message}")
                continue
            task = progress.add_task(document.number, total=sum(1 for _ in document.walk()))
            result = index.add(document, file_sha(path), progress=lambda n: progress.advance(task, n))
            progress.remove_task(task)
            status = {"added": "đã nạp", "replaced": "đã cập nhật", "unchanged": "không đổi"}[result.status]
            console.print(
                f"✓ {document.number} ({document.doc_type}) {status} — {sum(1 for _ in document.walk())} mục, "
                f"{len(document.assignments)} phân công, {len(document.references)} văn bản được dẫn"
            )
            for warning in document.warnings:
                errors.print(f"  [yellow]! {warning}[/yellow]")
    if failed:
        errors.print(f"[red]{failed} tệp không nạp được; các tệp khác đã được lưu.[/red]")
        raise typer.Exit(1)


def remove_command(
    ctx: typer.Context,
    number: str = typer.Argument(..., help="Document number to remove, e.g. 3400-CV/TU."),
) -> None:
    """Remove a document and its passages from the index.

    Example: chidao remove 3400-CV/TU
    """
    with open_settings_index(ctx.obj, with_embedder=False) as index:
        document = _find_document(index, number)
        index.remove(document.number)
    console.print(f"Đã gỡ {document.number} khỏi chỉ mục.")


class open_settings_index:
    """The configured index as a context manager; store errors become a Vietnamese message and exit 2."""

    def __init__(self, settings, *, with_embedder: bool):
        self.settings = settings
        self.with_embedder = with_embedder
        self.index: CorpusIndex | None = None

    def __enter__(self) -> CorpusIndex:
        settings = self.settings
        try:
            embedder = load_embedder(settings.embedder) if self.with_embedder else None
            key = settings.qdrant_api_key.get_secret_value() if settings.qdrant_api_key else None
            self.index = open_index(settings.data_dir, settings.qdrant_url, key, settings.collection, embedder)
        except (StoreError, EmbedderUnavailable) as error:
            errors.print(f"[red]{error.message}[/red]")
            raise typer.Exit(2) from None
        return self.index

    def __exit__(self, *exc) -> None:
        if self.index is not None:
            self.index.close()


def _progress():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=errors, transient=True)


def show_command(
    ctx: typer.Context,
    number: str = typer.Argument(..., help="Document number, e.g. 3400-CV/TU (loose forms like 'cv 3400' work)."),
    as_json: bool = typer.Option(False, "--json", help="Print the document as JSON."),
) -> None:
    """Print a document's metadata, section tree and assignments.

    Example: chidao show 3400-CV/TU --json
    """
    with open_settings_index(ctx.obj, with_embedder=False) as index:
        document = _find_document(index, number)
    if as_json:
        typer.echo(json.dumps(document_json(document), ensure_ascii=False, indent=2))
        return
    console.print(f"[bold]{document.number}[/bold] — {document.doc_type}")
    for name, value in (
        ("Cơ quan ban hành", document.issuer),
        ("Ngày ban hành", document.issued),
        ("Trích yếu", document.title),
        ("Người ký", document.signer),
    ):
        if value:
            console.print(f"{name}: {value}")
    for warning in document.warnings:
        console.print(f"[yellow]! {warning}[/yellow]")
    console.print("\n[bold]Cấu trúc[/bold]")
    for section in document.sections:
        _print_section(document.text, section, 0)
    console.print("\n[bold]Phân công trách nhiệm[/bold]")
    table = Table("Đơn vị", "Vai trò", "Nhiệm vụ", "Thời hạn", "Trích dẫn")
    for item in document.assignments:
        table.add_row(", ".join(item.units), item.role, _clip(item.task, 90), item.deadline or "", " > ".join(item.locator))
    console.print(table)


def units_command(
    ctx: typer.Context,
    name: str | None = typer.Argument(None, help="A unit (abbreviations and missing diacritics are fine)."),
) -> None:
    """Print the responsibility matrix: every unit and its tasks across documents, with citations.

    Example: chidao units "BTC TU"
    """
    with open_settings_index(ctx.obj, with_embedder=False) as index:
        documents = [record.document for record in index.records()]
    rows = responsibility_matrix(documents, name)
    if not documents:
        errors.print("Chưa có văn bản nào trong chỉ mục. Hãy chạy `chidao ingest` trước.")
        raise typer.Exit(1)
    if not rows:
        errors.print(f"Không thấy đơn vị nào khớp với “{name}”. Thử tên đầy đủ, ví dụ: Ban Tổ chức Tỉnh ủy.")
        raise typer.Exit(1)
    for unit in rows:
        console.print(f"\n[bold]{unit}[/bold]")
        for document, item in rows[unit]:
            section = document.find(item.locator)
            label = section.label if section else " > ".join(item.locator)
            deadline = f" (thời hạn: {item.deadline})" if item.deadline else ""
            console.print(escape(f"  • [{item.role}] {_clip(item.task, 110)}{deadline} — {document.number}, {label}"))


def _find_document(index: CorpusIndex, number: str) -> Document:
    documents = {record.document.number: record.document for record in index.records()}
    found = find_document(documents, number)
    if found is not None:
        return found
    known = ", ".join(sorted(documents)) or "(chưa có văn bản nào; hãy chạy `chidao ingest`)"
    errors.print(f"Không tìm thấy văn bản “{number}”. Các văn bản hiện có: {known}.")
    raise typer.Exit(1)


def _print_section(text: str, section: Section, depth: int) -> None:
    first_words = " ".join(text[section.start : section.own_end].split()[:10])
    paragraph = f" ¶{section.paragraph}" if section.paragraph else ""
    console.print(f"{'  ' * depth}{' > '.join(section.locator)}{paragraph}  [dim]{section.label}[/dim]  {first_words}")
    for child in section.children:
        _print_section(text, child, depth + 1)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
