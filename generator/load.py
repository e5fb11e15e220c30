"""Load stage: seed files → typed model, every value traceable to its file and line.

YAML is read with ruamel.yaml's round-trip loader, which keeps the line and column of every
key and item; pydantic checks the shapes, and its error locations are mapped back to lines.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError

from . import model
from .problems import Problem, SeedError, key_path
from .sentences import Sentence, split_sentences

ARTICLE_FILE = "article.vi.txt"
SITE_FILES = ("glossary.yml", "entities.yml", "sources.yml")
ARTICLE_FILES = ("article.yml", "facts.yml")
#: Articles longer than this are refused: a news article is a few kilobytes.
MAX_ARTICLE_BYTES = 200_000
MAX_YAML_BYTES = 2_000_000
SLUG = re.compile(model.ID_PATTERN)


@dataclass
class Document:
    """A parsed YAML file; ``where`` maps a key path to its line and column (1-based)."""

    rel: str
    data: typing.Any

    def where(self, loc: tuple[str | int, ...]) -> tuple[int, int]:
        node, line, column = self.data, 1, 1
        for part in loc:
            if isinstance(node, CommentedMap) and part in node:
                child = node[part]
                if isinstance(child, (CommentedMap, CommentedSeq)) and child:
                    line, column = node.lc.key(part)
                else:
                    line, column = node.lc.value(part)
                line, column = line + 1, column + 1
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                child = node[part]
                line, column = node.lc.item(part)
                line, column = line + 1, column + 1
            else:
                break
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

    @property
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


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def _syntax_problem(rel: str, error: MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    text = " ".join(str(p) for p in (error.context, error.problem) if p)
    text = re.sub(r"\s+", " ", text).strip()
    if isinstance(error, DuplicateKeyError):
        fix = "each key may appear once in a mapping: remove or rename one of the two"
    elif "'\\t'" in text or "\t" in text:
        fix = "indent with spaces, not tabs"
    elif "end of stream" in text and "quot" in text or "found unexpected end of stream" in text:
        fix = "close the quoted text with the same quote mark it opened with"
    elif "mapping values are not allowed" in text:
        fix = 'quote text that contains ": ", e.g. text: "a: b"'
    else:
        fix = "correct the YAML syntax at this position (a YAML linter shows the detail)"
    return Problem(rel, line, column, "", f"YAML syntax error: {text}", fix)


def read_yaml(path: Path, root: Path) -> Document:
    """Parse one YAML file; syntax problems raise SeedError with the position."""
    rel = path.relative_to(root).as_posix()
    raw = path.read_bytes()
    if len(raw) > MAX_YAML_BYTES:
        raise SeedError([Problem(rel, 0, 0, "", f"file is {len(raw):,} bytes", f"keep seed files under {MAX_YAML_BYTES:,} bytes")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SeedError([Problem(rel, line, 1, "", "the file is not UTF-8", "save the file as UTF-8")]) from None
    try:
        data = _yaml().load(text)
    except MarkedYAMLError as error:
        raise SeedError([_syntax_problem(rel, error)]) from None
    if not isinstance(data, CommentedMap):
        raise SeedError([Problem(rel, 1, 1, "", "expected a mapping of keys at the top of the file", "start the file with its keys, as in seeds/README.md")])
    return Document(rel, data)


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
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (list, tuple, set):
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
}
_LANGUAGES = {"vi": "Vietnamese", "en": "English"}


def _describe(value: typing.Any) -> str:
    if isinstance(value, (CommentedMap, dict)):
        return "a mapping"
    if isinstance(value, (CommentedSeq, list)):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {str(value)[:60]!r}"


def pydantic_problems(doc: Document, cls: type[BaseModel], error: ValidationError) -> list[Problem]:
    """Turn pydantic's errors into problems with lines, what was found and how to fix it."""
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(p for p in item["loc"] if p != "[key]")
        kind, found, name = item["type"], item.get("input"), str(loc[-1]) if loc else ""
        if kind == "missing":
            parent = _model_at(cls, loc[:-1])
            if name in _LANGUAGES and parent is model.Text:
                message = f"missing {_LANGUAGES[name]} translation"
                fix = f"add `{name}: …` with the {_LANGUAGES[name]} text"
            else:
                message = f"required key `{name}` is missing"
                fix = f"add `{name}:` here (see seeds/README.md for its form)"
            problems.append(doc.problem(loc[:-1], message, fix))
            continue
        if kind == "extra_forbidden":
            parent = _model_at(cls, loc[:-1])
            allowed = sorted(parent.model_fields) if parent else []
            close = difflib.get_close_matches(name, allowed, n=1)
            message = f"unknown key `{name}`"
            fix = f"did you mean `{close[0]}`?" if close else f"remove it; allowed keys here: {', '.join(allowed)}"
        elif kind == "string_pattern_mismatch":
            message = f"{found!r} is not valid here"
            fix = _PATTERN_HINTS.get(item["ctx"]["pattern"], f"match {item['ctx']['pattern']}")
        elif kind == "value_error":
            message = str(item["ctx"]["error"])
            if message == "empty text":
                lang = _LANGUAGES.get(name)
                message = f"empty {lang} translation" if lang else "empty text"
                fix = f"write the {lang} text" if lang else "write the text, or remove the key"
            elif message.startswith("HTML"):
                fix = "write plain text: pages show fact text literally; describe instead of marking up"
            elif message.startswith("impossible date"):
                fix = "give a date that exists in the calendar"
            else:
                fix = "see seeds/README.md for the form of this value"
        elif kind == "literal_error":
            message = f"{found!r} is not one of the allowed values"
            fix = f"use {item['ctx']['expected']}"
        elif kind in ("date_parsing", "date_from_datetime_parsing", "date_type", "date_from_datetime_inexact"):
            message = f"expected a date, found {_describe(found)}"
            fix = "write the date as YYYY-MM-DD, e.g. 2021-03-19"
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            message = f"expected a mapping of keys, found {_describe(found)}"
            fix = "write the keys indented below, as in seeds/README.md"
        elif kind == "list_type":
            message = f"expected a list, found {_describe(found)}"
            fix = "write a list, e.g. [p2s1] or one `- item` per line"
        elif kind in ("string_type", "str_type"):
            message = f"expected text, found {_describe(found)}"
            fix = 'write text; quote it ("…") if YAML reads it as something else'
        elif kind == "bool_type" or kind == "bool_parsing":
            message = f"expected true or false, found {_describe(found)}"
            fix = "write true or false"
        elif kind == "too_short":
            message = "this list is empty"
            fix = "add at least one item"
        else:
            message = item["msg"]
            fix = "see seeds/README.md for the form of this value"
        problems.append(doc.problem(loc, message, fix))
    return problems


