"""`chidao serve`: start the web service (the API, the chat page at / and the embeddable widget)."""

from __future__ import annotations

import typer
from pydantic import ValidationError
from rich.console import Console

from api.config import ExposureRefused, WebSettings, check_exposure

errors = Console(stderr=True, soft_wrap=True)


def serve_command(
    host: str | None = typer.Option(None, help="Address to listen on (default CHIDAO_HOST or 127.0.0.1)."),
    port: int | None = typer.Option(None, help="Port (default CHIDAO_PORT or 8000)."),
) -> None:
    """Start the web service: chat page, widget, API (/docs), OpenAI-compatible /v1/chat/completions.

    Example: chidao serve --port 8000   (then open http://127.0.0.1:8000/)
    """
    import uvicorn

    from api.app import create_app

    try:
        settings = WebSettings(**{k: v for k, v in (("host", host), ("port", port)) if v is not None})
        notice = check_exposure(settings)
    except ValidationError as error:
        errors.print(f"[red]Cấu hình không hợp lệ (biến môi trường CHIDAO_*):[/red] {error}")
        raise typer.Exit(2) from None
    except ExposureRefused as error:
        errors.print(f"[red]{error.message}[/red]")
        raise typer.Exit(2) from None
    errors.print(notice)
    shown = "127.0.0.1" if settings.host in ("0.0.0.0", "::") else settings.host
    errors.print(f"Mở trình duyệt tại: [bold]http://{shown}:{settings.port}/[/bold]  (API: /docs)")
    # one worker: embedded Qdrant allows one process; with QDRANT_URL run more processes or replicas instead
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning")
