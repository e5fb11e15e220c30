"""The live preview's bookkeeping (``generator.engines.preview``): the background publishing
waits while a save is being built, and a save that changed one language's pages only is known."""

from __future__ import annotations

import gc
import shutil
import threading
import time

import pytest

from generator.engines.preview import Preview
from generator.publish import search


def previewing() -> Preview:
    preview = Preview()
    preview.start("serve", dirty=True)
    return preview


def test_the_background_waits_while_a_save_is_built():
    preview = previewing()
    preview.pause()  # idle: no wait
    preview.busy()
    resumed = threading.Event()
    waiter = threading.Thread(target=lambda: (preview.pause(), resumed.set()))
    waiter.start()
    time.sleep(0.2)
    assert not resumed.is_set(), "the background went on while the save was being built"
    preview.built()
    waiter.join(5)
    assert resumed.is_set()


def test_a_save_is_built_without_the_cycle_collector_and_the_generators_own_writes_do_not_end_it(tmp_path):
    """The watcher wakes again when the generator writes the save's pages under docs/: that is not
    a save, and must not end the wait of the background work (nor turn the collector back on)
    while MkDocs builds the save."""
    from generator.engines.mkdocs_plugin import _Watcher

    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    docs.mkdir()
    requested = threading.Event()

    class Plugin:
        preview = previewing()

        def generate(self, keep_render: bool = False, save: bool = False) -> bool:
            if keep_render:
                return False
            (docs / "page.md").write_text(str(time.time()), encoding="utf-8")  # the generator's write
            return True

    plugin = Plugin()
    watcher = _Watcher(plugin, [seeds], docs, tmp_path / "trigger", request=requested.set)  # type: ignore[arg-type]
    watcher.generated.is_generated = lambda path: True  # the page is the generator's
    watcher.start()
    try:
        time.sleep(0.3)
        (seeds / "facts.yml").write_text("x: 1", encoding="utf-8")
        assert requested.wait(10), "no rebuild was asked for"
        time.sleep(0.5)  # the docs/ write's events reach the watcher
        assert not plugin.preview._idle.is_set(), "the generator's own write ended the save"
        assert not gc.isenabled()
        plugin.preview.built()  # MkDocs built the save
        assert plugin.preview._idle.is_set() and gc.isenabled()
    finally:
        watcher.stop()
        gc.enable()


def test_a_build_that_is_not_a_preview_never_waits():
    preview = Preview()
    preview.start("build", dirty=False)
    preview.busy()
    started = time.monotonic()
    preview.pause()
    assert time.monotonic() - started < 1


def test_only_a_save_of_one_languages_pages_after_a_whole_build_spares_the_others():
    preview = previewing()
    preview.note_changes(["vi/articles/a/index.md"])
    preview.begin_build()
    assert not preview.changed_only("vi"), "the first build writes every page"
    preview.built()
    preview.note_changes(["vi/articles/a/index.md"])
    preview.begin_build()
    assert preview.changed_only("vi") and not preview.changed_only("en")
    preview.note_changes(["vi/articles/a/index.md", "en/articles/a/index.md"])
    preview.begin_build()
    assert not preview.changed_only("vi")
    preview.begin_build()  # nothing noted (a change of mkdocs.yml, say): build every language
    assert not preview.changed_only("vi")


def test_the_preview_indexes_the_search_at_a_lower_priority(monkeypatch, tmp_path):
    commands = []

    def run(command, **kwargs):
        commands.append(command)
        raise OSError("not run here")

    monkeypatch.setattr(search.subprocess, "run", run)
    for low in (False, True):
        with pytest.raises(search.SearchIndexError):
            search.index_site(tmp_path, low_priority=low)
    plain, niced = commands
    assert plain[0] != shutil.which("nice")
    assert niced[:3] == [shutil.which("nice"), "-n", "10"] and niced[3:] == plain
