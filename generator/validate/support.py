"""The support check of ``generator check``: what a statement says, its citations must say.

For each statement of the seeds (a claim, an event, a glossary definition and its one-line
``short``, an entity's description, a theme's lead; an article's title, summary and explainer
lead, which sum up the whole article), the numbers, months, weekdays and proper names it
contains are looked for in the texts it cites: the article sentences (the Vietnamese text and
its English rendering) and the outside sources (what each was checked to say, in
``seeds/support.yml``). A token found in none of them is reported with the file, the line, the
token and the fix.

Proper names are the ``name: true`` entries of the terminology table (``seeds/terminology.yml``),
so that “Bắc Kinh” in a Vietnamese statement is found as “Beijing” in an English source; any
other capitalised word must appear as written.

A rare faithful paraphrase (a date the statement may state although no cited text spells it
the same way) is allowed by an entry of ``allow`` in ``seeds/support.yml``, with its reason; an
entry that allows nothing is reported too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from generator.dates import format_published
from generator.load.read import Article, Document, Site, read_yaml
from generator.model import in_language
from generator.problems import Problem, SeedError
from generator.validate.rules import ClaimAt, claims_of, resolve_citation
from generator.validate.terminology import MONTHS_EN, MONTHS_VI, Term

DATA = "seeds/support.yml"
WEEKDAYS_VI = ["Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

_MONTH_VI = re.compile(r"\b[tT]háng (" + "|".join(sorted(MONTHS_VI, key=len, reverse=True)) + r"|1[0-2]|0?[1-9])(?![\w/])")
_MONTH_EN = re.compile(r"\b(" + "|".join(MONTHS_EN) + r")\b")
_WEEKDAY_VI = re.compile(r"\b(?:[tT]hứ (" + "|".join(WEEKDAYS_VI) + r")|(Chủ nhật))\b")
_WEEKDAY_EN = re.compile(r"\b(" + "|".join(WEEKDAYS_EN) + r")\b")
_NUMBER = re.compile(r"(?<![\w«])[0-9]+(?![\w»])")
_WORD = re.compile(r"(?<![\w«])\w(?:[\w.'’-]*\w)?")
_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[“‘(]\s*)$")


class _Allow(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str
    key: str
    token: str
    reason: str = Field(min_length=20, description="Why the statement may say this although no cited text does")

    @field_validator("reason")
    @classmethod
    def _said(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("an allow-list entry needs its reason")
        return value


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: dict[str, str] = Field(default={}, description="What each outside source was checked to say (source id → text)")
    allow: list[_Allow] = []


@dataclass(frozen=True)
class Statement:
    doc: Document
    loc: tuple[str | int, ...]
    lang: str
    text: str
    evidence: tuple[str, ...]


def _tokens(text: str, lang: str | None) -> dict[str, str]:
    """Canonical token → how it is shown: months (M3), weekdays (W4), numbers."""
    text = unicodedata.normalize("NFC", text)
    found: dict[str, str] = {}

    def mark(kind: str, number: int, m: re.Match[str]) -> str:
        found[f"«{kind}{number}»"] = m.group()
        return f" «{kind}{number}» "

    def month_vi(m: re.Match[str]) -> str:
        word = m.group(1)
        return mark("M", MONTHS_VI.index(word) + 1 if word in MONTHS_VI else int(word), m)

    def month_en(m: re.Match[str]) -> str:
        return mark("M", MONTHS_EN.index(m.group(1)) + 1, m)

    def weekday_vi(m: re.Match[str]) -> str:
        return mark("W", 7 if m.group(2) else WEEKDAYS_VI.index(m.group(1)) + 1, m)

    def weekday_en(m: re.Match[str]) -> str:
        return mark("W", WEEKDAYS_EN.index(m.group(1)) + 1, m)

    if lang in ("vi", None):
        text = _MONTH_VI.sub(month_vi, text)
        text = _WEEKDAY_VI.sub(weekday_vi, text)
    if lang in ("en", None):
        text = _MONTH_EN.sub(month_en, text)
        text = _WEEKDAY_EN.sub(weekday_en, text)
    for m in _NUMBER.finditer(text):
        value = m.group().lstrip("0")
        if value:
            found.setdefault(value, m.group())
    return found


def _contains(haystack: str, form: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(form.casefold()) + r"(?!\w)", haystack) is not None


def missing(statement: Statement, terms: list[Term]) -> list[str]:
    """The tokens of the statement that none of its evidence contains."""
    evidence = " \n ".join(statement.evidence)
    folded = evidence.casefold()
    have = set(_tokens(evidence, None))
    out = [shown for token, shown in _tokens(statement.text, statement.lang).items() if token not in have]
    unsupported, blanked = _terms_missing(statement.text, folded, terms)
    out += unsupported
    out += _names_missing(blanked, folded, statement.lang)
    return list(dict.fromkeys(out))


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _terms_missing(text: str, folded: str, terms: list[Term]) -> tuple[list[str], str]:
    """The terms of the table that ``text`` uses and the evidence (``folded``) does not, and the
    text with every term it uses blanked out."""
    out, blanked = [], text
    for term in terms:
        if not term.name:
            continue
        hits = [form for form in term.forms if re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text)]
        if hits and not any(_contains(folded, form) for form in term.forms):
            out.append(max(hits, key=len))
        for form in hits:
            blanked = re.sub(r"(?<!\w)" + re.escape(form) + r"(?!\w)", _blank, blanked)
    return out, blanked


def _names_missing(blanked: str, folded: str, lang: str) -> list[str]:
    """The capitalised words (names) of ``blanked``, not at a sentence's start and not months or
    weekdays, that the evidence (``folded``) does not contain."""
    months, weekdays = (_MONTH_VI, _WEEKDAY_VI) if lang == "vi" else (_MONTH_EN, _WEEKDAY_EN)
    blanked = weekdays.sub(_blank, months.sub(_blank, blanked))
    out = []
    for m in _WORD.finditer(blanked):
        if not m.group()[0].isupper() or _SENTENCE_START.search(blanked[: m.start()]):
            continue
        word = _POSSESSIVE.sub("", m.group()) if lang == "en" else m.group()  # Lumora's → Lumora
        if not _contains(folded, word):
            out.append(m.group())
    return out


def load_data(root: Path) -> tuple[_Data, Document | None]:
    path = root / DATA
    if not path.is_file():
        return _Data(), None
    doc = read_yaml(path, root)
    try:
        return _Data.model_validate(doc.data), doc
    except ValidationError as error:
        problems = [doc.problem(tuple(e["loc"]), e["msg"], "see the header of seeds/support.yml: `sources:` maps a source id to what it was checked to say; each `allow:` entry has file, key, token and reason") for e in error.errors()]
        raise SeedError(problems) from None


def _sentence_texts(site: Site, article: Article | None, citation: str, claim: ClaimAt | None = None) -> list[str]:
    if claim is not None:
        cited, sentence_id = resolve_citation(site, claim, citation)
    else:
        cited, sentence_id = article, citation
    if cited is None or sentence_id not in cited.by_id:
        return []
    info = cited.meta.sentences.get(sentence_id)
    return [cited.by_id[sentence_id].text, *([info.en] if info is not None else [])]


def statements(site: Site, notes: dict[str, str]) -> Iterator[Statement]:
    """Every statement of the site with the texts it cites."""

    def outside(ids: Iterable[str]) -> list[str]:
        return [notes.get(source_id, "") for source_id in ids]

    for claim in claims_of(site):
        if claim.text is None:
            continue
        evidence = [text for citation in claim.cite for text in _sentence_texts(site, claim.article, citation, claim)]
        evidence += outside(claim.sources)
        for lang in ("vi", "en"):
            yield Statement(claim.doc, (*claim.loc, "text", lang), lang, claim.text[lang], tuple(evidence))
    gdoc = site.docs["seeds/glossary.yml"]
    for i, term in enumerate(site.glossary.terms):
        evidence = [t for c in term.definition.cite for t in _glossary_sentence(site, c)]
        evidence += outside(term.definition.sources)
        for lang in ("vi", "en"):
            yield Statement(gdoc, ("terms", i, "short", lang), lang, term.short[lang], tuple(evidence))
    for article in site.articles:
        yield from _article_statements(site, article, outside)


def _article_statements(site: Site, article: Article, outside: Callable[[Iterable[str]], list[str]]) -> Iterator[Statement]:
    """An article's title, summary and lead (resting on its whole text) and its themes' leads."""
    whole = [s.text for s in article.sentences] + [info.en for info in article.meta.sentences.values()] + _publication(article)
    for key in ("title", "summary"):
        for lang in ("vi", "en"):
            yield Statement(article.meta_doc, (key, lang), lang, getattr(article.meta, key)[lang], tuple(whole))
    for lang in ("vi", "en"):
        yield Statement(article.facts_doc, ("explainer", "lead", lang), lang, article.facts.explainer.lead[lang], tuple(whole))
    for t, theme in enumerate(article.facts.themes):
        evidence = [x for c in theme.cite for x in _sentence_texts(site, article, c)] + outside(theme.sources)
        for lang in ("vi", "en"):
            yield Statement(article.facts_doc, ("themes", t, "lead", lang), lang, theme.lead[lang], tuple(evidence))


def _publication(article: Article) -> list[str]:
    """The article's own credit, as its page shows it: who published the text and the original
    report, and when, in both languages. A title, summary or lead may say these ("In March 2021
    Reuters reported…") though no sentence of the text does."""
    meta, texts = article.meta, []
    for lang in ("vi", "en"):
        texts.append(format_published(meta.published, lang))
        for credit in (meta.outlet, meta.original):
            if credit is not None:
                texts.append(in_language(credit.name, lang))
        if meta.original is not None and meta.original.published is not None:
            texts.append(format_published(meta.original.published, lang))
    return texts


def _glossary_sentence(site: Site, citation: str) -> list[str]:
    slug, sentence_id = citation.split("/", 1) if "/" in citation else ("", citation)
    article = next((a for a in site.articles if a.slug == slug), None)
    return _sentence_texts(site, article, sentence_id)


FIX = ("cite the article sentence or the outside source that says it (an outside source's checked wording goes in seeds/support.yml `sources`), "
       "or correct the statement; a faithful paraphrase that no cited text words the same way goes in seeds/support.yml `allow`, with its reason")


def check(site: Site, terms: list[Term]) -> list[Problem]:
    """Every unsupported token of the site's statements, allow-list applied."""
    data, data_doc = load_data(site.root)
    problems = _unchecked_sources(site, data) + _uncited_leads(site)
    used: set[int] = set()
    for statement in statements(site, data.sources):
        where = statement.doc.problem(statement.loc, "", "")
        for token in missing(statement, terms):
            allowed = [i for i, a in enumerate(data.allow) if a.file == where.file and a.key == where.key and a.token == token]
            if allowed:
                used.update(allowed)
                continue
            problems.append(Problem(where.file, where.line, where.column, where.key, f"“{token}” is in no sentence or outside source this statement cites", FIX))
    if data_doc is not None:
        problems += [
            data_doc.problem(("allow", i), f"allow-list entry for “{entry.token}” at {entry.file} {entry.key} allows nothing", "delete it (the statement changed, or its citations now support it)")
            for i, entry in enumerate(data.allow)
            if i not in used
        ]
    return problems


def _unchecked_sources(site: Site, data: _Data) -> list[Problem]:
    """The outside sources cited whose checked wording is not in seeds/support.yml."""
    known_sources = {s.id for s in site.sources.sources}
    cited_sources = {source_id for claim in claims_of(site) for source_id in claim.sources}
    cited_sources |= {s for a in site.articles for t in a.facts.themes for s in t.sources}
    return [
        Problem("seeds/sources.yml", 0, 0, "", f"outside source {source_id!r} is cited but what it says is not in {DATA}", f"add `{source_id}: \"…\"` under `sources:` in {DATA}: the checked wording of the facts it is cited for")
        for source_id in sorted(cited_sources & known_sources)
        if source_id not in data.sources
    ]


def _uncited_leads(site: Site) -> list[Problem]:
    return [
        article.facts_doc.problem(("themes", t, "lead"), f"the lead of theme {theme.id!r} cites nothing", "add `cite:` (article sentences) and/or `sources:` (outside sources) to the theme, beside `lead`")
        for article in site.articles
        for t, theme in enumerate(article.facts.themes)
        if not theme.cite and not theme.sources
    ]
