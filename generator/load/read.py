"""Load stage: seed files → typed model, every value traceable to its file and line.

YAML is read with ruamel.yaml's round-trip loader, which keeps the line and column of every
key and item; pydantic checks the shapes, and its error locations are mapped back to lines.
Whatever a file holds (any bytes, impossible dates, aliases, deep nesting), the answer is a
model or a SeedError, never another exception (tests/test_properties.py fuzzes it; the
catalogue of messages is tests/test_bad_inputs.py and docs/en/errors.md).
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import types
import typing
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import ConstructorError, DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.reader import ReaderError

from generator import model
from generator.load.sentences import Sentence
from generator.problems import Problem, SeedError, key_path
from generator.yamltext import CONTROL

ARTICLE_FILE = "article.vi.txt"
SITE_FILES = ("glossary.yml", "entities.yml", "sources.yml")
ARTICLE_FILES = ("article.yml", "facts.yml")
#: Articles longer than this are refused: a news article is a few kilobytes.
MAX_ARTICLE_BYTES = 200_000
MAX_YAML_BYTES = 2_000_000
#: Seed files nest a few levels; deeper brackets are a mistake (and YAML parsers slow down on them).
MAX_NESTING = 100
SLUG = re.compile(model.ID_PATTERN)
#: Control characters: invisible in editors, meaningless in an article (tab and line breaks are fine).
#: The temporary folder `generator draft` writes before renaming it to seeds/<slug>/.
DRAFT_WORK_DIR = re.compile(r"^\.[a-z0-9-]+\.draft-")


@dataclass
class Document:
    """A parsed YAML file; ``where`` maps a key path to its line and column (1-based)."""

    rel: str
    data: typing.Any

    def where(self, loc: tuple[str | int, ...]) -> tuple[int, int]:
        node, line, column = self.data, 1, 1
        for part in loc:
            try:
                if isinstance(node, CommentedMap) and part in node:
                    child = node[part]
                    at = node.lc.key(part) if isinstance(child, (CommentedMap, CommentedSeq)) and child else node.lc.value(part)
                elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                    child, at = node[part], node.lc.item(part)
                else:
                    break
            except (TypeError, KeyError, IndexError):  # an unhashable key, a tagged node
                break
            if not at:  # a value merged in with `<<` or a tagged node has no position of its own
                break
            line, column = at[0] + 1, at[1] + 1
            node = child
        return line, column

    def problem(self, loc: tuple[str | int, ...], message: str, fix: str) -> Problem:
        line, column = self.where(loc)
        return Problem(self.rel, line, column, key_path(loc), message, fix)


@dataclass
class Article:
    slug: str
    text: str  # NFC, without BOM
    text_rel: str
    sentences: list[Sentence]
    meta: model.ArticleMeta
    facts: model.Facts
    meta_doc: Document
    facts_doc: Document

    @cached_property
    def by_id(self) -> dict[str, Sentence]:
        return {s.id: s for s in self.sentences}


@dataclass
class Site:
    root: Path
    glossary: model.Glossary
    entities: model.Entities
    sources: model.Sources
    articles: list[Article]  # newest first
    docs: dict[str, Document] = field(default_factory=dict)

    @cached_property
    def by_slug(self) -> dict[str, Article]:
        return {a.slug: a for a in self.articles}


T = typing.TypeVar("T")

#: A table of ``derived``: an object's id → (the object, the context, the value).
Derived = dict[int, tuple[object, object, typing.Any]]


def derived(table: Derived, obj: object, context: object, make: typing.Callable[[], T]) -> T:
    """A value made from ``obj`` and ``context``, kept in ``table`` while ``obj`` is the same object
    and ``context`` is equal. In a process that builds again and again (`mkdocs serve`), the
    model of an unchanged seed file, and the ``Article`` of an unchanged article, are the objects
    of the last build (``generator.load.fast``, ``generator.load.seeds``): what later stages make
    of one article is then made once, not at every save for every article."""
    value = recall(table, obj, context)
    if value is FORGOTTEN:
        value = remember(table, obj, context, make())
    return typing.cast(T, value)


#: What ``recall`` gives for an object (or a context) that ``table`` does not hold.
FORGOTTEN = object()


def recall(table: Derived, obj: object, context: object) -> typing.Any:
    """The value ``table`` holds for ``obj`` in ``context`` (see ``derived``), or ``FORGOTTEN``."""
    kept = table.get(id(obj))
    return kept[2] if kept is not None and kept[0] is obj and kept[1] == context else FORGOTTEN


def remember(table: Derived, obj: object, context: object, value: T) -> T:
    """Keep ``value`` for ``obj`` in ``context`` (see ``derived``)."""
    if len(table) > 100_000:  # the objects of many builds ago
        table.clear()
    table[id(obj)] = (obj, context, value)
    return value


class _Constructor(RoundTripConstructor):
    """Keeps a scalar that cannot be converted (2021-02-30, a 5,000-digit number) as its text,
    so that the model reports it with its key path and line instead of a crash."""

    def construct_non_recursive_object(self, node: typing.Any, tag: str | None = None) -> typing.Any:
        try:
            return super().construct_non_recursive_object(node, tag)
        except (ValueError, OverflowError):
            if isinstance(node, ScalarNode):
                return str(node.value)
            raise

    # the signature of RoundTripConstructor, which ruamel.yaml itself gives another than its base classes
    def construct_mapping(self, node: typing.Any, maptyp: typing.Any, deep: bool = False) -> typing.Any:  # type: ignore[override]
        self._scalar_keys(node)
        return super().construct_mapping(node, maptyp, deep)

    def construct_setting(self, node: typing.Any, typ: typing.Any, deep: bool = False) -> typing.Any:
        self._scalar_keys(node)
        return super().construct_setting(node, typ, deep)

    @staticmethod
    def _scalar_keys(node: typing.Any) -> None:
        """A key that is a list or a mapping (``? [a, b]``) cannot be a seed key, nor hashed."""
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode):
                raise ConstructorError("while constructing a mapping", node.start_mark, "found a key that is a list or a mapping (keys are text)", key_node.start_mark)


def round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    return yaml


def _closing_quote(line: str, start: int) -> int | None:
    """Index of the quote that closes the quoted text opened at ``start``, or None."""
    quote, i = line[start], start + 1
    while i < len(line):
        if quote == '"' and line[i] == "\\":
            i += 2
            continue
        if line[i] == quote:
            if quote == "'" and line[i + 1 : i + 2] == "'":  # '' is a quote inside '…'
                i += 2
                continue
            return i
        i += 1
    return None


def _unclosed_quote(lines: list[str]) -> tuple[int, int] | None:
    """Line and column of the last quoted value that is not closed on its own line."""
    found = None
    for number, line in enumerate(lines, start=1):
        value_start, i = True, 0
        while i < len(line):
            char = line[i]
            if char in " \t":
                i += 1
                continue
            if char == "#" and (i == 0 or line[i - 1] in " \t"):
                break  # a comment
            if char in "\"'" and value_start:
                end = _closing_quote(line, i)
                if end is None:
                    found = (number, i + 1)
                    break
                i, value_start = end + 1, False
                continue
            value_start = char in "[{," or (char in ":-?" and line[i + 1 : i + 2] in ("", " ", "\t"))
            i += 1
    return found


#: How to fix a YAML syntax error, by what the parser says (in order; the first that matches).
_SYNTAX_FIXES: tuple[tuple[typing.Callable[[str], bool], str], ...] = (
    (lambda detail: ("end of stream" in detail and "quot" in detail) or "found unexpected end of stream" in detail, "close the quoted text with the same quote mark it opened with"),
    (lambda detail: "mapping values are not allowed" in detail, 'quote text that contains ": ", e.g. text: "a: b"'),
    (lambda detail: "keys are text" in detail, "write each key as plain text, `key: value` (a line starting with `? ` makes a complex key)"),
    (lambda detail: "while parsing a flow" in detail and "'<scalar>'" in detail, 'check the quote marks before this position: a " inside "…" ends the text early (write \\" or use “…”)'),
)


def _syntax_problem(rel: str, error: MarkedYAMLError, text: str = "") -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    detail = " ".join(str(p) for p in (error.context, error.problem) if p)
    detail = re.sub(r"\s+", " ", detail).strip()
    if isinstance(error, DuplicateKeyError):
        fix = "each key may appear once in a mapping: remove or rename one of the two"
    elif "'\\t'" in detail or "\t" in detail:
        fix = "indent with spaces, not tabs"
    else:
        unclosed = None if "\\t" in detail else _unclosed_quote(text.split("\n")[:line])
        if unclosed is not None:
            # The parser fails where the runaway text ends, often lines later: point at its start.
            message = f"YAML syntax error: the quoted text that starts here is not closed on its line (the parser stopped at line {line}, column {column}: {detail})"
            return Problem(rel, *unclosed, "", message, "close the quoted text with the same quote mark it opened with")
        fix = next((f for test, f in _SYNTAX_FIXES if test(detail)), "correct the YAML syntax at this position (a YAML linter shows the detail)")
    return Problem(rel, line, column, "", f"YAML syntax error: {detail}", fix)


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def too_deep(text: str) -> int | None:
    """Offset of the first bracket nested more than MAX_NESTING deep (quotes are not parsed)."""
    depth = 0
    for match in re.finditer(r"[\[\]{}]", text):
        depth = depth + 1 if match.group() in "[{" else max(0, depth - 1)
        if depth > MAX_NESTING:
            return match.start()
    return None


def _first_alias(text: str) -> AliasEvent | None:
    """The first YAML alias (``*name``, also in ``<<: *name``) of the file, if any."""
    if "*" not in text:
        return None
    return next((event for event in round_trip().parse(text) if isinstance(event, AliasEvent)), None)


def _first_tag(text: str) -> typing.Any:
    """The first node with an explicit YAML tag (``!!str``, ``!x``, ``!!python/object:…``), if any."""
    if "!" not in text:
        return None
    return next((event for event in round_trip().parse(text) if getattr(event, "tag", None) is not None), None)


def not_nfc(text: str) -> int | None:
    """Offset of the first character that is not in Unicode's composed form (NFC), or None.

    Vietnamese typed on some systems (or copied from some PDFs) is decomposed (NFD): "ệ" as "e"
    plus two combining marks. It looks the same but does not match composed text, so quotes,
    searches and fingerprints silently differ: seed files must be NFC."""
    if unicodedata.is_normalized("NFC", text):
        return None
    start = 0
    for line in text.split("\n"):
        if not unicodedata.is_normalized("NFC", line):
            for i in range(len(line)):
                # the first prefix that is not NFC ends with a mark that composes with what precedes it
                if not unicodedata.is_normalized("NFC", line[: i + 1]):
                    base = i
                    while base > 0 and unicodedata.combining(line[base]):
                        base -= 1
                    return start + base
            return start + len(line) - 1
        start += len(line) + 1
    return 0


def nfc_fix(rel: str) -> str:
    """How to convert a seed file to NFC (it looks the same afterwards)."""
    return (
        "convert the file to composed Unicode (NFC; it looks the same afterwards): "
        f"""python3 -c "import sys, unicodedata as u; p = sys.argv[1]; t = open(p, encoding='utf-8', newline='').read(); open(p, 'w', encoding='utf-8', newline='').write(u.normalize('NFC', t))" {rel}"""
    )
SURROGATE = re.compile("[\ud800-\udfff]")


def _bad_code_points(doc: Document) -> list[Problem]:
    """Text that an escape made impossible (a lone surrogate such as "\\ud800") or decomposed
    (NFD, such as "e\\u0301"): refused at the key that holds it."""
    problems: list[Problem] = []

    def walk(value: typing.Any, loc: tuple[str | int, ...]) -> None:
        if isinstance(value, str):
            surrogate = SURROGATE.search(value)
            if surrogate:
                problems.append(doc.problem(loc, f"the text holds U+{ord(surrogate.group()):04X}, half of a surrogate pair: not a character (an escape such as \\u{ord(surrogate.group()):04x} wrote it)", "write the character itself, or its full code point (\\U0001F600, not two \\u escapes)"))
            elif not unicodedata.is_normalized("NFC", value):
                problems.append(doc.problem(loc, "the text is not in composed Unicode (NFC): an escape wrote a combining mark apart from its letter", "write the composed letter itself (ệ, not e with \\u0323\\u0302)"))
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and (SURROGATE.search(key) or not unicodedata.is_normalized("NFC", key)):
                    problems.append(doc.problem(loc, f"the key {key.encode('utf-8', 'backslashreplace').decode()!r} holds a surrogate or decomposed text", "write the key in plain ASCII, as in seeds/README.md"))
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, (*loc, i))

    walk(doc.data, ())
    return problems


LINK_FIX = "replace the link with a regular file or folder that holds the content itself"


def read_seed_bytes(path: Path) -> bytes:
    """The bytes of a seed file, never through a symbolic link (``O_NOFOLLOW``: a link that
    appeared after ``links`` looked is refused by the system, as an OSError)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def links(root: Path, *paths: Path, within: typing.Collection[str] | None = None) -> list[Problem]:
    """Symbolic links in ``seeds/`` (or at ``paths``): a problem each, their target never read.
    ``within``: the article folders to look into (with what ``seeds/`` itself holds), when no
    other file changed since the last look.

    A link in a pull request could make the build read a file of the machine it runs on (and
    quote it in a message) or a folder outside the project; the seeds are what the repository
    holds, so a link is refused wherever it points."""
    found: list[Path] = []
    seeds = root / "seeds"
    for path in (seeds, *paths):
        if path.is_symlink():
            found.append(path)
    if not found and seeds.is_dir():
        if within is None:
            found += _links_under(seeds)
        else:
            found += [entry for entry in seeds.iterdir() if entry.is_symlink()]
            for name in within:
                if (seeds / name).is_dir() and not (seeds / name).is_symlink():
                    found += _links_under(seeds / name)
    return [
        Problem(path.relative_to(root).as_posix(), 0, 0, "", "a symbolic link: seed files are read only inside seeds/, and links are never followed", LINK_FIX)
        for path in sorted(set(found))
    ]


