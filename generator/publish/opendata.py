"""Open data: the facts of the site as JSON that others can reuse, each file with its JSON Schema.

Published with the site under ``data/`` (``generator.publish`` writes them after each build, from the
same validated model the pages were generated from):

- ``index.json``: what is published, and counts (statements, citations, sentences);
- ``articles/<slug>.json``: an article's metadata, every sentence (verbatim Vietnamese, English
  rendering, fingerprint, skip reason, anchor URLs) and its facts in the seed format;
- ``glossary.json``, ``entities.json``, ``sources.json``: the site-wide files, with page URLs;
- ``timeline.json``: every event with its date resolved to its honest precision;
- ``timelinejs.vi.json``, ``timelinejs.en.json``: the timeline in TimelineJS3's JSON format;
- ``schema/*.schema.json``: the JSON Schemas of all of these and of the seed files.

The shapes are pydantic models, like the seed files' (``generator.model``): the JSON Schemas
are generated from them (``python -m generator schema``), so files and schemas cannot drift.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from generator import model
from generator.dates import format_day, format_when, resolve
from generator.load.read import Article, Site
from generator.strings import LANGUAGES, source_name, strings
from generator.urls import SiteUrls
from generator.validate.rules import ClaimAt, claims_of, resolve_citation

SCHEMA_DIR = "schema"


class Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Pages(Data):
    """The URL of a page (or anchor) in each language of the site."""

    vi: str
    en: str


class Published(Data):
    """A published file names its JSON Schema, so that editors and validators find it."""

    schema_: str = Field(alias="$schema", description="URL of this file's JSON Schema")


# -- articles ---------------------------------------------------------------------------------------


class SentenceData(Data):
    id: model.SentenceId
    paragraph: int = Field(ge=1)
    sentence: int = Field(ge=1, description="Position in the paragraph")
    vi: str = Field(description="The sentence, verbatim")
    en: str = Field(description="Its English rendering")
    fingerprint: str = Field(pattern=r"^[0-9a-f]{12}$", description="Digest of the current text (changes when the text does)")
    cited: bool = Field(description="Whether a statement of the site cites it")
    skip: model.Text | None = Field(description="Why no statement cites it")
    url: Pages = Field(description="Its anchor on the source page")


class OriginalData(Data):
    """Who published the text we have and when (as precisely as known), and the report it is based on."""

    outlet: model.Outlet | None
    published: str = Field(description=model.PUBLISHED_FORMS)
    published_note: model.Text | None
    original: model.Original | None
    language: str


class ArticleData(Published):
    """``data/articles/<slug>.json``: one article, its sentences and its facts."""

    slug: model.Id
    title: model.Text
    summary: model.Text
    pages: Pages = Field(description="The explainer")
    source_pages: Pages = Field(description="The article sentence by sentence")
    original: OriginalData
    entities: list[model.Id]
    sentences: list[SentenceData]
    facts: model.Facts = Field(description="As in seeds/<slug>/facts.yml: cite = sentence ids above, sources = ids in sources")
    sources: list[model.Source] = Field(description="The outside sources the facts cite")


# -- site-wide files --------------------------------------------------------------------------------


class TermData(model.Term):
    url: Pages


class GlossaryData(Published):
    """``data/glossary.json``: the glossary; citations read ``slug/pNsM``."""

    pages: Pages
    terms: list[TermData]
    sources: list[model.Source] = Field(description="The outside sources the definitions cite")


class EntityData(model.Entity):
    url: Pages


class EntitiesData(Published):
    """``data/entities.json``: who's who."""

    pages: Pages
    entities: list[EntityData]
    sources: list[model.Source] = Field(description="The outside sources the descriptions cite")


class SourceData(model.Source):
    page: Pages = Field(description="Its entry on the site's list of outside sources")


class SourcesData(Published):
    """``data/sources.json``: every outside source."""

    pages: Pages
    sources: list[SourceData]


# -- timeline ---------------------------------------------------------------------------------------


class DateData(Data):
    """An event's date as precisely as it is known."""

    iso: str | None = Field(description="Only what is known: YYYY, YYYY-MM or YYYY-MM-DD; null when not even the year is certain (an undisclosed day before a date)")
    precision: Literal["day", "month", "year", "before", "after"] = Field(description="`after`: relative to another event (`relative_to`)")
    start: dt.date | None = Field(description="Earliest possible day; null when only an upper bound is known")
    end: dt.date = Field(description="Latest possible day")
    part: Literal["early", "mid", "late"] | None
    approximate: bool
    part_of_day: model.PartOfDay | None
    timezone: str | None = Field(description="The time zone the article states (IANA name)")
    relative_to: model.Id | None = Field(description="The event this date is relative to")
    label: model.Text = Field(description="The date as each language writes it")


