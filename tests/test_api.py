"""The web API on the real corpus index (a copy, so uploads and removals here touch no other test): answers in
the CONTRACT §3 shape, streaming, documents and units, errors in Vietnamese, keys, uploads that lose nothing,
and two app instances sharing one conversation through the store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.config import ExposureRefused, WebSettings, check_exposure
from api.service import Service, safe_filename
from assistant.conversations import ConversationStore
from assistant.engine import Assistant
from ingest.embed import load_embedder
from ingest.errors import UnsupportedFile
from ingest.index import open_index

ROOT = Path(__file__).resolve().parents[1]
ADMIN = {"Authorization": "Bearer admin-key"}
READER = {"Authorization": "Bearer reader-key"}


@pytest.fixture(scope="module")
def data_dir(corpus_data_dir, tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("api-data")
    shutil.copytree(corpus_data_dir, copy, dirs_exist_ok=True)
    return copy


@pytest.fixture(scope="module")
def client(data_dir):
    settings = WebSettings(data_dir=data_dir, admin_keys="admin-key", reader_keys="reader-key")
    with TestClient(create_app(settings), headers=READER) as client:
        yield client


def sse_events(body: str) -> list[tuple[str, object]]:
    events = []
    for frame in body.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in frame.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def test_ask_answers_in_the_contract_shape_with_exact_citations(client):
    response = client.post("/api/ask", json={"question": "Ai theo dõi, kiểm tra việc thực hiện công văn 3400?"})
    assert response.status_code == 200
    answer = response.json()
    assert set(answer) >= {"answer", "answerable", "units", "citations", "conversation_id"}
    assert answer["answerable"] is True
    assert any(u["name"] == "Ban Tổ chức Tỉnh ủy" for u in answer["units"])
    for citation in answer["citations"]:
        text = client.get(f"/api/documents/{citation['doc_number']}/text").json()["text"]
        assert text[citation["start"] : citation["end"]] == citation["text"]
    # how the question was read, for evaluators: the kind, the model's scores and the cue words, what it named
    debug = answer["debug"]
    assert debug["kind"] == answer["kind"] == "who" and debug["kind_scores"]["who"] == debug["kind_confidence"]
    assert debug["documents"] == ["3400-CV/TU"] and "theo dõi" in debug["roles_asked"] and debug["followup"] is False


def test_unaccented_question_with_abbreviations_is_answered(client):
    answer = client.post("/api/ask", json={"question": "UBND tinh phai lam gi theo cong van 3400?"}).json()
    assert answer["answerable"] is True
    assert answer["citations"] and answer["citations"][0]["doc_number"] == "3400-CV/TU"


def test_stream_sends_the_same_answer_in_pieces_then_units_citations_done(client):
    question = {"question": "Ai theo dõi, kiểm tra việc thực hiện công văn 3400?"}
    whole = client.post("/api/ask", json=question).json()
    response = client.post("/api/ask/stream", json=question)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(response.text)
    names = [name for name, _ in events]
    assert names[-3:] == ["units", "citations", "done"] and set(names[:-3]) == {"answer"}
    assert len(names) > 4  # the text really comes in several pieces
    assert "".join(data["text"] for name, data in events if name == "answer") == whole["answer"]
    assert events[-3][1] == whole["units"] and events[-2][1] == whole["citations"]
    assert events[-1][1]["conversation_id"]


def test_followup_uses_the_conversation(client):
    first = client.post("/api/ask", json={"question": "Theo kế hoạch 141, Sở Nội vụ phải làm gì?"}).json()
    followup = client.post(
        "/api/ask", json={"question": "Còn Sở Tài chính thì sao?", "conversation_id": first["conversation_id"]}
    ).json()
    assert followup["conversation_id"] == first["conversation_id"]
    assert followup["citations"] and all(c["doc_number"] == "141/KH-UBND" for c in followup["citations"])
    assert any(u["name"] == "Sở Tài chính" for u in followup["units"])


def test_refusal_has_no_units(client):
    answer = client.post("/api/ask", json={"question": "Kinh phí thực hiện công văn 3400 là bao nhiêu tỷ đồng?"}).json()
    assert answer["answerable"] is False and answer["units"] == []


def test_documents_list_detail_text_and_loose_numbers(client):
    listed = client.get("/api/documents").json()
    with_text = {d["number"] for d in listed if d["has_text"]}
    assert with_text == {"3400-CV/TU", "155-KL/TW", "141/KH-UBND", "1378/QĐ-BNV", "2920/QĐ-UBND"}
    assert any(not d["has_text"] and d["number"] == "62-KL/TW" for d in listed)
    detail = client.get("/api/documents/3400-CV/TU").json()
    assert detail["number"] == "3400-CV/TU" and detail["sections"] and detail["assignments"]
    assert client.get("/api/documents/cong van 3400").json()["number"] == "3400-CV/TU"
    assert client.get("/api/documents/1378/QĐ-BNV/text").json()["number"] == "1378/QĐ-BNV"
    missing = client.get("/api/documents/9999-CV/TU")
    assert missing.status_code == 404 and "Không tìm thấy văn bản" in missing.json()["detail"]


def test_units_and_the_responsibility_matrix_accept_abbreviations(client):
    units = client.get("/api/units").json()
    assert any(u["name"] == "Ban Tổ chức Tỉnh ủy" and "3400-CV/TU" in u["documents"] for u in units)
    matrix = client.get("/api/units/BTC TU").json()
    assert [row["name"] for row in matrix] == ["Ban Tổ chức Tỉnh ủy"]
    task = matrix[0]["tasks"][0]
    text = client.get(f"/api/documents/{task['doc_number']}/text").json()["text"]
    assert task["task"] in text[task["start"] : task["end"]]
    assert client.get("/api/units/Sở Không Có").status_code == 404


def test_health(client):
    health = client.get("/health").json()
    assert health == {"status": "ok", "documents": 5, "embedder": "e5", "qdrant": "embedded"}


@pytest.mark.parametrize(
    ("body", "field"),
    [({"question": ""}, "question"), ({}, "question"), ({"question": "x" * 2001}, "question"),
     ({"question": "Ai?", "conversation_id": "../../etc"}, "conversation_id"), ({"question": 5}, "question")],
)
def test_bad_requests_get_a_vietnamese_detail(client, body, field):
    response = client.post("/api/ask", json=body)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith("Yêu cầu không hợp lệ") and field in detail


def test_malformed_json_and_unknown_paths_are_json_errors(client):
    response = client.post("/api/ask", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 422 and "không phải JSON" in response.json()["detail"]
    response = client.get("/api/khong-co")
    assert response.status_code == 404 and response.json()["detail"].startswith("Không có đường dẫn")


def test_question_without_letters_is_refused_with_advice(client):
    response = client.post("/api/ask", json={"question": "???"})
    assert response.status_code == 422 and "chữ cái" in response.json()["detail"]


def test_keys_guard_reading_and_administration(client):
    anonymous = client.get("/api/documents", headers={"Authorization": ""})
    assert anonymous.status_code == 401 and "khóa" in anonymous.json()["detail"]
    assert client.get("/api/documents", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/api/documents", headers=ADMIN).status_code == 200  # an admin may read too
    assert client.delete("/api/documents/3400-CV/TU").status_code == 401  # a reader may not remove
    assert client.get("/health", headers={"Authorization": ""}).status_code == 200


def test_exposure_rules():
    assert "127.0.0.1" in check_exposure(WebSettings(host="127.0.0.1"))
    with pytest.raises(ExposureRefused, match="CHIDAO_READER_KEYS"):
        check_exposure(WebSettings(host="0.0.0.0"))
    with pytest.raises(ExposureRefused, match="khóa quản trị"):
        check_exposure(WebSettings(host="0.0.0.0", reader_keys="r"))
    assert "Bearer" in check_exposure(WebSettings(host="0.0.0.0", reader_keys="r", admin_keys="a"))


def test_safe_filenames():
    assert safe_filename("../../etc/Công văn 3400 (bản sửa).DOCX") == "Công_văn_3400_bản_sửa.docx"
    assert safe_filename("C:\\Users\\a\\kl155.txt") == "kl155.txt"
    with pytest.raises(UnsupportedFile):
        safe_filename("virus.exe")
    with pytest.raises(UnsupportedFile):
        safe_filename("khong-duoi")


def test_bad_uploads_change_nothing(client, data_dir):
    before = client.get("/api/documents").json()
    fake_pdf = client.post("/api/documents", headers=ADMIN,
                           files={"file": ("bao-cao.pdf", "Đây không phải PDF".encode(), "application/pdf")})
    assert fake_pdf.status_code == 422 and fake_pdf.json()["detail"]
    wrong_type = client.post("/api/documents", headers=ADMIN, files={"file": ("a.exe", b"MZ\x90\x00", "application/octet-stream")})
    assert wrong_type.status_code == 422
    no_number = client.post("/api/documents", headers=ADMIN, files={"file": ("ghi-chu.txt", "Chỉ là ghi chú.".encode())})
    assert no_number.status_code == 422 and "số ký hiệu" in no_number.json()["detail"]
    assert client.get("/api/documents").json() == before
    assert not any(path.is_file() for path in (data_dir / "uploads").rglob("*"))  # nothing half-kept


def test_upload_ingests_then_delete_removes(client, data_dir):
    source = (ROOT / "corpus" / "3400-CV-TU-TienGiang-2024.txt").read_text(encoding="utf-8")
    changed = source.replace("3400-CV/TU", "3401-CV/TU")
    assert changed != source
    response = client.post("/api/documents", headers=ADMIN,
                           files={"file": ("../cv 3401.txt", changed.encode("utf-8"), "text/plain")})
    assert response.status_code == 201, response.text
    assert response.json()["number"] == "3401-CV/TU" and response.json()["status"] == "added"
    assert (data_dir / "uploads" / "cv_3401.txt").exists()
    assert client.get("/api/documents/3401-CV/TU").status_code == 200
    answer = client.post("/api/ask", json={"question": "Ai theo dõi, kiểm tra việc thực hiện công văn 3401?"}).json()
    assert answer["citations"] and answer["citations"][0]["doc_number"] == "3401-CV/TU"
    assert client.delete("/api/documents/3401-CV/TU", headers=ADMIN).status_code == 204
    assert client.get("/api/documents/3401-CV/TU").status_code == 404
    assert client.delete("/api/documents/3401-CV/TU", headers=ADMIN).status_code == 404


def test_oversized_upload_is_refused(data_dir):
    settings = WebSettings(data_dir=data_dir, admin_keys="admin-key", max_upload_bytes=1000)
    # a second app on the same embedded folder cannot open while `client` holds it: build on a fresh copy
    app = create_app(settings, service_factory=lambda s: _service_on(shutil.copytree(data_dir, data_dir.parent / "big", dirs_exist_ok=True)))
    with TestClient(app) as client:
        response = client.post("/api/documents", headers=ADMIN, files={"file": ("lon.txt", b"a" * 5000)})
        assert response.status_code == 413 and "MB" in response.json()["detail"]


def test_admin_endpoints_are_closed_without_an_admin_key(data_dir, tmp_path):
    copy = shutil.copytree(data_dir, tmp_path / "d", dirs_exist_ok=True)
    with TestClient(create_app(WebSettings(data_dir=copy), service_factory=lambda s: _service_on(copy))) as client:
        assert client.get("/api/documents").status_code == 200  # loopback, no keys: reading is open
        response = client.delete("/api/documents/3400-CV/TU")
        assert response.status_code == 403 and "CHIDAO_ADMIN_KEYS" in response.json()["detail"]


def test_two_app_instances_share_one_conversation_and_see_each_others_uploads(data_dir, tmp_path):
    """Replicas on one Qdrant server: each has its own Assistant (own caches); only the store is shared."""
    copy = shutil.copytree(data_dir, tmp_path / "shared", dirs_exist_ok=True)
    index = open_index(copy, None, None, "chidao", load_embedder("e5"))
    services = [
        Service(Assistant(index, ConversationStore(index.store.client, "chidao_conversations")), copy / f"up{i}", "e5", True)
        for i in range(2)
    ]
    settings = WebSettings(data_dir=copy, admin_keys="admin-key")
    apps = [create_app(settings, service_factory=lambda s, svc=svc: svc) for svc in services]
    with TestClient(apps[0], headers=ADMIN) as first, TestClient(apps[1], headers=ADMIN) as second:
        started = first.post("/api/ask", json={"question": "Theo kế hoạch 141, Sở Nội vụ phải làm gì?"}).json()
        followup = second.post(
            "/api/ask", json={"question": "Còn Sở Tài chính thì sao?", "conversation_id": started["conversation_id"]}
        ).json()
        assert all(c["doc_number"] == "141/KH-UBND" for c in followup["citations"]) and followup["citations"]
        source = (ROOT / "corpus" / "3400-CV-TU-TienGiang-2024.txt").read_text(encoding="utf-8")
        uploaded = first.post("/api/documents", headers=ADMIN, files={
            "file": ("cv3402.txt", source.replace("3400-CV/TU", "3402-CV/TU").encode("utf-8"))})
        assert uploaded.status_code == 201
        assert second.get("/api/documents/3402-CV/TU").status_code == 200


def test_openai_chat_completions_with_history_and_stream(client):
    asked = {"model": "chidao", "messages": [{"role": "user", "content": "Theo kế hoạch 141, Sở Nội vụ phải làm gì?"}]}
    reply = client.post("/v1/chat/completions", json=asked).json()
    content = reply["choices"][0]["message"]["content"]
    assert "Nguồn:" in content and reply["citations"] and reply["object"] == "chat.completion"
    history = asked["messages"] + [{"role": "assistant", "content": content},
                                   {"role": "user", "content": "Còn Sở Tài chính thì sao?"}]
    followup = client.post("/v1/chat/completions", json={"messages": history}).json()
    assert followup["citations"] and all(c["doc_number"] == "141/KH-UBND" for c in followup["citations"])
    streamed = client.post("/v1/chat/completions", json={**asked, "stream": True})
    frames = [line[6:] for line in streamed.text.splitlines() if line.startswith("data: ")]
    assert frames[-1] == "[DONE]"
    chunks = [json.loads(frame) for frame in frames[:-1]]
    assert "".join(c["choices"][0]["delta"].get("content", "") for c in chunks) == content
    assert chunks[-1]["citations"] == reply["citations"]
    empty = client.post("/v1/chat/completions", json={"messages": [{"role": "system", "content": "x"}]}).json()
    assert "câu hỏi" in empty["choices"][0]["message"]["content"].lower() and not empty["answerable"]


def test_page_and_widget_are_served_without_external_assets(client):
    page = client.get("/")
    assert page.status_code == 200 and "<chidao-chat" in page.text
    script = client.get("/static/chidao-widget.js")
    assert script.status_code == 200 and "customElements.define" in script.text
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/docs-assets/swagger-ui-bundle.js" in docs.text
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    for text in (page.text, script.text, docs.text):
        assert "http://" not in text and "https://" not in text.replace("https://chidao.example", "")


def _service_on(data_dir: Path) -> Service:
    index = open_index(data_dir, None, None, "chidao", load_embedder("e5"))
    assistant = Assistant(index, ConversationStore(index.store.client, "chidao_conversations"))
    return Service(assistant, data_dir / "uploads", "e5", False)


def test_briefings_in_three_formats_and_errors(client):
    html = client.post("/api/briefings", json={"by": "doc", "value": "cong van 3400", "format": "html"})
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "3400-CV/TU" in html.text and "Ban Tổ chức Tỉnh ủy" in html.text
    markdown = client.post("/api/briefings", json={"by": "unit", "value": "BTC TU", "format": "md"})
    assert markdown.status_code == 200 and "Ban Tổ chức Tỉnh ủy" in markdown.text
    docx = client.post("/api/briefings", json={"by": "topic", "value": "biên chế", "format": "docx"})
    assert docx.status_code == 200 and docx.content[:2] == b"PK"  # a zip: the .docx container
    unknown = client.post("/api/briefings", json={"by": "doc", "value": "9999-CV/TU"})
    assert unknown.status_code == 404 and "Không tìm thấy văn bản" in unknown.json()["detail"]
    wrong = client.post("/api/briefings", json={"by": "person", "value": "Sở Nội vụ"})
    assert wrong.status_code == 422 and "by" in wrong.json()["detail"]


def test_a_service_on_an_empty_folder_starts_and_answers_after_its_first_upload(tmp_path):
    """An administrator may start the service before loading anything: it comes up, says the index is empty,
    and answers once a document is uploaded."""
    settings = WebSettings(data_dir=tmp_path / "empty", admin_keys="admin-key", reader_keys="reader-key")
    with TestClient(create_app(settings), headers=READER) as client:
        empty = client.post("/api/ask", json={"question": "Ai chủ trì?"})
        assert empty.status_code == 503 and "nạp" in empty.json()["detail"]
        with (ROOT / "corpus" / "3400-CV-TU-TienGiang-2024.txt").open("rb") as handle:
            added = client.post("/api/documents", headers=ADMIN, files={"file": ("cv3400.txt", handle)})
        assert added.status_code == 201, added.text
        answer = client.post("/api/ask", json={"question": "Ai theo dõi việc thực hiện công văn 3400?"}).json()
        assert answer["citations"] and answer["citations"][0]["doc_number"] == "3400-CV/TU"
