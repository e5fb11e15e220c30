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

import re
import typing
import unicodedata
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .load import CONTROL, MAX_NESTING, MAX_YAML_BYTES, SURROGATE, Document, _too_deep, _yaml, read_seed_bytes

try:
    import yaml
    from yaml import CSafeLoader
except ImportError:  # PyYAML without libyaml: no fast path (the pure-Python loader is no faster)
    CSafeLoader = None

#: Text that the fast path leaves to the round-trip loader: anchors and aliases (``&a``, ``*a``:
#: a node starts after white space, ``[``, ``{``, ``,``, ``:``, ``?`` or ``-``, or at a line start),
#: explicit tags (``!!str``, ``!x``), directives (``%YAML``), and line breaks that YAML 1.1
#: (libyaml) and YAML 1.2 (ruamel.yaml) treat differently; tabs too (libyaml reads ``key\t:``,
#: which ruamel.yaml refuses).
_UNUSUAL = re.compile(r"(?:^|[\s\[{,:?-])[&*!]|^%|[\x85\u2028\u2029\t]", re.MULTILINE)
_NOT_FAST = "tag:news-explained,2025:not-fast"


class NotFast(Exception):
    """The file needs the round-trip loader."""


if CSafeLoader is not None:

    class _Loader(CSafeLoader):
        """libyaml with the plain scalars typed as ruamel.yaml types them (YAML 1.2), in their
        canonical forms only; other forms of numbers and dates raise NotFast."""

        yaml_implicit_resolvers: typing.ClassVar[dict] = {}

        def flatten_mapping(self, node):
            for key_node, _ in node.value:
                if key_node.tag in ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"):
                    raise NotFast("merge key")

        def construct_mapping(self, node, deep=False):
            mapping = super().construct_mapping(node, deep=deep)
            if len(mapping) != len(node.value):
                raise NotFast("duplicate key")
            return mapping

    def _not_fast(loader, node):
        raise NotFast(node.value)

    _Loader.add_constructor(_NOT_FAST, _not_fast)
    _RESOLVERS = [
        ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
        # numbers written with "_" (1_000): the two loaders do not read them alike
        (_NOT_FAST, r"^[-+]?[0-9.][0-9._eE+-]*_[0-9._eE+-]*$", "-+0123456789."),
        ("tag:yaml.org,2002:float", r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
        ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
        # ruamel.yaml's other YAML 1.2 integers (0b…, 0o…, 0x…, leading zeros, "_")
        (_NOT_FAST, r"^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$", "-+0123456789"),
        ("tag:yaml.org,2002:timestamp", r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "0123456789"),
        (_NOT_FAST, r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}", "0123456789"),
        ("tag:yaml.org,2002:merge", r"^<<$", "<"),
        ("tag:yaml.org,2002:value", r"^=$", "="),
    ]
    for _tag, _pattern, _first in _RESOLVERS:
        _Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def plain_yaml(text: str) -> typing.Any:
    """``text`` read as ruamel.yaml reads it (YAML 1.2), by libyaml; None when it is not plain
    (the caller then reads it with ruamel.yaml, which reports any problem)."""
    if CSafeLoader is None or _UNUSUAL.search(text) or CONTROL.search(text):
        return None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 (a safe loader)
    except (NotFast, yaml.YAMLError, ValueError, OverflowError, RecursionError, TypeError):
        return None


class LazyDocument(Document):
    """A Document whose round-trip parse (lines and columns) is done when something asks for it."""

    def __init__(self, rel: str, text: str):
        self.rel, self._text, self._data = rel, text, None

    @property
    def data(self) -> typing.Any:
        if self._data is None:
            from ruamel.yaml.comments import CommentedMap

            try:
                self._data = _yaml().load(self._text)
            except Exception:  # libyaml read it; positions are then unknown (line 1)
                self._data = CommentedMap()
        return self._data


def _may_be_too_deep(text: str) -> bool:
    """False when ``load._too_deep`` certainly finds nothing; counted per line, not per bracket.

    ``bound`` never falls below the depth ``_too_deep`` reaches at the end of a line: within a
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
    if CSafeLoader is None:
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
    if _may_be_too_deep(text) and _too_deep(text) is not None:
        return None
    data = plain_yaml(text)
    if not isinstance(data, dict) or ("\\" in text and _escaped_bad_text(data)):
        return None
    try:
        value = cls.model_validate(data)
    except ValidationError:
        return None
    return LazyDocument(path.relative_to(root).as_posix(), text), value
