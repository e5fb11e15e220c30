"""Validate stage: prove the loaded model consistent, reporting every problem at once.

Checks what one file cannot check alone: citations resolve to sentences, quotes are verbatim,
ids are unique and known, every sentence is cited or skipped with a reason, fingerprints match
the article, and nothing dated after publication is presented as reported by the article.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Literal, Protocol

from generator import model
from generator.dates import UnresolvedDate, format_when, resolve
from generator.load.read import FORGOTTEN, Article, Derived, Document, Site, derived, recall, remember
from generator.load.sentences import Sentence
from generator.problems import Problem, SeedError, key_path

Loc = tuple[str | int, ...]
#: A passage in quotation marks (Vietnamese uses “…”).
QUOTED = re.compile(r"“([^“”]+)”")
#: Page names an article folder already uses; a theme may not take them.
RESERVED_THEME_IDS = frozenset({"index", "source"})


#: What a cited thing is: a glossary definition, an entity's description, a key point, the lead of
#: a theme, a claim of a section (of the explainer or of a theme), an event of the timeline.
ClaimKind = Literal["definition", "description", "key_point", "theme_lead", "claim", "event"]


@dataclass(frozen=True)
class ClaimAt:
    """A claim (or an event, which cites like one) and where it stands."""

    kind: ClaimKind
    doc: Document
    loc: Loc
    article: Article | None  # the article whose sentences bare IDs refer to
    cite: tuple[str, ...]
    sources: tuple[str, ...]
    quote: model.Text | None
    text: model.Text | None = None  # what the page says


def claims_of(site: Site, articles: bool = True) -> Iterator[ClaimAt]:
    """Every cited thing of the site, with its document and key path (``articles=False``: those of
    the site-wide files only)."""
    by_slug = site.by_slug
    for i, term in enumerate(site.glossary.terms):
        c = term.definition
        yield ClaimAt("definition", site.docs["seeds/glossary.yml"], ("terms", i, "definition"), by_slug.get(c.article or ""), tuple(c.cite), tuple(c.sources), c.quote, c.text)
    for i, entity in enumerate(site.entities.entities):
        c = entity.description
        yield ClaimAt("description", site.docs["seeds/entities.yml"], ("entities", i, "description"), by_slug.get(c.article or ""), tuple(c.cite), tuple(c.sources), c.quote, c.text)
    if not articles:
        return
    for article in site.articles:
        yield from article_claims(article)


#: ``article_claims`` of each article (``read.derived``).
_CLAIMS: Derived = {}


def article_claims(article: Article) -> tuple[ClaimAt, ...]:
    """The cited things of one article's facts (made once per article object)."""
    return derived(_CLAIMS, article, None, lambda: tuple(_article_claims(article)))


def _article_claims(article: Article) -> Iterator[ClaimAt]:
    """The cited things of one article's facts: key points, theme leads, claims of sections, events."""
    doc, facts = article.facts_doc, article.facts
    for k, c in enumerate(facts.explainer.key_points):
        yield ClaimAt("key_point", doc, ("explainer", "key_points", k), article, tuple(c.cite), tuple(c.sources), c.quote, c.text)
    pages: list[tuple[Loc, list[model.Section]]] = [(("explainer",), facts.explainer.sections)]
    pages += [(("themes", t), theme.sections) for t, theme in enumerate(facts.themes)]
    for t, theme in enumerate(facts.themes):
        if theme.cite or theme.sources:  # the lead's citations (its text is checked by generator.validate.support)
            yield ClaimAt("theme_lead", doc, ("themes", t), article, tuple(theme.cite), tuple(theme.sources), None)
    for base, sections in pages:
        for s, section in enumerate(sections):
            for c_index, c in enumerate(section.claims):
                loc = (*base, "sections", s, "claims", c_index)
                yield ClaimAt("claim", doc, loc, article, tuple(c.cite), tuple(c.sources), c.quote, c.text)
    for e, event in enumerate(facts.events):
        yield ClaimAt("event", doc, ("events", e), article, tuple(event.cite), tuple(event.sources), None, event.text)


