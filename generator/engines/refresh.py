"""A save that changed the text of some pages only: those pages built again, with what the last
build made (`make serve`).

Most saves change the text of a few pages and nothing of the site's structure: no page added or
removed, the same titles in the same order in the navigation, no hand-written page, setting or
theme file edited. MkDocs' dirty build would still make every page's ``File`` and ``Page``, the
i18n plugin's files and the navigation of the language before it converts the pages that
changed: 2 s per language at 1000 articles, for one page. Here each changed page is read,
converted and written with the objects the last build of its language made (its settings, files,
navigation and template environment) by MkDocs' own functions for one page, which run the same
plugin events as in a build; Hugo's server renders its changes the same way ("fast render").

Anything else goes to MkDocs' dirty build as before (``plan`` returns None): a page the last build
did not make, a page removed, a changed title or order (``preview.Preview.titles_unchanged``), a
hand-written page (its title is its own), a fragment no hand-written page includes, the settings
or the project's theme folder changed, a language the last build did not build. A warning while
building the pages (a broken link: the site is strict) sends the save to the dirty build too,
with those pages' built files removed, so that it builds them again and reports the warning as a
build does.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.engines.preview import FRAGMENTS

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.news-explained")

Stamp = tuple[tuple[str, int, int], ...]


@dataclass
class LanguageBuild:
    """What the last build of one language made, that a page of it is built with."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment


@dataclass
class Plan:
    """The pages a save changed, by language (the default language first)."""

    pages: dict[str, list[Page]] = field(default_factory=dict)

    def __len__(self) -> int:
        return sum(len(pages) for pages in self.pages.values())


class PagesOnly:
    """The last build of each language, and the saves that need their pages built again only."""

    def __init__(self) -> None:
        self._builds: dict[str, LanguageBuild] = {}
        self._settings: Stamp | None = None  # the settings and the project's theme files the builds used
        self._nav: Navigation | None = None  # the navigation of the language being built

    def begin(self, config: MkDocsConfig) -> None:
        """A build begins: note the settings it reads."""
        self._settings = settings_stamp(config)

    def navigation(self, nav: Navigation) -> None:
        self._nav = nav

    def record(self, language: str, config: MkDocsConfig, files: Files, env: jinja2.Environment) -> None:
        """The build of ``language`` made its files, navigation and environment (``on_env``)."""
        if self._nav is not None:
            self._builds[language] = LanguageBuild(config, files, self._nav, env)
        self._nav = None

    def forget(self) -> None:
        """A build failed: the next save is built by MkDocs."""
        self._builds.clear()
        self._settings = None

    def config(self) -> MkDocsConfig | None:
        """The settings of the last build (of any language), or None before one."""
        return next(iter(self._builds.values())).config if self._builds else None

    def plan(self, changed: set[str], hand_written: Callable[[str], bool], docs: Path) -> Plan | None:
        """The pages to build for the files ``changed`` under ``docs`` (relative paths), or None
        when the save needs MkDocs' dirty build."""
        config = self.config()
        if not changed or config is None or settings_stamp(config) != self._settings:
            return None
        plan = Plan()
        for path in sorted(changed):
            language = path.split("/", 1)[0]
            build = self._builds.get(language)
            pages = self._pages_of(build, path, hand_written) if build is not None and path.endswith(".md") and (docs / path).is_file() else None
            if not pages:
                return None
            known = plan.pages.setdefault(language, [])
            known.extend(page for page in pages if page not in known)
        return plan

    @staticmethod
    def _pages_of(build: LanguageBuild, path: str, hand_written: Callable[[str], bool]) -> list[Page] | None:
        """The pages to build for the changed file ``path``: its page, or the hand-written pages
        that include it (a fragment); None if the last build made no page of it, or it is hand-written."""
        if FRAGMENTS in f"/{path}":
            return [file.page for file in includers(build.files, path, hand_written) if file.page is not None]
        file = build.files.src_uris.get(path)
        if file is None or file.page is None or hand_written(path):
            return None
        return [file.page]

    def build(self, plan: Plan, i18n: Any, before_pages: Callable[[Files, MkDocsConfig], object]) -> bool:
        """Build the pages of ``plan``; False, with their built files removed, after a warning
        (the dirty build then builds them again and reports it). ``i18n``: mkdocs-static-i18n,
        or None; ``before_pages``: what the engine plugin does once a build's pages are read."""
        engine = sys.modules[f"{type(next(iter(self._builds.values())).config).__module__.split('.', 1)[0]}.commands.build"]
        warnings = engine.utils.CountHandler()  # as the engine's build counts them in strict mode
        warnings.setLevel(logging.WARNING)
        mkdocs_log = logging.getLogger(engine.__name__.split(".", 1)[0])
        mkdocs_log.addHandler(warnings)
        language_before = i18n.current_language if i18n is not None else None
        try:
            for language, pages in sorted(plan.pages.items(), key=lambda item: item[0] != _default(i18n)):
                build = self._builds[language]
                config = _as_language(build.config, language, i18n)
                for page in pages:
                    engine._populate_page(page, config, build.files)
                before_pages(build.files, config)
                doc_files = build.files.documentation_pages()
                for page in pages:
                    engine._build_page(page, config, doc_files, build.nav, build.env)
                    page.validate_anchor_links(files=build.files, log_level=config.validation.links.anchors)
        finally:
            mkdocs_log.removeHandler(warnings)
            if i18n is not None:
                i18n.current_language = language_before
        counts = warnings.get_counts()
        if counts and any(build.config.strict for build in self._builds.values()):
            for page in _pages(plan):
                forget_built(page.file)
            log.info("preview: %s while building the changed pages: the site is built again", ", ".join(f"{n} {kind.lower()}(s)" for kind, n in counts))
            return False
        return True


