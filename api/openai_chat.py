"""POST /v1/chat/completions in the OpenAI format, so chat front ends people already run (Open WebUI and the
like) can talk to chidao; the citations ride along in an extra `citations` field (and in the text as a list).

These clients send the whole message history each time and no conversation id. The conversation is keyed by
a hash of the user messages so far: the answer to messages [u1, u2] is remembered under hash(u1, u2), and the
next request, [u1, a1, u2, a2, u3], finds it again from its own history. No state lives in the process.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from api.ask import pieces
from api.auth import require_reader
from api.schemas import ChatMessage, ChatRequest, Problem
from assistant.errors import BadQuestion
from assistant.export import answer_json

router = APIRouter(prefix="/v1", tags=["tương thích OpenAI"], dependencies=[Depends(require_reader)])


@router.get("/models", summary="Mô hình có sẵn (chỉ chidao)")
def models() -> dict:
    return {"object": "list", "data": [{"id": "chidao", "object": "model", "created": 0, "owned_by": "chidao"}]}


@router.post("/chat/completions",
             responses={200: {"content": {"application/json": {}, "text/event-stream": {}},
                              "description": "a chat.completion object, or chat.completion.chunk events when stream is true"},
                        401: {"model": Problem}, 422: {"model": Problem}},
             summary="Hỏi đáp theo định dạng OpenAI Chat Completions")
async def chat_completions(body: ChatRequest, request: Request):
    asked = [text_of(m) for m in body.messages if m.role == "user"]
    service = request.app.state.service
    previous = conversation_key(asked[:-1]) if len(asked) > 1 else None
    try:
        if not asked:
            raise BadQuestion("Không có câu hỏi: chưa có tin nhắn nào của người dùng.")
        answer = await run_in_threadpool(service.ask, asked[-1], previous, conversation_key(asked))
        data = answer_json(answer)
    except BadQuestion as error:
        # chat front ends show a message, not an HTTP error: the advice is the reply
        data = {"answer": error.message, "answerable": False, "units": [], "citations": []}
    content = with_sources(data)
    reply_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
    created = int(time.time())
    if body.stream:
        return StreamingResponse(_chunks(reply_id, created, body.model, content, data), media_type="text/event-stream")
    return {
        "id": reply_id, "object": "chat.completion", "created": created, "model": body.model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        "citations": data["citations"], "units": data["units"], "answerable": data["answerable"],
    }


def text_of(message: ChatMessage) -> str:
    """A message's text; content given as parts keeps its text parts."""
    if isinstance(message.content, str):
        return message.content
    return " ".join(str(part.get("text", "")) for part in message.content or [] if part.get("type") == "text")


def conversation_key(user_messages: list[str]) -> str:
    digest = hashlib.sha256("\x1f".join(m.strip() for m in user_messages).encode()).hexdigest()
    return f"oa-{digest[:40]}"


def with_sources(data: dict) -> str:
    """The answer followed by its sources, for clients that show only the message text."""
    if not data["citations"]:
        return data["answer"]
    lines = [f"[{c['id']}] {c['doc_number']}, {c['label']}" for c in data["citations"]]
    return data["answer"] + "\n\nNguồn:\n" + "\n".join(lines)


def _chunks(reply_id: str, created: int, model: str, content: str, data: dict):
    def frame(delta: dict, finish: str | None = None, **extra) -> str:
        chunk = {"id": reply_id, "object": "chat.completion.chunk", "created": created, "model": model,
                 "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
        return f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"

    yield frame({"role": "assistant", "content": ""})
    for piece in pieces(content):
        yield frame({"content": piece})
    yield frame({}, "stop", citations=data["citations"], units=data["units"])
    yield "data: [DONE]\n\n"
