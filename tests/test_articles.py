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
USED_BY = {"vi": "Bài sử dụng", "en": "Used by"}


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


@pytest.mark.parametrize(("lang", "dates"), [("vi", ["10 tháng 6, 2022", "19 tháng 3, 2021"]), ("en", ["June 10, 2022", "March 19, 2021"])])
def test_home_lists_the_articles_newest_first(site: Path, lang: str, dates: list[str]):
    home = content(site / f"{LANGS[lang]}index.html")
    assert re.findall(r'<h[2-4] id="[^"]*"><a href="articles/([a-z0-9-]+)/">', home) == [SECOND, SLUG]
    assert [home.index(d) for d in dates] == sorted(home.index(d) for d in dates)


@pytest.mark.parametrize("lang", LANGS)
def test_the_timeline_merges_the_events_of_every_article_in_date_order(site: Path, lang: str):
    timeline = content(site / f"{LANGS[lang]}timeline/index.html")
    items = re.findall(r'<time datetime="([0-9-]+)">.*?href="\.\./articles/([a-z0-9-]+)/"', timeline, re.DOTALL)
    assert [d for d, _ in items] == sorted(d for d, _ in items)
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
