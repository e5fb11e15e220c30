"""Social cards (generator.publish.cards): 1200×630 PNG, every Vietnamese letter in the font, stacked marks
inside their line, hostile text drawn as the reader reads it, a card per page at the path its head
names, drawn again only when its text changes."""

from __future__ import annotations

import io
import os
import time
import unicodedata
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from generator.publish import cards

TITLE = "Ữ ệ ở: Các nhà quản lý Trung Quốc gặp 11 công ty công nghệ"
VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền, sắc, hỏi, ngã, nặng


def vietnamese_letters() -> list[str]:
    letters = [unicodedata.normalize("NFC", vowel + tone) for vowel in VOWELS for tone in TONES] + ["đ"]
    return letters + [letter.upper() for letter in letters]


def test_the_card_is_a_1200_by_630_png():
    data = cards.render(cards.Card("Tin tức giải thích", TITLE, "vi", "Reuters · 19 tháng 3, 2021", "example.org"))
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == (1200, 630)


def glyph(font, letter: str) -> bytes:
    image = Image.new("L", (80, 80))
    ImageDraw.Draw(image).text((10, 10), letter, font=font, fill=255)
    return image.tobytes()


@pytest.mark.parametrize("kind", ["bold", "regular"])
def test_the_font_draws_every_vietnamese_letter(kind: str):
    """Each of the 134 letters is a glyph of its own, not the font's empty box (.notdef)."""
    font = cards._font(kind, 40)
    missing = glyph(font, "\u4e00")  # a character the subset does not hold
    letters = vietnamese_letters()
    assert len(letters) == 2 * (12 * 6 + 1) and all(len(letter) == 1 for letter in letters), "NFC: one character each"
    drawn = {letter: glyph(font, letter) for letter in letters}
    assert [letter for letter, mask in drawn.items() if mask == missing or not any(mask)] == []
    base = {letter: unicodedata.normalize("NFD", letter)[0] for letter in letters}
    assert [letter for letter in letters if letter != base[letter] and drawn[letter] == drawn[base[letter]]] == []


@pytest.mark.parametrize("size", [72, 64, 58, 52, 46, 40])
def test_stacked_marks_stay_clear_of_the_line_above(size: int):
    """A capital with two marks (Ữ, Ẫ) on one title line does not touch the descenders of the line above."""
    font = cards._font("bold", size)
    step = round(size * cards.LINE_HEIGHT)
    top = min(font.getbbox(letter, anchor="ls")[1] for letter in "ỮẪỄỖỠỰẶ")  # above the baseline: negative
    bottom = max(font.getbbox(letter, anchor="ls")[3] for letter in "gjpqyỵ")
    assert -top + bottom < step


def test_a_long_title_gets_smaller_and_stays_on_the_card():
    font, step, lines = cards._fit_title(" ".join(["Những chữ dài"] * 40), 1040, 300)
    assert len(lines) * step <= 300 and lines[-1].endswith(" …")
    assert all(font.getlength(line) <= 1040 for line in lines)
    _, _, lines = cards._fit_title("https://example.org/" + "x" * 200, 1040, 300)
    assert all(cards._font("bold", 40).getlength(line) <= 1040 for line in lines)


def page(title: str, image: str, locale: str = "vi_VN") -> str:
    from markupsafe import escape

    return (
        f'<html><head><meta property="og:title" content="{escape(title)}">'
        f'<meta property="og:site_name" content="Tin tức giải thích"><meta property="og:locale" content="{locale}">'
        f'<meta property="og:url" content="https://example.org/news/"><meta property="og:image" content="{image}">'
        "</head><body></body></html>"
    )


def test_hostile_text_is_drawn_as_the_reader_reads_it(tmp_path: Path):
    """The title goes escaped into the head and comes out of it as text: the card shows the
    quotes, brackets and ampersand, not their character references."""
    title = 'AT&T\'s "x" <script> & ]]>'
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(page(title, "https://example.org/news/assets/cards/index.png"), encoding="utf-8")
    cards.publish(site, tmp_path / "cache")
    drawn = (site / "assets" / "cards" / "index.png").read_bytes()
    literal = cards.Card("Tin tức giải thích", title, "vi", None, "example.org")
    assert drawn == cards.render(literal)
    assert drawn != cards.render(cards.Card("Tin tức giải thích", str(__import__("markupsafe").escape(title)), "vi", None, "example.org"))


def test_cards_are_drawn_once_and_again_when_their_text_changes(tmp_path: Path):
    site = tmp_path / "site"
    (site / "en" / "about").mkdir(parents=True)
    (site / "index.html").write_text(page(TITLE, "https://example.org/news/assets/cards/index.png"), encoding="utf-8")
    about = site / "en" / "about" / "index.html"
    about.write_text(page("About", "https://example.org/news/assets/cards/en/about/index.png", "en_US"), encoding="utf-8")
    dates = {"": "Reuters · 19 tháng 3, 2021"}
    first = cards.publish(site, tmp_path / "cache", dates)
    assert (first.pages, first.drawn) == (2, 2)
    assert Image.open(site / "assets" / "cards" / "en" / "about" / "index.png").size == (1200, 630)
    again = cards.publish(site, tmp_path / "cache", dates)
    assert (again.pages, again.drawn) == (2, 0)
    about.write_text(page("About and method", "https://example.org/news/assets/cards/en/about/index.png", "en_US"), encoding="utf-8")
    assert cards.publish(site, tmp_path / "cache", dates).drawn == 1
    assert cards.publish(site, tmp_path / "cache", {"": "Reuters · 20 tháng 3, 2021"}).drawn == 1


