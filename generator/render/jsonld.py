"""Structured data (JSON-LD, schema.org) for the head of generated pages, in the page's language.

- An article's explainer is an ``Article`` whose ``isBasedOn`` is the original report: a
  ``NewsArticle`` with its publisher, date and language as ``article.yml`` states them (no
  headline or URL is invented: ``url`` only when ``article.yml`` gives one). It is ``about`` the
  organisations involved, ``mentions`` the apps, places and people, and lists the outside sources
  its statements cite as ``citation``.
- The glossary is a ``DefinedTermSet`` of ``DefinedTerm``s, each with the URL of its anchor.

Organisations (and other entities) carry ``sameAs`` only when ``entities.yml`` gives their
Wikidata id, which is set only when certainly right: no identifier is better than a wrong one.

``generator.publish.built_site`` puts the result in the head of the built pages (``script``),
after any engine's build: the pages ``pages`` names, in every language.
"""

from __future__ import annotations

import json
from typing import Any

from generator import model
from generator.load.read import Article, Site
from generator.strings import strings
from generator.urls import SiteUrls

#: A JSON-LD node: schema.org properties and their values (text, nodes, lists of them).
Node = dict[str, Any]
CONTEXT = "https://schema.org"
#: schema.org type of each kind of entity.
ENTITY_TYPES = {
    "person": "Person",
    "organisation": "Organization",
    "government-body": "GovernmentOrganization",
    "company": "Corporation",
    "product": "Product",
    "place": "Place",
    "event": "Event",
    "publication": "Periodical",
    "creative-work": "CreativeWork",
}
ORGANISATION_KINDS = ("government-body", "company", "organisation", "publication")


def _type(kind: str | model.Text) -> str:
    """schema.org type of a kind; a kind of the article's own (a label) is a ``Thing``."""
    return ENTITY_TYPES.get(kind, "Thing") if isinstance(kind, str) else "Thing"


def _organisation(name: str) -> Node:
    return {"@type": "Organization", "name": name}
WIKIDATA = "https://www.wikidata.org/wiki/{id}"


def entity(e: model.Entity, lang: str, urls: SiteUrls) -> Node:
    """An entity the article is about or mentions, by reference: its description is on the
    who's who page (its ``@id``) and in ``data/entities.json``, not repeated in every article."""
    node: Node = {"@type": _type(e.kind), "@id": urls.page(lang, f"who.md#{e.id}"), "name": e.name[lang]}
    if e.aliases[lang]:
        node["alternateName"] = list(e.aliases[lang])
    if e.wikidata:
        node["sameAs"] = WIKIDATA.format(id=e.wikidata)
    return node


def outside_source(source: model.Source, lang: str, urls: SiteUrls) -> Node:
    """An outside source, by reference: who published it, when, where. Its description (the
    title in sources.yml describes it, it is not a headline) is on the sources page, its ``@id``."""
    node: Node = {
        "@type": "CreativeWork",
        "@id": urls.page(lang, f"sources.md#{source.id}"),
        "publisher": {"@type": "Organization", "name": source.publisher},
    }
    if source.date:
        node["datePublished"] = source.date.isoformat()
    if source.url:
        node["url"] = source.url
    return node


