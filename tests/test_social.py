"""Sharing and following, on the built site: every page (hand-written, generated, 404) has its
Open Graph and Twitter card metadata, a 1200×630 card at the address its head names, and a link
to its language's Atom feed; each feed reads as Atom with one entry per article of the corpus."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from PIL import Image

from generator.load.seeds import load_site
from generator.publish import cards
from generator.validate.rules import validate

from .conftest import CORPUS, site_config

pytestmark = pytest.mark.site

LOCALES = {"vi": "vi_VN", "en": "en_US"}
SITE_URL = site_config()["site_url"]


class Head(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang, self.meta, self.feeds = None, {}, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta.setdefault(a.get("property") or a.get("name"), []).append(a.get("content"))
        if tag == "link" and a.get("type") == "application/atom+xml":
            self.feeds.append(a)


def head(path: Path) -> Head:
    parsed = Head()
    parsed.feed(path.read_text(encoding="utf-8").split("</head>", 1)[0])
    return parsed


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def check_page(site: Path, rel: str) -> Head:
    """What every built page must have; returns its head."""
    page = head(site / rel)
    one = {key: values[0] for key, values in page.meta.items() if len(values) == 1}
    lang = page.lang
    assert lang in LOCALES, rel
    for key in ("og:title", "og:description", "og:image", "og:type", "og:site_name", "twitter:title", "twitter:description", "twitter:image"):
        assert one.get(key), f"{rel}: no single {key}"
    assert one["twitter:card"] == "summary_large_image", rel
    assert one["og:locale"] == LOCALES[lang], rel
    assert page.meta["og:locale:alternate"] == [v for k, v in LOCALES.items() if k != lang], rel
    assert one["twitter:title"] == one["og:title"] and one["twitter:image"] == one["og:image"], rel
    image = one["og:image"]
    assert image.startswith(SITE_URL), f"{rel}: og:image is not absolute: {image}"
    card = site / image[len(SITE_URL) :]
    assert card.is_file(), f"{rel}: no card at {image}"
    with Image.open(card) as opened:
        assert (opened.format, opened.size) == ("PNG", (1200, 630)), rel
    assert card.relative_to(site).as_posix() == cards.card_path(cards.page_url(rel)), rel
    if not rel.endswith("404.html"):
        assert one.get("og:url", "").startswith(SITE_URL), rel
    assert len(page.feeds) == 1, rel
    feed = urlsplit(urljoin(SITE_URL + rel, page.feeds[0]["href"])).path
    expected = "atom.xml" if lang == "vi" else f"{lang}/atom.xml"
    assert feed == urlsplit(SITE_URL).path + expected, (rel, feed)
    return page


def test_every_page_has_its_metadata_card_and_feed(built_site: Path):
    built = pages(built_site)
    assert "404.html" in built and "en/404.html" in built and "about/index.html" in built
    types = {rel: check_page(built_site, rel).meta["og:type"][0] for rel in built}
    corpus = validate(load_site(CORPUS.parent))
    explainers = {f"{prefix}articles/{a.slug}/index.html" for a in corpus.articles for prefix in ("", "en/")}
    assert {rel for rel, kind in types.items() if kind == "article"} == explainers
    assert set(types.values()) == {"article", "website"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_feed_reads_as_atom_with_one_entry_per_article(built_site: Path, lang: str):
    path = built_site / ("atom.xml" if lang == "vi" else "en/atom.xml")
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo and parsed.version == "atom10"
    corpus = validate(load_site(CORPUS.parent))
    assert sorted(entry.title for entry in parsed.entries) == sorted(a.meta.title[lang] for a in corpus.articles)
    for entry in parsed.entries:
        assert entry.link.startswith(SITE_URL)
        assert (built_site / entry.link[len(SITE_URL) :] / "index.html").is_file(), entry.link
        assert entry.published and entry.updated


def test_the_real_seeds_have_a_card_and_metadata_on_every_page(real_site: Path):
    """Whatever articles seeds/ holds."""
    for rel in pages(real_site):
        check_page(real_site, rel)
    for feed in ("atom.xml", "en/atom.xml"):
        assert not feedparser.parse((real_site / feed).read_bytes()).bozo
