"""The whole pipeline: load → validate → render → write. The CLI and the MkDocs hook call this."""

from __future__ import annotations

from pathlib import Path

from .load import Site, load_site
from .render import render
from .validate import validate
from .write import WriteReport, plan, write


def generate(root: Path) -> tuple[Site, dict[str, str]]:
    """Load and validate the seeds under ``root`` and render every page (nothing is written)."""
    site = validate(load_site(root))
    return site, render(site)


def build(root: Path) -> tuple[Site, WriteReport]:
    """Generate the pages and write the changed ones under ``root/docs``."""
    site, pages = generate(root)
    return site, write(pages, root / "docs")


def check(root: Path) -> dict[str, str]:
    """Everything ``build`` checks, including hand edits of generated pages; writes nothing."""
    from .problems import SeedError

    _, pages = generate(root)
    _, _, problems = plan(pages, root / "docs")
    if problems:
        raise SeedError(problems)
    return pages
