"""The built site's language rules, read from its files: absolute hreflang twins with x-default,
one 404 page per language, one search index per language, no third-party asset; and a page
without its twin stops the build. (Their behaviour in a browser: tests/browser/.)"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import build_site, copy_project

pytestmark = pytest.mark.site

PRODUCTION = "https://news-explained.github.io/news-explained/"


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang, self.alternates, self.robots = None, [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates.append((a["hreflang"], a["href"]))
        elif tag == "meta" and a.get("name") == "robots":
            self.robots = a.get("content")


def head(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def pages(site: Path) -> list[str]:
    """Every page but the 404 pages, as its path under the site (``en/timeline/``)."""
    found = (p.parent.relative_to(site).as_posix() for p in site.rglob("index.html") if "pagefind" not in p.parts)
    return sorted("" if page == "." else page + "/" for page in found)


def test_every_page_names_its_twins_with_absolute_urls_and_x_default(built_site: Path):
    assert len(pages(built_site)) >= 20
    for page in pages(built_site):
        vi = page.removeprefix("en/")
        expected = [("vi", PRODUCTION + vi), ("en", PRODUCTION + "en/" + vi), ("x-default", PRODUCTION + vi)]
        assert head(built_site / page / "index.html").alternates == expected, page
        assert (built_site / vi / "index.html").is_file() and (built_site / "en" / vi / "index.html").is_file()


@pytest.mark.parametrize(("path", "lang", "title"), [("404.html", "vi", "Không tìm thấy trang"), ("en/404.html", "en", "Page not found")])
def test_each_language_has_its_own_404_page(built_site: Path, path: str, lang: str, title: str):
    page = head(built_site / path)
    assert page.lang == lang
    assert page.robots == "noindex"
    assert page.alternates == []
    html = (built_site / path).read_text(encoding="utf-8")
    assert f"<h1>{title}</h1>" in html
    assert "data-pagefind-body" not in html  # not in the search index


def test_search_has_one_index_per_language(built_site: Path):
    bundle = built_site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert sorted(re.sub(r"_.*", "", p.name) for p in bundle.glob("pagefind.*.pf_meta")) == ["pagefind.en", "pagefind.vi"]
    assert not (built_site / "search" / "search_index.json").exists()  # Material's mixed index is gone


def test_no_page_loads_anything_from_another_host(built_site: Path):
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, path
        assert 'data-md-component="source"' not in html, f"{path}: Material would call api.github.com"
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            if "stylesheet" in tag or "<script" in tag or "<img" in tag or "<iframe" in tag or 'rel="icon"' in tag:
                assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), f"{path}: {tag}"


def test_a_page_without_its_twin_stops_the_build(tmp_path: Path):
    project = copy_project(tmp_path / "project", with_site_config=True)
    project.path("docs/en/about.md").unlink()
    result = build_site(project)
    assert result.returncode != 0
    assert "vi/about.md has no twin: add en/about.md" in result.stderr
