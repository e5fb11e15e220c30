"""MkDocs hook: run the generator before every build, so `mkdocs build` and `mkdocs serve`
always show the current seeds; point the edit link of generated pages at their seed file.
It also enforces the language rules of the site (every page has its twin; one 404 page per
language), and after the build publishes the open data, the Atom feeds and the social cards,
and indexes the built site for search.

Thin glue: the work is done by ``generator.pipeline``, ``generator.i18n_site``,
``generator.opendata``, ``generator.feeds``, ``generator.cards`` and ``generator.search``, which
tests call directly.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # when MkDocs runs without the project installed
    sys.path.insert(0, str(ROOT))

from generator import (  # noqa: E402
    cards,
    feeds,
    html,
    i18n_site,
    jsonld,
    lookup,
    navigation,
    opendata,
    parallel,
    pipeline,
    preview,
    search,
    templatecache,
    watch,
)
from generator.problems import SeedError  # noqa: E402
from generator.strings import strings  # noqa: E402
from generator.urls import DATA_DIR, SiteUrls  # noqa: E402

log = logging.getLogger("mkdocs.plugins.generator")
_site = None  # the model of the last good generation, for navigation titles
_command = None  # "build", "gh-deploy" or "serve"; the hook module lives as long as the process
_preview = preview.Preview()  # `mkdocs serve --dirty`: what a dirty build would leave stale
_others = parallel.OtherLanguages()  # the other languages' build, forked beside the default one's


def on_startup(command, dirty):
    """Remember whether we are serving: then invalid seeds keep the last good site."""
    global _command
    _command = command
    _preview.start(command, dirty)


#: The site's own settings (the default language's), as mkdocs.yml gives them: the i18n plugin
#: overwrites them in the configuration with each other language's as it builds it.
_SITE_SETTINGS = ("site_name", "site_description")
_site_settings: dict[str, str] = {}


def on_config(config):
    """Regenerate the pages; invalid seeds stop the build (`mkdocs serve` keeps the last good site)."""
    global _site
    i18n = config.plugins.get("i18n")
    if not (i18n and i18n.building):  # the outer build: the configuration is still the site's own
        _site_settings.update({key: config.get(key) for key in _SITE_SETTINGS})
    try:
        _site, report = pipeline.build(Path(config.config_file_path).resolve().parent)
    except SeedError as error:
        if _command == "serve" and _site is not None:
            # docs/ still holds the last good pages: build those, and say what to fix. Printed,
            # not logged: in strict mode a logged error would fail the build, and a failed
            # rebuild makes `mkdocs serve` hold every request until the next good one.
            print(f"{error.report()}\nStill serving the last good version; save a fix to update it.", file=sys.stderr)
            return config
        raise PluginError(error.report()) from None
    if report.written or report.deleted:
        log.info("generator: %d written, %d deleted", len(report.written), len(report.deleted))
    if _site is not _warned[0]:  # once per model: not again for the second language
        _warned[0] = _site
        for warning in _site.warnings:  # MkDocs warnings: `mkdocs build --strict` fails on them
            log.warning("%s", warning)
    return config


_warned: list = [None]


def on_page_markdown(markdown, page, config, files):
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


def on_page_content(html_text, page, config, files):
    """The headings' permalink tooltip in the page's language (toc has one title for the site)."""
    title = config.mdx_configs.get("toc", {}).get("permalink_title")
    lang = _language(config)
    if not title or lang not in ("vi", "en"):
        return html_text
    return html_text.replace(f'title="{title}"', f'title="{strings(lang)["permalink"]}"')


@event_priority(-110)  # after mkdocs-static-i18n has reduced the navigation to one language
def on_nav(nav, config, files):
    """Name article sections by their title (not their folder) and order the top level."""
    lang = config.theme.get("language", "vi")
    words = strings(lang) if lang in ("vi", "en") else strings("vi")
    titles = {a.slug: escape(a.meta.title[lang]) for a in _site.articles} if _site and lang in ("vi", "en") else {}
    nav = navigation.arrange(nav, words["articles"], titles)
    i18n = config.plugins.get("i18n")
    if _preview.dirty and not (i18n and i18n.building):  # once per save, before any language is built
        _preview.check_structure(_structure(nav, config), config.site_dir)
    if parallel.OtherLanguages.possible(_command, i18n):  # the pages exist now (the sitemap lists them)
        site_dir, others = config.site_dir, [lang for lang in i18n.build_languages if lang != i18n.default_language]
        _others.start(config, i18n, then=lambda: _prefill_cards(config, site_dir, lambda rel: rel.split("/", 1)[0] in others))
    return nav


def _structure(nav, config) -> tuple:
    """What the navigation of every page shows: its pages in order, the titles the model gives
    them, and the hand-written pages (their titles are theirs: any edit of one counts)."""
    generated = watch.GeneratedFiles(Path(config.docs_dir))
    hand_written = tuple(
        (page.file.src_uri, os.stat(page.file.abs_src_path).st_mtime_ns)
        for page in nav.pages
        if page.file.abs_src_path and not generated.is_generated(page.file.abs_src_path)
    )
    titles = tuple(
        (a.slug, a.meta.title.vi, a.meta.title.en, tuple((t.id, t.title.vi, t.title.en) for t in a.facts.themes))
        for a in (_site.articles if _site is not None else ())
    )
    return tuple(page.file.src_uri for page in nav.pages), titles, hand_written


@event_priority(-150)  # after mkdocs-static-i18n has added its extension to the environment
def on_env(env, config, files):
    """The theme's templates compiled once (``generator.templatecache``); a dirty rebuild
    (`make serve`) reads the titles its pages' navigation shows."""
    _preview.read_shown_titles(files, config)
    return templatecache.use_bytecode_cache(env)


