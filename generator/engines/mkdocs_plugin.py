"""The MkDocs / ProperDocs adapter (plugin ``news-explained`` in mkdocs.yml, registered in
pyproject.toml): before a build, generate the pages; after it, publish (``generator.publish``);
while serving, watch ``seeds/``. It uses the plugin events and keeps its state on itself; for
speed, six engine internals are replaced by equivalents (see ARCHITECTURE.md and below).

The seeds' warnings (``generator.validate.lint``) are logged as MkDocs warnings, so ``mkdocs build
--strict`` fails on them. Page-level rules that only the engine can apply also live here: front
matter text reaches the theme escaped, the edit link of a generated page opens its seed file,
the headings' permalink tooltip is in the page's language, the navigation lists a page's own
article, every page has its twin in every language, and each language keeps its own 404 page.
The structured data (JSON-LD) is ``publish``'s, as anything else engine-neutral (while
previewing, the plugin puts it in each page it builds, with the same function).

Building: the other languages are built in a forked process beside the default one
(``generator.engines.parallel``); links are resolved from a table (``generator.engines.lookup``); the theme's
templates are compiled once (``generator.engines.templatecache``); the theme's file list, the
files of ``docs/`` and the i18n plugin's files are made once per process while their inputs are
unchanged (``generator.engines.reuse``).

Serving: the plugin watches ``seeds/`` and ``generator/`` itself and regenerates as soon as they
change, and ``docs/`` for hand-written edits (not the generator's own writes: MkDocs polls, and
pages written across two polls made a second build). Then it asks MkDocs for one rebuild at
once, as MkDocs' own file watch does (``_request_rebuild``); on a server without that, by
touching a file in a folder it has MkDocs watch (``server.watch``, public), in place of MkDocs'
own watch of ``docs/``. Invalid seeds write
nothing: the last good site stays served and the problem is printed (no traceback). With
``--dirty`` (``make serve``) only the changed pages are built again (``generator.engines.preview``);
a save that changes the text of pages only is built with what the last build made, in place of a
dirty build (``generator.engines.refresh``, from the server's rebuild: ``_builder``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urljoin

import jinja2
from markupsafe import escape
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from generator import pipeline
from generator.engines import i18n_site, lookup, navigation, parallel, preview, refresh, reuse, templatecache
from generator.load.read import Site
from generator.problems import SeedError
from generator.publish import built_site as publish
from generator.publish import unindent
from generator.render import jsonld
from generator.strings import strings
from generator.urls import SiteUrls
from generator.validate import lint

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext
    from watchdog.events import FileSystemEvent

log = logging.getLogger("mkdocs.plugins.news-explained")

#: What the plugin watches while serving, under the project folder.
WATCHED = ("seeds", "generator")


# mkdocs.config.base.Config.__init_subclass__ has no annotations (it gathers the options)
class NoOptions(Config):  # type: ignore[no-untyped-call]
    """The plugin has no options of its own."""


# mkdocs.plugins.BasePlugin.__init_subclass__ has no annotations (it registers the plugin's events)
class NewsExplainedPlugin(BasePlugin[NoOptions]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        super().__init__()
        self.site: Site | None = None  # the model of the last good generation
        self.command: str | None = None  # "build", "gh-deploy" or "serve"
        self.root: Path | None = None
        self._generating = threading.Lock()  # a build and a save never generate at once
        self._watcher: _Watcher | None = None
        self._warned: Site | None = None  # the model whose warnings this process has logged
        self.preview = preview.Preview()  # `mkdocs serve --dirty`: what a dirty build would leave stale
        self.others = parallel.OtherLanguages()  # the other languages' build, forked beside the default one's
        self._others_built = False  # the forked build has built the other languages: the i18n plugin must not
        self._others_unchanged = False  # while previewing: no page of the other languages changed, none is built
        self._publish_started: float | None = None  # while previewing: when the last publishing began
        self._kept_templates: set[str] = set()  # while previewing: theme templates this build does not render again
        self._hand_written: tuple[tuple[str, int], ...] = ()  # while previewing: the hand-written pages, with their times
        self._generated_files: preview.GeneratedFiles | None = None
        self.pages_only = refresh.PagesOnly()  # while previewing: what each language's last build made, for a save of pages only

    # --- before the build: generate -------------------------------------------------------

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command
        self.preview.start(command, dirty)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Regenerate the pages; invalid seeds stop the build (`mkdocs serve` keeps the last good site)."""
        self.root = Path(config.config_file_path).resolve().parent
        reuse.install(config, self.root)
        navigation.install_nest_paths()
        try:
            if self._watcher is None:  # while serving, the watcher generates as soon as a seed is saved
                # `make serve`: the site is rendered once even when the pages on disk are up to
                # date, so that every save renders only what it changes (at 1000 articles, a
                # save made before that render ended waited for it: 13.5 s)
                self.generate(keep_render=self.preview.dirty)
        except SeedError as error:
            if self.command == "serve" and self.site is not None:
                # docs/ still holds the last good pages: build those, and say what to fix. Printed,
                # not logged: in strict mode a logged error would fail the build, and a failed
                # rebuild makes `mkdocs serve` hold every request until the next good one.
                _still_serving(error)
                return config
            raise PluginError(error.report()) from None
        i18n = _i18n(config)
        if not (i18n and i18n.building):  # a build begins (not the inner build of another language)
            self.preview.begin_build()
            if self.preview.dirty:
                self.pages_only.begin(config)
        if self.site is not None and not self.preview.whole_site_built:
            for warning in self._new_warnings(self.site):  # MkDocs warnings: `mkdocs build --strict` fails on them
                log.warning("%s", warning)
        return config

    def _generated(self, docs: str | Path) -> preview.GeneratedFiles:
        """What the generator wrote under ``docs`` (its manifest, read again when it changes): one
        reader for the builds' checks and the watcher (``on_serve``)."""
        if self._generated_files is None or self._generated_files.docs != Path(docs).resolve():
            self._generated_files = preview.GeneratedFiles(Path(docs))
        return self._generated_files

    def _new_warnings(self, site: Site) -> list[str]:
        """The warnings of ``site``, once per model (not again for the second language, nor for
        a build that found nothing to generate).

        While previewing, after the first build, a save's warnings are printed after its pages are
        served (``_publish``): logged, they would fail the strict rebuild, and a failed rebuild
        holds every request until the next good one; finding them took a second at 1000 articles."""
        if site is self._warned:
            return []
        self._warned = site
        return [str(warning) for warning in lint.find(site)]

    def generate(self, keep_render: bool = False, save: bool = False) -> bool:
        """Generate the pages; whether any page was written or deleted. ``keep_render``: see
        ``pipeline.build`` (the watcher asks for it once, before the first save); ``save``: the
        watcher's, while serving (a killed run's temporary files are left to the next build)."""
        assert self.root is not None
        with self._generating:
            self.site, report = pipeline.build(self.root, keep_render=keep_render, strays=not save)
            self.preview.note_changes([*report.written, *report.deleted])
        if report.written or report.deleted:
            log.info("generator: %d written, %d deleted", len(report.written), len(report.deleted))
            return True
        return False

    # --- turning Markdown into pages --------------------------------------------------------

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Front matter text reaches the theme escaped; the edit link of a generated page opens its
        seed file, not the generated Markdown.

        MkDocs' template environment does not autoescape, and Material prints ``page.meta.title``,
        ``page.meta.description`` and ``page.title`` raw in elements and attributes. As ``Markup``,
        the escaped text prints literally there, and Jinja's ``| e`` does not escape it twice.
        """
        preview.escape_meta(page)
        seed = page.meta.get("generated_from")
        if seed and config.edit_uri:
            edit_docs = urljoin((config.repo_url or "").rstrip("/") + "/", config.edit_uri)
            docs_name = Path(config.docs_dir).name + "/"
            edit_root = edit_docs[: -len(docs_name)] if edit_docs.endswith(docs_name) else edit_docs
            # a page made from a whole folder (the timeline) opens the folder: GitHub edits files only
            page.edit_url = (edit_root + seed).replace("/edit/", "/tree/", 1) if seed.endswith("/") else edit_root + seed
        return markdown

    def on_page_content(self, html_text: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The headings' permalink tooltip in the page's language (toc has one title for the site)."""
        title = config.mdx_configs.get("toc", {}).get("permalink_title")
        lang = _language(config)
        if not title or lang not in ("vi", "en"):
            return html_text
        return html_text.replace(f'title="{title}"', f'title="{strings(lang)["permalink"]}"')

    @event_priority(-110)  # after mkdocs-static-i18n has reduced the navigation to one language
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Name article sections by their title (not their folder) and order the top level."""
        lang = config.theme.get("language", "vi")
        words = strings(lang) if lang in ("vi", "en") else strings("vi")
        titles = {a.slug: escape(a.meta.title[lang]) for a in self.site.articles} if self.site and lang in ("vi", "en") else {}
        nav = navigation.arrange(nav, words["articles"], titles)
        if self.preview.dirty:
            self.pages_only.navigation(nav)
        i18n = _i18n(config)
        if self.preview.dirty and not (i18n and i18n.building):  # once per save, before any language is built
            self.preview.check_structure(preview.structure(nav, self.site, self._hand_written), config.site_dir)
        if parallel.OtherLanguages.possible(self.command, i18n):  # the pages exist now (the sitemap lists them)
            others = [lang for lang in i18n.build_languages if lang != i18n.default_language]
            site_dir = config.site_dir
            self.others.start(config, i18n, then=lambda: self._prefill_cards(site_dir, lambda rel: rel.split("/", 1)[0] in others))
        return nav

    @event_priority(-150)  # after mkdocs-static-i18n has added its extension to the environment
    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """The theme's templates compiled once (``generator.engines.templatecache``); a dirty rebuild
        (`make serve`) reads the titles its pages' navigation shows, and keeps the sitemap and
        404 pages when the site's structure is unchanged."""
        self.preview.read_shown_titles(files, config)
        if self.preview.site_pages_unchanged:  # the sitemap and the 404 pages show only the structure: kept
            self._kept_templates = config.theme.static_templates & {parallel.SITEMAP, i18n_site.ERROR_PAGE}
            config.theme.static_templates -= self._kept_templates  # until this build ends (``on_post_build``)
        env = templatecache.use_bytecode_cache(env)
        if self.preview.dirty:  # what a save that changes pages only is built with (``generator.engines.refresh``)
            self.pages_only.record(_language(config), config, files, env)
        return env

    @event_priority(-110)
    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        """A page's navigation lists its own article's pages, not every article's (see ``generator.engines.navigation``)."""
        context["nav"] = navigation.for_page(nav)
        return context

    def on_template_context(self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig) -> TemplateContext:
        """The same for pages made from a template alone (the 404 page): no article is open there."""
        if context.get("nav"):
            context["nav"] = navigation.for_page(context["nav"])
        return context

    @event_priority(50)  # before mkdocs-static-i18n replaces the file list with one language's pages
    def _check_twins(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """A page without its twin in every language stops the build (the i18n plugin would publish
        it in the other language under the wrong ``lang``)."""
        i18n = _i18n(config)
        if self.preview.dirty and not (i18n and i18n.building):  # every language's pages are listed here
            self._hand_written = preview.hand_written_pages(files, self._generated(config.docs_dir))
        if i18n:
            pages = (file.src_uri for file in files.documentation_pages())
            problems = i18n_site.missing_twins(pages, i18n.all_languages)
            if problems:
                raise PluginError("Every page needs its twin in every language:\n  " + "\n  ".join(problems))
        return files

    @event_priority(-150)  # after mkdocs-static-i18n has made the file list of one language
    def _lookup_table(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Links resolved from a table (``generator.engines.lookup``); while previewing, a page
        that includes a changed fragment is built again (its own file did not change)."""
        if self.preview.dirty and self._watcher is not None:
            for fragment in self.preview.changed_fragments(_language(config)):
                for file in refresh.includers(files, fragment, self._watcher.generated.hand_written):
                    refresh.forget_built(file)
        return lookup.memoize_lookups(files)

    on_files = CombinedEvent(_check_twins, _lookup_table)

    def on_pre_template(self, template: jinja2.Template, /, *, template_name: str, config: MkDocsConfig) -> jinja2.Template:
        """The language switch of the 404 pages leads to the home of each language."""
        i18n = _i18n(config)
        if template_name == i18n_site.ERROR_PAGE and i18n and i18n.extra_alternate:
            config.extra.alternate = i18n_site.language_homes(i18n)  # type: ignore[attr-defined]  # an attribute, as the i18n plugin sets it
        return template

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """Each language keeps its own 404 page: ``/404.html`` in the default language,
        ``/<lang>/404.html`` for the others (MkDocs would write them all to ``/404.html``)."""
        if template_name == parallel.SITEMAP and self.others.running:
            return ""  # the forked build writes the sitemap of every language
        i18n = _i18n(config)
        if template_name != i18n_site.ERROR_PAGE or not i18n:
            return output_content
        output = i18n_site.write_error_page(unindent.drop_indentation(output_content), config.site_dir, i18n.current_language, i18n.default_language)
        if not output:  # MkDocs then reports the template as skipped: say where the page went
            log.info("404 page of '%s' written to %s/%s", i18n.current_language, i18n.current_language, i18n_site.ERROR_PAGE)
        return output

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """The templates' indentation goes (``generator.publish.unindent``; ``publish`` would do
        it after the build, reading every page again). While previewing, the structured data goes
        in too: ``publish`` runs in the background then and must not rewrite pages a save's build
        may be writing."""
        if self.preview.dirty and self.site is not None:
            lang = _language(config)
            key = jsonld.pages(self.site).get(page.file.src_uri.removeprefix(f"{lang}/"))
            if key:
                output = publish.with_structured_data(output, self.site, key, lang, SiteUrls(config.site_url), config.site_name, page.url)
        return unindent.drop_indentation(output)

    # --- after the build: publish -------------------------------------------------------------

    @event_priority(100)  # before the minify plugin (0) and mkdocs-static-i18n (-100)
    def _wait_for_other_languages(self, *, config: MkDocsConfig) -> None:
        """The forked build of the other languages has ended: this build finishes the site. While
        previewing, a save that changed pages of the default language only builds that language
        (the other languages' pages are as the last build made them)."""
        # the templates this build kept are the next one's to decide on (the theme's files are
        # listed without what it names as templates)
        config.theme.static_templates |= self._kept_templates
        self._kept_templates = set()
        i18n = _i18n(config)
        if i18n and not i18n.building and not self.others.running and self.preview.changed_only(i18n.default_language):
            self._others_unchanged = True
            i18n.building = True  # its own flag: "the other languages are built"
            log.info("preview: no page of the other languages changed; only '%s' is built again", i18n.default_language)
            return
        if not self.others.running:
            return
        # meanwhile: the open data and feeds (they need the model only), the cards of this language's pages
        try:
            if self.site is not None:
                publish.write_model_files(Path(config.site_dir), self.site, config.site_url, publish.engine_config(self.root) if self.root else {})
            others = [lang for lang in i18n.build_languages if lang != i18n.default_language]
            self._prefill_cards(config.site_dir, lambda rel: rel.split("/", 1)[0] not in others)
        except publish.PublishError as error:
            self.others.stop()
            raise PluginError(str(error)) from None
        if not self.others.wait():
            raise PluginError("Building the other languages failed (see the messages above).")
        self._others_built = True
        i18n.building = True  # its own flag: "the other languages are built"

    @event_priority(-200)  # after mkdocs-static-i18n (priority -100) has built the other languages
    def _publish(self, *, config: MkDocsConfig) -> None:
        """Publish once every language is written (``generator.publish``): open data and feeds,
        cards, then the search index; while previewing, in the background (the pages are served first)."""
        i18n = _i18n(config)
        model_files = not self._others_built  # else written while the other languages were built
        if self._others_built or self._others_unchanged:  # as the i18n plugin leaves itself after building the other languages
            self._others_built = self._others_unchanged = False
            i18n.building = False
            i18n.current_language = i18n.build_languages[-1]
        elif i18n and i18n.building:  # the inner build of one language: the outer build publishes
            return
        self._publish_site(config, model_files)

    def _publish_site(self, config: MkDocsConfig, model_files: bool) -> None:
        """Publish (see ``_publish``): after a build, or a save built by ``generator.engines.refresh``."""
        i18n = _i18n(config)
        self.preview.built()
        if self.site is None:
            return
        site, site_dir, url, root = self.site, config.site_dir, config.site_url, self.root
        only_language = i18n.config.build_only_locale if i18n else None

        def finish() -> None:
            # while previewing, the cards of the pages written since the last publishing began
            # (a second early: file times can lag the clock); the others have theirs
            since = self._publish_started - 1.0 if self._publish_started is not None and self.preview.dirty else None
            self._publish_started = time.time()
            try:
                report = publish.publish(
                    site_dir, root=root, site=site, url=url, feeds_too=not only_language, only_language=only_language, model_files=model_files, unindent=False,
                    changed_since=since, structured_data=not self.preview.dirty, pause=self.preview.pause if self.preview.dirty else None,
                )
            except publish.PublishError as error:
                raise PluginError(str(error)) from None
            log.info("cards: %d pages; structured data: %d pages; search: %d pages indexed", report.cards, report.structured, report.indexed)
            if self.preview.dirty:
                for warning in self._new_warnings(site):
                    print(f"WARNING -  {warning}", file=sys.stderr)

        if not self.preview.after_build(finish):
            finish()

    on_post_build = CombinedEvent(_wait_for_other_languages, _publish)

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build ends the forked one too; the next save is built by MkDocs."""
        self.others.stop()
        self.pages_only.forget()
        self.preview.idle()

    def _prefill_cards(self, site_dir: str, chosen: Callable[[str], bool]) -> None:
        if self.site is not None:
            folder = Path(site_dir)
            publish.prefill_cards(folder, self.site, publish.card_cache(folder, self.root), chosen)

    # --- serving: watch the seeds ---------------------------------------------------------------

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        """Regenerate as soon as ``seeds/`` (or the generator) changes, then rebuild once; rebuild
        once for a hand-written edit under ``docs/``, never for the generator's own writes."""
        if self._watcher is None and self.root is not None:
            docs = Path(config.docs_dir).resolve()
            trigger = self.root / ".cache" / "serve"
            trigger.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(KeyError):  # KeyError: a server that does not watch it
                server.unwatch(str(docs))  # watched here instead, without the generator's writes
            server.watch(str(trigger))
            self._watcher = _Watcher(self, [self.root / name for name in WATCHED], docs, trigger / "rebuild", _rebuild_request(server), self._generated(docs))
            self._watcher.start()
            if self.preview.dirty and callable(getattr(server, "builder", None)):
                server.builder = self._builder(server.builder)
        return server

    def _builder(self, build: Callable[[], None]) -> Callable[[], None]:
        """The server's rebuild: the changed pages only when a save allows it
        (``generator.engines.refresh``), else ``build`` (MkDocs' dirty build)."""

        def rebuild() -> None:
            if not self._build_pages_only():
                build()

        return rebuild

    def _build_pages_only(self) -> bool:
        """Build a save that changed pages only (``generator.engines.refresh``); whether it was."""
        watcher, site, config = self._watcher, self.site, self.pages_only.config()
        if watcher is None or site is None or config is None or not self.preview.whole_site_built or not self.preview.titles_unchanged(site):
            return False
        changed, plan = self.preview.begin_build(), None
        try:
            plan = self.pages_only.plan(changed, watcher.generated.hand_written, Path(config.docs_dir))
            built = plan is not None and self.pages_only.build(plan, _i18n(config), self.preview.read_shown_titles)
        except Exception:  # the dirty build meets it again and reports it, as for any build
            self.pages_only.forget()
            built = False
        if plan is None or not built:
            self.preview.note_changes(changed)  # the dirty build's
            return False
        log.info("preview: %d changed page%s built again; the rest of the site is as the last build left it", len(plan), "" if len(plan) == 1 else "s")
        self._publish_site(config, model_files=True)
        return True

    def on_shutdown(self) -> None:
        """Stop watching; let the background publishing end before MkDocs removes the served site
        (removing a folder it still writes in failed with "Directory not empty")."""
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None
        self.preview.idle()  # a save cut short by the shutdown: its wait ends
        self.preview.finish(timeout=120)


def _i18n(config: MkDocsConfig) -> Any:
    """The mkdocs-static-i18n plugin when the site uses it, else None (it has no type information)."""
    return config.plugins.get("i18n")


def _language(config: MkDocsConfig) -> str:
    i18n = _i18n(config)
    lang: str = i18n.current_language if i18n else config.theme.get("language", "vi")
    return lang


def _rebuild_request(server: LiveReloadServer) -> Callable[[], None] | None:
    """A function that asks ``server`` for one rebuild at once, as its file watch does, or None
    for a server that is not MkDocs' (or ProperDocs') 1.6 ``LiveReloadServer``.

    Touching a watched file costs MkDocs' poll (every half second) and its wait for more changes
    (a tenth of a second): a third of a save's latency at 100 articles. The watcher waits for
    a save's burst of changes to settle already, so the server's wait is shortened too."""
    condition = getattr(server, "_rebuild_cond", None)
    if not isinstance(condition, threading.Condition) or not isinstance(getattr(server, "_want_rebuild", None), bool):
        return None
    if isinstance(getattr(server, "build_delay", None), (int, float)):
        server.build_delay = min(server.build_delay, 0.01)

    def request() -> None:
        with condition:
            server._want_rebuild = True
            condition.notify_all()

    return request


def _still_serving(error: SeedError) -> None:
    print(f"{error.report()}\nStill serving the last good version; save a fix to update it.", file=sys.stderr)


class _Watcher:
    """Runs the generator after a burst of changes under the watched folders settles, and asks
    MkDocs for one rebuild when a save changed what it builds from."""

    SETTLE = 0.05  # seconds without a change before acting (an editor's save is several events)

    def __init__(
        self, plugin: NewsExplainedPlugin, sources: list[Path], docs: Path, trigger: Path, request: Callable[[], None] | None = None, generated: preview.GeneratedFiles | None = None,
    ):
        import watchdog.events
        import watchdog.observers

        self.plugin = plugin
        self.trigger = trigger
        self.request = request
        self.generated = generated or preview.GeneratedFiles(docs)  # the plugin's, shared with its builds
        self.changed = threading.Event()
        self.stopping = False
        self._lock = threading.Lock()
        self._sources_changed = False
        self._docs_changed: set[str] = set()  # paths under docs/, sorted out once the save settled
        self.observer = watchdog.observers.Observer()
        on_source = watchdog.events.FileSystemEventHandler()
        on_source.on_any_event = self._on_source  # type: ignore[method-assign]
        on_docs = watchdog.events.FileSystemEventHandler()
        on_docs.on_any_event = self._on_docs  # type: ignore[method-assign]
        for folder in sources:
            if folder.is_dir():
                self.observer.schedule(on_source, str(folder), recursive=True)
        self.observer.schedule(on_docs, str(docs), recursive=True)
        self.thread = threading.Thread(target=self._run, name="news-explained-watch", daemon=True)

    @staticmethod
    def _counts(event: FileSystemEvent) -> bool:
        return not (event.is_directory or "__pycache__" in event.src_path or event.event_type in ("opened", "closed_no_write"))

    def _on_source(self, event: FileSystemEvent) -> None:
        if self._counts(event):
            with self._lock:
                self._sources_changed = True
            self.changed.set()

    def _on_docs(self, event: FileSystemEvent) -> None:
        if self._counts(event):
            with self._lock:
                self._docs_changed.update(os.fsdecode(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p)
            self.changed.set()

    def start(self) -> None:
        self.observer.start()
        self.thread.start()

    def stop(self) -> None:
        self.stopping = True
        self.changed.set()
        self.observer.stop()

    def _run(self) -> None:
        # The seeds saved while the first build ran (it rendered the site once, so that a save
        # renders only what it changes; without `--dirty` that render is made here)
        rebuild = self._generate(keep_render=True)
        if rebuild:  # the seeds changed since the first build
            self._touch()
        while True:
            self.changed.wait()
            if self.stopping:
                return
            self.changed.clear()
            while self.changed.wait(self.SETTLE):  # until the save is complete
                self.changed.clear()
            if self.stopping:
                return
            with self._lock:
                sources, self._sources_changed = self._sources_changed, False
            if sources:  # the background publishing of the last save waits until this one is built
                self.plugin.preview.busy()
            rebuild = sources and self._generate()
            with self._lock:  # the generator's own writes are in its manifest by now: not edits
                edited = [p for p in self._docs_changed if not self.generated.is_generated(p)]
                self._docs_changed.clear()
            self.plugin.preview.note_changes(rel for p in edited if (rel := self.generated.relative(p)) is not None)
            if rebuild or edited:
                self._touch()
            elif sources:  # a save that changed no page: handled (the generator's own writes, which wake this loop too, are not a save)
                self.plugin.preview.idle()

    def _generate(self, keep_render: bool = False) -> bool:
        """Generate; whether pages changed (then MkDocs has something to build)."""
        try:
            return self.plugin.generate(keep_render, save=True)
        except SeedError as error:
            _still_serving(error)
            return False
        except Exception as error:  # keep watching: the next save may fix it
            print(f"generator: {type(error).__name__}: {error}\nStill serving the last good version.", file=sys.stderr)
            return False

    def _touch(self) -> None:
        """One rebuild: asked for at once, or by a new modification time of ``trigger`` (MkDocs polls its folder)."""
        if self.request is not None:
            self.request()
        else:
            self.trigger.write_text(str(time.time_ns()), encoding="utf-8")
