"""``python -m generator draft PATH --slug SLUG``: scaffold the seed files of a new article.

The draft copies the article byte for byte, lists every sentence with its ID and fingerprint,
and pre-fills ``facts.yml`` with what can be found mechanically in the text: one claim per
sentence (with the quotations in “…”), the date expressions resolved against the publication
date, and the proper names. Everything found is a guess: items carry ``draft: true`` and text
still to write starts with ``TODO`` (``model.PLACEHOLDER``); ``check`` and ``build`` refuse both
and name each one, so a draft can never be published by accident.

>>> import datetime as dt
>>> [(d.written, d.when.weekday) for d in find_dates("Cơ quan này cho biết hôm thứ Năm.", dt.date(2021, 3, 19))]
[('hôm thứ Năm', 'thursday')]
>>> [(n.text, n.kind) for n in find_names("Hai hãng Kuaishou Technology và Xiaomi Corp cũng tham dự.", [])]
[('Kuaishou Technology', 'company'), ('Xiaomi Corp', 'company')]
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import model
from .dates import format_when, resolve
from .load import ARTICLE_FILE, SLUG, read_article_text, read_yaml
from .problems import Problem, SeedError
from .sentences import Sentence, split_sentences

TODO = model.PLACEHOLDER

# -- dates ----------------------------------------------------------------------------------------

MONTH_WORDS = {
    "giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
    "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12,
}
MONTHS_EN = list(calendar.month_name)
WEEKDAY_WORDS = {"hai": "monday", "ba": "tuesday", "tư": "wednesday", "năm": "thursday", "sáu": "friday", "bảy": "saturday"}
PARTS = {"đầu": "early", "giữa": "mid", "cuối": "late"}
PARTS_EN = {"early": "early {}", "mid": "mid-{}", "late": "late {}"}
#: Words before a weekday and how English says them.
WEEKDAY_LEADS = {"hôm": "on {}", "vào": "on {}", "ngày": "on {}", "sáng": "on {} morning", "trưa": "at noon on {}",
                 "chiều": "on {} afternoon", "tối": "on {} evening", "đêm": "on {} night"}

_MONTH = r"(?P<month>\d{1,2}|mười một|mười hai|mười|giêng|chạp|một|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín)"
_PART = r"(?:(?P<part>đầu|giữa|cuối)\s+)?"
_I = re.IGNORECASE
#: Date expressions, most specific first; a later pattern never takes text an earlier one took.
DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("dmy", re.compile(r"(?<![\w/.-])(?:ngày\s+)?(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})(?![\w/-])", _I)),
    ("dmy", re.compile(r"\bngày\s+(?P<day>\d{1,2})\s+tháng\s+" + _MONTH + r"(?:\s+năm\s+(?P<year>\d{4}))?(?!\w)", _I)),
    ("dmy", re.compile(r"\bngày\s+(?P<day>\d{1,2})/(?P<month>\d{1,2})(?![\w/.-]*\d)", _I)),
    ("my", re.compile(r"(?<!\w)" + _PART + r"tháng\s+" + _MONTH + r"(?:\s+năm\s+|[/.])(?P<year>\d{4})(?!\w)", _I)),
    ("my", re.compile(r"(?<!\w)" + _PART + r"tháng\s+" + _MONTH + r"(?![\w/.]*\d)(?!\w)", _I)),
    ("y", re.compile(r"(?<!\w)" + _PART + r"năm\s+(?P<year>\d{4})(?!\w)", _I)),
    ("weekday", re.compile(r"(?<!\w)(?:(?P<lead>[Hh]ôm|[Vv]ào|[Nn]gày|[Ss]áng|[Tt]rưa|[Cc]hiều|[Tt]ối|[Đđ]êm)\s+)?"
                           r"(?:[Tt]hứ\s+(?P<wd>Hai|Ba|Tư|Năm|Sáu|Bảy|hai|ba|tư|năm|sáu|bảy)|(?P<sunday>[Cc]hủ\s+[Nn]hật))(?!\w)")),
    ("relative", re.compile(r"(?<!\w)(?:(?:những|mấy|vài)\s+tháng|thời\s+gian)\s+gần\s+đây(?!\w)|(?<!\w)(?:gần|mới)\s+đây(?!\w)"
                            r"|(?<!\w)hôm\s+(?:qua|nay)(?!\w)|(?<!\w)tuần\s+(?:trước|qua)(?!\w)|(?<!\w)tháng\s+trước(?!\w)"
                            r"|(?<!\w)năm\s+(?:ngoái|nay|tới)(?!\w)", _I)),
]
#: "vague expression" → (how English says it, the date relative to publication).
RELATIVE = {
    "tháng gần đây": ("in recent months", "before"),
    "thời gian gần đây": ("recently", "before"),
    "gần đây": ("recently", "before"),
    "mới đây": ("recently", "before"),
    "hôm qua": ("yesterday", "yesterday"),
    "hôm nay": ("today", "today"),
    "tuần trước": ("last week", "last-week"),
    "tuần qua": ("last week", "last-week"),
    "tháng trước": ("last month", "last-month"),
    "năm ngoái": ("last year", "last-year"),
    "năm nay": ("this year", "this-year"),
    "năm tới": ("next year", "next-year"),
}


@dataclass
class DateFound:
    """A date expression of a sentence, resolved against the publication date."""

    written: str  # as the article writes it
    written_en: str
    when: model.When
    start: int  # offset in the sentence
    end: int
    assumed: str = ""  # what was assumed to resolve it (a year, an undisclosed date)


def _month_number(word: str) -> int | None:
    if word.isdigit():
        number = int(word)
        return number if 1 <= number <= 12 else None
    return MONTH_WORDS.get(" ".join(word.casefold().split()))


def _year_for(month: int, day: int | None, published: dt.date, future: bool) -> int:
    """The year of a month (and day) the text gives without a year: the latest one not after
    publication, or the first one after it for a sentence in the future tense (``sẽ``)."""
    year = published.year
    first = dt.date(year, month, day or 1)
    last = dt.date(year, month, day or calendar.monthrange(year, month)[1])
    if future:
        return year + 1 if last < published else year
    return year - 1 if first > published else year


def _date_of(kind: str, m: re.Match[str], sentence: str, published: dt.date) -> DateFound | None:
    text = m.group(0)
    future = bool(re.search(r"(?<!\w)sẽ(?!\w)", sentence[: m.start()], re.IGNORECASE))
    groups = m.groupdict()
    part = PARTS.get((groups.get("part") or "").casefold())
    assumed = ""
    if kind in ("dmy", "my"):
        if groups["month"] == "năm":
            return None  # "tháng năm": months and years, not May
        month = _month_number(groups["month"])
        if month is None:
            return None
        day = int(groups["day"]) if groups.get("day") else None
        if groups.get("year"):
            year = int(groups["year"])
        else:
            year = _year_for(month, day, published, future)
            assumed = f"year {year} assumed ({'the first after' if future else 'the latest not after'} publication)"
        try:
            value = dt.date(year, month, day or 1)
        except ValueError:
            return None
        if day is not None:
            when = model.When(date=value.isoformat())
            english = f"{day} {MONTHS_EN[month]}" + (f" {year}" if groups.get("year") else "")
        else:
            when = model.When(date=f"{year:04d}-{month:02d}", part=part)
            name = MONTHS_EN[month] + (f" {year}" if groups.get("year") else "")
            english = PARTS_EN[part].format(name) if part else name
        return DateFound(text, english, when, m.start(), m.end(), assumed)
    if kind == "y":
        year = groups["year"]
        return DateFound(text, PARTS_EN[part].format(year) if part else year, model.When(date=year), m.start(), m.end())
    if kind == "weekday":
        lead = (groups.get("lead") or "").casefold()
        if groups.get("wd") and groups["wd"][0].islower() and not lead:
            return None  # "lần thứ năm": the fifth time, not Thursday
        weekday = "sunday" if groups.get("sunday") else WEEKDAY_WORDS[groups["wd"].casefold()]
        english = WEEKDAY_LEADS.get(lead, "{}").format(weekday.capitalize())
        return DateFound(text, english, model.When(weekday=weekday), m.start(), m.end(), "the last such weekday up to publication")
    key = " ".join(text.casefold().split())
    key = next(k for k in RELATIVE if key.endswith(k))
    english, rule = RELATIVE[key]
    if rule == "before":
        when = model.When(before=published.isoformat())
        assumed = "undated: only known to be before publication"
    elif rule in ("yesterday", "today"):
        when = model.When(date=(published - dt.timedelta(days=1 if rule == "yesterday" else 0)).isoformat())
    elif rule == "last-week":
        when = model.When(date=(published - dt.timedelta(days=7)).isoformat(), approximate=True)
        assumed = "a week before publication, approximately"
    elif rule == "last-month":
        previous = published.replace(day=1) - dt.timedelta(days=1)
        when = model.When(date=f"{previous.year:04d}-{previous.month:02d}")
    else:
        when = model.When(date=str(published.year + {"last-year": -1, "this-year": 0, "next-year": 1}[rule]))
    return DateFound(text, english, when, m.start(), m.end(), assumed)


def find_dates(sentence: str, published: dt.date) -> list[DateFound]:
    """The date expressions of one sentence, in order, each resolved against ``published``."""
    found: list[DateFound] = []
    for kind, pattern in DATE_PATTERNS:
        for m in pattern.finditer(sentence):
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            date = _date_of(kind, m, sentence, published)
            if date is not None:
                found.append(date)
    # "thứ Năm, ngày 18/3": the weekday only announces the date that follows it.
    days = [f for f in found if f.when.date and f.when.date.count("-") == 2]
    found = [f for f in found if not (f.when.weekday and any(0 <= d.start - f.end <= 12 for d in days))]
    return sorted(found, key=lambda f: f.start)


# -- names ----------------------------------------------------------------------------------------

#: Capitalised words that start a name of a state body, an organisation or a company.
ORG_PREFIXES = {
    "regulator": ("bộ", "cục", "tổng cục", "ủy ban", "uỷ ban", "cơ quan", "sở", "thanh tra", "quốc hội", "chính phủ", "tòa án", "toà án"),
    "organisation": ("viện", "hiệp hội", "liên minh", "trung tâm", "hội đồng", "văn phòng", "ban", "đại học", "trường"),
    "company": ("tập đoàn", "công ty", "ngân hàng"),
}
COMPANY_SUFFIXES = frozenset({"group", "corp", "corporation", "technology", "technologies", "tech", "inc", "ltd", "co", "holdings",
                              "labs", "jsc", "plc", "limited", "ventures", "capital", "media", "networks", "systems"})
#: Lower-case syllables that complete a capitalised one in names (Bộ Công an, Cục Quản lý Không gian mạng).
COMPOUNDS = frozenset({
    "công an", "thông tin", "truyền thông", "quản lý", "không gian", "an toàn", "an ninh", "kế hoạch", "đầu tư",
    "tài chính", "công thương", "khoa học", "công nghệ", "tư pháp", "ngoại giao", "quốc phòng", "giáo dục", "đào tạo", "y tế",
    "văn hóa", "văn hoá", "thể thao", "du lịch", "xây dựng", "giao thông", "vận tải", "nội vụ", "lao động", "xã hội",
    "tài nguyên", "môi trường", "nông nghiệp", "phát triển", "nông thôn", "cạnh tranh", "tiêu dùng", "dữ liệu", "bảo vệ",
    "cảnh sát", "điều tra", "viễn thông", "phát thanh", "truyền hình", "báo chí", "xuất bản", "nhà nước", "chứng khoán",
    "thị trường", "gian mạng", "ninh mạng", "hàng không", "hải quan", "kiểm toán", "cơ quan", "ủy ban", "uỷ ban", "tổng cục", "tập đoàn", "công ty",
    "ngân hàng", "hiệp hội", "hội đồng", "văn phòng", "trung tâm", "quốc hội", "chính phủ", "tòa án", "toà án", "thanh tra",
    "đại học", "liên minh", "kinh tế", "thương mại", "điện tử", "số hóa", "số hoá", "quốc gia", "nhân dân", "tối cao",
})
#: Capitalised words that are not names by themselves (sentence starts, common nouns written with a capital).
NOT_NAMES = frozenset({
    "các", "những", "một", "hai", "ba", "bốn", "năm", "mười", "đã", "đang", "sẽ", "việc", "theo", "trong", "khi", "với", "tại", "ở",
    "sau", "trước", "từ", "cho", "của", "và", "nhưng", "tuy", "nếu", "vì", "do", "để", "này", "đó", "ông", "bà", "anh", "chị", "họ",
    "chúng", "nhiều", "mọi", "mỗi", "hôm", "ngày", "tháng", "thứ", "chủ", "hiện", "cũng", "còn", "điều", "người", "nhà",
    "internet", "web", "website", "email", "wifi", "video", "ai", "ok", "tv", "app", "online", "ceo", "cto",
})
KIND_CONTEXT = (
    ("app", ("ứng dụng", "nền tảng", "mạng xã hội", "dịch vụ", "app ")),
    ("company", ("công ty", "hãng", "tập đoàn", "doanh nghiệp")),
    ("person", ("ông", "bà", "giám đốc", "bộ trưởng", "chủ tịch", "nhà sáng lập", "phát ngôn viên", "ceo")),
)
PLACE_BEFORE = ("ở", "tại", "nước", "thành phố", "tỉnh", "tới", "đến")
_TOKEN = re.compile(r"\w+(?:[.'’&-]\w+)*")
_QUOTES = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«([^»]+)»")


@dataclass
class NameFound:
    text: str
    kind: str | None
    start: int = 0
    entity: str | None = None


#: The shape of a Vietnamese syllable written without diacritics ("Quy", "Theo", "Trong").
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?", re.IGNORECASE)


def _vietnamese_word(token: str) -> bool:
    """A word that may be an ordinary Vietnamese word, not a foreign brand (Reuters, Clubhouse)."""
    return not token.isascii() or _SYLLABLE.fullmatch(token) is not None


def _capitalised(token: str) -> bool:
    return token[0].isupper() or bool(re.match(r"[a-z]+[A-Z]", token))


def _prefix_kind(words: list[str]) -> str | None:
    joined = " ".join(w.casefold() for w in words[:2])
    for kind, prefixes in ORG_PREFIXES.items():
        if any(joined == p or joined.startswith(p + " ") for p in prefixes):
            return kind
    return None


def find_names(sentence: str, masked: list[tuple[int, int]]) -> list[NameFound]:
    """Capitalised word sequences of a Vietnamese sentence that look like proper names.

    A name runs over capitalised words, lower-case syllables that complete a word of a name
    (Bộ Công an) and, inside the name of a body, "và" (Bộ Thông tin và Truyền thông).
    ``masked`` spans (date expressions) are not names: "thứ Năm", "tháng Hai".
    """
    tokens = [m for m in _TOKEN.finditer(sentence) if not any(a <= m.start() < b for a, b in masked)]
    sentence_start = tokens[0].start() if tokens else -1
    names: list[NameFound] = []
    i = 0
    while i < len(tokens):
        if not _capitalised(tokens[i].group()):
            i += 1
            continue
        run, j = [tokens[i]], i + 1
        while j < len(tokens) and not sentence[run[-1].end() : tokens[j].start()].strip():  # punctuation ends a name
            word, prev = tokens[j].group(), run[-1].group()
            joins = (
                _capitalised(word)
                or f"{prev.casefold()} {word.casefold()}" in COMPOUNDS
                or (word in ("và", "of", "de") and j + 1 < len(tokens) and _prefix_kind([t.group() for t in run]) is not None
                    and _capitalised(tokens[j + 1].group()) and _prefix_kind([tokens[j + 1].group()]) is None)
            )
            if not joins:
                break
            run.append(tokens[j])
            j += 1
        i = j
        starts_sentence = run[0].start() == sentence_start
        while run and run[0].group().casefold() in NOT_NAMES and not _prefix_kind([t.group() for t in run]):
            run.pop(0)
        if not run:
            continue
        words = [t.group() for t in run]
        if len(words) == 1 and words[0].casefold() in NOT_NAMES:
            continue
        if starts_sentence and run[0].start() == sentence_start and sum(map(_capitalised, words)) == 1 and _vietnamese_word(words[0]):
            continue  # a sentence that starts with an ordinary word: "Việc …", "Quy định …", "Cơ quan này …"
        names.append(NameFound(sentence[run[0].start() : run[-1].end()], _guess_kind(sentence, run[0].start(), words), run[0].start()))
    return names


def _guess_kind(sentence: str, start: int, words: list[str]) -> str | None:
    kind = _prefix_kind(words)
    if kind:
        return kind
    if words[-1].casefold().rstrip(".") in COMPANY_SUFFIXES and len(words) > 1:
        return "company"
    before = " ".join(_TOKEN.findall(sentence[:start])[-6:]).casefold() + " "
    nearest = " ".join(_TOKEN.findall(sentence[:start])[-2:]).casefold()
    for kind, cues in KIND_CONTEXT:
        if any(f" {cue.strip()} " in f" {before}" for cue in cues):
            return kind
    if any(nearest == cue or nearest.endswith(" " + cue) for cue in PLACE_BEFORE):
        return "place"
    return None


def find_quotes(sentence: str) -> list[str]:
    """Passages in quotation marks (“…”, "…", «…»), verbatim."""
    return [next(g for g in m.groups() if g is not None).strip() for m in _QUOTES.finditer(sentence) if "".join(g or "" for g in m.groups()).strip()]


# -- the draft ------------------------------------------------------------------------------------


@dataclass
class DraftEvent:
    written: str
    written_en: str
    when: model.When
    assumed: str
    cite: list[str] = field(default_factory=list)
    text: str = ""
    entities: list[str] = field(default_factory=list)


@dataclass
class Draft:
    """What ``draft`` found in an article (also used to measure it against curated seeds)."""

    slug: str
    published: dt.date
    published_given: bool
    sentences: list[Sentence]
    names: dict[str, tuple[NameFound, list[str]]]  # text → (first find, sentence ids)
    events: list[DraftEvent]
    quotes: dict[str, list[str]]  # sentence id → quotations


def _known_forms(root: Path) -> tuple[dict[str, tuple[str, str]], set[str]]:
    """Names known to seeds/entities.yml (casefolded form → (id, kind)) and glossary terms."""
    entities: dict[str, tuple[str, str]] = {}
    terms: set[str] = set()
    for rel, cls in (("seeds/entities.yml", model.Entities), ("seeds/glossary.yml", model.Glossary)):
        path = root / rel
        try:
            data = cls.model_validate(read_yaml(path, root).data) if path.is_file() else None
        except (SeedError, ValueError):
            data = None  # a broken site file does not stop a draft; `check` reports it
        if isinstance(data, model.Entities):
            for entity in data.entities:
                for form in [entity.name.vi, entity.name.en, *entity.aliases.vi, *entity.aliases.en]:
                    entities.setdefault(form.casefold(), (entity.id, entity.kind))
        elif isinstance(data, model.Glossary):
            for term in data.terms:
                terms.update(form.casefold() for form in [term.term.vi, term.term.en, *term.aliases.vi, *term.aliases.en])
    return entities, terms


def analyse(text: str, slug: str, published: dt.date, root: Path, published_given: bool = True) -> Draft:
    """Find the sentences, names, dates and quotations of an article's text (NFC)."""
    known, terms = _known_forms(root)
    sentences = split_sentences(text)
    names: dict[str, tuple[NameFound, list[str]]] = {}
    events: dict[tuple[str, str], DraftEvent] = {}
    quotes: dict[str, list[str]] = {}
    for sentence in sentences:
        dates = find_dates(sentence.text, published)
        quoted = find_quotes(sentence.text)
        if quoted:
            quotes[sentence.id] = quoted
        found_here = []
        for name in find_names(sentence.text, [(d.start, d.end) for d in dates]):
            key = name.text.casefold()
            if key in terms and key not in known:
                continue  # a glossary term, not a name
            if key in known:
                name.entity, name.kind = known[key]
            if name.text not in names:
                names[name.text] = (name, [])
            first, ids = names[name.text]
            first.kind = first.kind or name.kind
            if sentence.id not in ids:
                ids.append(sentence.id)
            found_here.append(first)
        for date in dates:
            key = (" ".join(date.written.casefold().split()), date.when.model_dump_json())
            event = events.setdefault(key, DraftEvent(date.written, date.written_en, date.when, date.assumed, text=sentence.text))
            if sentence.id not in event.cite:
                event.cite.append(sentence.id)
            for name in found_here:
                if name.entity and name.entity not in event.entities:
                    event.entities.append(name.entity)
    ordered = sorted(events.values(), key=lambda e: (resolve(e.when, published).sort_key, e.cite[0]))
    return Draft(slug, published, published_given, sentences, names, ordered, quotes)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _when_yaml(when: model.When) -> str:
    values = when.model_dump(exclude_defaults=True)
    return "{" + ", ".join(f"{k}: {'true' if v is True else v}" for k, v in values.items()) + "}"


