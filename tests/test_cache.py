"""No-op regeneration: a build with nothing changed reads and writes nothing, and any change is seen."""

from __future__ import annotations

import os

import pytest

from generator import pipeline
from generator.problems import SeedError
from generator.write import cache

from .conftest import SLUG, Project

FACTS = f"seeds/{SLUG}/facts.yml"


def fresh_process() -> None:
    """Forget the builds remembered in memory, as a new process would."""
    pipeline._last.clear()


def edit_keeping_status(path, old: str, new: str) -> None:
    """Change a file's text without changing its size or modification time."""
    assert len(old.encode()) == len(new.encode())
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_a_second_build_reads_and_writes_nothing(project: Project, monkeypatch):
    _, first = pipeline.build(project.root)
    assert first.written and (project.path("docs") / cache.CACHE).is_file()
    before = {k: v for k, v in project.snapshot().items() if k != cache.CACHE}
    monkeypatch.setattr(pipeline, "load_site", lambda root: pytest.fail("the seeds were read"))
    for _ in range(2):  # in this process, then in a new one (from the cache beside the manifest)
        _site, report = pipeline.build(project.root)
        assert (report.written, report.deleted, report.unchanged) == ([], [], len(first.written))
        fresh_process()
    assert {k: v for k, v in project.snapshot().items() if k != cache.CACHE} == before


def test_the_model_of_a_no_op_build_is_loaded_when_used(project: Project):
    site, _ = pipeline.build(project.root)
    fresh_process()
    lazy, _ = pipeline.build(project.root)
    assert isinstance(lazy, pipeline.LazySite)
    assert [a.slug for a in lazy.articles] == [a.slug for a in site.articles]
    assert lazy.glossary == site.glossary


@pytest.mark.parametrize("new_process", [False, True])
def test_an_edited_seed_is_seen_even_with_the_same_size_and_time(project: Project, new_process: bool):
    pipeline.build(project.root)
    if new_process:
        fresh_process()
    edit_keeping_status(project.path(FACTS), "Chuyện gì đã xảy ra", "Chuyện gì đã xảy RA")
    _, report = pipeline.build(project.root)
    assert f"vi/articles/{SLUG}/index.md" in report.written
    assert "xảy RA" in project.read(f"docs/vi/articles/{SLUG}/index.md")


def test_a_change_within_one_tick_is_seen_when_the_file_system_keeps_no_change_time(project: Project, monkeypatch):
    """A recently modified seed is also compared by content (the size and times may not tell)."""
    monkeypatch.setattr(cache, "_stat", lambda st: (st.st_ino, st.st_size, st.st_mtime_ns, 0))
    monkeypatch.setattr(cache, "RACY_NS", 60_000_000_000)  # however slow this machine is
    os.utime(project.path(FACTS))  # just saved
    pipeline.build(project.root)
    edit_keeping_status(project.path(FACTS), "Chuyện gì đã xảy ra", "Chuyện gì đã xảy RA")
    _, report = pipeline.build(project.root)
    assert f"vi/articles/{SLUG}/index.md" in report.written


def test_recently_modified_files_are_remembered_by_content(project: Project, monkeypatch):
    """Seeds and generator files modified just before a build: compared by content afterwards."""
    monkeypatch.setattr(cache, "RACY_NS", 10**18)  # every file counts as just modified
    pipeline.build(project.root)
    last = cache.load(project.root)
    assert any(key.startswith("seeds/") for key in last.digests)
    assert any(key.startswith(cache.PACKAGE) for key in last.digests)
    fresh_process()
    site, report = pipeline.build(project.root)
    assert isinstance(site, pipeline.LazySite) and not report.written


def test_new_and_removed_seed_files_are_seen(project: Project):
    pipeline.build(project.root)
    project.path("seeds/new-article").mkdir()
    with pytest.raises(SeedError, match="new-article"):
        pipeline.build(project.root)
    project.path("seeds/new-article").rmdir()
    _, report = pipeline.build(project.root)
    assert report.unchanged


def test_a_hand_edit_of_a_generated_page_is_still_refused(project: Project):
    pipeline.build(project.root)
    page = project.path(f"docs/vi/articles/{SLUG}/index.md")
    page.write_text(page.read_text(encoding="utf-8") + "\nhand edit\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(SeedError, match="edited by hand"):
            pipeline.build(project.root)
        fresh_process()


def test_a_deleted_generated_page_is_written_again(project: Project):
    pipeline.build(project.root)
    fresh_process()
    project.path("docs/en/glossary.md").unlink()
    _, report = pipeline.build(project.root)
    assert report.written == ["en/glossary.md"]


def test_another_generator_or_library_version_means_a_full_build(project: Project, monkeypatch):
    pipeline.build(project.root)
    fresh_process()
    monkeypatch.setattr(cache, "environment", lambda: "another version")
    seen = []
    monkeypatch.setattr(pipeline, "load_site", lambda root, load=pipeline.load_site: seen.append(root) or load(root))
    pipeline.build(project.root)
    assert seen


def test_an_unreadable_cache_means_a_full_build(project: Project):
    pipeline.build(project.root)
    fresh_process()
    (project.path("docs") / cache.CACHE).write_text("{not json", encoding="utf-8")
    site, report = pipeline.build(project.root)
    assert not isinstance(site, pipeline.LazySite) and report.unchanged
