"""``python -m generator draft PATH --slug SLUG``: scaffold the seed files of a new article.

The draft copies the article byte for byte, lists every sentence with its ID and fingerprint,
and pre-fills ``facts.yml`` with what can be found mechanically in the text: one claim per
sentence, the quotations whose speaker the text names, the date expressions resolved against
the publication date, and the proper names (``draft.dates``, ``draft.names``, ``draft.figures``,
``draft.quotes``). Everything found is a guess, listed once under ``to_confirm:`` at the top of
``facts.yml``, and text still to write starts with ``TODO`` (``model.PLACEHOLDER``); ``check`` and
``build`` refuse both and name each one, so a draft can never be published by accident.
``--json`` prints the candidates as one JSON object; ``--dry-run`` writes nothing.

>>> p = Published.parse("2021-03-19")
>>> [(d.text, d.value) for d in find_dates("Cơ quan này cho biết hôm thứ Năm.", p)]
[('hôm thứ Năm', '2021-03-18')]
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from generator import model
from generator.dates import format_when, resolve
from generator.draft.dates import PUBLISHED_FORMS, DateFound, Published, find_dates
from generator.draft.figures import NumberFound, find_numbers
from generator.draft.names import NameFound, find_names
from generator.draft.quotes import QuoteFound, find_quotes
from generator.load.read import ARTICLE_FILE, SLUG, read_article_text, read_yaml
from generator.load.sentences import Sentence, split_sentences
from generator.problems import Problem, SeedError

__all__ = ["PUBLISHED_FORMS", "Draft", "Published", "analyse", "candidates", "draft", "find_dates", "find_names", "find_numbers", "find_quotes", "summary"]

TODO = model.PLACEHOLDER
#: Kinds of the drafting rules that an older set of kinds names differently.
_KIND_FALLBACK = {"government-body": "regulator", "product": "app", "regulator": "government-body", "app": "product"}


@dataclass
class DraftEvent:
    """A date expression that dates an event, with the sentences that give it."""

    date: DateFound
    when: model.When
    cite: list[str] = field(default_factory=list)
    text: str = ""
    entities: list[str] = field(default_factory=list)

    @property
    def written(self) -> str:
        return self.date.text


@dataclass
class DraftQuote:
    quote: QuoteFound
    cite: list[str]  # the sentences it runs over


@dataclass
class Draft:
    """What ``draft`` found in an article (also used to measure it against curated seeds)."""

    slug: str
    published: Published
    published_given: bool
    sentences: list[Sentence]
    names: dict[str, tuple[NameFound, list[str]]]  # text → (first find, sentence ids)
    events: list[DraftEvent]
    relative: list[tuple[DateFound, str]]  # dates relative to another event, with their sentence
    numbers: list[tuple[NumberFound, str]]
    quotes: list[DraftQuote]
    dates: list[tuple[DateFound, str]] = field(default_factory=list)  # every date expression, in text order


def _known_forms(root: Path) -> tuple[dict[str, tuple[str, str | None]], set[str]]:
    """Names known to seeds/entities.yml (casefolded form → (id, kind)) and glossary terms."""
    entities: dict[str, tuple[str, str | None]] = {}
    terms: set[str] = set()
    for rel, cls in (("seeds/entities.yml", model.Entities), ("seeds/glossary.yml", model.Glossary)):
        path = root / rel
        try:
            data = cls.model_validate(read_yaml(path, root).data) if path.is_file() else None
        except (SeedError, ValueError):
            data = None  # a broken site file does not stop a draft; `check` reports it
        if isinstance(data, model.Entities):
            for entity in data.entities:
                for form in [entity.name.vi, entity.name.en, *entity.aliases.vi, *entity.aliases.en]:
                    entities.setdefault(form.casefold(), (entity.id, entity.kind if isinstance(entity.kind, str) else None))
        elif isinstance(data, model.Glossary):
            for term in data.terms:
                terms.update(form.casefold() for form in [term.term.vi, term.term.en, *term.aliases.vi, *term.aliases.en])
    return entities, terms


def _paragraph_quotes(sentences: list[Sentence]) -> list[DraftQuote]:
    """Quotations found paragraph by paragraph (one may run over sentences), with the sentences they span."""
    quotes: list[DraftQuote] = []
    paragraphs: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        paragraphs.setdefault(sentence.id.split("s")[0], []).append(sentence)
    for group in paragraphs.values():
        text, spans = "", []
        for sentence in group:
            text += (" " if text else "") + sentence.text
            spans.append((len(text) - len(sentence.text), len(text), sentence.id))
        for quote in find_quotes(text):
            cite = [sid for a, b, sid in spans if a < quote.end and quote.start < b]
            quotes.append(DraftQuote(quote, cite))
    return quotes


class _Analysis:
    """Collects the candidates of an article sentence by sentence."""

    def __init__(self, published: Published, root: Path) -> None:
        self.published = published
        self.known, self.terms = _known_forms(root)
        self.names: dict[str, tuple[NameFound, list[str]]] = {}
        self.events: dict[tuple[str, str], DraftEvent] = {}
        self.relative: list[tuple[DateFound, str]] = []
        self.numbers: list[tuple[NumberFound, str]] = []
        self.dates: list[tuple[DateFound, str]] = []

    def add_names(self, sentence: Sentence, found: list[NameFound]) -> list[NameFound]:
        here = []
        for name in found:
            key = name.text.casefold()
            if key in self.terms and key not in self.known:
                continue  # a glossary term, not a name
            if key in self.known:
                name.entity, known_kind = self.known[key]
                name.kind = known_kind or name.kind
            first, ids = self.names.setdefault(name.text, (name, []))
            first.kind = first.kind or name.kind
            if sentence.id not in ids:
                ids.append(sentence.id)
            here.append(first)
        return here

    def add_dates(self, sentence: Sentence, dates: list[DateFound], names: list[NameFound]) -> None:
        for date in dates:
            self.dates.append((date, sentence.id))
            when = date.when()
            if when is None:
                self.relative.append((date, sentence.id))
                continue
            key = (" ".join(date.text.casefold().split()), when.model_dump_json())
            event = self.events.setdefault(key, DraftEvent(date, when, text=sentence.text))
            if sentence.id not in event.cite:
                event.cite.append(sentence.id)
            for name in names:
                if name.entity and name.entity not in event.entities:
                    event.entities.append(name.entity)

    def add(self, sentence: Sentence) -> None:
        dates = find_dates(sentence.text, self.published)
        masked = [(d.start, d.end) for d in dates]
        found = find_names(sentence.text, masked)
        names = self.add_names(sentence, found)
        masked += [(n.start, n.start + len(n.text)) for n in found]
        self.numbers += [(n, sentence.id) for n in find_numbers(sentence.text, masked)]
        self.add_dates(sentence, dates, names)

    def ordered_events(self) -> list[DraftEvent]:
        day = self.published.last
        return sorted(self.events.values(), key=lambda e: (resolve(e.when, day).sort_key, e.cite[0]))


def analyse(text: str, slug: str, published: Published | dt.date, root: Path, published_given: bool = True) -> Draft:
    """Find the sentences, names, numbers, dates and quotations of an article's text (NFC)."""
    if isinstance(published, dt.date):
        published = Published.parse(published.isoformat())
    sentences = split_sentences(text)
    analysis = _Analysis(published, root)
    for sentence in sentences:
        analysis.add(sentence)
    return Draft(slug, published, published_given, sentences, analysis.names, analysis.ordered_events(),
                 analysis.relative, analysis.numbers, _paragraph_quotes(sentences), analysis.dates)


