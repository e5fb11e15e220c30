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
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

import icu

from generator.model import WEEKDAYS, Event, MonthPart, PartOfDay, When, published_span
from generator.strings import strings

#: How precisely a date is known: a day, a month, a year; an undisclosed day before a date; a
#: date relative to another event's.
Precision = Literal["day", "month", "year", "before", "after"]
#: Days of the month that "early", "mid" and "late" cover.
PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


@dataclass(frozen=True)
class Resolved:
    """A date range [start, end] and how precisely it is known."""

    start: dt.date
    end: dt.date
    precision: Precision
    part: MonthPart | None = None
    approximate: bool = False
    part_of_day: PartOfDay | None = None
    timezone: str | None = None
    #: a relative date: the anchor's resolved date, and the (unit, count) after it
    anchor: Resolved | None = None
    offset: tuple[str, int] | None = None

    @property
    def iso(self) -> str | None:
        """The value for ``<time datetime>``: only what is known of the date. A day only when the
        day is known; else its month or year; None when not even the year is certain."""
        if self.precision == "year":
            return f"{self.start.year:04d}"
        if self.precision == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        if self.start == self.end:
            return self.start.isoformat()
        if self.start == dt.date.min or self.start.year != self.end.year:
            return None
        if self.start.month == self.end.month:
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return f"{self.start.year:04d}"

    @property
    def sort_key(self) -> tuple[dt.date, dt.date]:
        """Order by earliest possible day; an undisclosed "before D" sorts just before D."""
        return (self.end, self.end) if self.precision == "before" else (self.start, self.end)


def _parse(value: str) -> tuple[int, ...]:
    return tuple(int(p) for p in value.split("-"))


def _published_day(published: dt.date | str) -> dt.date:
    """The last day a publication date allows (relative dates count back from it)."""
    return published if isinstance(published, dt.date) else published_span(published)[1]


#: How much an approximate relative date may be off, per unit of its offset.
_SLACK = {"days": 0.25, "weeks": 0.25, "months": 0.25, "years": 0.25}


def _add(day: dt.date, unit: str, count: int) -> dt.date:
    if unit == "days":
        return day + dt.timedelta(days=count)
    if unit == "weeks":
        return day + dt.timedelta(weeks=count)
    months = count * (12 if unit == "years" else 1)
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def resolve(when: When, published: dt.date | str, events: Sequence[Event] = (), _seen: frozenset[str] = frozenset()) -> Resolved:
    """Turn a ``When`` into a date range; relative dates count back from ``published`` (the last
    day it allows) or forward from another of ``events`` (an ``after:`` date)."""
    if when.after is not None:
        anchor_event = next((e for e in events if e.id == when.after), None)
        if anchor_event is None or when.after in _seen:
            raise UnresolvedDate(when.after)
        anchor = resolve(anchor_event.when, published, events, _seen | {when.after})
        unit, count = when.offset or ("days", 0)
        start, end = _add(anchor.start if anchor.start != dt.date.min else anchor.end, unit, count), _add(anchor.end, unit, count)
        if when.approximate:
            span = (_add(start, unit, count) - start).days if count else 0
            slack = dt.timedelta(days=max(1, round(span * _SLACK[unit])))
            start, end = start - slack, end + slack
        return Resolved(start, end, "after", approximate=when.approximate, anchor=anchor, offset=(unit, count), part_of_day=when.part_of_day, timezone=when.timezone)
    if when.weekday is not None:
        target = WEEKDAYS.index(when.weekday)
        day = _published_day(published)
        day = day - dt.timedelta(days=(day.weekday() - target) % 7)
        return Resolved(day, day, "day", approximate=when.approximate, part_of_day=when.part_of_day, timezone=when.timezone)
    if when.before is not None:
        bound = _day_range(_parse(when.before))[0] - dt.timedelta(days=1)
        return Resolved(dt.date.min, bound, "before", approximate=when.approximate, part_of_day=when.part_of_day, timezone=when.timezone)
    parts = _parse(when.date or "")
    start, end = _day_range(parts)
    precision: Precision = ("year", "month", "day")[len(parts) - 1]
    if when.part is not None:
        first, last = PARTS[when.part]
        start = start.replace(day=first)
        end = end.replace(day=min(last, end.day))
    return Resolved(start, end, precision, part=when.part, approximate=when.approximate, part_of_day=when.part_of_day, timezone=when.timezone)


