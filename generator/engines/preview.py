"""The live preview rebuilds what an edit changed: `mkdocs serve --dirty` (what `make serve` runs).

A saved seed file regenerates only the pages it changes (``generator.pipeline``: the generator
writes a page only when its text changed), and MkDocs' dirty build converts only the pages
whose file is newer than their built page. What a dirty build would leave stale, this module
brings up to date:

- the site's structure (its pages, their order and titles in the navigation, the hand-written
  pages): when it changed, the served site is emptied first, so every page is built again
  (and while it is unchanged, the sitemap and the 404 pages, which show nothing else, are kept);
- the titles the navigation shows on a rebuilt page (the pages of its article, the top-level
  pages, the previous and next page): MkDocs reads no page it does not rebuild, so these are read;
- the search index and the open data, which cover the whole site: made after the build, in the
  background (the browser reloads as soon as the pages are written; search follows a moment later).

MkDocs warns at each dirty build that navigation may be stale; that warning would fail the
site's strict mode, and the staleness it warns of is handled here, so it is not shown.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import shutil
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from generator.write.files import MANIFEST, read_manifest

#: Where the generator writes what hand-written pages include (``--8<--``): not pages themselves.
FRAGMENTS = "/_generated/"

if TYPE_CHECKING:  # for the type checker only: MkDocs' classes
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    from generator.load.read import Site

#: What the navigation of every page shows (see ``structure``): the pages' paths in order, each
#: article's slug and titles (and its themes'), and each hand-written page with its modification time.
Structure = tuple[
    tuple[str, ...],
    tuple[tuple[str, str, str, tuple[tuple[str, str, str], ...]], ...],
    tuple[tuple[str, int], ...],
]

DIRTY_WARNING = "A 'dirty' build is being performed"
#: Front matter that Material prints as it is (see the engine plugin's ``on_page_markdown``).
TEXT_META = ("title", "description", "author")


def _not_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith(DIRTY_WARNING)


def escape_meta(page: Page) -> None:
    """Front matter text escaped once (``Markup``), as the theme prints it raw."""
    for key in TEXT_META:
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = escape(value)


class Preview:
    """The state of one `mkdocs serve` process across its builds."""

    def __init__(self) -> None:
        self.dirty = False
        self._structure: Structure | None = None
        self._structure_changed = False
        self._worker = Background()
        self._lock = threading.Lock()
        self._pending: set[str] = set()  # pages under docs/ written or edited since the last build began
        self._this_build: set[str] = set()  # those the running build found
        self._built = False  # a whole build ended: the served site holds every page
        self._idle = threading.Event()  # no save is being regenerated or built
        self._idle.set()

    def start(self, command: str | None, dirty: bool) -> None:
        self.dirty = command == "serve" and dirty
        build_log = logging.getLogger("mkdocs.commands.build")
        if self.dirty and _not_dirty_warning not in build_log.filters:
            build_log.addFilter(_not_dirty_warning)

    def check_structure(self, structure: Structure, site_dir: str) -> bool:
        """Empty the served site when the structure changed since the last build (then every page
        is built again); whether it did."""
        if not self.dirty:
            return False
        changed = self._structure is not None and structure != self._structure
        self._structure, self._structure_changed = structure, changed
        if changed:
            logging.getLogger("mkdocs.plugins.news-explained").info("preview: the site's structure changed, every page is built again")
            empty(Path(site_dir))
        return changed

    def note_changes(self, paths: Iterable[str]) -> None:
        """Pages under ``docs/`` (relative paths) written or edited since the last build began."""
        if self.dirty:
            with self._lock:
                self._pending.update(paths)

    def begin_build(self) -> set[str]:
        """A build begins: it builds the changes noted so far (returned); later ones are the next build's."""
        with self._lock:
            self._this_build, self._pending = self._pending, set()
            return set(self._this_build)

    def titles_unchanged(self, site: Site) -> bool:
        """Whether the model ``site`` gives the navigation the articles, order and titles the
        last build showed (the rest of the structure: ``refresh.PagesOnly.plan``)."""
        return self._structure is not None and self._structure[1] == _titles(site)

    @property
    def whole_site_built(self) -> bool:
        """While previewing: a first build has written every page (later builds are a save's)."""
        return self.dirty and self._built

    def built(self) -> None:
        """A build ended, every language of it written."""
        self._built = True
        self.idle()

    def busy(self) -> None:
        """A save is being regenerated, then built: the background work waits (``pause``), and
        so does Python's cycle collector. A full collection walks every object of the process:
        what MkDocs and the model hold of the whole site, 0.2 s at 100 articles and seconds at
        1000, and it came in the middle of a save. It runs after the save, in the background."""
        if self.dirty:
            self._idle.clear()
            gc.disable()

    def idle(self) -> None:
        """The save is handled (built, failed, or with nothing to build)."""
        if self.dirty:
            gc.enable()
        self._idle.set()

    def pause(self) -> None:
        """Wait while a save is being handled (at most a minute: a build that never came)."""
        self._idle.wait(60)

    @property
    def site_pages_unchanged(self) -> bool:
        """Whether the running build is a save's after a whole build, with the site's structure
        unchanged: the pages made from the theme's templates alone (the sitemap, the 404 pages)
        show nothing else, and are kept as they are (at 1000 articles the sitemap took half a
        second of each language's build)."""
        return self.dirty and self._built and not self._structure_changed

    def changed_only(self, language: str) -> bool:
        """Whether the running build's changes are all pages of ``language``, after a whole build
        and with the site's structure unchanged: a dirty build of another language would then
        rebuild no page of it (its pages, navigation, 404 page and sitemap are as they were)."""
        return (
            self.dirty and self._built and not self._structure_changed and bool(self._this_build)
            and all(path.startswith(f"{language}/") for path in self._this_build)
        )

    def changed_fragments(self, language: str) -> list[str]:
        """The fragments of ``language`` (``<language>/_generated/…``) the running build found changed."""
        return sorted(path for path in self._this_build if path.startswith(f"{language}/") and FRAGMENTS in f"/{path}")

    def read_shown_titles(self, files: Files, config: MkDocsConfig) -> int:
        """Read the pages whose titles the rebuilt pages show; the number read."""
        if not self.dirty:
            return 0
        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        rebuilt = [p for p in pages if p.content is not None]
        if len(rebuilt) == len(pages):
            return 0
        articles = {_article(p.file.src_uri) for p in rebuilt} - {""}
        shown = {id(n) for p in rebuilt for n in (p.previous_page, p.next_page) if n is not None}
        needed = [page for page in pages if _shown_unread(page, articles, shown)]
        for page in needed:
            page.read_source(config)
            escape_meta(page)
        return len(needed)

    def finish(self, timeout: float) -> None:
        """Wait for the background job (at most ``timeout`` seconds)."""
        self._worker.join(timeout)

    def after_build(self, job: Callable[[], None]) -> bool:
        """Run ``job`` (search index, open data) in the background when previewing; whether it did."""
        if not self.dirty:
            return False
        self._worker.submit(job)
        return True


