"""What a build takes from the builds before it in the same process (generator/engines/reuse.py),
and the preview's immediate rebuild request: the same results as without them."""

from __future__ import annotations

import importlib
import inspect
import random
import sys
import threading
import time
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.theme import Theme
from mkdocs_static_i18n import folder

from generator.engines import navigation, reuse
from generator.engines.mkdocs_plugin import _rebuild_request

ROOT = Path(__file__).resolve().parents[1]


def _theme_files(theme: Theme, config: MkDocsConfig) -> list[str]:
    files = Files([])
    files.add_files_from_theme(theme.get_env(), config)
    return sorted(f"{f.src_dir}:{f.src_uri}" for f in files)


def test_the_theme_listing_is_kept_for_the_theme_and_made_again_for_the_project(tmp_path):
    overrides = tmp_path / "overrides"
    (overrides / "partials").mkdir(parents=True)
    (overrides / "partials" / "extra.css").write_text("a{}", encoding="utf-8")
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site"), "theme": {"name": "material", "custom_dir": str(overrides)}})
    (tmp_path / "docs").mkdir()
    errors, _ = config.validate()
    assert not errors, errors
    plain, kept = config.theme, Theme(name="material", custom_dir=str(overrides))
    reuse.keep_theme_listing(kept, tmp_path)
    reuse.keep_theme_listing(kept, tmp_path)  # once
    expected = _theme_files(plain, config)
    assert len(expected) > 30  # Material's stylesheets, scripts and images
    assert any(name.endswith(":partials/extra.css") for name in expected)
    for _ in range(2):
        assert _theme_files(kept, config) == expected
    # a file added under the project's overrides is listed at the next build
    (overrides / "partials" / "more.js").write_text("1", encoding="utf-8")
    assert _theme_files(kept, config) == _theme_files(plain, config)
    assert any(name.endswith(":partials/more.js") for name in _theme_files(kept, config))
    env = kept.get_env()
    assert env.list_templates(extensions=["css"]) == plain.get_env().list_templates(extensions=["css"])
    with pytest.raises(TypeError):
        env.list_templates(extensions=["css"], filter_func=bool)


FILES = ["vi/index.md", "vi/articles/a/index.md", "en/index.md", "en/articles/a/source.md", "assets/site.css", "vi/data.json", "README.md"]


def _config(tmp_path: Path, directory_urls: bool) -> MkDocsConfig:
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site"), "use_directory_urls": directory_urls})
    (tmp_path / "docs").mkdir(exist_ok=True)
    errors, _ = config.validate()
    assert not errors
    return config


def _fields(file: File) -> dict[str, object]:
    fields = {name: getattr(file, name) for name in ("src_uri", "src_dir", "dest_uri", "dest_path", "abs_src_path", "abs_dest_path", "url", "name", "inclusion")}
    fields.update({name: file.__dict__[name] for name in ("locale", "locale_alternate_of", "localization", "norm_src_uri")})
    fields["alternates"] = {lang: alternate is file for lang, alternate in file.alternates.items()}
    return fields


