"""The site navigation: article sections named by their title, a fixed top-level order, and
the navigation each page shows.

Material draws the whole navigation into every page. Listing every article there would make
each page grow with the site, and the build with the square of the number of articles (a
thousand articles gave pages of a megabyte and a build of an hour). So a page shows the
articles section with its index page (every article, newest first) and, on an article's own
pages, that article's pages; ``for_page`` gives that view without changing the shared tree.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping
from pathlib import PurePath
from typing import Any

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from generator.engines.reuse import replace_in_engine

#: Order of the top-level navigation, by source file or folder name; others follow.
ORDER = ("index.md", "articles", "timeline.md", "glossary.md", "who.md", "sources.md", "about.md")
ARTICLES = "articles"
#: Maintainers' pages: built and linked from the contributors' guide, not in the readers' menu.
MAINTAINERS = ("errors.md", "engines.md")


def src(item: StructureItem) -> str:
    """The source path of a page, or of the first page in a section."""
    if isinstance(item, Section):
        return next((src(child) for child in item.children if src(child)), "")
    return item.file.src_uri if isinstance(item, Page) and item.file else ""


def top_name(item: StructureItem) -> str:
    """The top-level file or folder of an item, below the language folder (``articles``, ``about.md``)."""
    parts = src(item).split("/")
    while parts and parts[0] in ("vi", "en"):
        parts = parts[1:]
    return parts[0] if parts else ""


def arrange(nav: Navigation, articles_title: str, titles: Mapping[str, str]) -> Navigation:
    """Name the articles section and each article's section (``titles``: slug → title, in the
    site's order, newest first), order the articles that way after the section's index page, put
    each article's explainer first and its source last, and order the top level by ``ORDER``."""
    for item in nav.items:
        if isinstance(item, Section) and top_name(item) == ARTICLES:
            item.title = articles_title
            for child in item.children:
                if isinstance(child, Section):
                    child.title = titles.get(_slug(child), child.title)
                    # explainer first, source last, themes between in their order
                    child.children.sort(key=lambda page: (not src(page).endswith("/index.md"), src(page).endswith("/source.md")))
            rank = {slug: i for i, slug in enumerate(titles)}
            item.children.sort(key=lambda child: (isinstance(child, Section), rank.get(_slug(child), len(rank)), src(child)))
    rank = {name: i for i, name in enumerate(ORDER)}
    nav.items.sort(key=lambda item: rank.get(top_name(item), len(rank)))
    # the previous and next links of the pages' footers follow the new order (MkDocs set them before)
    nav.pages = list(_pages(nav.items))
    for before, page, after in zip([None, *nav.pages[:-1]], nav.pages, [*nav.pages[1:], None], strict=True):
        page.previous_page, page.next_page = before, after
    return nav


def _pages(items: Iterable[StructureItem]) -> Iterator[Page]:
    """The pages of the navigation, in its order."""
    for item in items:
        if isinstance(item, Page):
            yield item
        elif isinstance(item, Section):
            yield from _pages(item.children)


def _slug(item: StructureItem) -> str:
    """The article of a page or section (``…/articles/<slug>/…``), or ``""``."""
    parts = src(item).split("/")
    at = parts.index(ARTICLES) if ARTICLES in parts else len(parts)
    return parts[at + 1] if len(parts) > at + 2 else ""


def for_page(nav: Navigation) -> Navigation:
    """The navigation one page shows: in the articles section, its index page and the article
    of the page being rendered (the active one), not the other articles. A shallow copy: the
    shared tree, its pages and their previous/next links stay as they are."""
    items = []
    for item in nav.items:
        if top_name(item) in MAINTAINERS:
            continue
        if isinstance(item, Section) and top_name(item) == ARTICLES:
            shown = copy.copy(item)  # keeps the title, parent and active state of this render
            shown.children = [child for child in item.children if not isinstance(child, Section) or child.active]
            item = shown
        items.append(item)
    view = copy.copy(nav)
    view.items = items
    return view


def nest_paths(paths: Iterable[str]) -> list[Any]:
    """``mkdocs.utils.nest_paths`` in linear time: the same nested lists, each folder's node found
    in a table rather than by a scan of its siblings (MkDocs' scan made the navigation quadratic
    in the number of articles: 3 s of each language's build at 1000 articles)."""
    from mkdocs.utils import dirname_to_title

    nested: list[Any] = []
    children: dict[int, dict[str, list[Any]]] = {id(nested): {}}
    for path in paths:
        branch = nested
        for part in PurePath(path).parent.parts:
            title = dirname_to_title(part)
            known = children[id(branch)]
            child = known.get(title)
            if child is None:
                child = known[title] = []
                children[id(child)] = {}
                branch.append({title: child})
            branch = child
        branch.append(path)
    return nested


def install_nest_paths() -> None:
    """The engine's navigation made with ``nest_paths`` (MkDocs' or ProperDocs', whichever runs)."""
    replace_in_engine("structure.nav", "nest_paths", lambda _engines: nest_paths)