def test_a_page_whose_image_is_not_its_card_stops_the_build(tmp_path: Path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(page(TITLE, "https://example.org/news/assets/cards/other.png"), encoding="utf-8")
    with pytest.raises(cards.CardError, match=r"index\.html: og:image is .*other\.png.*assets/cards/index\.png"):
        cards.publish(site, tmp_path / "cache")


def test_cards_unused_for_a_month_leave_the_cache(tmp_path: Path):
    old, recent = tmp_path / "old.png", tmp_path / "recent.png"
    old.write_bytes(b"x")
    recent.write_bytes(b"x")
    month_ago = time.time() - 31 * 86400
    os.utime(old, (month_ago, month_ago))
    assert cards.prune(tmp_path) == 1
    assert not old.exists() and recent.exists()



def pillow_text(size: tuple[int, int], xy: tuple[int, int], text: str, font, fill: int, anchor: str) -> bytes:
    image = Image.new("L", size, 0)
    ImageDraw.Draw(image).text(xy, text, font=font, fill=fill, anchor=anchor)
    return image.tobytes()


def glyph_text(size: tuple[int, int], xy: tuple[int, int], text: str, glyphs, fill: int, anchor: str) -> bytes:
    image = Image.new("L", size, 0)
    glyphs.draw(ImageDraw.Draw(image), xy, text, fill, anchor=anchor)
    return image.tobytes()


LINES = [
    TITLE,
    "".join(vietnamese_letters()),
    'AT&T\'s "x" <script> & ]]> “quoted” — dash … ellipsis ffi fj Wolf AVATAR',
    "Reuters · 19 tháng 3, 2021",
    "example.org",
    "Ữ",
    "g",
    " lead and trail ",
]


@pytest.mark.parametrize(("kind", "size", "fill", "anchor"), [("bold", s, 255, "la") for s in (72, 64, 58, 52, 46, 40)] + [("regular", 34, 255, "lm"), ("regular", 30, 220, "lm"), ("regular", 30, 220, "rm"), ("bold", 40, 220, "la")])
def test_text_from_cached_glyphs_is_pillows_text_pixel_for_pixel(kind: str, size: int, fill: int, anchor: str):
    """Cards draw each glyph once and place it where Pillow's layout places it: the same pixels
    as ``ImageDraw.text`` (cut at the card's edge too), for every Vietnamese letter."""
    font, glyphs = cards._font(kind, size), cards._glyphs(kind, size)
    for line in LINES:
        for xy in ((80, 100), (1120, 568), (-7, 3), (1190, 625)):
            assert glyph_text((1200, 630), xy, line, glyphs, fill, anchor) == pillow_text((1200, 630), xy, line, font, fill, anchor), (line, xy)


def test_a_preview_publishes_the_cards_of_the_pages_written_since_the_last_time(tmp_path: Path):
    """While previewing, a save rebuilds a few pages: only their cards are published again."""
    site = tmp_path / "site"
    (site / "en" / "about").mkdir(parents=True)
    home, about = site / "index.html", site / "en" / "about" / "index.html"
    home.write_text(page(TITLE, "https://example.org/news/assets/cards/index.png"), encoding="utf-8")
    about.write_text(page("About", "https://example.org/news/assets/cards/en/about/index.png", "en_US"), encoding="utf-8")
    long_ago = time.time() - 3600
    os.utime(home, (long_ago, long_ago))
    report = cards.publish(site, tmp_path / "cache", changed_since=time.time() - 60)
    assert report.pages == 1
    assert (site / "assets" / "cards" / "en" / "about" / "index.png").is_file()
    assert not (site / "assets" / "cards" / "index.png").exists()
    assert cards.publish(site, tmp_path / "cache").pages == 2


def test_a_preview_can_pause_the_drawing_before_each_card(tmp_path: Path):
    """While previewing, cards are drawn in the background: before each page is read and each
    card drawn, a save being built makes the work wait (``pause``), and no card is drawn while it waits."""
    site = tmp_path / "site"
    (site / "en" / "about").mkdir(parents=True)
    (site / "index.html").write_text(page(TITLE, "https://example.org/news/assets/cards/index.png"), encoding="utf-8")
    (site / "en" / "about" / "index.html").write_text(page("About", "https://example.org/news/assets/cards/en/about/index.png", "en_US"), encoding="utf-8")
    drawn_when_paused = []

    def pause() -> None:
        drawn_when_paused.append(len(list((tmp_path / "cache").glob("*.png"))))

    report = cards.publish(site, tmp_path / "cache", pause=pause)
    assert report.drawn == 2 and drawn_when_paused == [0, 0, 0, 1]  # before each page is read, then before each card
    drawn_when_paused.clear()
    assert cards.publish(site, tmp_path / "cache", pause=pause).drawn == 0 and drawn_when_paused == [2, 2]  # none to draw: the reads only
