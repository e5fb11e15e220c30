"""Atomic output: a build killed at any moment leaves ``docs/`` wholly old or wholly new once the
next run has repaired it, and the manifest is never corrupt.

The build is run as a child process on seeds made large (many long pages, each written with an
fsync), and killed with SIGKILL at delays spread over its whole write phase.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.__main__ import main
from generator.pipeline import check
from generator.problems import SeedError
from generator.write.cache import CACHE
from generator.write.files import JOURNAL, MANIFEST, read_manifest, recover, write

from .conftest import ROOT, SLUG, Project, copy_project

FACTS = f"seeds/{SLUG}/facts.yml"
KILLS = 10


def _themes(count: int, version: str) -> str:
    """``count`` theme pages of about 12 kB each, their text marked with ``version``."""
    claims = "".join(
        f'          - text: {{vi: "Bản {version}, ý {k}. ' + "Nội dung dài để trang lớn hơn. " * 20
        + f'", en: "Version {version}, claim {k}. ' + "Long content to make the page larger. " * 20 + '"}\n'
        "            cite: [p1s1]\n"
        for k in range(8)
    )
    return "".join(
        f"  - id: bulk-{i}\n"
        f'    title: {{vi: "Chủ đề {i}", en: "Theme {i}"}}\n'
        f'    lead: {{vi: "Mở đầu, bản {version}.", en: "Lead, version {version}."}}\n'
        "    sections:\n"
        "      - id: part\n"
        '        heading: {vi: "Phần", en: "Part"}\n'
        f"        claims:\n{claims}"
        for i in range(count)
    )


def _with_themes(facts: str, count: int, version: str) -> str:
    return facts.replace("themes:\n", "themes:\n" + _themes(count, version), 1)


def _pages(project: Project) -> dict[str, bytes]:
    """docs/ without the build cache (file statuses, rewritten by every full build)."""
    return {rel: data for rel, data in project.snapshot().items() if rel != CACHE}


def _restore(project: Project, files: dict[str, bytes]) -> None:
    shutil.rmtree(project.path("docs"))
    for rel, data in files.items():
        path = project.path(f"docs/{rel}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@pytest.fixture(scope="module")
def old_and_new(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, dict[str, bytes], dict[str, bytes]]:
    """A project built from seeds with 40 long themes (old), whose seeds now have 34 changed
    themes (new: pages rewritten, added and deleted); and the docs/ of each."""
    base = tmp_path_factory.mktemp("atomic")
    project = copy_project(base / "project")
    facts = project.read(FACTS)
    project.write(FACTS, _with_themes(facts, 40, "old"))
    assert main(["--root", str(project.root), "build"]) == 0
    old = _pages(project)
    project.write(FACTS, _with_themes(facts, 34, "new"))
    reference = Project(base / "reference")
    shutil.copytree(project.root, reference.root)
    assert main(["--root", str(reference.root), "build"]) == 0
    new = _pages(reference)
    assert len(old) > 100 and old != new
    return project, old, new


def _start(project: Project) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project.root), "build"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for_writing(process: subprocess.Popen, folder: Path) -> float:
    """Wait until the child writes its first temporary file in ``folder``; the time then."""
    mark = f".tmp-{process.pid}"
    while process.poll() is None:
        if any(entry.name.endswith(mark) for entry in os.scandir(folder)):
            break
        time.sleep(0.0005)
    return time.perf_counter()


def _leftovers(docs: Path) -> bool:
    """What a run killed while writing leaves: temporary files or a journal."""
    return (docs / JOURNAL).exists() or any(docs.rglob(".*.tmp-*"))


def _journal_written(process: subprocess.Popen, docs: Path) -> None:
    while process.poll() is None and not (docs / JOURNAL).exists():
        time.sleep(0.0001)


def _killed_run(project: Project, old: dict[str, bytes], new: dict[str, bytes], wait) -> tuple[bool, bool, str]:
    """Start a build from the old docs/, ``wait(process)``, SIGKILL it, repair docs/ with
    ``recover`` (what the next run does first) and check that it is wholly old or wholly new.
    Returns (killed while running, interrupted while writing, "old" or "new")."""
    docs = project.path("docs")
    _restore(project, old)
    process = _start(project)
    wait(process)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=120)
    # Whatever the moment, the manifest is whole: the old one or the new one.
    assert json.loads(project.read(f"docs/{MANIFEST}"))["files"] in (_manifest(old), _manifest(new))
    interrupted = _leftovers(docs)
    recover(docs)
    state = _pages(project)
    assert state in (old, new), "docs/ is neither wholly old nor wholly new"
    assert not _leftovers(docs)
    return process.returncode == -signal.SIGKILL, interrupted, "old" if state == old else "new"


def _manifest(files: dict[str, bytes]) -> dict[str, str]:
    return json.loads(files[MANIFEST])["files"]


def _after_writing_starts(folder: Path, delay: float | None):
    """Wait until the build writes, then ``delay`` seconds; None: do not wait at all."""

    def wait(process: subprocess.Popen) -> None:
        if delay is not None:
            _wait_for_writing(process, folder)
            time.sleep(delay)

    return wait


def test_a_killed_build_leaves_docs_wholly_old_or_wholly_new(old_and_new):
    project, old, new = old_and_new
    docs, folder = project.path("docs"), project.path(f"docs/en/articles/{SLUG}")

    # How long the writing of the temporary files lasts: from the first one to the journal.
    windows = []
    for _ in range(2):
        _restore(project, old)
        process = _start(project)
        writing = _wait_for_writing(process, folder)
        _journal_written(process, docs)
        windows.append(time.perf_counter() - writing)
        assert process.wait(timeout=120) == 0
        assert _pages(project) == new
    window = min(windows)

    # Killed at once (while loading), then at delays spread over the writing and beyond.
    rng = random.Random(6)
    delays = [None] + [window * 1.5 * (k + rng.random()) / (KILLS - 1) for k in range(KILLS - 1)]
    outcomes = [_killed_run(project, old, new, _after_writing_starts(folder, delay)) for delay in delays]
    # Killed as soon as the journal is written: while renaming (tried again if it was too late).
    for _ in range(3):
        outcomes.append(_killed_run(project, old, new, lambda process: _journal_written(process, docs)))
        if outcomes[-1][1]:
            break
    print("(killed, interrupted while writing, state after repair):", outcomes)
    assert (True, True, "old") in outcomes, "no run was killed while writing its temporary files"
    assert (True, True, "new") in outcomes, "no run was killed while renaming"

    # The next build completes the interrupted one: no false "edited by hand", the new pages.
    _restore(project, old)
    process = _start(project)
    _wait_for_writing(process, folder)
    time.sleep(window / 2)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=120)
    assert main(["--root", str(project.root), "build"]) == 0
    assert _pages(project) == new


# -- the write stage's own guarantees --------------------------------------------------------------


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait()
    return process.pid


def test_temporary_files_of_a_run_killed_before_its_journal_are_removed(tmp_path: Path):
    docs = tmp_path / "docs"
    write({"vi/a.md": "A"}, docs)
    before = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    pid = _dead_pid()
    (docs / "vi/new").mkdir()
    (docs / f"vi/new/.b.md.tmp-{pid}").write_text("half a page")
    (docs / f"vi/.a.md.tmp-{pid}").write_text("new A")
    recover(docs)
    assert {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()} == before
    assert not (docs / "vi/new").exists()


def test_the_temporary_files_of_a_running_build_are_left_alone(tmp_path: Path):
    docs = tmp_path / "docs"
    write({"vi/a.md": "A"}, docs)
    running = docs / f"vi/.a.md.tmp-{os.getppid()}"  # a build running beside this one
    running.write_text("new A")
    recover(docs)
    assert running.read_text() == "new A"


def test_a_journal_naming_files_outside_docs_is_not_followed(tmp_path: Path):
    docs = tmp_path / "docs"
    write({"vi/a.md": "A"}, docs)
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    (docs / JOURNAL).write_text(json.dumps({"rename": [], "delete": ["../precious.txt"], "manifest": {}}))
    recover(docs)
    assert outside.read_text() == "keep me" and not (docs / JOURNAL).exists()
    assert read_manifest(docs) == {"vi/a.md": json.loads((docs / MANIFEST).read_text())["files"]["vi/a.md"]}


def test_a_manifest_entry_outside_docs_is_never_deleted(tmp_path: Path):
    docs = tmp_path / "docs"
    write({"vi/a.md": "A"}, docs)
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    manifest = json.loads((docs / MANIFEST).read_text())
    manifest["files"]["../precious.txt"] = hashlib.sha256(b"keep me").hexdigest()
    (docs / MANIFEST).write_text(json.dumps(manifest))
    write({"vi/a.md": "A"}, docs)
    assert outside.read_text() == "keep me"


def test_a_page_path_outside_docs_is_refused(tmp_path: Path):
    with pytest.raises(SeedError) as error:
        write({"../escaped.md": "x", "vi/a.md": "A"}, tmp_path / "docs")
    assert str(error.value).splitlines()[1:] == [
        "docs/../escaped.md: this page would be written outside docs/",
        "    fix: use ids of lower-case ASCII letters, digits and hyphens",
    ]
    assert not (tmp_path / "escaped.md").exists() and not (tmp_path / "docs" / "vi" / "a.md").exists()


def test_check_reports_an_interrupted_build_and_build_completes_it(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    assert main(["--root", str(project.root), "build"]) == 0
    page = project.path("docs/en/who.md")
    (page.parent / ".who.md.tmp-1").write_text("the new who page")
    manifest = {**read_manifest(project.path("docs")), "en/who.md": hashlib.sha256(b"the new who page").hexdigest()}
    project.write(f"docs/{JOURNAL}", json.dumps({"rename": [["en/.who.md.tmp-1", "en/who.md"]], "delete": [], "manifest": manifest}))
    with pytest.raises(SeedError) as error:
        check(project.root)
    assert [str(p) for p in error.value.problems] == [
        f"docs/{JOURNAL}: a build was killed before it finished writing docs/\n"
        "    fix: run `python -m generator build`: it completes the interrupted build first"
    ]
    assert main(["--root", str(project.root), "build"]) == 0
    assert not project.path(f"docs/{JOURNAL}").exists()
    assert page.read_text() != "the new who page"  # rolled forward, then rebuilt from the seeds


def test_a_preview_save_leaves_a_killed_runs_temporary_files_to_the_next_build(tmp_path: Path):
    """`make serve`'s saves do not read every folder of docs/ for them (``strays=False``); any
    other write removes them, and a journal is always finished."""
    docs = tmp_path / "docs"
    write({"vi/a.md": "A"}, docs)
    stray = docs / f"vi/.a.md.tmp-{_dead_pid()}"
    stray.write_text("half a page")
    write({"vi/a.md": "A2"}, docs, strays=False)
    assert stray.exists() and (docs / "vi/a.md").read_text() == "A2"
    write({"vi/a.md": "A3"}, docs)
    assert not stray.exists() and (docs / "vi/a.md").read_text() == "A3"
