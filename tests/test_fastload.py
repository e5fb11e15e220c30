"""The fast path of the load stage reads exactly what the round-trip loader reads, or leaves the file to it."""

from __future__ import annotations

import datetime as dt
import importlib.util

import pytest

from generator import model
from generator.load import fast as fastload
from generator.load import read as load

from .conftest import ROOT


def plain(value):
    """A parsed YAML value with its types spelled out (True and 1 compare equal in Python)."""
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if value is None:
        return None
    for kind in (bool, int, float, dt.datetime, dt.date, str):
        if isinstance(value, kind):
            return (kind.__name__, repr(float(value)) if kind is float else kind(value) if kind in (bool, int, str) else value.isoformat())
    raise TypeError(type(value))


@pytest.mark.parametrize("text", [
    "a: no", "a: yes", "a: on", "a: y", "a: True", "a: ~", "a:", "a: null", "a: =", "a: <<",
    "a: 1e3", "a: 0o17", "a: 017", "a: 0x1F", "a: 0b11", "a: 1_000", "a: 1.5", "a: .5", "a: 1.", "a: 1e", "a: -.inf", "a: .nan",
    "a: 2021", "a: -0", "a: +5", "a: 12:30", "a: 190:20:30", "a: 3:4",
    "a: 2021-02-30", "a: 2021-03-18", "a: 2021-3-8", "a: 2021-03-18 10:00:00", "a: 2021-03-18T10:00:00Z",
    "a: 1\na: 2", "a: &x {b: 1}\nc: *x", "<<: {b: 1}", "a: !!str 3", "a: !x 3", "%YAML 1.2\n---\na: 1",
    "a: [1, 2, {b: c}]", "a: '1'", 'a: "x\\u2028y"', "a: \"x\u2028y\"", "a: b\u0085c", "a: \"tab\tinside\"",
    "a: 'AT&T *star* !bang'", "a: [", "a: b: c", "? [a, b]\n: c", "- a", "a:\n\tb: 1",
])
def test_plain_yaml_reads_as_the_round_trip_loader_or_declines(text):
    try:
        expected = plain(load.round_trip().load(text))
    except Exception:
        expected = "error"
    try:
        found = fastload.plain_yaml(text)
    except Exception as error:  # the fast path never raises
        pytest.fail(f"plain_yaml raised {error!r}")
    if found is not None:
        assert plain(found) == expected


def _corpus():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "tests" / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_valid_seed_files_are_read_fast_into_the_same_model_and_lines(tmp_path):
    _corpus().write_corpus(tmp_path / "seeds", 6)
    for root in (ROOT, tmp_path):
        for path in sorted((root / "seeds").rglob("*.yml")):
            if path.name in ("terminology.yml", "support.yml"):  # read by `generator check` alone
                continue
            cls = model.FILE_MODELS[path.name]
            fast = fastload.read(path, root, cls)
            assert fast is not None, path
            slow = load.read_yaml(path, root)
            assert fast[1] == cls.model_validate(slow.data), path
            for key in list(slow.data)[:3]:
                assert fast[0].where((key,)) == slow.where((key,)), (path, key)


@pytest.mark.parametrize("text", [
    "sources:\n  - id: a\n    id: b\n",  # a duplicate key
    "sources: &s []\nx: *s\n",  # an alias
    "sources:\n  - id: a\n    publisher: P\n    title: {vi: x, en: y}\n    date: 2021-02-30\n",  # no such day
    "sources:\n  - id: A\n",  # a value the model refuses
    "sources: [\n",  # a syntax error
    "[" * 101 + "]" * 101 + "\n",  # nested too deep
])
def test_files_with_problems_are_left_to_the_round_trip_loader(tmp_path, text):
    path = tmp_path / "seeds" / "sources.yml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    assert fastload.read(path, tmp_path, model.Sources) is None
