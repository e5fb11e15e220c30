"""On a large site the two languages are rendered by two processes: the pages are the same."""

from __future__ import annotations

import threading

import pytest

from generator import load, render, validate

from .conftest import copy_project
from .fixtures import second_article


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    project = copy_project(tmp_path_factory.mktemp("parallel") / "project")
    second_article.install(project.root)
    return validate.validate(load.load_site(project.root))


def test_the_parallel_rendering_gives_the_same_pages(site, monkeypatch: pytest.MonkeyPatch):
    serial = render.render(site)
    monkeypatch.setattr(render, "PARALLEL_FROM", 0)
    contexts = []
    get_context = render.multiprocessing.get_context
    monkeypatch.setattr(render.multiprocessing, "get_context", lambda method: contexts.append(method) or get_context(method))
    parallel = render.render(site)
    assert contexts == ["fork"]  # the second language was rendered by a forked process
    assert parallel == serial and list(parallel) == list(serial)
    assert render._forked_site is None


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
