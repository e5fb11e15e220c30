"""What one build can take from the previous builds of the same process: the theme's file list,
the files of ``docs/``, and mkdocs-static-i18n's per-file work.

A build of one language starts by listing the site's files, and three steps of that listing cost
far more than the pages a preview's save changes (at 100 articles, the first two took 0.44 s
and 0.54 s of a 1.4 s rebuild of one page):

- MkDocs lists every file of the theme's folders (``Files.add_files_from_theme``) and matches
  each against its patterns: Material ships about 14,000 files, nearly all icons in a hidden
  folder that the patterns then drop. The theme's folders outside the project do not change
  while MkDocs runs, so each is listed and filtered once per process; the project's own folders
  (``overrides/``) are listed at every build, as before.
- mkdocs-static-i18n makes a new ``File`` of every file for the language being built
  (``folder.create_i18n_file``): several ``PurePath`` parses and comparisons each, a third of a
  millisecond per file. The answer depends only on the file's paths and the languages, so it
  is made once and copied after: every call still returns a new ``File`` of its own, equal to
  the one the plugin would make (``tests/test_reuse.py`` compares them field by field).
- MkDocs makes a ``File`` of every file under ``docs/`` (``get_files``): paths, URLs and the
  exclusion patterns matched for each, a second per language at 1000 articles. Its answer
  depends only on the folder's listing and a few settings, so while both are unchanged the
  files of the last build are copied (one walk of the folder tells).

All are installed by the engine plugin (``install``); a build in a new process (``mkdocs build``)
gains the second language's listing, `mkdocs serve` gains all of them at every save.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.theme import Theme

#: A theme folder outside the project, the filter's code and the theme's static templates →
#: the names the filter keeps (see ``_listing``).
_LISTINGS: dict[tuple[str, Any, frozenset[str]], list[str]] = {}
#: A file's paths, the languages and the site's settings → the i18n plugin's File for them.
_I18N_FILES: dict[tuple[Any, ...], File] = {}
_MARK = "_news_explained_listing"


def _copy(file: File) -> File:
    """A shallow copy of ``file`` (``copy.copy`` without its protocol: 30 times faster)."""
    new: File = object.__new__(type(file))
    new.__dict__.update(file.__dict__)
    return new


def install(config: MkDocsConfig, project: Path) -> None:
    """Keep the theme's listing (``config.theme``), the i18n plugin's files and the docs folder's
    files between builds."""
    keep_theme_listing(config.theme, project)
    reuse_i18n_files()
    replace_in_engine("commands.build", "get_files", reusing_files)


def replace_in_engine(module: str, name: str, replacement: Callable[[Any], Any]) -> None:
    """Replace the function ``name`` of the engine's ``module`` (MkDocs' or ProperDocs', whichever
    is loaded) with ``replacement(function)``, once: what it returns is marked as replaced."""
    for engine in ("mkdocs", "properdocs"):
        loaded = sys.modules.get(f"{engine}.{module}")
        found = getattr(loaded, name, None) if loaded is not None else None
        if found is not None and not getattr(found, _MARK, False):
            new = replacement(found)
            setattr(new, _MARK, True)
            setattr(loaded, name, new)


#: The settings, the listing of ``docs/`` → the files ``get_files`` made of them (kept copies).
_DOCS_FILES: dict[str, tuple[tuple[Any, ...], list[File]]] = {}


def reusing_files(get_files: Callable[[MkDocsConfig], Files]) -> Callable[[MkDocsConfig], Files]:
    """``get_files`` (MkDocs' walk of ``docs/``), answered with copies of the last answer while
    the folder's listing and the settings it reads are unchanged."""

    @functools.wraps(get_files)
    def reused(config: MkDocsConfig) -> Files:
        from mkdocs.structure.files import Files

        docs = config["docs_dir"]
        key = (config["site_dir"], config["use_directory_urls"], *(_patterns(config.get(name)) for name in ("exclude_docs", "draft_docs", "not_in_nav")), _listing_of(docs))
        kept = _DOCS_FILES.get(docs)
        if kept is not None and kept[0] == key:
            return Files([_copy(file) for file in kept[1]])
        files = get_files(config)
        if len({file.dest_uri for file in files}) == sum(len(names) for _, names in key[-1]):  # no README beside an index: nothing left out, nothing warned
            _DOCS_FILES[docs] = (key, [_copy(file) for file in files])
        return files

    return reused


def _patterns(spec: Any) -> tuple[str, ...] | None:
    """The patterns of a pathspec setting, as text."""
    return None if spec is None else tuple(str(getattr(p, "pattern", p)) for p in spec.patterns)


def _listing_of(docs: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every folder of ``docs`` with its file names, walked as MkDocs walks it."""
    found = []
    for folder, dirs, names in os.walk(docs, followlinks=True):
        dirs.sort()
        found.append((folder, tuple(sorted(names))))
    return tuple(found)


def keep_theme_listing(theme: Theme, project: Path) -> None:
    """The Jinja environments of ``theme`` list a folder outside ``project`` once per process."""
    if getattr(theme, _MARK, False):
        return
    get_env = theme.get_env
    project_dir = os.path.realpath(project)

    def get_env_listing_once() -> jinja2.Environment:
        env = get_env()
        env.list_templates = functools.partial(_list_templates, env, theme, project_dir)  # type: ignore[method-assign]
        return env

    theme.get_env = get_env_listing_once  # type: ignore[method-assign]
    setattr(theme, _MARK, True)


def _list_templates(
    env: jinja2.Environment, theme: Theme, project_dir: str, extensions: Any = None, filter_func: Callable[[str], bool] | None = None,
) -> list[str]:
    """``jinja2.Environment.list_templates``, with the listings of folders outside the project kept."""
    loader = env.loader
    if not isinstance(loader, jinja2.FileSystemLoader):  # not MkDocs' loader: as Jinja does it
        return jinja2.Environment.list_templates(env, extensions, filter_func)
    if extensions is not None:
        if filter_func is not None:
            raise TypeError("either extensions or filter_func can be passed, but not both")
        extensions = tuple(extensions)

        def filter_func(name: str) -> bool:
            return "." in name and name.rsplit(".", 1)[1] in extensions

    names: set[str] = set()
    for folder in loader.searchpath:
        names.update(_listing(folder, filter_func, theme, project_dir, loader))
    return sorted(names)


def _listing(folder: str, keep: Callable[[str], bool] | None, theme: Theme, project_dir: str, loader: jinja2.FileSystemLoader) -> list[str]:
    def listed() -> list[str]:
        one = jinja2.FileSystemLoader([folder], encoding=loader.encoding, followlinks=loader.followlinks)
        return [name for name in one.list_templates() if keep is None or keep(name)]

    real = os.path.realpath(folder)
    if real == project_dir or real.startswith(project_dir + os.sep):
        return listed()  # the project's own templates may change between builds
    # MkDocs' filter is a new function at each build, always the same code; what it depends on
    # beside the name is the theme's static templates
    key = (real, getattr(keep, "__code__", keep), frozenset(theme.static_templates))
    found = _LISTINGS.get(key)
    if found is None:
        found = _LISTINGS[key] = listed()
    return found


def reuse_i18n_files() -> None:
    """mkdocs-static-i18n makes each language's ``File`` of a path once, and copies it after."""
    from mkdocs_static_i18n import folder, reconfigure  # type: ignore[import-untyped]  # no type information

    if getattr(folder.create_i18n_file, _MARK, False):
        return
    folder.create_i18n_file = _reusing(folder.create_i18n_file)
    # and its test of whether a file lies in the docs folder, made for every file at every build
    reconfigure.is_relative_to = functools.lru_cache(maxsize=1 << 16)(reconfigure.is_relative_to)


def _reusing(create: Callable[..., File]) -> Callable[..., File]:
    @functools.wraps(create)
    def create_i18n_file(file: File, current_language: str, default_language: str, all_languages: list[str], config: MkDocsConfig) -> File:
        key = (
            file.src_uri, file.dest_uri, file.inclusion, current_language, default_language, tuple(all_languages),
            config.docs_dir, config.site_dir, config.use_directory_urls,
        )
        made = _I18N_FILES.get(key)
        if made is None:
            fresh = create(file, current_language, default_language, all_languages, config)
            _I18N_FILES[key] = _copy(fresh)  # the kept one is never handed out: builds change their files
            return fresh
        new = _copy(made)
        new.alternates = {current_language: new}  # type: ignore[attr-defined]  # the i18n plugin's attribute
        return new

    setattr(create_i18n_file, _MARK, True)
    return create_i18n_file