def _pages(plan: Plan) -> Iterator[Page]:
    for pages in plan.pages.values():
        yield from pages


def forget_built(file: File) -> None:
    """Remove the built page of ``file``: MkDocs' dirty build builds a page whose built file is missing."""
    if file.abs_dest_path:
        Path(file.abs_dest_path).unlink(missing_ok=True)


def _default(i18n: Any) -> str | None:
    return i18n.default_language if i18n is not None else None


def _as_language(config: MkDocsConfig, language: str, i18n: Any) -> MkDocsConfig:
    """``config`` set for ``language`` as mkdocs-static-i18n sets it at the start of that
    language's build (the same settings object serves every language of a build)."""
    if i18n is None:
        return config
    i18n.current_language = language
    plugin_log = logging.getLogger(f"mkdocs.plugins.{type(i18n).__module__.split('.')[0]}")  # its notes on each override
    level = plugin_log.level
    plugin_log.setLevel(logging.WARNING)
    try:
        reconfigured: MkDocsConfig = i18n.reconfigure_mkdocs_config(config)
    finally:
        plugin_log.setLevel(level)
    return reconfigured


def includers(files: Files, fragment: str, hand_written: Callable[[str], bool]) -> list[File]:
    """The hand-written pages that include ``fragment`` (a path under ``docs/``)."""
    found = []
    for file in files.documentation_pages():
        if hand_written(file.src_uri) and file.abs_src_path:
            try:
                text = Path(file.abs_src_path).read_text(encoding="utf-8")
            except OSError:
                continue
            if fragment in text:
                found.append(file)
    return found


def settings_stamp(config: MkDocsConfig) -> Stamp:
    """The modification times and sizes of the settings file and of every file of the theme's
    folders inside the project (``overrides/``): MkDocs watches them and builds again on a change."""
    paths = [Path(config.config_file_path)] if config.config_file_path else []
    project = Path(config.config_file_path or ".").resolve().parent
    for folder in config.theme.dirs:
        real = Path(folder).resolve()
        if real.is_relative_to(project):
            paths.extend(sorted(path for path in real.rglob("*") if path.is_file()))
    stamp = []
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            continue
        stamp.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(stamp)
