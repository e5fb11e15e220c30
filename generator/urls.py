"""Public URLs of the built site, for structured data and open data (which need absolute links).

MkDocs serves ``docs/<lang>/x/index.md`` and ``docs/<lang>/x.md`` at ``x/``; the default
language at the site root, the others under ``/<lang>/``.

>>> urls = SiteUrls("https://example.org/news/")
>>> urls.page("en", "articles/a/index.md#who")
'https://example.org/news/en/articles/a/#who'
>>> urls.page("vi", "glossary.md")
'https://example.org/news/glossary/'
>>> urls.data("articles/a.json")
'https://example.org/news/data/articles/a.json'
>>> SiteUrls(None).page("vi", "index.md")
'/'
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.strings import DEFAULT_LANGUAGE, LANGUAGES

#: Where the open data is published, under the site root.
DATA_DIR = "data"


@dataclass(frozen=True)
class SiteUrls:
    """URLs under ``root`` (MkDocs ``site_url``); without one, site-relative URLs (``/…``)."""

    root: str | None

    @property
    def base(self) -> str:
        root = self.root or "/"
        return root if root.endswith("/") else root + "/"

    def home(self, lang: str) -> str:
        return self.base + ("" if lang == DEFAULT_LANGUAGE else f"{lang}/")

    def page(self, lang: str, path: str) -> str:
        """The URL of a page given by its path under ``docs/<lang>/`` (``#anchor`` kept)."""
        path, _, anchor = path.partition("#")
        if path.endswith("index.md"):
            path = path[: -len("index.md")]
        elif path.endswith(".md"):
            path = path[: -len(".md")] + "/"
        return self.home(lang) + path + (f"#{anchor}" if anchor else "")

    def pages(self, path: str) -> dict[str, str]:
        """The page in every language."""
        return {lang: self.page(lang, path) for lang in LANGUAGES}

    def data(self, path: str) -> str:
        return f"{self.base}{DATA_DIR}/{path}"