def resolve_citation(site: Site, claim: ClaimAt, citation: str) -> tuple[Article | None, str]:
    """``p2s1`` in an article's facts, ``slug/p2s1`` anywhere → (article, sentence id)."""
    if "/" in citation:
        slug, sentence = citation.split("/", 1)
        return site.by_slug.get(slug), sentence
    return claim.article, citation


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


def _duplicates(doc: Document, items: Sequence[_HasId], base: Loc, kind: str) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in seen:
            first_line = doc.where((*base, seen[item.id], "id"))[0]
            yield doc.problem((*base, i, "id"), f"duplicate {kind} id {item.id!r} (first at line {first_line})", f"give this {kind} another id, or merge the two")
        else:
            seen[item.id] = i


def _unknown(doc: Document, loc: Loc, kind: str, value: str, known: AbstractSet[str], where: str) -> Problem:
    close = difflib.get_close_matches(value, sorted(known), n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"add it to {where}, or use one of: {', '.join(sorted(known)[:8])}"
    return doc.problem(loc, f"unknown {kind} {value!r}", hint)


def _did_you_mean(sentence_id: str, article: Article) -> str:
    """A suggestion for a sentence id that does not exist: a sentence of the same paragraph,
    else the closest id; with the start of its text, so the editor can tell."""
    paragraph = sentence_id[1:].split("s", 1)[0]
    same = [s for s in article.sentences if str(s.paragraph) == paragraph]
    if same:
        wanted = int(sentence_id.rsplit("s", 1)[1])
        best = min(same, key=lambda s: abs(s.index - wanted))
    else:
        close = difflib.get_close_matches(sentence_id, [s.id for s in article.sentences], n=1)
        if not close:
            return ""
        best = article.by_id[close[0]]
    start = best.text if len(best.text) <= 60 else best.text[:60].rsplit(" ", 1)[0] + " …"
    return f"did you mean {best.id!r} (“{start}”)? "


def _closest_passage(quote: str, text: str) -> tuple[float, str]:
    """The passage of ``text`` most like ``quote``: as many words, quotes and punctuation trimmed."""
    words, n = text.split(), len(quote.split())
    candidates = [" ".join(words[i : i + n]).strip("“”‘’\"'«»()[],.;:!?…") for i in range(max(1, len(words) - n + 1))]
    return max((difflib.SequenceMatcher(None, quote, c).ratio(), c) for c in candidates)


def _passages(sentences: list[Sentence]) -> list[tuple[str, str]]:
    """What a quotation may come from: each cited sentence, and each run of cited sentences that
    follow one another in the article (a quotation over several sentences), joined by a space."""
    out = [(s.id, s.text) for s in sentences]
    ordered = sorted({(s.paragraph, s.index): s for s in sentences}.values(), key=lambda s: (s.paragraph, s.index))
    run: list[Sentence] = []
    for s in ordered:
        if run and not (s.paragraph == run[-1].paragraph and s.index == run[-1].index + 1):
            run = []
        run.append(s)
        if len(run) > 1:
            out.append((f"{run[0].id}–{run[-1].id}", " ".join(r.text for r in run)))
    return out


#: Quotation marks of any style, as one: a near-miss in them is named, not silently accepted.
_QUOTE_MARKS = str.maketrans(dict.fromkeys('“”„‟«»"″', '"') | dict.fromkeys("‘’‚‛′", "'"))


def _loose(text: str, casefold: bool) -> str:
    text = " ".join(text.translate(_QUOTE_MARKS).split())
    return text.casefold() if casefold else text


def _quote_fix(quote: str, passages: list[tuple[str, str]], advice: str) -> str:
    """How to fix a quotation that is not verbatim: a near-miss (letter case, spaces, quotation
    marks) is named with the exact text to copy; otherwise the closest passage is shown."""
    for where, text in passages:
        for casefold, what in ((False, "spaces or quotation marks"), (True, "upper/lower case")):
            loose_quote, loose_text = _loose(quote, casefold), _loose(text, casefold)
            at = loose_text.find(loose_quote)
            if at < 0:
                continue
            # map back: the exact passage of the article with the same words
            exact = _exact_span(text, quote, casefold)
            if exact is not None:
                return f"it differs from {where} only in {what} (the check is exact and case-sensitive): write “{exact}”"
    where, near = max((_closest_passage(quote, text), where) for where, text in passages)[1::-1]
    return f"{advice} (closest text in {where}: “{near[1]}”)"


def _exact_span(text: str, quote: str, casefold: bool) -> str | None:
    """The passage of ``text`` that matches ``quote`` up to spaces, quotation marks (and case)."""
    words = _loose(quote, casefold).split()
    pattern = r"\s+".join(
        "".join(("[\"“”„‟«»″]" if c == '"' else "['‘’‚‛′]" if c == "'" else re.escape(c)) for c in word) for word in words
    )
    found = re.search(pattern, text.translate({}), re.IGNORECASE if casefold else 0)
    return found.group(0) if found else None


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def validate(site: Site) -> Site:
    """Return ``site`` unchanged if it is consistent; otherwise raise SeedError with every problem."""
    problems = list(_check(site))
    if problems:
        raise SeedError(problems)
    return site


def _check(site: Site) -> Iterator[Problem]:
    gdoc, edoc, sdoc = (site.docs[f"seeds/{n}.yml"] for n in ("glossary", "entities", "sources"))
    entities = {e.id for e in site.entities.entities}

    yield from _unfinished(site)
    yield from _duplicates(gdoc, site.glossary.terms, ("terms",), "term")
    yield from _duplicates(edoc, site.entities.entities, ("entities",), "entity")
    yield from _duplicates(sdoc, site.sources.sources, ("sources",), "source")
    yield from _check_references(site, gdoc, edoc, entities)
    known_entities = frozenset(entities)
    for article in site.articles:
        if not _clean(article, ("article", known_entities)):
            yield from _found(article, ("article", known_entities), _check_article(site, article, entities))
    cited: Counter[tuple[str, str]] = Counter()
    known = _Known(sources=frozenset(s.id for s in site.sources.sources), slugs=frozenset(site.by_slug))
    for claim in claims_of(site, articles=False):
        yield from _check_claim(site, claim, known, cited)
    for article in site.articles:
        yield from _check_claims_of(site, article, known, cited)
    yield from _check_coverage(site, cited)


#: What was found without problems, by object (``read.derived``): an article's own checks, its
#: claims' (with the sentences they cite), its sentences' coverage.
_CLEAN_ARTICLES: Derived = {}
_CLAIMS_CHECKED: Derived = {}
_COVERED: Derived = {}


def _clean(article: Article, context: object, table: Derived = _CLEAN_ARTICLES) -> bool:
    return recall(table, article, context) is not FORGOTTEN


def _found(article: Article, context: object, problems: Iterable[Problem], table: Derived = _CLEAN_ARTICLES) -> list[Problem]:
    """The ``problems`` of one article's check; none: the article is clean in ``context``."""
    found = list(problems)
    if not found:
        remember(table, article, context, None)
    return found


def _check_claims_of(site: Site, article: Article, known: _Known, cited: Counter[tuple[str, str]]) -> Iterator[Problem]:
    """``_check_claim`` for the claims of one article, skipped when they were found clean with
    the same known ids and citing the same article objects (whose sentences they quote)."""
    kept = recall(_CLAIMS_CHECKED, article, known)
    if kept is not FORGOTTEN:
        counts, cited_articles = kept
        if all(site.by_slug.get(each.slug) is each for each in cited_articles):
            cited.update(counts)
            return
    mine: Counter[tuple[str, str]] = Counter()
    problems = [p for claim in article_claims(article) for p in _check_claim(site, claim, known, mine)]
    cited.update(mine)
    if problems:
        yield from problems
        return
    remember(_CLAIMS_CHECKED, article, known, (mine, tuple({slug: site.by_slug[slug] for slug, _ in mine}.values())))


def _check_references(site: Site, gdoc: Document, edoc: Document, entities: set[str]) -> Iterator[Problem]:
    """Related terms of the glossary and owners of entities name known ids."""
    terms = {t.id for t in site.glossary.terms}
    for i, term in enumerate(site.glossary.terms):
        for r, related in enumerate(term.related):
            if related not in terms:
                yield _unknown(gdoc, ("terms", i, "related", r), "term", related, terms, "seeds/glossary.yml")
            elif related == term.id:
                yield gdoc.problem(("terms", i, "related", r), "a term cannot be related to itself", "remove this id")
    for i, entity in enumerate(site.entities.entities):
        if entity.owner is not None and entity.owner not in entities:
            yield _unknown(edoc, ("entities", i, "owner"), "entity", entity.owner, entities, "seeds/entities.yml")


@dataclass(frozen=True)
class _Known:
    """The ids a citation or an outside source may name."""

    sources: frozenset[str]
    slugs: frozenset[str]


def _check_claim(site: Site, claim: ClaimAt, known: _Known, cited: Counter[tuple[str, str]]) -> Iterator[Problem]:
    """A claim's outside sources are known, its citations resolve (counted in ``cited``) and what it
    quotes is verbatim in the sentences it cites."""
    for k, source in enumerate(claim.sources):
        if source not in known.sources:
            yield _unknown(claim.doc, (*claim.loc, "sources", k), "outside source", source, known.sources, "seeds/sources.yml")
    found_sentences: list[Sentence] = []
    for k, citation in enumerate(claim.cite):
        found = _cited_sentence(site, claim, (*claim.loc, "cite", k), citation, known.slugs)
        if isinstance(found, Problem):
            yield found
            continue
        article, sentence = found
        cited[(article.slug, sentence.id)] += 1
        found_sentences.append(sentence)
    if found_sentences:
        yield from _check_quotes(claim, found_sentences)


def _cited_sentence(site: Site, claim: ClaimAt, loc: Loc, citation: str, slugs: AbstractSet[str]) -> tuple[Article, Sentence] | Problem:
    """The article and sentence a citation names, or the problem that it names none."""
    if claim.article is None and "/" not in citation:
        example = sorted(slugs)[0] if slugs else "my-article"
        return claim.doc.problem(loc, f"citation {citation!r} does not name its article", f"in site-wide files write slug/{citation} (e.g. {example}/{citation}), or give the claim `article: {example}` once")
    article, sentence_id = resolve_citation(site, claim, citation)
    if article is None:
        return _unknown(claim.doc, loc, "article", citation.split("/", 1)[0], slugs, "seeds/ (an article folder)")
    sentence = article.by_id.get(sentence_id)
    if sentence is None:
        ids = [s.id for s in article.sentences]
        fix = _did_you_mean(sentence_id, article)
        return claim.doc.problem(loc, f"no sentence {sentence_id!r} in {article.text_rel} (it has {ids[0]} … {ids[-1]}, {len(ids)} sentences)", f"{fix}list the sentences with `python -m generator sentences {article.slug}`")
    return article, sentence


def _check_quotes(claim: ClaimAt, found_sentences: list[Sentence]) -> Iterator[Problem]:
    """The quote of a claim, and any passage its text puts in quotation marks, are verbatim in the cited sentences."""
    passages = _passages(found_sentences)
    ids = ", ".join(s.id for s in found_sentences)
    if claim.quote is not None and not any(claim.quote.vi in text for _, text in passages):
        yield claim.doc.problem((*claim.loc, "quote", "vi"), f"the quote is not verbatim in {ids}", _quote_fix(claim.quote.vi, passages, "copy the passage exactly from the article"))
    # Quotation marks in the text of a statement resting on the article quote the article.
    for passage in QUOTED.findall(claim.text.vi if claim.text else ""):
        if not any(passage in text for _, text in passages):
            yield claim.doc.problem((*claim.loc, "text", "vi"), f"the quoted passage “{passage}” is not verbatim in {ids}", _quote_fix(passage, passages, "copy it exactly from the article") + ", or drop the quotation marks if it is not a quotation")


@dataclass(frozen=True)
class _Coverage:
    """A sentence of an article, its entry in article.yml, and how many facts cite it."""

    sentence: Sentence
    info: model.SentenceInfo
    cited: int


@dataclass(frozen=True)
class _SentenceRule:
    """A rule on a sentence's coverage: when ``broken`` holds, a problem at the sentence's entry
    (or its ``key``) with ``message`` and ``fix``, formatted with ``id``, ``facts`` and ``fingerprint``."""

    broken: Callable[[_Coverage], bool]
    key: tuple[str, ...]
    message: str
    fix: str


#: Every sentence is cited or skipped with a reason (not both), and a cited one has a fingerprint.
_SENTENCE_RULES = (
    _SentenceRule(
        lambda c: not c.cited and c.info.skip is None,
        (),
        "sentence {id} is neither cited by a fact nor skipped",
        "cite it from a claim in facts.yml, or add `skip: {{vi: …, en: …}}` with the reason",
    ),
    _SentenceRule(
        lambda c: bool(c.cited) and c.info.skip is not None,
        ("skip",),
        "sentence {id} is cited by {facts} but also has a skip reason",
        "remove `skip:` (it is shown as the reason the sentence is not cited)",
    ),
    _SentenceRule(
        lambda c: bool(c.cited) and c.info.fingerprint is None,
        (),
        "sentence {id} is cited but has no fingerprint, so a later change of its text would go unnoticed",
        "add `fingerprint: {fingerprint}` (the fingerprint of its current text)",
    ),
)


def _check_coverage(site: Site, cited: Counter[tuple[str, str]]) -> Iterator[Problem]:
    for article in site.articles:
        counts = tuple(cited[(article.slug, sentence.id)] for sentence in article.sentences)
        if not _clean(article, counts, _COVERED):
            yield from _found(article, counts, _article_coverage(article, cited), _COVERED)


def _article_coverage(article: Article, cited: Counter[tuple[str, str]]) -> Iterator[Problem]:
    for sentence in article.sentences:
        info = article.meta.sentences.get(sentence.id)
        if info is None:
            continue  # reported by _check_article
        coverage = _Coverage(sentence, info, cited[(article.slug, sentence.id)])
        fields = {"id": sentence.id, "facts": _plural(coverage.cited, "fact"), "fingerprint": sentence.fingerprint}
        for rule in _SENTENCE_RULES:
            if rule.broken(coverage):
                yield article.meta_doc.problem(("sentences", sentence.id, *rule.key), rule.message.format(**fields), rule.fix.format(**fields))


def _check_article(site: Site, article: Article, entities: set[str]) -> Iterator[Problem]:
    yield from _check_article_meta(site, article, entities)
    fdoc, facts = article.facts_doc, article.facts
    for base, items, kind in ((("themes",), facts.themes, "theme"), (("events",), facts.events, "event"), (("explainer", "sections"), facts.explainer.sections, "section")):
        yield from _duplicates(fdoc, items, base, kind)
    for t, theme in enumerate(facts.themes):
        if theme.id in RESERVED_THEME_IDS:
            yield fdoc.problem(("themes", t, "id"), f"theme id {theme.id!r} is the name of another page of the article", "choose another id")
        yield from _duplicates(fdoc, theme.sections, ("themes", t, "sections"), "section")
    for e, event in enumerate(facts.events):
        yield from _check_event(article, e, event, entities)
    yield from _check_names(article, entities)


def _check_article_meta(site: Site, article: Article, entities: set[str]) -> Iterator[Problem]:
    """article.yml: its entities are known, its sentence entries match the text (and their fingerprints), every sentence has one."""
    mdoc, meta, by_id = article.meta_doc, article.meta, article.by_id
    for e, entity in enumerate(meta.entities):  # the others (of names, events) are checked where they stand
        if entity not in entities:
            yield _unknown(mdoc, ("entities", e), "entity", entity, entities, "seeds/entities.yml")
    for sentence_id, info in meta.sentences.items():
        sentence = by_id.get(sentence_id)
        if sentence is None:
            yield mdoc.problem(("sentences", sentence_id), f"no sentence {sentence_id!r} in {article.text_rel}", _did_you_mean(sentence_id, article).strip() or "remove this entry")
        elif info.fingerprint is not None and info.fingerprint != sentence.fingerprint:
            users = _citing(site, article, sentence_id)
            yield mdoc.problem(("sentences", sentence_id, "fingerprint"), f"sentence {sentence_id} changed since its facts were written (now: “{sentence.text[:80]}”); facts citing it: {', '.join(users) or 'none'}", f"check those facts and the English rendering against the new text, then set `fingerprint: {sentence.fingerprint}`")
    for sentence in article.sentences:
        if sentence.id not in meta.sentences:
            yield mdoc.problem(("sentences",), f"sentence {sentence.id} has no English rendering", f"add `{sentence.id}: {{en: …, fingerprint: {sentence.fingerprint}}}` under `sentences:` (the sentence: “{sentence.text[:80]}”)")


def _citing(site: Site, article: Article, sentence_id: str) -> list[str]:
    """Where the claims citing a sentence stand, as ``file:line key``, sorted."""
    qualified = f"{article.slug}/{sentence_id}"
    found = {(c.doc.rel, c.doc.where(c.loc)[0], c.loc) for c in claims_of(site) if (c.article is article and sentence_id in c.cite) or qualified in c.cite}
    return [f"{rel}:{line} {key_path(loc)}" for rel, line, loc in sorted(found)]


def _check_event(article: Article, e: int, event: model.Event, entities: set[str]) -> Iterator[Problem]:
    """An event's entities are known and its date resolves, not after the article when it cites the article."""
    fdoc, meta, facts = article.facts_doc, article.meta, article.facts
    for k, entity in enumerate(event.entities):
        if entity not in entities:
            yield _unknown(fdoc, ("events", e, "entities", k), "entity", entity, entities, "seeds/entities.yml")
    if event.when.weekday is not None and meta.published_precision in ("year", "month"):
        yield fdoc.problem(("events", e, "when", "weekday"), f"“the last {event.when.weekday.title()}” needs the day the article was published, but {article.meta_doc.rel} gives only {meta.published}", "write the event's date (`date: YYYY-MM-DD`), or give `published` as a day")
        return
    try:
        when = resolve(event.when, meta.published, facts.events)
    except UnresolvedDate:
        ids = {x.id for x in facts.events}
        if event.when.after in ids:
            yield fdoc.problem(("events", e, "when", "after"), f"the dates of event {event.id!r} and {event.when.after!r} are relative to each other in a circle", "date one of them with `date:`, `weekday:` or `before:`")
        else:
            yield _unknown(fdoc, ("events", e, "when", "after"), "event", str(event.when.after), ids - {event.id}, f"the events of {fdoc.rel}")
        return
    if event.cite and when.start > meta.published_last:
        yield fdoc.problem(("events", e, "when"), f"event dated {when.iso or format_when(when, 'en')} is after the article's publication ({meta.published}) but cites the article", "an article cannot report what came after it: cite an outside source in `sources` and remove `cite`")


def _check_names(article: Article, entities: set[str]) -> Iterator[Problem]:
    """The names of an article's facts cite its sentences and name known entities (drafts are reported as drafts)."""
    fdoc = article.facts_doc
    for n, name in enumerate(article.facts.names):
        for k, sentence_id in enumerate(name.cite):
            if sentence_id not in article.by_id:
                yield fdoc.problem(("names", n, "cite", k), f"no sentence {sentence_id!r} in {article.text_rel}", f"list the sentences with `python -m generator sentences {article.slug}`")
        if name.draft or name.entity is None:
            continue  # reported as a draft
        if name.entity not in entities:
            yield _unknown(fdoc, ("names", n, "entity"), "entity", name.entity, entities, "seeds/entities.yml")


def _unfinished(site: Site) -> Iterator[Problem]:
    """Drafts (`draft: true`, lines of `to_confirm`) and placeholders (text starting with TODO) left in any seed file."""
    files: list[tuple[Document, object, Article | None]] = [
        (site.docs[f"seeds/{n}.yml"], data, None) for n, data in (("glossary", site.glossary), ("entities", site.entities), ("sources", site.sources))
    ]
    for each in site.articles:
        files += [(each.meta_doc, each.meta, each), (each.facts_doc, each.facts, each)]

    for doc, data, article in files:
        if _CLEAN.get(id(data)) is data:  # the same model as a build before (its file unchanged): no problem then
            continue
        problems = list(_walk_unfinished(doc, data, (), article))
        for k, line in enumerate(getattr(data, "to_confirm", [])):
            problems.append(doc.problem(("to_confirm", k), f"still to confirm: {line}", "check it against the article and correct the facts, then delete this line (and `to_confirm:` when it is empty)"))
        if problems:
            yield from problems
        else:
            if len(_CLEAN) > 100_000:
                _CLEAN.clear()
            _CLEAN[id(data)] = data


def _walk_unfinished(doc: Document, value: object, loc: Loc, article: Article | None) -> Iterator[Problem]:
    """Drafts and placeholders in one seed file's model, depth first."""
    if isinstance(value, model.Strict):
        if getattr(value, "draft", False):
            yield _draft_problem(doc, value, loc, article)
        for name in type(value).model_fields:
            yield from _walk_unfinished(doc, getattr(value, name), (*loc, name), article)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _walk_unfinished(doc, item, (*loc, i), article)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk_unfinished(doc, item, (*loc, key), article)
    elif isinstance(value, str) and value.startswith(model.PLACEHOLDER):
        language = {"vi": "Vietnamese", "en": "English"}.get(str(loc[-1]))
        what = f"the {language} text is" if language else "this is"
        fix = f"write the {language} text in place of the placeholder" if language else "write the value in place of the placeholder (see seeds/README.md)"
        yield doc.problem(loc, f"{what} still a placeholder: “{value[:60]}”", fix)


#: Models of seed files found without drafts, placeholders or lines to confirm, by identity
#: (``generator.load.fast`` gives the same model again for a file that did not change: `mkdocs
#: serve` checks only the others).
_CLEAN: dict[int, object] = {}


def _draft_problem(doc: Document, item: object, loc: Loc, article: Article | None) -> Problem:
    at, fix_end = (*loc, "draft"), "then delete `draft: true`"
    if isinstance(item, model.Event):
        try:
            when = resolve(item.when, article.meta.published, article.facts.events) if article else None
        except (UnresolvedDate, ValueError):
            when = None
        found = f" (“{item.written.vi}” → {format_when(when, 'en')})" if item.written and when else ""
        return doc.problem(at, f"event {item.id!r} is an unconfirmed draft{found}", f"check `when` and the text against {', '.join(item.cite) or 'its sources'}, {fix_end}; or delete the event")
    if isinstance(item, model.Name):
        meta = article.meta_doc.rel if article else "article.yml"
        return doc.problem(at, f"name {item.text!r} is an unconfirmed draft", f"set `entity:` to its id in seeds/entities.yml (add the entity there if it is new) and list that id under `entities:` in {meta}, {fix_end}; or delete the item if it is not a name")
    if isinstance(item, model.Claim):
        return doc.problem(at, f"claim citing {', '.join(item.cite) or 'its sources'} is an unconfirmed draft", f"check it against the cited sentence, write it plainly in both languages, {fix_end}; or delete it (a sentence no claim cites needs `skip:` in article.yml)")
    return doc.problem(at, "an unconfirmed draft", f"confirm it, {fix_end}")