def _event_id(event: DraftEvent, published: dt.date, used: set[str]) -> str:
    resolved = resolve(event.when, published)
    base = f"event-before-{event.when.before}" if event.when.before else f"event-{resolved.iso}"
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate


HEADER = """\
# Draft written by `python -m generator draft`: {what}
# Items marked `draft: true` were found mechanically in the text: check each one against the article,
# correct it, then delete its `draft: true` line (or delete the item). Text starting with {todo} is
# still to write. `python -m generator check` lists everything left to do, with file:line and the fix.
# The format: seeds/README.md. The workflow: CONTRIBUTING.md.
"""


def article_yaml(draft: Draft) -> str:
    lines = [HEADER.format(what="the article's metadata and the English rendering of every sentence.", todo=TODO)]
    lines += [
        f'title: {{vi: "{TODO}: tiêu đề tiếng Việt", en: "{TODO}: English title"}}',
        f'summary: {{vi: "{TODO}: một hai câu tóm tắt cho trang chủ", en: "{TODO}: one or two sentences for the home page"}}',
        f'publisher: "{TODO}: who published the original report, e.g. Reuters"',
        "outlet: null                # the Vietnamese outlet, when the text names it",
        f"published: {draft.published.isoformat()}",
    ]
    if not draft.published_given:
        lines.append(f"# No --published was given: {draft.published} (the day of the draft) is a stand-in, and the dates")
        lines.append("# of facts.yml were resolved against it. Set the real date, then check the events.")
        lines.append(f'published_note: {{vi: "{TODO}: ngày đăng được biết như thế nào", en: "{TODO}: how the publication date is known"}}')
    lines += [
        "language: vi",
        "url: null                   # https://… of the original, when known",
        "entities: []                # ids (seeds/entities.yml) of the confirmed names of facts.yml",
        "sentences:",
    ]
    for sentence in draft.sentences:
        lines.append(f"  # {sentence.text}")
        lines.append(f"  {sentence.id}:")
        lines.append(f'    en: "{TODO}: translate {sentence.id}"')
        lines.append(f"    fingerprint: {sentence.fingerprint}")
    return "\n".join(lines) + "\n"


