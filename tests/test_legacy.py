"""Legacy Vietnamese encodings (TCVN3, VNI, VISCII) and the old formats that carry them (.rtf, .doc)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from builders import to_legacy

from ingest.errors import LegacyEncoding, UnreadableFile
from ingest.legacy import convert_font_run, convert_legacy, detect_legacy, ensure_trustworthy, malformed_share
from ingest.readers import read_file

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "legacy"
CORPUS = sorted((Path(__file__).resolve().parents[1] / "corpus").glob("*.txt"))


def expected(sample: str) -> str:
    return (SAMPLES / f"{sample}.expected.txt").read_text(encoding="utf-8")


def word_match(got: str, want: str) -> float:
    """Share of matching words after white space is normalised (difflib ratio over word sequences)."""
    return difflib.SequenceMatcher(None, got.split(), want.split(), autojunk=False).ratio()


def test_rtf_sample_in_tcvn3_matches_its_transcript():
    # measured: 1801 of 1801 words, identical once white space is normalised
    assert " ".join(read_file(SAMPLES / "2004-A33.rtf").split()) == " ".join(expected("2004-A33").split())


@pytest.mark.parametrize(
    ("sample", "lines"),
    [
        (
            "2004-0328NDCP",
            [
                "Điều 2. Đối tượng mua công trái",
                "1. Công dân Việt Nam ở trong nước và ngoài nước.",
                "Chính phủ Cộng hoà xã hội chủ nghĩa việt nam",
                "- Lưu: KTTH (5b), Văn thư.",
            ],
        ),
        (
            "2008-23.QD-991-UBND",
            [
                "ỦY BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Điều 2. Tổ chức thực hiện:",
                "Trương Tấn Thiệu",
            ],
        ),
    ],
)
def test_doc_samples_match_their_transcripts(sample, lines):
    # Measured word match: 99.2 % (TCVN3) and 99.3 % (VNI). The rest is explained, not lost text: antiword
    # prints Word's list numbers ("1." ... "8.") that the transcript's converter dropped, reads table cells
    # row by row, and has no font names, so TCVN3 words set in a capitals font (.VnTimeH) stay small; the
    # transcripts also carry LibreOffice field codes ("PAGE", \x03 \x04).
    text = read_file(SAMPLES / f"{sample}.doc")
    assert word_match(text, expected(sample)) >= 0.99
    assert malformed_share(text) == 0.0
    text_lines = [" ".join(line.split()) for line in text.split("\n")]
    for line in lines:
        assert " ".join(line.split()) in text_lines


@pytest.mark.parametrize("source", CORPUS, ids=lambda p: p.stem)
def test_unicode_corpus_is_not_taken_for_legacy(source):
    text = source.read_text(encoding="utf-8")
    assert detect_legacy(text) is None
    assert convert_legacy(text, source) == text


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viscii"])
@pytest.mark.parametrize("source", CORPUS, ids=lambda p: p.stem)
def test_legacy_text_files_convert_back(source, encoding, tmp_path):
    text = source.read_text(encoding="utf-8")
    if encoding == "tcvn3":
        text = text.lower()  # TCVN3 has no capital accented letters (fonts like .VnTimeH draw them)
    if encoding == "viscii":
        text = text.replace("…", "...").replace("“", '"').replace("”", '"')  # VISCII has no room for them
    legacy = to_legacy(text, encoding)
    assert detect_legacy(legacy) == encoding
    (tmp_path / "cu.txt").write_bytes(legacy.encode("latin-1" if encoding == "viscii" else "cp1252"))
    assert read_file(tmp_path / "cu.txt") == text


def test_vni_a_breve_with_hook():
    # viparse's VNI table lacks ẳ ("aú"); without it "khẳng định" stays "khaúng định"
    legacy = "Caàn khaúng ñònh vai troø cuûa Ñaûng trong coâng taùc toå chöùc caùn boä. " * 3
    assert convert_legacy(legacy, Path("vni.txt")).startswith(
        "Cần khẳng định vai trò của Đảng trong công tác"
    )


def test_legacy_passage_inside_a_unicode_document_is_converted_alone():
    unicode_part = CORPUS[0].read_text(encoding="utf-8")
    pasted = "Uû ban nh©n d©n tØnh chØ ®¹o c¸c së, ban, ngµnh triÓn khai thùc hiÖn nghiªm tóc.\n"
    mixed = unicode_part + "\n" + pasted
    assert detect_legacy(mixed) == "tcvn3"
    assert convert_legacy(mixed, CORPUS[0]) == (
        unicode_part + "\nUỷ ban nhân dân tỉnh chỉ đạo các sở, ban, ngành triển khai thực hiện nghiêm túc.\n"
    )


def test_mixed_legacy_encodings_are_refused_naming_the_encoding(tmp_path):
    text = CORPUS[2].read_text(encoding="utf-8").lower()
    lines = text.split("\n")
    half = len(lines) // 2
    mixed = "\n".join(
        [to_legacy(line, "tcvn3") for line in lines[:half]]
        + [to_legacy(line, "vni") for line in lines[half:]]
    )
    (tmp_path / "tron.txt").write_bytes(mixed.encode("cp1252"))
    with pytest.raises(LegacyEncoding) as raised:
        read_file(tmp_path / "tron.txt")
    assert "bảng mã" in raised.value.message
    assert any(name in raised.value.message for name in ("TCVN3 (ABC)", "VNI"))


def test_trust_check_on_a_wrong_table():
    vni_as_tcvn3 = "Caàn khaúng ñònh vai troø cuûa Ñaûng"  # VNI text, as if converted with the wrong table
    with pytest.raises(LegacyEncoding) as raised:
        ensure_trustworthy(vni_as_tcvn3, "tcvn3", Path("sai.txt"))
    assert "TCVN3 (ABC)" in raised.value.message
    ensure_trustworthy("Cần khẳng định vai trò của Đảng", "tcvn3", Path("dung.txt"))


def test_font_runs():
    assert convert_font_run("quyÕt ®Þnh", ".VnTimeH") == "QUYẾT ĐỊNH"
    assert convert_font_run("ViÖt Nam", ".VnTime") == "Việt Nam"
    assert convert_font_run("Vieät Nam", "VNI-Times") == "Việt Nam"
    assert convert_font_run("Việt Nam", ".VnTime") == "Việt Nam"  # typed in Unicode under an old font name
    assert convert_font_run("ViÖt Nam", "Times New Roman") == "ViÖt Nam"


def test_doc_without_antiword_says_what_to_install(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(UnreadableFile) as raised:
        read_file(SAMPLES / "2004-0328NDCP.doc")
    assert "apt-get install antiword" in raised.value.message


def test_other_latin_languages_are_left_alone(tmp_path):
    german = "Die Straßenverkehrsbehörde prüft für jede Änderung, ob größere Maßnahmen nötig wären. " * 8
    (tmp_path / "de.txt").write_bytes(german.encode("cp1252"))
    assert read_file(tmp_path / "de.txt") == german