def _links_under(top: Path) -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(top):  # links to folders are listed, not followed
        found += [Path(folder) / name for name in (*dirs, *files) if (Path(folder) / name).is_symlink()]
    return found


def _decoded(path: Path, rel: str, noun: str, limit: int, too_large_fix: str) -> str:
    """The text of a seed file (``noun``: "file", or "article" for an article's text): at most
    ``limit`` bytes (checked before reading: a huge file is never loaded), readable, UTF-8 (a
    byte order mark dropped)."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise SeedError([Problem(rel, 0, 0, "", f"the {noun} is {size:,} bytes, more than the {limit:,} allowed", too_large_fix)])
        raw = read_seed_bytes(path)
    except OSError as error:
        raise SeedError([Problem(rel, 0, 0, "", f"the {noun} cannot be read ({error.strerror})", "check that it is a readable file")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SeedError([Problem(rel, line, 1, "", f"the {noun} is not UTF-8", f"save the {noun} as UTF-8")]) from None


def _read_text(path: Path, rel: str) -> str:
    """The text of a seed file: not too large, readable, UTF-8, composed (NFC), not nested too deep."""
    text = _decoded(path, rel, "file", MAX_YAML_BYTES, f"keep seed files under {MAX_YAML_BYTES:,} bytes: check that this is the right file")
    decomposed = not_nfc(text)
    if decomposed is not None:
        raise SeedError([Problem(rel, *_position(text, decomposed), "", "the text is decomposed Unicode (NFD: a letter and its accents as separate characters), not the composed form (NFC) seed files use", nfc_fix(rel))])
    deep = too_deep(text)
    if deep is not None:
        raise SeedError([Problem(rel, *_position(text, deep), "", f"brackets are nested more than {MAX_NESTING} levels deep", "close each [ and { that you open; seed files nest a few levels only")])
    return text


def _parse(rel: str, text: str) -> tuple[typing.Any, AliasEvent | None]:
    """The YAML of a seed file (its tags refused) and its first alias, if any (refused by the caller
    once the file is known to be a mapping)."""
    try:
        alias = _first_alias(text)
        tagged = _first_tag(text)
        if tagged is not None:  # before the load: some tags make the loader fail with another message
            mark, tag = tagged.start_mark, str(tagged.tag)
            shown = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
            raise SeedError([Problem(rel, mark.line + 1, mark.column + 1, "", f"explicit YAML tag {shown}: tags (!name, !!type) are not allowed in seed files", 'remove the tag; quote the value ("…") if it must be read as text')])
        data = round_trip().load(text)
    except MarkedYAMLError as error:
        raise SeedError([_syntax_problem(rel, error, text)]) from None
    except ReaderError as error:
        character = error.character if isinstance(error.character, int) else ord(error.character[:1] or b"\0")
        raise SeedError([Problem(rel, *_position(text, error.position), "", f"the file contains the control character U+{character:04X}, which YAML does not allow", "delete it: it is invisible in most editors (it often comes from text copied out of a PDF or a word processor)")]) from None
    except YAMLError as error:
        raise SeedError([Problem(rel, 1, 1, "", f"YAML error: {' '.join(str(error).split())}", "correct the YAML syntax (a YAML linter shows the detail)")]) from None
    except RecursionError:
        raise SeedError([Problem(rel, 1, 1, "", "the YAML is nested too deeply to read", "seed files nest a few levels only: check the indentation")]) from None
    return data, alias


def read_yaml(path: Path, root: Path) -> Document:
    """Parse one YAML file; every problem raises SeedError with the position, never a crash."""
    rel = path.relative_to(root).as_posix()
    text = _read_text(path, rel)
    data, alias = _parse(rel, text)
    if not isinstance(data, CommentedMap):
        raise SeedError([Problem(rel, 1, 1, "", "expected a mapping of keys at the top of the file", "start the file with its keys, as in seeds/README.md")])
    if alias is not None:
        # Refused: a few aliases can make a file stand for billions of values.
        mark = alias.start_mark
        raise SeedError([Problem(rel, mark.line + 1, mark.column + 1, "", f"YAML alias *{alias.anchor}: anchors and aliases (&name, *name, <<:) are not supported in seed files", "write the value out in full here")])
    doc = Document(rel, data)
    bad = _bad_code_points(doc)
    if bad:
        raise SeedError(bad)
    return doc


def _model_at(cls: typing.Any, loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that holds the key at ``loc`` (to suggest valid keys)."""
    current: typing.Any = cls
    for part in loc:
        current = _unwrap(current)
        if current is None:
            return None
        if isinstance(part, int) or (isinstance(current, type) and not issubclass(current, BaseModel)):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            if info is None:
                return current
            current = info.annotation
    unwrapped = _unwrap(current)
    return unwrapped if isinstance(unwrapped, type) and issubclass(unwrapped, BaseModel) else None


