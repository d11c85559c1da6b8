"""The FastAPI application: `create_app(settings)`. The index client, the embedder and the documents are built
once in the lifespan and shared by every request; errors come back as JSON with a Vietnamese `detail`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from swagger_ui_bundle import swagger_ui_path

from api import ask, briefings, documents, openai_chat
from api.config import WebSettings
from api.schemas import Health
from api.service import NotFound, Service
from assistant.briefing.errors import BadBriefingRequest, BriefingError
from assistant.errors import AssistantError, BadQuestion
from ingest.embed import EmbedderUnavailable
from ingest.store import StoreError

log = logging.getLogger("chidao.api")
STATIC = files("api") / "static"


def open_service(settings: WebSettings) -> Service:
    """The default service: the configured index and embedder, warmed up before the first request."""
    from assistant.engine import Assistant

    assistant = Assistant.open(settings)
    assistant.warm_up()
    return Service(assistant, settings.data_dir / "uploads", settings.embedder, server=bool(settings.qdrant_url))


def create_app(settings: WebSettings | None = None, service_factory: Callable[[WebSettings], Service] = open_service) -> FastAPI:
    settings = settings or WebSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # a lifespan entered while the service is already open (a test client inside another) reuses it
        if getattr(app.state, "service", None) is not None:
            yield
            return
        app.state.service = service_factory(settings)
        try:
            yield
        finally:
            app.state.service.close()
            app.state.service = None

    app = FastAPI(
        title="chidao",
        version="0.1.0",
        description="Hỏi đáp về văn bản chỉ đạo của Đảng và Nhà nước, có trích dẫn đến từng mục.",
        lifespan=lifespan,
        docs_url=None,  # served below from local files: the default page loads its scripts from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    if settings.origins():
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.origins(), allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.include_router(ask.router)
    app.include_router(documents.reading)
    app.include_router(documents.admin)
    app.include_router(briefings.router)
    app.include_router(openai_chat.router)
    _add_error_handlers(app)

    @app.get("/health", response_model=Health, tags=["dịch vụ"], summary="Tình trạng dịch vụ")
    def health(request: Request) -> dict:
        service: Service = request.app.state.service
        return {"status": "ok", "documents": len(service.documents()), "embedder": service.embedder_name,
                "qdrant": "server" if service.server else "embedded"}

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(str(STATIC / "index.html"), media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="chidao — API",
                                   swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-assets/swagger-ui.css", swagger_favicon_url="data:,")

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.mount("/docs-assets", StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")
    return app


def _add_error_handlers(app: FastAPI) -> None:
    def problem(status: int, detail: str, headers: dict | None = None) -> JSONResponse:
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)

    @app.exception_handler(StarletteHTTPException)  # FastAPI's own and the router's 404/405
    async def http_error(request: Request, error: StarletteHTTPException):
        detail = error.detail if isinstance(error.detail, str) else _STATUS.get(error.status_code, "Yêu cầu không thực hiện được.")
        if error.status_code in _STATUS and not _is_vietnamese(detail):
            detail = _STATUS[error.status_code]
        return problem(error.status_code, detail, getattr(error, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError):
        return problem(422, validation_message(error.errors()))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound):
        return problem(404, error.message)

    @app.exception_handler(AssistantError)
    async def assistant_error(request: Request, error: AssistantError):
        if isinstance(error, BriefingError):  # a document, unit or topic the corpus does not have
            return problem(422 if isinstance(error, BadBriefingRequest) else 404, error.message)
        return problem(422 if isinstance(error, BadQuestion) else 503, error.message)

    @app.exception_handler(StoreError)
    @app.exception_handler(EmbedderUnavailable)
    async def backend_error(request: Request, error):
        return problem(503, error.message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem(500, "Lỗi nội bộ của chidao. Hãy thử lại; nếu lỗi lặp lại, báo cho quản trị viên kèm thời điểm.")


_STATUS = {
    404: "Không có đường dẫn này. Xem danh sách tại /docs.",
    405: "Phương thức không được hỗ trợ cho đường dẫn này.",
    413: "Tệp quá lớn.",
}

_REASONS = {
    "missing": "bị thiếu",
    "string_too_long": "quá dài",
    "string_too_short": "đang trống",
    "too_short": "đang trống",
    "too_long": "quá dài",
    "json_invalid": "không phải JSON hợp lệ",
    "string_type": "phải là chuỗi ký tự",
    "string_pattern_mismatch": "sai định dạng",
    "model_attributes_type": "phải là một đối tượng JSON",
    "dict_type": "phải là một đối tượng JSON",
    "bool_parsing": "phải là true hoặc false",
    "list_type": "phải là một danh sách",
}

_PATTERN_HINTS = {
    "question": "phải có ít nhất một chữ cái: hãy đặt câu hỏi bằng tiếng Việt",
    "conversation_id": "chỉ được gồm chữ không dấu, số và các dấu - _ . :",
}


def validation_message(errors: list[dict]) -> str:
    """A Vietnamese sentence naming each wrong field and what is wrong with it."""
    parts = []
    for error in errors[:5]:
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path"))
        reason = _REASONS.get(error.get("type", ""), "không hợp lệ")
        if error.get("type") == "string_pattern_mismatch":
            reason = _PATTERN_HINTS.get(where, reason)
        parts.append(f"“{where or 'nội dung'}” {reason}")
    return "Yêu cầu không hợp lệ: " + "; ".join(parts) + ". Xem mô tả API tại /docs."


def _is_vietnamese(text: str) -> bool:
    return any(ord(ch) > 127 for ch in text)
