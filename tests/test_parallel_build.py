"""The languages built in two processes (generator/parallel.py) give the site that building them
one after the other gives, byte for byte; a failure of the forked build fails the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import build_site, copy_project

pytestmark = pytest.mark.site

#: Pagefind's own output is not reproducible from run to run (the order of the languages in its
#: entry file), whichever way the pages were built: compared as the list of its files.
SEARCH = "pagefind"


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): (b"" if p.relative_to(site).parts[0] == SEARCH else p.read_bytes()) for p in sorted(site.rglob("*")) if p.is_file()}


def test_both_languages_at_once_build_the_same_site_as_one_after_the_other(built_site: Path, tmp_path: Path):
    project = copy_project(tmp_path / "project", with_site_config=True)
    result = build_site(project, environment={"NEWS_EXPLAINED_SERIAL": "1"})
    assert result.returncode == 0, result.stderr
    assert "Building 'en' documentation" in result.stderr
    parallel, serial = _tree(built_site), _tree(project.path("site"))
    assert parallel.keys() == serial.keys()
    assert [name for name in serial if parallel[name] != serial[name]] == []
    assert "sitemap.xml" in serial and b"/en/" in serial["sitemap.xml"]  # the sitemap of both languages


def test_a_failure_in_the_other_language_fails_the_build(tmp_path: Path):
    project = copy_project(tmp_path / "project", with_site_config=True)
    about = project.read("docs/en/about.md")
    project.write("docs/en/about.md", about + "\n[a broken link](missing-page.md)\n")
    result = build_site(project)
    assert result.returncode != 0
    assert "missing-page.md" in result.stderr
    assert "Building the other languages failed" in result.stderr or "Aborted" in result.stderr