def _unwrap(annotation: typing.Any) -> typing.Any:
    """list[X], dict[K, X], X | None, Annotated[X, ...] → X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is None:
            return annotation
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if origin is typing.Annotated or origin in (list, tuple, set):
            annotation = args[0]
        elif origin is dict:
            annotation = args[1]
        elif origin in (typing.Union, types.UnionType):
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            annotation = models[0] if models else args[0]
        elif origin is typing.Literal:
            return annotation
        else:
            return annotation


_PATTERN_HINTS = {
    model.ID_PATTERN: "use lower-case ASCII letters, digits and single hyphens, e.g. deepfake-rules",
    model.SENTENCE_PATTERN: "a sentence ID is pNsM (paragraph N, sentence M), e.g. p2s1",
    model.CITATION_PATTERN: "cite pNsM, or slug/pNsM in site-wide files, e.g. deepfake-clubhouse-2021/p3s1",
    model.PARTIAL_DATE_PATTERN: "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2021-02 or 2021-03-18",
    model.URL_PATTERN: "write the full address, starting with https:// or http://; percent-encode spaces, quotes and brackets (%20, %22, %28, %29)",
    model.HTTPS_URL_PATTERN: "write the full address, starting with https://; percent-encode spaces, quotes and brackets (%20, %22, %28, %29)",
    model.FINGERPRINT_PATTERN: "copy the 12-character fingerprint that `python -m generator sentences SLUG` prints for the sentence",
}
_LANGUAGES = {"vi": "Vietnamese", "en": "English"}
#: How to fix what the models' own checks refuse, by the start of their message.
_VALUE_FIXES = (
    ("a claim needs", "add `cite: [p2s1]` with the article sentences it rests on, or `sources: [id]` with outside sources from seeds/sources.yml"),
    ("an event needs", "add `cite: [p2s1]` with the article sentences that report it, or `sources: [id]` with outside sources from seeds/sources.yml"),
    ("a `quote` needs", "add `cite:` with the sentence the quote is copied from"),
    ("give exactly one of", "keep one: `date` for a known day, month or year, `weekday` for a day the article names (“hôm thứ Năm”), `before` for an undisclosed date, `after` for a date relative to another event"),
    ("`part`", "write the month without its day (date: 2021-02), or remove `part`"),
)


def _describe(value: typing.Any) -> str:
    if isinstance(value, (CommentedMap, dict)):
        return "a mapping"
    if isinstance(value, (CommentedSeq, list)):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, dt.datetime):
        return f"a date and time {value.isoformat()!r}"
    return f"{type(value).__name__} {str(value)[:60]!r}"


def pydantic_problems(doc: Document, cls: type[BaseModel], error: ValidationError) -> list[Problem]:
    """Turn pydantic's errors into problems with lines, what was found and how to fix it."""
    problems = []
    errors = error.errors(include_url=False)
    # A misspelt key is reported once, as unknown with "did you mean", not also as missing.
    misspelt = set()
    for item in errors:
        if item["type"] == "extra_forbidden":
            parent = _model_at(cls, item["loc"][:-1])
            misspelt |= {(item["loc"][:-1], close) for close in difflib.get_close_matches(str(item["loc"][-1]), sorted(parent.model_fields) if parent else [], n=1)}
    for item in errors:
        loc = tuple(p for p in item["loc"] if p != "[key]")
        kind, name = item["type"], str(loc[-1]) if loc else ""
        if kind == "missing" and (loc[:-1], name) in misspelt:
            continue
        if kind == "invalid_key":
            line, column = doc.where(loc)
            problems.append(Problem(doc.rel, line, column, key_path(loc[:-1]), f"a key must be text, found {loc[-1]!s}", 'write the key as text (put it in quotes, e.g. "1":), as in seeds/README.md'))
        elif kind == "missing":
            problems.append(doc.problem(loc[:-1], *_missing(cls, loc, name)))
        else:
            explain = _EXPLAIN.get(kind)
            message, fix = explain(item, cls, loc, name) if explain else (item["msg"], "see seeds/README.md for the form of this value")
            problems.append(doc.problem(loc, message, fix))
    return problems


