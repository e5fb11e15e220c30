"""After any engine's build: everything that is not turning Markdown into pages.

``python -m generator publish SITE_DIR`` runs it on a site folder an engine has written (MkDocs,
ProperDocs, or another); the MkDocs / ProperDocs adapter (``generator.engines.mkdocs_plugin``) calls the
same ``publish`` once every language is built, with the model it generated the pages from.

1. the open data (``data/``, see ``generator.publish.opendata``): the facts as JSON with their schemas;
   the Atom feed of each language (``generator.publish.feeds``) and the social card of every page
   (``generator.publish.cards``, drawn only when its text changed);
2. the structured data (JSON-LD, ``generator.render.jsonld``) at the end of the head of the pages
   that carry it, each article's explainer and the glossary, with a link to their open data;
3. no indentation in the HTML pages (``generator.publish.unindent``): the adapter already drops it while
   MkDocs writes each page, so there this pass only reads; after another engine it rewrites;
4. the search index (``pagefind/``, see ``generator.publish.search``), last: it reads the final pages.

Nothing here depends on the engine: the site folder, the seeds and the site's public address.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.load.read import Site
from generator.publish import cards, feeds, opendata, schemas, search, unindent
from generator.render import jsonld
from generator.strings import DEFAULT_LANGUAGE, LANGUAGES
from generator.urls import DATA_DIR, SiteUrls

#: The engine configuration files the site's address is read from, first found wins.
ENGINE_CONFIGS = ("mkdocs.yml", "properdocs.yml")


@dataclass
class PublishReport:
    data_files: int = 0
    cards: int = 0
    structured: int = 0
    reindented: int = 0
    html_pages: int = 0
    indexed: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"publish: {self.data_files} open-data files, {self.cards} social cards, {self.structured} pages with structured data, {self.indexed} pages indexed for search, "
            f"{self.reindented} of {self.html_pages} HTML pages unindented ({self.seconds:.2f} s)"
        )


class PublishError(RuntimeError):
    """The site folder cannot be published (missing, or the search index failed)."""


def engine_config(root: Path) -> dict[str, Any]:
    """The engine configuration under ``root`` (``!ENV`` and other tags read as nothing)."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    for name in ENGINE_CONFIGS:
        path = Path(root) / name
        if path.is_file():
            return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}  # noqa: S506 (a SafeLoader)
    return {}


def language_settings(config: dict[str, Any], key: str) -> dict[str, str]:
    """A setting of each language (``site_name``, ``site_description``): the i18n plugin's, else the site's."""
    values: dict[str, str] = {}
    default = (config.get("theme") or {}).get("language", "vi")
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in plugin["i18n"].get("languages") or []:
                if language.get(key):
                    values[language["locale"]] = language[key]
                if language.get("default"):
                    default = language["locale"]
    if config.get(key):
        values.setdefault(default, config[key])
    return values


def site_url(root: Path) -> str | None:
    """The site's public address (``site_url``) from the engine configuration under ``root``."""
    return engine_config(root).get("site_url")


def publish(
    site_dir: str | Path,
    *,
    root: str | Path | None = None,
    site: Site,
    url: str | None = None,
    feeds_too: bool = True,
    only_language: str | None = None,
    model_files: bool = True,
    unindent: bool = True,
    changed_since: float | None = None,
    structured_data: bool = True,
    pause: Callable[[], None] | None = None,
) -> PublishReport:
    """Publish the built site in ``site_dir``: open data and feeds, social cards, unindented HTML,
    then the search index.

    ``site`` is the model the pages were generated from (``pipeline.model`` loads it from the
    seeds); ``url`` the site's public address (read from the engine configuration under ``root``
    when not given). The engine plugin passes ``model_files=False`` when it has already written
    the open data and feeds beside the other language's build, and ``unindent=False`` as it drops
    the indentation while the engine writes each page; while previewing, ``changed_since`` (a
    time): the cards of the pages written since then only (the others have theirs already), and
    ``structured_data=False``: the engine plugin puts it in each page as it builds it
    (``with_structured_data``), as rewriting pages in the background while the next save's build
    writes them lost that save's change; ``pause``: called between the steps and before each card
    is drawn, and the search index made at a lower priority: while previewing, publishing in the
    background waits there while a save is being built, and yields the processor to it.
    """
    started = time.perf_counter()
    folder = site_folder(site_dir)
    if url is None:
        if root is None:
            raise PublishError("publish needs the project folder (root) when the site address is not given")
        url = site_url(Path(root))
    report = PublishReport()
    config = engine_config(Path(root)) if root is not None else {}
    wait = pause or (lambda: None)
    if model_files:
        wait()
        report.data_files = write_model_files(folder, site, url, config, feeds_too=feeds_too, pause=pause)
    report.cards = publish_cards(folder, site, card_cache(folder, root), changed_since, pause).pages
    if structured_data:
        report.structured = add_structured_data(folder, site, url, language_settings(config, "site_name"), only_language)
    if unindent:
        report.html_pages, report.reindented = drop_indentation(folder)
    try:
        wait()
        report.indexed = search.index_site(folder, low_priority=pause is not None)
    except search.SearchIndexError as error:
        raise PublishError(str(error)) from None
    report.seconds = time.perf_counter() - started
    return report


def site_folder(site_dir: str | Path) -> Path:
    """The built site's folder, or PublishError when there is none."""
    folder = Path(site_dir)
    if not folder.is_dir():
        raise PublishError(f"{folder}: no such site folder; build the site first (`make build`)")
    return folder


