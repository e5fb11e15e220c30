"""The explainer's dateline: the reported events from the first to the last as dated (a single date
would read as the date of the main event, which may be undisclosed), and a publication date that
is not printed on the text linked to the source card that says how it is known."""

from __future__ import annotations

import re

import pytest

from generator import pipeline

from .conftest import Project


def _dateline(project: Project, lang: str, slug: str) -> str:
    _, pages = pipeline.generate(project.root)
    page = pages[f"{lang}/articles/{slug}/index.md"]
    return next(line for line in page.splitlines() if line.startswith('<p class="dateline">'))



@pytest.mark.parametrize(("lang", "label"), [("vi", "Diễn biến"), ("en", "Events")])
def test_a_dateline_spans_the_reported_events(project: Project, lang: str, label: str):
    slug = next(p.name for p in project.path("seeds").iterdir() if (p / "facts.yml").is_file())
    line = _dateline(project, lang, slug)
    span = re.search(rf"<span>{label}: (<time[^>]*>[^<]*</time>) – (<time[^>]*>[^<]*</time>)</span>", line)
    assert span, line
    assert span.group(1) != span.group(2)


@pytest.mark.parametrize(("lang", "words"), [("vi", "cách xác định ngày này"), ("en", "how this date is known")])
def test_an_inferred_publication_date_links_to_how_it_is_known(project: Project, lang: str, words: str):
    slug = next(p.name for p in project.path("seeds").iterdir() if (p / "facts.yml").is_file())
    assert f'(<a href="#source">{words}</a>)' in _dateline(project, lang, slug)
    meta = project.read(f"seeds/{slug}/article.yml")
    start = meta.index("published_note:")
    end = meta.index("\n", meta.index("\n  en:", start) + 1)
    project.write(f"seeds/{slug}/article.yml", meta[:start] + meta[end + 1 :])
    assert "#source" not in _dateline(project, lang, slug)
