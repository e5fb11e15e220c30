"""The fast path of the load stage: valid seed files parsed with libyaml, lines read only on demand.

ruamel.yaml's round-trip loader keeps the line and column of every key, which the problem
reports need, but it is pure Python: at a thousand articles it took a minute to read the seeds.
A valid file needs no line numbers, so it is first parsed with PyYAML's libyaml binding, with
YAML 1.2 types resolved as ruamel.yaml resolves them, and checked against its model. Its
``Document`` parses the file with ruamel.yaml only if a later stage asks where a key is.

Anything unusual, and every file with a problem, takes the round-trip path instead
(``load.read_yaml``), so the problems, their lines and their fixes are exactly those of the
round-trip loader: syntax errors, duplicate keys, anchors, aliases and merge keys, explicit tags,
directives, control characters, number forms that YAML 1.1 and 1.2 read differently, dates
that do not exist, and any value the model refuses.

Maintenance: ``read`` accepts a file only if ``load.read_yaml`` would accept it too; a new
check of the text in ``read_yaml`` needs its counterpart here (``tests/test_fastload.py``
compares the two loaders).
"""

from __future__ import annotations

import typing
import unicodedata
from pathlib import Path

from pydantic import BaseModel, ValidationError

from generator.load.read import MAX_NESTING, MAX_YAML_BYTES, SURROGATE, Document, read_seed_bytes, round_trip, too_deep
from generator.yamltext import FAST, plain_yaml


class LazyDocument(Document):
    """A Document whose round-trip parse (lines and columns) is done when something asks for it."""

    def __init__(self, rel: str, text: str):
        self.rel, self._text = rel, text
        self._data: typing.Any = None  # the round-trip parse, once asked for

    @property
    def data(self) -> typing.Any:
        if self._data is None:
            from ruamel.yaml.comments import CommentedMap

            try:
                self._data = round_trip().load(self._text)
            except Exception:  # libyaml read it; positions are then unknown (line 1)
                self._data = CommentedMap()
        return self._data


def _may_be_too_deep(text: str) -> bool:
    """False when ``read.too_deep`` certainly finds nothing; counted per line, not per bracket.

    ``bound`` never falls below the depth ``too_deep`` reaches at the end of a line: within a
    line the depth rises by at most its opening brackets; at its end it is the depth before plus
    the opening minus the closing brackets, or, if it fell to zero in the line, at most the
    line's opening brackets."""
    bound = 0
    for line in text.split("\n"):
        opens = line.count("[") + line.count("{")
        if bound + opens > MAX_NESTING:
            return True
        if opens or bound:
            bound = max(bound + opens - line.count("]") - line.count("}"), opens)
    return False


def _escaped_bad_text(value: typing.Any) -> bool:
    """Whether an escape (``"\\ud800"``, ``"e\\u0301"``) wrote a lone surrogate or decomposed text."""
    if isinstance(value, str):
        return bool(SURROGATE.search(value)) or not unicodedata.is_normalized("NFC", value)
    if isinstance(value, dict):
        return any(_escaped_bad_text(k) or _escaped_bad_text(v) for k, v in value.items())
    if isinstance(value, list):
        return any(map(_escaped_bad_text, value))
    return False


#: The last result for each file read in this process, with the text it was made from: a build
#: of `mkdocs serve` after a save parses only the files that changed.
_last: dict[tuple[str, type], tuple[str, tuple[Document, BaseModel]]] = {}


def read(path: Path, root: Path, cls: type[BaseModel]) -> tuple[Document, BaseModel] | None:
    """The document and model of a valid, plain seed file; None when the round-trip loader must
    read it (to report its problems, or because it uses a YAML feature the fast path leaves out)."""
    if not FAST:
        return None
    try:
        if path.stat().st_size > MAX_YAML_BYTES:
            return None
        text = read_seed_bytes(path).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    if not unicodedata.is_normalized("NFC", text):
        return None
    key = (str(path), cls)
    known = _last.get(key)
    if known is not None and known[0] == text:
        return known[1]
    result = _read(path, root, cls, text)
    if result is None:
        _last.pop(key, None)
    else:
        _last[key] = (text, result)
    return result


def _read(path: Path, root: Path, cls: type[BaseModel], text: str) -> tuple[Document, BaseModel] | None:
    if _may_be_too_deep(text) and too_deep(text) is not None:
        return None
    data = plain_yaml(text)
    if not isinstance(data, dict) or ("\\" in text and _escaped_bad_text(data)):
        return None
    try:
        value = cls.model_validate(data)
    except ValidationError:
        return None
    return LazyDocument(path.relative_to(root).as_posix(), text), value
