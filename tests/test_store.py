"""The Qdrant store: one battery for embedded Qdrant and (QDRANT_URL set) a server, with real e5 vectors."""

import os
import uuid
from pathlib import Path

import numpy as np
import pytest

from ingest.embed import load_embedder
from ingest.lexical import sparse_vector
from ingest.normalize import normalize_text
from ingest.restore import DiacriticRestorer
from ingest.store import (
    Hit, IndexPoint, StoreLocked, StoreMismatch, StoreUnavailable, fuse, open_store, point_id,
)
from ingest.vietnamese import fold_diacritics

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DOCUMENTS = {"3400-CV/TU": "3400-CV-TU-TienGiang-2024.txt", "141/KH-UBND": "141-KH-UBND-BacNinh-2025.txt"}
BACKENDS = ["embedded"] + (["server"] if os.environ.get("QDRANT_URL") else [])


def numbered_paragraphs(number: str) -> list[str]:
    text = normalize_text((CORPUS / DOCUMENTS[number]).read_text(encoding="utf-8"))
    return [paragraph for paragraph in text.split("\n") if paragraph[:1].isdigit() and len(paragraph) > 80]


@pytest.fixture(scope="module")
def embedder():
    return load_embedder("e5")


@pytest.fixture(scope="module")
def points(embedder) -> list[IndexPoint]:
    passages = [(number, paragraph) for number in DOCUMENTS for paragraph in numbered_paragraphs(number)]
    vectors = embedder.embed_documents([paragraph for _, paragraph in passages])
    return [
        IndexPoint(
            point_id(f"{number}\n{paragraph}"), vector, sparse_vector(paragraph, query=False),
            {"doc_number": number, "text": paragraph},
        )
        for (number, paragraph), vector in zip(passages, vectors)
    ]


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path, embedder, points):
    if request.param == "server":
        url, key = os.environ["QDRANT_URL"], os.environ.get("QDRANT_API_KEY")
        opened = open_store(None, url, key, f"test-{uuid.uuid4().hex}")
    else:
        opened = open_store(tmp_path / "qdrant", None, None, "passages")
    opened.ensure(embedder.dim)
    opened.upsert(points)
    yield opened
    if request.param == "server":
        opened._client.delete_collection(opened.collection)
    opened.close()


def ask(store, embedder, question: str, mode: str, restorer: DiacriticRestorer | None = None, **kwargs):
    dense = embedder.embed_query(restorer.restore(question) if restorer else question)
    return store.search(dense, sparse_vector(question, query=True), limit=3, mode=mode, **kwargs)


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["hybrid", "dense", "lexical"])
def test_each_mode_finds_the_passage_a_question_is_about(store, embedder, mode):
    question = "Ai lãnh đạo rà soát văn bản quy phạm pháp luật về đơn vị sự nghiệp công lập?"
    hits = ask(store, embedder, question, mode)
    assert "rà soát, sửa đổi, bổ sung, hoàn thiện các văn bản quy phạm pháp luật" in hits[0].payload["text"]
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


@pytest.mark.slow
def test_question_without_diacritics_is_found_with_restoration(store, embedder, points):
    restorer = DiacriticRestorer.from_texts(point.payload["text"] for point in points)
    question = fold_diacritics("Sở Tài chính bố trí kinh phí chi thường xuyên cho kế hoạch thế nào?")
    for mode in ("hybrid", "lexical", "dense"):
        hits = ask(store, embedder, question, mode, restorer)
        assert hits[0].payload["text"].startswith("2. Sở Tài chính chủ trì"), mode


@pytest.mark.slow
def test_filter_delete_ids_and_idempotent_upsert(store, embedder, points):
    total = len(points)
    assert store.count() == total
    store.upsert(points[:3])  # same content, same ids: replaced, not added
    assert store.count() == total
    hits = ask(store, embedder, "kinh phí thực hiện", "hybrid", filter={"doc_number": "3400-CV/TU"})
    assert hits and {hit.payload["doc_number"] for hit in hits} == {"3400-CV/TU"}
    ids = store.ids_for("doc_number", "3400-CV/TU")
    assert ids == {point.id for point in points if point.payload["doc_number"] == "3400-CV/TU"}
    store.delete("doc_number", "3400-CV/TU")
    assert store.ids_for("doc_number", "3400-CV/TU") == set()
    assert store.count() == total - len(ids)
    for mode in ("lexical", "dense", "hybrid"):
        assert not ids & {hit.id for hit in ask(store, embedder, "Đảng đoàn Hội đồng nhân dân tỉnh", mode)}


