"""Starting `chidao serve` in its own process for the tests that need a real server (browser, faults)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from evals.load import ServiceDidNotStart, free_port
from evals.load import start_service as start_server

__all__ = ["free_port", "start_service", "stop_service"]


def start_service(data: Path, **env: str) -> tuple[subprocess.Popen, str]:
    """The service over the data folder `data`, on a free loopback port; the test fails if it does not start."""
    try:
        return start_server({"CHIDAO_DATA_DIR": str(data), **env})
    except ServiceDidNotStart as error:
        pytest.fail(str(error))


def stop_service(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)
