"""Links are resolved from a table (generator/engines/lookup.py): the same answers as the file
collection of mkdocs-static-i18n, each path computed once, and a changed collection is asked again."""

from __future__ import annotations

from mkdocs.structure.files import File, Files
from mkdocs_static_i18n import folder
from mkdocs_static_i18n.plugin import I18n

from generator.engines.lookup import memoize_lookups

PAGES = ["vi/index.md", "vi/glossary.md", "vi/articles/a/index.md", "vi/articles/a/source.md", "en/index.md", "en/glossary.md", "en/articles/a/index.md", "vi/only-vi.md"]
ASKED = [
    "vi/glossary.md", "glossary.md", "en/glossary.md", "vi/articles/a/source.md", "articles/a/source.md", ".", "index.md",
    "only-vi.md", "en/only-vi.md", "missing.md", "vi/missing.md", "en/articles/a/source.md", "articles/a/index.md",
    # written otherwise than a src_uri: the collection's own answer
    "vi/./glossary.md", "vi//glossary.md", "./vi/index.md", "vi/articles/a/", "en/only-vi.md/.", "vi", "en", "vi/articles/../index.md",
]


def _i18n_files(current: str) -> folder.I18nFiles:
    plugin = I18n()
    plugin.load_config({"docs_structure": "folder", "languages": [
        {"locale": "vi", "default": True, "name": "Tiếng Việt", "build": True},
        {"locale": "en", "name": "English", "build": True},
    ]})
    plugin.current_language = current
    files = folder.I18nFiles(plugin, [])
    for uri in PAGES:
        files.append(File(uri, "/docs", "/site", use_directory_urls=True))
    return files


def test_the_table_gives_the_plugin_s_answers_computing_each_path_once():
    for current in ("vi", "en"):
        files, reference = _i18n_files(current), _i18n_files(current)
        calls = []
        lookup = files.get_file_from_path
        files.get_file_from_path = lambda path, calls=calls, lookup=lookup: calls.append(path) or lookup(path)
        memoize_lookups(files)
        for _ in range(3):
            for path in ASKED:
                found, expected = files.get_file_from_path(path), reference.get_file_from_path(path)
                assert (found and found.src_uri) == (expected and expected.src_uri), (current, path)
        assert len(calls) == len(set(calls)) and set(calls) <= set(ASKED)  # each path once at most, not once per link
        assert "vi/glossary.md" not in calls  # a file's own path: found directly


def test_a_changed_collection_is_asked_again():
    files = memoize_lookups(Files([File("vi/a.md", "/docs", "/site", use_directory_urls=True)]))
    assert files.get_file_from_path("vi/b.md") is None
    added = File("vi/b.md", "/docs", "/site", use_directory_urls=True)
    files.append(added)
    assert files.get_file_from_path("vi/b.md") is added
    files.remove(added)
    assert files.get_file_from_path("vi/b.md") is None
    assert memoize_lookups(files) is files  # once


