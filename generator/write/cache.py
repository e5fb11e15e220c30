"""No-op regeneration: see, without reading a seed, that nothing changed since the last build.

A full build leaves a snapshot of what it read and wrote, in memory (for the next build in the
same process: ``mkdocs serve``, or the second language of ``mkdocs build``) and beside the manifest
(``docs/.generated-cache.json``, for the next process): the status (inode, size, modification and
change times) of every file and folder under ``seeds/``, of every file of the generator itself,
and of every generated page and the manifest; and the versions of Python and of the libraries
that shape the output. When the same snapshot is taken again, the generated pages on disk are
those the seeds give: the build reads, renders and writes nothing. Any difference, any doubt (a
journal left by an interrupted write, an unreadable cache) means a full build, which checks and
reports everything as always.

A file status can hide a change made within one tick of the file system's clock (same size,
same times). So, as git does for its index, a file modified less than ``RACY_NS`` before a
snapshot is "racy": the snapshot also keeps a digest of its content (for a seed, read before the
build reads it; for a generated page, the digest of what was written, from the manifest), and the
file is compared by content until it is older than that.

The cache lives beside the manifest (``docs/.generated-cache.json``). It is written after a full
build, and by the first no-op build of a process if racy files became old enough to be compared
by status again; never by the no-op builds of ``mkdocs serve`` (which rebuilds when a file under
``docs/`` changes: they use the snapshot in memory).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from generator.write.files import JOURNAL, MANIFEST, read_manifest

CACHE = ".generated-cache.json"
VERSION = 2
#: Changes closer than this to a snapshot may hide within one tick of a file system clock.
RACY_NS = 2_000_000_000
GENERATOR = Path(__file__).resolve().parent.parent  # the package, not this stage's folder
PACKAGE = "(generator)"  # the key prefix of the generator's own files (wherever it is installed)

Stat = tuple[int, int, int, int]  # inode, size, mtime_ns, ctime_ns; (0, -1, 0, 0) for a folder


@dataclass
class Snapshot:
    env: str
    taken_ns: int
    pages: int = 0
    inputs: dict[str, Stat] = field(default_factory=dict)
    outputs: dict[str, Stat] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)  # output → SHA-256 of what was written (racy ones)


def environment() -> str:
    """Python and the libraries whose behaviour shapes the pages (dates, collation, templates)."""
    import jinja2
    import pydantic

    parts = [str(VERSION), sys.version, jinja2.__version__, pydantic.VERSION]
    try:
        import icu

        parts += [icu.VERSION, icu.ICU_VERSION]
    except ImportError:
        parts.append("-")
    return "|".join(parts)


def _stat(st: os.stat_result) -> Stat:
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _tree(folder: Path, prefix: str, out: dict[str, Stat], skip: frozenset[str] = frozenset()) -> None:
    """Every file and folder under ``folder``, keyed ``prefix/relative path``."""
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.name in skip:
            continue
        key = f"{prefix}/{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            out[key] = (0, -1, 0, 0)
            _tree(Path(entry.path), key, out, skip)
        else:
            out[key] = _stat(entry.stat(follow_symlinks=False))


def _inputs_now(root: Path) -> Snapshot | None:
    """A snapshot of the inputs now, without outputs; None when a write was interrupted."""
    if (root / "docs" / JOURNAL).exists():
        return None
    snapshot = Snapshot(environment(), time.time_ns())
    _tree(root / "seeds", "seeds", snapshot.inputs)
    _tree(GENERATOR, PACKAGE, snapshot.inputs, frozenset({"__pycache__"}))
    return snapshot


def scan(root: Path) -> Snapshot | None:
    """The status of the inputs and the outputs now; None when a write was interrupted."""
    docs = root / "docs"
    snapshot = _inputs_now(root)
    if snapshot is None:
        return None
    try:
        snapshot.outputs[f"docs/{MANIFEST}"] = _stat((docs / MANIFEST).stat())
    except FileNotFoundError:
        return snapshot
    for rel in read_manifest(docs):
        try:
            snapshot.outputs[f"docs/{rel}"] = _stat((docs / rel).stat())
        except FileNotFoundError:
            snapshot.outputs[f"docs/{rel}"] = (0, -2, 0, 0)
    return snapshot


def _racy(stat: Stat, taken_ns: int) -> bool:
    return max(stat[2], stat[3]) > taken_ns - RACY_NS


def digest_racy_inputs(snapshot: Snapshot, root: Path) -> None:
    """Keep the digest of every recently modified seed or generator file (before they are read)."""
    for key, stat in snapshot.inputs.items():
        if stat[1] >= 0 and _racy(stat, snapshot.taken_ns):
            snapshot.digests[key] = _digest(_path(root, key)) or ""


def _path(root: Path, key: str) -> Path:
    """The file of a snapshot key: ``seeds/…``, ``docs/…`` under the project, or the generator's."""
    return GENERATOR / key[len(PACKAGE) + 1 :] if key.startswith(PACKAGE + "/") else root / key


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def unchanged(last: Snapshot, now: Snapshot, root: Path) -> bool:
    """Whether ``now`` shows the state ``last`` recorded. Pages compared by content are marked
    settled in ``last`` once they are old enough for their status to tell any change."""
    if last.env != now.env or last.inputs != now.inputs or last.outputs != now.outputs:
        return False
    settled = []
    for key, expected in last.digests.items():
        if _digest(_path(root, key)) != expected:
            return False
        if not _racy(now.inputs.get(key) or now.outputs[key], now.taken_ns):
            settled.append(key)
    for key in settled:
        del last.digests[key]
    return True