#: What pydantic's error gives to turn it into (message, fix): the error, the model, the key path and its last key.
Explain = typing.Callable[[ErrorDetails, type[BaseModel], tuple[str | int, ...], str], tuple[str, str]]


def _missing(cls: type[BaseModel], loc: tuple[str | int, ...], name: str) -> tuple[str, str]:
    if name in _LANGUAGES and _model_at(cls, loc[:-1]) is model.Text:
        return f"missing {_LANGUAGES[name]} translation", f"add `{name}: …` with the {_LANGUAGES[name]} text"
    return f"required key `{name}` is missing", f"add `{name}:` here (see seeds/README.md for its form)"


def _unknown_key(item: ErrorDetails, cls: type[BaseModel], loc: tuple[str | int, ...], name: str) -> tuple[str, str]:
    parent = _model_at(cls, loc[:-1])
    allowed = sorted(parent.model_fields) if parent else []
    close = difflib.get_close_matches(name, allowed, n=1)
    return f"unknown key `{name}`", f"did you mean `{close[0]}`?" if close else f"remove it; allowed keys here: {', '.join(allowed)}"


#: How to fix what the models' own checks say, by the start of their message (in order; the first that matches).
_MESSAGE_FIXES = (
    ("HTML", "write plain text: pages show fact text literally; describe instead of marking up"),
    ("impossible date", "give a date that exists in the calendar"),
    ("implausible date", "check the year"),
)


