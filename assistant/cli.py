"""The `chidao` command: one entry point, a subcommand per stage (ingest, show, units, ask, chat, ...)."""

from __future__ import annotations

import json

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape

from assistant.errors import AssistantError
from assistant.settings import Settings
from assistant.types import Answer
from api.server import serve_command
from evals.cli import eval_app
from ingest import cli as ingest_cli

app = typer.Typer(
    help="chidao — trợ lý tra cứu văn bản chỉ đạo của Đảng và Nhà nước, trả lời kèm trích dẫn chính xác.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)


@app.callback()
def _settings(ctx: typer.Context) -> None:
    """Build the settings once, from CHIDAO_* and QDRANT_* environment variables."""
    try:
        ctx.obj = Settings()
    except ValidationError as error:
        typer.echo(f"Cấu hình không hợp lệ (biến môi trường CHIDAO_*): {error}", err=True)
        raise typer.Exit(2) from None


app.command("ingest")(ingest_cli.ingest_command)
app.command("show")(ingest_cli.show_command)
app.command("units")(ingest_cli.units_command)
app.command("remove")(ingest_cli.remove_command)
app.add_typer(eval_app, name="eval")
app.command("serve")(serve_command)


@app.command("ask")
def ask_command(
    ctx: typer.Context,
    question: str = typer.Argument(..., help="The question, in Vietnamese (diacritics optional)."),
    as_json: bool = typer.Option(False, "--json", help="Print the answer object (CONTRACT §3) as JSON."),
    conversation: str | None = typer.Option(None, help="Conversation id of a previous answer, for follow-ups."),
) -> None:
    """Answer one question from the documents, with citations.

    Example: chidao ask "Đơn vị nào chủ trì theo dõi việc thực hiện Công văn 3400?"
    """
    from assistant.export import answer_json

    with _open_assistant(ctx.obj) as assistant:
        answer = _ask(assistant, question, conversation)
    if as_json:
        typer.echo(json.dumps(answer_json(answer), ensure_ascii=False, indent=2))
    else:
        _print_answer(answer)


@app.command("chat")
def chat_command(ctx: typer.Context) -> None:
    """Talk with chidao in the terminal; follow-up questions keep the conversation.

    Example: chidao chat   (then type: UBND tỉnh phải làm gì theo công văn 3400?  and  còn Sở Tài chính thì sao?)
    """
    with _open_assistant(ctx.obj) as assistant:
        assistant.warm_up()
        console.print(
            f"[bold]chidao[/bold] — {len(assistant.documents)} văn bản: {', '.join(sorted(assistant.documents))}.\n"
            "Gõ câu hỏi rồi Enter; gõ “thoát” (hoặc Ctrl-D) để kết thúc."
        )
        conversation = None
        while True:
            try:
                question = console.input("[bold green]Bạn:[/bold green] ")
            except (EOFError, KeyboardInterrupt):
                console.print()
                return
            if question.strip().lower() in ("thoát", "thoat", "exit", "quit"):
                return
            if not question.strip():
                continue
            try:
                answer = assistant.ask(question, conversation)
            except AssistantError as error:
                errors.print(f"[yellow]{escape(error.message)}[/yellow]")
                continue
            conversation = answer.conversation_id
            _print_answer(answer)


class _open_assistant:
    """The assistant for one command; index and model errors become a Vietnamese message and exit 2."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.assistant = None

    def __enter__(self):
        from assistant.engine import Assistant
        from assistant.errors import WriterUnavailable
        from ingest.embed import EmbedderUnavailable
        from ingest.store import StoreError

        try:
            self.assistant = Assistant.open(self.settings)
        except (StoreError, EmbedderUnavailable, WriterUnavailable) as error:
            errors.print(f"[red]{escape(error.message)}[/red]")
            raise typer.Exit(2) from None
        if not self.assistant.documents:
            self.assistant.close()
            errors.print("[red]Chưa có văn bản nào được nạp. Hãy chạy `chidao ingest` (hoặc `make run`) trước.[/red]")
            raise typer.Exit(2)
        return self.assistant

    def __exit__(self, *exc) -> None:
        if self.assistant is not None:
            self.assistant.close()


def _ask(assistant, question: str, conversation: str | None) -> Answer:
    try:
        return assistant.ask(question, conversation)
    except AssistantError as error:
        errors.print(f"[red]{escape(error.message)}[/red]")
        raise typer.Exit(2) from None


def _print_answer(answer: Answer) -> None:
    style = "bold" if answer.answerable else "yellow"
    console.print(f"[{style}]{escape(answer.answer)}[/{style}]")
    if answer.units:
        console.print("Đơn vị: " + "; ".join(escape(f"{u.name} ({u.role}) {''.join(f'[{c}]' for c in u.citations)}")
                                            for u in answer.units))
    for citation in answer.citations:
        text = " ".join(citation.text.split())
        text = text if len(text) <= 300 else text[:299] + "…"
        console.print(escape(f"  [{citation.id}] {citation.doc_number}, {citation.label}: “{text}”"), style="dim")


@app.command("brief")
def brief_command(
    ctx: typer.Context,
    doc: str | None = typer.Option(None, "--doc", help="Document number, e.g. 3400-CV/TU (loose forms like 'cv 3400' work)."),
    unit: str | None = typer.Option(None, "--unit", help="Unit, e.g. 'Ban Tổ chức Tỉnh ủy' ('BTC TU', no diacritics: fine)."),
    topic: str | None = typer.Option(None, "--topic", help="Topic words, e.g. 'biên chế'."),
    fmt: str = typer.Option("md", "--format", help="md, docx or html."),
    out: str | None = typer.Option(None, "--out", help="File to write (needed for docx); otherwise printed."),
) -> None:
    """Write a briefing for trainers, by document, unit or topic; every line cites its source.

    Example: chidao brief --doc 3400-CV/TU --format docx --out de-cuong-3400.docx
    """
    from pathlib import Path

    from assistant.briefing import FORMATS, build_briefing, render

    if fmt not in FORMATS or (fmt == "docx" and out is None):
        errors.print(f"[red]Hãy chọn --format là một trong {', '.join(FORMATS)}; tệp docx cần --out TÊN_TỆP.[/red]")
        raise typer.Exit(2)
    with ingest_cli.open_settings_index(ctx.obj, with_embedder=False) as index:
        try:
            content = render(build_briefing(index, doc=doc, unit=unit, topic=topic), fmt)
        except AssistantError as error:
            errors.print(f"[red]{escape(error.message)}[/red]")
            raise typer.Exit(1) from None
    if out is None:
        typer.echo(content, nl=False)
        return
    target = Path(out)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    console.print(f"Đã ghi đề cương vào {escape(str(target))}.")


def main() -> None:
    """Console entry point."""
    app()
