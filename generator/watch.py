"""What `mkdocs serve` watches in ``docs/``: everything but the generator's own files.

MkDocs rebuilds the site whenever a file under ``docs/`` changes. The generator runs inside the
build and writes its pages there, so every seed edit cost two builds: the one the edit started,
then one more for the pages it wrote (the browser reloaded twice). ``is_generated`` tells the
generator's files apart: its manifest, journal and cache, its temporary files (all named with a
leading dot) and the pages its manifest lists. An edit of a hand-written page still rebuilds.
"""

from __future__ import annotations

import os
from pathlib import Path

from .write import MANIFEST, read_manifest


class GeneratedFiles:
    """The generator's files under ``docs``, from its manifest (read again when it changes)."""

    def __init__(self, docs: Path):
        self.docs = docs.resolve()
        self._stamp: tuple[int, int] | None = None
        self._pages: frozenset[str] = frozenset()

    def _listed(self) -> frozenset[str]:
        try:
            st = os.stat(self.docs / MANIFEST)
            stamp = (st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            return frozenset()
        if stamp != self._stamp:
            self._stamp, self._pages = stamp, frozenset(read_manifest(self.docs))
        return self._pages

    def is_generated(self, path: str) -> bool:
        try:
            rel = Path(path).resolve().relative_to(self.docs).as_posix()
        except ValueError:
            return False
        return rel.rsplit("/", 1)[-1].startswith(".") or rel in self._listed()