def after_build(before: Snapshot, root: Path, pages: int, changed: Collection[str] | None = None) -> Snapshot | None:
    """The snapshot of a full build that started with ``before`` (its racy inputs digested);
    None if the build cannot be remembered (an input changed while it ran). ``changed``: the
    pages the build wrote or deleted (paths under ``docs/``); the others' status is taken from
    ``before`` (at 1000 articles, the status of 7000 pages took a third of a second)."""
    after = scan(root) if changed is None or f"docs/{MANIFEST}" not in before.outputs else _rescan(before, root, changed)
    if after is None or after.inputs != before.inputs:
        return None
    after.digests = {}
    for key, value in before.digests.items():
        if key not in before.inputs:
            continue
        if not _racy(after.inputs[key], after.taken_ns):  # old enough now: compared by content once, here
            if _digest(_path(root, key)) != value:
                return None
            continue
        if value == "":
            return None
        after.digests[key] = value
    written = read_manifest(root / "docs")
    for key, stat in after.outputs.items():
        if _racy(stat, after.taken_ns):
            rel = key.removeprefix("docs/")
            known = written.get(rel) if rel != MANIFEST else _digest(root / key)
            if known is None:
                return None
            after.digests[key] = known
    after.pages = pages
    return after


def _rescan(before: Snapshot, root: Path, changed: Collection[str]) -> Snapshot | None:
    """``scan``, with the pages not in ``changed`` as ``before`` found them."""
    docs = root / "docs"
    after = _inputs_now(root)
    if after is None:
        return None
    after.outputs = dict(before.outputs)
    for rel in (MANIFEST, *changed):
        try:
            after.outputs[f"docs/{rel}"] = _stat((docs / rel).stat())
        except FileNotFoundError:
            after.outputs.pop(f"docs/{rel}", None)
    return after


def load(root: Path) -> Snapshot | None:
    try:
        data = json.loads((root / "docs" / CACHE).read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            return None
        return Snapshot(
            data["env"], data["taken_ns"], data["pages"],
            {k: tuple(v) for k, v in data["inputs"].items()},
            {k: tuple(v) for k, v in data["outputs"].items()},
            dict(data["digests"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(root: Path, snapshot: Snapshot) -> None:
    """Write the snapshot beside the manifest (atomically; a lost cache only costs a full build)."""
    data = {"version": VERSION, "env": snapshot.env, "taken_ns": snapshot.taken_ns, "pages": snapshot.pages,
            "inputs": snapshot.inputs, "outputs": snapshot.outputs, "digests": snapshot.digests}
    path = root / "docs" / CACHE
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        tmp.unlink(missing_ok=True)


def forget(root: Path) -> None:
    (root / "docs" / CACHE).unlink(missing_ok=True)
