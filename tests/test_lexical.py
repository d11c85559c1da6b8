"""Lexical terms and sparse vectors: diacritics, abbreviations, document numbers, stable ids."""

import subprocess
import sys
from pathlib import Path

from ingest.lexical import sparse_vector, term_id, terms
from ingest.normalize import normalize_text
from ingest.vietnamese import fold_diacritics

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ITEM_2 = (
    "2. Đảng đoàn Hội đồng nhân dân tỉnh, Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo, chỉ đạo rà soát, "
    "sửa đổi, bổ sung, hoàn thiện các văn bản quy phạm pháp luật"
)


def shared(question: str, passage: str) -> set[str]:
    return set(terms(question, query=True)) & set(terms(passage, query=False))


def test_question_without_diacritics_meets_the_printed_words():
    question = "ban can su dang uy ban nhan dan tinh lanh dao ra soat van ban"
    common = shared(question, ITEM_2)
    assert {"~uy ban", "~ban nhan", "~nhan dan", "~ra soat", "~lanh dao"} <= common
    # bare syllables of a folded question never stand for printed ones: "uy" would match "uy tín"
    assert not any(term[0] not in "~#" for term in terms(question, query=True))


def test_question_with_diacritics_matches_printed_and_folded_forms():
    common = shared("Ban cán sự đảng Ủy ban nhân dân tỉnh rà soát văn bản gì?", ITEM_2)
    assert {"ủy", "~uy", "rà", "~ra", "~ra soat"} <= common


def test_tone_placement_does_not_matter():
    assert shared("xã hội hoá, uỷ ban", "xã hội hóa, ủy ban") >= {"hóa", "ủy", "~xa hoi", "~hoi hoa"}
    # a tone on ă/â/ê never moves: "hoặc", "luật" keep their spelling
    assert {"hoặc", "luật"} <= set(terms("hoặc luật", query=False))


def test_unit_abbreviations_and_full_names_share_terms_both_ways():
    full = "Ủy ban nhân dân tỉnh chủ trì, phối hợp với Hội đồng nhân dân tỉnh"
    abbreviated = "UBND tỉnh chủ trì, phối hợp với HĐND tỉnh"
    unit_terms = {"ủy", "ban", "nhân", "dân", "~uy ban", "~nhan dan", "hội", "đồng", "~hoi dong"}
    assert unit_terms <= shared(abbreviated, full)
    assert unit_terms <= shared(full, abbreviated)
    assert {"~uy ban", "~hoi dong"} <= shared("ubnd va hdnd tinh", full)


def test_document_type_symbols_add_their_type():
    assert {"kết", "luận", "~ket luan", "62"} <= shared("KL 62 giao việc gì?", "Thực hiện Kết luận 62-KL/TW")
    assert {"~ket", "~luan"} <= set(terms("kl 62", query=True))
    # in lower case a symbol with a vowel is a syllable: "da" is not Đề án
    assert "~de" not in terms("da so", query=True)
    assert "~de" in terms("02-ĐA/TU", query=True)


def test_document_numbers_are_kept_whole_and_split():
    passage = "Số 3400-CV/TU ngày 21/8/2024"
    passage_terms = terms(passage, query=False)
    assert "#3400-cv/tu" in passage_terms and "3400" in passage_terms
    assert not any(term.startswith("#21") for term in passage_terms)  # a date is not a document number
    assert "#3400-cv/tu" in shared("Công văn 3400-CV/TU yêu cầu gì?", passage)
    assert {"~3400", "~cong van"} <= shared("cong van 3400 yeu cau gi", passage)


def test_sparse_vectors_are_sorted_positive_and_query_weights_are_one():
    text = normalize_text((CORPUS / "3400-CV-TU-TienGiang-2024.txt").read_text(encoding="utf-8"))
    for query in (False, True):
        indices, values = sparse_vector(text, query=query)
        assert indices == sorted(set(indices)) and len(indices) == len(values) > 100
        assert all(0 <= index < 2**32 for index in indices)
        assert all(value > 0 for value in values)
    _, query_values = sparse_vector("UBND tỉnh chủ trì", query=True)
    assert set(query_values) == {1.0}


def test_repeated_terms_saturate_and_long_passages_weigh_less():
    def weight_of_kinh(text: str) -> float:
        return dict(zip(*sparse_vector(text, query=False)))[term_id("kinh")]

    once, twice = weight_of_kinh("kinh phí"), weight_of_kinh("kinh phí kinh phí")
    assert once < twice < 2.2  # BM25 saturation: never above k1 + 1
    assert weight_of_kinh("kinh phí " + " ".join(["ngân sách nhà nước"] * 60)) < once


def test_term_ids_are_stable_across_processes():
    code = "from ingest.lexical import term_id; print(term_id('ủy'), term_id('~3400 cv'))"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""}, cwd=CORPUS.parent,
        ).stdout
        for seed in ("1", "2")
    }
    assert runs == {f"{term_id('ủy')} {term_id('~3400 cv')}\n"}


def test_folding_a_question_keeps_its_folded_terms():
    question = "Sở Tài chính bố trí kinh phí thực hiện Kế hoạch này như thế nào?"
    accented = {term for term in terms(question, query=True) if term.startswith("~")}
    assert accented == set(terms(fold_diacritics(question), query=True))
