"""The terminology table and the house style of the seed texts, checked by ``generator check``.

``seeds/terminology.yml`` gives one Vietnamese and one English form for each recurring term and
name, and the variants the texts must not use (a calque, a second spelling, a second word for
the same thing). Every text value of the seeds and of the interface strings is read with its
line; a problem names the file, the line, what was found and the fix:

- a variant listed under ``avoid`` (outside quotation marks: a quotation keeps its wording);
- a quotation mark of another style than “…” (and ‘…’ inside it), in both languages;
- a date written another way than the site's one pattern per language: Vietnamese ``ngày 18
  tháng 3 năm 2021``, ``tháng 3 năm 2021`` (numbers, not month names), English ``18 March 2021``,
  ``March 2021`` (day before month, as CLDR's en-GB long date).

Keys that hold the article's own wording are not checked: ``quote``, ``written``, ``aliases``
(which say whose wording they are in ``note``), and the article's verbatim text; the English
renderings of its sentences keep its terms (only their quotation marks and dates are checked).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.load.read import Document, read_yaml
from generator.problems import Problem, SeedError

TABLE = "seeds/terminology.yml"
LANGS = ("vi", "en")
#: Keys whose values are someone else's wording, kept as written.
VERBATIM_KEYS = {"date_day", "date_month", "date_year", "quote", "written", "aliases", "fingerprint", "id", "url", "cite", "sources", "related", "entities"}

MONTHS_VI = ["Một", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười Một", "Mười Hai"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’")
_BAD_QUOTES = re.compile(r"[«»\"„‟‹›「」]|(?<!\w)'(?=\w)")  # an apostrophe (China's, regulators') is no quotation mark
_VI_MONTH_WORD = re.compile(r"\b[tT]háng (" + "|".join(sorted(MONTHS_VI, key=len, reverse=True)) + r")\b")
_EN_MONTH_DAY = re.compile(r"\b(" + "|".join(MONTHS_EN) + r") ([0-9]{1,2})(?:,? ([0-9]{4}))?\b")
_VI_COMMA_YEAR = re.compile(r"\btháng [0-9]{1,2}, [0-9]{4}\b")


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    vi: str
    en: str
    name: bool = Field(default=False, description="A proper name: the support check looks for it in the cited texts")
    also: list[str] = Field(default=[], description="Other accepted forms (a short name, a plural), in either language")
    avoid: dict[str, list[str]] = Field(default={}, description="Variants the texts must not use, by language")
    why: str | None = None


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    terms: list[_Entry] = Field(min_length=1)


@dataclass(frozen=True)
class Term:
    vi: str
    en: str
    name: bool
    forms: tuple[str, ...]  # every accepted form, both languages
    avoid: dict[str, tuple[str, ...]]


def load_table(root: Path) -> tuple[list[Term], Document]:
    """The table, or SeedError naming the line of a malformed entry."""
    doc = read_yaml(root / TABLE, root)
    try:
        table = _Table.model_validate(doc.data)
    except ValidationError as error:
        problems = [doc.problem(tuple(e["loc"]), e["msg"], "write each entry as `- {vi: …, en: …, avoid: {vi: […], en: […]}}` (see the file's header)") for e in error.errors()]
        raise SeedError(problems) from None
    terms = [Term(e.vi, e.en, e.name, tuple(dict.fromkeys([e.vi, e.en, *e.also])), {k: tuple(v) for k, v in e.avoid.items()}) for e in table.terms]
    return terms, doc


@dataclass(frozen=True)
class TextAt:
    """One text value of a seed file in one language, with where it stands."""

    doc: Document
    loc: tuple[str | int, ...]
    lang: str
    text: str
    rendering: bool = False  # an English rendering of an article sentence: the article's wording, terms as it has them

    def problem(self, message: str, fix: str) -> Problem:
        return self.doc.problem(self.loc, message, fix)


def texts(doc: Document, lang_of_file: str | None = None) -> Iterator[TextAt]:
    """Every checked text of ``doc``: the ``vi``/``en`` values of bilingual mappings (or every
    value, in a one-language file such as the interface strings), verbatim keys left out."""

    def walk(node: object, loc: tuple[str | int, ...]) -> Iterator[TextAt]:
        if isinstance(node, CommentedMap):
            for key, value in node.items():
                if key in VERBATIM_KEYS:
                    continue
                if isinstance(value, str):
                    lang = key if key in LANGS and lang_of_file is None else lang_of_file
                    if lang is not None:
                        rendering = len(loc) == 2 and loc[0] == "sentences" and key == "en"
                        yield TextAt(doc, (*loc, key), lang, unicodedata.normalize("NFC", value), rendering)
                else:
                    yield from walk(value, (*loc, key))
        elif isinstance(node, CommentedSeq):
            for i, value in enumerate(node):
                yield from walk(value, (*loc, i))

    yield from walk(doc.data, ())


def seed_documents(root: Path) -> list[tuple[Document, str | None]]:
    """The seed files and interface strings the style rules apply to (article texts excepted)."""
    seeds = root / "seeds"
    paths = [p for p in sorted(seeds.glob("*.yml")) if p.name != "terminology.yml" and p.name != "support.yml"]
    paths += sorted(seeds.glob("*/article.yml")) + sorted(seeds.glob("*/facts.yml"))
    docs: list[tuple[Document, str | None]] = [(read_yaml(p, root), None) for p in paths]
    strings = root / "generator" / "strings"
    for lang in LANGS:
        if (strings / f"{lang}.yml").is_file():
            docs.append((read_yaml(strings / f"{lang}.yml", root), lang))
    return docs


def _unquoted(text: str) -> str:
    """The text with its quotations blanked (same length, so positions still hold)."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def style_problems(item: TextAt, terms: list[Term]) -> Iterator[Problem]:
    """The house style of one text: terms, quotation marks, dates."""
    plain = _unquoted(item.text)
    folded = plain.casefold()
    for term in terms if not item.rendering else ():
        for variant in term.avoid.get(item.lang, ()):
            if re.search(r"(?<!\w)" + re.escape(variant.casefold()) + r"(?!\w)", folded):
                preferred = term.vi if item.lang == "vi" else term.en
                yield item.problem(f"“{variant}” is not the site's term ({TABLE})", f"write “{preferred}” (or, if the variant is someone's wording, quote it in “…”)")
    bad = _BAD_QUOTES.search(item.text)
    if bad:
        yield item.problem(f"quotation mark {bad.group()!r}: the site's quotation marks are “…” (and ‘…’ inside them), in both languages", "write “…”")
    if item.lang == "vi":
        for match in _VI_MONTH_WORD.finditer(plain):
            number = MONTHS_VI.index(match.group(1)) + 1
            yield item.problem(f"month written as a word, “{match.group()}”: Vietnamese dates are written with numbers", f"write “tháng {number}” (e.g. ngày 18 tháng 3 năm 2021)")
        for match in _VI_COMMA_YEAR.finditer(plain):
            yield item.problem(f"date “{match.group()}”: the Vietnamese pattern is “tháng 3 năm 2021”", "write “tháng M năm YYYY”")
    else:
        for match in _EN_MONTH_DAY.finditer(plain):
            month, day, year = match.groups()
            if int(day) > 31:
                continue
            yield item.problem(f"date “{match.group()}”: the English pattern puts the day first", f"write “{day} {month}{' ' + year if year else ''}”")


def check(root: Path) -> list[Problem]:
    """Every style problem of the seeds and strings under ``root``."""
    if not (root / TABLE).is_file():
        return [Problem(TABLE, 0, 0, "", "file is missing", f"create {TABLE}: the site's terms, one vi/en pair each")]
    terms, _ = load_table(root)
    problems: list[Problem] = []
    for doc, lang in seed_documents(root):
        for item in texts(doc, lang):
            problems.extend(style_problems(item, terms))
    return problems
