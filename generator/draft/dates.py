"""Date expressions of Vietnamese news text, for ``generator draft``.

Each expression is resolved against the publication date as far as the text allows: a day and
month take the publication's year (the year before when that day would fall after publication),
a part of the day (sáng, chiều, tối…) and a stated time zone ("giờ Pháp") are kept, and a date
that only says how long after or before something it was ("gần một tháng sau vụ việc", "tuần
trước") is proposed as relative, with its anchor and whether the text says it is approximate.

>>> p = Published.parse("2019-06-10")
>>> [(d.text, d.value, d.part_of_day, d.timezone) for d in find_dates("Tối 19/5 (giờ Pháp), phim được chiếu.", p)]
[('Tối 19/5 (giờ Pháp)', '2019-05-19', 'evening', 'Europe/Paris')]
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from generator import model

# -- the publication date -------------------------------------------------------------------------

PUBLISHED_FORMS = "a year (2019), a month (2019-06), a day (2019-06-05) or a date-time with its UTC offset (2019-06-05T14:30+07:00)"
_PUBLISHED = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2}))?)?)?")


@dataclass(frozen=True)
class Published:
    """A publication date of known precision: year, month, day or time."""

    text: str  # as written in article.yml
    first: dt.date  # its first possible day
    last: dt.date  # its last possible day
    precision: str  # year | month | day | time

    @classmethod
    def parse(cls, value: str) -> Published:
        """``2019``, ``2019-06``, ``2019-06-05`` or ``2019-06-05T14:30+07:00``; ValueError otherwise."""
        m = _PUBLISHED.fullmatch(value.strip())
        if m is None:
            raise ValueError(f"{value!r} is not a publication date")
        year, month, day, hour = m.group(1), m.group(2), m.group(3), m.group(4)
        if hour is not None:
            moment = dt.datetime.fromisoformat(value.strip().replace(" ", "T").replace("Z", "+00:00"))
            if moment.year < model.EARLIEST_YEAR:
                raise ValueError(f"{value!r} is before the year {model.EARLIEST_YEAR}")
            return cls(moment.isoformat(timespec="minutes" if moment.second == 0 else "seconds"), moment.date(), moment.date(), "time")
        if int(year) < model.EARLIEST_YEAR:
            raise ValueError(f"{value!r} is before the year {model.EARLIEST_YEAR}")
        if month is None:
            return cls(year, dt.date(int(year), 1, 1), dt.date(int(year), 12, 31), "year")
        first = dt.date(int(year), int(month), int(day or 1))
        if day is None:
            last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
            return cls(f"{year}-{month}", first, last, "month")
        return cls(first.isoformat(), first, first, "day")

    @property
    def day_known(self) -> bool:
        return self.precision in ("day", "time")


# -- what a date expression is --------------------------------------------------------------------


@dataclass
class DateFound:
    """A date expression of a sentence and what it says."""

    text: str  # as written
    start: int  # offset in the sentence
    end: int
    value: str | None  # ISO date (2019, 2019-05, 2019-05-19), or an ISO duration (P1M, -P1W) from `relative_to`
    precision: str  # year | month | day | weekday | before | duration
    english: str = ""
    part_of_day: str | None = None  # morning | noon | afternoon | evening | night
    timezone: str | None = None  # IANA name of the time zone the text states
    relative_to: str | None = None  # "publication", or the anchor as written ("vụ việc")
    approximate: bool = False
    part: str | None = None  # early | mid | late (of a month)
    assumed: str = ""  # what was assumed to resolve it
    weekday: str | None = None
    notes: list[str] = field(default_factory=list)

    def when(self) -> model.When | None:
        """The event date the expression gives, in the seed format; None for a date relative to
        another event (its anchor is for the contributor to choose)."""
        fields = model.When.model_fields
        values: dict[str, object] = {}
        if self.precision == "weekday":
            values["weekday"] = self.weekday
        elif self.precision == "before":
            values["before"] = self.value
        elif self.precision in ("year", "month", "day") and self.value:
            values["date"] = self.value
            if self.part:
                values["part"] = self.part
        else:
            return None
        if self.approximate:
            values["approximate"] = True
        for key in ("part_of_day", "timezone"):
            if getattr(self, key) and key in fields:
                values[key] = getattr(self, key)
        return model.When.model_validate(values)

    def as_json(self, sentence: str) -> dict[str, object]:
        precision = "day" if self.precision == "weekday" else self.precision
        return {"text": self.text, "value": self.value, "precision": precision, "part_of_day": self.part_of_day,
                "timezone": self.timezone, "relative_to": self.relative_to, "approximate": self.approximate, "sentence": sentence}


# -- the words ------------------------------------------------------------------------------------

MONTHS_EN = list(calendar.month_name)
MONTH_WORDS = {
    "giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
    "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12,
}
WEEKDAY_WORDS = {"hai": "monday", "ba": "tuesday", "tư": "wednesday", "năm": "thursday", "sáu": "friday", "bảy": "saturday", "chủ nhật": "sunday"}
PARTS = {"đầu": "early", "giữa": "mid", "cuối": "late"}
PARTS_EN = {"early": "early {}", "mid": "mid-{}", "late": "late {}"}
PARTS_OF_DAY = {"rạng sáng": "morning", "sáng": "morning", "trưa": "noon", "chiều": "afternoon", "tối": "evening", "đêm": "night", "khuya": "night"}
#: "(giờ Pháp)" → the IANA zone; an ambiguous one (giờ Mỹ: which of six?) maps to None.
TIMEZONES = {
    "pháp": "Europe/Paris", "paris": "Europe/Paris", "hà nội": "Asia/Ho_Chi_Minh", "việt nam": "Asia/Ho_Chi_Minh", "vn": "Asia/Ho_Chi_Minh",
    "tp.hcm": "Asia/Ho_Chi_Minh", "bắc kinh": "Asia/Shanghai", "trung quốc": "Asia/Shanghai", "anh": "Europe/London", "london": "Europe/London",
    "đức": "Europe/Berlin", "berlin": "Europe/Berlin", "nga": "Europe/Moscow", "moscow": "Europe/Moscow", "matxcơva": "Europe/Moscow",
    "nhật": "Asia/Tokyo", "nhật bản": "Asia/Tokyo", "tokyo": "Asia/Tokyo", "hàn quốc": "Asia/Seoul", "seoul": "Asia/Seoul",
    "thái lan": "Asia/Bangkok", "bangkok": "Asia/Bangkok", "singapore": "Asia/Singapore", "ấn độ": "Asia/Kolkata", "úc": None,
    "washington": "America/New_York", "new york": "America/New_York", "miền đông mỹ": "America/New_York", "miền tây mỹ": "America/Los_Angeles",
    "mỹ": None, "địa phương": None, "gmt": "UTC", "utc": "UTC", "quốc tế": "UTC",
}
UNITS = {"ngày": "days", "hôm": "days", "tuần": "weeks", "tháng": "months", "năm": "years"}
UNIT_CODE = {"days": "D", "weeks": "W", "months": "M", "years": "Y"}
COUNT_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10, "vài": 2, "mấy": 2}

_I = re.IGNORECASE
_LEAD = r"(?:(?P<lead>rạng\s+sáng|sáng|trưa|chiều|tối|đêm|khuya|hôm|ngày|vào)\s+(?:(?:ngày|hôm)\s+)?)?"
_ZONE_NAMES = "|".join(sorted(map(re.escape, TIMEZONES), key=len, reverse=True))
_ZONE = (r"(?:\s*\(\s*(?:theo\s+)?giờ\s+(?P<zone>[^()]{1,30}?)\s*\)"
         r"|,?\s+(?:theo\s+)?giờ\s+(?P<zone2>" + _ZONE_NAMES + r")(?!\w))?")
_MONTH = r"(?P<month>\d{1,2}|mười\s+một|mười\s+hai|mười|giêng|chạp|một|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín)"
_COUNT = r"(?P<count>\d+|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|vài|mấy)"
#: Date expressions, most specific first; a later pattern never takes text an earlier one took.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("dmy", re.compile(r"(?<![\w/.,-])" + _LEAD + r"(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})(?![\w/-])" + _ZONE, _I)),
    ("dmy", re.compile(r"(?<!\w)" + _LEAD + r"(?P<day>\d{1,2})\s+tháng\s+" + _MONTH + r"(?:(?:\s+năm\s+|\s*[,/]\s*)(?P<year>\d{4}))?(?!\w)" + _ZONE, _I)),
    ("dm", re.compile(r"(?<![\w/.,-])" + _LEAD + r"(?P<day>\d{1,2})/(?P<month>\d{1,2})(?![\w/]|[.,]\d)" + _ZONE, _I)),
    ("dm", re.compile(r"(?<![\w/.,-])(?P<lead>rạng\s+sáng|sáng|trưa|chiều|tối|đêm|khuya|hôm|ngày)\s+(?P<day>\d{1,2})[.-](?P<month>\d{1,2})(?![\w/]|[.,-]\d)" + _ZONE, _I)),
    ("relative", re.compile(r"(?<!\w)(?P<approx>hơn|gần|mấy|nhiều)\s+(?P<unit>năm|tháng|tuần)\s+(?P<dir>nay|qua)(?!\w)", _I)),
    ("weekday", re.compile(r"(?<!\w)(?:(?P<lead>rạng\s+sáng|hôm|vào|ngày|sáng|trưa|chiều|tối|đêm)\s+)?"
                           r"(?:thứ\s+(?P<wd>Hai|Ba|Tư|Năm|Sáu|Bảy|hai|ba|tư|năm|sáu|bảy)|(?P<sunday>chủ\s+nhật))(?P<which>\s+(?:tuần\s+)?(?:trước|này|qua))?(?!\w)", _I)),
    ("relative", re.compile(r"(?<!\w)(?P<approx>gần|khoảng|chừng|hơn)?\s*" + _COUNT
                            + r"\s+(?P<unit>ngày|hôm|tuần|tháng|năm)\s+(?P<dir>sau|trước|qua|nay)"
                            r"(?P<anchor>\s+(?:đó|khi(?:\s+[^\s,.;:()“”\"]+){1,4}|(?:vụ|sự|cuộc|lễ|buổi|trận)\s+[^\s,.;:()“”\"]+))?(?!\w)", _I)),
    ("my", re.compile(r"(?<!\w)(?:(?P<part>đầu|giữa|cuối)\s+)?tháng\s+" + _MONTH + r"(?:\s+năm\s+|\s*[/.-]\s*)(?P<year>\d{4})(?!\w)", _I)),
    ("my", re.compile(r"(?<!\w)(?:(?P<part>đầu|giữa|cuối)\s+)?tháng\s+" + _MONTH + r"\s+(?P<rel>năm\s+(?:ngoái|trước|nay|tới|sau))(?!\w)", _I)),
    ("my", re.compile(r"(?<!\w)(?:(?P<part>đầu|giữa|cuối)\s+)?tháng\s+" + _MONTH + r"(?![\w/.]*\d)(?!\w)", _I)),
    ("y", re.compile(r"(?<!\w)(?:(?P<part>đầu|giữa|cuối)\s+)?năm\s+(?P<year>\d{4})(?!\w)", _I)),
    ("near", re.compile(r"(?<!\w)(?:(?P<lead>rạng\s+sáng|sáng|trưa|chiều|tối|đêm|khuya)\s+)?(?:hôm\s+)?(?P<word>qua|nay)(?!\w)"
                        r"|(?<!\w)hôm\s+(?P<word2>qua|nay|kia)(?!\w)", _I)),
    ("vague", re.compile(r"(?<!\w)(?:(?:những|mấy|vài)\s+tháng|thời\s+gian)\s+gần\s+đây(?!\w)|(?<!\w)(?:gần|mới)\s+đây(?!\w)"
                         r"|(?<!\w)(?:tuần|tháng)\s+(?:trước|qua|này)(?!\w)|(?<!\w)năm\s+(?:ngoái|nay|tới)(?!\w)", _I)),
]
#: Vague expressions → (English, rule).
VAGUE = {
    "tháng gần đây": ("in recent months", "before"), "thời gian gần đây": ("recently", "before"), "gần đây": ("recently", "before"),
    "mới đây": ("recently", "before"), "tuần trước": ("last week", "last-week"), "tuần qua": ("last week", "last-week"),
    "tuần này": ("this week", "this-week"), "tháng trước": ("last month", "last-month"), "tháng qua": ("last month", "last-month"),
    "tháng này": ("this month", "this-month"), "năm ngoái": ("last year", "year-1"), "năm nay": ("this year", "year0"), "năm tới": ("next year", "year1"),
}


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _month_number(word: str) -> int | None:
    if word.isdigit():
        number = int(word)
        return number if 1 <= number <= 12 else None
    return MONTH_WORDS.get(_fold(word))


def _part_of_day(groups: dict[str, str | None]) -> str | None:
    return PARTS_OF_DAY.get(_fold(groups.get("lead") or ""))


def _zone(groups: dict[str, str | None], found: DateFound) -> None:
    zone = groups.get("zone") or groups.get("zone2")
    if not zone:
        return
    key = _fold(zone)
    if key not in TIMEZONES:
        found.notes.append(f"“giờ {zone}”: time zone not recognised; set `timezone` by hand")
        return
    found.timezone = TIMEZONES[key]
    if found.timezone is None:
        found.notes.append(f"“giờ {zone}” does not say which time zone: set `timezone` by hand if it matters")


def _year_for(month: int, day: int | None, published: Published, future: bool) -> tuple[int, str]:
    """The year of a day or month the text gives without one: the publication's, or the year
    before when it would fall after publication (the year after, in the future tense)."""
    year = published.last.year
    first = dt.date(year, month, day or 1)
    if future:
        last = dt.date(year, month, day or calendar.monthrange(year, month)[1])
        return (year + 1, "the first after publication") if last < published.first else (year, "the publication's")
    if first > published.last:
        return year - 1, "the year before publication: the day would fall after it"
    return year, "the publication's"


def _future(sentence: str, start: int) -> bool:
    """A sentence about what is to come: "sẽ", "dự kiến", "sắp", or a date it lasts until ("đến ngày 3/4")."""
    before = sentence[:start]
    return re.search(r"(?<!\w)(?:sẽ|dự\s+kiến|sắp)(?!\w)", before, _I) is not None or re.search(r"(?<!\w)(?:đến|tới)\s*$", before, _I) is not None


def _year_of(groups: dict[str, str | None], month: int, day: int | None, sentence: str, m: re.Match[str], published: Published) -> tuple[int, str]:
    """The year of a calendar date, and what was assumed to find it."""
    if groups.get("year"):
        return int(groups["year"] or 0), ""
    if groups.get("rel"):
        return published.last.year + {"ngoái": -1, "trước": -1, "nay": 0, "tới": 1, "sau": 1}[_fold(groups["rel"] or "").split()[-1]], ""
    if re.search(r"(?<!\w)năm\s+nay(?!\w)", sentence, _I):
        return published.last.year, f"year {published.last.year}: the sentence says “năm nay”"
    year, rule = _year_for(month, day, published, _future(sentence, m.start()))
    return year, f"year {year} assumed ({rule})"


def _calendar_date(kind: str, m: re.Match[str], sentence: str, published: Published) -> DateFound | None:
    groups = m.groupdict()
    month = _month_number(groups["month"])
    if month is None or (kind == "my" and groups["month"] == "năm"):
        return None  # "tháng năm": months and years, not May
    day = int(groups["day"]) if groups.get("day") else None
    year, assumed = _year_of(groups, month, day, sentence, m, published)
    try:
        value = dt.date(year, month, day or 1)
    except ValueError:
        return None
    part = PARTS.get(_fold(groups.get("part") or ""))
    stated = bool(groups.get("year") or groups.get("rel"))
    if day is not None:
        english = f"{day} {MONTHS_EN[month]}" + (f" {year}" if stated else "")
        found = DateFound(m.group(0).strip(), m.start(), m.end(), value.isoformat(), "day", english, assumed=assumed)
    else:
        name = MONTHS_EN[month] + (f" {year}" if stated else "")
        found = DateFound(m.group(0).strip(), m.start(), m.end(), f"{year:04d}-{month:02d}", "month",
                          PARTS_EN[part].format(name) if part else name, part=part, assumed=assumed)
    found.part_of_day = _part_of_day(groups)
    _zone(groups, found)
    return found


def _relative(m: re.Match[str], sentence: str, published: Published) -> DateFound | None:
    """"gần một tháng sau vụ việc", "hai tuần trước", "6 tháng qua"."""
    groups = m.groupdict()
    written = groups.get("count") or ""
    count = int(written) if written.isdigit() else COUNT_WORDS.get(_fold(written), 1)
    unit = UNITS[_fold(groups["unit"])]
    direction = _fold(groups["dir"])
    lead = _fold(groups.get("approx") or "")
    anchor = " ".join((groups.get("anchor") or "").split())
    approximate = any(w in lead.split() for w in ("gần", "khoảng", "chừng", "hơn", "mấy", "nhiều")) or _fold(written) in ("vài", "mấy")
    if direction in ("qua", "nay"):
        text = m.group(0).strip()
        return DateFound(text, m.end() - len(text), m.end(), f"-P{count}{UNIT_CODE[unit]}", "duration",
                         f"over the past {count} {unit}", relative_to="publication", approximate=approximate,
                         notes=["a period up to publication, not one day"])
    sign = "" if direction == "sau" else "-"
    text = m.group(0).strip()
    english = f"{'about ' if approximate else ''}{count} {unit[:-1] if count == 1 else unit} {'after' if sign == '' else 'before'}"
    return DateFound(text, m.end() - len(text), m.end(), f"{sign}P{count}{UNIT_CODE[unit]}", "duration", english,
                     relative_to=anchor or ("publication" if sign else "an earlier event"), approximate=approximate)


def _weekday(m: re.Match[str], sentence: str, published: Published) -> DateFound | None:
    groups = m.groupdict()
    lead = _fold(groups.get("lead") or "")
    if groups.get("wd") and groups["wd"][0].islower() and not lead:
        return None  # "lần thứ năm": the fifth time, not Thursday
    weekday = "sunday" if groups.get("sunday") else WEEKDAY_WORDS[_fold(groups["wd"])]
    part_of_day = PARTS_OF_DAY.get(lead)
    english = f"on {weekday.capitalize()}" + (f" {part_of_day}" if part_of_day else "")
    found = DateFound(m.group(0), m.start(), m.end(), None, "weekday", english, part_of_day=part_of_day,
                      relative_to="publication", weekday=weekday, assumed="the last such weekday up to publication")
    last_week = "trước" in _fold(groups.get("which") or "")
    if published.day_known and not last_week:
        days_back = (published.first.weekday() - model.WEEKDAYS.index(weekday)) % 7
        found.value = (published.first - dt.timedelta(days=days_back)).isoformat()
    elif published.day_known:
        monday = published.first - dt.timedelta(days=published.first.weekday() + 7)
        found.value = (monday + dt.timedelta(days=model.WEEKDAYS.index(weekday))).isoformat()
        found.precision, found.weekday, found.assumed = "day", None, "the week before publication's"
    return found


def _near(m: re.Match[str], sentence: str, published: Published) -> DateFound | None:
    """"hôm qua", "sáng nay", "tối qua"."""
    groups = m.groupdict()
    word = _fold(groups.get("word") or groups.get("word2") or "")
    if groups.get("word") and not groups.get("lead") and "hôm" not in _fold(m.group(0)):
        return None  # a bare "qua" / "nay" is a preposition or "now"
    back = {"nay": 0, "qua": 1, "kia": 2}[word]
    found = DateFound(m.group(0), m.start(), m.end(), None, "day", {0: "today", 1: "yesterday", 2: "two days ago"}[back],
                      part_of_day=_part_of_day(groups), relative_to="publication")
    if published.day_known:
        found.value = (published.first - dt.timedelta(days=back)).isoformat()
    return found


def _vague(m: re.Match[str], sentence: str, published: Published) -> DateFound | None:
    key = _fold(m.group(0))
    key = next(k for k in VAGUE if key.endswith(k))
    english, rule = VAGUE[key]
    found = DateFound(m.group(0), m.start(), m.end(), None, "day", english, relative_to="publication")
    if rule == "before":
        found.value, found.precision, found.assumed = published.first.isoformat(), "before", "undated: only known to be before publication"
    elif rule.startswith("year"):
        found.value, found.precision = str(published.last.year + int(rule[4:])), "year"
    elif rule in ("last-month", "this-month"):
        month = published.first.replace(day=1) - dt.timedelta(days=1) if rule == "last-month" else published.first
        found.value, found.precision = f"{month.year:04d}-{month.month:02d}", "month"
    elif published.day_known:
        found.value = (published.first - dt.timedelta(days=7 if rule == "last-week" else 0)).isoformat()
        found.approximate, found.assumed = True, "the week of that date, approximately"
    return found


def _year(m: re.Match[str], sentence: str, published: Published) -> DateFound | None:
    part = PARTS.get(_fold(m.group("part") or ""))
    year = m.group("year")
    return DateFound(m.group(0), m.start(), m.end(), year, "year", PARTS_EN[part].format(year) if part else year)


HANDLERS = {"relative": _relative, "weekday": _weekday, "near": _near, "vague": _vague, "y": _year}


def _matches(sentence: str, published: Published) -> list[DateFound]:
    found: list[DateFound] = []
    for kind, pattern in PATTERNS:
        handler = HANDLERS.get(kind)
        for m in pattern.finditer(sentence):
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            date = handler(m, sentence, published) if handler else _calendar_date(kind, m, sentence, published)
            if date is not None:
                found.append(date)
    return found


def find_dates(sentence: str, published: Published) -> list[DateFound]:
    """The date expressions of one sentence, in order."""
    found = _matches(sentence, published)
    # "thứ Năm, ngày 18/3": the weekday only announces the date that follows it.
    days = [f for f in found if f.precision == "day" and f.relative_to is None]
    found = [f for f in found if not (f.precision == "weekday" and any(0 <= d.start - f.end <= 12 for d in days))]
    return sorted(found, key=lambda f: f.start)
