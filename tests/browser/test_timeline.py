"""Timeline: an ordered list of dated events, approximate dates worded as approximate, readable
on a phone (375 px) and on a desktop (1280 px)."""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

APPROXIMATE = {"vi": ("đầu", "khoảng", "trước", "cuối", "giữa"), "en": ("early", "around", "before", "late", "mid")}


def events(page) -> list[dict]:
    return page.eval_on_selector_all(
        ".timeline ol > li.timeline-event",
        """items => items.map(li => {
            const times = li.querySelectorAll('time[datetime], .date');
            return {count: times.length, datetime: times[0]?.getAttribute('datetime'), text: times[0]?.textContent,
                    first: li.firstElementChild?.firstElementChild === times[0]};
        })""",
    )


@pytest.mark.parametrize(("path", "language"), [("timeline/", "vi"), ("en/timeline/", "en")])
def test_the_timeline_is_an_ordered_list_of_dated_events_in_date_order(page, site_url, path, language):
    page.goto(site_url + path)
    found = events(page)
    assert len(found) >= 5
    assert all(e["count"] == 1 and e["first"] for e in found), "each event starts with one date"
    # a <time datetime> where its date is known at least to the year; an undisclosed day ("before
    # 18 March") is no <time>, so that no datetime gives a day that is not known
    datetimes = [e["datetime"] for e in found if e["datetime"]]
    assert datetimes == sorted(datetimes), datetimes
    assert all(e["text"].lower().startswith(APPROXIMATE[language]) for e in found if not e["datetime"])
    # a date known to the month only is worded as approximate ("early February 2021")
    for event in found:
        if event["datetime"] and len(event["datetime"]) == len("2021-02"):
            assert event["text"].lower().startswith(APPROXIMATE[language]), event


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
@pytest.mark.parametrize("path", ["timeline/", "en/timeline/"])
def test_the_timeline_is_readable(page, site_url, path, viewport):
    page.set_viewport_size(viewport)
    page.goto(site_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], "the page scrolls sideways"
    boxes = page.eval_on_selector_all(
        ".timeline time, .timeline .date",
        "els => els.map(el => { const r = el.getBoundingClientRect(); return [r.left, r.right, parseFloat(getComputedStyle(el).fontSize)]; })",
    )
    for left, right, size in boxes:
        assert left >= 0 and right <= viewport["width"], "a date is cut off"
        assert size >= 14, "dates are too small to read"
