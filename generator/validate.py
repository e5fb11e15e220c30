"""Validate stage: prove the loaded model consistent, reporting every problem at once.

Checks what one file cannot check alone: citations resolve to sentences, quotes are verbatim,
ids are unique and known, every sentence is cited or skipped with a reason, fingerprints match
the article, and nothing dated after publication is presented as reported by the article.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from . import model
from .dates import resolve
from .load import Article, Document, Site
from .problems import Problem, SeedError

Loc = tuple[str | int, ...]
#: Page names an article folder already uses; a theme may not take them.
RESERVED_THEME_IDS = frozenset({"index", "source"})


@dataclass(frozen=True)
class ClaimAt:
    """A claim (or an event, which cites like one) and where it stands."""

    doc: Document
    loc: Loc
    article: Article | None  # the article whose sentences bare IDs refer to
    cite: tuple[str, ...]
    sources: tuple[str, ...]
    quote: model.Text | None


def claims_of(site: Site) -> Iterator[ClaimAt]:
    """Every cited thing of the site, with its document and key path."""
    for i, term in enumerate(site.glossary.terms):
        c = term.definition
        yield ClaimAt(site.docs["seeds/glossary.yml"], ("terms", i, "definition"), None, tuple(c.cite), tuple(c.sources), c.quote)
    for i, entity in enumerate(site.entities.entities):
        c = entity.description
        yield ClaimAt(site.docs["seeds/entities.yml"], ("entities", i, "description"), None, tuple(c.cite), tuple(c.sources), c.quote)
    for article in site.articles:
        doc, facts = article.facts_doc, article.facts
        pages: list[tuple[Loc, list[model.Section]]] = [(("explainer",), facts.explainer.sections)]
        pages += [(("themes", t), theme.sections) for t, theme in enumerate(facts.themes)]
        for base, sections in pages:
            for s, section in enumerate(sections):
                for c_index, c in enumerate(section.claims):
                    loc = (*base, "sections", s, "claims", c_index)
                    yield ClaimAt(doc, loc, article, tuple(c.cite), tuple(c.sources), c.quote)
        for e, event in enumerate(facts.events):
            yield ClaimAt(doc, ("events", e), article, tuple(event.cite), tuple(event.sources), None)


def resolve_citation(site: Site, claim: ClaimAt, citation: str) -> tuple[Article | None, str]:
    """``p2s1`` in an article's facts, ``slug/p2s1`` anywhere → (article, sentence id)."""
    if "/" in citation:
        slug, sentence = citation.split("/", 1)
        return next((a for a in site.articles if a.slug == slug), None), sentence
    return claim.article, citation


def _duplicates(doc: Document, items: list, base: Loc, kind: str) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in seen:
            first_line = doc.where((*base, seen[item.id], "id"))[0]
            yield doc.problem((*base, i, "id"), f"duplicate {kind} id {item.id!r} (first at line {first_line})", f"give this {kind} another id, or merge the two")
        else:
            seen[item.id] = i


