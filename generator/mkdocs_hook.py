"""MkDocs hook: run the generator before every build, so `mkdocs build` and `mkdocs serve`
always show the current seeds; point the edit link of generated pages at their seed file.

Thin glue: the work is done by ``generator.pipeline``, which tests call directly.
"""

from __future__ import annotations

import logging
import sys
from urllib.parse import urljoin
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Section

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # when MkDocs runs without the project installed
    sys.path.insert(0, str(ROOT))

from generator import pipeline  # noqa: E402
from generator.problems import SeedError  # noqa: E402
from generator.strings import strings  # noqa: E402

log = logging.getLogger("mkdocs.plugins.generator")
_site = None  # the model of the last good generation, for navigation titles

#: Order of the top-level navigation, by source file or folder name; others follow.
NAV_ORDER = ("index.md", "articles", "timeline.md", "glossary.md", "who.md", "sources.md", "about.md")


def on_config(config):
    """Regenerate the pages; invalid seeds stop the build (`mkdocs serve` keeps the last good site)."""
    global _site
    try:
        _site, report = pipeline.build(Path(config.config_file_path).resolve().parent)
    except SeedError as error:
        raise PluginError(error.report()) from None
    if report.written or report.deleted:
        log.info("generator: %d written, %d deleted", len(report.written), len(report.deleted))
    return config


def on_page_markdown(markdown, page, config, files):
    """The edit link of a generated page opens its seed file, not the generated Markdown."""
    seed = page.meta.get("generated_from")
    if seed and config.edit_uri:
        edit_docs = urljoin((config.repo_url or "").rstrip("/") + "/", config.edit_uri)
        docs_name = Path(config.docs_dir).name + "/"
        edit_root = edit_docs[: -len(docs_name)] if edit_docs.endswith(docs_name) else edit_docs
        page.edit_url = edit_root + seed
    return markdown


def _src(item) -> str:
    """The source path of a page, or of the first page in a section."""
    if isinstance(item, Section):
        return next((_src(child) for child in item.children if _src(child)), "")
    return item.file.src_uri if getattr(item, "file", None) else ""


@event_priority(-110)  # after mkdocs-static-i18n has reduced the navigation to one language
def on_nav(nav, config, files):
    """Name article sections by their title (not their folder) and order the top level."""
    lang = config.theme.get("language", "vi")
    words = strings(lang) if lang in ("vi", "en") else strings("vi")
    titles = {a.slug: a.meta.title[lang] for a in _site.articles} if _site and lang in ("vi", "en") else {}

    def name_of(item) -> str:
        parts = _src(item).split("/")
        while parts and parts[0] in ("vi", "en"):
            parts = parts[1:]
        return parts[0] if parts else ""

    for item in nav.items:
        if isinstance(item, Section) and name_of(item) == "articles":
            item.title = words["articles"]
            for child in item.children:
                parts = _src(child).split("/")
                if isinstance(child, Section) and "articles" in parts:
                    slug = parts[parts.index("articles") + 1]
                    child.title = titles.get(slug, child.title)
                    # explainer first, source last, themes between in their order
                    child.children.sort(key=lambda page: (not _src(page).endswith("/index.md"), _src(page).endswith("/source.md")))
    rank = {name: i for i, name in enumerate(NAV_ORDER)}
    nav.items.sort(key=lambda item: rank.get(name_of(item), len(rank)))
    return nav
