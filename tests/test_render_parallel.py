"""On a large site the two languages are rendered by two processes: the pages are the same."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from generator.load import seeds
from generator.render import pages as render
from generator.validate import rules as validate

from .conftest import ROOT, copy_project
from .fixtures import second_article


@pytest.fixture(scope="module")
def project_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("parallel") / "project")
    second_article.install(project.root)
    return project.root


@pytest.fixture(scope="module")
def site(project_root: Path):
    return validate.validate(seeds.load_site(project_root))


PARALLEL_CHECK = """
import sys
from pathlib import Path
from generator.load import seeds
from generator.render import pages as render
from generator.validate import rules as validate

site = validate.validate(seeds.load_site(Path(sys.argv[1])))
serial = render.render(site)
render.PARALLEL_FROM = 0
contexts = []
get_context = render.multiprocessing.get_context
render.multiprocessing.get_context = lambda method: contexts.append(method) or get_context(method)
parallel = render.render(site)
assert contexts == ["fork"], contexts  # the second language was rendered by a forked process
assert parallel == serial and list(parallel) == list(serial)
assert render._forked_site is None
print(len(parallel), "pages alike")
"""


def test_the_parallel_rendering_gives_the_same_pages(project_root: Path):
    """In a process of its own: this one may run threads (the browser tests' driver), and then
    the renderer rightly declines to fork."""
    result = subprocess.run([sys.executable, "-c", PARALLEL_CHECK, str(project_root)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("pages alike")


def test_with_another_thread_running_the_languages_are_rendered_in_turn(site, monkeypatch: pytest.MonkeyPatch):
    """`mkdocs serve` runs its server and file watcher in threads: forking then is unsafe."""
    monkeypatch.setattr(render, "PARALLEL_FROM", 0)
    monkeypatch.setattr(render.multiprocessing, "get_context", _must_not_be_called)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert render.render(site)
    finally:
        stop.set()
        other.join()


def _must_not_be_called(*_):
    raise AssertionError("forked while another thread runs")
