"""Link resolution by table: each path is looked up once per build, not once per link.

MkDocs resolves every Markdown link of every page with ``files.get_file_from_path(path)``.
mkdocs-static-i18n replaces the file collection with its own, whose ``get_file_from_path``
builds and compares several ``PurePath`` candidates (this language's folder, the default
language's, the bare path) at each call: 267,000 path parses for 38,000 links at 100 articles,
a tenth of the build. A page links the same few targets as the others (the glossary, the
source page, the sources), so the answers are kept in a table, by path. The table is emptied
whenever the collection changes (``append``, ``remove``), so an answer is always the one the
collection gives (tests/test_lookup.py checks it path by path against the plugin's).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.structure.files import File, Files


def memoize_lookups(files: Files) -> Files:
    """Give ``files`` (a MkDocs ``Files``) a ``get_file_from_path`` answered from a table."""
    if getattr(files, "_lookup_table", None) is not None:
        return files
    lookup, append, remove = files.get_file_from_path, files.append, files.remove
    patched: Any = files  # its methods are replaced on the instance
    table: dict[str, File | None] = {}

    plugin = getattr(files, "plugin", None)  # mkdocs-static-i18n's collection names its plugin

    def get_file_from_path(path: str) -> File | None:
        try:
            return table[path]
        except KeyError:
            found = table[path] = _direct(files, plugin, path) or lookup(path)
            return found

    def changed(method: Callable[[File], None]) -> Callable[[File], None]:
        def wrapper(file: File) -> None:
            table.clear()
            return method(file)

        return wrapper

    patched.get_file_from_path = get_file_from_path
    patched.append, patched.remove = changed(append), changed(remove)
    patched._lookup_table = table
    return files


def _direct(files: Files, plugin: Any, path: str) -> File | None:
    """The i18n collection's answer when it is the first path it tries: a path in the folder of
    the language being built, or of the default language, written as a file's ``src_uri`` (no
    ``.`` or empty part), is that file if there is one. Each page of the navigation is looked up
    once by its own ``src_uri``, which the table does not spare: 3 s of each language's build at
    1000 articles. Anything else is the collection's to answer."""
    if plugin is None or "//" in path or "/./" in path or path.startswith("./") or path.endswith(("/", "/.")):
        return None
    current, default = plugin.current_language, plugin.default_language
    if not path.startswith((f"{current}/", f"{default}/")):
        return None
    return files.src_uris.get(path)
