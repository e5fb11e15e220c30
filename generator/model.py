"""The typed model of the seed files: one pydantic class per kind of YAML mapping.

The classes are the single definition of the input format: the loader validates YAML against
them, `generator schema` publishes them as JSON Schema for editors, and the renderer reads them.
Cross-references (a citation's sentence, an entity id, ...) are checked later, in ``validate``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SENTENCE_PATTERN = r"^p[1-9][0-9]*s[1-9][0-9]*$"
CITATION_PATTERN = r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*/)?p[1-9][0-9]*s[1-9][0-9]*$"
PARTIAL_DATE_PATTERN = r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"
#: A publication date: a year, a month, a day, or a date-time with its UTC offset.
PUBLISHED_PATTERN = r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2})?(?:Z|[+-][0-9]{2}:[0-9]{2}))?)?)?$"
PUBLISHED_FORMS = "2019 (a year), 2019-06 (a month), 2019-06-10 (a day) or 2019-06-10T08:30+07:00 (a date-time with its UTC offset)"
DATE_FORMS = "2019 (a year), 2019-06 (a month) or 2019-06-10 (a day)"
#: A web address as pages link it: no white space, quotes or brackets (they would end the link
#: early); such characters are percent-encoded (%20, %28, %29).
URL_PATTERN = r"^https?://[^\s\"'<>\\^`{|}\[\]()]+$"
HTTPS_URL_PATTERN = r"^https://[^\s\"'<>\\^`{|}\[\]()]+$"
FINGERPRINT_PATTERN = r"^[0-9a-f]{12}$"
#: Drafts (`python -m generator draft`): text still to write starts with this marker, and items
#: still to confirm carry `draft: true`. Both load, so a draft can be checked, but validation
#: refuses them, naming each, so a draft is never published.
PLACEHOLDER = "TODO"
#: Years before this are typing mistakes (0021 for 2021); relative dates stay in the calendar.
EARLIEST_YEAR = 1000
DRAFT_HELP = "Found by `generator draft`: confirm it, then delete `draft: true`"

_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>|<\s*/?\s*[A-Za-z]+\s*$|&[A-Za-z]+;|&#[0-9]+;|&#[xX][0-9A-Fa-f]+;")
#: Invisible characters that text has no use for: control characters (not tab or line breaks)
#: and the bidirectional overrides that can make text display differently from what it says.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")


def _plain_text(value: str) -> str:
    """Fact text is plain text: trimmed, NFC, non-empty, and free of HTML."""
    value = unicodedata.normalize("NFC", value).strip()
    if not value:
        raise ValueError("empty text")
    invisible = _INVISIBLE.search(value)
    if invisible:
        raise ValueError(f"the invisible character U+{ord(invisible.group()):04X} is not allowed in fact text")
    html = _HTML.search(value)
    if html:
        raise ValueError(f"HTML is not allowed in fact text (found {html.group(0)!r})")
    return value


def _check_partial_date(value: str) -> str:
    if not isinstance(value, str) or not re.fullmatch(PARTIAL_DATE_PATTERN, value):
        raise ValueError(f"{value!r} is not a date; write {DATE_FORMS}")
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as error:
        raise ValueError(f"impossible date {value!r} ({error})") from None
    if parts[0] < EARLIEST_YEAR:
        raise ValueError(f"implausible date {value!r} (before the year {EARLIEST_YEAR})")
    return value


def _plausible_day(value: dt.date) -> dt.date:
    if value.year < EARLIEST_YEAR:
        raise ValueError(f"implausible date {value.isoformat()!r} (before the year {EARLIEST_YEAR})")
    return value


def _check_published(value: str) -> str:
    if not isinstance(value, str) or not re.fullmatch(PUBLISHED_PATTERN, value):
        raise ValueError(f"{value!r} is not a publication date; write {PUBLISHED_FORMS}")
    if "T" in value or " " in value:
        try:
            moment = dt.datetime.fromisoformat(value.replace(" ", "T").replace("Z", "+00:00"))
        except ValueError as error:
            raise ValueError(f"impossible date-time {value!r} ({error}); write {PUBLISHED_FORMS}") from None
        _check_partial_date(moment.date().isoformat())
        return moment.isoformat(timespec="minutes" if moment.second == 0 else "seconds")
    return _check_partial_date(value)


def published_span(value: str) -> tuple[dt.date, dt.date, str]:
    """A publication date's first and last possible day, and its precision (year, month, day, time)."""
    if "T" in value:
        day = dt.date.fromisoformat(value[:10])
        return day, day, "time"
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31), "year"
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last), "month"
    day = dt.date(*parts)
    return day, day, "day"


