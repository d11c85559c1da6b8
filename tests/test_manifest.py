"""The manifest: reading corpus/manifest.json strictly, lookups, and merging it with what headers say."""

from __future__ import annotations

import json

import pytest

from ingest.errors import UnreadableFile
from ingest.header import Header, read_header
from ingest.manifest import load_manifest, merge_metadata
from tests.test_header import ROOT, corpus

MANIFEST = ROOT / "corpus" / "manifest.json"


@pytest.fixture(scope="module")
def manifest():
    return load_manifest(MANIFEST)


def test_reads_every_entry(manifest):
    assert [entry.number for entry in manifest.documents] == [
        "3400-CV/TU", "155-KL/TW", "1378/QĐ-BNV", "2920/QĐ-UBND", "141/KH-UBND"
    ]
    cited = [entry.number for entry in manifest.referenced_without_text]
    assert cited == ["62-KL/TW", "19-NQ/TW", "02-ĐA/TU"]
    assert manifest.entry_for_file("155-KL-TW-2025.txt").issued.isoformat() == "2025-05-16"


def test_lookups_by_file_and_by_number(manifest):
    path = ROOT / "corpus" / "2920-QD-UBND-HaTinh-2025.txt"
    assert manifest.entry_for_file(str(path)).number == "2920/QĐ-UBND"
    assert manifest.entry_for_file("khong-co.txt") is None
    assert manifest.entry_for_number("Số: 1378 / QĐ-BNV").file == "1378-QD-BNV-2025.txt"
    assert manifest.entry_for_number("141/kh-ubnd").file == "141-KH-UBND-BacNinh-2025.txt"
    assert manifest.entry_for_number("62-KL/TW").issuer == "Bộ Chính trị"  # cited, no text in the corpus
    assert manifest.entry_for_number("999/QĐ-TTg") is None


@pytest.mark.parametrize(
    "change, complaint",
    [
        (lambda data: data["documents"][0].update(pages=3), "pages"),  # an unknown field
        (lambda data: data["documents"][1].update(issued="16/5/2025"), "issued"),  # not an ISO date
        (lambda data: data["documents"][2].pop("number"), "number"),
    ],
)
def test_a_wrong_manifest_is_refused_with_the_field_named(tmp_path, change, complaint):
    data = json.loads(MANIFEST.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(UnreadableFile) as raised:
        load_manifest(path)
    assert complaint in raised.value.message and "Hãy sửa" in raised.value.message


def test_missing_or_broken_file(tmp_path):
    with pytest.raises(UnreadableFile, match="đường dẫn"):
        load_manifest(tmp_path / "manifest.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"documents": [', encoding="utf-8")
    with pytest.raises(UnreadableFile, match="JSON"):
        load_manifest(broken)


@pytest.mark.parametrize("entry", ["3400-CV-TU-TienGiang-2024.txt", "2920-QD-UBND-HaTinh-2025.txt",
                                   "141-KH-UBND-BacNinh-2025.txt"])
def test_headers_that_agree_with_the_manifest(manifest, entry):
    header = read_header(corpus(entry))
    metadata, warnings = merge_metadata(header, manifest.entry_for_file(entry))
    assert warnings == []
    assert metadata.from_manifest == ()
    assert (metadata.number, metadata.issuer, metadata.title, metadata.place) == (
        header.number, header.issuer, header.title, header.place
    )


def test_manifest_fills_what_the_header_lacks(manifest):
    header = read_header(corpus("155-KL-TW-2025.txt"))
    metadata, warnings = merge_metadata(header, manifest.entry_for_file("155-KL-TW-2025.txt"))
    assert warnings == []  # "về một số ..." agrees with "Kết luận về một số ..."
    assert (metadata.number, metadata.issued, metadata.doc_type) == ("155-KL/TW", "2025-05-16", "Kết luận")
    assert metadata.issuer == "Bộ Chính trị, Ban Bí thư"
    assert set(metadata.from_manifest) == {"number", "issued"}


def test_title_typo_is_reported_not_hidden(manifest):
    header = read_header(corpus("1378-QD-BNV-2025.txt"))
    metadata, warnings = merge_metadata(header, manifest.entry_for_file("1378-QD-BNV-2025.txt"))
    (warning,) = warnings
    assert warning.startswith("title:") and "biên chến" in warning and "Biên chế" in warning
    assert "biên chến" in metadata.title  # the document's own words are kept


def _merged(manifest, **header_fields):
    entry = manifest.entry_for_file("141-KH-UBND-BacNinh-2025.txt")
    return merge_metadata(Header(**header_fields), entry)


@pytest.mark.parametrize(
    "printed",
    ["UỶ BAN NHÂN DÂN TỈNH BẮC NINH", "Uỷ ban nhân dân tỉnh Bắc Ninh", "UBND TỈNH BẮC NINH",
     "ủy ban nhân dân tỉnh bắc ninh"],
)
def test_issuer_spellings_agree(manifest, printed):
    assert _merged(manifest, issuer=printed, issuer_printed=printed)[1] == []


def test_bracketed_organ_in_the_manifest_agrees(manifest):
    entry = manifest.entry_for_file("3400-CV-TU-TienGiang-2024.txt")
    for printed in ("TỈNH ỦY TIỀN GIANG", "BAN THƯỜNG VỤ TỈNH UỶ"):
        assert merge_metadata(Header(issuer=printed, issuer_printed=printed), entry)[1] == []


@pytest.mark.parametrize(
    "field, ours, theirs",
    [
        ("issuer", "Sở Tư pháp tỉnh Bắc Ninh", "UBND tỉnh Bắc Ninh"),
        ("number", "142/KH-UBND", "141/KH-UBND"),
        ("issued", "2025-11-21", "2025-11-20"),
        ("doc_type", "Quyết định", "Kế hoạch"),
        ("title", "Nâng cao năng lực cho đội ngũ công chức giai đoạn 2026 - 2030", "Kế hoạch nâng cao"),
    ],
)
def test_disagreements_name_the_field_and_both_values(manifest, field, ours, theirs):
    metadata, warnings = _merged(manifest, **{field: ours})
    (warning,) = warnings
    assert warning.startswith(field + ":") and ours in warning and theirs in warning
    assert getattr(metadata, field) == ours


def test_no_entry_keeps_the_header(manifest):
    header = read_header(corpus("2920-QD-UBND-HaTinh-2025.txt"))
    metadata, warnings = merge_metadata(header, None)
    assert warnings == [] and metadata.number == "2920/QĐ-UBND" and metadata.from_manifest == ()