def load_model(doc: Document, cls: type[BaseModel]) -> BaseModel:
    try:
        return cls.model_validate(doc.data)
    except ValidationError as error:
        raise SeedError(pydantic_problems(doc, cls, error)) from None


def read_article_text(path: Path, root: Path) -> str:
    """The article as text for processing: UTF-8, BOM dropped, NFC. The file is never changed."""
    rel = path.relative_to(root).as_posix()
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise SeedError([Problem(rel, 0, 0, "", f"the article is {size:,} bytes, more than the {MAX_ARTICLE_BYTES:,} allowed", "a news article is a few kilobytes: check that this is the right file, or split it into several articles")])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SeedError([Problem(rel, line, 1, "", "the article is not UTF-8", "save the article as UTF-8")]) from None
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise SeedError([Problem(rel, 1, 1, "", "the article is empty", "paste the article text, one paragraph per line")])
    return text


def _collect(problems: list[Problem], action: typing.Callable[[], typing.Any]) -> typing.Any:
    try:
        return action()
    except SeedError as error:
        problems.extend(error.problems)
        return None


def article_dirs(seeds: Path) -> list[Path]:
    return sorted(p for p in seeds.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def load_site(root: Path) -> Site:
    """Load every seed file under ``root/seeds``; raise SeedError with all problems found."""
    seeds = root / "seeds"
    problems: list[Problem] = []
    docs: dict[str, Document] = {}

    def load(path: Path, cls: type[BaseModel]) -> typing.Any:
        rel = path.relative_to(root).as_posix()
        if not path.is_file():
            problems.append(Problem(rel, 0, 0, "", "file is missing", f"create {rel} (see seeds/README.md)"))
            return None
        doc = _collect(problems, lambda: read_yaml(path, root))
        if doc is None:
            return None
        docs[rel] = doc
        return _collect(problems, lambda: load_model(doc, cls))

    glossary = load(seeds / "glossary.yml", model.Glossary)
    entities = load(seeds / "entities.yml", model.Entities)
    sources = load(seeds / "sources.yml", model.Sources)

    articles = []
    for folder in article_dirs(seeds) if seeds.is_dir() else []:
        rel = folder.relative_to(root).as_posix()
        if not SLUG.match(folder.name):
            problems.append(Problem(rel, 0, 0, "", f"article folder name {folder.name!r} is not a valid slug", "rename the folder with lower-case ASCII letters, digits and single hyphens, e.g. deepfake-clubhouse-2021"))
            continue
        text_path = folder / ARTICLE_FILE
        if not text_path.is_file():
            problems.append(Problem(f"{rel}/{ARTICLE_FILE}", 0, 0, "", "file is missing", f"put the article text in {rel}/{ARTICLE_FILE}, or run `python -m generator draft`"))
            continue
        text = _collect(problems, lambda: read_article_text(text_path, root))
        meta = load(folder / "article.yml", model.ArticleMeta)
        facts = load(folder / "facts.yml", model.Facts)
        if text is None or meta is None or facts is None:
            continue
        articles.append(
            Article(
                slug=folder.name,
                text=text,
                text_rel=text_path.relative_to(root).as_posix(),
                sentences=split_sentences(text),
                meta=meta,
                facts=facts,
                meta_doc=docs[f"{rel}/article.yml"],
                facts_doc=docs[f"{rel}/facts.yml"],
            )
        )
    if problems:
        raise SeedError(problems)
    articles.sort(key=lambda a: (-a.meta.published.toordinal(), a.slug))
    return Site(root, glossary, entities, sources, articles, docs)