def _value_error(item: ErrorDetails, cls: type[BaseModel], loc: tuple[str | int, ...], name: str) -> tuple[str, str]:
    message = str(item["ctx"]["error"])
    if message == "empty text":
        lang = _LANGUAGES.get(name)
        return (f"empty {lang} translation", f"write the {lang} text") if lang else ("empty text", "write the text, or remove the key")
    fix = next((f for start, f in _MESSAGE_FIXES if message.startswith(start)), None)
    if fix is not None:
        return message, fix
    if "; write " in message:  # the message names the accepted forms
        message, fix = message.split("; ", 1)
        return message, fix
    if message.startswith("the invisible character"):
        return message, "delete it (YAML escapes such as \\a, \\x07 or \\u202e write invisible characters)"
    return message, next((f for start, f in _VALUE_FIXES if message.startswith(start)), "see seeds/README.md for the form of this value")


def _not_a_date(item: ErrorDetails, cls: type[BaseModel], loc: tuple[str | int, ...], name: str) -> tuple[str, str]:
    impossible = _impossible_date(item.get("input"))
    if impossible:
        return impossible, "give a date that exists in the calendar"
    return f"expected a date, found {_describe(item.get('input'))}", "write the date as YYYY-MM-DD, e.g. 2021-03-19"


def _expected(what: str, fix: str) -> Explain:
    """A value of the wrong type: "expected ``what``, found …" and how to write it."""
    return lambda item, cls, loc, name: (f"expected {what}, found {_describe(item.get('input'))}", fix)


