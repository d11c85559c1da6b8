"""POST /api/briefings: a trainer's briefing (by document, unit or topic) as Markdown, printable HTML or .docx,
built by assistant.briefing from the documents the service holds."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from api.auth import require_reader
from api.schemas import Problem
from assistant.briefing import render
from assistant.briefing.build import briefing_from

router = APIRouter(prefix="/api", tags=["đề cương"], dependencies=[Depends(require_reader)])

MEDIA = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class BriefingRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")
    by: Literal["doc", "unit", "topic"] = Field(..., description="by document, by unit or by topic")
    value: str = Field(..., min_length=1, max_length=200, description="a document number, a unit or a topic",
                       examples=["3400-CV/TU", "Ban Tổ chức Tỉnh ủy", "biên chế"])
    format: Literal["md", "html", "docx"] = "html"


@router.post(
    "/briefings",
    summary="Tạo đề cương: theo văn bản, theo đơn vị hoặc theo chủ đề; mỗi dòng có trích dẫn",
    responses={200: {"content": {media: {} for media in MEDIA.values()}, "description": "the briefing file"},
               401: {"model": Problem}, 404: {"model": Problem}, 422: {"model": Problem}},
    response_class=Response,
)
async def make_briefing(body: BriefingRequest, request: Request) -> Response:
    documents = list(request.app.state.service.documents().values())
    briefing = await run_in_threadpool(lambda: briefing_from(documents, **{body.by: body.value}))
    content = await run_in_threadpool(render, briefing, body.format)
    name = f"de-cuong.{body.format}"
    return Response(content, media_type=MEDIA[body.format],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'} if body.format == "docx" else {})