def write_model_files(folder: Path, site: Site, url: str | None, config: dict[str, Any], *, feeds_too: bool = True, pause: Callable[[], None] | None = None) -> int:
    """The files made from the model alone: the open data, and the Atom feed of each language
    (each language's title and description from the engine configuration ``config``,
    ``engine_config``). A preview of one language has no feed (it would make the other language's
    folder). ``pause``: called before each file is made (see ``publish``)."""
    written = write_open_data(folder, site, SiteUrls(url), pause)
    if feeds_too:
        if pause is not None:
            pause()
        titles, subtitles = language_settings(config, "site_name"), language_settings(config, "site_description")
        for rel, data in feeds.files(site, SiteUrls(url), titles, subtitles).items():
            _write_if_changed(folder / rel, data)
    return written


_STRUCTURED = re.compile(r'<script type="application/ld\+json">.*?</script>\n<link rel="alternate" type="application/json" href="[^"]*">\n(?=</head>)', re.DOTALL)


def with_structured_data(html: str, site: Site, key: str, lang: str, urls: SiteUrls, site_name: str, page_url: str) -> str:
    """``html``, the built page at ``page_url`` (site-relative, ``articles/x/``), with the
    structured data of ``key`` (``jsonld.pages``) at the end of its head, and a link to the page's
    open data; structured data it had already is replaced."""
    data = jsonld.for_page(site, key, lang, urls, site_name)
    assert data is not None, key  # jsonld.pages names only pages that have structured data
    href = posixpath.relpath(f"{DATA_DIR}/{jsonld.open_data(key)}", page_url.rstrip("/") or ".")
    head = f'{jsonld.script(data)}\n<link rel="alternate" type="application/json" href="{href}">\n'
    return _STRUCTURED.sub("", html).replace("</head>", head + "</head>", 1)


def add_structured_data(folder: Path, site: Site, url: str | None, names: dict[str, str], only_language: str | None = None) -> int:
    """The structured data (JSON-LD, ``generator.render.jsonld``) of the pages that carry it, in
    every language, at the end of their head, with a link to the page's open data; a page that
    has them already gets the current ones. The number of pages written."""
    urls, local = SiteUrls(url), SiteUrls(None)
    written = 0
    for lang in [only_language] if only_language else LANGUAGES:
        for source, key in jsonld.pages(site).items():
            page = local.page(lang, source).lstrip("/")
            if only_language:  # a preview of one language builds it at the root
                page = page.removeprefix(f"{lang}/") if lang != DEFAULT_LANGUAGE else page
            path = folder / page / "index.html"
            if not path.is_file():
                continue
            text = path.read_text(encoding="utf-8")
            new = with_structured_data(text, site, key, lang, urls, names.get(lang, ""), page)
            if new != text:
                path.write_text(new, encoding="utf-8")
                written += 1
    return written


def card_cache(site_dir: Path, root: str | Path | None) -> Path:
    """Where drawn cards are kept between builds: ``.cache/cards`` in the project."""
    return (Path(root) if root is not None else Path(site_dir).parent) / ".cache" / "cards"


def publish_cards(folder: Path, site: Site, cache: Path, changed_since: float | None = None, pause: Callable[[], None] | None = None) -> cards.CardReport:
    """The social card of every page (``generator.publish.cards``), drawn only when its text
    changed; ``changed_since``: of the pages written since then only."""
    try:
        return cards.publish(folder, cache, cards.article_dates(site), changed_since, pause)
    except cards.CardError as error:
        raise PublishError(str(error)) from None


def prefill_cards(folder: Path, site: Site, cache: Path, chosen: Callable[[str], bool]) -> int:
    """Draw into the cache the cards of the built pages ``chosen`` (by path in the site), so that
    ``publish_cards`` finds them there: each of two parallel builds draws its language's."""
    files = [path for path in folder.rglob("*.html") if chosen(path.relative_to(folder).as_posix())]
    try:
        return cards.prefill(folder, cache, files, cards.article_dates(site))
    except cards.CardError as error:
        raise PublishError(str(error)) from None


def write_open_data(site_dir: Path, site: Site, urls: SiteUrls, pause: Callable[[], None] | None = None) -> int:
    """The facts as JSON beside the pages (``data/``); the number of files. A file is written
    only when its text changed (a preview then reloads nothing for it); ``pause``: called before
    each file is made (at 1000 articles they take 7 s: a save's build goes first)."""
    folder = site_dir / DATA_DIR
    count = 0
    files = opendata.each_file(site, urls, schemas.schema_files())
    while True:
        if pause is not None:
            pause()
        made = next(files, None)
        if made is None:
            return count
        rel, text = made
        _write_if_changed(folder / rel, text.encode("utf-8"))
        count += 1


def _write_if_changed(path: Path, data: bytes) -> None:
    with contextlib.suppress(OSError):
        if path.read_bytes() == data:
            return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def drop_indentation(site_dir: Path) -> tuple[int, int]:
    """Remove the templates' indentation from every HTML page that still has it (outside the
    search bundle); return (pages seen, pages rewritten)."""
    seen = rewritten = 0
    for top, dirs, names in os.walk(site_dir):
        dirs[:] = sorted(d for d in dirs if not (top == str(site_dir) and d in (search.BUNDLE_DIR, DATA_DIR)))
        for name in sorted(names):
            if not name.endswith(".html"):
                continue
            path = Path(top) / name
            seen += 1
            text = path.read_text(encoding="utf-8")
            flat = unindent.drop_indentation(text)
            if flat != text:
                path.write_text(flat, encoding="utf-8")
                rewritten += 1
    return seen, rewritten
