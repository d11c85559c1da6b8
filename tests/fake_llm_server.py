"""A stand-in for an OpenAI-compatible server (POST /v1/chat/completions, non-streaming), for writer tests.

It runs the standard library's HTTP server in a thread on 127.0.0.1 and a free port, answers with a scripted
reply, and records every request body it got.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self

# The reply: fixed text, or made from the request's messages (so a test can answer what it was asked).
Reply = str | Callable[[list[dict]], str]


class FakeLLMServer:
    def __init__(self, reply: Reply = "", *, status: int = 200, delay: float = 0.0):
        self.requests: list[dict] = []
        self.script(reply, status=status, delay=delay)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def script(self, reply: Reply, *, status: int = 200, delay: float = 0.0) -> None:
        """What the next requests get: the reply text, the HTTP status, and a wait before answering."""
        self.reply, self.status, self.delay = reply, status, delay

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reply_to(self, body: dict) -> str:
        return self.reply(body["messages"]) if callable(self.reply) else self.reply


def _handler(fake: FakeLLMServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            fake.requests.append(body)
            time.sleep(fake.delay)
            try:
                if self.path.rstrip("/") != "/v1/chat/completions":
                    self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
                elif fake.status != 200:
                    self._json(
                        fake.status, {"error": {"message": "scripted failure", "type": "server_error"}}
                    )
                else:
                    self._json(200, _completion(body, fake.reply_to(body)))
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test): nothing to answer

        def _json(self, status: int, payload: dict) -> None:
            data = json.dumps(payload, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:
            pass  # keep test output quiet

    return Handler


def _completion(body: dict, text: str) -> dict:
    answer = {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body["model"],
    }
    answer["choices"] = [
        {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
    ]
    answer["usage"] = {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}
    return answer