def _date_as_text(value: object) -> object:
    """YAML reads 2021-03-18 as a date and 2021 as a number; a partial date is text."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.isoformat()  # refused: a time needs its offset
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


PlainText = Annotated[str, AfterValidator(_plain_text)]
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
SentenceId = Annotated[str, Field(pattern=SENTENCE_PATTERN)]
Citation = Annotated[str, Field(pattern=CITATION_PATTERN)]
PartialDate = Annotated[str, BeforeValidator(_date_as_text), AfterValidator(_check_partial_date), Field(json_schema_extra={"pattern": PARTIAL_DATE_PATTERN})]
PublishedDate = Annotated[str, BeforeValidator(_date_as_text), AfterValidator(_check_published), Field(json_schema_extra={"pattern": PUBLISHED_PATTERN}, description=PUBLISHED_FORMS)]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[str, ...] = Weekday.__args__  # type: ignore[attr-defined]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Text(Strict):
    """The same text in both languages; both are required."""

    vi: PlainText
    en: PlainText

    def __getitem__(self, lang: str) -> str:
        text: str = getattr(self, lang)
        return text


class Aliases(Strict):
    """Other written forms of a name, per language, that the text may use."""

    vi: list[PlainText] = []
    en: list[PlainText] = []
    note: Text | None = Field(default=None, description="Whose wording the aliases are, when not an official name (e.g. the article's own rendering)")

    def __getitem__(self, lang: str) -> list[str]:
        forms: list[str] = getattr(self, lang)
        return forms


class Claim(Strict):
    """One statement a page makes, with what it rests on."""

    text: Text
    article: Id | None = Field(default=None, description="In site-wide files: the article (its slug) whose sentences bare IDs in `cite` refer to")
    cite: list[Citation] = Field(default=[], description="Article sentences, e.g. p2s1 (in site-wide files slug/p2s1, or p2s1 with `article: slug`)")
    sources: list[Id] = Field(default=[], description="Outside sources, ids from seeds/sources.yml")
    quote: Text | None = Field(default=None, description="A passage quoted verbatim (vi) from a cited sentence")
    draft: bool = Field(default=False, description=DRAFT_HELP)

    @model_validator(mode="after")
    def _grounded(self) -> Claim:
        if not self.cite and not self.sources:
            raise ValueError("a claim needs `cite` (article sentences) or `sources` (outside sources)")
        if self.quote is not None and not self.cite:
            raise ValueError("a `quote` needs `cite`: the sentence it is quoted from")
        if self.article is not None and not self.cite:
            raise ValueError("`article` names the article of `cite`: give `cite` too, or remove `article`")
        return self


class Section(Strict):
    id: Id
    heading: Text
    claims: list[Claim] = Field(min_length=1)


class Correction(Strict):
    """A correction of the explainer: when, and what was corrected."""

    date: Annotated[dt.date, AfterValidator(_plausible_day)]
    text: Text


class Explainer(Strict):
    lead: Text
    key_points: list[Claim] = Field(default=[], max_length=5, description="3 to 5 cited bullets shown first: what happened, who, when, why it matters, what is not known")
    published: Annotated[dt.date, AfterValidator(_plausible_day)] | None = Field(default=None, description="When this explainer was first published")
    updated: Annotated[dt.date, AfterValidator(_plausible_day)] | None = Field(default=None, description="When this explainer was last changed in substance")
    corrections: list[Correction] = Field(default=[], description="Corrections made after publication, oldest first")
    sections: list[Section] = Field(min_length=1)


class Theme(Strict):
    id: Id
    title: Text
    lead: Text
    cite: list[Citation] = Field(default=[], description="Article sentences the lead rests on")
    sources: list[Id] = Field(default=[], description="Outside sources the lead rests on")
    sections: list[Section] = Field(min_length=1)


#: Part of a month (of a YYYY-MM date).
MonthPart = Literal["early", "mid", "late"]
PartOfDay = Literal["morning", "noon", "afternoon", "evening", "night"]
PARTS_OF_DAY: tuple[str, ...] = PartOfDay.__args__  # type: ignore[attr-defined]


def _check_timezone(value: str) -> str:
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {value!r}; write an IANA name such as Europe/Paris or Asia/Ho_Chi_Minh") from None
    return value


class When(Strict):
    """When an event happened, with honest precision; exactly one of date, weekday, before, after."""

    date: PartialDate | None = Field(default=None, description=DATE_FORMS)
    part: MonthPart | None = Field(default=None, description="Part of a month (YYYY-MM dates)")
    approximate: bool = False
    weekday: Weekday | None = Field(default=None, description="The last such weekday before publication")
    before: PartialDate | None = Field(default=None, description="An undisclosed date known to be before this one")
    after: Id | None = Field(default=None, description="A date relative to another event of the article (its id), with days, weeks, months or years")
    days: Annotated[int, Field(ge=0)] | None = None
    weeks: Annotated[int, Field(ge=0)] | None = None
    months: Annotated[int, Field(ge=0)] | None = None
    years: Annotated[int, Field(ge=0)] | None = None
    part_of_day: PartOfDay | None = Field(default=None, description="Part of the day the text states (sáng, trưa, chiều, tối, đêm)")
    timezone: Annotated[str, AfterValidator(_check_timezone)] | None = Field(default=None, description="The time zone the text states, as an IANA name (“giờ Pháp” → Europe/Paris)")

    @model_validator(mode="after")
    def _one_kind(self) -> When:
        given = [k for k in ("date", "weekday", "before", "after") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of `date`, `weekday`, `before`, `after` (found {', '.join(given) or 'none'})")
        offsets = [k for k in ("days", "weeks", "months", "years") if getattr(self, k) is not None]
        for rule in _WHEN_RULES:
            if rule.broken(self, offsets):
                raise ValueError(rule.message.format(offset=offsets[0] if offsets else ""))
        return self

    @property
    def offset(self) -> tuple[str, int] | None:
        """(unit, count) of a relative date."""
        return next(((k, getattr(self, k)) for k in ("days", "weeks", "months", "years") if getattr(self, k) is not None), None)


@dataclass(frozen=True)
class _WhenRule:
    """A rule on how the keys of a `when` go together: broken if ``broken`` holds; the message says why."""

    broken: Callable[[When, list[str]], bool]
    message: str


#: The keys of a `when` that go together (checked after "exactly one kind"), in order.
_WHEN_RULES = (
    _WhenRule(
        lambda w, offsets: w.part is not None and (w.date is None or w.date.count("-") != 1),
        "`part` (early, mid, late) goes with a month date such as 2021-02",
    ),
    _WhenRule(
        lambda w, offsets: w.after is not None and len(offsets) != 1,
        "`after: <event id>` needs one of `days`, `weeks`, `months`, `years` (how long after), e.g. {{after: incident, months: 1, approximate: true}}",
    ),
    _WhenRule(lambda w, offsets: w.after is None and bool(offsets), "`{offset}` goes with `after: <event id>` (a date relative to another event)"),
    _WhenRule(lambda w, offsets: w.part_of_day is not None and w.before is not None, "`part_of_day` goes with a known day, not with `before`"),
)


class Event(Strict):
    id: Id
    when: When
    written: Text | None = Field(default=None, description="How the article words the date")
    text: Text
    entities: list[Id] = []
    cite: list[SentenceId] = []
    sources: list[Id] = []
    draft: bool = Field(default=False, description=DRAFT_HELP)

    @model_validator(mode="after")
    def _grounded(self) -> Event:
        if not self.cite and not self.sources:
            raise ValueError("an event needs `cite` (article sentences) or `sources` (outside sources)")
        return self


KnownKind = Literal["person", "organisation", "government-body", "company", "product", "place", "event", "publication", "creative-work"]
#: The kinds of entity, in the order the who's who lists them; any other kind is a bilingual label.
ENTITY_KINDS: tuple[str, ...] = KnownKind.__args__  # type: ignore[attr-defined]
EntityKind = Annotated[KnownKind | Text, Field(description="One of " + ", ".join(ENTITY_KINDS) + "; or another kind as a label in both languages, e.g. {vi: \"liên hoan phim\", en: \"film festival\"}")]


def kind_key(kind: str | Text) -> str:
    """A kind's key: the known kind itself, or ``custom:<English label>``."""
    return kind if isinstance(kind, str) else f"custom:{kind.en.casefold()}"


