"""Social cards: one 1200×630 PNG per page and language, the image that ``og:image`` and
``twitter:image`` name, drawn offline with Pillow in the site's colours.

A card shows the site name, the page title and, on an explainer, the report it explains and
that report's date (as precisely as ``article.yml`` knows it). The text comes from the built
page's own head (``og:title``, ``og:site_name``, ``og:locale``), so every page has the card its
head announces, hand-written pages too; the date comes from the site model.

Where a card lives follows from the page's URL alone (``card_path``); ``overrides/main.html``
computes the same path. Cards are cached by a digest of what they show (``.cache/cards/`` in
the project): a build draws only the cards whose text changed.

The font is Noto Sans (SIL Open Font License, ``generator/publish/fonts/``), subset to Latin and
Vietnamese. Vietnamese text is NFC (the seed model normalises it), so every letter with its
stacked marks ("ệ", "ở", "Ữ") is one precomposed glyph of the font, drawn without shaping.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from generator import model
from generator.dates import format_published

if TYPE_CHECKING:  # Pillow is imported where a card is drawn (a build without changed cards needs none)
    from PIL import Image, ImageDraw
    from PIL._imaging import ImagingCore  # what a glyph mask is (Pillow types it so)
    from PIL.ImageFont import FreeTypeFont

    from generator.load.read import Site

WIDTH, HEIGHT = 1200, 630
#: Where the cards live in the built site.
CARD_DIR = "assets/cards"
FONT_DIR = Path(__file__).with_name("fonts")
FONTS = {"bold": FONT_DIR / "NotoSans-Bold.ttf", "regular": FONT_DIR / "NotoSans-Regular.ttf"}
#: The site's colours: Material's indigo, the favicon's. A card is drawn in shades between the
#: background (0) and white (255), then coloured by a palette: one byte a pixel, quick to write.
BACKGROUND = (48, 63, 159)  # #303f9f: white text on it is 9:1, the muted footer 7:1
WHITE = (255, 255, 255)
TEXT, MUTED, BAND = 255, 220, 40
#: Part of every card's digest: change it when the drawing changes, so cached cards are redrawn.
DESIGN = "2"
#: Cached cards unused this long are removed.
CACHE_DAYS = 30
MARGIN = 80
#: Title lines, in font sizes: room for a capital with two marks (Ữ) under a descender (g).
LINE_HEIGHT = 1.36
#: The site's mark: its top and its size.
MARK_TOP, MARK_SIZE = 72, 56


def card_path(url: str) -> str:
    """Where the card of the page at site-relative ``url`` (as MkDocs gives it) is published.

    >>> card_path("")
    'assets/cards/index.png'
    >>> card_path("en/articles/a/")
    'assets/cards/en/articles/a/index.png'
    >>> card_path("en/404.html")
    'assets/cards/en/404.png'
    """
    url = url.lstrip("/")
    if url.endswith(".html"):
        return f"{CARD_DIR}/{url[: -len('.html')]}.png"
    return f"{CARD_DIR}/{url}{'' if url.endswith('/') or not url else '/'}index.png"


def page_url(html_file: str) -> str:
    """The site-relative URL of a built page from its path in the site folder.

    >>> page_url("index.html"), page_url("en/about/index.html"), page_url("404.html")
    ('', 'en/about/', '404.html')
    """
    if html_file == "index.html":
        return ""
    if html_file.endswith("/index.html"):
        return html_file[: -len("index.html")]
    return html_file


@dataclass(frozen=True)
class Card:
    """What one card shows."""

    site_name: str
    title: str
    lang: str
    date: str | None = None  # e.g. "Reuters · 19 tháng 3, 2021"
    host: str | None = None  # the site's address, e.g. "example.org"

    def digest(self) -> str:
        fonts = "".join(_font_digest(path) for path in FONTS.values())
        text = "\x1f".join([DESIGN, fonts, self.site_name, self.title, self.lang, self.date or "", self.host or ""])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


@cache
def _font_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def _font(kind: str, size: int) -> FreeTypeFont:
    from PIL import ImageFont

    # basic layout: the same drawing whether or not Pillow was built with libraqm (NFC text needs no shaping)
    return ImageFont.truetype(str(FONTS[kind]), size, layout_engine=ImageFont.Layout.BASIC)


@cache
def _width(font: FreeTypeFont, word: str) -> float:
    """A word's width in one of the (cached) fonts: titles share many words."""
    return font.getlength(word)


