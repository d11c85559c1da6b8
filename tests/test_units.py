"""Unit names: abbreviations, canonical names, comparison keys, and recognition in real directive sentences."""

from ingest.units import canonical_unit, expand_abbreviations, find_units, split_units, unit_key


def _found(text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.name) for m in find_units(text)]


def test_expand_abbreviations_whole_tokens_only():
    assert expand_abbreviations("TT HĐND tỉnh; BTC TU") == "Thường trực Hội đồng nhân dân tỉnh; Ban Tổ chức Tỉnh ủy"
    assert expand_abbreviations("Kết luận 62-KL/TW của Bộ Chính trị") == "Kết luận 62-KL/TW của Bộ Chính trị"


def test_unit_key_meets_across_spellings():
    assert unit_key("UBND tinh") == unit_key("Uỷ ban nhân dân tỉnh") == unit_key("Ủy ban nhân dân tỉnh")
    assert unit_key("Ban Tổ chức Tỉnh ủy") != unit_key("Ban Tổ chức Trung ương")


def test_distributive_plural_expands():
    assert split_units("Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ") == ["Đảng ủy Bộ Tài chính", "Đảng ủy Bộ Nội vụ"]
    assert canonical_unit("Đảng uỷ Chính phủ") == "Đảng ủy Chính phủ"


def test_two_units_separated_by_a_verb():
    assert _found("4. Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo Ủy ban nhân dân tỉnh:") == [
        ("Ban cán sự đảng Ủy ban nhân dân tỉnh", "Ban cán sự đảng Ủy ban nhân dân tỉnh"),
        ("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),
    ]
