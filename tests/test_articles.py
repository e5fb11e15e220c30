"""Several articles on one site: each its own pages, one home page, one timeline, one glossary.

The second article is a short fictional one (tests/fixtures/second-article), published after the
seed article, installed with its entities and a glossary term in a copy of the project.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import SLUG, build_site, copy_project
from .fixtures import second_article

pytestmark = pytest.mark.site

SECOND = second_article.SLUG
LANGS = {"vi": "", "en": "en/"}
USED_BY = {"vi": "Dùng trong bài", "en": "Used in"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("articles") / "project", with_site_config=True)
    second_article.install(project.root)
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    return project.path("site")


def content(page: Path) -> str:
    """The page's own content, without the navigation around it."""
    html = page.read_text(encoding="utf-8")
    return html[html.index('<article class="md-content__inner') :]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", [f"articles/{SECOND}/", f"articles/{SECOND}/source/", f"articles/{SLUG}/", f"articles/{SLUG}/source/", f"articles/{SLUG}/clubhouse/"])
def test_each_article_has_its_pages_in_both_languages(site: Path, lang: str, page: str):
    html = (site / f"{LANGS[lang]}{page}index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html


def test_the_second_article_pages_say_what_its_seeds_say(site: Path):
    vi = content(site / f"articles/{SECOND}/index.html")
    en = content(site / f"en/articles/{SECOND}/index.html")
    assert "Cơ quan An toàn Số phạt Lumora Technology 2 tỷ đồng" in vi
    assert "The Digital Safety Agency fined Lumora Technology 2 billion dong" in en
    source = content(site / f"en/articles/{SECOND}/source/index.html")
    assert re.findall(r'<p class="sentence" id="(p\d+s\d+)" lang="vi">', source) == ["p1s1", "p2s1", "p3s1", "p4s1"]


@pytest.mark.parametrize(("lang", "dates"), [("vi", ["10 tháng 6 năm 2022", "19 tháng 3 năm 2021"]), ("en", ["10 June 2022", "19 March 2021"])])
def test_home_lists_the_articles_newest_first(site: Path, lang: str, dates: list[str]):
    home = content(site / f"{LANGS[lang]}index.html")
    assert re.findall(r'<h[2-4] id="[^"]*"><a href="articles/([a-z0-9-]+)/">', home) == [SECOND, SLUG]
    assert [home.index(d) for d in dates] == sorted(home.index(d) for d in dates)


@pytest.mark.parametrize("lang", LANGS)
def test_the_timeline_merges_the_events_of_every_article_in_date_order(site: Path, lang: str):
    timeline = content(site / f"{LANGS[lang]}timeline/index.html")
    events = re.findall(r'<li class="timeline-event[^"]*" id="([a-z0-9-]+)--[a-z0-9-]+"[^>]*>\s*<p><time datetime="([0-9-]+)">', timeline)
    items = [(d, a) for a, d in events]
    assert [d for d, _ in items] == sorted(d for d, _ in items)
    # each run of events of one article is labelled once with its article, not each event
    runs = [a for i, (_, a) in enumerate(items) if i == 0 or items[i - 1][1] != a]
    assert re.findall(r'class="timeline-article">.*?href="\.\./articles/([a-z0-9-]+)/"', timeline) == runs
    assert len(runs) < len(items)
    assert [(d, a) for d, a in items if a == SECOND] == [("2022-03", SECOND), ("2022-05", SECOND), ("2022-06-07", SECOND)]
    assert ("2021-03-18", SLUG) in items and ("2023-01-10", SLUG) in items
    # the later rules of the first article come after every event of the second
    assert items.index(("2022-06-07", SECOND)) < items.index(("2022-11-25", SLUG))


def used_by(glossary: str, term: str, label: str) -> list[str]:
    entry = glossary.split(f'<h2 id="{term}"', 1)[1].split("<h2", 1)[0]
    line = re.search(rf'<p class="term-meta used-by">{label}: (.*?)</p>', entry)
    assert line, f"no “{label}” line for {term}"
    return re.findall(r'href="\.\./articles/([a-z0-9-]+)/"', line.group(1))


@pytest.mark.parametrize("lang", LANGS)
def test_the_shared_glossary_shows_which_articles_use_each_term(site: Path, lang: str):
    glossary = content(site / f"{LANGS[lang]}glossary/index.html")
    assert used_by(glossary, "deepfake", USED_BY[lang]) == [SECOND, SLUG]  # newest first
    assert used_by(glossary, "synthetic-content", USED_BY[lang]) == [SECOND]
    assert used_by(glossary, "security-assessment", USED_BY[lang]) == [SLUG]


NAV_LINKS = re.compile(r'<a href="([^"]*)" class="md-nav__link')


def nav_links(page: Path) -> list[str]:
    """The links of the page's main navigation (not of its table of contents)."""
    html = page.read_text(encoding="utf-8")
    primary = html[html.index('<nav class="md-nav md-nav--primary"') : html.index('<div class="md-content"')]
    return [href for href in NAV_LINKS.findall(primary) if not href.startswith("#")]


@pytest.mark.parametrize("lang", LANGS)
def test_the_articles_page_lists_every_article_newest_first_by_year(site: Path, lang: str):
    page = content(site / f"{LANGS[lang]}articles/index.html")
    assert re.findall(r'<h2 id="[^"]*">(\d{4})', page) == ["2022", "2021"]
    assert re.findall(r'<h3 id="[^"]*"><a href="([a-z0-9-]+)/">', page) == [SECOND, SLUG]


@pytest.mark.parametrize("lang", LANGS)
def test_a_page_navigation_lists_its_own_article_not_the_others(site: Path, lang: str):
    """Every article in every page's navigation would make pages grow with the site."""
    own = nav_links(site / f"{LANGS[lang]}articles/{SLUG}/clubhouse/index.html")
    assert "../" in own and "../source/" in own and "../deepfakes/" in own  # its explainer and pages
    assert not [href for href in own if SECOND in href]
    other = nav_links(site / f"{LANGS[lang]}articles/{SECOND}/index.html")
    assert "../" in other and "source/" in other and not [href for href in other if SLUG in href]
    for page in ("index.html", "articles/index.html", "glossary/index.html", "404.html"):
        links = nav_links(site / LANGS[lang] / page)
        assert links and not [href for href in links if SLUG in href or SECOND in href], page


@pytest.mark.parametrize("lang", LANGS)
def test_previous_and_next_follow_the_navigation_order(site: Path, lang: str):
    """Home, the articles page, each article newest first (explainer … source), the timeline:
    in the head's rel=prev/next links; readers' pages have no previous/next footer."""
    def neighbours(page: str) -> tuple[str | None, str | None]:
        html = (site / f"{LANGS[lang]}{page}index.html").read_text(encoding="utf-8")
        assert "md-footer__link" not in html
        found = dict(re.findall(r'<link rel="(prev|next)" href="([^"]*)">', html))
        return (found.get("prev") or "").rstrip("/") or "/", found.get("next")  # ".." and "../" alike

    assert neighbours("")[1] == "articles/"
    assert neighbours("articles/") == ("..", f"{SECOND}/")  # home
    assert neighbours(f"articles/{SECOND}/source/")[1] == f"../../{SLUG}/"
    assert neighbours(f"articles/{SLUG}/source/")[1] == "../../../timeline/"


def test_home_lists_the_latest_articles_and_links_to_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from generator import pipeline
    from generator.render import pages as render

    project = copy_project(tmp_path / "project")
    second_article.install(project.root)
    monkeypatch.setattr(render, "HOME_LATEST", 1)
    _, pages = pipeline.generate(project.root)
    titles = re.compile(r"^## \[.*\]\(articles/([a-z0-9-]+)/index\.md\)$", re.M)
    assert titles.findall(pages["vi/_generated/articles.md"]) == [SECOND]
    assert "[Xem tất cả 2 bài báo](articles/index.md)" in pages["vi/_generated/articles.md"]
    assert "[See all 2 articles](articles/index.md)" in pages["en/_generated/articles.md"]
    monkeypatch.setattr(render, "HOME_LATEST", 2)
    _, pages = pipeline.generate(project.root)
    assert titles.findall(pages["en/_generated/articles.md"]) == [SECOND, SLUG]
    assert "articles/index.md" not in pages["en/_generated/articles.md"]
