"""Every statement on the built site is traceable: each citation mark, on every generated page in
both languages, leads to an existing sentence anchor on the source page whose text is exactly the
sentence its tooltip quotes; outside sources are cited and labelled apart from the article."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from generator.load.seeds import load_site
from generator.publish.opendata import counts
from generator.render.pages import TOPIC_FULL
from generator.strings import source_name, strings

from .conftest import CORPUS
from .test_links import Element, html_pages, parse, resolve, site_url

pytestmark = pytest.mark.site


def norm(text: str) -> str:
    return " ".join(text.split())


def lang_of(site: Path, page: Path) -> str:
    return "en" if page.relative_to(site).parts[0] == "en" else "vi"


def marks(site: Path, outside: bool):
    """(language, page, element) of every citation mark of the site, article or outside ones."""
    for page in html_pages(site):
        for element in parse(page).elements:
            if element.tag == "a" and "cite" in element.classes and ("cite-outside" in element.classes) == outside:
                yield lang_of(site, page), page, element


@pytest.fixture(scope="module")
def model():
    return load_site(CORPUS.parent)


def test_every_article_citation_resolves_to_the_sentence_its_tooltip_quotes(built_site: Path, model):
    root_url, checked = site_url(), Counter()
    for lang, page, mark in marks(built_site, outside=False):
        where = f"{page.relative_to(built_site)}: {mark.attrs.get('href')}"
        target, fragment = resolve(built_site, page, mark.attrs["href"], root_url)
        assert target.parent.name == "source" and target.is_file(), where
        sentence = parse(target).by_id.get(fragment)
        assert sentence is not None, f"{where}: no anchor {fragment!r}"
        assert sentence.tag == "p" and "sentence" in sentence.classes and sentence.attrs.get("lang") == "vi", where
        vi = norm(sentence.own)
        paragraph, index = re.fullmatch(r"p(\d+)s(\d+)", fragment).groups()
        # on the cited article's own pages the mark is ¶p.s; on shared pages it names its article
        article = next(a for a in model.articles if f"/articles/{a.slug}/" in f"/{target.relative_to(built_site).as_posix()}")
        own = f"/articles/{article.slug}/" in f"/{page.relative_to(built_site).as_posix()}"
        words = {"paragraph": paragraph, "sentence": index, "title": article.meta.title[lang],
                 "article": article.meta.short[lang] if article.meta.short else article.meta.title[lang]}
        assert norm(mark.text) == norm(strings(lang)["cite_mark" if own else "cite_mark_in"].format(**words)), where
        assert mark.attrs["aria-label"] == strings(lang)["cite_label" if own else "cite_label_in"].format(**words), where
        if lang == "vi":
            assert mark.attrs["title"] == f"“{vi}”", where
        else:
            elements = parse(target).elements
            after = elements[elements.index(sentence) + 1 :]
            translation = next(e for e in after if "translation" in e.classes)
            assert translation.attrs.get("lang") == "en"
            assert mark.attrs["title"] == f"“{vi}” — {norm(translation.text)}", where
        # the anchor is the sentence of the article, verbatim
        slug = target.parent.parent.name
        article = next(a for a in model.articles if a.slug == slug)
        assert vi == article.by_id[fragment].text, where
        checked[lang] += 1
    # every citation of the seeds is drawn once per language (an article's own events twice: on
    # the timeline and in the at-a-glance panel of its explainer; theme claims twice: on their
    # theme and topic pages)
    expected = counts(model).citations + sum(len(e.cite) for _, e in glance_events(model))
    expected += sum(len(c.cite) for a in model.articles for t in a.facts.themes for s in t.sections for c in s.claims)
    assert checked == {"vi": expected, "en": expected}


def test_outside_sources_are_cited_with_publisher_and_date_and_lead_to_their_entry(built_site: Path, model):
    root_url, sources, checked = site_url(), {s.id: s for s in model.sources.sources}, Counter()
    for lang, page, mark in marks(built_site, outside=True):
        where = f"{page.relative_to(built_site)}: {mark.attrs.get('href')}"
        target, fragment = resolve(built_site, page, mark.attrs["href"], root_url)
        assert target.parent.name == "sources", where
        entry = parse(target).by_id[fragment]
        source = sources[fragment]
        name = source_name(source, lang)
        assert entry.tag == "h2" and norm(entry.text).startswith(name), where
        assert norm(mark.text).startswith(name), where
        if source.date:
            assert norm(mark.text) != name, f"{where}: the date is missing"
        assert mark.attrs["title"] == source.title[lang], where
        elements = parse(target).elements
        body = next(e for e in elements[elements.index(entry) + 1 :] if e.tag == "p")
        if source.url:
            assert any(e.tag == "a" and e.attrs.get("href") == source.url for e in body.inner), where
        else:
            assert norm(body.text).endswith(strings(lang)["no_url"]), where  # said in words
        checked[lang] += 1
    assert checked["vi"] == checked["en"] > 0


def _statements(site: Path, lang: str) -> list[tuple[Path, Element]]:
    """The statements of the generated pages: claims, timeline events, explainer dates."""
    out = []
    for page in html_pages(site):
        if lang_of(site, page) != lang:
            continue
        elements = parse(page).elements
        for e in elements:
            if e.tag == "p" and "claim" in e.classes:
                out.append((page, e))
            if e.tag == "div" and "timeline" in e.classes:
                out += [(page, li) for li in e.inner if li.tag == "li" and "timeline-event" in li.classes]
            if (e.tag == "section" and "key-points" in e.classes) or (e.tag == "aside" and "at-a-glance" in e.classes):
                out += [(page, li) for li in e.inner if li.tag == "li"]
    return out


def glance_events(model) -> list:
    """The events an explainer's at-a-glance panel shows: its article's own (cited), up to its publication."""
    from generator.dates import resolve

    return [(a, e) for a in model.articles for e in a.facts.events if e.cite and resolve(e.when, a.meta.published, a.facts.events).start <= a.meta.published_last]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_statement_carries_a_citation_and_outside_ones_are_labelled(built_site: Path, model, lang: str):
    statements = _statements(built_site, lang)
    numbers = counts(model)
    # own events: on the timeline and in their explainer; theme claims: on their theme page, and
    # on their topic page for the newest articles of the topic (the earlier ones are listed by title)
    shown: dict[str, int] = {}
    topic_claims = 0
    for a in model.articles:  # newest first
        for t in a.facts.themes:
            shown[t.id] = shown.get(t.id, 0) + 1
            if shown[t.id] <= TOPIC_FULL:
                topic_claims += sum(len(c.claims) for c in t.sections)
    assert len(statements) == numbers.statements + len(glance_events(model)) + topic_claims
    context = strings(lang)["context_label"]
    for page, statement in statements:
        where = f"{page.relative_to(built_site)}: {norm(statement.text)[:80]}"
        cites = [e for e in statement.inner if e.tag == "a" and "cite" in e.classes]
        article = [e for e in cites if "cite-outside" not in e.classes]
        labels = [e for e in statement.inner if e.tag == "span" and "label-context" in e.classes]
        assert cites, f"{where}: no citation"
        if article and len(article) < len(cites):  # both: the label parts the article's marks from the outside ones
            assert [norm(x.text) for x in labels] == [context], f"{where}: outside marks without their label"
            order = statement.inner.index
            assert order(article[-1]) < order(labels[0]) < order(cites[len(article)]), where
            assert "claim-outside" not in statement.classes, where
        elif article:
            assert not labels and "claim-outside" not in statement.classes, where
        else:
            assert [norm(x.text) for x in labels] == [context], f"{where}: outside statement without its label"
            if statement.tag == "p":
                assert "claim-outside" in statement.classes, where


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_sentence_of_the_source_page_is_cited_or_explained(built_site: Path, model, lang: str):
    t = strings(lang)
    for article in model.articles:
        page = built_site / ("en" if lang == "en" else "") / "articles" / article.slug / "source" / "index.html"
        elements = parse(page).elements
        for sentence in article.sentences:
            anchor = parse(page).by_id[sentence.id]
            note = next(e for e in elements[elements.index(anchor) + 1 :] if "cited-in" in e.classes)
            skip = article.meta.sentences[sentence.id].skip
            if skip is None:
                assert norm(note.text).startswith(t["cited_in"]), sentence.id
                assert [e for e in note.inner if e.tag == "a"], sentence.id
            else:
                assert norm(note.text) == norm(f"{t['not_cited']} {skip[lang]}"), sentence.id


def test_counts(model):
    numbers = counts(model)
    assert numbers.statements == numbers.claims + numbers.events + numbers.definitions + numbers.descriptions
    assert numbers.uncited_sentences == 0
    assert numbers.cited_sentences + numbers.skipped_sentences == numbers.sentences
    assert numbers.outside_sources_cited == numbers.outside_sources  # no unused outside source
    print(numbers.model_dump())