@event_priority(-110)
def on_page_context(context, page, config, nav):
    """A page's navigation lists its own article's pages, not every article's (see ``generator.navigation``)."""
    context["nav"] = navigation.for_page(nav)
    return context


def on_template_context(context, template_name, config):
    """The same for pages made from a template alone (the 404 page): no article is open there."""
    if context.get("nav"):
        context["nav"] = navigation.for_page(context["nav"])
    return context


def on_serve(server, config, builder):
    """Watch ``docs/`` without the generator's own files (``generator.watch``): a seed edit then
    rebuilds once, not a second time for the pages the generator wrote."""
    import watchdog.events

    docs = os.path.abspath(config.docs_dir)
    condition = getattr(server, "_rebuild_cond", None)
    if condition is None or not hasattr(server, "_want_rebuild") or docs not in getattr(server, "_watched_paths", {}):
        return server  # another MkDocs: keep its own watch (and the extra rebuild)
    generated = watch.GeneratedFiles(Path(docs))

    def changed(event) -> None:
        paths = [event.src_path, getattr(event, "dest_path", "")]
        if event.is_directory or all(not p or generated.is_generated(p) for p in paths):
            return
        with condition:  # what MkDocs' own watch does
            server._want_rebuild = True
            condition.notify_all()

    server.unwatch(docs)
    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = changed
    server.observer.schedule(handler, docs, recursive=True)
    return server


@event_priority(50)  # before mkdocs-static-i18n replaces the file list with one language's pages
def _check_twins(files, config):
    """A page without its twin in every language stops the build (the i18n plugin would publish
    it in the other language under the wrong ``lang``)."""
    i18n = config.plugins.get("i18n")
    if i18n:
        pages = (file.src_uri for file in files.documentation_pages())
        problems = i18n_site.missing_twins(pages, i18n.all_languages)
        if problems:
            raise PluginError("Every page needs its twin in every language:\n  " + "\n  ".join(problems))
    return files


@event_priority(-150)  # after mkdocs-static-i18n has made the file list of one language
def _lookup_table(files, config):
    """Links resolved from a table (``generator.lookup``)."""
    return lookup.memoize_lookups(files)


on_files = CombinedEvent(_check_twins, _lookup_table)


def on_pre_template(template, template_name, config):
    """The language switch of the 404 pages leads to the home of each language."""
    i18n = config.plugins.get("i18n")
    if template_name == i18n_site.ERROR_PAGE and i18n and i18n.extra_alternate:
        config.extra.alternate = i18n_site.language_homes(i18n)  # an attribute, as the i18n plugin sets it
    return template


def on_post_template(output_content, template_name, config):
    """Each language keeps its own 404 page: ``/404.html`` in the default language,
    ``/<lang>/404.html`` for the others (MkDocs would write them all to ``/404.html``)."""
    if template_name == parallel.SITEMAP and _others.running:
        return ""  # the forked build writes the sitemap of every language
    i18n = config.plugins.get("i18n")
    if template_name != i18n_site.ERROR_PAGE or not i18n:
        return output_content
    output = i18n_site.write_error_page(html.drop_indentation(output_content), config.site_dir, i18n.current_language, i18n.default_language)
    if not output:  # MkDocs then reports the template as skipped: say where the page went
        log.info("404 page of '%s' written to %s/%s", i18n.current_language, i18n.current_language, i18n_site.ERROR_PAGE)
    return output


_others_built = False  # the forked build has built the other languages: the i18n plugin must not


@event_priority(100)  # before the minify plugin (0) and mkdocs-static-i18n (-100)
def _wait_for_other_languages(config):
    """The forked build of the other languages has ended: this build finishes the site."""
    global _others_built
    if not _others.running:
        return
    # meanwhile: the open data and feeds (they need the model only), the cards of this language's pages
    _publish_open_data(config, config.site_dir)
    _publish_feeds(config, config.site_dir)
    others = [lang for lang in config.plugins.get("i18n").build_languages if lang != config.plugins.get("i18n").default_language]
    _prefill_cards(config, config.site_dir, lambda rel: rel.split("/", 1)[0] not in others)
    if not _others.wait():
        raise PluginError("Building the other languages failed (see the messages above).")
    _others_built = True
    config.plugins.get("i18n").building = True  # its own flag: "the other languages are built"