def _fixed(message: str, fix: str) -> Explain:
    """A message and fix formatted with the error's input (``found``) and context (``ctx``)."""
    return lambda item, cls, loc, name: (message.format(found=item.get("input"), ctx=item.get("ctx", {})), fix.format(ctx=item.get("ctx", {})))


def _pattern(item: ErrorDetails, cls: type[BaseModel], loc: tuple[str | int, ...], name: str) -> tuple[str, str]:
    pattern = item["ctx"]["pattern"]
    return f"{item.get('input')!r} is not valid here", _PATTERN_HINTS.get(pattern, f"match {pattern}")


_TYPE_ERRORS: tuple[tuple[tuple[str, ...], Explain], ...] = (
    (("extra_forbidden",), _unknown_key),
    (("string_pattern_mismatch",), _pattern),
    (("value_error",), _value_error),
    (("literal_error",), _fixed("{found!r} is not one of the allowed values", "use {ctx[expected]}")),
    (("date_parsing", "date_from_datetime_parsing", "date_type", "date_from_datetime_inexact"), _not_a_date),
    (("string_too_long",), lambda item, cls, loc, name: (f"{str(item.get('input'))[:40]!r}… is too long (at most {item['ctx']['max_length']} characters)", "use a shorter value")),
    (("model_type", "model_attributes_type", "dict_type"), _expected("a mapping of keys", "write the keys indented below, as in seeds/README.md")),
    (("list_type",), _expected("a list", "write a list, e.g. [p2s1] or one `- item` per line")),
    (("string_type", "str_type"), _expected("text", 'write text; quote it ("…") if YAML reads it as something else')),
    (("bool_type", "bool_parsing"), _expected("true or false", "write true or false")),
    (("too_short",), _fixed("this list is empty", "add at least one item")),
)
#: pydantic's error type → how to explain it (message, fix); any other type keeps pydantic's message.
_EXPLAIN: dict[str, Explain] = {kind: explain for kinds, explain in _TYPE_ERRORS for kind in kinds}


