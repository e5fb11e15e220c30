"""A save that changes the text of pages only is built page by page with what the last build made
(``generator.engines.refresh``), in one process, as `make serve` does: the page shows the new text,
and a page that the strict site would refuse (a warning) is left to MkDocs' dirty build, its built
file removed so that the dirty build builds it again and reports the warning."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest

from .conftest import SLUG, copy_project, site_config

pytestmark = pytest.mark.site

PAGE = f"vi/articles/{SLUG}/index.md"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = copy_project(tmp_path_factory.mktemp("refresh") / "project", with_site_config=True)
    site_dir = project.root / "site"
    url = site_config(project.path("mkdocs.yml"))["site_url"]
    before = Path.cwd(), sys.argv
    os.chdir(project.root)
    sys.argv = ["mkdocs", "serve", "--dirty"]  # mkdocs-static-i18n reads it for its other languages
    try:
        config = load_config(config_file=str(project.path("mkdocs.yml")), site_dir=str(site_dir))
        config.site_url = url
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, serve_url=url, dirty=True)
        plugin = config.plugins["news-explained"]
        plugin.preview.finish(120)  # the background publishing of the first build
        yield project, plugin, site_dir
    finally:
        os.chdir(before[0])
        sys.argv = before[1]


def _build(plugin, project, path: str) -> bool:
    pages_only = plugin.pages_only
    config = pages_only.config()
    plan = pages_only.plan({path}, lambda rel: False, project.root / "docs")
    assert plan is not None and len(plan) == 1
    return pages_only.build(plan, config.plugins.get("i18n"), plugin.preview.read_shown_titles)


def test_a_changed_page_is_built_with_the_last_build_s_objects(built):
    project, plugin, site_dir = built
    page = project.path(f"docs/{PAGE}")
    page.write_text(page.read_text(encoding="utf-8") + "\nMột câu mới ở cuối trang.\n", encoding="utf-8")
    assert _build(plugin, project, PAGE)
    assert "Một câu mới ở cuối trang." in (site_dir / "articles" / SLUG / "index.html").read_text(encoding="utf-8")
    # what the dirty build must do instead: a page the last build did not make, a hand-written page
    docs = project.root / "docs"
    assert plugin.pages_only.plan({"vi/new.md"}, lambda rel: False, docs) is None
    assert plugin.pages_only.plan({PAGE}, lambda rel: True, docs) is None


def test_a_warning_leaves_the_page_to_the_dirty_build(built, caplog: pytest.LogCaptureFixture):
    project, plugin, site_dir = built
    page = project.path(f"docs/{PAGE}")
    page.write_text(page.read_text(encoding="utf-8") + "\n[Một liên kết hỏng](khong-co-trang-nay.md)\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert not _build(plugin, project, PAGE)
    assert "khong-co-trang-nay.md" in caplog.text  # MkDocs' own warning, as the terminal shows it
    assert not (site_dir / "articles" / SLUG / "index.html").exists()  # the dirty build builds it again
