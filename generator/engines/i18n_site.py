"""Site-level language rules the engine plugin enforces: every page has its twin in every
language, and every language gets its own 404 page.

mkdocs-static-i18n publishes a page missing in one language in the other language, under the
wrong ``lang``, without a warning; it also writes every language's 404 page to ``/404.html``, so
the last language built wins. These helpers turn the first into a build error and put each
non-default 404 page in its language folder (``/en/404.html``).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

ERROR_PAGE = "404.html"


def missing_twins(src_uris: Iterable[str], languages: Iterable[str]) -> list[str]:
    """One message per page that is outside a language folder or lacks a twin in another language.

    ``src_uris`` are documentation pages relative to ``docs_dir`` (``vi/about.md``); a page's twin
    is the page with the same path in another language folder.

    >>> missing_twins(["vi/a.md", "en/a.md", "vi/b.md", "c.md"], ["vi", "en"])
    ['c.md is outside the language folders vi/, en/: move it into each of them', 'vi/b.md has no twin: add en/b.md']
    """
    languages = list(languages)
    by_language: dict[str, set[str]] = {lang: set() for lang in languages}
    problems = []
    for uri in sorted(src_uris):
        lang, _, rest = uri.partition("/")
        if lang in by_language and rest:
            by_language[lang].add(rest)
        else:
            folders = ", ".join(f"{name}/" for name in languages)
            problems.append(f"{uri} is outside the language folders {folders}: move it into each of them")
    every_page = sorted(set().union(*by_language.values()))
    for rest in every_page:
        present = [lang for lang in languages if rest in by_language[lang]]
        for lang in languages:
            if lang not in present:
                problems.append(f"{present[0]}/{rest} has no twin: add {lang}/{rest}")
    return sorted(problems)


def error_page_path(site_dir: str | Path, language: str, default_language: str) -> Path | None:
    """Where the 404 page of ``language`` belongs, or None for the default language (``/404.html``).

    >>> error_page_path("site", "en", "vi").as_posix()
    'site/en/404.html'
    >>> error_page_path("site", "vi", "vi") is None
    True
    """
    if language == default_language:
        return None
    return Path(site_dir) / PurePosixPath(language) / ERROR_PAGE


def write_error_page(output: str, site_dir: str | Path, language: str, default_language: str) -> str:
    """Write a non-default language's 404 page into its folder; return what MkDocs should write
    to ``/404.html`` itself: the page for the default language, nothing (``""``) for the others.
    """
    path = error_page_path(site_dir, language, default_language)
    if path is None:
        return output
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(output, encoding="utf-8")
    return ""


def language_homes(i18n_plugin: Any) -> list[dict[str, Any]]:  # mkdocs-static-i18n has no type information
    """The language switch of a page that has no twin (the 404 pages): each language's home.

    mkdocs-static-i18n rewrites ``extra.alternate`` for every page it renders and leaves the last
    page's twins there; its own first computation (``extra_alternate``) links the homes.
    """
    return copy.deepcopy(i18n_plugin.extra_alternate)
