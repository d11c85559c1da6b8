"""Load test of the web service (loopback only): N users ask gold questions for S seconds, each asking its next
question as soon as the last answer arrives; prints errors, throughput and latency p50/p95/max.

    python -m evals.load --users 20 --seconds 60            # starts `chidao serve` on a free port
    python -m evals.load --url http://127.0.0.1:8000        # against a service already running
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import httpx
import numpy as np

GOLD = Path(__file__).parent / "gold" / "dev.jsonl"


def questions(path: Path) -> list[str]:
    """The gold questions that stand alone (later conversation turns need the turns before them)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [row["question"] for row in rows if not row.get("conversation") or row["conversation"]["turn"] == 1]


async def user(client: httpx.AsyncClient, asked: list[str], stop: float, seed: int, results: list) -> None:
    rng = random.Random(seed)
    while time.monotonic() < stop:
        question = rng.choice(asked)
        started = time.perf_counter()
        try:
            response = await client.post("/api/ask", json={"question": question}, timeout=60)
            ok = response.status_code == 200 and "answerable" in response.json()
            status = response.status_code
        except httpx.HTTPError as error:
            ok, status = False, type(error).__name__
        results.append((time.perf_counter() - started, ok, status))


async def run(url: str, users: int, seconds: float, asked: list[str], key: str | None) -> list:
    results: list = []
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    limits = httpx.Limits(max_connections=users)
    async with httpx.AsyncClient(base_url=url, headers=headers, limits=limits) as client:
        stop = time.monotonic() + seconds
        await asyncio.gather(*(user(client, asked, stop, seed, results) for seed in range(users)))
    return results


class ServiceDidNotStart(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_service(env: dict[str, str] | None = None, timeout: float = 120) -> tuple[subprocess.Popen, str]:
    """`python -m assistant serve` on a free loopback port (environment: os.environ updated with `env`);
    returns once /health answers, raises ServiceDidNotStart with what the server said otherwise."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServiceDidNotStart(f"chidao serve stopped: {process.stderr.read()}")
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.5)
    process.kill()
    raise ServiceDidNotStart(f"chidao serve did not answer /health in {timeout:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running service on loopback; default: start one")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--key", default=os.environ.get("CHIDAO_LOAD_KEY"), help="reader key, if the service has keys")
    args = parser.parse_args()
    process = None
    if args.url:
        host = urlparse(args.url).hostname or ""
        if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
            raise SystemExit("The load test runs against loopback only (127.0.0.1 or localhost).")
        url = args.url
    else:
        try:
            process, url = start_service()
        except ServiceDidNotStart as error:
            raise SystemExit(str(error)) from None
    try:
        asked = questions(args.gold)
        results = asyncio.run(run(url, args.users, args.seconds, asked, args.key))
    finally:
        if process:
            process.terminate()
            process.wait(timeout=30)
    latencies = np.array([r[0] for r in results]) * 1000
    errors = [r for r in results if not r[1]]
    print(f"users {args.users}, {args.seconds:.0f} s, {len(results)} answers, "
          f"{len(results) / args.seconds:.1f} answers/s, errors {len(errors)}")
    print(f"latency ms: p50 {np.percentile(latencies, 50):.0f}, p95 {np.percentile(latencies, 95):.0f}, "
          f"max {latencies.max():.0f}")
    if errors:
        print("error statuses:", sorted({str(e[2]) for e in errors}))
        raise SystemExit(1)


if __name__ == "__main__":
    main()