class UnresolvedDate(ValueError):
    """An ``after:`` date whose event is unknown, or a cycle of them (validation names it)."""


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
    return str(_formatter(lang, precision).format(calendar.getTime()))


def format_day(day: dt.date, lang: str) -> str:
    """A day as ``lang`` writes it in full (the site's one pattern for a day)."""
    return _format(day, lang, "day")


def format_published(value: str, lang: str) -> str:
    """A publication date with exactly its precision: "2019", "tháng 6 năm 2019" / "June 2019",
    a day, or a day and time (with its UTC offset)."""
    first, _, precision = published_span(value)
    if precision in ("year", "month"):
        return _format(first, lang, precision)
    if precision == "day":
        return format_day(first, lang)
    moment = dt.datetime.fromisoformat(value)
    offset = int((moment.utcoffset() or dt.timedelta()).total_seconds() // 60)  # the model refuses a time without its offset
    zone = icu.TimeZone.createTimeZone("GMT" + (f"{'+' if offset >= 0 else '-'}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"))
    formatter = icu.SimpleDateFormat(icu.DateTimePatternGenerator.createInstance(icu.Locale(lang)).getBestPattern("jmmO"), icu.Locale(lang))
    formatter.setTimeZone(zone)
    return strings(lang)["date_time"].format(date=format_day(first, lang), time=formatter.format(moment.timestamp()))


def published_iso(value: str) -> str:
    """``<time datetime>`` of a publication date: exactly as given (a date-time keeps its offset)."""
    return value


def _measure(unit: str, count: int, lang: str) -> str:
    """"1 tháng" / "1 month": CLDR's unit patterns through ICU."""
    make = {"days": icu.MeasureUnit.createDay, "weeks": icu.MeasureUnit.createWeek, "months": icu.MeasureUnit.createMonth, "years": icu.MeasureUnit.createYear}[unit]
    return str(icu.MeasureFormat(icu.Locale(lang), icu.UMeasureFormatWidth.WIDE).formatMeasures([icu.Measure(icu.Formattable(count), make())]))


def _zone_name(timezone: str, lang: str) -> str:
    """"giờ Pháp" / "France time": CLDR's generic location name of the zone."""
    formatter = icu.SimpleDateFormat("VVVV", icu.Locale(lang))
    formatter.setTimeZone(icu.TimeZone.createTimeZone(timezone))
    name = str(formatter.format(0.0))
    return name[:1].lower() + name[1:] if lang == "vi" else name


def format_when(resolved: Resolved, lang: str) -> str:
    """The date as a reader of ``lang`` writes it, approximations spelled out."""
    words = strings(lang)
    if resolved.precision == "after" and resolved.anchor is not None:
        unit, count = resolved.offset or ("days", 0)
        anchor = format_when(replace(resolved.anchor, timezone=None), lang)
        text = words["date_after"].format(offset=_measure(unit, count, lang), date=anchor)
        if resolved.approximate:
            text = words["date_approximate"].format(date=text)
        return text
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
    if resolved.part_of_day:
        text = words[f"part_of_day_{resolved.part_of_day}"].format(date=text)
    if resolved.approximate:  # a bare day takes its noun in Vietnamese ("khoảng ngày 27 tháng 2…")
        bare_day = resolved.precision == "day" and not resolved.part_of_day
        text = words["date_approximate_day" if bare_day else "date_approximate"].format(date=text)
    if resolved.timezone:
        text = words["date_timezone"].format(date=text, zone=_zone_name(resolved.timezone, lang))
    return text