def _impossible_date(value: typing.Any) -> str | None:
    """``impossible date '2021-02-30' (…)`` for a well-formed date that is not in the calendar."""
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return None
    try:
        dt.date(*map(int, value.split("-")))
    except ValueError as error:
        return f"impossible date {value!r} ({error})"
    return None


def load_model(doc: Document, cls: type[BaseModel]) -> BaseModel:
    try:
        return cls.model_validate(doc.data)
    except ValidationError as error:
        raise SeedError(pydantic_problems(doc, cls, error)) from None


def read_article_text(path: Path, root: Path) -> str:
    """The article as text for processing: UTF-8 in composed form (NFC), BOM dropped. The file is never changed."""
    rel = path.relative_to(root).as_posix()
    text = _decoded(path, rel, "article", MAX_ARTICLE_BYTES, "a news article is a few kilobytes: check that this is the right file, or split it into several articles")
    control = CONTROL.search(text)
    if control:
        raise SeedError([Problem(rel, *_position(text, control.start()), "", f"the article contains the control character U+{ord(control.group()):04X}", "delete it: it is invisible in most editors (it often comes from text copied out of a PDF or a word processor)")])
    decomposed = not_nfc(text)
    if decomposed is not None:
        raise SeedError([Problem(rel, *_position(text, decomposed), "", "the article is decomposed Unicode (NFD: a letter and its accents as separate characters), not the composed form (NFC) seed files use", nfc_fix(rel))])
    if not text.strip():
        raise SeedError([Problem(rel, 1, 1, "", "the article is empty", "paste the article text, one paragraph per line")])
    return text