@pytest.mark.slow
def test_other_versions_of_a_document_are_deleted_and_no_longer_found(store, embedder, points):
    number = "141/KH-UBND"
    newer = [
        IndexPoint(point_id(f"v2|{point.id}"), point.dense, point.sparse, {**point.payload, "version": "v2"})
        for point in points
        if point.payload["doc_number"] == number
    ]
    store.upsert(newer)
    assert len(ask(store, embedder, "Sở Tài chính bố trí kinh phí", "lexical")) == 3  # a search between writes
    store.delete_other_versions(number, keep="v2")
    assert store.ids_for("doc_number", number) == {point.id for point in newer}
    for mode in ("lexical", "hybrid"):
        hits = ask(store, embedder, "Sở Tài chính bố trí kinh phí", mode)
        assert all(hit.payload.get("version") == "v2" for hit in hits if hit.payload["doc_number"] == number)


@pytest.mark.slow
def test_lexical_copy_scores_exactly_as_qdrant(tmp_path, points):
    questions = [
        "Sở Tài chính bố trí kinh phí", "so tai chinh bo tri kinh phi", "UBND tỉnh và HĐND tỉnh",
        "Kết luận 62-KL/TW", "văn bản quy phạm pháp luật", "xyzzy",
    ]
    with open_store(tmp_path / "a", None, None, "p") as copy, open_store(
        tmp_path / "b", None, None, "p", lexical_copy=False
    ) as native:
        for store in (copy, native):
            store.ensure(points[0].dense.shape[0])
            store.upsert(points)
        for question in questions:
            for conditions in (None, {"doc_number": "141/KH-UBND"}):
                sparse = sparse_vector(question, query=True)
                ours = copy.search(None, sparse, limit=8, mode="lexical", filter=conditions)
                theirs = native.search(None, sparse, limit=8, mode="lexical", filter=conditions)
                assert [hit.id for hit in ours] == [hit.id for hit in theirs]
                assert [hit.score for hit in ours] == pytest.approx([hit.score for hit in theirs], rel=1e-5)
        assert copy.search(None, sparse_vector("xyzzy", query=True), mode="lexical") == []


@pytest.mark.slow
def test_collection_built_for_another_size_is_refused(store):
    with pytest.raises(StoreMismatch) as error:
        store.ensure(768)
    assert "chidao ingest" in error.value.message


def test_point_ids_are_uuids_derived_from_content():
    assert point_id("3400-CV/TU\n2. Đảng đoàn") == point_id("3400-CV/TU\n2. Đảng đoàn")
    assert point_id("3400-CV/TU\n2. Đảng đoàn") != point_id("3400-CV/TU\n3. Đảng đoàn")
    assert uuid.UUID(point_id("x")).version == 5


def test_a_folder_open_elsewhere_is_reported_as_locked(tmp_path):
    with open_store(tmp_path, None, None, "passages"):
        with pytest.raises(StoreLocked) as error:
            open_store(tmp_path, None, None, "passages")
    assert "QDRANT_URL" in error.value.message
    open_store(tmp_path, None, None, "passages").close()  # released on close


def test_an_unreachable_server_is_reported():
    with pytest.raises(StoreUnavailable) as error:
        open_store(None, "http://127.0.0.1:9", None, "passages")
    assert "Qdrant" in error.value.message


def test_count_of_a_missing_collection_is_zero(tmp_path):
    with open_store(tmp_path, None, None, "never-created") as store:
        assert store.count() == 0


def test_fusion_scales_each_leg_by_its_own_spread():
    dense = [Hit("a", 0.91, {}), Hit("b", 0.90, {}), Hit("c", 0.80, {})]
    lexical = [Hit("c", 30.0, {}), Hit("b", 29.0, {}), Hit("d", 5.0, {})]
    fused = fuse([(dense, 1.0), (lexical, 1.0)], limit=4)
    assert [hit.id for hit in fused] == ["b", "c", "a", "d"]  # in both legs' top beats first in one
    # DBSF: (score - (mean - 3 sd)) / 6 sd, summed
    values = np.array([0.91, 0.90, 0.80])
    expected_a = (0.91 - values.mean()) / (6 * values.std(ddof=1)) + 0.5
    assert fused[2].score == pytest.approx(expected_a)
    only_lexical = fuse([(dense, 0.0), (lexical, 1.0)], limit=2)
    assert [hit.id for hit in only_lexical] == ["c", "b"]
