import datetime as dt

import pytest

from generator.dates import format_when, resolve
from generator.model import When

PUBLISHED = dt.date(2021, 3, 19)  # a Friday


@pytest.mark.parametrize(
    ("when", "iso", "vi", "en"),
    [
        (When(weekday="thursday"), "2021-03-18", "18 tháng 3 năm 2021", "18 March 2021"),
        (When(weekday="friday"), "2021-03-19", "19 tháng 3 năm 2021", "19 March 2021"),
        (When(weekday="saturday"), "2021-03-13", "13 tháng 3 năm 2021", "13 March 2021"),
        (When(date="2021-02", part="early"), "2021-02", "đầu tháng 2 năm 2021", "early February 2021"),
        (When(date="2021-02", part="late"), "2021-02", "cuối tháng 2 năm 2021", "late February 2021"),
        (When(date="2021-02-27", approximate=True), "2021-02-27", "khoảng ngày 27 tháng 2 năm 2021", "around 27 February 2021"),
        (When(before="2021-03-18"), None, "trước ngày 18 tháng 3 năm 2021 (ngày cụ thể không được công bố)", "before 18 March 2021 (exact date not disclosed)"),
        (When(date="2021"), "2021", "năm 2021", "2021"),
        (When(date="2021-03"), "2021-03", "tháng 3 năm 2021", "March 2021"),
    ],
)
def test_resolve_and_write_in_both_languages(when, iso, vi, en):
    resolved = resolve(when, PUBLISHED)
    assert (resolved.iso, format_when(resolved, "vi"), format_when(resolved, "en")) == (iso, vi, en)


def test_early_february_covers_the_first_ten_days():
    resolved = resolve(When(date="2021-02", part="early"), PUBLISHED)
    assert (resolved.start, resolved.end) == (dt.date(2021, 2, 1), dt.date(2021, 2, 10))


def test_late_february_ends_on_the_last_day_of_the_month():
    assert resolve(When(date="2024-02", part="late"), PUBLISHED).end == dt.date(2024, 2, 29)


def test_an_undisclosed_date_sorts_just_before_its_bound():
    before = resolve(When(before="2021-03-18"), PUBLISHED)
    statement = resolve(When(weekday="thursday"), PUBLISHED)
    february = resolve(When(date="2021-02", part="early"), PUBLISHED)
    assert sorted([statement, before, february], key=lambda r: r.sort_key) == [february, before, statement]


@pytest.mark.parametrize(
    "fields",
    [{}, {"date": "2021-02", "weekday": "monday"}, {"date": "2021-02-03", "part": "early"}, {"date": "2021-02-30"}, {"date": "21-2"}],
)
def test_invalid_whens_are_refused(fields):
    with pytest.raises(ValueError):
        When(**fields)
