"""Every page of both languages, in the browser: no axe-core violation, no request to another
host, no JavaScript error, no sideways scrolling on a phone."""

from __future__ import annotations

import pytest

from .conftest import PHONE, axe_violations

pytestmark = pytest.mark.browser


def test_axe_finds_no_violation_on_any_page(page, site_url, pages, axe_source):
    found = {}
    for path in pages:
        page.goto(site_url + path)
        violations = axe_violations(page, axe_source)
        if violations:
            found[path] = violations
    assert not found, "\n".join(f"{path}: {v}" for path, vs in found.items() for v in vs)


@pytest.mark.parametrize(("path", "query"), [("", "khuon mat"), ("en/", "deepfake")])
def test_axe_finds_no_violation_with_the_search_open(page, site_url, axe_source, path, query):
    page.goto(site_url + path)
    page.locator("body").press("/")
    page.keyboard.type(query)
    page.wait_for_function("q => document.querySelector('.md-search-result__list').dataset.query === q", arg=query)
    page.keyboard.press("ArrowDown")  # a focused, highlighted result
    assert axe_violations(page, axe_source) == []


def test_every_page_fits_a_phone_and_asks_no_other_host(page, site_url, pages, request_log):
    """No sideways scrolling at 375 px; fonts, GitHub's API, search, sitemaps: every request goes to
    the site's own host (the page fixture blocks and reports any other, and any JavaScript error)."""
    page.set_viewport_size(PHONE)
    wide = {}
    for path in pages:
        page.goto(site_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[path] = width
    assert not wide, f"wider than {PHONE['width']} px: {wide}"
    assert len(request_log.urls) > len(pages)
    assert not request_log.outside, request_log.outside


def test_the_request_log_catches_a_request_to_another_host(page, site_url, request_log):
    page.goto(site_url)
    page.evaluate("fetch('https://fonts.googleapis.com/css?family=Roboto').catch(() => null)")
    assert request_log.outside == ["https://fonts.googleapis.com/css?family=Roboto"]
    request_log.outside.clear()  # expected here: do not fail the test


CONTRAST = """el => {
  const rgb = getComputedStyle(el).color.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const [r, g, b] = rgb.map(c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
  const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (lum + 0.05);  // against the white page
}"""


@pytest.mark.parametrize("selector", ["article a.term", "article a.cite", "article p a:not(.term):not(.cite)"])
def test_hovered_and_focused_links_keep_a_contrast_of_4_5(page, site_url, selector):
    """Material's accent colour (hover, focus) is 4.25:1 on white; the site's is darker."""
    page.goto(site_url + "en/articles/deepfake-clubhouse-2021/")
    link = page.locator(selector).first
    link.hover()
    page.wait_for_timeout(300)  # Material's colour transition
    assert link.evaluate(CONTRAST) >= 4.5
    page.mouse.move(0, 0)
    link.focus()
    page.wait_for_timeout(300)
    assert link.evaluate(CONTRAST) >= 4.5