class EventData(model.Event):
    article: model.Id
    date: DateData
    later: bool = Field(description="After the article's publication (so from outside sources only)")
    outside: bool = Field(description="Rests on outside sources only")
    pages: Pages = Field(description="The explainer of its article")


class TimelineData(Published):
    """``data/timeline.json``: every event of every article, in date order."""

    pages: Pages
    events: list[EventData]
    sources: list[model.Source] = Field(description="The outside sources the events cite")


# -- TimelineJS3 (https://timeline.knightlab.com/docs/json-format.html) -----------------------------


class TLDate(Data):
    year: int
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    display_date: str | None = None


class TLText(Data):
    headline: str | None = None
    text: str | None = Field(default=None, description="HTML")


class TLSlide(Data):
    start_date: TLDate | None = None
    text: TLText | None = None
    group: str | None = None
    display_date: str | None = None
    unique_id: str | None = None
    autolink: bool | None = None


class TLTimeline(Data):
    """A TimelineJS3 timeline (the subset of the format used here)."""

    title: TLSlide | None = None
    events: list[TLSlide]


# -- index ------------------------------------------------------------------------------------------


class Counts(Data):
    """What the site states and what it rests on."""

    statements: int = Field(description="claims + events + definitions + descriptions")
    claims: int = Field(description="Statements of explainers and theme pages")
    events: int
    definitions: int = Field(description="Glossary definitions")
    descriptions: int = Field(description="Who's who descriptions")
    citations: int = Field(description="Citations of article sentences")
    outside_citations: int = Field(description="Citations of outside sources")
    outside_sources: int = Field(description="Outside sources listed")
    outside_sources_cited: int
    context_statements: int = Field(description="Statements resting on outside sources only")
    sentences: int = Field(description="Article sentences")
    cited_sentences: int
    skipped_sentences: int = Field(description="Not cited, each with its reason")
    uncited_sentences: int = Field(description="Not cited and without a reason (always 0: `generator check` refuses them)")


class IndexData(Published):
    """``data/index.json``: the published files and the counts."""

    site: str
    articles: dict[str, str] = Field(description="slug → URL of its data file")
    glossary: str
    entities: str
    sources: str
    timeline: str
    timelinejs: Pages
    schemas: dict[str, str] = Field(description="file name → URL")
    counts: Counts


#: The published files' models, by schema name (``generator/schema/<name>.schema.json``).
DATA_MODELS: dict[str, type[BaseModel]] = {
    "data-index": IndexData,
    "data-article": ArticleData,
    "data-glossary": GlossaryData,
    "data-entities": EntitiesData,
    "data-sources": SourcesData,
    "data-timeline": TimelineData,
    "timelinejs": TLTimeline,
}


# -- building the files -----------------------------------------------------------------------------


def counts(site: Site) -> Counts:
    """Statements, citations and sentences of the whole site."""
    claims = list(claims_of(site))
    by_kind = Counter(c.kind for c in claims)
    kinds = {
        "claims": by_kind["claim"] + by_kind["key_point"] + by_kind["theme_lead"],
        "events": by_kind["event"],
        "definitions": by_kind["definition"],
        "descriptions": by_kind["description"],
    }
    return Counts(
        statements=len(claims),
        **kinds,
        citations=sum(len(c.cite) for c in claims),
        outside_citations=sum(len(c.sources) for c in claims),
        outside_sources=len(site.sources.sources),
        outside_sources_cited=len({s for c in claims for s in c.sources}),
        context_statements=sum(1 for c in claims if not c.cite),
        **_sentence_counts(site),
    )


def _sentence_counts(site: Site) -> dict[str, int]:
    """The sentences of the articles: how many, cited, skipped with a reason, neither."""
    cited = cited_sentences(site)
    sentences = [(a.slug, s.id, a.meta.sentences[s.id].skip is not None) for a in site.articles for s in a.sentences]
    return {
        "sentences": len(sentences),
        "cited_sentences": sum(1 for slug, sid, _ in sentences if (slug, sid) in cited),
        "skipped_sentences": sum(1 for slug, sid, skip in sentences if (slug, sid) not in cited and skip),
        "uncited_sentences": sum(1 for slug, sid, skip in sentences if (slug, sid) not in cited and not skip),
    }


def resolve_key(site: Site, claim: ClaimAt, citation: str) -> tuple[str, str]:
    article, sentence_id = resolve_citation(site, claim, citation)
    return (article.slug if article else "", sentence_id)


def _sources(site: Site, ids: Iterable[str]) -> list[model.Source]:
    wanted = set(ids)
    return [s for s in site.sources.sources if s.id in wanted]


def _schema_url(urls: SiteUrls, name: str) -> str:
    return urls.data(f"{SCHEMA_DIR}/{name}.schema.json")


