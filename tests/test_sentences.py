from generator.load.sentences import fingerprint, split_paragraphs, split_sentences

from .conftest import CORPUS, SLUG

SEED = (CORPUS / SLUG / "article.vi.txt").read_text(encoding="utf-8")


def test_seed_has_ten_paragraphs_and_twelve_sentences():
    sentences = split_sentences(SEED)
    assert len(split_paragraphs(SEED)) == 10
    assert [s.id for s in sentences] == [
        "p1s1", "p2s1", "p2s2", "p3s1", "p4s1", "p5s1", "p6s1", "p7s1", "p7s2", "p8s1", "p9s1", "p10s1",
    ]
    assert sentences[2].text == "Hai hãng Kuaishou Technology và Xiaomi Corp cũng tham dự cuộc họp này."


def test_offsets_point_back_into_the_text():
    for sentence in split_sentences(SEED):
        assert SEED[sentence.start : sentence.end] == sentence.text


def test_closing_quote_stays_with_its_sentence():
    text = "Ông nói: “Hãy đi.” Sau đó họ đi. “Ai?” Không ai trả lời."
    assert [s.text for s in split_sentences(text)] == ["Ông nói: “Hãy đi.”", "Sau đó họ đi.", "“Ai?”", "Không ai trả lời."]


def test_no_split_inside_a_sentence_or_after_an_abbreviation():
    text = "Giá là 3.5 triệu đồng. TP. Hồ Chí Minh mưa... nhưng vẫn đi."
    assert [s.text for s in split_sentences(text)] == ["Giá là 3.5 triệu đồng.", "TP. Hồ Chí Minh mưa... nhưng vẫn đi."]


def test_crlf_bom_and_trailing_spaces_give_the_same_sentences():
    messy = "\ufeff" + SEED.replace("\n", "  \r\n") + "\r\n\r\n"
    assert [s.text for s in split_sentences(messy.lstrip("\ufeff"))] == [s.text for s in split_sentences(SEED)]


def test_fingerprint_is_stable_and_normalises_to_nfc():
    assert fingerprint("Bộ Công an") == fingerprint("Bộ Công an".replace("ộ", "o\u0323\u0302"))
    assert fingerprint("a") != fingerprint("b")