def facts_yaml(draft: Draft) -> str:
    published = draft.published
    lines = [HEADER.format(what="candidate claims, dates and names found in the text.", todo=TODO)]
    lines += [
        "explainer:",
        f'  lead: {{vi: "{TODO}: tóm tắt bài báo bằng ngôn ngữ dễ hiểu", en: "{TODO}: the article in plain language"}}',
        "  sections:",
        "    - id: what-happened",
        '      heading: {vi: "Chuyện gì đã xảy ra", en: "What happened"}',
        "      # One claim per sentence (one per quotation): rewrite each in plain language and translate it,",
        "      # move claims to other sections (who, why-it-matters, …), or delete a claim and give its",
        "      # sentence a `skip:` reason in article.yml.",
        "      claims:",
    ]
    for sentence in draft.sentences:
        for quote in draft.quotes.get(sentence.id) or [None]:
            lines.append("        - text:")
            lines.append(f"            vi: {_q(sentence.text)}")
            lines.append(f'            en: "{TODO}: translate"')
            lines.append(f"          cite: [{sentence.id}]")
            if quote is not None:
                lines.append(f'          quote: {{vi: {_q(quote)}, en: "{TODO}: translate the quotation"}}')
            lines.append("          draft: true")
    lines.append("events:" if draft.events else "events: []")
    used: set[str] = set()
    for event in draft.events:
        resolved = resolve(event.when, published)
        note = f"“{event.written}” ({', '.join(event.cite)}) → {format_when(resolved, 'en')}"
        if event.assumed:
            note += f"; {event.assumed}"
        lines.append(f"  # {note}")
        if resolved.start > published:
            lines.append("  # After publication: the article cannot report it as done; cite an outside source or make it a claim.")
        lines.append(f"  - id: {_event_id(event, published, used)}")
        lines.append(f"    when: {_when_yaml(event.when)}")
        lines.append(f"    written: {{vi: {_q(event.written)}, en: {_q(event.written_en)}}}")
        lines.append("    text:")
        lines.append(f"      vi: {_q(event.text)}")
        lines.append(f'      en: "{TODO}: what happened, in English"')
        lines.append(f"    entities: [{', '.join(event.entities)}]")
        lines.append(f"    cite: [{', '.join(event.cite)}]")
        lines.append("    draft: true")
    lines.append("names:" if draft.names else "names: []")
    if draft.names:
        lines.append("  # Names found in the text. `entity` is filled in when seeds/entities.yml already knows the name;")
        lines.append("  # otherwise add the entity there (seeds/README.md) and write its id here. Delete what is not a name.")
    for text, (name, ids) in draft.names.items():
        lines.append(f"  - text: {_q(text)}")
        lines.append(f"    kind: {name.kind or 'null'}" + ("" if name.kind else "   # regulator | company | app | place | person | organisation"))
        lines.append(f"    entity: {name.entity or 'null'}")
        lines.append(f"    cite: [{', '.join(ids)}]")
        lines.append("    draft: true")
    return "\n".join(lines) + "\n"