def cited_sentences(site: Site) -> set[tuple[str, str]]:
    """(article slug, sentence id) of every sentence a statement of the site cites."""
    return {resolve_key(site, c, citation) for c in claims_of(site) for citation in c.cite}


def article_data(site: Site, article: Article, urls: SiteUrls, cited: set[tuple[str, str]]) -> ArticleData:
    """The data of one article; ``cited`` is ``cited_sentences(site)``, computed once for all articles."""
    base = f"articles/{article.slug}"
    facts = article.facts
    source_ids = [s for section in _sections(facts) for claim in section.claims for s in claim.sources]
    source_ids += [s for event in facts.events for s in event.sources]
    meta = article.meta
    return ArticleData(
        schema_=_schema_url(urls, "data-article"),
        slug=article.slug,
        title=meta.title,
        summary=meta.summary,
        pages=Pages(**urls.pages(f"{base}/index.md")),
        source_pages=Pages(**urls.pages(f"{base}/source.md")),
        original=OriginalData(
            outlet=meta.outlet, published=meta.published, published_note=meta.published_note,
            original=meta.original, language=meta.language,
        ),
        entities=meta.entity_ids(facts),
        sentences=[
            SentenceData(
                id=s.id, paragraph=s.paragraph, sentence=s.index, vi=s.text, en=meta.sentences[s.id].en,
                fingerprint=s.fingerprint, cited=(article.slug, s.id) in cited, skip=meta.sentences[s.id].skip,
                url=Pages(**urls.pages(f"{base}/source.md#{s.id}")),
            )
            for s in article.sentences
        ],
        facts=facts,
        sources=_sources(site, source_ids),
    )


def _sections(facts: model.Facts) -> list[model.Section]:
    return [*facts.explainer.sections, *(s for theme in facts.themes for s in theme.sections)]


def glossary_data(site: Site, urls: SiteUrls) -> GlossaryData:
    return GlossaryData(
        schema_=_schema_url(urls, "data-glossary"),
        pages=Pages(**urls.pages("glossary.md")),
        terms=[TermData(**dict(term), url=Pages(**urls.pages(f"glossary.md#{term.id}"))) for term in site.glossary.terms],
        sources=_sources(site, (s for term in site.glossary.terms for s in term.definition.sources)),
    )


def entities_data(site: Site, urls: SiteUrls) -> EntitiesData:
    return EntitiesData(
        schema_=_schema_url(urls, "data-entities"),
        pages=Pages(**urls.pages("who.md")),
        entities=[EntityData(**dict(e), url=Pages(**urls.pages(f"who.md#{e.id}"))) for e in site.entities.entities],
        sources=_sources(site, (s for e in site.entities.entities for s in e.description.sources)),
    )


def sources_data(site: Site, urls: SiteUrls) -> SourcesData:
    return SourcesData(
        schema_=_schema_url(urls, "data-sources"),
        pages=Pages(**urls.pages("sources.md")),
        sources=[SourceData(**dict(s), page=Pages(**urls.pages(f"sources.md#{s.id}"))) for s in site.sources.sources],
    )


def _events(site: Site) -> list[tuple[Article, model.Event]]:
    events = [(a, e) for a in site.articles for e in a.facts.events]
    return sorted(events, key=lambda ae: (resolve(ae[1].when, ae[0].meta.published, ae[0].facts.events).sort_key, ae[0].slug, ae[1].id))


def _date(event: model.Event, article: Article) -> DateData:
    when = resolve(event.when, article.meta.published, article.facts.events)
    return DateData(
        iso=when.iso,
        precision=when.precision,
        start=None if when.precision == "before" else when.start,
        end=when.end,
        part=when.part,
        approximate=when.approximate,
        part_of_day=when.part_of_day,
        timezone=when.timezone,
        relative_to=event.when.after,
        label=model.Text(**{lang: format_when(when, lang) for lang in LANGUAGES}),
    )


def timeline_data(site: Site, urls: SiteUrls) -> TimelineData:
    events = []
    for article, event in _events(site):
        date = _date(event, article)
        events.append(
            EventData(
                **dict(event), article=article.slug, date=date,
                later=resolve(event.when, article.meta.published, article.facts.events).start > article.meta.published_last,
                outside=not event.cite, pages=Pages(**urls.pages(f"articles/{article.slug}/index.md")),
            )
        )
    return TimelineData(
        schema_=_schema_url(urls, "data-timeline"),
        pages=Pages(**urls.pages("timeline.md")),
        events=events,
        sources=_sources(site, (s for _, e in _events(site) for s in e.sources)),
    )


