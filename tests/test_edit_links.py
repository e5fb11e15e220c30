"""Edits by pull request: every page's "Suggest a correction" link opens the file to edit.

A hand-written page links to its Markdown under docs/; a generated page links to the seed file it
is generated from, never to the generated Markdown (an edit there would be lost). A hand edit of
a generated page is caught by `check`, which names the seed file to edit instead.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator import pipeline
from generator.__main__ import main

from .conftest import SLUG, Project, site_config

EDIT_URI = site_config()["edit_uri"]
REPOSITORY_FILES = EDIT_URI.removesuffix("docs/")  # …/edit/main/ + a path in the repository


class EditLinks(HTMLParser):
    """The correction links of a page (overrides/main.html)."""

    def __init__(self):
        super().__init__()
        self.links: list[dict[str, str | None]] = []
        self.is_page = False
        self.in_correction = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and self.in_correction:
            self.links.append(a)
        self.in_correction = tag == "p" and a.get("class") == "suggest-correction"
        if tag == "article" and "md-content__inner" in (a.get("class") or ""):
            self.is_page = True


def edit_links(page: Path) -> EditLinks:
    parser = EditLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def source_pages(project_root: Path) -> dict[str, str]:
    """Built page (under site/) → the repository file its edit link must open."""
    expected = {}
    for lang, prefix in (("vi", ""), ("en", "en/")):
        base = project_root / "docs" / lang
        for md in sorted(base.rglob("*.md")):
            rel = md.relative_to(base).as_posix()
            if rel.startswith("_generated/"):
                continue  # fragments included by other pages, not pages
            url = rel.removesuffix("index.md") if rel.endswith("index.md") else rel.removesuffix(".md") + "/"
            text = md.read_text(encoding="utf-8")
            front = YAML(typ="safe").load(text.split("---", 2)[1]) if text.startswith("---") else {}
            expected[f"{prefix}{url}index.html"] = front.get("generated_from") or f"docs/{lang}/{rel}"
    return expected


@pytest.mark.site
def test_every_page_edit_link_opens_the_file_to_edit(built_site: Path):
    project_root = built_site.parent
    expected = source_pages(project_root)
    assert {"index.html", "en/about/index.html", f"articles/{SLUG}/index.html", f"en/articles/{SLUG}/source/index.html", "glossary/index.html"} <= set(expected)
    pages = [p for p in sorted(built_site.rglob("*.html")) if edit_links(p).is_page]
    assert {p.relative_to(built_site).as_posix() for p in pages} - {"404.html", "en/404.html"} == set(expected)
    folders = {rel for rel, target in expected.items() if target.endswith("/")}
    # made from every article's files: the timeline (facts.yml), the articles page (article.yml)
    # and the topic pages (the facts.yml of each article on the topic)
    topics = {rel for rel in expected if rel.removeprefix("en/").startswith("topics/")}
    assert topics and topics <= folders
    assert folders - topics == {"timeline/index.html", "en/timeline/index.html", "articles/index.html", "en/articles/index.html"}
    for rel, target in expected.items():
        links = edit_links(built_site / rel).links
        assert len(links) == 1, f"{rel}: {len(links)} edit links"
        link = links[0]
        if rel in folders:  # GitHub edits files only: the folder view, where each file has its edit button
            assert link["href"] == REPOSITORY_FILES.replace("/edit/", "/tree/") + target, rel
            assert (project_root / target).is_dir()
            continue
        assert link["href"] == REPOSITORY_FILES + target, rel
        assert (project_root / target).is_file(), f"{rel} links to {target}, which does not exist"
        assert "/_generated/" not in link["href"] and not (target.startswith("docs/") and "/articles/" in target)


@pytest.mark.site
@pytest.mark.parametrize(
    ("page", "title", "seed"),
    [
        ("index.html", "Đề xuất sửa lỗi", "docs/vi/index.md"),
        ("en/about/index.html", "Suggest a correction", "docs/en/about.md"),
        (f"articles/{SLUG}/index.html", "Đề xuất sửa lỗi", f"seeds/{SLUG}/facts.yml"),
        (f"en/articles/{SLUG}/source/index.html", "Suggest a correction", f"seeds/{SLUG}/article.yml"),
        ("en/glossary/index.html", "Suggest a correction", "seeds/glossary.yml"),
        ("who/index.html", "Đề xuất sửa lỗi", "seeds/entities.yml"),
    ],
)
def test_the_correction_link_in_the_markup(built_site: Path, page: str, title: str, seed: str):
    """A labelled link, not Material's icon-only pencil."""
    html = (built_site / page).read_text(encoding="utf-8")
    assert f'<p class="suggest-correction"><a href="{REPOSITORY_FILES}{seed}" rel="nofollow">{title}</a></p>' in html
    assert 'rel="edit"' not in html


def test_check_names_the_seed_to_edit_instead_of_a_hand_edited_page(project: Project, capsys):
    pipeline.build(project.root)
    explainer, who = f"docs/en/articles/{SLUG}/index.md", "docs/vi/who.md"
    project.write(explainer, project.read(explainer).replace("Chinese regulators", "Chinese officials", 1))
    project.write(who, project.read(who) + "\nMột ghi chú viết tay.\n")
    code = main(["--root", str(project.root), "check"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{explainer}: this generated page was edited by hand; the edit would be lost on the next build\n    fix: make the change in seeds/{SLUG}/facts.yml instead, then delete {explainer} (or undo the edit)" in err
    assert f"{who}: this generated page was edited by hand" in err and f"make the change in seeds/entities.yml instead, then delete {who}" in err
    # and `build` refuses to overwrite them
    assert main(["--root", str(project.root), "build"]) == 1
    assert "Chinese officials" in project.read(explainer) and project.read(who).endswith("Một ghi chú viết tay.\n")
