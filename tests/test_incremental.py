"""A save regenerates only what it changes (`mkdocs serve`), and gives the pages a full render
gives: every kind of edit below is applied to a small synthetic corpus, and after each, the pages
of the incremental build are compared with those of a full render of the same seeds."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from generator import pipeline
from generator.load import fast, seeds
from generator.load.sentences import fingerprint, split_sentences
from generator.problems import SeedError
from generator.render import incremental
from generator.validate import rules

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "bench"))
from corpus import write_corpus


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _sub(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    edited = re.sub(pattern, new, text, count=1)
    assert edited != text, f"{pattern!r} not in {path}"
    path.write_text(edited, encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, list[str]]:
    write_corpus(tmp_path / "seeds", 4)
    (tmp_path / "docs").mkdir()
    slugs = sorted(p.name for p in (tmp_path / "seeds").iterdir() if p.is_dir())
    return tmp_path, slugs


def test_each_save_renders_the_pages_a_full_render_gives(corpus, monkeypatch):
    root, (a, b, *_) = corpus
    facts_a, facts_b, meta_a = (root / f"seeds/{a}/facts.yml", root / f"seeds/{b}/facts.yml", root / f"seeds/{a}/article.yml")
    terms = ", ".join(re.findall(r'term: \{vi: "([^"]+)"', (root / "seeds/glossary.yml").read_text(encoding="utf-8")))
    full_renders = []
    render = pipeline.render
    monkeypatch.setattr(pipeline, "render", lambda *args, **kw: full_renders.append(1) or render(*args, **kw))
    pipeline.build(root)
    assert full_renders == [1]
    # an article with a theme that another article has too: their topic page gathers both
    themes = {path: re.findall(r"^  - id: (\S+)\n    title:", path.read_text(encoding="utf-8"), re.M) for path in sorted(root.glob("seeds/*/facts.yml"))}
    shared = next(path for path, ids in themes.items() if any(theme in other for theme in ids for o, other in themes.items() if o != path))
    edits = [
        ("a lead", lambda: _sub(facts_a, r'lead: \{vi: "', 'lead: {vi: "Mới: ')),
        ("the lead of a theme another article has too (their topic page)", lambda: _sub(shared, r'(\n    lead: \{vi: ")', r"\g<1>Chủ đề mới: ")),
        ("a lead now mentions every glossary term (the glossary lists where)", lambda: _sub(facts_a, r'lead: \{vi: "', f'lead: {{vi: "{terms} ')),
        ("a claim of b now cites a sentence of a", lambda: _sub(facts_b, r"cite: \[", f"cite: [{a}/p1s1, ")),
        ("the translation of a's cited sentence", lambda: _sub(meta_a, r'(p1s1:\n    en: ")', r"\g<1>Newly translated: ")),
        ("a's title", lambda: _sub(meta_a, r'title: \{vi: "', 'title: {vi: "Tiêu đề mới ')),
        ("a heading of b, shown where a's sentence is cited", lambda: _sub(facts_b, r'heading: \{vi: "', 'heading: {vi: "Mục mới ')),
        ("b no longer cites a", lambda: _edit(facts_b, f"{a}/p1s1, ", "")),
    ]
    key = root.resolve()
    for what, edit in edits:
        edit()
        full_renders.clear()
        _, report = pipeline.build(root)
        assert not full_renders, f"{what}: rendered every page"
        assert report.written, f"{what}: nothing written"
        _, full = pipeline.generate(root)
        incremental_pages = pipeline._rendered[key].pages
        assert incremental_pages.keys() == full.keys(), what
        different = [path for path in full if full[path] != incremental_pages[path]]
        assert not different, f"{what}: {different}"
        # and what was written is what the full render gives
        assert all((root / "docs" / path).read_text(encoding="utf-8") == text for path, text in full.items()), what


def test_a_site_wide_seed_or_a_new_article_renders_every_page(corpus, monkeypatch):
    root, slugs = corpus
    full_renders = []
    render = pipeline.render
    monkeypatch.setattr(pipeline, "render", lambda *args, **kw: full_renders.append(1) or render(*args, **kw))
    pipeline.build(root)
    _sub(root / "seeds/glossary.yml", r'short: \{vi: "', 'short: {vi: "Mới ')
    pipeline.build(root)
    assert len(full_renders) == 2
    new = root / "seeds" / "zz-new-article"
    new.mkdir()
    for name in ("article.yml", "facts.yml", "article.vi.txt"):
        (new / name).write_bytes((root / "seeds" / slugs[0] / name).read_bytes())
    pipeline.build(root)
    assert len(full_renders) == 3


def test_changed_articles():
    seeds = {"seeds/a": (0, -1, 0, 0), "seeds/a/facts.yml": (1, 10, 5, 5), "seeds/glossary.yml": (2, 10, 5, 5)}
    assert incremental.changed_articles(seeds, seeds) is None
    assert incremental.changed_articles(seeds, {**seeds, "seeds/a/facts.yml": (1, 11, 6, 6)}) == {"a"}
    assert incremental.changed_articles(seeds, {**seeds, "seeds/glossary.yml": (2, 11, 6, 6)}) is None
    assert incremental.changed_articles(seeds, {**seeds, "seeds/b": (0, -1, 0, 0)}) is None
    assert incremental.changed_articles(seeds, {**seeds, "(generator)/render.py": (3, 1, 1, 1)}) is None


def test_a_preview_starting_on_built_pages_renders_once_so_the_first_save_renders_what_it_changes(corpus, monkeypatch):
    """`make serve` starts on pages an earlier build wrote: its first build has nothing to
    generate and keeps no render. Asked to keep one (the serve watcher does, before any save),
    the pipeline renders once, writes nothing, and the first save is incremental."""
    root, (a, *_) = corpus
    pipeline.build(root)
    monkeypatch.setattr(pipeline, "_rendered", {})  # a new process: the pages are built, no render in memory
    monkeypatch.setattr(pipeline, "_last", {})
    full_renders = []
    render = pipeline.render
    monkeypatch.setattr(pipeline, "render", lambda *args, **kw: full_renders.append(1) or render(*args, **kw))
    _, report = pipeline.build(root)
    assert full_renders == [] and not report.written  # nothing changed: nothing rendered
    _, report = pipeline.build(root, keep_render=True)
    assert full_renders == [1] and not report.written and not report.deleted
    _, report = pipeline.build(root, keep_render=True)  # kept: not rendered again
    assert full_renders == [1]
    _sub(root / f"seeds/{a}/facts.yml", r'lead: \{vi: "', 'lead: {vi: "Mới: ')
    _, report = pipeline.build(root)
    assert full_renders == [1], "the first save rendered every page"
    assert report.written


def _problems(root: Path) -> list[str]:
    with pytest.raises(SeedError) as refused:
        pipeline.build(root)
    return [str(problem) for problem in refused.value.problems]


def _first_time_problems(root: Path) -> list[str]:
    """The problems a new process finds: nothing kept from the builds before."""
    for table in (rules._CLAIMS, rules._CLEAN_ARTICLES, rules._CLAIMS_CHECKED, rules._COVERED, seeds._last_articles, fast._last):
        table.clear()
    with pytest.raises(SeedError) as refused:
        pipeline.model(root)
    return [str(problem) for problem in refused.value.problems]


def test_a_save_that_breaks_what_an_unchanged_article_relies_on_is_refused_as_in_a_new_process(corpus):
    """A save checks again what it can change, beyond its own article: a statement of b quoting a
    sentence of a is checked when a's text changes (b's facts unchanged), and every article when
    the entities change. The problems are those a new process finds."""
    root, (a, b, *_) = corpus
    facts_b, meta_a, text_a = root / f"seeds/{b}/facts.yml", root / f"seeds/{a}/article.yml", root / f"seeds/{a}/article.vi.txt"
    first = split_sentences(text_a.read_text(encoding="utf-8"))[0]
    quoted = " ".join(first.text.split()[:3])
    _sub(facts_b, r'- text: \{vi: "([^"]*)"(.*)\n(\s+)cite: \[', rf'- text: {{vi: "\g<1> “{quoted}”"\g<2>\n\g<3>cite: [{a}/{first.id}, ')
    pipeline.build(root)  # valid: the quoted words are in a's sentence
    # a's first sentence loses its first word; a's own fingerprint follows, b is not edited
    changed = first.text.split(" ", 1)[1]
    _edit(text_a, first.text, changed)
    _edit(meta_a, f'fingerprint: "{first.fingerprint}"', f'fingerprint: "{fingerprint(changed)}"')
    found = _problems(root)
    assert any(f"seeds/{b}/facts.yml" in problem and quoted in problem for problem in found), found
    assert found == _first_time_problems(root)
    # a's sentence as it was: valid again; then an entity a names is removed from entities.yml
    _edit(text_a, changed, first.text)
    _edit(meta_a, f'fingerprint: "{fingerprint(changed)}"', f'fingerprint: "{first.fingerprint}"')
    pipeline.build(root)
    entity = re.search(r"^entities: \[([^,\]]+)", meta_a.read_text(encoding="utf-8"), re.M).group(1)
    _sub(root / "seeds/entities.yml", rf"(?m)^  - id: {entity}\n", "  - id: renamed-entity\n")
    found = _problems(root)
    assert any(f"seeds/{a}/article.yml" in problem and entity in problem for problem in found), found
    assert found == _first_time_problems(root)


def test_a_link_added_to_an_article_after_a_build_is_refused_by_the_next_one(corpus, tmp_path):
    """The next save reads only the edited articles' files: a link appearing in one is still found."""
    root, (a, b, *_) = corpus
    pipeline.build(root)
    outside = tmp_path / "outside.txt"
    outside.write_text("not a seed", encoding="utf-8")
    (root / f"seeds/{b}/notes.txt").symlink_to(outside)
    found = _problems(root)
    assert found and all(f"seeds/{b}/notes.txt" in problem and "symbolic link" in problem for problem in found), found
    (root / f"seeds/{b}/notes.txt").unlink()
    pipeline.build(root)
    (root / "seeds/linked-folder").symlink_to(root / f"seeds/{a}")
    assert any("seeds/linked-folder" in problem for problem in _problems(root))
