"""Problems found in the seeds: where (file, line, column, key path), what, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


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

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the seeds; nothing was written."
        return "\n".join([head, *map(str, self.problems)])


def key_path(loc: tuple[str | int, ...]) -> str:
    """``("a", 0, "b")`` → ``a[0].b``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
