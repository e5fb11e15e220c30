"""Markdown output helpers: escaping fact text, and the ``Md`` marker for trusted Markdown.

Every value a template prints goes through ``finalize``: plain ``str`` is escaped so that fact
text shows literally (no HTML, Markdown or template syntax can take effect), while ``Md``, the
Markdown the renderer built itself, passes unchanged. tests/test_properties.py renders escaped
text with the site's Markdown extensions and checks that exactly the text comes out.

>>> escape("A *bold* <b>claim</b> {{ x }}")
'A \\\\*bold\\\\* &lt;b\\\\>claim&lt;/b\\\\> \\\\{\\\\{ x \\\\}\\\\}'
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

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


def _escape_line_start(m: re.Match[str]) -> str:
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


def html_text(text: str) -> str:
    """Plain text → the HTML of exactly that text in an element, on one line: what Python-Markdown
    makes of ``escape(text)``.

    >>> html_text('A "b" <c> & *d*')
    'A "b" &lt;c&gt; &amp; *d*'
    """
    return _CONTROL.sub("\ufffd", _SPACE.sub(" ", text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_attr(text: str) -> str:
    """Plain text → an HTML attribute value in double quotes that holds exactly that text, on one
    line: what Python-Markdown writes for a link title ``title_attr(text)``.

    >>> html_attr('A "b" <c> & *d*')
    'A &quot;b&quot; &lt;c&gt; &amp; *d*'
    """
    return _CONTROL.sub("\ufffd", " ".join(text.split())).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


# -- finished HTML in the Markdown ------------------------------------------------------------------

#: A glossary, name or citation link as ``render`` writes it: finished HTML (its text and
#: attribute values escaped by ``html_text`` and ``html_attr``, so without "<" or ">").
FINISHED_LINK = re.compile(r'<a (?:aria-label="[^"<>]*" )?class="(?:term|entity|cite|cite cite-outside)"[^<>]*>[^<>]*</a>')


class FinishedHtml(Extension):
    """Python-Markdown extension (``generator.render.markdown`` in mkdocs.yml): the generator's finished
    links are set aside before Python-Markdown reads the page, as it sets aside raw HTML, and put
    back as they are in the page's HTML.

    A page has dozens of glossary and citation links. Written as Markdown links with titles and
    attribute lists, they were the larger part of converting a page; written as inline HTML, the
    raw-HTML parser of md_in_html and the inline patterns still went through each tag. Set aside
    by one regular expression, they cost nothing more. The HTML is the same: the generator writes
    what Python-Markdown wrote for the Markdown links (tests/test_properties.py compares both).

    Fenced code is set aside before (superfences), so an example in a code block stays text."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_SetAside(md), "generator_finished_html", 22)  # after fenced code (25), before raw HTML (20)


class _SetAside(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "<a " not in text:
            return lines
        stash = self.md.htmlStash.store
        return FINISHED_LINK.sub(lambda match: stash(match.group(0)), text).split("\n")


def makeExtension(**kwargs: Any) -> FinishedHtml:  # the name Python-Markdown looks for
    return FinishedHtml(**kwargs)


_YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(fields: dict[str, str | None]) -> Md:
    """A page's front matter fields, written by the YAML library the engine reads them with
    (each value on one line, white space runs as one space; a None field is left out).

    >>> print(front_matter({"title": 'Say "yes": no', "type": None, "n": "1"}), end="")
    title: 'Say "yes": no'
    n: '1'
    """
    values = {key: " ".join(str(value).split()) for key, value in fields.items() if value is not None}
    return Md(yaml.dump(values, Dumper=_YAML_DUMPER, allow_unicode=True, sort_keys=False, width=1 << 30, default_flow_style=False))
