"""Glossary in the text: a term's first mention links to its entry and shows the short definition,
in the page's language, on hover and on keyboard focus."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from .conftest import SLUG

pytestmark = pytest.mark.browser

PAGES = {"vi": f"articles/{SLUG}/", "en": f"en/articles/{SLUG}/"}


def first_term(built_site: Path, path: str) -> tuple[str, str]:
    """The link text and title (the short definition) of the page's first glossary link, as built."""
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<a class="term" href="[^"]*" title="([^"]*)">([^<]*)</a>', html)
    assert match, f"no glossary link on {path}"
    return unescape(match.group(2)), unescape(match.group(1))


def tooltip_of(page, link) -> str:
    """The text of the tooltip the link points to (aria-describedby), once it is shown."""
    page.wait_for_function("el => { const id = el.getAttribute('aria-describedby'); const tip = id && document.getElementById(id);"
                           " return tip && tip.classList.contains('md-tooltip2--active') && getComputedStyle(tip).opacity === '1'; }",
                           arg=link.element_handle())
    return page.evaluate("el => document.getElementById(el.getAttribute('aria-describedby')).textContent", link.element_handle()).strip()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_definition_shows_on_hover(page, site_url, built_site, language):
    text, definition = first_term(built_site, PAGES[language])
    page.goto(site_url + PAGES[language])
    link = page.locator("a.term").first
    assert link.text_content() == text
    link.hover()
    assert tooltip_of(page, link) == definition


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_definition_shows_on_keyboard_focus(page, site_url, built_site, language):
    text, definition = first_term(built_site, PAGES[language])
    page.goto(site_url + PAGES[language])
    link = page.locator("a.term").first
    for _ in range(80):  # Tab through the page until the term has the focus
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail(f"the glossary link “{text}” cannot be reached with Tab")
    assert tooltip_of(page, link) == definition


def test_the_definitions_are_in_the_page_language(built_site):
    vi = first_term(built_site, PAGES["vi"])[1]
    en = first_term(built_site, PAGES["en"])[1]
    assert vi != en
    assert re.search(r"[ăâđêôơưạ-ỹ]", vi), vi
    assert not re.search(r"[ăâđêôơưạ-ỹ]", en), en


@pytest.mark.parametrize(("path", "words"), [("glossary/", "Xuất hiện trong"), ("en/glossary/", "Mentioned in")])
def test_the_glossary_lists_where_each_term_is_mentioned(page, site_url, path, words):
    page.goto(site_url + path)
    links = page.eval_on_selector_all(
        f"p.term-meta:has-text('{words}') a", "links => links.map(a => a.href)"
    )
    assert links
    for href in sorted(set(links)):
        response = page.request.get(href)
        assert response.ok, href


def test_escape_hides_the_definition_until_the_focus_moves(page, site_url):
    page.goto(site_url + PAGES["en"])
    first, second = page.locator("a.term").nth(0), page.locator("a.term").nth(1)
    first.focus()
    tooltip_of(page, first)
    page.keyboard.press("Escape")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-tooltip2--active')).visibility") == "hidden"
    assert first.evaluate("el => el === document.activeElement")  # the focus stays
    second.focus()
    assert tooltip_of(page, second)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-tooltip2--active')).visibility") == "visible"
