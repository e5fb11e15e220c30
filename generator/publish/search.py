"""Offline search: Pagefind indexes the built site after every language is written.

Pagefind writes one index per ``<html lang>``, so a reader of a Vietnamese page searches the
Vietnamese pages only and a reader of an English page the English ones. Only the content marked
``data-pagefind-body`` (see ``overrides/main.html``) is indexed: navigation, header, footer and the
404 pages stay out. The browser side is ``docs/assets/javascripts/site.js``.

Pagefind runs as its command (``python -m pagefind``, the binary of the ``pagefind`` package),
which exits when every file of the bundle is written. Its Python service was stopped as soon as it
answered that it had written them, while it still was: some builds shipped an empty
``pagefind-worker.js`` or a cut WebAssembly file, and search failed for their readers.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

#: Where the search bundle goes, relative to the site folder; site.js loads it from there.
BUNDLE_DIR = "pagefind"

#: Marks inside the content that are not words of the page: permalink signs, the edit button,
#: citation marks (paragraph/sentence numbers; their targets are indexed on the source page).
EXCLUDE_SELECTORS = (".headerlink", ".md-content__button", "a.cite:not(.cite-outside)", ".sentence-id")


class SearchIndexError(RuntimeError):
    """Pagefind failed or found nothing to index."""


def index_site(site_dir: str | Path, low_priority: bool = False) -> int:
    """Index the built site in ``site_dir`` into ``site_dir/pagefind``; return the page count.
    ``low_priority``: Pagefind runs niced (a live preview's rebuild takes the processor first)."""
    site = Path(site_dir).resolve()
    nice = shutil.which("nice") if low_priority else None
    command = [*([nice, "-n", "10"] if nice else []), sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(site / BUNDLE_DIR), "--silent"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    try:
        # Pagefind of the project's own environment, with arguments made here; its exit status is checked below
        result = subprocess.run(command, check=False, capture_output=True, text=True, timeout=3600)  # noqa: S603
    except (OSError, subprocess.SubprocessError) as error:
        raise SearchIndexError(f"Pagefind could not index {site}: {error}") from error
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index {site}: {(result.stderr or result.stdout).strip()}")
    try:
        entry = json.loads((site / BUNDLE_DIR / "pagefind-entry.json").read_text(encoding="utf-8"))
        pages = sum(int(language["page_count"]) for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SearchIndexError(f"Pagefind wrote no readable index in {site / BUNDLE_DIR}: {error}") from error
    if not pages:
        raise SearchIndexError(f"Pagefind found no page marked data-pagefind-body in {site}")
    return pages
