"""Offline search: Pagefind indexes the built site after every language is written.

Pagefind writes one index per ``<html lang>``, so a reader of a Vietnamese page searches the
Vietnamese pages only and a reader of an English page the English ones. Only the content marked
``data-pagefind-body`` (see ``overrides/main.html``) is indexed: navigation, header, footer and the
404 pages stay out. The browser side is ``docs/assets/javascripts/site.js``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

#: Where the search bundle goes, relative to the site folder; site.js loads it from there.
BUNDLE_DIR = "pagefind"

#: Marks inside the content that are not words of the page: permalink signs, the edit button,
#: citation marks (paragraph/sentence numbers; their targets are indexed on the source page).
EXCLUDE_SELECTORS = (".headerlink", ".md-content__button", "a.cite:not(.cite-outside)", ".sentence-id")


class SearchIndexError(RuntimeError):
    """Pagefind failed or found nothing to index."""


def index_site(site_dir: str | Path) -> int:
    """Index the built site in ``site_dir`` into ``site_dir/pagefind``; return the page count."""
    site = Path(site_dir).resolve()
    try:
        pages = asyncio.run(_index(site))
    except Exception as error:  # the service reports its failures as plain exceptions
        raise SearchIndexError(f"Pagefind could not index {site}: {error}") from error
    if not pages:
        raise SearchIndexError(f"Pagefind found no page marked data-pagefind-body in {site}")
    return pages


async def _index(site: Path) -> int:
    config = IndexConfig(exclude_selectors=list(EXCLUDE_SELECTORS), output_path=str(site / BUNDLE_DIR))
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(site))
    return int(result["page_count"])
