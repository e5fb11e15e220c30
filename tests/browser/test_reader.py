"""A news product on a phone first (390 px) and on a desktop (1280 px): key points in the first
screen, a reader's chrome, definitions and citations in place by touch, a timeline drawn to
scale, print with notes, the language switch keeping the reader's place, dark mode, a card and
a feed for sharing and following: each in both viewports."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from .conftest import DESKTOP, SLUG, axe_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
ARTICLE = {"vi": f"articles/{SLUG}/", "en": f"en/articles/{SLUG}/"}
KEY_POINTS = {"vi": "Điểm chính", "en": "Key points"}
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])


@pytest.fixture
def reader(browser, request_log):
    """A page factory: a fresh context per call (phone ones with touch), no outside request, no
    JavaScript error."""
    contexts = []

    def make(viewport=DESKTOP, **options):
        phone = viewport["width"] < 600
        context = browser.new_context(viewport=viewport, has_touch=phone, is_mobile=phone, service_workers="block", **options)
        context.route("**/*", request_log.route)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: request_log.errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()
    assert not request_log.outside, f"requests to other hosts: {request_log.outside}"
    assert not request_log.errors, f"JavaScript errors: {request_log.errors}"


def top(page, selector: str) -> float:
    return page.eval_on_selector(selector, "e => e.getBoundingClientRect().top + scrollY")


@VIEWPORTS
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_article_opens_with_headline_dateline_and_key_points_in_the_first_screen(reader, site_url, viewport, lang):
    page = reader(viewport)
    page.goto(site_url + ARTICLE[lang])
    box = page.locator(".key-points")
    assert box.locator("h2").text_content().removesuffix("#").strip() == KEY_POINTS[lang]
    assert top(page, ".key-points h2") + 40 < viewport["height"], "the key points heading is below the first screen"
    points = box.locator("li")
    assert 3 <= points.count() <= 5
    for i in range(points.count()):
        assert points.nth(i).locator("a.cite").count() >= 1, "a key point without its citation"
    # the dateline: the event, the source's publication, the explainer's own dates, each a <time>
    dateline = page.locator(".md-content h1 + .dateline")
    assert dateline.locator("time[datetime]").count() >= 3
    # the order: headline, dateline, key points, at a glance, then the details, the source box last
    order = [top(page, s) for s in ("h1", ".dateline", ".key-points", ".at-a-glance", "#what-happened", "#source")]
    assert order == sorted(order)
    # nothing said twice: the lead is not repeated above the key points, no list of dates after
    assert page.locator(".md-content .lead").count() == 0
    assert page.locator("#dates").count() == 0
    texts = page.eval_on_selector_all(".md-content li, .md-content p", "els => els.map(e => e.innerText.trim()).filter(t => t.length > 60)")
    assert len(texts) == len(set(texts)), "a passage is said twice on the page"


@VIEWPORTS
@pytest.mark.parametrize("path", ["", "en/", ARTICLE["vi"], ARTICLE["en"], "en/timeline/"])
def test_a_readers_chrome(reader, site_url, viewport, path):
    page = reader(viewport)
    page.goto(site_url + path)
    def visible(selector: str) -> list:  # shown, and on the screen (a closed drawer is beside it)
        return page.eval_on_selector_all(selector, """els => els.filter(e => { const r = e.getBoundingClientRect();
            const x = r.left + r.width / 2, y = r.top + r.height / 2;
            return r.width > 0 && x > 0 && x < innerWidth && y > 0 && y < innerHeight && e.contains(document.elementFromPoint(x, y)); })""")

    assert not visible(".md-sidebar--primary .md-nav__link"), "the navigation rail shows"
    assert not visible(".md-sidebar--secondary .md-nav__link"), "the contents rail shows"
    assert not page.query_selector_all("a[rel=edit], .md-footer__link, .md-header__source")
    assert not visible(".md-source")
    assert "Made with" not in page.inner_text("body")
    link = page.locator(".suggest-correction a")
    assert link.inner_text() in ("Đề xuất sửa lỗi", "Suggest a correction")
    assert re.match(r"https://github\.com/[^/]+/[^/]+/(edit|tree)/main/(seeds|docs)/", link.get_attribute("href"))
    # maintainers' pages are not in the readers' menu
    assert not page.query_selector_all(".md-nav a[href*='errors']")
    # the headline at full contrast and weight
    weight, colour = page.eval_on_selector(".md-content h1", "h => [getComputedStyle(h).fontWeight, getComputedStyle(h).color]")
    assert int(weight) >= 700
    alpha = re.fullmatch(r"rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)", colour)
    assert alpha and float(alpha.group(4) or 1) >= 0.85, colour
    # the permalink sign is not the citation marks' sign
    assert "¶" not in "".join(page.eval_on_selector_all(".headerlink", "els => els.map(e => e.textContent)"))


def test_the_english_home_title_names_the_site_once(page, site_url):
    page.goto(site_url + "en/")
    assert page.title() == "News explained"


@VIEWPORTS
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_at_most_ten_tab_stops_before_the_first_link_of_the_text(reader, site_url, viewport, lang):
    page = reader(viewport)
    page.goto(site_url + ARTICLE[lang])
    for _stop in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => { const e = document.activeElement; return e.tagName === 'A' && !e.classList.contains('headerlink') && !!e.closest('.md-content'); }"):
            break
    else:
        pytest.fail("no link of the text within 10 tab stops")
    # the menu button is one of them, and opens the navigation from the keyboard
    page.goto(site_url + ARTICLE[lang])
    page.focus("label.md-header__button[for=__drawer]")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.closest('.md-sidebar--primary') !== null")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")


def press(page, locator) -> None:
    """A tap on a phone, a click on a desktop."""
    if page.viewport_size["width"] < 600:
        locator.tap()
    else:
        locator.click()


@VIEWPORTS
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_tap_on_a_citation_shows_its_sentence_in_place(reader, site_url, viewport, lang):
    page = reader(viewport)
    page.goto(site_url + ARTICLE[lang])
    mark = page.locator(".key-points a.cite").first
    box = mark.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box
    expected = mark.get_attribute("title")
    url = page.url
    press(page, mark)
    dialog = page.locator(".popover[role=dialog]")
    assert dialog.is_visible() and page.url == url, "the tap left the page"
    assert dialog.locator(".popover__text").inner_text() == expected
    assert page.evaluate("document.activeElement.matches('.popover')")
    onward = dialog.locator("a.popover__link")
    assert onward.evaluate("a => a.href") == mark.evaluate("a => a.href")
    close = dialog.locator("button.popover__close")
    size = close.bounding_box()
    assert size["width"] >= 24 and size["height"] >= 24
    # within the screen: a sheet at the bottom of a phone's, beside the mark on a desktop
    sheet = dialog.bounding_box()
    assert sheet["y"] + sheet["height"] <= viewport["height"] + 1 and sheet["x"] >= 0 and sheet["x"] + sheet["width"] <= viewport["width"]
    if viewport is DESKTOP:
        mark_box = mark.bounding_box()
        assert abs(sheet["y"] - (mark_box["y"] + mark_box["height"])) < 40 or abs(sheet["y"] + sheet["height"] - mark_box["y"]) < 40, (sheet, mark_box)
    page.keyboard.press("Escape")
    assert dialog.count() == 0
    assert page.evaluate("document.activeElement.classList.contains('cite')"), "the focus did not go back to the mark"
    # the close button closes it too
    press(page, mark)
    press(page, page.locator(".popover__close"))
    assert page.locator(".popover").count() == 0


@VIEWPORTS
@pytest.mark.parametrize("kind", ["term", "entity"])
def test_a_tap_on_a_term_or_a_name_shows_its_entry_in_place(reader, site_url, viewport, kind):
    page = reader(viewport)
    page.goto(site_url + ARTICLE["en"])
    link = page.locator(f".md-content a.{kind}").first
    target = "glossary" if kind == "term" else "who"
    assert f"/{target}/#" in link.get_attribute("href")
    box = link.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box  # a touch target
    definition = link.get_attribute("title")
    url = page.url
    press(page, link)
    dialog = page.locator(".popover[role=dialog]")
    assert page.url == url, "the tap left the page"
    assert dialog.locator(".popover__title").inner_text() == link.inner_text()
    assert dialog.locator(".popover__text").inner_text() == definition
    press(page, page.locator("h1"))  # a tap elsewhere closes it
    assert dialog.count() == 0


def test_names_link_to_who_s_who_on_their_first_mention_only(page, site_url):
    page.goto(site_url + ARTICLE["en"])
    hrefs = page.eval_on_selector_all(".md-content .key-points a.entity, .md-content .claim a.entity", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs and len(hrefs) == len(set(hrefs))


def test_citation_marks_are_explained_once_per_page_as_on_the_about_page(page, site_url):
    page.goto(site_url + ARTICLE["en"])
    notes = page.locator(".cite-note")
    assert notes.count() == 1 and "¶2.1" in notes.inner_text()
    page.goto(site_url + "en/about/")
    about = page.inner_text(".md-content")
    assert "¶2.1" in about and "p2s1" not in about and "pull request" not in about


@VIEWPORTS
@pytest.mark.parametrize(("path", "later"), [("timeline/", r"… \d+ (tháng|năm) sau …"), ("en/timeline/", r"… \d+ (months|years) later …")])
def test_the_timeline_is_drawn_to_scale(reader, site_url, viewport, path, later):
    page = reader(viewport)
    page.goto(site_url + path)
    events = page.locator(".timeline li.timeline-event")
    assert events.count() >= 5
    assert re.search(later, page.inner_text(".timeline")), "a long gap is not worded"
    # the space between events grows with the time between them
    spaces = page.eval_on_selector_all(
        ".timeline li",
        """items => items.map(li => [li.className, parseFloat(getComputedStyle(li).marginTop),
            li.querySelector('time')?.getAttribute('datetime')])""",
    )
    gaps = [s for s in spaces if s[0] == "timeline-gap"]
    assert gaps and max(g[1] for g in gaps) > min(s[1] for s in spaces if s[0].startswith("timeline-event"))
    # each article is named once per run of its events, not at every event
    assert page.locator(".timeline .timeline-article").count() < events.count()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@VIEWPORTS
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_print_gives_the_address_and_numbered_notes(reader, site_url, viewport, lang):
    page = reader(viewport)
    page.goto(site_url + ARTICLE[lang])
    targets = page.eval_on_selector_all(".md-content a.cite", "marks => marks.map(m => m.dataset.url || m.href)")
    page.emulate_media(media="print")
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    masthead = page.locator(".print-masthead")
    assert masthead.is_visible() and "/articles/" in masthead.inner_text()
    notes = page.locator(".print-notes li")
    # one note per thing cited, numbered in the order first cited; a mark cited again shares its number
    assert len(set(targets)) < len(targets), "the page cites something twice"
    assert notes.count() == len(set(targets))
    numbers = page.eval_on_selector_all(".md-content a.cite", "marks => marks.map(m => Number(m.dataset.note))")
    first_numbers = dict(reversed(list(zip(targets, numbers, strict=True))))
    assert numbers == [first_numbers[t] for t in targets] and sorted(first_numbers.values()) == list(range(1, len(first_numbers) + 1))
    first = page.locator(".md-content a.cite").first
    assert page.evaluate("e => getComputedStyle(e, '::after').content", first.element_handle()) == '"[1]"'
    # an outside source's note gives its address (or its entry in the list of sources)
    outside = page.locator(".md-content a.cite-outside").first
    number = int(outside.get_attribute("data-note"))
    assert (outside.get_attribute("data-url") or outside.evaluate("a => a.href")) in notes.nth(number - 1).inner_text()
    assert not page.locator(".md-header").is_visible() and not page.locator(".suggest-correction").is_visible()
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert page.locator(".print-notes").count() == 0


@VIEWPORTS
@pytest.mark.parametrize(("start", "anchor", "switch_to"), [("glossary/", "#deepfake", "en"), (f"en/articles/{SLUG}/source/", "#p2s1", "vi")])
def test_the_language_switch_keeps_the_anchor(reader, site_url, viewport, start, anchor, switch_to):
    page = reader(viewport)
    page.goto(site_url + start + anchor)
    press(page, page.locator(".md-select .md-header__button"))
    with page.expect_navigation():
        press(page, page.locator(f"a.md-select__link[hreflang={switch_to}]"))
    assert page.url.endswith(anchor) and f"/{'en/' if switch_to == 'en' else ''}" in page.url
    assert page.evaluate("document.documentElement.lang") == switch_to


@VIEWPORTS
@pytest.mark.parametrize("path", [ARTICLE["vi"], ARTICLE["en"], "en/timeline/", "glossary/"])
def test_dark_mode_follows_the_system_and_has_no_axe_violation(reader, site_url, axe_source, viewport, path):
    page = reader(viewport, color_scheme="dark")
    page.goto(site_url + path)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert sum(map(int, re.findall(r"\d+", background)[:3])) < 150, background
    assert axe_violations(page, axe_source) == []


@VIEWPORTS
def test_the_toggle_switches_the_scheme(reader, site_url, viewport):
    page = reader(viewport, color_scheme="light")
    page.goto(site_url + ARTICLE["en"])
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    toggle = page.locator("form[data-md-component=palette] label:not([hidden])")
    assert toggle.count() == 1
    press(page, toggle)  # system → light
    press(page, page.locator("form[data-md-component=palette] label:not([hidden])"))  # light → dark
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"


@VIEWPORTS
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_shared_page_has_its_card_and_offers_its_feed(reader, site_url, viewport, lang):
    page = reader(viewport)
    page.goto(site_url + ARTICLE[lang])
    meta = page.eval_on_selector_all(
        "meta[property^='og:'], meta[name^='twitter:']",
        "els => Object.fromEntries(els.map(e => [e.getAttribute('property') || e.getAttribute('name'), e.content]))",
    )
    assert meta["og:title"] and meta["og:description"] and meta["og:locale"].startswith(lang)
    assert meta["twitter:card"] == "summary_large_image"
    # the card, served by the site itself: 1200×630
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    card = origin + urlsplit(meta["og:image"]).path
    size = page.evaluate("async src => { const img = new Image(); img.src = src; await img.decode(); return [img.naturalWidth, img.naturalHeight]; }", card)
    assert size == [1200, 630], card
    # the feed of the page's language, linked from its head, lists this article
    feed = page.eval_on_selector("link[rel=alternate][type='application/atom+xml']", "l => l.href")
    titles = page.evaluate(
        """async url => {
            const xml = new DOMParser().parseFromString(await (await fetch(url)).text(), "application/xml");
            return [...xml.querySelectorAll("feed > entry > title")].map(t => t.textContent);
        }""",
        origin + urlsplit(feed).path,
    )
    assert page.inner_text("h1") in titles, (titles, feed)