def candidates(found: Draft) -> dict[str, list[dict[str, object]]]:
    """The candidates as one JSON-ready object: names, numbers, dates, quotes."""
    return {
        "names": [{"text": text, "kind": name.kind, "sentence": ids[0]} for text, (name, ids) in found.names.items()],
        "numbers": [number.as_json(sid) for number, sid in found.numbers],
        "dates": [date.as_json(sid) for date, sid in found.dates],
        "quotes": [q.quote.as_json(q.cite[0]) for q in found.quotes if q.cite],
    }


# -- the files ------------------------------------------------------------------------------------


def _yaml() -> YAML:
    yaml = YAML()
    yaml.width = 4096  # never fold a sentence
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    return yaml


def _text(vi: str, en: str) -> CommentedMap:
    pair = CommentedMap([("vi", DoubleQuotedScalarString(vi)), ("en", DoubleQuotedScalarString(en))])
    pair.fa.set_flow_style()
    return pair


def _flow(items: list[str]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _dump(data: CommentedMap, schema: str, header: str) -> str:
    data.yaml_set_start_comment(f"yaml-language-server: $schema=../../generator/schema/{schema}\n{header}")
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


ARTICLE_HEADER = """\
Drafted by `python -m generator draft`: the article's metadata and the English rendering of every
sentence (the Vietnamese sentence is the comment above it). Replace every text that starts with
TODO; `python -m generator check` lists what is left, with file:line and the fix.
The format: seeds/README.md. The workflow: CONTRIBUTING.md."""

FACTS_HEADER = """\
Drafted by `python -m generator draft`: candidate claims, dates, names and quotations found in
the text. `to_confirm` lists every guess once: check each against the article, correct the
facts below, then delete its line (and `to_confirm` when it is empty). Replace every text that
starts with TODO. `check` and `build` refuse this file until both are done.
The format: seeds/README.md. The workflow: CONTRIBUTING.md."""


def article_yaml(found: Draft) -> str:
    meta = CommentedMap()
    meta["title"] = _text(f"{TODO}: tiêu đề tiếng Việt", f"{TODO}: English title")
    meta["summary"] = _text(f"{TODO}: một hai câu tóm tắt cho trang chủ", f"{TODO}: one or two sentences for the home page")
    if "publisher" in model.ArticleMeta.model_fields:
        meta["publisher"] = DoubleQuotedScalarString(f"{TODO}: who published the original report, e.g. Reuters")
    published = found.published.text
    meta["published"] = int(published) if published.isdigit() else published
    if not found.published_given:
        meta["published_note"] = _text(f"{TODO}: ngày đăng được biết như thế nào", f"{TODO}: how the publication date is known")
        meta.yaml_set_comment_before_after_key(
            "published", before=f"No --published was given: {published} (the day of the draft) is a stand-in, and the dates\n"
            "of facts.yml were resolved against it. Set the real date, then check the events.")
    sentences = CommentedMap()
    for sentence in found.sentences:
        sentences[sentence.id] = CommentedMap([("en", DoubleQuotedScalarString(f"{TODO}: translate {sentence.id}")), ("fingerprint", sentence.fingerprint)])
        sentences.yaml_set_comment_before_after_key(sentence.id, before=sentence.text, indent=2)
    meta["sentences"] = sentences
    return _dump(meta, "article.schema.json", ARTICLE_HEADER)


def _event_id(event: DraftEvent, published: Published, used: set[str]) -> str:
    when = event.when
    base = f"event-before-{when.before}" if when.before else f"event-{resolve(when, published.last).iso}"
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate


def _ascii_id(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.casefold()).strip("-")[:60] or "name"


def _when_map(when: model.When) -> CommentedMap:
    values = CommentedMap(when.model_dump(exclude_defaults=True))
    values.fa.set_flow_style()
    return values


def _date_note(event: DraftEvent, published: Published) -> str:
    date = event.date
    said = format_when(resolve(event.when, published.last), "en")
    extra = [x for x in (date.part_of_day, date.timezone) if x] + [x for x in (date.assumed, *date.notes) if x]
    after = "; AFTER publication: cite an outside source instead" if resolve(event.when, published.last).start > published.last else ""
    return f"({', '.join(event.cite)}): “{date.text}” → {said}{''.join(f', {x}' for x in extra)}{after}"


class _Facts:
    """Builds facts.yml and its single list of what to confirm."""

    def __init__(self, found: Draft) -> None:
        self.found = found
        self.to_confirm: list[str] = []
        self.used: set[str] = set()

    def claims(self) -> CommentedSeq:
        spoken = {q.cite[0]: q for q in self.found.quotes if q.quote.speaker and len(q.cite) == 1}
        claims = CommentedSeq()
        for sentence in self.found.sentences:
            claim = CommentedMap([("text", _text(sentence.text, f"{TODO}: translate")), ("cite", _flow([sentence.id]))])
            quote = spoken.get(sentence.id)
            if quote is not None:
                claim["quote"] = _text(quote.quote.text, f"{TODO}: translate the quotation")
            claims.append(claim)
        for q in self.found.quotes:
            where = ", ".join(q.cite)
            if not q.quote.speaker:
                self.to_confirm.append(f"quoted, no speaker ({where}): “{q.quote.text}”: a title, a prompt, a slogan or a term, not somebody's words")
            elif len(q.cite) > 1:
                self.to_confirm.append(f"quotation by {q.quote.speaker} over {where}: “{q.quote.text}”: quote it in a claim citing those sentences")
            else:
                self.to_confirm.append(f"quotation ({where}) attributed to {q.quote.speaker}: “{q.quote.text}”")
        return claims

    def events(self) -> CommentedSeq:
        events = CommentedSeq()
        for event in self.found.events:
            item = CommentedMap([("id", _event_id(event, self.found.published, self.used)), ("when", _when_map(event.when))])
            item["written"] = _text(event.date.text, event.date.english or event.date.text)
            item["text"] = _text(event.text, f"{TODO}: what happened, in English")
            if event.entities:
                item["entities"] = _flow(event.entities)
            item["cite"] = _flow(event.cite)
            self.to_confirm.append(f"event {item['id']} {_date_note(event, self.found.published)}")
            events.append(item)
        for date, sid in self.found.relative:
            if date.value is None:
                self.to_confirm.append(f"relative date ({sid}): “{date.text}” → {date.english}, relative to publication, whose day is not known: "
                                       "date an event when you know it, or delete this line")
                continue
            unit = {"D": "days", "W": "weeks", "M": "months", "Y": "years"}[date.value[-1]]
            self.to_confirm.append(f"relative date ({sid}): “{date.text}” → {date.english}, relative to {date.relative_to}"
                                   f"{' (approximate)' if date.approximate else ''}: add an event dated from that one ({unit}), or delete this line")
        return events

    def names(self) -> CommentedSeq:
        names = CommentedSeq()
        allowed = set(getattr(model, "ENTITY_KINDS", ()))
        for text, (name, ids) in self.found.names.items():
            item = CommentedMap([("text", DoubleQuotedScalarString(text))])
            kind = name.kind if name.kind in allowed else _KIND_FALLBACK.get(name.kind or "")
            if kind in allowed:
                item["kind"] = kind
            item["entity"] = name.entity or _ascii_id(text)
            item["cite"] = _flow(ids)
            where = ", ".join(ids)
            if name.entity:
                self.to_confirm.append(f"name ({where}) “{text}” is {name.entity} of seeds/entities.yml")
            else:
                self.to_confirm.append(f"name ({where}) “{text}”{f' ({kind})' if kind else ''}: add {item['entity']} to seeds/entities.yml, or delete the name")
            names.append(item)
        return names

    def build(self) -> CommentedMap:
        facts = CommentedMap()
        explainer = CommentedMap([("lead", _text(f"{TODO}: tóm tắt bài báo bằng ngôn ngữ dễ hiểu", f"{TODO}: the article in plain language"))])
        section = CommentedMap([("id", "what-happened"), ("heading", _text("Chuyện gì đã xảy ra", "What happened")), ("claims", self.claims())])
        section.yaml_set_comment_before_after_key(
            "claims", indent=6, before="One claim per sentence: rewrite each plainly and translate it, move claims to other sections\n"
            "(who, why-it-matters, …), or delete a claim and give its sentence a `skip:` reason in article.yml.")
        explainer["sections"] = CommentedSeq([section])
        facts["to_confirm"] = CommentedSeq()
        facts["explainer"] = explainer
        events, names = self.events(), self.names()
        if events:
            facts["events"] = events
        if names:
            facts["names"] = names
        facts["to_confirm"].extend(DoubleQuotedScalarString(line) for line in self.to_confirm)
        if not self.to_confirm:
            del facts["to_confirm"]
        return facts


def facts_yaml(found: Draft) -> str:
    return _dump(_Facts(found).build(), "facts.schema.json", FACTS_HEADER)


# -- the command ----------------------------------------------------------------------------------


def _fail(rel: str, message: str, fix: str) -> SeedError:
    return SeedError([Problem(rel, 0, 0, "", message, fix)])


def parse_published(value: str | None) -> Published | None:
    """``--published``; a ValueError names the accepted forms."""
    if value is None:
        return None
    try:
        return Published.parse(value)
    except ValueError:
        raise ValueError(
            f"--published {value!r} is not a publication date. Write {PUBLISHED_FORMS}: as much as is known, "
            "no more. The dates of the text are resolved against it."
        ) from None


def draft(root: Path, source: Path, slug: str, published: Published | dt.date | None = None, write: bool = True) -> Draft:
    """Analyse the article at ``source`` and, unless ``write`` is false, write ``seeds/<slug>/``;
    never touches an existing folder."""
    if isinstance(published, dt.date):
        published = Published.parse(published.isoformat())
    seeds = root / "seeds"
    rel = f"seeds/{slug}"
    if not SLUG.match(slug):
        raise _fail(rel, f"{slug!r} is not a valid slug", "use lower-case ASCII letters, digits and single hyphens, e.g. ai-labels-2022")
    if write and (seeds / slug).exists():
        raise _fail(rel, "this article folder already exists; nothing was written",
                    f"choose another --slug, or edit {rel}/ directly (move it away first to draft it again)")
    if not source.is_file():
        raise _fail(str(source), "no such file", "give the path of the article text (UTF-8, one paragraph per line)")
    source = source.resolve()
    text = read_article_text(source, source.parent)
    given = published is not None
    found = analyse(text, slug, published or Published.parse(dt.date.today().isoformat()), root, published_given=given)
    if write:
        _write(seeds, slug, source, found)
    return found


def _write(seeds: Path, slug: str, source: Path, found: Draft) -> None:
    seeds.mkdir(parents=True, exist_ok=True)
    # Written beside its final place, then renamed: a draft is never half there.
    work = Path(tempfile.mkdtemp(prefix=f".{slug}.draft-", dir=seeds))
    try:
        shutil.copyfile(source, work / ARTICLE_FILE)
        (work / "article.yml").write_text(article_yaml(found), encoding="utf-8")
        (work / "facts.yml").write_text(facts_yaml(found), encoding="utf-8")
        work.chmod(0o755)  # a seed folder like the others: mkdtemp made it private
        work.rename(seeds / slug)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def as_json(found: Draft) -> str:
    return json.dumps(candidates(found), ensure_ascii=False, indent=2)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(result: Draft, written: bool = True) -> str:
    rel = f"seeds/{result.slug}"
    verb = "drafted" if written else "would draft (dry run: nothing written)"
    lines = [
        f"generator: {verb} {rel}/ from {_count(len(result.sentences), 'sentence')}: "
        f"{_count(len(result.names), 'name')}, {_count(len(result.dates), 'date')}, {_count(len(result.numbers), 'number')}, "
        f"{_count(len(result.quotes), 'quotation')} to confirm.",
    ]
    if not result.published_given:
        lines.append(f"  No --published given: dates were resolved against today ({result.published.text}); set `published:` in {rel}/article.yml.")
    if written:
        lines.append(f"  Next: replace the TODOs and go through `to_confirm:` in {rel}/facts.yml (texts in {rel}/article.yml);")
        lines.append("  `python -m generator check` lists what is left, with file:line and the fix (see CONTRIBUTING.md).")
    return "\n".join(lines)