def _wrap(text: str, font: FreeTypeFont, width: int) -> list[str]:
    """Greedy line breaking at spaces (each word measured once); a word wider than the line is
    cut where it must be."""
    space = _width(font, " ")
    lines: list[str] = []
    line, used = "", 0.0
    for word in text.split():
        size = _width(font, word)
        if line and used + space + size <= width:
            line, used = f"{line} {word}", used + space + size
            continue
        if line:
            lines.append(line)
        while size > width:  # a very long word (a web address): cut it where it must be
            low, high = 1, len(word) - 1  # the longest head that fits, by bisection
            while low < high:
                middle = (low + high + 1) // 2
                low, high = (middle, high) if font.getlength(word[:middle]) <= width else (low, middle - 1)
            cut = low
            lines.append(word[:cut])
            word = word[cut:]
            size = font.getlength(word)
        line, used = word, size
    if line:
        lines.append(line)
    return lines


def _fit_title(title: str, width: int, max_height: int) -> tuple[FreeTypeFont, int, list[str]]:
    """The largest title size (72 down to 40 px) whose lines fit; at the smallest, the last line
    that fits ends with an ellipsis."""
    for size in (72, 64, 58, 52, 46, 40):
        font = _font("bold", size)
        step = round(size * LINE_HEIGHT)
        lines = _wrap(title, font, width)
        if len(lines) * step <= max_height:
            return font, step, lines
    keep = max(1, max_height // step)
    if len(lines) > keep:
        lines = lines[:keep]
        last = lines[-1]
        while last and font.getlength(last + " …") > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = last + " …"
    return font, step, lines


@cache
def _palette() -> bytes:
    return bytes(round(b + (w - b) * shade / 255) for shade in range(256) for b, w in zip(BACKGROUND, WHITE, strict=True))


class _Glyphs:
    """The glyphs of one font, each rasterised once: a line of text is drawn by placing them
    where Pillow's basic layout places them (``ImageDraw.text`` rasterises every glyph of a line
    again at each call, twice, and most of a card's drawing time went there).

    Pillow's basic layout puts a glyph's bitmap at the pen position rounded to a whole pixel; the
    pen advances by the glyphs' (hinted, whole-pixel) advances and the font's kerning. A glyph's
    bitmap does not depend on its position, so the same bitmaps at the same places give the same
    pixels: ``tests/test_cards.py`` compares both drawings pixel for pixel."""

    def __init__(self, font: FreeTypeFont) -> None:
        self.font = font
        self._glyphs: dict[str, tuple[ImagingCore, int, int, bool]] = {}
        self._kerning: dict[tuple[str, str], int] = {}
        self._anchors: dict[str, int] = {}
        self._advances: dict[str, int] = {}

    def glyph(self, char: str) -> tuple[ImagingCore, int, int, bool]:
        """(mask, x offset, y offset from the baseline, has ink) of one character."""
        glyph = self._glyphs.get(char)
        if glyph is None:
            mask, (dx, dy) = self.font.getmask2(char, "L", anchor="ls")
            glyph = self._glyphs[char] = (mask, dx, dy, mask.getbbox() is not None)
        return glyph

    def advance(self, char: str) -> int:
        """A character's advance in 1/64 pixel (what ``getlength`` sums)."""
        value = self._advances.get(char)
        if value is None:
            value = self._advances[char] = round(self.font.getlength(char) * 64)
        return value

    def kerning(self, left: str, right: str) -> int:
        """The layout's kerning of a pair, in 1/64 pixel: what the pair's length adds to its two
        characters'."""
        pair = (left, right)
        value = self._kerning.get(pair)
        if value is None:
            value = self._kerning[pair] = round(self.font.getlength(left + right) * 64) - self.advance(left) - self.advance(right)
        return value

    def baseline(self, anchor: str) -> int:
        """How far below a text's anchor point its baseline is, for an anchor's vertical part."""
        value = self._anchors.get(anchor)
        if value is None:
            value = self._anchors[anchor] = self.font.getmask2("x", "L", anchor="l" + anchor)[1][1] - self.font.getmask2("x", "L", anchor="ls")[1][1]
        return value

    def draw(self, pen: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, fill: int, anchor: str = "la") -> None:
        """``pen.text(xy, text, fill=fill, font=self.font, anchor=anchor)`` for one line, with
        ``anchor`` "la", "lm" or "rm" and a whole-pixel ``xy``; the same pixels."""
        if not text:
            return
        positions, position = [], 0
        for index, char in enumerate(text):
            positions.append(position)
            position += self.advance(char)
            if index + 1 < len(text):
                position += self.kerning(char, text[index + 1])
        x = xy[0] - ((position + 32) >> 6 if anchor[0] == "r" else 0)
        y = xy[1] + self.baseline(anchor[1])
        # glyphs of one line are blended as Pillow blends them in its mask, then drawn in ``fill``:
        # on a layer of their own when they are not white (overlapping edges mix differently)
        if fill == 255:
            for char, at in zip(text, positions, strict=True):
                mask, dx, dy, ink = self.glyph(char)
                if ink:
                    pen.draw.draw_bitmap((x + ((at + 32) >> 6) + dx, y + dy), mask, 255)
            return
        from PIL import Image, ImageDraw

        left, top, right, bottom = self._extent(text, positions, x, y)
        layer = Image.new("L", (right - left, bottom - top), 0)
        ink_pen = ImageDraw.Draw(layer)
        for char, at in zip(text, positions, strict=True):
            mask, dx, dy, ink = self.glyph(char)
            if ink:
                ink_pen.draw.draw_bitmap((x + ((at + 32) >> 6) + dx - left, y + dy - top), mask, 255)
        pen.draw.draw_bitmap((left, top), layer.im, fill)

    def _extent(self, text: str, positions: list[int], x: int, y: int) -> tuple[int, int, int, int]:
        boxes = []
        for char, at in zip(text, positions, strict=True):
            mask, dx, dy, _ = self.glyph(char)
            left, top = x + ((at + 32) >> 6) + dx, y + dy
            boxes.append((left, top, left + mask.size[0], top + mask.size[1]))
        return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)

