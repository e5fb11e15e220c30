"""Resolve event dates with their honest precision, and write them as each language does.

>>> import datetime as dt
>>> from generator.model import When
>>> r = resolve(When(weekday="thursday"), published=dt.date(2021, 3, 19))
>>> r.iso, r.precision
('2021-03-18', 'day')
>>> format_when(resolve(When(date="2021-02", part="early"), dt.date(2021, 3, 19)), "vi")
'đầu tháng 2 năm 2021'
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import cache

import icu

from .model import WEEKDAYS, When
from .strings import strings

#: Days of the month that "early", "mid" and "late" cover.
PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


@dataclass(frozen=True)
class Resolved:
    """A date range [start, end] and how precisely it is known."""

    start: dt.date
    end: dt.date
    precision: str  # day | month | year | before
    part: str | None = None
    approximate: bool = False

    @property
    def iso(self) -> str:
        """The value for ``<time datetime>``: as precise as the date is known, no more."""
        if self.precision == "year":
            return f"{self.start.year:04d}"
        if self.precision == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return (self.end if self.precision == "before" else self.start).isoformat()

    @property
    def sort_key(self) -> tuple[dt.date, dt.date]:
        """Order by earliest possible day; an undisclosed "before D" sorts just before D."""
        return (self.end, self.end) if self.precision == "before" else (self.start, self.end)


def _parse(value: str) -> tuple[int, ...]:
    return tuple(int(p) for p in value.split("-"))


def resolve(when: When, published: dt.date) -> Resolved:
    """Turn a ``When`` into a date range; relative dates count back from ``published``."""
    if when.weekday is not None:
        target = WEEKDAYS.index(when.weekday)
        day = published - dt.timedelta(days=(published.weekday() - target) % 7)
        return Resolved(day, day, "day", approximate=when.approximate)
    if when.before is not None:
        bound = _day_range(_parse(when.before))[0] - dt.timedelta(days=1)
        return Resolved(dt.date.min, bound, "before", approximate=when.approximate)
    parts = _parse(when.date or "")
    start, end = _day_range(parts)
    precision = {1: "year", 2: "month", 3: "day"}[len(parts)]
    if when.part is not None:
        first, last = PARTS[when.part]
        start = start.replace(day=first)
        end = end.replace(day=min(last, end.day))
    return Resolved(start, end, precision, part=when.part, approximate=when.approximate)


def _day_range(parts: tuple[int, ...]) -> tuple[dt.date, dt.date]:
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    day = dt.date(*parts)
    return day, day


@cache
def _formatter(lang: str, precision: str) -> icu.SimpleDateFormat:
    """ICU's formatter for the site's one pattern of ``lang`` at ``precision`` (day, month, year).

    The patterns are the interface strings ``date_day``, ``date_month`` and ``date_year``, in
    ICU's syntax: CLDR's month and day names, one rule per language (Vietnamese "19 tháng 3 năm
    2021", English "19 March 2021", CLDR's en-GB long date). CLDR's own vi long date
    ("19 tháng 3, 2021") puts a comma where Vietnamese prose writes "năm"."""
    locale = icu.Locale(lang)
    formatter = icu.SimpleDateFormat(strings(lang)[f"date_{precision}"], locale)
    formatter.setTimeZone(icu.TimeZone.getGMT())
    return formatter


def _format(day: dt.date, lang: str, precision: str) -> str:
    calendar = icu.GregorianCalendar(icu.TimeZone.getGMT())
    calendar.clear()
    calendar.set(day.year, day.month - 1, day.day)
    return _formatter(lang, precision).format(calendar.getTime())


def format_day(day: dt.date, lang: str) -> str:
    """A day as ``lang`` writes it in full (the site's one pattern for a day)."""
    return _format(day, lang, "day")


def format_when(resolved: Resolved, lang: str) -> str:
    """The date as a reader of ``lang`` writes it, approximations spelled out."""
    words = strings(lang)
    if resolved.precision == "before":
        return words["date_before"].format(date=format_day(resolved.end + dt.timedelta(days=1), lang))
    if resolved.precision == "year":
        text = _format(resolved.start, lang, "year")
    elif resolved.precision == "month":
        text = _format(resolved.start, lang, "month")
        if resolved.part:
            text = words[f"date_{resolved.part}"].format(month=text)
    else:
        text = format_day(resolved.start, lang)
    if resolved.approximate:
        text = words["date_approximate"].format(date=text)
    return text
