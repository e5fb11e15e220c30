"""Link check of the built site: every internal link and anchor resolves, in both languages.

Every page of the built site is parsed (HTML produced from Markdown and raw HTML alike); every
``href`` and ``src`` is resolved against the page's URL; links into the site (relative, rooted
or absolute under ``site_url``) must name an existing file, and a ``#fragment`` must be an ``id``
in that file. External links are not fetched.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from .conftest import site_config

pytestmark = pytest.mark.site

#: Attributes that hold a URL the browser follows or loads.
URL_ATTRIBUTES = {("a", "href"), ("area", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"), ("audio", "src"), ("form", "action")}
BASE = "https://site.invalid/"  # stands for the site root while resolving relative links


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""  # all text inside
    own: str = ""  # text directly inside, not in a child element
    inner: list[Element] = field(default_factory=list)  # descendants, in document order

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


@dataclass
class Page:
    """What a built page offers (ids) and what it points to (links), plus its elements."""

    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, value)
    elements: list[Element] = field(default_factory=list)
    by_id: dict[str, Element] = field(default_factory=dict)


class _Parser(HTMLParser):
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        element = Element(tag, a)
        self.page.elements.append(element)
        for ancestor in self.open:
            ancestor.inner.append(element)
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if a.get(name):
                self.page.ids.add(a[name])
                self.page.by_id.setdefault(a[name], element)
        for attr, value in a.items():
            if (tag, attr) in URL_ATTRIBUTES and value:
                self.page.links.append((tag, attr, value))
        if tag not in self.VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID and self.open and self.open[-1].tag == tag:
            self.open.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i].tag == tag:
                del self.open[i:]
                break

    def handle_data(self, data):
        for element in self.open:
            element.text += data
        if self.open:
            self.open[-1].own += data


@cache
def parse(path: Path) -> Page:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.page


def site_url() -> str:
    return site_config()["site_url"]


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def resolve(site: Path, page: Path, href: str, root_url: str) -> tuple[Path, str] | None:
    """The file and fragment a link leads to, or None for a link that leaves the site."""
    root_path = urlsplit(root_url).path  # e.g. /news-explained/
    if href.startswith(root_url):
        href = "/" + href[len(root_url) :]
    elif urlsplit(href).scheme or href.startswith("//"):
        return None  # http(s) elsewhere, mailto:, javascript:, data: …
    elif href.startswith("/"):
        if not href.startswith(root_path):
            raise AssertionError(f"{href} is outside the site's path {root_path}")
        href = "/" + href[len(root_path) :]
    url = urljoin(BASE + page.relative_to(site).as_posix(), href)
    parts = urlsplit(url)
    path = posixpath.normpath(unquote(parts.path)).lstrip("/")
    if path in (".", ""):
        path = ""
    target = site / path
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Path) -> list[str]:
    root_url = site_url()
    problems = []
    for page in html_pages(site):
        for tag, attr, href in parse(page).links:
            resolved = resolve(site, page, href, root_url)
            if resolved is None:
                continue
            target, fragment = resolved
            where = f"{page.relative_to(site)}: <{tag} {attr}={href!r}>"
            if not target.is_file():
                problems.append(f"{where}: no file {target.relative_to(site)}")
            elif fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                problems.append(f"{where}: no id {fragment!r} in {target.relative_to(site)}")
    return problems


def test_no_internal_link_or_anchor_is_broken(built_site: Path):
    assert broken_links(built_site) == []


def test_the_check_covers_both_languages_raw_html_and_anchors(built_site: Path):
    pages = html_pages(built_site)
    assert any(p.is_relative_to(built_site / "en") for p in pages)
    links = [(p, href) for p in pages for _, _, href in parse(p).links]
    assert len(links) > 1000
    explainer = built_site / "en" / "articles" / "deepfake-clubhouse-2021" / "index.html"
    hrefs = [href for _, _, href in parse(explainer).links]
    assert "source/#p2s1" in hrefs  # a citation: anchor on another page
    assert any(h.endswith("data/articles/deepfake-clubhouse-2021.json") for h in hrefs)  # raw HTML in the head


def test_the_check_finds_a_missing_page_and_a_missing_anchor(tmp_path: Path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<a href="a/">ok</a> <a href="a/#here">ok</a> <a href="a/#gone">anchor</a> <a href="b/">page</a> '
        '<img src="missing.png"> <a href="https://elsewhere.example/">external</a> <a href="#top" id="top">self</a>',
        encoding="utf-8",
    )
    (site / "a" / "index.html").write_text('<h2 id="here">Here</h2><a href="../index.html#top">back</a>', encoding="utf-8")
    assert broken_links(site) == [
        "index.html: <a href='a/#gone'>: no id 'gone' in a/index.html",
        "index.html: <a href='b/'>: no file b/index.html",
        "index.html: <img src='missing.png'>: no file missing.png",
    ]
