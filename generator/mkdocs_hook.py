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

import logging
import os
import sys
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # when MkDocs runs without the project installed
    sys.path.insert(0, str(ROOT))

from generator import cards, feeds, html, i18n_site, jsonld, navigation, opendata, pipeline, search, watch  # noqa: E402
from generator.problems import SeedError  # noqa: E402
from generator.strings import strings  # noqa: E402
from generator.urls import DATA_DIR, SiteUrls  # noqa: E402

log = logging.getLogger("mkdocs.plugins.generator")
_site = None  # the model of the last good generation, for navigation titles
_command = None  # "build", "gh-deploy" or "serve"; the hook module lives as long as the process


def on_startup(command, dirty):
    """Remember whether we are serving: then invalid seeds keep the last good site."""
    global _command
    _command = command


def on_config(config):
    """Regenerate the pages; invalid seeds stop the build (`mkdocs serve` keeps the last good site)."""
    global _site
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


#: Front matter that Material prints into the page as it is (``<title>``, ``<meta content="…">``,
#: the header, navigation, breadcrumbs and footer links): plain text everywhere on this site.
_TEXT_META = ("title", "description", "author")


def on_page_markdown(markdown, page, config, files):
    """Front matter text reaches the theme escaped; the edit link of a generated page opens its
    seed file, not the generated Markdown.

    MkDocs' template environment does not autoescape, and Material prints ``page.meta.title``,
    ``page.meta.description`` and ``page.title`` raw in elements and attributes. As ``Markup``,
    the escaped text prints literally there, and Jinja's ``| e`` does not escape it twice.
    """
    for key in _TEXT_META:
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = escape(value)
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
    return navigation.arrange(nav, words["articles"], titles)


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
def on_files(files, config):
    """A page without its twin in every language stops the build (the i18n plugin would publish
    it in the other language under the wrong ``lang``)."""
    i18n = config.plugins.get("i18n")
    if i18n:
        pages = (file.src_uri for file in files.documentation_pages())
        problems = i18n_site.missing_twins(pages, i18n.all_languages)
        if problems:
            raise PluginError("Every page needs its twin in every language:\n  " + "\n  ".join(problems))
    return files


def on_pre_template(template, template_name, config):
    """The language switch of the 404 pages leads to the home of each language."""
    i18n = config.plugins.get("i18n")
    if template_name == i18n_site.ERROR_PAGE and i18n and i18n.extra_alternate:
        config.extra.alternate = i18n_site.language_homes(i18n)  # an attribute, as the i18n plugin sets it
    return template


def on_post_template(output_content, template_name, config):
    """Each language keeps its own 404 page: ``/404.html`` in the default language,
    ``/<lang>/404.html`` for the others (MkDocs would write them all to ``/404.html``)."""
    i18n = config.plugins.get("i18n")
    if template_name != i18n_site.ERROR_PAGE or not i18n:
        return output_content
    output = i18n_site.write_error_page(html.drop_indentation(output_content), config.site_dir, i18n.current_language, i18n.default_language)
    if not output:  # MkDocs then reports the template as skipped: say where the page went
        log.info("404 page of '%s' written to %s/%s", i18n.current_language, i18n.current_language, i18n_site.ERROR_PAGE)
    return output


@event_priority(-200)  # after mkdocs-static-i18n (priority -100) has built the other languages
def on_post_build(config):
    """Index the whole site for search once every language is written."""
    i18n = config.plugins.get("i18n")
    if i18n and i18n.building:  # the inner build of one language: the outer build indexes
        return
    _publish_open_data(config)
    _publish_feeds(config)
    _publish_cards(config)
    try:
        pages = search.index_site(config.site_dir)
    except search.SearchIndexError as error:
        raise PluginError(str(error)) from None
    log.info("search: %d pages indexed", pages)


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


def _publish_open_data(config):
    """The facts as JSON beside the pages (``data/``, see ``generator.opendata``), from the same
    model the pages were generated from in this build."""
    if _site is None:
        return
    folder = Path(config.site_dir) / DATA_DIR
    for rel, text in opendata.files(_site, SiteUrls(config.site_url)).items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _language_settings(config, key: str) -> dict[str, str]:
    """A setting of each language (``site_name``, ``site_description``): the i18n plugin's, else the site's."""
    i18n = config.plugins.get("i18n")
    values = {}
    for language in (i18n.config.languages if i18n else []):
        value = getattr(language, key, None)
        if value:
            values[language.locale] = value
    default = i18n.default_language if i18n else config.theme.get("language", "vi")
    if config.get(key):
        values.setdefault(default, config[key])
    return values


def _publish_feeds(config):
    """The Atom feed of each language (``generator.feeds``), from the model of this build."""
    i18n = config.plugins.get("i18n")
    if _site is None or (i18n and i18n.config.build_only_locale):  # a preview of one language has no feed
        return
    titles, subtitles = _language_settings(config, "site_name"), _language_settings(config, "site_description")
    for rel, data in feeds.files(_site, SiteUrls(config.site_url), titles, subtitles).items():
        path = Path(config.site_dir) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _publish_cards(config):
    """The social card of every page (``generator.cards``), drawn only when its text changed."""
    root = Path(config.config_file_path).resolve().parent
    dates = cards.article_dates(_site) if _site is not None else {}
    try:
        report = cards.publish(config.site_dir, root / ".cache" / "cards", dates)
    except cards.CardError as error:
        raise PluginError(str(error)) from None
    log.info("cards: %d pages, %d drawn (%.2f s)", report.pages, report.drawn, report.seconds_drawing)
