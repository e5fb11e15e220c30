"""Regeneration of what a save changed (`mkdocs serve`): the pages of the edited articles, the
pages that depend on them, and the site-wide pages; the others are kept from the last build.

A build in the same process knows what it rendered last (``Rendered``) and which seed files
changed since (the snapshots of ``generator.write.cache``). When only the files of some articles
(``seeds/<slug>/…``) changed, and no article was added or removed, the pages that can change are:

- every page of the edited articles, and the topic pages of their themes (a topic page gathers
  the themes of one id of several articles);
- the source page of every article an edited article cites, before or after the edit (it lists
  the statements that cite each sentence);
- when an edited article's ``article.yml``, text or events changed (what other pages show of it:
  title, summary, sentences, dates): every page of the articles that cite one of its sentences
  (a citation mark shows the sentence), and the site-wide pages (timeline, glossary, who,
  sources, the lists of articles);
- otherwise the glossary alone, and only when the terms mentioned on the rendered pages changed
  (it lists where each term is mentioned: the mentions of the pages not rendered again are kept
  from the last render).

Anything else (the glossary, entities or sources files, the generator itself, a new or removed
article) renders every page, as a first build does. tests/test_incremental.py checks edit by
edit that the pages are those a full render gives.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from generator.load.read import Derived, Site, derived
from generator.render.pages import SITE_PAGES, TOPICS, Mentions, Renderer
from generator.strings import LANGUAGES
from generator.validate.rules import ClaimAt, article_claims, claims_of


@dataclass
class Rendered:
    """The last render of a site in this process."""

    site: Site
    pages: dict[str, str]
    #: Per language, where terms were mentioned; a language rendered by a forked process is missing.
    mentions: dict[str, Mentions] = field(default_factory=dict)


def changed_articles(before: Mapping[str, object], now: Mapping[str, object]) -> set[str] | None:
    """The articles whose seed files changed between two snapshots' inputs, or None when
    something else changed (a site-wide seed file, the generator, an article folder added or
    removed) or nothing visible did."""
    changed = {key for key in before.keys() | now.keys() if before.get(key) != now.get(key)}
    slugs = set()
    for key in changed:
        parts = key.split("/")
        if parts[0] != "seeds" or len(parts) < 3:
            return None
        slugs.add(parts[1])
    return slugs or None


def _cited_articles(site: Site) -> dict[str, set[str]]:
    """Article → the other articles its statements and events cite."""
    cited: dict[str, set[str]] = defaultdict(set)
    for claim in claims_of(site, articles=False):  # a site-wide statement given `article:`
        if claim.article is not None:
            cited[claim.article.slug] |= _qualified([claim])
    for article in site.articles:
        others = derived(_CITED, article, None, functools.partial(_qualified, article_claims(article)))
        if others:
            cited[article.slug] |= others
    return cited


def _qualified(claims: Iterable[ClaimAt]) -> set[str]:
    """The articles that ``claims`` name in their citations (``slug/p1s1``)."""
    return {citation.split("/", 1)[0] for claim in claims for citation in claim.cite if "/" in citation}


#: The articles each article cites (``read.derived``).
_CITED: Derived = {}


def _article_pages(site: Site, slugs: set[str]) -> set[str]:
    """The paths (under a language root) of the pages of ``slugs`` in ``site``."""
    paths = set()
    for article in site.articles:
        if article.slug in slugs:
            base = f"articles/{article.slug}"
            paths |= {f"{base}/index.md", f"{base}/source.md"} | {f"{base}/{theme.id}.md" for theme in article.facts.themes}
    return paths


def render_changed(site: Site, previous: Rendered, edited: set[str]) -> Rendered | None:
    """The pages of ``site`` after the articles ``edited`` changed, rendering only what can
    change; None when a full render is needed."""
    slugs = {article.slug for article in site.articles}
    if slugs != {article.slug for article in previous.site.articles} or not edited <= slugs:
        return None
    if any(lang not in previous.mentions for lang in LANGUAGES):
        return None
    quiet, articles, sources_of = _affected(site, previous, edited)
    source_pages = {f"articles/{slug}/source.md" for slug in sources_of}
    gone = _article_pages(previous.site, articles) | source_pages
    again = _article_pages(site, articles) | source_pages
    # a topic page gathers the themes of that id of several articles: those of the rendered
    # articles' themes, before and after the edit, are rendered again
    themes = {theme.id for each in (*previous.site.articles, *site.articles) if each.slug in articles for theme in each.facts.themes}
    gone |= {f"{TOPICS}{theme}.md" for theme in themes}
    pages = {path: text for path, text in previous.pages.items() if path.split("/", 1)[1] not in gone}
    mentions = {}
    for lang in LANGUAGES:
        renderer = Renderer(site, lang)
        pages.update(_render_again(renderer, previous.mentions[lang], quiet, gone | again, articles, sources_of, themes))
        mentions[lang] = renderer.mentions
    return Rendered(site, dict(sorted(pages.items())), mentions)


def _render_again(renderer: Renderer, mentions: Mentions, quiet: bool, stale: set[str], articles: set[str], sources_of: set[str], themes: set[str]) -> dict[str, str]:
    """The pages of one language rendered again: those of ``articles``, the source pages of
    ``sources_of``, and after a quiet edit the topic pages of ``themes`` and the glossary only if
    its mentions changed (else every site page); ``stale``: the pages whose mentions are counted again."""
    if not quiet:
        renderer.keep_mentions(mentions, stale | set(SITE_PAGES))
        return renderer.pages(only=articles, sources_of=sources_of)
    renderer.keep_mentions(mentions, stale)
    pages = renderer.pages(only=articles, sources_of=sources_of, site_pages=())
    pages.update({f"{renderer.lang}/{path}": text for path, text in renderer.site_page(TOPICS, themes).items()})
    if _plain(renderer.mentions) != _plain(mentions):
        pages.update({f"{renderer.lang}/{path}": text for path, text in renderer.site_page("glossary.md").items()})
    return pages


def _affected(site: Site, previous: Rendered, edited: set[str]) -> tuple[bool, set[str], set[str]]:
    """Whether the edit is quiet (what other pages show of the edited articles is unchanged), the
    articles whose pages are rendered again, and the other articles whose source page is."""
    old, new = {a.slug: a for a in previous.site.articles}, {a.slug: a for a in site.articles}
    # article.yml, the text and the events as they were: what other pages show of these articles
    # (titles, summaries, sentences, dates) is unchanged; the glossary's mentions may not be
    quiet = all(old[slug].meta == new[slug].meta and old[slug].text == new[slug].text and old[slug].facts.events == new[slug].facts.events for slug in edited)
    before, after = _cited_articles(previous.site), _cited_articles(site)
    citing = set() if quiet else {slug for cited in (before, after) for slug, targets in cited.items() if targets & edited}
    articles = edited | citing
    sources_of = {target for cited in (before, after) for slug in edited for target in cited.get(slug, ())} - articles
    return quiet, articles, sources_of


def _plain(mentions: Mentions) -> dict[str, dict[str, str]]:
    return {term: dict(pages) for term, pages in mentions.pages.items() if pages}