@event_priority(-200)  # after mkdocs-static-i18n (priority -100) has built the other languages
def _index_site(config):
    """Index the whole site for search once every language is written."""
    global _others_built
    i18n = config.plugins.get("i18n")
    open_data = not _others_built  # else published while the other languages were built
    if _others_built:  # as the plugin leaves itself after building the other languages
        _others_built = False
        i18n.building = False
        i18n.current_language = i18n.build_languages[-1]
    elif i18n and i18n.building:  # the inner build of one language: the outer build indexes
        return
    site_dir = config.site_dir

    def finish() -> None:
        if open_data:
            _publish_open_data(config, site_dir)
            _publish_feeds(config, site_dir)
        _publish_cards(config, site_dir)
        try:
            pages = search.index_site(site_dir)
        except search.SearchIndexError as error:
            raise PluginError(str(error)) from None
        log.info("search: %d pages indexed", pages)

    if not _preview.after_build(finish):  # `make serve`: in the background, the pages are served first
        finish()


on_post_build = CombinedEvent(_wait_for_other_languages, _index_site)


def on_build_error(error):
    """A failed build ends the forked one too."""
    _others.stop()


def _language(config) -> str:
    i18n = config.plugins.get("i18n")
    return i18n.current_language if i18n else config.theme.get("language", "vi")


def on_post_page(output, page, config):
    """Structured data (JSON-LD) in the head of the pages whose front matter names it
    (``jsonld: article:<slug>`` or ``jsonld: glossary``), with a link to the page's open data;
    then the templates' indentation goes (``generator.html``)."""
    return html.drop_indentation(_with_jsonld(output, page, config))


def _with_jsonld(output, page, config):
    key = page.meta.get("jsonld")
    if not key or _site is None:
        return output
    data = jsonld.for_page(_site, key, _language(config), SiteUrls(config.site_url), config.site_name)
    if data is None:
        raise PluginError(f"{page.file.src_uri}: unknown `jsonld: {key}` in the front matter")
    kind, _, slug = str(key).partition(":")
    published = f"articles/{slug}.json" if kind == "article" else f"{kind}.json"
    href = get_relative_url(f"{DATA_DIR}/{published}", page.url)
    head = f'{jsonld.script(data)}\n<link rel="alternate" type="application/json" href="{href}">\n'
    return output.replace("</head>", head + "</head>", 1)


def _publish_open_data(config, site_dir):
    """The facts as JSON beside the pages (``data/``, see ``generator.opendata``), from the same
    model the pages were generated from in this build; a file is written when its text changed."""
    if _site is None:
        return
    folder = Path(site_dir) / DATA_DIR
    for rel, text in opendata.files(_site, SiteUrls(config.site_url)).items():
        path = folder / rel
        data = text.encode("utf-8")
        with contextlib.suppress(OSError):
            if path.read_bytes() == data:
                continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _language_settings(config, key: str) -> dict[str, str]:
    """A setting of each language (``site_name``, ``site_description``): the i18n plugin's, else the site's."""
    i18n = config.plugins.get("i18n")
    values = {}
    for language in (i18n.config.languages if i18n else []):
        value = getattr(language, key, None)
        if value:
            values[language.locale] = value
    default = i18n.default_language if i18n else config.theme.get("language", "vi")
    own = _site_settings.get(key, config.get(key))  # not the last language's, which the i18n plugin leaves in config
    if own:
        values.setdefault(default, own)
    return values


def _publish_feeds(config, site_dir):
    """The Atom feed of each language (``generator.feeds``), from the model of this build."""
    i18n = config.plugins.get("i18n")
    if _site is None or (i18n and i18n.config.build_only_locale):  # a preview of one language has no feed
        return
    titles, subtitles = _language_settings(config, "site_name"), _language_settings(config, "site_description")
    for rel, data in feeds.files(_site, SiteUrls(config.site_url), titles, subtitles).items():
        path = Path(site_dir) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _prefill_cards(config, site_dir, chosen) -> None:
    """Draw the cards of the built pages ``chosen`` (by path in the site) into the cache, so that
    ``_publish_cards`` finds them there: each of the two builds draws its language's."""
    root = Path(config.config_file_path).resolve().parent
    site = Path(site_dir)
    files = [path for path in site.rglob("*.html") if chosen(path.relative_to(site).as_posix())]
    try:
        cards.prefill(site, root / ".cache" / "cards", files, cards.article_dates(_site) if _site is not None else {})
    except cards.CardError as error:
        raise PluginError(str(error)) from None


def _publish_cards(config, site_dir):
    """The social card of every page (``generator.cards``), drawn only when its text changed."""
    root = Path(config.config_file_path).resolve().parent
    dates = cards.article_dates(_site) if _site is not None else {}
    try:
        report = cards.publish(site_dir, root / ".cache" / "cards", dates)
    except cards.CardError as error:
        raise PluginError(str(error)) from None
    log.info("cards: %d pages, %d drawn (%.2f s)", report.pages, report.drawn, report.seconds_drawing)
