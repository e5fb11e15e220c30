"""Language: every page's switch leads to its twin, and the head names the twins for search engines."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

LANGUAGES = ("vi", "en")


def language_of(path: str) -> str:
    return "en" if path.startswith("en/") else "vi"


def twin_of(path: str) -> str:
    """The same page in the other language: ``timeline/`` ↔ ``en/timeline/``; 404 pages lead home."""
    if path.endswith("404.html"):
        return "" if path.startswith("en/") else "en/"
    return path.removeprefix("en/") if path.startswith("en/") else "en/" + path


def switch_language(page, to: str) -> None:
    """Open the header's language menu with the keyboard and follow the link to ``to``."""
    page.focus(".md-select > button")
    link = page.locator(f"a.md-select__link[hreflang='{to}']")
    link.focus()
    assert link.is_visible(), "the language menu does not open on keyboard focus"
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.keyboard.press("Enter")


def test_the_switch_of_every_page_leads_to_its_twin(page, site_url, pages):
    for path in pages:
        page.goto(site_url + path, wait_until="domcontentloaded")
        here = language_of(path)
        other = "en" if here == "vi" else "vi"
        assert page.get_attribute("html", "lang") == here, path
        switch_language(page, other)
        assert page.url == site_url + twin_of(path), f"the switch on {path} leads to {page.url}"
        assert page.get_attribute("html", "lang") == other, page.url


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_missing_page_shows_the_404_page_of_its_language(page, site_url, language):
    prefix = "" if language == "vi" else "en/"
    response = page.goto(site_url + prefix + "no/such/page/")
    assert response.status == 404
    assert page.get_attribute("html", "lang") == language
    words = {"vi": "Không tìm thấy trang", "en": "Page not found"}[language]
    assert page.text_content("article h1").strip() == words
    # its links are absolute, so they work at any depth: the home link leads home in the same language
    with page.expect_navigation():
        page.click("article a")
    assert page.url == site_url + prefix
    assert page.get_attribute("html", "lang") == language
