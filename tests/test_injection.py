"""Seed text with quotes and ampersands (markup and character references are refused) reaches
the built pages as text: the head (``<title>``, ``<meta content>``), the header, the navigation,
parsed as a browser would. Once the summary below turned a page into a redirect."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

from generator.load.seeds import load_site
from generator.publish import cards
from generator.validate.rules import validate
from tests.conftest import CORPUS, Project, build_site, copy_project

pytestmark = pytest.mark.site

SLUG = "deepfake-clubhouse-2021"
#: The redirect of the attack report, an entity reference, a tag and a closing quote of each kind.
SUMMARY = '0;url=/en/about/" http-equiv="refresh'
TITLE = "AT&T's \"x\" &lt &#x3C script"


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self._in_title = False
        self._in_script = False
        self.scripts: list[tuple[dict[str, str | None], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._in_script:
            self.scripts.append((self.tags[-1][1], data))


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project: Project = copy_project(tmp_path_factory.mktemp("hostile") / "project", with_site_config=True)
    rel = f"seeds/{SLUG}/article.yml"
    lines = project.read(rel).splitlines()
    # the first `en:` under title, then under summary
    for key, value in (("title:", TITLE), ("summary:", SUMMARY)):
        start = lines.index(key)
        en = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("  en: "))
        lines[en] = "  en: " + _yaml(value)
    project.write(rel, "\n".join(lines) + "\n")
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    return project.path("site")


def test_a_summary_with_quotes_stays_in_the_description(hostile_site: Path):
    page = parse(hostile_site / "en" / "articles" / SLUG / "index.html")
    metas = [attrs for tag, attrs in page.tags if tag == "meta"]
    assert {"name": "description", "content": SUMMARY} in metas
    assert not [m for m in metas if "http-equiv" in m]


def test_quotes_and_ampersands_in_a_title_show_literally(hostile_site: Path):
    page = parse(hostile_site / "en" / "articles" / SLUG / "index.html")
    assert page.title == f"{TITLE} - News explained"
    jsonld = [json.loads(data) for attrs, data in page.scripts if attrs.get("type") == "application/ld+json"]
    assert TITLE in [item.get("headline") for item in jsonld], "JSON-LD parses and holds the title as text"
    header = [attrs for tag, attrs in page.tags if attrs.get("class") == "md-header__topic"]
    assert header, "the header shows the page title"


def test_hostile_text_reaches_the_sharing_metadata_card_and_feed_as_text(hostile_site: Path):
    """The Open Graph and Twitter tags hold the text itself; the social card draws it literally;
    the feed entry's title reads back as the same text."""
    page = parse(hostile_site / "en" / "articles" / SLUG / "index.html")
    metas = {attrs.get("property") or attrs.get("name"): attrs.get("content") for tag, attrs in page.tags if tag == "meta"}
    for key in ("og:title", "twitter:title", "og:image:alt", "twitter:image:alt"):
        assert metas[key] == TITLE, key
    for key in ("og:description", "twitter:description"):
        assert metas[key] == SUMMARY, key
    card = hostile_site / "assets" / "cards" / "en" / "articles" / SLUG / "index.png"
    footer = cards.article_dates(validate(load_site(CORPUS.parent)))[f"en/articles/{SLUG}/"]
    assert card.read_bytes() == cards.render(cards.Card("News explained", TITLE, "en", footer, metas["og:url"].split("/")[2]))
    titles = [entry.title for entry in feedparser.parse((hostile_site / "en" / "atom.xml").read_bytes()).entries]
    assert TITLE in titles

