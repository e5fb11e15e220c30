"""Determinism: two clean builds give byte-identical generated Markdown and byte-identical HTML,
apart from the exceptions listed (and justified) below.

The two builds differ in everything that should not matter: the folder they run in and Python's
hash seed (which orders sets and, through them, anything a careless loop emits).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.write.cache import CACHE

from .conftest import ROOT, Project, _generated_only, build_site, copy_project

#: Files of the built site that may differ between two clean builds, and why; each is still
#: compared, in the way given.
EXCEPTIONS = {
    # Pagefind (Rust) writes the per-language entries of its index in hash-map order, which
    # changes from run to run; the entries themselves (index hashes, page counts) are identical.
    "pagefind/pagefind-entry.json": "same JSON value",
}
#: Not exceptions, because the builds set SOURCE_DATE_EPOCH (tests/conftest.py: build_site):
#: MkDocs takes the build date of sitemap.xml (<lastmod>) and the time in the gzip header of
#: sitemap.xml.gz from it. Without it they would differ from one day (lastmod) or second (gzip) to
#: the next. Nothing else in the site depends on the time, the folder or the hash seed.
SET_BY_SOURCE_DATE_EPOCH = ("sitemap.xml", "sitemap.xml.gz")


def _files(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name not in skip}


def _build(project: Project, hash_seed: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), "build"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_two_clean_builds_give_byte_identical_markdown(tmp_path: Path):
    first, second = copy_project(tmp_path / "first"), copy_project(tmp_path / "elsewhere" / "second")
    assert _build(first, "1").returncode == 0
    assert _build(second, "2").returncode == 0
    # The build cache records file statuses (inode numbers, times): it is not a page.
    pages = _files(first.path("docs"), skip=(CACHE,))
    assert len(pages) > 20
    assert _files(second.path("docs"), skip=(CACHE,)) == pages


def _copy_for_a_site_build(built: Path, target: Path) -> Project:
    """The project that ``built`` was built from, without its site/ and generated pages."""

    def ignore(folder: str, names: list[str]) -> list[str]:
        if Path(folder) == built.parent:
            return [n for n in names if n == "site"]
        return [*_generated_only(folder, names), *(n for n in names if n == CACHE)]

    shutil.copytree(built.parent, target, ignore=ignore)
    return Project(target)


@pytest.mark.site
def test_two_clean_site_builds_give_byte_identical_html(built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    project = _copy_for_a_site_build(built_site, tmp_path / "second")
    assert not project.path("docs/.generated.json").exists()
    monkeypatch.setenv("PYTHONHASHSEED", "4321")
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    first, second = _files(built_site), _files(project.path("site"))
    assert sorted(first) == sorted(second)
    assert all(name in first for name in SET_BY_SOURCE_DATE_EPOCH)
    differing = sorted(name for name in first if first[name] != second[name])
    assert set(differing) <= set(EXCEPTIONS), differing
    for name in differing:
        assert json.loads(first[name]) == json.loads(second[name]), name
    # ... and the pages both sites were generated from are the same too
    assert _files(built_site.parent / "docs", skip=(CACHE,)) == _files(project.path("docs"), skip=(CACHE,))