@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_i18n_plugin_s_files_are_those_it_makes_each_a_new_object(tmp_path, directory_urls):
    config = _config(tmp_path, directory_urls)
    original = folder.create_i18n_file.__wrapped__ if hasattr(folder.create_i18n_file, "__wrapped__") else folder.create_i18n_file
    reusing = reuse._reusing(original)
    for current in ("vi", "en", "vi"):
        for uri in FILES:
            source = File(uri, config.docs_dir, config.site_dir, directory_urls)
            expected = original(source, current, "vi", ["vi", "en"], config)
            first = reusing(source, current, "vi", ["vi", "en"], config)
            again = reusing(source, current, "vi", ["vi", "en"], config)
            assert _fields(first) == _fields(expected) == _fields(again), (current, uri)
            assert first is not again and first.alternates is not again.alternates
            again.page = object()  # a build attaches its pages and alternates to its own files
            again.alternates["en"] = first
            assert "page" not in reusing(source, current, "vi", ["vi", "en"], config).__dict__
            assert _fields(reusing(source, current, "vi", ["vi", "en"], config)) == _fields(expected)


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_the_preview_asks_the_engine_s_server_for_a_rebuild_at_once(tmp_path, engine):
    server = importlib.import_module(f"{engine}.livereload").LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        request = _rebuild_request(server)
        assert request is not None, "the engine's LiveReloadServer changed: the preview would wait for its poll"
        assert server.build_delay <= 0.01
        woken = threading.Event()

        def wait() -> None:
            with server._rebuild_cond:
                if server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=10):
                    woken.set()

        waiter = threading.Thread(target=wait)
        waiter.start()
        request()
        waiter.join(10)
        assert woken.is_set()
    finally:
        server.server_close()
    assert _rebuild_request(object()) is None  # another server: the watched file is touched instead


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_a_save_of_pages_only_uses_the_engine_s_build_of_one_page_and_its_server_s_builder(tmp_path, engine):
    """``generator.engines.refresh`` builds a page with the engine's functions for one page, from
    the server's rebuild, which the plugin replaces (``mkdocs_plugin._builder``)."""
    build = importlib.import_module(f"{engine}.commands.build")
    assert list(inspect.signature(build._populate_page).parameters) == ["page", "config", "files", "dirty"]
    assert list(inspect.signature(build._build_page).parameters) == ["page", "config", "doc_files", "nav", "env", "dirty", "excluded"]
    called: list[str] = []
    server = importlib.import_module(f"{engine}.livereload").LiveReloadServer(builder=lambda: called.append("engine"), host="127.0.0.1", port=0, root=str(tmp_path))
    loop = threading.Thread(target=server._build_loop, daemon=True)
    try:
        server.builder = lambda: called.append("preview")
        loop.start()
        request = _rebuild_request(server)
        assert request is not None
        request()
        deadline = time.monotonic() + 10
        while not called and time.monotonic() < deadline:
            time.sleep(0.01)
        assert called == ["preview"], "the engine's server no longer calls its builder attribute: saves would not be built"
    finally:
        with server._rebuild_cond:
            server._shutdown = True
            server._rebuild_cond.notify_all()
        loop.join(10)
        server.server_close()


def test_the_navigation_is_nested_as_the_engine_nests_it():
    from mkdocs.utils import nest_paths as engines

    rng = random.Random(7)
    folders = ["", "a", "b", "a/b", "b/a", "vi/articles/x-1", "vi/articles/y_2", "en", "en/articles/x-1", "c/d/e", "A", "img"]
    for _ in range(200):
        paths = [f"{rng.choice(folders)}/{rng.choice(['index.md', 'p.md', 'q.md'])}".lstrip("/") for _ in range(rng.randint(0, 40))]
        assert navigation.nest_paths(paths) == engines(paths), paths
    navigation.install_nest_paths()
    assert sys.modules["mkdocs.structure.nav"].nest_paths is navigation.nest_paths


def test_the_docs_files_are_those_the_engine_lists_while_the_folder_is_unchanged(tmp_path, caplog):
    from mkdocs.structure.files import get_files

    docs = tmp_path / "docs"
    for name in ("vi/index.md", "vi/a/b.md", "en/index.md", "assets/x.css", ".hidden.json", "vi/draft.md", "templates/t.html"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("x", encoding="utf-8")
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(docs), "site_dir": str(tmp_path / "site"), "exclude_docs": "draft.md\n"})
    errors, _ = config.validate()
    assert not errors
    reused = reuse.reusing_files(get_files)

    def fields(files) -> list[tuple[object, ...]]:
        return [(f.src_uri, f.dest_uri, f.url, f.abs_src_path, f.abs_dest_path, f.inclusion) for f in files]

    first, again = reused(config), reused(config)
    assert fields(first) == fields(again) == fields(get_files(config))
    assert all(a is not b for a, b in zip(first, again, strict=True))  # each build has files of its own
    next(iter(again)).page = object()
    assert all("page" not in f.__dict__ for f in reused(config))
    (docs / "vi/new.md").write_text("x", encoding="utf-8")  # a new page: listed again
    assert fields(reused(config)) == fields(get_files(config)) and "vi/new.md" in {f.src_uri for f in reused(config)}
    # a README beside an index: MkDocs leaves one out with a warning, at every build
    (docs / "vi/README.md").write_text("x", encoding="utf-8")
    for _ in range(2):
        caplog.clear()
        assert fields(reused(config)) == fields(get_files(config))
        assert sum("conflicts with" in r.getMessage() for r in caplog.records) == 2  # ours, then the engine's own call
