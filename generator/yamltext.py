"""YAML text read as the seeds are read everywhere: YAML 1.2 with ruamel.yaml's types.

``plain_yaml`` reads plain text with PyYAML's libyaml binding (ten times faster than ruamel.yaml's
pure-Python loader), typing plain scalars as ruamel.yaml does; anything unusual returns None and
the caller reads it with ruamel.yaml, which reports any problem with its line. Used by the load
stage's fast path (``generator.load.fast``) and for the interface words (``generator.strings``).
"""

from __future__ import annotations

import re
import typing

import yaml
from yaml.nodes import MappingNode, Node

#: Control characters a seed file may not hold (tab, line feed and carriage return aside).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: Whether libyaml is there: without it there is no fast path (the pure-Python loader is no faster).
FAST: bool = yaml.__with_libyaml__

#: Text that the fast path leaves to the round-trip loader: anchors and aliases (``&a``, ``*a``:
#: a node starts after white space, ``[``, ``{``, ``,``, ``:``, ``?`` or ``-``, or at a line start),
#: explicit tags (``!!str``, ``!x``), directives (``%YAML``), and line breaks that YAML 1.1
#: (libyaml) and YAML 1.2 (ruamel.yaml) treat differently; tabs too (libyaml reads ``key\t:``,
#: which ruamel.yaml refuses).
_UNUSUAL = re.compile(r"(?:^|[\s\[{,:?-])[&*!]|^%|[\x85\u2028\u2029\t]", re.MULTILINE)
_NOT_FAST = "tag:news-explained,2025:not-fast"


class NotFast(Exception):
    """The file needs the round-trip loader."""


if FAST:

    class _Loader(yaml.CSafeLoader):
        """libyaml with the plain scalars typed as ruamel.yaml types them (YAML 1.2), in their
        canonical forms only; other forms of numbers and dates raise NotFast."""

        yaml_implicit_resolvers: dict[typing.Any, list[tuple[str, typing.Pattern[str]]]] = {}  # noqa: RUF012 (PyYAML's per-class table, filled below)

        def flatten_mapping(self, node: MappingNode) -> None:
            for key_node, _ in node.value:
                if key_node.tag in ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"):
                    raise NotFast("merge key")

        def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[typing.Hashable, typing.Any]:
            mapping = super().construct_mapping(node, deep=deep)
            if len(mapping) != len(node.value):
                raise NotFast("duplicate key")
            return mapping

    def _not_fast(loader: yaml.CSafeLoader, node: Node) -> typing.NoReturn:
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
    if not FAST or _UNUSUAL.search(text) or CONTROL.search(text):
        return None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 (a safe loader)
    except (NotFast, yaml.YAMLError, ValueError, OverflowError, RecursionError, TypeError):
        return None