def timelinejs(site: Site, lang: str, urls: SiteUrls) -> TLTimeline:
    """The timeline in TimelineJS3's format: dates no more precise than known, every event cited."""
    t = strings(lang)
    sources = {s.id: s for s in site.sources.sources}
    slides = []
    for article, event in _events(site):
        when = resolve(event.when, article.meta.published, article.facts.events)
        # no more precise than known: the parts of the date its ``iso`` gives (for an undisclosed
        # day, the year and month of its latest possible day: TimelineJS needs a year)
        known = (when.iso or f"{when.end.year:04d}-{when.end.month:02d}").split("-")
        start = TLDate(
            year=int(known[0]),
            month=int(known[1]) if len(known) > 1 else None,
            day=int(known[2]) if len(known) > 2 else None,
        )
        cites = []
        for sentence_id in event.cite:
            sentence = article.by_id[sentence_id]
            label = t["cite_mark"].format(paragraph=sentence.paragraph, sentence=sentence.index)
            quoted = f"“{sentence.text}”" + (f" — {article.meta.sentences[sentence_id].en}" if lang != "vi" else "")
            href = urls.page(lang, f"articles/{article.slug}/source.md#{sentence_id}")
            cites.append(f'<a href="{html.escape(href)}">{html.escape(label)}</a> {html.escape(quoted)}')
        for source_id in event.sources:
            source = sources[source_id]
            label = (
                t["source_mark_dated"].format(publisher=source_name(source, lang), date=format_day(source.date, lang))
                if source.date else t["source_mark"].format(publisher=source_name(source, lang))
            )
            href = urls.page(lang, f"sources.md#{source_id}")
            cites.append(f'{html.escape(t["context_label"])}: <a href="{html.escape(href)}">{html.escape(label)}</a> ({html.escape(source.title[lang])})')
        explainer = urls.page(lang, f"articles/{article.slug}/index.md")
        body = [f"<p>{html.escape(event.text[lang])}</p>"]
        if event.written:
            body.append(f"<p>{html.escape(t['as_written'].format(written=event.written[lang]))}</p>")
        body.append("<p>" + "<br>".join(cites) + "</p>")
        body.append(f'<p>{html.escape(t["article_label"])}: <a href="{html.escape(explainer)}">{html.escape(article.meta.title[lang])}</a></p>')
        slides.append(
            TLSlide(
                start_date=start,
                display_date=format_when(when, lang),
                text=TLText(headline=event.text[lang], text="".join(body)),
                group=t["context_label"] if not event.cite else article.meta.title[lang],
                unique_id=f"{article.slug}-{event.id}",
                autolink=False,
            )
        )
    return TLTimeline(
        title=TLSlide(text=TLText(headline=t["timeline"], text=f"<p>{html.escape(t['timeline_intro'])}</p>")),
        events=slides,
    )


def dumps(data: BaseModel) -> str:
    """A published file: JSON, UTF-8, stable key order as the models declare them."""
    exclude_none = isinstance(data, TLTimeline)
    value = data.model_dump(mode="json", by_alias=True, exclude_none=exclude_none)
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def files(site: Site, urls: SiteUrls, schemas: dict[str, str]) -> dict[str, str]:
    """Every open-data file, keyed by its path under the site's ``data/`` folder; ``schemas``:
    the JSON Schema files published with them (``generator.publish.schemas.schema_files``)."""
    return dict(sorted(each_file(site, urls, schemas)))


def each_file(site: Site, urls: SiteUrls, schemas: dict[str, str]) -> Iterator[tuple[str, str]]:
    """``files``, one (path, text) at a time (a live preview writes them in the background, and
    lets a save's build go first between two: at 1000 articles they take seconds)."""
    cited = cited_sentences(site)
    for a in site.articles:
        yield f"articles/{a.slug}.json", dumps(article_data(site, a, urls, cited))
    yield "glossary.json", dumps(glossary_data(site, urls))
    yield "entities.json", dumps(entities_data(site, urls))
    yield "sources.json", dumps(sources_data(site, urls))
    yield "timeline.json", dumps(timeline_data(site, urls))
    for lang in LANGUAGES:
        yield f"timelinejs.{lang}.json", dumps(timelinejs(site, lang, urls))
    for name, text in schemas.items():
        yield f"{SCHEMA_DIR}/{name}", text
    index = IndexData(
        schema_=_schema_url(urls, "data-index"),
        site=urls.base,
        articles={a.slug: urls.data(f"articles/{a.slug}.json") for a in site.articles},
        glossary=urls.data("glossary.json"),
        entities=urls.data("entities.json"),
        sources=urls.data("sources.json"),
        timeline=urls.data("timeline.json"),
        timelinejs=Pages(**{lang: urls.data(f"timelinejs.{lang}.json") for lang in LANGUAGES}),
        schemas={name: urls.data(f"{SCHEMA_DIR}/{name}") for name in schemas},
        counts=counts(site),
    )
    yield "index.json", dumps(index)


