"""Problems found in the seeds: where (file, line, column, key path), what, and how to fix it."""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the seeds. ``file`` is relative to the project root."""

    file: str
    line: int
    column: int
    key: str
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        key = f" {self.key}:" if self.key else ""
        return f"{where}:{key} {self.message}\n    fix: {self.fix}"


class SeedError(Exception):
    """Raised with every problem of a run; nothing has been written."""

    def __init__(self, problems: list[Problem], where: str = "in the seeds", outcome: str = "nothing was written"):
        self.problems = sorted(set(problems))
        self.where, self.outcome = where, outcome
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"{count} {self.noun}{'s' if count != 1 else ''} {self.where}; {self.outcome}."
        return "\n".join([head, *map(str, self.problems)])

    noun = "problem"


#: How to fix an operating system's refusal, by its error number.
_OS_FIXES = {
    errno.EACCES: "make it writable (chmod u+w, or chattr -i if it was made immutable; check the owner), then build again",
    errno.EPERM: "make it writable (chattr -i if it was made immutable, chmod u+w; check the owner), then build again",
    errno.EROFS: "the file system is read-only: build in a writable copy of the project",
    errno.ENOSPC: "free some disk space, then build again",
    errno.EDQUOT: "free some disk space (the disk quota is full), then build again",
    errno.ENOTDIR: "a file stands where a folder is needed: move it out of the way, then build again",
    errno.EEXIST: "a file stands where a folder is needed: move it out of the way, then build again",
    errno.EISDIR: "a folder stands where a file is written: move it out of the way, then build again",
    errno.ELOOP: "replace the symbolic link with a regular file or folder",
}


def os_problem(error: OSError, root: Path, doing: str = "the system refused to write it") -> Problem:
    """An operating system's refusal (permissions, a full disk, a file where a folder should be)
    as a problem: the path relative to the project, what the system said, and the fix."""
    name = error.filename if error.filename is not None else root
    path = Path(os.fsdecode(name))
    if error.errno == errno.ENOTDIR:  # name the file that stands where a folder should be
        path = next((p for p in reversed([path, *path.parents]) if p.is_file()), path)
    try:
        rel = path.resolve().relative_to(root.resolve()).as_posix() if path.is_absolute() else path.as_posix()
    except ValueError:
        rel = path.as_posix()
    rel = re.sub(r"(^|/)\.([^/]+)\.tmp-[0-9]+$", r"\1\2", rel)  # a temporary file: named by its target
    reason = error.strerror or type(error).__name__
    fix = _OS_FIXES.get(error.errno or 0, "check that the folder is a writable folder of this project, then build again")
    return Problem(rel, 0, 0, "", f"{doing}: {reason}", fix)


def key_path(loc: tuple[str | int, ...]) -> str:
    """``("a", 0, "b")`` → ``a[0].b``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
