"""Vietnamese spelling variants: NFC, tone placement, folding."""

import unicodedata

from ingest.vietnamese import canonical_tones, comparable, fold_diacritics, folded, has_diacritics


def test_old_and_new_tone_placement_compare_equal():
    assert comparable("Uỷ ban nhân dân") == comparable("Ủy ban nhân dân")
    assert comparable("xã hội hoá") == comparable("xã hội hóa")
    assert comparable("khoẻ") == comparable("khỏe")
    assert canonical_tones("thuỷ lợi") == "thủy lợi"


def test_tone_placement_left_alone_where_styles_agree():
    # "qu" + y: the u belongs to the consonant, so quý is written the same in both styles
    assert canonical_tones("quý") == "quý"
    # a final consonant fixes the tone on the main vowel in both styles
    assert canonical_tones("hoàn thành") == "hoàn thành"
    assert canonical_tones("thuyền") == "thuyền"


def test_decomposed_input_matches_composed():
    decomposed = unicodedata.normalize("NFD", "Đảng đoàn Hội đồng nhân dân tỉnh")
    assert comparable(decomposed) == comparable("Đảng đoàn Hội đồng nhân dân tỉnh")


def test_folding_removes_every_diacritic_and_d_bar():
    assert fold_diacritics("Đảng ủy Bộ Nội vụ") == "Dang uy Bo Noi vu"
    assert folded("Ủy ban  nhân dân TỈNH") == "uy ban nhan dan tinh"
    assert folded("Uỷ ban") == folded("uy ban")


def test_has_diacritics():
    assert has_diacritics("Sở Tư pháp")
    assert not has_diacritics("So Tu phap chu tri")