def _shown_unread(page: Page, articles: set[str], shown: set[int]) -> bool:
    """Whether a page not read for this build shows in one rebuilt: a page of a rebuilt
    article, a site page (not an article's), or a rebuilt page's previous or next page."""
    article = _article(page.file.src_uri)
    return page.markdown is None and (article in articles or not article or id(page) in shown)


def structure(nav: Navigation, site: Site | None, hand_written: tuple[tuple[str, int], ...]) -> Structure:
    """What the navigation of every page shows: its pages in order, the titles the model ``site``
    gives them, and the hand-written pages of every language (``hand_written``: their titles
    are theirs, so any edit of one counts)."""
    return tuple(page.file.src_uri for page in nav.pages), _titles(site), hand_written


def hand_written_pages(files: Files, generated: GeneratedFiles) -> tuple[tuple[str, int], ...]:
    """The pages of ``files`` (every language's) that the generator did not make, with their
    modification times."""
    return tuple(
        (file.src_uri, Path(file.abs_src_path).stat().st_mtime_ns)
        for file in files.documentation_pages()
        if file.abs_src_path and generated.hand_written(file.src_uri)  # src_uri: relative to docs/
    )


def _titles(site: Site | None) -> tuple[tuple[str, str, str, tuple[tuple[str, str, str], ...]], ...]:
    """The articles in the site's order, with their titles and their themes' (the navigation's)."""
    return tuple(
        (a.slug, a.meta.title.vi, a.meta.title.en, tuple((t.id, t.title.vi, t.title.en) for t in a.facts.themes))
        for a in (site.articles if site is not None else ())
    )


class GeneratedFiles:
    """The generator's files under ``docs``: its manifest, journal and cache, its temporary files
    (all named with a leading dot) and the pages its manifest lists (read again when it changes)."""

    def __init__(self, docs: Path):
        self.docs = docs.resolve()
        self._stamp: tuple[int, int] | None = None
        self._pages: frozenset[str] = frozenset()

    def _listed(self) -> frozenset[str]:
        try:
            st = (self.docs / MANIFEST).stat()
            stamp = (st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            return frozenset()
        if stamp != self._stamp:
            self._stamp, self._pages = stamp, frozenset(read_manifest(self.docs))
        return self._pages

    def relative(self, path: str) -> str | None:
        """``path`` relative to ``docs`` (as the generator names its pages), or None if outside."""
        try:
            return Path(path).resolve().relative_to(self.docs).as_posix()
        except ValueError:
            return None

    def is_generated(self, path: str) -> bool:
        rel = self.relative(path)
        return rel is not None and self.lists(rel)

    def hand_written(self, rel: str) -> bool:
        """Whether the file at ``rel`` (a path relative to ``docs``) is not the generator's."""
        return not self.lists(rel)

    def lists(self, rel: str) -> bool:
        """Whether the generator made the file at ``rel`` (a path relative to ``docs``)."""
        return rel.rsplit("/", 1)[-1].startswith(".") or rel in self._listed()


def _article(src_uri: str) -> str:
    """The article of a page (``vi/articles/<slug>/…``), or ``""``."""
    parts = src_uri.split("/")
    at = parts.index("articles") if "articles" in parts else len(parts)
    return parts[at + 1] if len(parts) > at + 2 else ""


def empty(folder: Path) -> None:
    """Remove what is inside ``folder`` (the served site), keeping the folder."""
    if not folder.is_dir():
        return
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                Path(entry.path).unlink()


class Background:
    """One job at a time in a thread; a job submitted while one runs replaces any waiting one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: Callable[[], None] | None = None
        self._thread: threading.Thread | None = None

    def submit(self, job: Callable[[], None]) -> None:
        with self._lock:
            self._waiting = job
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="preview-index", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                job, self._waiting = self._waiting, None
                if job is None:
                    self._thread = None
                    return
            try:
                job()
            except Exception as error:  # printed, not logged: a logged error would fail the next build
                print(f"ERROR    -  {error}", file=sys.stderr)

    def join(self, timeout: float | None = None) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
