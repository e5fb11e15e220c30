"""Markdown output helpers: escaping fact text, and the ``Md`` marker for trusted Markdown.

Every value a template prints goes through ``finalize``: plain ``str`` is escaped so that fact
text shows literally (no HTML, Markdown or template syntax can take effect), while ``Md``, the
Markdown the renderer built itself, passes unchanged. tests/test_properties.py renders escaped
text with the site's Markdown extensions and checks that exactly the text comes out.

>>> escape("A *bold* <b>claim</b> {{ x }}")
'A \\\\*bold\\\\* &lt;b\\\\>claim&lt;/b\\\\> \\\\{\\\\{ x \\\\}\\\\}'
"""

from __future__ import annotations

import json
import re

# Characters with a meaning anywhere in a line for Python-Markdown and the enabled extensions
# (pymdownx.escapeall makes a backslash escape valid before any of them). "<" is written as the
# entity &lt; instead: the raw-HTML parser of md_in_html reads the page before backslash escapes
# are applied, so "\<script" (or "\<!--") in a text made it take the rest of the page for a
# script (or a comment), and Markdown inside later `<div markdown>` blocks was left raw.
_INLINE = re.compile(r"([\\`*_{}\[\]>|~^=&!:$#+\-])")
#: Characters that inline patterns (or the end of the attribute list) react to inside an attr_list value.
_ATTRIBUTE = re.compile(r"([\\`*_{}\[\]>&#])")
#: Characters that end or confuse a link title in double quotes, or start a character reference.
_TITLE = re.compile(r"([\\`\"'()\[\]&#])")
#: At the start of a line: an ordered list item (``1.``, ``1)``) or a details block (``???``).
_LINE_START = re.compile(r"^(\s*\d+)([.)])|^(\s*)(\?)")
#: Control characters left after white space is collapsed: Python-Markdown uses STX and ETX
#: as its own placeholders, so none of them may reach it; they are shown as U+FFFD.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")


class Md(str):
    """Markdown built by the renderer: printed as it is."""

    __slots__ = ()

    def __add__(self, other: str) -> Md:
        return Md(str.__add__(self, other if isinstance(other, Md) else escape(other)))


_SPACE = re.compile(r"\s+")


def escape(text: str) -> str:
    """Plain text → Markdown that renders exactly that text, on one line."""
    text = _INLINE.sub(r"\\\1", _CONTROL.sub("\ufffd", _SPACE.sub(" ", text))).replace("<", "&lt;")
    return _LINE_START.sub(_escape_line_start, text) if _LINE_START.match(text) else text


def _escape_line_start(m: re.Match) -> str:
    return f"{m[1] or m[3]}\\{m[2] or m[4]}"


def finalize(value: object) -> str:
    """Jinja's ``finalize``: escape every printed value that is not ``Md``."""
    if isinstance(value, Md):
        return value
    if value is None:
        return ""
    return escape(str(value))


def title_attr(text: str) -> str:
    """Text for a Markdown link title in double quotes.

    Python-Markdown finds code spans before links, and finds the end of a link by counting
    quotes and brackets: each of these characters is escaped, so only the closing ``")`` counts.
    """
    return _TITLE.sub(r"\\\1", _CONTROL.sub("\ufffd", " ".join(text.split()))).replace("<", "&lt;")


def attr_value(text: str) -> str:
    """Text for an attr_list value in double quotes."""
    return _ATTRIBUTE.sub(r"\\\1", _CONTROL.sub("\ufffd", " ".join(text.split()))).replace('"', "&quot;").replace("<", "&lt;")


def yaml_scalar(text: str) -> Md:
    """A YAML scalar for front matter (JSON strings are valid YAML)."""
    return Md(json.dumps(" ".join(str(text).split()), ensure_ascii=False))