def _unknown(doc: Document, loc: Loc, kind: str, value: str, known: set[str], where: str) -> Problem:
    close = difflib.get_close_matches(value, sorted(known), n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"add it to {where}, or use one of: {', '.join(sorted(known)[:8])}"
    return doc.problem(loc, f"unknown {kind} {value!r}", hint)


def validate(site: Site) -> Site:
    """Return ``site`` unchanged if it is consistent; otherwise raise SeedError with every problem."""
    problems = list(_check(site))
    if problems:
        raise SeedError(problems)
    return site


def _check(site: Site) -> Iterator[Problem]:
    gdoc, edoc, sdoc = (site.docs[f"seeds/{n}.yml"] for n in ("glossary", "entities", "sources"))
    terms = {t.id for t in site.glossary.terms}
    entities = {e.id for e in site.entities.entities}
    sources = {s.id for s in site.sources.sources}
    slugs = {a.slug for a in site.articles}

    yield from _duplicates(gdoc, site.glossary.terms, ("terms",), "term")
    yield from _duplicates(edoc, site.entities.entities, ("entities",), "entity")
    yield from _duplicates(sdoc, site.sources.sources, ("sources",), "source")

    for i, term in enumerate(site.glossary.terms):
        for r, related in enumerate(term.related):
            if related not in terms:
                yield _unknown(gdoc, ("terms", i, "related", r), "term", related, terms, "seeds/glossary.yml")
            elif related == term.id:
                yield gdoc.problem(("terms", i, "related", r), "a term cannot be related to itself", "remove this id")
    for i, entity in enumerate(site.entities.entities):
        if entity.owner is not None and entity.owner not in entities:
            yield _unknown(edoc, ("entities", i, "owner"), "entity", entity.owner, entities, "seeds/entities.yml")

    for article in site.articles:
        yield from _check_article(site, article, entities)

    cited: dict[tuple[str, str], int] = {}
    for claim in claims_of(site):
        for k, source in enumerate(claim.sources):
            if source not in sources:
                yield _unknown(claim.doc, (*claim.loc, "sources", k), "outside source", source, sources, "seeds/sources.yml")
        found_sentences = []
        for k, citation in enumerate(claim.cite):
            loc = (*claim.loc, "cite", k)
            if claim.article is None and "/" not in citation:
                yield claim.doc.problem(loc, f"citation {citation!r} does not name its article", f"in site-wide files write slug/{citation}, e.g. {sorted(slugs)[0] if slugs else 'my-article'}/{citation}")
                continue
            article, sentence_id = resolve_citation(site, claim, citation)
            if article is None:
                slug = citation.split("/", 1)[0]
                yield _unknown(claim.doc, loc, "article", slug, slugs, "seeds/ (an article folder)")
                continue
            sentence = article.by_id.get(sentence_id)
            if sentence is None:
                ids = [s.id for s in article.sentences]
                close = difflib.get_close_matches(sentence_id, ids, n=1)
                fix = f"did you mean {close[0]!r}? " if close else ""
                yield claim.doc.problem(loc, f"no sentence {sentence_id!r} in {article.text_rel} (it has {ids[0]} … {ids[-1]}, {len(ids)} sentences)", f"{fix}list the sentences with `python -m generator sentences {article.slug}`")
                continue
            cited[(article.slug, sentence_id)] = cited.get((article.slug, sentence_id), 0) + 1
            found_sentences.append(sentence)
        if claim.quote is not None and found_sentences and not any(claim.quote.vi in s.text for s in found_sentences):
            best = max(found_sentences, key=lambda s: difflib.SequenceMatcher(None, claim.quote.vi, s.text).find_longest_match().size)
            match = difflib.SequenceMatcher(None, claim.quote.vi, best.text).find_longest_match()
            near = best.text[max(0, match.b - 10) : match.b + match.size + 10]
            yield claim.doc.problem((*claim.loc, "quote", "vi"), f"the quote is not verbatim in {', '.join(s.id for s in found_sentences)}", f"copy the passage exactly from the article (closest text: “…{near}…”)")

    for article in site.articles:
        for sentence in article.sentences:
            info = article.meta.sentences.get(sentence.id)
            if info is None:
                continue  # reported by _check_article
            is_cited = (article.slug, sentence.id) in cited
            if not is_cited and info.skip is None:
                yield article.meta_doc.problem(("sentences", sentence.id), f"sentence {sentence.id} is neither cited by a fact nor skipped", "cite it from a claim in facts.yml, or add `skip: {vi: …, en: …}` with the reason")


def _check_article(site: Site, article: Article, entities: set[str]) -> Iterator[Problem]:
    mdoc, fdoc, meta, facts = article.meta_doc, article.facts_doc, article.meta, article.facts
    by_id = article.by_id
    for e, entity in enumerate(meta.entities):
        if entity not in entities:
            yield _unknown(mdoc, ("entities", e), "entity", entity, entities, "seeds/entities.yml")
    for sentence_id, info in meta.sentences.items():
        sentence = by_id.get(sentence_id)
        if sentence is None:
            ids = list(by_id)
            close = difflib.get_close_matches(sentence_id, ids, n=1)
            yield mdoc.problem(("sentences", sentence_id), f"no sentence {sentence_id!r} in {article.text_rel}", f"did you mean {close[0]!r}?" if close else "remove this entry")
        elif info.fingerprint is not None and info.fingerprint != sentence.fingerprint:
            users = sorted({c.doc.rel + ":" + str(c.doc.where(c.loc)[0]) for c in claims_of(site) if c.article is article and sentence_id in c.cite or f"{article.slug}/{sentence_id}" in c.cite})
            yield mdoc.problem(("sentences", sentence_id, "fingerprint"), f"sentence {sentence_id} changed since its facts were written (now: “{sentence.text[:80]}”); facts citing it: {', '.join(users) or 'none'}", f"check those facts and the English rendering against the new text, then set `fingerprint: {sentence.fingerprint}`")
    for sentence in article.sentences:
        if sentence.id not in meta.sentences:
            yield mdoc.problem(("sentences",), f"sentence {sentence.id} has no English rendering", f"add `{sentence.id}: {{en: …, fingerprint: {sentence.fingerprint}}}` under `sentences:` (the sentence: “{sentence.text[:80]}”)")
    for base, items, kind in ((("themes",), facts.themes, "theme"), (("events",), facts.events, "event"), (("explainer", "sections"), facts.explainer.sections, "section")):
        yield from _duplicates(fdoc, items, base, kind)
    for t, theme in enumerate(facts.themes):
        if theme.id in RESERVED_THEME_IDS:
            yield fdoc.problem(("themes", t, "id"), f"theme id {theme.id!r} is the name of another page of the article", "choose another id")
        yield from _duplicates(fdoc, theme.sections, ("themes", t, "sections"), "section")
    for e, event in enumerate(facts.events):
        for k, entity in enumerate(event.entities):
            if entity not in entities:
                yield _unknown(fdoc, ("events", e, "entities", k), "entity", entity, entities, "seeds/entities.yml")
        when = resolve(event.when, meta.published)
        if event.cite and when.start > meta.published:
            yield fdoc.problem(("events", e, "when"), f"event dated {when.iso} is after the article's publication ({meta.published}) but cites the article", "an article cannot report what came after it: cite an outside source in `sources` and remove `cite`")
