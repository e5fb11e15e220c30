"""The whole pipeline: load → validate → render → write. The CLI and the engine plugin call this.

``build`` first asks ``cache`` whether anything changed since the last build; if nothing did, it
reads and writes nothing (a no-op regeneration), and the model is loaded only when used.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.load.read import Site
from generator.load.seeds import load_site
from generator.problems import Problem
from generator.render import incremental
from generator.render.pages import Mentions, render
from generator.validate.rules import validate
from generator.write import cache
from generator.write.files import WriteReport, plan, write


def generate(root: Path) -> tuple[Site, dict[str, str]]:
    """Load and validate the seeds under ``root`` and render every page (nothing is written)."""
    rendered = regenerate(root)
    return rendered.site, rendered.pages


def model(root: Path) -> Site:
    """The validated model of the seeds under ``root`` (for ``publish`` after an engine's build)."""
    return validate(load_site(root))


def regenerate(root: Path, previous: incremental.Rendered | None = None, edited: set[str] | None = None) -> incremental.Rendered:
    """``generate``; given the ``previous`` render and the articles ``edited`` since, only the
    pages that can have changed are rendered again (``generator.render.incremental``)."""
    with _no_cycle_collection():
        site = validate(load_site(root, previous.site, edited) if previous is not None and edited else load_site(root))
        if previous is not None and edited:
            rendered = incremental.render_changed(site, previous, edited)
            if rendered is not None:
                return rendered
        mentions: dict[str, Mentions] = {}
        return incremental.Rendered(site, render(site, mentions), mentions)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off while the model and pages are made: they are hundreds of
    thousands of young objects, almost none in cycles, and each collection of the oldest
    generation would also walk everything MkDocs holds in memory (load took 25 % longer at 1000
    articles, more inside a build). Reference counting still frees what is dropped."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class LazySite(Site):
    """The model of seeds known to be unchanged and valid, loaded when first used."""

    def __init__(self, root: Path):
        self.__dict__["_lazy_root"] = root

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or "_lazy_loaded" in self.__dict__:
            raise AttributeError(name)
        self.__dict__["_lazy_loaded"] = True
        self.__dict__.update(validate(load_site(self._lazy_root)).__dict__)
        return getattr(self, name)


#: The last build of each project in this process: (snapshot, model).
_last: dict[Path, tuple[cache.Snapshot, Site]] = {}
#: The last render of each project in this process, for the next build to render only what changed.
_rendered: dict[Path, incremental.Rendered] = {}


def _refuse_warnings(site: Site) -> None:
    from generator.validate.lint import StrictWarnings, find

    warnings = find(site)
    if warnings:
        raise StrictWarnings(warnings)


def build(root: Path, strict: bool = False, keep_render: bool = False, strays: bool = True) -> tuple[Site, WriteReport]:
    """Generate the pages and write the changed ones under ``root/docs``; ``strict``: refuse
    to write if the seeds have warnings (``generator.validate.lint``); ``keep_render``: when
    this process holds no render of the project yet, render it even if nothing changed, so
    that the next build renders only what changes (`make serve`); ``strays``: remove the
    temporary files of a killed run first (``write.files.recover``; `make serve`'s saves leave
    them to the next build: looking reads every folder of ``docs/``, 0.3 to 0.6 s at 1000 articles)."""
    key = Path(root).resolve()
    now = cache.scan(root)
    if now is not None and not (keep_render and key not in _rendered):
        done = _unchanged(root, key, now, strict)
        if done is not None:
            return done
        cache.digest_racy_inputs(now, root)  # before the seeds are read
    previous, edited = _rendered.pop(key, None), None
    remembered = _last.get(key)
    if previous is not None and remembered is not None and now is not None:
        edited = incremental.changed_articles(remembered[0].inputs, now.inputs)
    rendered = regenerate(root, previous, edited)
    site, pages = rendered.site, rendered.pages
    if strict:
        _refuse_warnings(site)
    known = _as_written(previous, remembered[0] if remembered else None, now)
    report = write(pages, root / "docs", known, strays=strays)
    snapshot = cache.after_build(now, root, len(pages), [*report.written, *report.deleted]) if now is not None else None
    if snapshot is None:
        _last.pop(key, None)
        cache.forget(root)
    else:
        _last[key] = (snapshot, site)
        _rendered[key] = rendered
        cache.save(root, snapshot)
    return site, report


def _unchanged(root: Path, key: Path, now: cache.Snapshot, strict: bool) -> tuple[Site, WriteReport] | None:
    """The answer of ``build`` when no input changed since the last build (this process's, or
    the one stored in the cache), without reading the seeds; None when something changed."""
    remembered = _last.get(key)
    last = remembered[0] if remembered else cache.load(root)
    if last is None:
        return None
    before = len(last.digests)
    if not cache.unchanged(last, now, root):
        return None
    if remembered:
        site = remembered[1]
    else:
        site = LazySite(root)
        if len(last.digests) != before:  # pages now old enough to be compared by status
            cache.save(root, last)
    _last[key] = (last, site)
    if strict:
        _refuse_warnings(site)
    return site, WriteReport(unchanged=last.pages)


def _as_written(previous: incremental.Rendered | None, last: cache.Snapshot | None, now: cache.Snapshot | None) -> dict[str, str] | None:
    """The pages on disk as the last build of this process wrote them (those whose files did not
    change since), so that ``write`` need not read them again; None when unknown."""
    if previous is None or last is None or now is None:
        return None
    return {
        rel: text for rel, text in previous.pages.items()
        if f"docs/{rel}" not in last.digests and last.outputs.get(f"docs/{rel}") == now.outputs.get(f"docs/{rel}", ())
    }


def check(root: Path, strict: bool = False) -> dict[str, str]:
    """Everything ``build`` checks, including hand edits of generated pages; writes nothing."""
    return check_site(root, strict)[1]


def check_site(root: Path, strict: bool = False) -> tuple[Site, dict[str, str]]:
    """``check``, with the site (and its warnings)."""
    from generator.problems import SeedError

    site, pages = generate(root)
    if strict:
        _refuse_warnings(site)
    _, _, problems = plan(pages, root / "docs")
    problems += copy_desk(site)
    if problems:
        raise SeedError(problems)
    return site, pages


def copy_desk(site: Site) -> list[Problem]:
    """The terminology, house style and support checks (``check`` only), for projects with a
    terminology table (``seeds/terminology.yml``)."""
    from generator.validate import support, terminology

    if not (site.root / terminology.TABLE).is_file():
        return []
    terms, _ = terminology.load_table(site.root)
    return terminology.check(site.root) + support.check(site, terms)