@cache
def _glyphs(kind: str, size: int) -> _Glyphs:
    return _Glyphs(_font(kind, size))


@cache
def _background(site_name: str) -> Image.Image:
    """What every card of a site shows whatever its page: the band, the site's mark and name,
    the footer's rule. Drawn once, copied for each card."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (WIDTH, HEIGHT), 0)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, 16), fill=BAND)
    # the site's mark (the favicon: lines of text on a rounded square), then its name
    x, y, s = MARGIN, MARK_TOP, MARK_SIZE
    pen.rounded_rectangle((x, y, x + s, y + s), radius=11, fill=TEXT)
    for top, length in ((16, 19), (26, 28), (36, 28), (46, 19)):
        pen.rectangle((x + 14, y + top - 4, x + 14 + length, y + top - 1), fill=0)
    _glyphs("regular", 34).draw(pen, (x + s + 24, y + s // 2), site_name, TEXT, anchor="lm")
    pen.line((MARGIN, HEIGHT - 110, WIDTH - MARGIN, HEIGHT - 110), fill=BAND * 2, width=3)
    return image


def draw(card: Card) -> Image.Image:
    """The card as a Pillow image (palette mode)."""
    from PIL import ImageDraw

    image = _background(card.site_name).copy()
    pen = ImageDraw.Draw(image)
    # the title, as large as fits between the name and the footer
    top, bottom = MARK_TOP + MARK_SIZE + 56, HEIGHT - 130
    font, step, lines = _fit_title(card.title, WIDTH - 2 * MARGIN, bottom - top)
    glyphs = _glyphs("bold", font.size)
    for number, line in enumerate(lines):
        glyphs.draw(pen, (MARGIN, top + number * step), line, TEXT, anchor="la")
    # the footer: the report's date on an explainer, the site's address
    small = _glyphs("regular", 30)
    if card.date:
        small.draw(pen, (MARGIN, HEIGHT - 62), card.date, MUTED, anchor="lm")
    if card.host:
        small.draw(pen, (WIDTH - MARGIN, HEIGHT - 62), card.host, MUTED, anchor="rm")
    image.putpalette(_palette())  # now a palette image
    return image


def render(card: Card) -> bytes:
    """The card as PNG bytes."""
    from io import BytesIO

    out = BytesIO()
    # zlib level 2: a card encodes in 40 % of level 6's time (the larger part of drawing a card
    # once glyphs are cached) and weighs about a quarter more (28 KB instead of 23 KB on average)
    draw(card).save(out, format="PNG", compress_level=2)
    return out.getvalue()


# -- the built site ---------------------------------------------------------------------------------


class _Head(HTMLParser):
    """The ``<meta property|name=… content=…>`` of a page's head."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta":
            return
        values = dict(attrs)
        key = values.get("property") or values.get("name")
        if key and "content" in values and key not in self.meta:
            self.meta[key] = values["content"] or ""


def head_meta(page_html: str) -> dict[str, str]:
    """The meta tags of a page's head, their values unescaped (as a reader sees them).

    >>> head_meta('<head><meta property="og:title" content="A &quot;b&quot; &lt;c&gt; &amp; d"></head>')
    {'og:title': 'A "b" <c> & d'}
    """
    head = page_html.split("</head>", 1)[0]
    parser = _Head()
    parser.feed(head)
    parser.close()
    return parser.meta


LOCALES = {"vi_VN": "vi", "en_US": "en"}


class CardError(Exception):
    """A page whose head does not match the card the site would publish for it."""