def _fail(rel: str, message: str, fix: str) -> SeedError:
    return SeedError([Problem(rel, 0, 0, "", message, fix)])


def draft(root: Path, source: Path, slug: str, published: dt.date | None = None) -> Draft:
    """Write ``seeds/<slug>/`` for the article at ``source``; never touches an existing folder."""
    seeds = root / "seeds"
    rel = f"seeds/{slug}"
    if not SLUG.match(slug):
        raise _fail(rel, f"{slug!r} is not a valid slug", "use lower-case ASCII letters, digits and single hyphens, e.g. ai-labels-2022")
    if (seeds / slug).exists():
        raise _fail(rel, "this article folder already exists; nothing was written",
                    f"choose another --slug, or edit {rel}/ directly (move it away first to draft it again)")
    if not source.is_file():
        raise _fail(str(source), "no such file", "give the path of the article text (UTF-8, one paragraph per line)")
    source = source.resolve()
    text = read_article_text(source, source.parent)
    given = published is not None
    found = analyse(text, slug, published or dt.date.today(), root, published_given=given)
    seeds.mkdir(parents=True, exist_ok=True)
    # Written beside its final place, then renamed: a draft is never half there.
    work = Path(tempfile.mkdtemp(prefix=f".{slug}.draft-", dir=seeds))
    try:
        shutil.copyfile(source, work / ARTICLE_FILE)
        (work / "article.yml").write_text(article_yaml(found), encoding="utf-8")
        (work / "facts.yml").write_text(facts_yaml(found), encoding="utf-8")
        os.chmod(work, 0o755)
        work.rename(seeds / slug)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return found


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(result: Draft) -> str:
    rel = f"seeds/{result.slug}"
    lines = [
        f"generator: drafted {rel}/ from {_count(len(result.sentences), 'sentence')}: "
        f"{_count(len(result.names), 'name')}, {_count(len(result.events), 'date')}, "
        f"{_count(sum(map(len, result.quotes.values())), 'quotation')} to confirm.",
    ]
    if not result.published_given:
        lines.append(f"  No --published given: dates were resolved against today ({result.published}); set `published:` in {rel}/article.yml.")
    lines.append(f"  Next: fill in the TODOs and confirm the drafts in {rel}/article.yml and {rel}/facts.yml;")
    lines.append("  `python -m generator check` lists what is left, with file:line and the fix (see CONTRIBUTING.md).")
    return "\n".join(lines)
