"""Starting `chidao serve` in its own process for the tests that need a real server (browser, faults)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_service(data: Path, **env: str) -> tuple[subprocess.Popen, str]:
    """`python -m assistant serve` on a free loopback port over `data`; returns once /health answers."""
    port = free_port()
    environment = {**os.environ, "CHIDAO_DATA_DIR": str(data), **env}
    process = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port)], env=environment,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"chidao serve stopped: {process.stderr.read()}")
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.5)
    process.kill()
    pytest.fail("chidao serve did not answer /health in 120 s")


def stop_service(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)
