"""Structured data: every JSON-LD block of the built site parses, is in its page's language, and
uses schema.org types and properties correctly (checked against the vocabulary table below)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from generator.load.seeds import load_site
from generator.render import jsonld
from generator.urls import SiteUrls

from .conftest import CORPUS, SLUG, copy_project
from .test_links import html_pages, parse, resolve, site_url

# -- a small schema.org vocabulary: the types used, their properties and the kinds of values ------

TEXT, URL, DATE = "Text", "URL", "Date"
#: property → the kinds of value schema.org allows for it (a type allows its subtypes too)
RANGES = {
    "name": {TEXT}, "alternateName": {TEXT}, "description": {TEXT}, "url": {URL}, "sameAs": {URL},
    "headline": {TEXT}, "inLanguage": {TEXT}, "datePublished": {DATE},
    "isBasedOn": {"CreativeWork", "Product", URL}, "isPartOf": {"CreativeWork", URL},
    "about": {"Thing"}, "mentions": {"Thing"}, "citation": {"CreativeWork", TEXT},
    "publisher": {"Organization", "Person"}, "author": {"Organization", "Person"},
    "hasDefinedTerm": {"DefinedTerm"}, "inDefinedTermSet": {"DefinedTermSet", URL},
}
THING = {"name", "alternateName", "description", "url", "sameAs"}
CREATIVE_WORK = THING | {"headline", "inLanguage", "datePublished", "isBasedOn", "isPartOf", "about", "mentions", "citation", "publisher", "author"}
#: type → (its parent type, the properties it adds)
TYPES = {
    "Thing": (None, THING),
    "CreativeWork": ("Thing", CREATIVE_WORK - THING),
    "Article": ("CreativeWork", set()),
    "NewsArticle": ("Article", set()),
    "WebSite": ("CreativeWork", set()),
    "SoftwareApplication": ("CreativeWork", set()),
    "DefinedTermSet": ("CreativeWork", {"hasDefinedTerm"}),
    "DefinedTerm": ("Thing", {"inDefinedTermSet"}),
    "Organization": ("Thing", set()),
    "GovernmentOrganization": ("Organization", set()),
    "Corporation": ("Organization", set()),
    "Place": ("Thing", set()),
    "Person": ("Thing", set()),
    "Product": ("Thing", set()),
    "Event": ("Thing", set()),
    "Periodical": ("CreativeWork", set()),
}
#: what this site always states for each type (schema.org itself requires nothing)
REQUIRED = {
    "Article": {"headline", "inLanguage", "url", "isBasedOn"},
    # the text we have states its date and language; its publisher when known (an outlet), and the
    # report it is based on when there is one (checked below)
    "NewsArticle": set(),
    "CreativeWork": {"publisher"},  # an outside source, by reference: its description is at its @id
    "WebSite": {"name", "url"},
    "DefinedTermSet": {"name", "inLanguage", "url", "hasDefinedTerm"},
    "DefinedTerm": {"name", "description", "inDefinedTermSet", "url"},
    **{kind: {"name"} for kind in ("Organization", "GovernmentOrganization", "Corporation", "SoftwareApplication", "Place", "Person", "Product", "Event", "Periodical", "Thing")},
}
LANGUAGES = {"vi", "en"}


def ancestry(kind: str) -> list[str]:
    out = []
    while kind is not None:
        out.append(kind)
        kind = TYPES[kind][0]
    return out


def problems_of(node: object, path: str = "$") -> list[str]:
    """Everything in ``node`` that the vocabulary does not allow."""
    if not isinstance(node, dict):
        return [f"{path}: expected an object, found {node!r}"]
    kind = node.get("@type")
    if kind not in TYPES:
        return [f"{path}: unknown type {kind!r}"]
    allowed = set().union(*(TYPES[k][1] for k in ancestry(kind)))
    out = []
    for required in sorted(REQUIRED.get(kind, set())):
        if required not in node:
            out.append(f"{path}: {kind} without {required}")
    for key, value in node.items():
        if key in ("@type", "@id", "@context"):
            if key == "@context" and (path != "$" or value != "https://schema.org"):
                out.append(f"{path}: @context must be https://schema.org at the top")
            if key == "@id" and not _is_url(value):
                out.append(f"{path}.@id: not a URL: {value!r}")
            continue
        if key not in allowed:
            out.append(f"{path}: {kind} has no property {key!r}")
            continue
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            out += _value_problems(item, RANGES[key], f"{path}.{key}[{i}]")
    return out


def _value_problems(value: object, kinds: set[str], path: str) -> list[str]:
    if isinstance(value, dict):
        kind = value.get("@type")
        if kind not in TYPES:
            return [f"{path}: unknown type {kind!r}"]
        if not any(k in ancestry(kind) for k in kinds):
            return [f"{path}: a {kind!r} is not one of {sorted(kinds)}"]
        return problems_of(value, path)
    if not isinstance(value, str) or not value.strip():
        return [f"{path}: expected text, found {value!r}"]
    if URL in kinds and _is_url(value):
        return []
    if DATE in kinds:
        try:
            dt.date.fromisoformat(value)
            return []
        except ValueError:
            return [f"{path}: not an ISO date: {value!r}"]
    if TEXT in kinds:
        return []
    return [f"{path}: expected one of {sorted(kinds)}, found text {value!r}"]


def _is_url(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(r"https?://[^\s]+", value) is not None


def blocks(page: Path) -> list[dict]:
    html = page.read_text(encoding="utf-8")
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return [json.loads(text) for text in found]


def all_nodes(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from all_nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from all_nodes(value)


# -- the built site -------------------------------------------------------------------------------


@pytest.mark.site
def test_every_json_ld_block_parses_and_fits_the_vocabulary_in_both_languages(built_site: Path):
    seen = set()
    for page in html_pages(built_site):
        for data in blocks(page):
            lang = parse(page).elements[0].attrs.get("lang")  # <html lang>
            assert problems_of(data) == [], page
            assert data["inLanguage"] == lang, page
            assert data["url"] == data["@id"]
            seen.add((lang, data["@type"], page.relative_to(built_site).as_posix()))
    slugs = [a.slug for a in load_site(CORPUS.parent).articles]
    assert seen == {
        *(("vi", "Article", f"articles/{slug}/index.html") for slug in slugs),
        *(("en", "Article", f"en/articles/{slug}/index.html") for slug in slugs),
        ("vi", "DefinedTermSet", "glossary/index.html"),
        ("en", "DefinedTermSet", "en/glossary/index.html"),
    }


@pytest.mark.site
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_explainer_is_an_article_based_on_the_original_report(built_site: Path, lang: str):
    page = built_site / ("en" if lang == "en" else "") / "articles" / SLUG / "index.html"
    (data,) = blocks(page)
    model = load_site(CORPUS.parent)
    article = next(a for a in model.articles if a.slug == SLUG)
    assert data["@type"] == "Article" and data["headline"] == article.meta.title[lang]
    assert data["url"].endswith(("/en" if lang == "en" else "") + f"/articles/{SLUG}/")
    # the text we have, as dated in article.yml (its outlet is not named), based on Reuters' report;
    # no invented headline or URL
    assert data["isBasedOn"] == {
        "@type": "NewsArticle",
        "datePublished": "2021-03-19",
        "inLanguage": "vi",
        "isBasedOn": {"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Reuters"}},
    }
    entities = {e.id: e for e in model.entities.entities}
    named = {n["name"] for n in data["about"] + data["mentions"]}
    assert named == {entities[i].name[lang] for i in article.meta.entity_ids(article.facts)}
    assert {n["@type"] for n in data["about"]} <= {"GovernmentOrganization", "Corporation", "Organization"}
    assert entities["cac"].name[lang] in {n["name"] for n in data["about"]}
    # no entity has a checked Wikidata id yet: then no sameAs at all
    assert all(e.wikidata is None for e in model.entities.entities)
    assert not [n for n in all_nodes(data) if "sameAs" in n]
    # every @id on this site resolves to its anchor
    for node in all_nodes(data):
        if node.get("@id", "").startswith(site_url()):
            target, fragment = resolve(built_site, page, node["@id"], site_url())
            assert target.is_file() and (not fragment or fragment in parse(target).ids), node["@id"]
    # the outside sources the page cites are listed, dated where known
    cited = {c["@id"].rsplit("#", 1)[1] for c in data["citation"]}
    assert "cac-2021-03-18" in cited


@pytest.mark.site
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_glossary_is_a_defined_term_set_with_anchors(built_site: Path, lang: str):
    page = built_site / ("en" if lang == "en" else "") / "glossary" / "index.html"
    (data,) = blocks(page)
    model = load_site(CORPUS.parent)
    terms = data["hasDefinedTerm"]
    assert [t["name"] for t in terms] == [t.term[lang] for t in model.glossary.terms]
    for term, node in zip(model.glossary.terms, terms, strict=True):
        assert node["url"] == data["url"] + "#" + term.id
        assert node["inDefinedTermSet"] == data["url"]
        assert node["description"] == term.definition.text[lang]
        target, fragment = resolve(built_site, page, node["url"], site_url())
        assert target == page and fragment in parse(page).ids


# -- the functions ----------------------------------------------------------------------------------


def test_same_as_only_for_a_known_wikidata_id(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    project.replace("seeds/entities.yml", "    kind: government-body\n", "    kind: government-body\n    wikidata: Q123456\n")  # the first entity only
    site = load_site(project.root)
    data = jsonld.article(site, next(a for a in site.articles if a.slug == SLUG), "en", SiteUrls("https://example.org/"), "News explained")
    same = {n["@id"]: n["sameAs"] for n in all_nodes(data) if "sameAs" in n}
    assert same == {"https://example.org/en/who/#cac": "https://www.wikidata.org/wiki/Q123456"}
    assert problems_of(data) == []


def test_script_cannot_be_closed_by_the_data():
    script = jsonld.script({"@context": "https://schema.org", "@type": "Thing", "name": "a </script><script>alert(1)</script> & <!-- b"})
    body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body
    assert json.loads(body)["name"] == "a </script><script>alert(1)</script> & <!-- b"


def test_the_vocabulary_check_finds_mistakes():
    assert problems_of({"@context": "https://schema.org", "@type": "Article", "headline": "h", "inLanguage": "vi", "url": "https://x.org/", "isBasedOn": {"@type": "Person", "name": "p"}, "editor": "x"}) == [
        "$.isBasedOn[0]: a 'Person' is not one of ['CreativeWork', 'Product', 'URL']",
        "$: Article has no property 'editor'",
    ]
    assert problems_of({"@type": "DefinedTerm", "name": "n", "description": "d", "url": "not a url", "inDefinedTermSet": "https://x.org/"}) == ["$.url[0]: expected one of ['URL'], found text 'not a url'"]
    assert problems_of({"@type": "NewsArticle", "publisher": {"@type": "Organization"}, "inLanguage": "vi", "datePublished": "19/03/2021"}) == [
        "$.publisher[0]: Organization without name",
        "$.datePublished[0]: not an ISO date: '19/03/2021'",
    ]
    assert problems_of({"@type": "Article", "headline": "h", "inLanguage": "vi", "url": "https://x.org/", "isBasedOn": "https://y.org/", "@context": "https://schema.org"}) == []
