"""The `chidao` command: one entry point, a subcommand per stage (ingest, show, units, ...)."""

from __future__ import annotations

import typer
from pydantic import ValidationError

from assistant.settings import Settings
from ingest import cli as ingest_cli

app = typer.Typer(
    help="chidao — trợ lý tra cứu văn bản chỉ đạo của Đảng và Nhà nước, trả lời kèm trích dẫn chính xác.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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


def main() -> None:
    """Console entry point."""
    app()