def article_dirs(seeds: Path) -> list[Path]:
    return sorted(p for p in seeds.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def hidden_articles(seeds: Path) -> list[Path]:
    """Folders that hold seed files under a name starting with "." (``..x``, ``.x``): hidden,
    so they would be skipped without a word. (`generator draft`'s work folder is not one.)"""
    return sorted(
        p for p in seeds.iterdir()
        if p.is_dir() and p.name.startswith(".") and not DRAFT_WORK_DIR.match(p.name)
        and any((p / name).exists() for name in (ARTICLE_FILE, *ARTICLE_FILES))
    )


def article_text(root: Path, slug: str) -> str:
    """The text of the article ``seeds/<slug>/`` (``generator sentences SLUG``)."""
    rel = f"seeds/{slug}"
    if not SLUG.match(slug):
        raise SeedError([Problem(rel, 0, 0, "", f"{slug!r} is not a valid article slug", "give the name of an article folder in seeds/, e.g. deepfake-clubhouse-2021")])
    path = root / "seeds" / slug / ARTICLE_FILE
    linked = links(root, path.parent, path)
    if linked:
        raise SeedError(linked)
    if not path.is_file():
        known = ", ".join(p.name for p in article_dirs(root / "seeds")) if (root / "seeds").is_dir() else ""
        raise SeedError([Problem(f"{rel}/{ARTICLE_FILE}", 0, 0, "", "file is missing", f"check the slug (articles: {known or 'none'})")])
    return read_article_text(path, root)
