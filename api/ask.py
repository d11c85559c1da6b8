"""POST /api/ask (the answer object, CONTRACT §3) and POST /api/ask/stream (the same answer as server-sent
events: the text in pieces, then units, then citations, then done)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from api.auth import require_reader
from api.schemas import AnswerOut, AskRequest, Problem
from assistant.errors import AssistantError
from assistant.export import answer_json
from assistant.types import Answer

router = APIRouter(prefix="/api", tags=["hỏi đáp"], dependencies=[Depends(require_reader)])

# Words per streamed piece: small enough to show progress, large enough not to flood the connection.
PIECE_WORDS = 6

_ERRORS = {401: {"model": Problem}, 422: {"model": Problem}, 503: {"model": Problem}}


@router.post("/ask", response_model=AnswerOut, responses=_ERRORS, summary="Hỏi một câu, nhận câu trả lời có trích dẫn")
async def ask(body: AskRequest, request: Request) -> dict:
    answer = await run_in_threadpool(request.app.state.service.ask, body.question, body.conversation_id)
    return answer_json(answer)


@router.post(
    "/ask/stream",
    responses={200: {"content": {"text/event-stream": {}}, "description": "events: answer, units, citations, done"}, **_ERRORS},
    summary="Như /api/ask, trả về dần dần (server-sent events)",
)
async def ask_stream(body: AskRequest, request: Request) -> StreamingResponse:
    service = request.app.state.service
    try:
        answer = await run_in_threadpool(service.ask, body.question, body.conversation_id)
    except AssistantError as error:  # reported inside the stream: the client has already chosen to read events
        return StreamingResponse(iter([sse("error", {"detail": error.message})]), media_type="text/event-stream")
    return StreamingResponse(answer_events(answer), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def answer_events(answer: Answer) -> Iterator[str]:
    """The answer as SSE frames; joining the `answer` pieces gives back the answer text exactly."""
    data = answer_json(answer)
    for piece in pieces(data["answer"]):
        yield sse("answer", {"text": piece})
    yield sse("units", data["units"])
    yield sse("citations", data["citations"])
    yield sse("done", {key: data[key] for key in ("answerable", "conversation_id", "kind")})


def pieces(text: str, words: int = PIECE_WORDS) -> list[str]:
    """Split text into runs of a few words, each keeping its following spaces, so that ''.join == text."""
    tokens = re.findall(r"\S+\s*|\s+", text)
    return ["".join(tokens[i : i + words]) for i in range(0, len(tokens), words)]


def sse(event: str, data) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
