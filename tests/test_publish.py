"""`python -m generator publish SITE_DIR` after an engine that runs no plugin of ours: it writes
what the plugin's build publishes (open data, search index) and drops the HTML's indentation."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .test_engines import differences

pytestmark = pytest.mark.site


def publish(root: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "publish", str(site)], capture_output=True, text=True, timeout=300)


def test_publish_makes_a_bare_build_the_published_site(built_site: Path, tmp_path: Path):
    bare = tmp_path / "site"
    # what an engine alone writes: the pages, without data/ and pagefind/, with the templates' indentation
    shutil.copytree(built_site, bare, ignore=lambda folder, names: [n for n in names if Path(folder) == built_site and n in ("data", "pagefind")])
    page = bare / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("\n<", "\n    <"), encoding="utf-8")
    # and without the structured data of the pages that carry it (the engine plugin's build has it from publish too)
    for explainer in (bare / "articles").glob("*/index.html"):
        text = explainer.read_text(encoding="utf-8")
        assert "application/ld+json" in text
        explainer.write_text(re.sub(r'<script type="application/ld\+json">.*?</script>\n<link rel="alternate"[^>]*>\n', "", text, flags=re.S), encoding="utf-8")
    assert differences(built_site, bare)  # the comparison sees what is missing
    result = publish(built_site.parent, bare)
    assert result.returncode == 0, result.stderr
    assert "1 of" in result.stdout and "HTML pages unindented" in result.stdout
    assert differences(built_site, bare) == []


def test_publish_of_a_missing_folder_says_so_without_a_traceback(tmp_path: Path):
    result = publish(tmp_path, tmp_path / "site")
    assert result.returncode == 1
    assert "no such site folder" in result.stderr and "Traceback" not in result.stderr
