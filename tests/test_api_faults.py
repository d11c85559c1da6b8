"""Killing the server in the middle of an upload's ingest, then starting it again: the index opens, every
document that was there is whole, and the new document is either fully there or absent (never half)."""

from __future__ import annotations

import shutil
import signal
import threading
import time
from pathlib import Path

import httpx

from tests.servers import start_service, stop_service

ROOT = Path(__file__).resolve().parents[1]
ADMIN = {"Authorization": "Bearer admin-key"}
KEYS = {"CHIDAO_ADMIN_KEYS": "admin-key", "CHIDAO_READER_KEYS": "reader-key"}


def test_kill_during_upload_leaves_the_document_whole_or_absent(corpus_data_dir, tmp_path):
    data = shutil.copytree(corpus_data_dir, tmp_path / "data", dirs_exist_ok=True)
    source = (ROOT / "corpus" / "2920-QD-UBND-HaTinh-2025.txt").read_text(encoding="utf-8")
    big = source.replace("2920/QĐ-UBND", "2921/QĐ-UBND")  # ~200 passages: tens of seconds to embed
    process, url = start_service(data, **KEYS)

    def upload() -> None:
        try:
            httpx.post(url + "/api/documents", headers=ADMIN, timeout=300,
                       files={"file": ("qd2921.txt", big.encode("utf-8"))})
        except httpx.HTTPError:
            pass  # the server dies under it: that is the point

    thread = threading.Thread(target=upload)
    thread.start()
    time.sleep(8)  # parsed, and some batches of passages embedded and written
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    thread.join(timeout=30)

    process, url = start_service(data, **KEYS)
    try:
        listed = {d["number"] for d in httpx.get(url + "/api/documents", headers=ADMIN).json() if d["has_text"]}
        assert {"3400-CV/TU", "155-KL/TW", "141/KH-UBND", "1378/QĐ-BNV", "2920/QĐ-UBND"} <= listed
        question = {"question": "Theo Quyết định 2921, Sở Nội vụ có nhiệm vụ gì về biên chế?"}
        answer = httpx.post(url + "/api/ask", headers=ADMIN, json=question, timeout=60).json()
        cited = {c["doc_number"] for c in answer["citations"]}
        if "2921/QĐ-UBND" in listed:  # the switch happened before the kill: then it is whole
            detail = httpx.get(url + "/api/documents/2921/QĐ-UBND", headers=ADMIN).json()
            assert len(detail["assignments"]) == len(
                httpx.get(url + "/api/documents/2920/QĐ-UBND", headers=ADMIN).json()["assignments"])
        else:  # absent: no passage of the half-written version is ever returned
            assert "2921/QĐ-UBND" not in cited
        # the same upload again finishes the job, and the document is then fully there
        again = httpx.post(url + "/api/documents", headers=ADMIN, timeout=300,
                           files={"file": ("qd2921.txt", big.encode("utf-8"))})
        assert again.status_code == 201, again.text
        answer = httpx.post(url + "/api/ask", headers=ADMIN, json=question, timeout=60).json()
        assert "2921/QĐ-UBND" in {c["doc_number"] for c in answer["citations"]}
    finally:
        stop_service(process)