@dataclass
class CardReport:
    pages: int = 0
    drawn: int = 0
    seconds_drawing: float = 0.0


def article_dates(site: Site, languages: Iterable[str] = ("vi", "en")) -> dict[str, str]:
    """The footer of each explainer's card, by site-relative URL: the report's publisher and date
    (``article.yml`` gives the day it was published)."""
    from generator.urls import SiteUrls

    urls = SiteUrls(None)
    dates: dict[str, str] = {}
    for article in site.articles:
        meta = article.meta
        for lang in languages:
            url = urls.page(lang, f"articles/{article.slug}/index.md").lstrip("/")
            outlet = f"{model.in_language(meta.outlet.name, lang)} · " if meta.outlet else ""
            dates[url] = f"{outlet}{format_published(meta.published, lang)}"
    return dates


def publish(
    site_dir: str | Path, cache_dir: str | Path, dates: Mapping[str, str] | None = None, changed_since: float | None = None, pause: Callable[[], None] | None = None
) -> CardReport:
    """Write the card of every built page that announces one (``og:image``) into ``site_dir``.

    ``dates`` gives the footer of article pages by site-relative URL (``article_dates``).
    Cards come from ``cache_dir`` when their digest is there; new ones are drawn and cached.
    ``changed_since`` (a time): only the pages written since then (a live preview's save
    rebuilds a few pages; the others have their cards from the last time); ``pause``: called
    before each page is read and each card is drawn (a live preview waits there while a save is
    being built).
    """
    site = Path(site_dir)
    store = Path(cache_dir)
    store.mkdir(parents=True, exist_ok=True)
    report = CardReport()
    files = sorted(site.rglob("*.html"))
    if changed_since is not None:
        files = [file for file in files if file.stat().st_mtime >= changed_since]
    wanted, missing = _cards(site, files, store, dates or {}, pause)
    report.drawn, report.seconds_drawing = len(missing), _draw(missing, pause)
    for target, cached in wanted.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
    report.pages = len(wanted)
    prune(store)
    return report


def prefill(site_dir: str | Path, cache_dir: str | Path, files: Iterable[Path], dates: Mapping[str, str] | None = None) -> int:
    """Draw into ``cache_dir`` the cards of the built pages ``files`` that are not there yet (what
    ``publish`` would draw for them); the number drawn. A build draws the cards of one language
    this way while another language is being built; ``publish`` then finds them cached."""
    store = Path(cache_dir)
    store.mkdir(parents=True, exist_ok=True)
    _, missing = _cards(Path(site_dir), sorted(files), store, dates or {})
    _draw(missing)
    return len(missing)


def _cards(site: Path, files: list[Path], store: Path, dates: Mapping[str, str], pause: Callable[[], None] | None = None) -> tuple[dict[Path, Path], dict[Path, Card]]:
    """The card of each page (card in the site → cached card) and the cached cards still to
    draw; ``pause``: called before each page is read (see ``publish``)."""
    wanted: dict[Path, Path] = {}  # card in the site -> cached card
    missing: dict[Path, Card] = {}  # cached card still to draw
    for file in files:
        if pause is not None:
            pause()
        rel = file.relative_to(site).as_posix()
        meta = head_meta(file.read_text(encoding="utf-8"))
        image = meta.get("og:image")
        if not image:
            continue
        url = page_url(rel)
        path = card_path(url)
        if not ("/" + urlsplit(image).path).endswith("/" + path):  # absolute, or relative without site_url
            raise CardError(f"{rel}: og:image is {image}, but its card is published at {path} (see generator/publish/cards.py)")
        lang = LOCALES.get(meta.get("og:locale", ""), "vi")
        host = urlsplit(meta.get("og:url", "")).hostname
        card = Card(site_name=meta.get("og:site_name", ""), title=meta.get("og:title", ""), lang=lang, date=dates.get(url), host=host)
        cached = store / f"{card.digest()}.png"
        wanted[site / path] = cached
        if cached.exists():
            os.utime(cached)  # recently used: kept by ``prune``
        else:
            missing[cached] = card
    return wanted, missing


def _draw(missing: Mapping[Path, Card], pause: Callable[[], None] | None = None) -> float:
    """Draw and cache the cards; the seconds it took."""
    started = time.perf_counter()
    for cached, card in missing.items():
        if pause is not None:
            pause()
        data = render(card)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(cached)
    return time.perf_counter() - started


def prune(cache_dir: Path, days: int = CACHE_DAYS, now: float | None = None) -> int:
    """Remove cached cards that no build has used for ``days`` days."""
    limit = (now or time.time()) - days * 86400
    removed = 0
    for path in cache_dir.glob("*.png"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed

