"""Markdown output helpers: escaping fact text, and the ``Md`` marker for trusted Markdown.

Every value a template prints goes through ``finalize``: plain ``str`` is escaped so that fact
text shows literally (no HTML, Markdown or template syntax can take effect), while ``Md``, the
Markdown the renderer built itself, passes unchanged.

>>> escape("A *bold* <b>claim</b> {{ x }}")
'A \\\\*bold\\\\* \\\\<b\\\\>claim\\\\</b\\\\> \\\\{\\\\{ x \\\\}\\\\}'
"""

from __future__ import annotations

import json
import re

# Characters with a meaning anywhere in a line for Python-Markdown and the enabled extensions
# (pymdownx.escapeall makes a backslash escape valid before any of them).
_INLINE = re.compile(r"([\\`*_{}\[\]<>|~^=&!:$#+\-])")
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])")


class Md(str):
    """Markdown built by the renderer: printed as it is."""

    __slots__ = ()

    def __add__(self, other: str) -> Md:
        return Md(str.__add__(self, other if isinstance(other, Md) else escape(other)))


def escape(text: str) -> str:
    """Plain text → Markdown that renders exactly that text, on one line."""
    text = re.sub(r"\s+", " ", text)
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(r"\1\2\\\3", text)


def finalize(value: object) -> str:
    """Jinja's ``finalize``: escape every printed value that is not ``Md``."""
    if isinstance(value, Md):
        return value
    if value is None:
        return ""
    return escape(str(value))


def title_attr(text: str) -> str:
    """Text for a Markdown link title in double quotes."""
    text = " ".join(text.split())
    return text.replace("\\", "\\\\").replace('"', "\\\"")


def attr_value(text: str) -> str:
    """Text for an attr_list value in double quotes."""
    return " ".join(text.split()).replace('"', "&quot;")


def yaml_scalar(text: str) -> Md:
    """A YAML scalar for front matter (JSON strings are valid YAML)."""
    return Md(json.dumps(" ".join(str(text).split()), ensure_ascii=False))
