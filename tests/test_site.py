"""The whole site, built with MkDocs in strict mode: both languages, every page, right language."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import SLUG, build_site, copy_project

pytestmark = pytest.mark.site

PAGES = [
    "index.html",
    "about/index.html",
    f"articles/{SLUG}/index.html",
    f"articles/{SLUG}/source/index.html",
    f"articles/{SLUG}/deepfakes/index.html",
    f"articles/{SLUG}/clubhouse/index.html",
    f"articles/{SLUG}/tech-scrutiny/index.html",
    "glossary/index.html",
    "timeline/index.html",
    "who/index.html",
    "sources/index.html",
]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.html_lang, self.alternates, self.switch = None, {}, {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates[a["hreflang"]] = a["href"]
        if tag == "a" and a.get("hreflang"):
            self.switch[a["hreflang"]] = a["href"]


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


@pytest.mark.parametrize("page", PAGES)
def test_every_page_exists_in_both_languages_with_the_right_lang(built_site: Path, page: str):
    vi, en = built_site / page, built_site / "en" / page
    assert parse(vi).html_lang == "vi"
    assert parse(en).html_lang == "en"


@pytest.mark.parametrize("page", PAGES)
def test_language_switch_leads_to_the_twin(built_site: Path, page: str):
    url = "/" + page.removesuffix("index.html")
    vi_switch = parse(built_site / page).switch
    en_switch = parse(built_site / "en" / page).switch
    assert vi_switch["en"].endswith("/en" + url), vi_switch
    assert en_switch["vi"].endswith(url) and "/en/" not in en_switch["vi"], en_switch


def test_source_page_has_an_anchor_per_sentence_beside_its_english(built_site: Path):
    html = (built_site / "en" / f"articles/{SLUG}/source/index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<p class="sentence" id="(p\d+s\d+)" lang="vi">', html)
    assert ids == ["p1s1", "p2s1", "p2s2", "p3s1", "p4s1", "p5s1", "p6s1", "p7s1", "p7s2", "p8s1", "p9s1", "p10s1"]
    assert html.count('class="translation" lang="en"') == 12
    assert "kể hoạch" in html  # the source's typo stays verbatim


def test_home_lists_the_article_in_both_languages(built_site: Path):
    vi = (built_site / "index.html").read_text(encoding="utf-8")
    en = (built_site / "en" / "index.html").read_text(encoding="utf-8")
    assert f'href="articles/{SLUG}/"' in vi and f'href="articles/{SLUG}/"' in en


def test_timeline_keeps_the_meeting_and_the_statement_apart(built_site: Path):
    html = (built_site / "en" / "timeline" / "index.html").read_text(encoding="utf-8")
    dates = re.findall(r'<(?:time datetime="([0-9-]+)"|span class="date")>([^<]+)</(?:time|span)>', html)
    labels = [label for _, label in dates]
    # an undisclosed day is no <time>: its datetime would give a day that is not known
    assert ("", "before 18 March 2021 (exact date not disclosed)") in dates
    assert ("2021-03-18", "18 March 2021") in dates
    assert ("2021-02", "early February 2021") in dates
    assert labels.index("early February 2021") < labels.index("before 18 March 2021 (exact date not disclosed)") < labels.index("18 March 2021")


@pytest.mark.parametrize(("lang", "other"), [("en", "vi"), ("vi", "en")])
def test_a_preview_of_one_language_builds_that_language_at_the_root(tmp_path: Path, lang: str, other: str):
    """`make serve PREVIEW_LANGUAGE=en`: one language, half the work per save."""
    project = copy_project(tmp_path / "project", with_site_config=True)
    result = build_site(project, preview_language=lang)
    assert result.returncode == 0, result.stderr
    site = project.path("site")
    assert f'<html lang="{lang}"' in (site / "articles" / SLUG / "index.html").read_text(encoding="utf-8")
    assert not (site / "en").exists() and not (site / other).exists()


def test_the_real_seeds_build_and_every_page_has_its_twin(real_site: Path):
    """Whatever articles seeds/ holds: a strict build, and every page in both languages."""
    vi = sorted(p.relative_to(real_site).as_posix() for p in real_site.rglob("index.html") if not p.relative_to(real_site).as_posix().startswith("en/"))
    assert "index.html" in vi and any(page.startswith("articles/") for page in vi)
    for page in vi:
        assert parse(real_site / page).html_lang == "vi", page
        assert parse(real_site / "en" / page).html_lang == "en", page
        switch = parse(real_site / page).switch
        assert switch["en"].endswith("/en/" + page.removesuffix("index.html")), (page, switch)


#: Material's English words that a Vietnamese page must not show (tooltips and footer included).
ENGLISH_ON_VIETNAMESE_PAGES = ("Permanent link", "Made with", "Initializing search", "Contributors", "Back to top", "Skip to content")


def test_vietnamese_pages_show_no_english_interface_words(built_site: Path):
    pages = [p for p in built_site.rglob("*.html") if p.relative_to(built_site).parts[0] not in ("en", "assets", "data")]
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        found = [phrase for phrase in ENGLISH_ON_VIETNAMESE_PAGES if phrase in text]
        assert not found, f"{page.relative_to(built_site)}: {found}"
        assert 'title="Liên kết tới mục này"' in text or "headerlink" not in text, page
    english = (built_site / "en" / "about" / "index.html").read_text(encoding="utf-8")
    assert 'title="Link to this section"' in english