class Name(Strict):
    """A name as the article writes it, tied to its entry in seeds/entities.yml."""

    text: PlainText = Field(description="The name as written in the article")
    kind: EntityKind | None = None
    entity: Id | None = Field(default=None, description="Its id in seeds/entities.yml")
    cite: list[SentenceId] = []
    draft: bool = Field(default=False, description=DRAFT_HELP)

    @model_validator(mode="after")
    def _tied(self) -> Name:
        if not self.draft and self.entity is None:
            raise ValueError("a confirmed name needs `entity`: its id in seeds/entities.yml (or delete the item)")
        return self


class Facts(Strict):
    """`seeds/<slug>/facts.yml`."""

    to_confirm: list[PlainText] = Field(default=[], exclude=True, description="What `generator draft` found and a contributor still has to check, one line each; refused until empty")
    explainer: Explainer
    themes: list[Theme] = []
    events: list[Event] = []
    names: list[Name] = Field(default=[], description="Names the article uses (`generator draft` lists candidates)")


class SentenceInfo(Strict):
    en: PlainText = Field(description="English rendering of the sentence")
    fingerprint: Annotated[str, Field(pattern=FINGERPRINT_PATTERN)] | None = None
    skip: Text | None = Field(default=None, description="Why no claim cites this sentence")


