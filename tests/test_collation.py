from generator.render.collation import sort_key

ALPHABET = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"]


def test_vietnamese_alphabet_order():
    shuffled = sorted(ALPHABET, key=lambda w: w.encode()[::-1])
    assert sorted(shuffled, key=lambda w: sort_key(w, "vi")) == ALPHABET


def test_tones_order_after_letters():
    words = ["bọ", "bó", "bõ", "bỏ", "bò", "bo"]
    assert sorted(words, key=lambda w: sort_key(w, "vi")) == ["bo", "bò", "bỏ", "bõ", "bó", "bọ"]


def test_glossary_headwords_in_vietnamese_order_not_code_points():
    words = ["ứng dụng", "đánh giá an ninh", "deepfake", "Bộ Công an", "Clubhouse", "tổng hợp sâu"]
    assert sorted(words, key=lambda w: sort_key(w, "vi")) == ["Bộ Công an", "Clubhouse", "deepfake", "đánh giá an ninh", "tổng hợp sâu", "ứng dụng"]
    assert sorted(words) != sorted(words, key=lambda w: sort_key(w, "vi"))
