"""The Atom feeds (generator.publish.feeds), on a corpus of two articles: valid Atom 1.0 as a feed reader
reads it (feedparser) and as RFC 4287 requires it, one entry per article with its dates, text
escaped by the XML writer."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from generator.load.seeds import load_site
from generator.publish import feeds
from generator.strings import LANGUAGES
from generator.urls import SiteUrls
from generator.validate.rules import validate

from .conftest import copy_project
from .fixtures import second_article

A = "{http://www.w3.org/2005/Atom}"
URLS = SiteUrls("https://example.org/news/")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    project = copy_project(tmp_path_factory.mktemp("feeds") / "project")
    second_article.install(project.root)
    return validate(load_site(project.root))


def test_each_language_has_a_feed_at_its_home():
    assert feeds.feed_path("vi") == "atom.xml" and feeds.feed_path("en") == "en/atom.xml"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_feed_reader_reads_one_entry_per_article_newest_first(site, lang: str):
    parsed = feedparser.parse(feeds.feed(site, lang, URLS))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.language == lang
    assert parsed.feed.link == URLS.home(lang)

    def dates(article) -> tuple[str, str]:
        """The explainer's own publication date, else the report's; its last change or correction."""
        explainer = article.facts.explainer
        published = str(explainer.published or article.meta.published)
        changes = [str(d) for d in (explainer.updated, *(c.date for c in explainer.corrections)) if d]
        return published, max(changes, default=published)

    articles = sorted(site.articles, key=lambda a: dates(a)[0], reverse=True)
    assert len(articles) == 2 and len(parsed.entries) == len(articles)
    assert any(a.facts.explainer.published for a in articles), "the explainer's own dates are exercised"
    for entry, article in zip(parsed.entries, articles, strict=True):
        url = URLS.page(lang, f"articles/{article.slug}/index.md")
        assert entry.id == url and entry.link == url
        assert entry.title == article.meta.title[lang]
        assert entry.summary == article.meta.summary[lang]
        published, updated = dates(article)
        assert entry.published.startswith(published + "T00:00:00+07:00")
        assert dt.date(*entry.published_parsed[:3]) <= dt.date.fromisoformat(published)  # 00:00 in Vietnam is the evening before in UTC
        assert entry.updated.startswith(updated + "T00:00:00+07:00")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_feed_has_what_rfc_4287_requires(site, lang: str):
    root = ET.fromstring(feeds.feed(site, lang, URLS))
    assert root.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):
        assert len(root.findall(f"{A}{tag}")) == 1, tag
    assert root.find(f"{A}author/{A}name").text, "a feed-level author covers every entry"
    self_links = [link.get("href") for link in root.findall(f"{A}link") if link.get("rel") == "self"]
    assert self_links == [URLS.base + feeds.feed_path(lang)]
    alternates = [(link.get("type"), link.get("hreflang")) for link in root.findall(f"{A}link") if link.get("rel", "alternate") == "alternate"]
    assert len(alternates) == len(set(alternates)), "at most one alternate link per type and language"
    updated = [entry.find(f"{A}updated").text for entry in root.findall(f"{A}entry")]
    assert root.find(f"{A}updated").text == max(updated)
    for entry in root.findall(f"{A}entry"):
        for tag in ("id", "title", "updated", "published", "summary"):
            assert len(entry.findall(f"{A}{tag}")) == 1, tag
        kinds = [(link.get("type"), link.get("hreflang")) for link in entry.findall(f"{A}link") if link.get("rel") == "alternate"]
        assert ("text/html", lang) in kinds and len(kinds) == len(set(kinds))
        for tag in ("updated", "published"):
            dt.datetime.fromisoformat(entry.find(f"{A}{tag}").text)  # RFC 3339, with its time zone


def test_a_date_keeps_its_precision_beside_the_timestamp_atom_requires():
    assert feeds.atom_time("2021-03") == "2021-03-01T00:00:00+07:00"
    assert feeds.atom_time(dt.date(2021, 3, 19)) == "2021-03-19T00:00:00+07:00"


def test_each_entry_links_its_open_data_where_dates_keep_their_precision(site):
    root = ET.fromstring(feeds.feed(site, "vi", URLS))
    data = [link.get("href") for entry in root.findall(f"{A}entry") for link in entry.findall(f"{A}link") if link.get("type") == "application/json"]
    assert sorted(data) == sorted(URLS.data(f"articles/{a.slug}.json") for a in site.articles)


def test_explainer_dates_and_corrections_come_first_when_the_seeds_give_them(site):
    """The explainer's own dates, where the model has them, rule over the report's date."""
    article = site.articles[0]

    class Explainer:
        published = dt.date(2024, 5, 2)
        updated = dt.date(2024, 6, 1)
        corrections = (type("Correction", (), {"date": dt.date(2024, 7, 9)})(),)

    class Facts:
        explainer = Explainer

    fake = type("Article", (), {"facts": Facts, "meta": article.meta})()
    assert feeds.entry_dates(fake) == (dt.date(2024, 5, 2), dt.date(2024, 7, 9))


def test_hostile_text_is_escaped_by_the_xml_writer(site):
    article = site.articles[0]
    title = 'AT&T\'s "x" <script>alert(1)</script> & ]]>'
    meta = article.meta.model_copy(update={"title": article.meta.title.model_copy(update={"en": title})})
    article.meta, original = meta, article.meta
    try:
        data = feeds.feed(site, "en", URLS)
    finally:
        article.meta = original
    assert b"<script>" not in data
    parsed = feedparser.parse(data)
    assert not parsed.bozo
    assert title in [entry.title for entry in parsed.entries]


def test_files_names_each_language_feed(site, tmp_path: Path):
    written = feeds.files(site, URLS, {"en": "News explained"}, {"vi": "Mô tả"})
    assert set(written) == {"atom.xml", "en/atom.xml"}
    assert feedparser.parse(written["atom.xml"]).feed.subtitle == "Mô tả"
    assert feedparser.parse(written["en/atom.xml"]).feed.title == "News explained"