Url = Annotated[str, Field(pattern=URL_PATTERN)]
PlainOrText = Annotated[PlainText | Text, Field(description="Plain text, or {vi, en} where a reader of one language needs a translation")]


def in_language(value: str | Text, lang: str) -> str:
    """A name given once (``Reuters``) or per language (``{vi: …, en: …}``), in ``lang``."""
    return value if isinstance(value, str) else value[lang]


class Outlet(Strict):
    """Who published the text we have."""

    name: PlainOrText
    url: Url | None = Field(default=None, description="The address of the text")
    authors: list[PlainOrText] = []


class Original(Outlet):
    """The report the text is based on (an agency's, say), when it is one."""

    published: PublishedDate | None = Field(default=None, description="When the original report was published")


class ArticleMeta(Strict):
    """`seeds/<slug>/article.yml`."""

    title: Text
    short: Text | None = Field(default=None, description="A short name of the article (a few words), for citation marks on shared pages; else its title's first words")
    summary: Text
    published: PublishedDate = Field(description="When the text we have was published: " + PUBLISHED_FORMS)
    published_note: Text | None = Field(default=None, description="How that date is known")
    outlet: Outlet | None = Field(default=None, description="Who published the text we have (omit when the text does not say)")
    original: Original | None = Field(default=None, description="The original report, when the text is based on one (an agency's)")
    language: Literal["vi"] = "vi"
    entities: list[Id] = Field(default=[], description="Who is involved besides the entities its names and events give")
    sentences: dict[SentenceId, SentenceInfo]

    @property
    def published_first(self) -> dt.date:
        return published_span(self.published)[0]

    @property
    def published_last(self) -> dt.date:
        """The last day the text can have been published: what it can report ends there."""
        return published_span(self.published)[1]

    @property
    def published_precision(self) -> str:
        return published_span(self.published)[2]

    @property
    def published_year(self) -> int:
        return int(self.published[:4])

    def entity_ids(self, facts: Facts) -> list[str]:
        """Who the article involves: `entities`, then the entities of its names and events (each once)."""
        ids = [*self.entities, *(n.entity for n in facts.names if n.entity), *(i for e in facts.events for i in e.entities)]
        return list(dict.fromkeys(ids))


class Term(Strict):
    id: Id
    term: Text
    aliases: Aliases = Aliases()
    short: Text = Field(description="One sentence, shown as a tooltip")
    definition: Claim
    related: list[Id] = []


class Glossary(Strict):
    """`seeds/glossary.yml`."""

    terms: list[Term] = Field(min_length=1)




class Entity(Strict):
    id: Id
    kind: EntityKind
    name: Text
    aliases: Aliases = Aliases()
    description: Claim
    owner: Id | None = None
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")] | None = None


class Entities(Strict):
    """`seeds/entities.yml`."""

    entities: list[Entity] = []


class Source(Strict):
    id: Id
    publisher: PlainText
    title: Text
    publisher_name: Text | None = Field(default=None, description="The publisher's name as each language writes it, when it differs from `publisher` (a body's name in Vietnamese)")
    carried_by: PlainText | None = Field(default=None, description="The outlet whose copy was read, when the report is another's (Reuters carried by The Straits Times)")
    date: dt.date | None = None
    url: Annotated[str, Field(pattern=URL_PATTERN)] | None = None


class Sources(Strict):
    """`seeds/sources.yml`."""

    sources: list[Source] = []


#: The model class of each kind of seed file, by file name.
FILE_MODELS: dict[str, type[Strict]] = {
    "article.yml": ArticleMeta,
    "facts.yml": Facts,
    "glossary.yml": Glossary,
    "entities.yml": Entities,
    "sources.yml": Sources,
}
