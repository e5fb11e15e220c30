"""Write stage: put generated pages under ``docs/``, changed files only, never losing a file.

Ownership: the generator owns the files listed in its manifest (``docs/.generated.json``,
path → SHA-256 of what it wrote). It refuses to overwrite a file it does not own, and refuses
to overwrite or delete an owned file that was edited by hand since (the edit would be lost).

Atomicity: new contents are first written to temporary files beside their targets; a journal
then lists the renames and deletions, which are carried out, and the manifest is replaced
last. A run killed at any point leaves either the old files (and temporary files, which the
next run removes unless their process is still running) or a journal that the next run
completes before doing anything else, so ``docs/`` ends wholly old or wholly new
(tests/test_atomic_write.py kills builds to prove it). Paths in the manifest and the journal
are followed only inside ``docs/``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Problem, SeedError, os_problem

MANIFEST = ".generated.json"
JOURNAL = ".generated-journal.json"
#: A temporary file of a run: ``.<name>.tmp-<pid>`` beside its target.
_TEMPORARY = re.compile(r"^\..+\.tmp-([0-9]+)$")


def safe_path(rel: str) -> bool:
    """A relative path that stays inside ``docs/`` (no ``..``, not absolute, no empty part)."""
    parts = rel.split("/")
    return bool(rel) and "\\" not in rel and all(part not in ("", ".", "..") for part in parts) and ":" not in parts[0]


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0


def _durable_write(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:  # noqa: PTH123 (the module's own `open`: tests/test_bad_inputs.py replaces it to simulate a disk that refuses)
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    _durable_write(tmp, data)
    tmp.replace(path)


def read_manifest(docs: Path) -> dict[str, str]:
    path = docs / MANIFEST
    try:
        status = path.stat()
    except OSError:
        return {}
    if not stat.S_ISREG(status.st_mode):
        return {}
    # read again only when it changed (it is written by replacing it: a new inode)
    key, kept = (status.st_mtime_ns, status.st_size, status.st_ino), _manifests.get(str(path))
    if kept is not None and kept[0] == key:
        return dict(kept[1])
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        if not isinstance(files, dict):
            raise TypeError
        found = {str(k): str(v) for k, v in files.items() if safe_path(str(k))}
    except (ValueError, KeyError, TypeError):
        # Written atomically, so only a hand edit can break it; trusting nothing is the safe side.
        found = {}
    _manifests[str(path)] = (key, found)
    return dict(found)


#: The manifest last read from each path, with its status then (each save read it five times).
_manifests: dict[str, tuple[tuple[int, int, int], dict[str, str]]] = {}


def _read_journal(journal: Path) -> dict[str, Any] | None:
    """The journal's plan, or None if it is not one this module wrote (a hand edit)."""
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
        renames, deletions, manifest = plan["rename"], plan["delete"], plan["manifest"]
        ok = (
            all(_TEMPORARY.match(tmp.rsplit("/", 1)[-1]) and safe_path(tmp) and safe_path(final) for tmp, final in renames)
            and all(safe_path(gone) for gone in deletions)
            and all(safe_path(rel) and isinstance(sha, str) for rel, sha in manifest.items())
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return plan if ok else None


def recover(docs: Path, strays: bool = True) -> None:
    """Bring ``docs/`` back to a whole state after a killed run.

    Killed after its journal was written: finish the run (roll forward). Killed before: the
    old files were not touched, and the run's temporary files are removed (roll back), unless
    ``strays`` is false (looking for them reads every folder of ``docs/``).
    """
    journal = docs / JOURNAL
    if journal.is_file():
        plan = _read_journal(journal)
        if plan is not None:
            for tmp, final in plan["rename"]:
                if (docs / tmp).exists():
                    (docs / final).parent.mkdir(parents=True, exist_ok=True)
                    with contextlib.suppress(FileNotFoundError):  # renamed meanwhile by another run finishing it too
                        (docs / tmp).replace(docs / final)
            for gone in plan["delete"]:
                (docs / gone).unlink(missing_ok=True)
            _atomic_write(docs / MANIFEST, json.dumps({"files": plan["manifest"]}, indent=1, sort_keys=True).encode())
            for gone in plan["delete"]:
                _remove_empty_parents((docs / gone).parent, docs)
        journal.unlink(missing_ok=True)
    if not strays or not docs.is_dir():
        return
    for stray in _temporary_files(docs):
        match = _TEMPORARY.match(stray.name)
        if match and stray.is_file() and not _running(int(match.group(1))):
            stray.unlink(missing_ok=True)
            _remove_empty_parents(stray.parent, docs)


def _temporary_files(docs: Path) -> list[Path]:
    """The files named like a run's temporary files (``.name.tmp-PID``) under ``docs``, sorted
    (``os.walk``: a third of the time of ``Path.rglob`` over a site's folders)."""
    found = []
    for folder, _, files in os.walk(docs):
        found += [Path(folder, name) for name in files if name.startswith(".") and ".tmp-" in name]
    return sorted(found)


def _running(pid: int) -> bool:
    """Whether another process ``pid`` is running (its temporary files are then its own business)."""
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except PermissionError:  # a process of another user
        return True
    except (ProcessLookupError, OverflowError):
        return False
    return True


def _seed_of(data: bytes) -> str:
    """The seed file a generated page names in its front matter (``generated_from``), read as
    the YAML it is written as; "the seed files" when a hand edit left none to read."""
    text = data[:4000].decode("utf-8", "replace")
    end = text.find("\n---", 4) if text.startswith("---\n") else -1
    if end != -1:
        with contextlib.suppress(yaml.YAMLError):
            meta = yaml.safe_load(text[4:end])
            seed = meta.get("generated_from") if isinstance(meta, dict) else None
            if isinstance(seed, str):
                return seed
    return "the seed files"


def _page_change(rel: str, text: str, docs: Path, manifest: dict[str, str]) -> bytes | Problem | None:
    """What to write for one page (None: its file already holds it), or the problem that forbids it."""
    if not safe_path(rel):
        return Problem(f"docs/{rel}", 0, 0, "", "this page would be written outside docs/", "use ids of lower-case ASCII letters, digits and hyphens")
    data = text.encode("utf-8")
    path = docs / rel
    if not path.exists():
        return data
    current = path.read_bytes()
    if rel not in manifest:
        if current != data:
            return Problem(f"docs/{rel}", 0, 0, "", "a file that the generator did not write is in the way of a generated page", f"move or rename docs/{rel} (the generator never overwrites a file it does not own), or delete it if it is an old generated page")
        return None
    if digest(current) != manifest[rel]:
        return Problem(f"docs/{rel}", 0, 0, "", "this generated page was edited by hand; the edit would be lost on the next build", f"make the change in {_seed_of(current)} instead, then delete docs/{rel} (or undo the edit)")
    return data if current != data else None


def plan(pages: dict[str, str], docs: Path, known: dict[str, str] | None = None) -> tuple[dict[str, bytes], list[str], list[Problem]]:
    """What to write and delete, and the problems that forbid it (foreign or hand-edited files).
    ``known``: pages whose file holds that text, as the caller knows without reading it (the
    last build of this process wrote it, and its status has not changed since)."""
    manifest = read_manifest(docs)
    known = known or {}
    problems: list[Problem] = []
    changes: dict[str, bytes] = {}
    if (docs / JOURNAL).is_file():
        problems.append(Problem(f"docs/{JOURNAL}", 0, 0, "", "a build was killed before it finished writing docs/", "run `python -m generator build`: it completes the interrupted build first"))
    for rel, text in pages.items():
        if rel in manifest and known.get(rel) == text and safe_path(rel):
            continue
        change = _page_change(rel, text, docs, manifest)
        if isinstance(change, Problem):
            problems.append(change)
        elif change is not None:
            changes[rel] = change
    deletions = []
    for rel, sha in manifest.items():
        if rel in pages:
            continue
        path = docs / rel
        if path.exists() and digest(path.read_bytes()) != sha:
            problems.append(Problem(f"docs/{rel}", 0, 0, "", "this generated page is no longer generated, but it was edited by hand", f"move docs/{rel} out of the way if you want to keep the edit, or delete it"))
        elif path.exists():
            deletions.append(rel)
    return changes, deletions, problems


def write(pages: dict[str, str], docs: Path, known: dict[str, str] | None = None, strays: bool = True) -> WriteReport:
    """Bring ``docs/`` to exactly ``pages`` (plus the hand-written files, which are never touched);
    ``known``: see ``plan``.

    An operating system's refusal (a write-protected or immutable ``docs/``, a full disk, a file
    where a folder goes) is a SeedError naming the path and the fix: before the journal, this
    run's temporary files are removed and nothing was written; after it, the next run finishes
    the renames (the message says so)."""
    try:
        return _write(pages, docs, known, strays)
    except OSError as error:
        if (docs / JOURNAL).is_file():
            raise SeedError([os_problem(error, docs.parent)], "in docs/", "the build stopped part-way: the next build finishes it") from None
        raise SeedError([os_problem(error, docs.parent)], "in docs/") from None


def _write(pages: dict[str, str], docs: Path, known: dict[str, str] | None, strays: bool) -> WriteReport:
    docs.mkdir(parents=True, exist_ok=True)
    recover(docs, strays)
    changes, deletions, problems = plan(pages, docs, known)
    if problems:
        raise SeedError(problems)
    report = WriteReport(sorted(changes), sorted(deletions), len(pages) - len(changes))
    written, known = read_manifest(docs), known or {}
    manifest = {rel: written[rel] if rel in written and rel not in changes and known.get(rel) == text else digest(text.encode("utf-8")) for rel, text in pages.items()}
    if not changes and not deletions and written == manifest:
        return report
    _journal(docs, changes, deletions, manifest)
    recover(docs, strays=False)  # this run's temporary files are renamed by now, the others' removed above
    return report


def _journal(docs: Path, changes: dict[str, bytes], deletions: list[str], manifest: dict[str, str]) -> None:
    """Write every change to a temporary file, then the journal that names them (the renames and
    deletions ``recover`` then carries out)."""
    renames = []
    for rel in sorted(changes):
        final = docs / rel
        renames.append((final.with_name(f".{final.name}.tmp-{os.getpid()}").relative_to(docs).as_posix(), rel))
    # Every temporary file on disk before the journal names it. fsync waits for the disk, not the
    # CPU: a few threads let the file system commit several at once (3x faster for 700 pages).
    journal = {"rename": renames, "delete": sorted(deletions), "manifest": manifest}
    try:
        for _, rel in renames:
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        with ThreadPoolExecutor(max_workers=4) as pool:
            futures = [pool.submit(_durable_write, docs / tmp, changes[rel]) for tmp, rel in renames]
        for future in futures:
            future.result()
        _atomic_write(docs / JOURNAL, json.dumps(journal, indent=1, sort_keys=True).encode())
    except BaseException:
        # Refused before the journal (a read-only folder, a full disk): nothing was written; the
        # temporary files of this run go (and the folders made for them, when empty).
        for tmp, _ in [*renames, (f".{JOURNAL}.tmp-{os.getpid()}", JOURNAL)]:
            with contextlib.suppress(OSError):
                (docs / tmp).unlink(missing_ok=True)
                _remove_empty_parents((docs / tmp).parent, docs)
        raise


def _remove_empty_parents(folder: Path, docs: Path) -> None:
    while folder != docs and folder.is_dir() and not any(folder.iterdir()):
        try:
            folder.rmdir()
        except OSError:  # filled or removed meanwhile
            return
        folder = folder.parent
