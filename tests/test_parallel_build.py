"""The languages built in two processes (generator/engines/parallel.py) give the site that building them
one after the other gives, byte for byte; a failure of the forked build fails the build; the search
bundle is whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import build_site, copy_project, site_config

pytestmark = pytest.mark.site

SEARCH = "pagefind"


#: Pagefind writes the languages of its entry file in an order of its own, which changes from run
#: to run whatever the pages: that file is compared as JSON.
SEARCH_ENTRY = f"{SEARCH}/pagefind-entry.json"


def _tree(site: Path) -> dict[str, object]:
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    if SEARCH_ENTRY in files:
        files[SEARCH_ENTRY] = json.loads(files[SEARCH_ENTRY])
    return files


def test_both_languages_at_once_build_the_same_site_as_one_after_the_other(built_site: Path, tmp_path: Path):
    project = copy_project(tmp_path / "project", with_site_config=True)
    result = build_site(project, environment={"NEWS_EXPLAINED_SERIAL": "1"})
    assert result.returncode == 0, result.stderr
    assert "Building 'en' documentation" in result.stderr
    parallel, serial = _tree(built_site), _tree(project.path("site"))
    assert parallel.keys() == serial.keys()
    assert [name for name in serial if parallel[name] != serial[name]] == []
    assert "sitemap.xml" in serial and b"/en/" in serial["sitemap.xml"]  # the sitemap of both languages
    # each language's feed has that language's title, however the languages were built (the i18n
    # plugin leaves the last language's site_name in the configuration)
    languages = {lang["locale"]: lang for lang in next(p["i18n"] for p in site_config(project.path("mkdocs.yml"))["plugins"] if isinstance(p, dict) and "i18n" in p)["languages"]}
    names = {"atom.xml": site_config(project.path("mkdocs.yml"))["site_name"], "en/atom.xml": languages["en"]["site_name"]}
    for feed, name in names.items():
        assert f"<title>{name}</title>".encode() in serial[feed] and f"<title>{name}</title>".encode() in parallel[feed]


def test_a_failure_in_the_other_language_fails_the_build(tmp_path: Path):
    project = copy_project(tmp_path / "project", with_site_config=True)
    about = project.read("docs/en/about.md")
    project.write("docs/en/about.md", about + "\n[a broken link](missing-page.md)\n")
    result = build_site(project)
    assert result.returncode != 0
    assert "missing-page.md" in result.stderr
    assert "Building the other languages failed" in result.stderr or "Aborted" in result.stderr


def test_the_search_bundle_is_whole(built_site: Path):
    """Every file of Pagefind's bundle is complete: its compressed files decompress, its scripts
    are not empty (its Python service used to be stopped while it still wrote them)."""
    import gzip

    bundle = built_site / SEARCH
    files = [p for p in bundle.rglob("*") if p.is_file()]
    assert files and all(p.stat().st_size > 0 for p in files), [p.name for p in files if not p.stat().st_size]
    for path in files:
        if path.suffix in (".pagefind", ".pf_meta", ".pf_index", ".pf_fragment"):
            gzip.decompress(path.read_bytes())  # raises on a cut file
    assert (bundle / "pagefind-worker.js").read_text(encoding="utf-8").rstrip().endswith(("}", ";", ")"))