def _given(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields the seeds give (empty ones left out), in order."""
    return {key: value for key, value in fields.items() if value}


def _authors(outlet: model.Outlet, lang: str) -> list[dict[str, str]]:
    return [{"@type": "Person", "name": model.in_language(a, lang)} for a in outlet.authors]


def _report(meta: model.ArticleMeta, lang: str) -> dict[str, Any]:
    """The report the explainer is based on, as ``article.yml`` states it; and the report that one
    is based on, when it names one (``original``)."""
    node: dict[str, Any] = {"@type": "NewsArticle", "datePublished": meta.published, "inLanguage": meta.language}
    if meta.outlet:
        node["publisher"] = _organisation(model.in_language(meta.outlet.name, lang))
        node |= _given({"url": meta.outlet.url, "author": _authors(meta.outlet, lang)})
    if meta.original:
        node["isBasedOn"] = {"@type": "NewsArticle", "publisher": _organisation(model.in_language(meta.original.name, lang))} | _given(
            {"datePublished": meta.original.published, "url": meta.original.url, "author": _authors(meta.original, lang)}
        )
    return node


def _is_organisation(e: model.Entity) -> bool:
    return isinstance(e.kind, str) and e.kind in ORGANISATION_KINDS


def _cited_sources(art: Article) -> list[str]:
    """The outside sources the statements of an article cite, once each, in order."""
    sections = [*art.facts.explainer.sections, *(s for theme in art.facts.themes for s in theme.sections)]
    cited = [s for section in sections for c in section.claims for s in c.sources] + [s for e in art.facts.events for s in e.sources]
    return list(dict.fromkeys(cited))


def article(site: Site, art: Article, lang: str, urls: SiteUrls, site_name: str) -> dict[str, Any]:
    """The explainer of ``art`` as an ``Article`` based on the original report."""
    meta = art.meta
    entities = {e.id: e for e in site.entities.entities}
    involved = [entities[i] for i in meta.entity_ids(art.facts) if i in entities]
    sources = {s.id: s for s in site.sources.sources}
    page = urls.page(lang, f"articles/{art.slug}/index.md")
    node: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Article",
        "@id": page,
        "url": page,
        "headline": meta.title[lang],
        "description": meta.summary[lang],
        "inLanguage": lang,
        "isBasedOn": _report(meta, lang),
        "isPartOf": {"@type": "WebSite", "name": site_name, "url": urls.home(lang)},
    }
    return node | _given(
        {
            "about": [entity(e, lang, urls) for e in involved if _is_organisation(e)],
            "mentions": [entity(e, lang, urls) for e in involved if not _is_organisation(e)],
            "citation": [outside_source(sources[s], lang, urls) for s in _cited_sources(art)],
        }
    )


def glossary(site: Site, lang: str, urls: SiteUrls) -> Node:
    """The glossary as a ``DefinedTermSet``; each term's URL is its anchor on the glossary page."""
    t = strings(lang)
    page = urls.page(lang, "glossary.md")
    terms = []
    for term in site.glossary.terms:
        anchor = urls.page(lang, f"glossary.md#{term.id}")
        node: Node = {"@type": "DefinedTerm", "@id": anchor, "url": anchor, "name": term.term[lang]}
        if term.aliases[lang]:
            node["alternateName"] = list(term.aliases[lang])
        node["description"] = term.definition.text[lang]
        node["inDefinedTermSet"] = page
        terms.append(node)
    return {
        "@context": CONTEXT,
        "@type": "DefinedTermSet",
        "@id": page,
        "url": page,
        "name": t["glossary"],
        "description": t["glossary_intro"],
        "inLanguage": lang,
        "hasDefinedTerm": terms,
    }


def pages(site: Site) -> dict[str, str]:
    """The pages that carry structured data, by their path under ``docs/<lang>/``: the key that
    ``for_page`` takes (``article:<slug>``, ``glossary``)."""
    out = {f"articles/{a.slug}/index.md": f"article:{a.slug}" for a in site.articles}
    out["glossary.md"] = "glossary"
    return out


def open_data(key: str) -> str:
    """The open-data file of a page's structured data, under the site's ``data/`` folder."""
    kind, _, slug = key.partition(":")
    return f"articles/{slug}.json" if kind == "article" else f"{kind}.json"


def for_page(site: Site, key: str, lang: str, urls: SiteUrls, site_name: str) -> Node | None:
    """The JSON-LD a page's front matter asks for (``article:<slug>``, ``glossary``), or None."""
    kind, _, slug = str(key).partition(":")
    if kind == "glossary":
        return glossary(site, lang, urls)
    if kind == "article":
        art = next((a for a in site.articles if a.slug == slug), None)
        return article(site, art, lang, urls, site_name) if art else None
    return None


def dumps(data: Node) -> str:
    """JSON safe inside ``<script>``: ``<``, ``>`` and ``&`` are written as JSON escapes.

    >>> dumps({"a": "</script><!--"})
    '{"a": "\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def script(data: Node) -> str:
    return f'<script type="application/ld+json">{dumps(data)}</script>'
