"""Atom 1.0 feeds (RFC 4287): one per language, ``atom.xml`` at the home of each language
(``/atom.xml`` in Vietnamese, ``/en/atom.xml`` in English), one entry per article, newest first.

Every page links its language's feed from its head (``overrides/main.html``). The XML is written
by the standard library's ElementTree, which escapes all text.

Dates: Atom requires full timestamps, and the site knows days (or less). A date is written as
its first instant in Vietnam time, ``T00:00:00+07:00``: the time of day is not known, and a
month-only or year-only date would be its first day (``2021-03`` → ``2021-03-01T00:00:00+07:00``).
No date is given as text in the feed, and each entry links the article's open data
(``data/articles/<slug>.json``), where every date is as precise as it is known. (Dublin Core's
``dc:date`` could carry ``2021-03``, but feed readers take it for the entry's ``updated``.)

An entry's ``published`` is the explainer's own publication date when the seeds give one, else
the publication date of the report it explains (``article.yml``: ``published``); ``updated``
is the explainer's last substantive change (or its latest correction) when given, else the
same as ``published``. The feed's ``updated`` is the latest entry's.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from generator import model
from generator.load.read import Article, Site
from generator.strings import DEFAULT_LANGUAGE, LANGUAGES, strings
from generator.urls import SiteUrls

ATOM = "http://www.w3.org/2005/Atom"
#: The site's time zone: a day is a day in Vietnam.
TIME_ZONE = dt.timezone(dt.timedelta(hours=7))
#: The feed of each language, under that language's home.
FEED_NAME = "atom.xml"

ET.register_namespace("", ATOM)


def feed_path(lang: str) -> str:
    """Where the feed of ``lang`` is published, under the site root.

    >>> feed_path("vi"), feed_path("en")
    ('atom.xml', 'en/atom.xml')
    """
    return FEED_NAME if lang == DEFAULT_LANGUAGE else f"{lang}/{FEED_NAME}"


def atom_time(value: dt.date | str) -> str:
    """An RFC 3339 timestamp for a date known to the day, month or year: its first instant in
    Vietnam time (see the module's docstring).

    >>> atom_time(dt.date(2021, 3, 19))
    '2021-03-19T00:00:00+07:00'
    >>> atom_time("2021-03"), atom_time("2021")
    ('2021-03-01T00:00:00+07:00', '2021-01-01T00:00:00+07:00')
    >>> atom_time("2021-03-19T08:30+07:00")  # a date-time keeps its own offset
    '2021-03-19T08:30:00+07:00'
    """
    if isinstance(value, str) and "T" in value:
        return dt.datetime.fromisoformat(value).isoformat()
    if isinstance(value, str):
        value = model.published_span(value)[0]
    return dt.datetime(value.year, value.month, value.day, tzinfo=TIME_ZONE).isoformat()


def _iso(value: dt.date | str) -> str:
    """The date as precisely as it is known (YYYY, YYYY-MM or YYYY-MM-DD): this sorts them."""
    return value if isinstance(value, str) else value.isoformat()


def entry_dates(article: Article) -> tuple[dt.date | str, dt.date | str]:
    """(published, updated) of an article's entry, as precisely as the seeds know them."""
    explainer = article.facts.explainer
    published = getattr(explainer, "published", None) or article.meta.published
    changes = [d for d in (getattr(explainer, "updated", None), *(c.date for c in getattr(explainer, "corrections", []))) if d]
    updated = max(changes, key=_iso) if changes else published
    return published, updated


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def feed(site: Site, lang: str, urls: SiteUrls, title: str | None = None, subtitle: str | None = None) -> bytes:
    """The Atom feed of ``lang``: every article, newest first (UTF-8 XML)."""
    words = strings(lang)
    home = urls.home(lang)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    _add(root, "id", home)
    _add(root, "title", title or words["site_name"])
    if subtitle:
        _add(root, "subtitle", subtitle)
    entries = []
    for article in site.articles:
        published, updated = entry_dates(article)
        entries.append((article, published, updated))
    entries.sort(key=lambda e: (_iso(e[1]), e[0].slug), reverse=True)
    latest = max((_iso(e[2]) for e in entries), default="1970-01-01")
    _add(root, "updated", atom_time(latest))
    _add(_add(root, "author"), "name", title or words["site_name"])
    _add(root, "link", rel="self", type="application/atom+xml", href=urls.base + feed_path(lang))
    _add(root, "link", rel="alternate", type="text/html", href=home)
    for other in LANGUAGES:
        if other != lang:
            _add(root, "link", rel="alternate", type="application/atom+xml", hreflang=other, href=urls.base + feed_path(other))
    _add(root, "icon", urls.base + "assets/favicon.svg")
    for article, published, updated in entries:
        meta = article.meta
        url = urls.page(lang, f"articles/{article.slug}/index.md")
        entry = _add(root, "entry")
        _add(entry, "id", url)
        _add(entry, "title", meta.title[lang])
        _add(entry, "link", rel="alternate", type="text/html", hreflang=lang, href=url)
        _add(entry, "link", rel="alternate", type="application/json", href=urls.data(f"articles/{article.slug}.json"))
        if meta.outlet and meta.outlet.url:
            _add(entry, "link", rel="related", href=meta.outlet.url, title=model.in_language(meta.outlet.name, lang))
        _add(entry, "published", atom_time(published))
        _add(entry, "updated", atom_time(updated))
        _add(entry, "summary", meta.summary[lang])
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def files(site: Site, urls: SiteUrls, titles: dict[str, str] | None = None, subtitles: dict[str, str] | None = None) -> dict[str, bytes]:
    """Every language's feed, by path under the site root."""
    titles, subtitles = titles or {}, subtitles or {}
    return {feed_path(lang): feed(site, lang, urls, titles.get(lang), subtitles.get(lang)) for lang in LANGUAGES}
