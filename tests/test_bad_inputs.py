"""The catalogue of bad inputs (docs/en/errors.md is its table for contributors).

Each bad input is made in a copy of the project whose pages were already built, then
`python -m generator build` runs (``build --strict`` for what is a warning otherwise): it must
exit with status 1, print every problem with its file, line, column, key path and fix (the exact
text a contributor reads), and leave ``docs/`` and ``site/`` byte for byte as they were (no
temporary file either). Inputs that are not errors (a BOM, CRLF, trailing spaces) must give the
same sentences and the same pages as the clean seeds.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import time
import tracemalloc
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.__main__ import main
from generator.load.read import LINK_FIX, MAX_ARTICLE_BYTES, MAX_NESTING, MAX_YAML_BYTES, nfc_fix
from generator.load.sentences import fingerprint
from generator.render.markdown import escape
from generator.write import files as write_stage
from generator.write.cache import CACHE

from .conftest import SLUG, Project, build_site, copy_project

FACTS = f"seeds/{SLUG}/facts.yml"
META = f"seeds/{SLUG}/article.yml"
TEXT = f"seeds/{SLUG}/article.vi.txt"
SOURCES = "seeds/sources.yml"
GLOSSARY = "seeds/glossary.yml"
ENTITIES = "seeds/entities.yml"
LIST_SENTENCES = f"list the sentences with `python -m generator sentences {SLUG}`"
SLUG_FIX = "rename the folder with lower-case ASCII letters, digits and single hyphens, e.g. deepfake-clubhouse-2021"
CONTROL_FIX = "delete it: it is invisible in most editors (it often comes from text copied out of a PDF or a word processor)"


def report(*problems: str, where: str = "in the seeds", noun: str = "problem") -> str:
    """What `generator build` prints on standard error for these problems."""
    head = f"{len(problems)} {noun}{'s' if len(problems) != 1 else ''} {where}; nothing was written."
    return "\n".join([head, *problems]) + "\n"


def strict_report(*warnings: str) -> str:
    """What `generator build --strict` prints for these warnings."""
    return report(*warnings, where="in the seeds (--strict makes warnings errors)", noun="warning")


def docs_report(*problems: str) -> str:
    """What `generator build` prints when the system refuses a write in docs/."""
    return report(*problems, where="in docs/")


def line_of(p: Project, rel: str, needle: str) -> int:
    """Line of ``needle`` in a file that may not be valid UTF-8."""
    for number, line in enumerate(p.path(rel).read_bytes().decode("utf-8", "replace").split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {rel}")


@dataclass(frozen=True)
class Bad:
    """A bad input: how to make it from the good seeds, and every problem it must be reported as
    (``report`` makes the whole text from them; ``args``: the command's options; ``patch``: what
    the machine does, such as refusing a write)."""

    name: str
    make: Callable[[Project], None]
    problems: Callable[[Project], list[str]]
    report: Callable[..., str] = report
    args: tuple[str, ...] = ()
    patch: Callable[[pytest.MonkeyPatch, Project], None] | None = None


def _replace(rel: str, old: str, new: str) -> Callable[[Project], None]:
    return lambda p: p.replace(rel, old, new)


def _copy_article(folder: str) -> Callable[[Project], None]:
    return lambda p: shutil.copytree(p.path(f"seeds/{SLUG}"), p.path(f"seeds/{folder}"))


def _alias(p: Project) -> None:
    p.replace(SOURCES, "  - id: cac-2021-03-18\n", "  - &statement\n    id: cac-2021-03-18\n")
    p.write(SOURCES, p.read(SOURCES) + "  - *statement\n")


def _not_utf8(p: Project) -> None:
    path = p.path(SOURCES)
    path.write_bytes(path.read_bytes().replace(b'"Yicai Global"', b'"Yicai Global \xe9"'))


def _too_large_yaml(p: Project) -> None:
    p.write(SOURCES, p.read(SOURCES) + "# padding\n" * (MAX_YAML_BYTES // 10))


def _hand_edit(p: Project) -> None:
    p.write("docs/en/who.md", p.read("docs/en/who.md") + "\nA line added by hand.\n")


def _in_the_way(p: Project) -> None:
    theme = (
        "  - id: faq\n"
        '    title: {vi: "Hỏi đáp", en: "Questions"}\n'
        '    lead: {vi: "Những câu hỏi thường gặp.", en: "Frequent questions."}\n'
        "    sections:\n"
        "      - id: companies\n"
        '        heading: {vi: "Các công ty", en: "The companies"}\n'
        "        claims:\n"
        '          - text: {vi: "Kuaishou và Xiaomi cũng dự cuộc gặp.", en: "Kuaishou and Xiaomi also attended."}\n'
        "            cite: [p2s2]\n"
    )
    p.replace(FACTS, "themes:\n", "themes:\n" + theme)
    for lang in ("vi", "en"):
        p.write(f"docs/{lang}/articles/{SLUG}/faq.md", "# FAQ\n\nWritten by hand.\n")


def _in_the_way_problem(lang: str) -> str:
    page = f"docs/{lang}/articles/{SLUG}/faq.md"
    return (
        f"{page}: a file that the generator did not write is in the way of a generated page\n"
        f"    fix: move or rename {page} (the generator never overwrites a file it does not own), or delete it if it is an old generated page"
    )


FIRST_DATE = "    date: 2021-03-18\n"  # of the first outside source, which has no address
KUAISHOU, XIAOMI = 'name: {vi: "Kuaishou Technology"', 'name: {vi: "Xiaomi"'


def _changed_sentence(p: Project) -> list[str]:
    citing = [
        f"{FACTS}:{p.line_of(FACTS, 'Bài báo không cho biết cuộc gặp diễn ra ngày nào') - 1} explainer.key_points[4]",
        f"{FACTS}:{p.line_of(FACTS, 'Kuaishou Technology và Xiaomi Corp cũng dự cuộc gặp.') - 1} explainer.sections[0].claims[2]",
        f"{FACTS}:{p.line_of(FACTS, 'Bài báo nêu tên năm trong số 11 công ty') - 1} explainer.sections[1].claims[1]",
        f"{FACTS}:{p.line_of(FACTS, 'Bài báo nêu tên năm công ty:') - 1} themes[2].sections[1].claims[0]",
        f"{FACTS}:{p.line_of(FACTS, '- id: companies-summoned')} events[4]",
        f"{ENTITIES}:{p.line_of(ENTITIES, KUAISHOU) + 2} entities[6].description",
        f"{ENTITIES}:{p.line_of(ENTITIES, XIAOMI) + 2} entities[7].description",
    ]
    now = "Hai hãng Kuaishou Technology và Xiaomi Corp đã tham dự cuộc họp này."
    return [
        f"{META}:{p.line_of(META, 'fingerprint: f83b96ea3f63')}:18: sentences.p2s2.fingerprint: sentence p2s2 changed since its facts were written "
        f"(now: “{now}”); facts citing it: {', '.join(citing)}\n"
        f"    fix: check those facts and the English rendering against the new text, then set `fingerprint: {fingerprint(now)}`"
    ]


CATALOGUE = [
    # -- YAML syntax ---------------------------------------------------------------------------------
    Bad(
        "yaml-tab-indentation",
        _replace(FACTS, "  sections:\n    - id: what-happened", "  sections:\n\t- id: what-happened"),
        lambda p: [
            f"{FACTS}:{p.line_of(FACTS, '- id: what-happened')}:1: YAML syntax error: while scanning for the next token found character '\\t' that cannot start any token\n"
            "    fix: indent with spaces, not tabs"
        ],
    ),
    Bad(
        "yaml-unclosed-quote",
        _replace(META, "original: {name: Reuters}", 'original: "Reuters'),
        lambda p: [
            f"{META}:{p.line_of(META, 'original:')}:11: YAML syntax error: the quoted text that starts here is not closed on its line "
            f"(the parser stopped at line {p.line_of(META, 'The text carries no date')}, column 5: mapping values are not allowed here)\n"
            "    fix: close the quoted text with the same quote mark it opened with"
        ],
    ),
    Bad(
        "yaml-quote-inside-quoted-text",
        _replace(FACTS, 'heading: {vi: "Chuyện gì đã xảy ra"', 'heading: {vi: "Chuyện "gì" đã xảy ra"'),
        lambda p: [
            f"{FACTS}:{p.line_of(FACTS, 'Chuyện ')}:30: YAML syntax error: while parsing a flow mapping expected ',' or '}}', but got '<scalar>'\n"
            '    fix: check the quote marks before this position: a " inside "…" ends the text early (write \\" or use “…”)'
        ],
    ),
    Bad(
        "yaml-duplicate-key",
        _replace(META, "published: 2021-03-19\n", "published: 2021-03-19\npublished: 2021-03-20\n"),
        lambda p: [
            f"{META}:{p.line_of(META, 'published: 2021-03-20')}:1: YAML syntax error: while constructing a mapping found duplicate key \"published\" with value \"2021-03-20\" (original value: \"2021-03-19\")\n"
            "    fix: each key may appear once in a mapping: remove or rename one of the two"
        ],
    ),
    Bad(
        "yaml-alias",
        _alias,
        lambda p: [
            f"{SOURCES}:{p.line_of(SOURCES, '- *statement')}:5: YAML alias *statement: anchors and aliases (&name, *name, <<:) are not supported in seed files\n"
            "    fix: write the value out in full here"
        ],
    ),
    Bad(
        "yaml-nested-too-deep",
        _replace(SOURCES, FIRST_DATE, FIRST_DATE + "    url: " + "[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1) + "\n"),
        lambda p: [
            f"{SOURCES}:{p.line_of(SOURCES, '[[[')}:{len('    url: ') + MAX_NESTING + 1}: brackets are nested more than {MAX_NESTING} levels deep\n"
            "    fix: close each [ and { that you open; seed files nest a few levels only"
        ],
    ),
    Bad(
        "yaml-control-character",
        _replace(SOURCES, '"Yicai Global"', '"Yicai\x07Global"'),
        lambda p: [
            f"{SOURCES}:{p.line_of(SOURCES, 'Yicai')}:22: the file contains the control character U+0007, which YAML does not allow\n"
            f"    fix: {CONTROL_FIX}"
        ],
    ),
    Bad(
        "yaml-not-utf8",
        _not_utf8,
        lambda p: [f"{SOURCES}:{line_of(p, SOURCES, 'Yicai Global')}:1: the file is not UTF-8\n    fix: save the file as UTF-8"],
    ),
    Bad(
        "yaml-file-too-large",
        _too_large_yaml,
        lambda p: [
            f"{SOURCES}: the file is {p.path(SOURCES).stat().st_size:,} bytes, more than the {MAX_YAML_BYTES:,} allowed\n"
            f"    fix: keep seed files under {MAX_YAML_BYTES:,} bytes: check that this is the right file"
        ],
    ),
    Bad(
        "file-missing",
        lambda p: p.path(FACTS).unlink(),
        lambda p: [f"{FACTS}: file is missing\n    fix: create {FACTS} (see seeds/README.md)"],
    ),
    # -- shapes: types, keys, translations -------------------------------------------------------------
    Bad(
        "wrong-type-list",
        _replace(META, "entities: [cac, mps, miit,", "entities: cac\nunused: [cac, mps, miit,"),
        lambda p: [
            f"{META}:{p.line_of(META, 'entities: cac')}:11: entities: expected a list, found str 'cac'\n"
            "    fix: write a list, e.g. [p2s1] or one `- item` per line",
            f"{META}:{p.line_of(META, 'unused:')}:1: unused: unknown key `unused`\n"
            "    fix: remove it; allowed keys here: entities, language, original, outlet, published, published_note, sentences, short, summary, title",
        ],
    ),
    Bad(
        "wrong-type-date",
        _replace(META, "published: 2021-03-19", "published: March 2021"),
        lambda p: [
            f"{META}:{p.line_of(META, 'published:')}:12: published: 'March 2021' is not a publication date\n"
            "    fix: write 2019 (a year), 2019-06 (a month), 2019-06-10 (a day) or 2019-06-10T08:30+07:00 (a date-time with its UTC offset)"
        ],
    ),
    Bad(
        "wrong-type-text",
        _replace(SOURCES, 'publisher: "Yicai Global"', "publisher: 2021"),
        lambda p: [
            f"{SOURCES}:{p.line_of(SOURCES, 'publisher: 2021')}:16: sources[3].publisher: expected text, found int '2021'\n"
            '    fix: write text; quote it ("…") if YAML reads it as something else'
        ],
    ),
    Bad(
        "unknown-key-did-you-mean",
        _replace(META, "original: {name: Reuters}", "orignal: {name: Reuters}"),
        lambda p: [f"{META}:{p.line_of(META, 'orignal')}:1: orignal: unknown key `orignal`\n    fix: did you mean `original`?"],
    ),
    Bad(
        "key-that-is-a-list",
        _replace(SOURCES, FIRST_DATE, FIRST_DATE + "    ? [a, b]\n    : x\n"),
        lambda p: [
            f"{SOURCES}:{p.line_of(SOURCES, '? [a, b]')}:7: YAML syntax error: while constructing a mapping found a key that is a list or a mapping (keys are text)\n"
            "    fix: write each key as plain text, `key: value` (a line starting with `? ` makes a complex key)"
        ],
    ),
    Bad(
        "key-that-is-not-text",
        _replace(SOURCES, FIRST_DATE, FIRST_DATE + "    2021: x\n"),
        lambda p: [
            f"{SOURCES}:{p.line_of(SOURCES, '2021: x')}:11: sources[0]: a key must be text, found 2021\n"
            '    fix: write the key as text (put it in quotes, e.g. "1":), as in seeds/README.md'
        ],
    ),
    Bad(
        "missing-translation",
        _replace(FACTS, 'heading: {vi: "Chuyện gì đã xảy ra", en: "What happened"}', 'heading: {vi: "Chuyện gì đã xảy ra"}'),
        lambda p: [f"{FACTS}:{p.line_of(FACTS, 'Chuyện gì')}:7: explainer.sections[0].heading: missing English translation\n    fix: add `en: …` with the English text"],
    ),
    Bad(
        "empty-translation",
        _replace(FACTS, 'en: "What happened"}', 'en: "  "}'),
        lambda p: [f"{FACTS}:{p.line_of(FACTS, 'Chuyện gì')}:48: explainer.sections[0].heading.en: empty English translation\n    fix: write the English text"],
    ),
    Bad(
        "empty-list",
        lambda p: p.write(GLOSSARY, "terms: []\n"),
        lambda p: [f"{GLOSSARY}:1:8: terms: this list is empty\n    fix: add at least one item"],
    ),
    Bad(
        "claim-without-citation",
        _replace(FACTS, "          cite: [p2s2]\n          sources: []\n", ""),
        lambda p: [
            f"{FACTS}:{p.line_of(FACTS, 'Kuaishou Technology và Xiaomi Corp cũng dự') - 1}:11: explainer.sections[0].claims[2]: a claim needs `cite` (article sentences) or `sources` (outside sources)\n"
            "    fix: add `cite: [p2s1]` with the article sentences it rests on, or `sources: [id]` with outside sources from seeds/sources.yml"
        ],
    ),
    # -- ids -------------------------------------------------------------------------------------------
    Bad(
        "duplicate-id",
        _replace(FACTS, "    - id: who\n", "    - id: what-happened\n"),
        lambda p: [
            f"{FACTS}:{p.line_of(FACTS, 'Những ai liên quan') - 1}:11: explainer.sections[1].id: duplicate section id 'what-happened' (first at line {p.line_of(FACTS, '- id: what-happened')})\n"
            "    fix: give this section another id, or merge the two"
        ],
    ),
    Bad(
        "id-escaping-docs",
        _replace(FACTS, "  - id: deepfakes\n", "  - id: ../../../deepfakes\n"),
        lambda p: [
            f"{FACTS}:{p.line_of(FACTS, '../../../deepfakes')}:9: themes[0].id: '../../../deepfakes' is not valid here\n"
            "    fix: use lower-case ASCII letters, digits and single hyphens, e.g. deepfake-rules"
        ],
    ),
    Bad(
        "citation-escaping-docs",
        _replace(GLOSSARY, f"cite: [{SLUG}/p3s1", "cite: [../p3s1"),
        lambda p: [
            f"{GLOSSARY}:{p.line_of(GLOSSARY, '../p3s1')}:14: terms[0].definition.cite[0]: '../p3s1' is not valid here\n"
            "    fix: cite pNsM, or slug/pNsM in site-wide files, e.g. deepfake-clubhouse-2021/p3s1"
        ],
    ),
    Bad(
        "article-folder-dot-dot",
        _copy_article("..x"),
        lambda p: [
            "seeds/..x: article folder name '..x' is not a valid slug; a name starting with \".\" hides the folder, so its article would not be published\n"
            f"    fix: {SLUG_FIX}"
        ],
    ),
    Bad(
        "article-folder-upper-case",
        _copy_article("Deepfake-2021"),
        lambda p: [f"seeds/Deepfake-2021: article folder name 'Deepfake-2021' is not a valid slug\n    fix: {SLUG_FIX}"],
    ),
    # -- citations and quotes --------------------------------------------------------------------------
    Bad(
        "citation-of-a-missing-sentence",
        _replace(FACTS, "cite: [p2s2]", "cite: [p2s3]"),
        lambda p: [
            f"{FACTS}:{p.line_of(FACTS, 'cite: [p2s3]')}:18: explainer.sections[0].claims[2].cite[0]: no sentence 'p2s3' in {TEXT} (it has p1s1 … p10s1, 12 sentences)\n"
            f"    fix: did you mean 'p2s2' (“Hai hãng Kuaishou Technology và Xiaomi Corp cũng tham dự …”)? {LIST_SENTENCES}"
        ],
    ),
    Bad(
        "quote-not-verbatim",
        _replace(FACTS, 'quote: {vi: "đánh giá an ninh"', 'quote: {vi: "đánh giá bảo mật"'),
        lambda p: [
            f"{FACTS}:{p.line_of(FACTS, 'đánh giá bảo mật')}:23: explainer.sections[0].claims[1].quote.vi: the quote is not verbatim in p2s1\n"
            "    fix: copy the passage exactly from the article (closest text in p2s1: “đánh giá an ninh”)"
        ],
    ),
    # -- dates -----------------------------------------------------------------------------------------
    Bad(
        "impossible-date-unquoted",
        _replace(META, "published: 2021-03-19", "published: 2021-02-30"),
        lambda p: [f"{META}:{p.line_of(META, 'published:')}:12: published: impossible date '2021-02-30' (day is out of range for month)\n    fix: give a date that exists in the calendar"],
    ),
    Bad(
        "impossible-date-in-an-event",
        _replace(FACTS, "when: {date: 2021-02-19}", "when: {date: 2021-02-30}"),
        lambda p: [f"{FACTS}:{p.line_of(FACTS, '2021-02-30')}:18: events[2].when.date: impossible date '2021-02-30' (day is out of range for month)\n    fix: give a date that exists in the calendar"],
    ),
    Bad(
        "impossible-date-quoted",
        _replace(SOURCES, "    date: 2021-03-18\n", '    date: "2021-02-29"\n'),
        lambda p: [f"{SOURCES}:{p.line_of(SOURCES, '2021-02-29')}:11: sources[0].date: impossible date '2021-02-29' (day is out of range for month)\n    fix: give a date that exists in the calendar"],
    ),
    Bad(
        "implausible-year",
        _replace(META, "published: 2021-03-19", "published: 0021-03-19"),
        lambda p: [f"{META}:{p.line_of(META, 'published:')}:12: published: implausible date '0021-03-19' (before the year 1000)\n    fix: check the year"],
    ),
    Bad(
        "misspelt-weekday",
        _replace(FACTS, "when: {weekday: thursday}", "when: {weekday: thurday}"),
        lambda p: [
            f"{FACTS}:{p.line_of(FACTS, 'thurday')}:21: events[5].when.weekday: 'thurday' is not one of the allowed values\n"
            "    fix: use 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday' or 'sunday'"
        ],
    ),
    Bad(
        "two-kinds-of-date",
        _replace(FACTS, "when: {weekday: thursday}", "when: {weekday: thursday, date: 2021-03-18}"),
        lambda p: [
            f"{FACTS}:{p.line_of(FACTS, 'when: {weekday: thursday, date')}:5: events[5].when: give exactly one of `date`, `weekday`, `before`, `after` (found date, weekday)\n"
            "    fix: keep one: `date` for a known day, month or year, `weekday` for a day the article names (“hôm thứ Năm”), `before` for an undisclosed date, `after` for a date relative to another event"
        ],
    ),
    Bad(
        "part-of-a-day",
        _replace(FACTS, "when: {date: 2021-02, part: early}", "when: {date: 2021-02-01, part: early}"),
        lambda p: [
            f"{FACTS}:{p.line_of(FACTS, 'part: early')}:5: events[0].when: `part` (early, mid, late) goes with a month date such as 2021-02\n"
            "    fix: write the month without its day (date: 2021-02), or remove `part`"
        ],
    ),
    Bad(
        "later-event-cited-as-reported",
        _replace(FACTS, "when: {weekday: thursday}", "when: {date: 2021-03-20}"),
        lambda p: [
            f"{FACTS}:{p.line_of(FACTS, '- id: statement-published') + 1}:5: events[5].when: event dated 2021-03-20 is after the article's publication (2021-03-19) but cites the article\n"
            "    fix: an article cannot report what came after it: cite an outside source in `sources` and remove `cite`"
        ],
    ),
    Bad(
        "address-that-is-not-a-web-address",
        _replace(SOURCES, FIRST_DATE, FIRST_DATE + '    url: "javascript:alert(1)"\n'),
        lambda p: [
            f"{SOURCES}:{p.line_of(SOURCES, 'javascript')}:10: sources[0].url: 'javascript:alert(1)' is not valid here\n"
            "    fix: write the full address, starting with https:// or http://; percent-encode spaces, quotes and brackets (%20, %22, %28, %29)"
        ],
    ),
    Bad(
        "address-with-a-quote",
        _replace(SOURCES, FIRST_DATE, FIRST_DATE + """    url: 'https://example.org/" onmouseover="alert(1)'\n"""),
        lambda p: [
            f"{SOURCES}:{p.line_of(SOURCES, 'onmouseover')}:10: sources[0].url: 'https://example.org/\" onmouseover=\"alert(1)' is not valid here\n"
            "    fix: write the full address, starting with https:// or http://; percent-encode spaces, quotes and brackets (%20, %22, %28, %29)"
        ],
    ),
    Bad(
        "malformed-fingerprint",
        _replace(META, "fingerprint: dcc089e1c91c", "fingerprint: dcc089e1c91"),
        lambda p: [
            f"{META}:{p.line_of(META, 'dcc089e1c91')}:18: sentences.p1s1.fingerprint: 'dcc089e1c91' is not valid here\n"
            "    fix: copy the 12-character fingerprint that `python -m generator sentences SLUG` prints for the sentence"
        ],
    ),
    # -- the article text ------------------------------------------------------------------------------
    Bad(
        "empty-article",
        lambda p: p.write(TEXT, " \n\n\t\n"),
        lambda p: [f"{TEXT}:1:1: the article is empty\n    fix: paste the article text, one paragraph per line"],
    ),
    Bad(
        "control-character-in-the-article",
        _replace(TEXT, "Hai hãng Kuaishou", "Hai hãng\x0cKuaishou"),
        lambda p: [f"{TEXT}:2:{p.read(TEXT).split(chr(10))[1].index(chr(12)) + 1}: the article contains the control character U+000C\n    fix: {CONTROL_FIX}"],
    ),
    Bad(
        "article-changed-after-its-facts",
        _replace(TEXT, "Xiaomi Corp cũng tham dự", "Xiaomi Corp đã tham dự"),
        _changed_sentence,
    ),
    # -- text that would not show as written ---------------------------------------------------------
    Bad(
        "html-in-a-fact",
        _replace(FACTS, "Kuaishou Technology và Xiaomi Corp cũng dự cuộc gặp.", "Kuaishou Technology và <b>Xiaomi</b> cũng dự cuộc gặp."),
        lambda p: [
            f"{FACTS}:{p.line_of(FACTS, '<b>Xiaomi')}:17: explainer.sections[0].claims[2].text.vi: HTML is not allowed in fact text (found '<b>')\n"
            "    fix: write plain text: pages show fact text literally; describe instead of marking up"
        ],
    ),
    Bad(
        "script-in-a-fact",
        _replace(FACTS, 'en: "Kuaishou Technology and Xiaomi Corp also attended the meeting."', 'en: "<script>alert(1)</script>"'),
        lambda p: [
            f"{FACTS}:{p.line_of(FACTS, '<script>')}:17: explainer.sections[0].claims[2].text.en: HTML is not allowed in fact text (found '<script>')\n"
            "    fix: write plain text: pages show fact text literally; describe instead of marking up"
        ],
    ),
    Bad(
        "html-entity-in-a-fact",
        _replace(GLOSSARY, 'term: {vi: "deepfake", en: "deepfake"}', 'term: {vi: "deepfake", en: "deep&shy;fake"}'),
        lambda p: [
            f"{GLOSSARY}:{p.line_of(GLOSSARY, '&shy;')}:32: terms[0].term.en: HTML is not allowed in fact text (found '&shy;')\n"
            "    fix: write plain text: pages show fact text literally; describe instead of marking up"
        ],
    ),
    Bad(
        "hex-character-reference-in-a-fact",
        _replace(GLOSSARY, 'term: {vi: "deepfake", en: "deepfake"}', 'term: {vi: "deepfake", en: "&#x3C;script&#x3E;"}'),
        lambda p: [
            f"{GLOSSARY}:{p.line_of(GLOSSARY, '&#x3C;')}:32: terms[0].term.en: HTML is not allowed in fact text (found '&#x3C;')\n"
            "    fix: write plain text: pages show fact text literally; describe instead of marking up"
        ],
    ),
    Bad(
        "invisible-character-in-a-fact",
        _replace(GLOSSARY, 'term: {vi: "deepfake", en: "deepfake"}', 'term: {vi: "deepfake", en: "deep\\u202efake"}'),
        lambda p: [
            f"{GLOSSARY}:{p.line_of(GLOSSARY, 'u202e')}:32: terms[0].term.en: the invisible character U+202E is not allowed in fact text\n"
            "    fix: delete it (YAML escapes such as \\a, \\x07 or \\u202e write invisible characters)"
        ],
    ),
    # -- docs/: what the generator must never overwrite ------------------------------------------------
    Bad(
        "hand-edited-generated-page",
        _hand_edit,
        lambda p: [
            "docs/en/who.md: this generated page was edited by hand; the edit would be lost on the next build\n"
            "    fix: make the change in seeds/entities.yml instead, then delete docs/en/who.md (or undo the edit)"
        ],
    ),
    Bad(
        "hand-written-file-in-the-way",
        _in_the_way,
        lambda p: [_in_the_way_problem("en"), _in_the_way_problem("vi")],
    ),
]


NEW_TEXT = ("What happened", "What happened next")


def _edit_and(then: Callable[[Project], None]) -> Callable[[Project], None]:
    """An edit of a seed (so that pages are written), then ``then``."""

    def make(p: Project) -> None:
        p.replace(FACTS, *NEW_TEXT)
        then(p)

    return make


def _link(rel: str, target: Callable[[Project], Path]) -> Callable[[Project], None]:
    def make(p: Project) -> None:
        path, to = p.path(rel), target(p)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(to)

    return make


def _outside_copy(p: Project) -> Path:
    """A copy of the article outside the project (another repository, a home folder)."""
    outside = p.root.parent / "outside" / SLUG
    if not outside.exists():
        shutil.copytree(p.path(f"seeds/{SLUG}"), outside)
    return outside


#: A file of the machine that builds, outside the project: a link must never print it.
SECRET = "machine-secret-7f3a9c token=hunter2"
SYSTEM_FILE = Path("/etc/hostname") if Path("/etc/hostname").is_file() else Path("/etc/passwd")


def _secret_file(p: Project) -> Path:
    secret = p.root.parent / "machine" / "secret.txt"
    secret.parent.mkdir(exist_ok=True)
    secret.write_text(f"{SECRET}\n", encoding="utf-8")
    return secret


def _whole_seeds_outside(p: Project) -> Path:
    outside = p.root.parent / "outside-seeds"
    shutil.copytree(p.path("seeds"), outside)
    return outside


def _refuse_writes_in_docs(code: int, what: str) -> Callable[[pytest.MonkeyPatch, Project], None]:
    """The system refuses to create files in docs/ (a read-only mount, a full disk, another owner)."""

    def patch(monkeypatch: pytest.MonkeyPatch, p: Project) -> None:
        real = open

        def refusing_open(file, mode="r", *args, **kwargs):
            if "w" in mode and Path(file).resolve().is_relative_to(p.path("docs").resolve()):
                raise OSError(code, os.strerror(code), str(file))
            return real(file, mode, *args, **kwargs)

        monkeypatch.setattr(write_stage, "open", refusing_open, raising=False)

    return patch


def _immutable_docs(p: Project) -> None:
    p.replace(FACTS, *NEW_TEXT)
    result = subprocess.run(["chattr", "+i", str(p.path("docs"))], capture_output=True, check=False) if shutil.which("chattr") else None
    if result is None or result.returncode != 0:
        pytest.skip("chattr +i is not available on this file system (the refusal is also simulated: docs-write-refused)")


def _docs_is_a_file(p: Project) -> None:
    p.replace(FACTS, *NEW_TEXT)
    shutil.rmtree(p.path("docs"))
    p.path("docs").write_text("not a folder\n", encoding="utf-8")


THEME_TITLE_EN = 'en: "Deepfakes and their regulation"}'
ARTICLE_TITLE_EN = "Chinese regulators meet 11 tech companies over deepfakes and audio social apps"


def _duplicate_title(p: Project) -> None:
    """A theme page titled like its article (in English)."""
    p.replace(FACTS, THEME_TITLE_EN, f'en: "{ARTICLE_TITLE_EN}"}}')


NEW_TERM = (
    "  - id: voice-cloning\n"
    '    term: {vi: "nhân bản giọng nói", en: "voice cloning"}\n'
    '    short: {vi: "Giả giọng một người bằng máy.", en: "Imitating a person\'s voice by machine."}\n'
    "    definition:\n"
    '      text: {vi: "Giả giọng một người bằng máy.", en: "Imitating a person\'s voice by machine."}\n'
    "      sources: [cac-2021-03-18]\n"
)
NEW_ENTITY = (
    "  - id: example-group\n"
    "    kind: company\n"
    '    name: {vi: "Example Group", en: "Example Group"}\n'
    "    description:\n"
    '      text: {vi: "Một tập đoàn công nghệ Trung Quốc.", en: "A Chinese technology group."}\n'
    "      sources: [cac-2021-03-18]\n"
)


def _append(rel: str, text: str) -> Callable[[Project], None]:
    return lambda p: p.write(rel, p.read(rel) + text)


CATALOGUE += [
    # -- links: nothing outside seeds/ is read, nor quoted --------------------------------------------
    Bad(
        "link-article-folder-outside",
        _link("seeds/other-article-2021", _outside_copy),
        lambda p: [f"seeds/other-article-2021: a symbolic link: seed files are read only inside seeds/, and links are never followed\n    fix: {LINK_FIX}"],
    ),
    Bad(
        "link-article-text-to-a-system-file",
        _link(TEXT, lambda p: SYSTEM_FILE),
        lambda p: [f"{TEXT}: a symbolic link: seed files are read only inside seeds/, and links are never followed\n    fix: {LINK_FIX}"],
    ),
    Bad(
        "link-article-text-to-a-secret",
        _link(TEXT, _secret_file),
        lambda p: [f"{TEXT}: a symbolic link: seed files are read only inside seeds/, and links are never followed\n    fix: {LINK_FIX}"],
    ),
    Bad(
        "link-seed-file-inside-seeds",
        _link(SOURCES, lambda p: Path("glossary.yml")),
        lambda p: [f"{SOURCES}: a symbolic link: seed files are read only inside seeds/, and links are never followed\n    fix: {LINK_FIX}"],
    ),
    Bad(
        "link-seeds-folder-outside",
        _link("seeds", _whole_seeds_outside),
        lambda p: [f"seeds: a symbolic link: seed files are read only inside seeds/, and links are never followed\n    fix: {LINK_FIX}"],
    ),
    # -- code points -----------------------------------------------------------------------------------
    Bad(
        "lone-surrogate",
        _replace(SOURCES, '"Yicai Global"', '"Yicai \\ud800 Global"'),
        lambda p: [
            f"{SOURCES}:{p.line_of(SOURCES, 'Yicai')}:16: sources[3].publisher: the text holds U+D800, half of a surrogate pair: not a character (an escape such as \\ud800 wrote it)\n"
            "    fix: write the character itself, or its full code point (\\U0001F600, not two \\u escapes)"
        ],
    ),
    Bad(
        "surrogate-pair-as-two-escapes",
        _replace(FACTS, '"What happened"', '"What happened \\ud83d\\ude00"'),
        lambda p: [
            f"{FACTS}:{p.line_of(FACTS, 'ude00')}:48: explainer.sections[0].heading.en: the text holds U+D83D, half of a surrogate pair: not a character (an escape such as \\ud83d wrote it)\n"
            "    fix: write the character itself, or its full code point (\\U0001F600, not two \\u escapes)"
        ],
    ),
    Bad(
        "decomposed-text-in-a-seed-file",
        _replace(FACTS, "Chuyện gì đã xảy ra", unicodedata.normalize("NFD", "Chuyện gì đã xảy ra")),
        lambda p: [
            f"{FACTS}:{p.line_of(FACTS, 'What happened')}:{p.read(FACTS).splitlines()[p.line_of(FACTS, 'What happened') - 1].index('C') + 5}: the text is decomposed Unicode (NFD: a letter and its accents as separate characters), not the composed form (NFC) seed files use\n"
            f"    fix: {nfc_fix(FACTS)}"
        ],
    ),
    Bad(
        "decomposed-article",
        lambda p: p.write(TEXT, unicodedata.normalize("NFD", p.read(TEXT))),
        lambda p: [
            f"{TEXT}:1:{next(i for i, c in enumerate(p.read(TEXT)) if unicodedata.combining(c)) - 1 + 1}: the article is decomposed Unicode (NFD: a letter and its accents as separate characters), not the composed form (NFC) seed files use\n"
            f"    fix: {nfc_fix(TEXT)}"
        ],
    ),
    Bad(
        "decomposed-text-by-an-escape",
        _replace(FACTS, '"What happened"', '"What happene\\u0301d"'),
        lambda p: [
            f"{FACTS}:{p.line_of(FACTS, 'u0301')}:48: explainer.sections[0].heading.en: the text is not in composed Unicode (NFC): an escape wrote a combining mark apart from its letter\n"
            "    fix: write the composed letter itself (ệ, not e with \\u0323\\u0302)"
        ],
    ),
    # -- YAML tags -------------------------------------------------------------------------------------
    Bad(
        "yaml-tag-str",
        _replace(SOURCES, 'publisher: "Yicai Global"', "publisher: !!str 2021"),
        lambda p: [
            f"{SOURCES}:{p.line_of(SOURCES, '!!str')}:16: explicit YAML tag !!str: tags (!name, !!type) are not allowed in seed files\n"
            '    fix: remove the tag; quote the value ("…") if it must be read as text'
        ],
    ),
    Bad(
        "yaml-tag-python-object",
        _replace(SOURCES, "    date: 2021-03-18\n", "    date: 2021-03-18\n    url: !!python/object/apply:os.system [id]\n"),
        lambda p: [
            f"{SOURCES}:{p.line_of(SOURCES, '!!python')}:10: explicit YAML tag !!python/object/apply:os.system: tags (!name, !!type) are not allowed in seed files\n"
            '    fix: remove the tag; quote the value ("…") if it must be read as text'
        ],
    ),
    Bad(
        "yaml-local-tag",
        _replace(GLOSSARY, 'term: {vi: "deepfake"', 'term: !text {vi: "deepfake"'),
        lambda p: [
            f"{GLOSSARY}:{p.line_of(GLOSSARY, '!text')}:11: explicit YAML tag !text: tags (!name, !!type) are not allowed in seed files\n"
            '    fix: remove the tag; quote the value ("…") if it must be read as text'
        ],
    ),
    # -- dates -----------------------------------------------------------------------------------------
    Bad(
        "date-with-slashes",
        _replace(META, "published: 2021-03-19", "published: 2021/03/19"),
        lambda p: [f"{META}:{p.line_of(META, 'published:')}:12: published: '2021/03/19' is not a publication date\n    fix: write 2019 (a year), 2019-06 (a month), 2019-06-10 (a day) or 2019-06-10T08:30+07:00 (a date-time with its UTC offset)"],
    ),
    Bad(
        "date-day-first",
        _replace(SOURCES, "    date: 2021-03-18\n", "    date: 18-03-2021\n"),
        lambda p: [f"{SOURCES}:{p.line_of(SOURCES, '18-03-2021')}:11: sources[0].date: expected a date, found str '18-03-2021'\n    fix: write the date as YYYY-MM-DD, e.g. 2021-03-19"],
    ),
    Bad(
        "date-month-13",
        _replace(FACTS, "when: {date: 2021-02, part: early}", "when: {date: 2021-13, part: early}"),
        lambda p: [f"{FACTS}:{p.line_of(FACTS, '2021-13')}:18: events[0].when.date: impossible date '2021-13' (month must be in 1..12)\n    fix: give a date that exists in the calendar"],
    ),
    Bad(
        "date-without-leading-zeros",
        _replace(FACTS, "when: {date: 2021-02-19}", "when: {date: 2021-2-19}"),
        lambda p: [f"{FACTS}:{p.line_of(FACTS, '2021-2-19')}:18: events[2].when.date: '2021-2-19' is not a date\n    fix: write 2019 (a year), 2019-06 (a month) or 2019-06-10 (a day)"],
    ),
    Bad(
        "date-with-a-time",
        _replace(META, "published: 2021-03-19", "published: 2021-03-19T10:00:00"),
        lambda p: [f"{META}:{p.line_of(META, 'published:')}:12: published: '2021-03-19T10:00:00' is not a publication date\n    fix: write 2019 (a year), 2019-06 (a month), 2019-06-10 (a day) or 2019-06-10T08:30+07:00 (a date-time with its UTC offset)"],
    ),
    # -- warnings, errors with --strict ----------------------------------------------------------------
    Bad(
        "duplicate-title",
        _duplicate_title,
        lambda p: [
            f"{FACTS}:{p.line_of(FACTS, '  - id: deepfakes') + 1}:{p.line_text(FACTS, '  - id: deepfakes', 1).index('en: ') + 5}: themes[0].title.en: the title {ARTICLE_TITLE_EN!r} is also the title of another page ({META}:{p.line_of(META, ARTICLE_TITLE_EN)})\n"
            "    fix: give each page its own title: a reader tells pages apart by their titles in the navigation and the search results"
        ],
        strict_report,
        ("--strict",),
    ),
    Bad(
        "unused-term",
        _append(GLOSSARY, NEW_TERM),
        lambda p: [
            f"{GLOSSARY}:{p.line_of(GLOSSARY, 'id: voice-cloning')}:9: terms[{p.read(GLOSSARY).count('  - id: ') - 1}].id: the term 'voice-cloning' is used by no article (none of 'nhân bản giọng nói', 'voice cloning' occurs in an article or its facts)\n"
            "    fix: add the form an article uses to `aliases`, or remove the term if no article needs it"
        ],
        strict_report,
        ("--strict",),
    ),
    Bad(
        "unmentioned-entity",
        _append(ENTITIES, NEW_ENTITY),
        lambda p: [
            f"{ENTITIES}:{p.line_of(ENTITIES, 'id: example-group')}:9: entities[{p.read(ENTITIES).count('  - id: ') - 1}].id: the entity 'example-group' is mentioned by no article (no `entities:` list, event or name refers to it)\n"
            "    fix: add its id to `entities:` in the article.yml of an article that names it, or remove the entity"
        ],
        strict_report,
        ("--strict",),
    ),
    # -- the machine: docs/ that cannot be written ------------------------------------------------------
    Bad(
        "docs-immutable",
        _immutable_docs,
        lambda p: [
            "docs/.generated-journal.json: the system refused to write it: Operation not permitted\n"
            "    fix: make it writable (chattr -i if it was made immutable, chmod u+w; check the owner), then build again"
        ],
        docs_report,
    ),
    Bad(
        "docs-write-refused",
        _edit_and(lambda p: None),
        lambda p: [
            f"docs/en/articles/{SLUG}/index.md: the system refused to write it: Permission denied\n"
            "    fix: make it writable (chmod u+w, or chattr -i if it was made immutable; check the owner), then build again"
        ],
        docs_report,
        patch=_refuse_writes_in_docs(errno.EACCES, "write"),
    ),
    Bad(
        "docs-disk-full",
        _edit_and(lambda p: None),
        lambda p: [
            f"docs/en/articles/{SLUG}/index.md: the system refused to write it: No space left on device\n"
            "    fix: free some disk space, then build again"
        ],
        docs_report,
        patch=_refuse_writes_in_docs(errno.ENOSPC, "write"),
    ),
    Bad(
        "docs-is-a-file",
        _docs_is_a_file,
        lambda p: ["docs: the system refused it: Not a directory\n    fix: a file stands where a folder is needed: move it out of the way, then build again"],
        lambda *problems: report(*problems, where="on this machine"),
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A copy of the project with its pages generated: the state a bad edit is made in."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    assert main(["--root", str(project.root), "build"]) == 0
    return project


@pytest.fixture
def site(built: Project, tmp_path: Path) -> Project:
    """A fresh copy of the built project for one test, with a built site/ beside docs/."""
    shutil.copytree(built.root, tmp_path / "project")
    project = Project(tmp_path / "project")
    project.write("site/index.html", "<!doctype html><title>the last good site</title>\n")
    yield project
    if shutil.which("chattr"):  # undo a test's `chattr +i` (else the folder cannot be removed)
        subprocess.run(["chattr", "-i", str(project.path("docs"))], capture_output=True, check=False)


def _state(p: Project) -> dict[str, dict[str, bytes]]:
    """docs/ (a folder, or a file in its place) and site/, byte for byte."""
    docs = p.path("docs")
    return {
        "docs": {"": docs.read_bytes()} if docs.is_file() else p.snapshot("docs"),
        "site": p.snapshot("site"),
    }


@pytest.mark.parametrize("bad", CATALOGUE, ids=lambda bad: bad.name)
def test_a_bad_input_is_refused_with_its_place_and_fix(site: Project, bad: Bad, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    bad.make(site)
    before = _state(site)
    if bad.patch:
        bad.patch(monkeypatch, site)
    code = main(["--root", str(site.root), "build", *bad.args])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err == bad.report(*bad.problems(site))
    assert SECRET not in err and SYSTEM_FILE.read_text(encoding="utf-8", errors="replace").strip() not in err
    assert _state(site) == before, "docs/ or site/ changed"


def test_the_catalogue_covers_every_kind_of_bad_input():
    assert len(CATALOGUE) == len({bad.name for bad in CATALOGUE}) >= 62


# -- every problem of a run, together; also from the command line ------------------------------------


def _three_files_broken(p: Project) -> None:
    p.replace(SOURCES, "  - id: yicai-company-list\n", "  - id: yicai-company-list\n\tpublisher: x\n")
    p.replace(META, "original: {name: Reuters}", "orignal: {name: Reuters}")
    p.replace(GLOSSARY, 'term: {vi: "deepfake", en: "deepfake"}', 'term: {vi: "deepfake", en: ""}')


EMPTY_TERM = 'en: ""}'


def _three_files_problems(p: Project) -> list[str]:
    return [
        f"{META}:{p.line_of(META, 'orignal')}:1: orignal: unknown key `orignal`\n    fix: did you mean `original`?",
        f"{GLOSSARY}:{p.line_of(GLOSSARY, EMPTY_TERM)}:32: terms[0].term.en: empty English translation\n    fix: write the English text",
        f"{SOURCES}:{p.line_of(SOURCES, 'publisher: x')}:1: YAML syntax error: while scanning for the next token found character '\\t' that cannot start any token\n"
        "    fix: indent with spaces, not tabs",
    ]


def test_problems_in_several_files_are_reported_together_by_the_command(site: Project):
    _three_files_broken(site)
    docs = site.snapshot()
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(site.root), "build"],
        cwd=site.root, capture_output=True, text=True, timeout=120,
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == report(*_three_files_problems(site))
    assert site.snapshot() == docs


def test_problems_between_files_are_reported_together(site: Project, capsys: pytest.CaptureFixture[str]):
    site.replace(FACTS, 'quote: {vi: "đánh giá an ninh"', 'quote: {vi: "đánh giá bảo mật"')
    site.replace(FACTS, "cite: [p2s2]", "cite: [p2s9]")
    site.replace(ENTITIES, "    kind: government-body\n", "    kind: government-body\n    owner: alibab\n")
    docs = site.snapshot()
    assert main(["--root", str(site.root), "build"]) == 1
    assert capsys.readouterr().err == report(
        f"{FACTS}:{site.line_of(FACTS, 'đánh giá bảo mật')}:23: explainer.sections[0].claims[1].quote.vi: the quote is not verbatim in p2s1\n"
        "    fix: copy the passage exactly from the article (closest text in p2s1: “đánh giá an ninh”)",
        f"{FACTS}:{site.line_of(FACTS, 'cite: [p2s9]')}:18: explainer.sections[0].claims[2].cite[0]: no sentence 'p2s9' in {TEXT} (it has p1s1 … p10s1, 12 sentences)\n"
        f"    fix: did you mean 'p2s2' (“Hai hãng Kuaishou Technology và Xiaomi Corp cũng tham dự …”)? {LIST_SENTENCES}",
        f"{ENTITIES}:{site.line_of(ENTITIES, 'owner: alibab')}:12: entities[0].owner: unknown entity 'alibab'\n    fix: did you mean 'alibaba'?",
    )
    assert site.snapshot() == docs


# -- not errors: the same article, written differently -------------------------------------------


def _sentences(p: Project, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--root", str(p.root), "sentences", SLUG]) == 0
    return capsys.readouterr().out


def _pages(p: Project) -> dict[str, bytes]:
    """docs/ without the build cache (file statuses: inode numbers and times, not pages)."""
    return {rel: data for rel, data in p.snapshot().items() if rel != CACHE}


def _built_again_unchanged(p: Project, capsys: pytest.CaptureFixture[str]) -> None:
    """A build writes nothing: the pages are byte for byte those of the clean seeds."""
    docs = _pages(p)
    pages = len(json.loads(p.read("docs/.generated.json"))["files"])
    assert main(["--root", str(p.root), "build"]) == 0
    assert capsys.readouterr().out.startswith(f"generator: 0 written, 0 deleted, {pages} unchanged")
    assert _pages(p) == docs


def test_a_bom_crlf_and_trailing_spaces_give_the_same_sentences_and_pages(site: Project, capsys: pytest.CaptureFixture[str]):
    clean = _sentences(site, capsys)
    text = site.read(TEXT)
    site.path(TEXT).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "  \t\r\n").encode() + b"\r\n \r\n")
    assert _sentences(site, capsys) == clean
    _built_again_unchanged(site, capsys)


def test_decomposed_vietnamese_is_refused_and_its_fix_gives_the_same_pages(site: Project, capsys: pytest.CaptureFixture[str]):
    """Decision: seed files are NFC (seeds/README.md); decomposed text is refused with its place
    (catalogue: decomposed-*), and the command of the fix makes the same sentences and pages."""
    clean = _sentences(site, capsys)
    site.write(TEXT, unicodedata.normalize("NFD", site.read(TEXT)))
    site.write(FACTS, unicodedata.normalize("NFD", site.read(FACTS)))
    assert main(["--root", str(site.root), "build"]) == 1
    err = capsys.readouterr().err
    for rel in (TEXT, FACTS):
        fix = nfc_fix(rel)
        assert f"    fix: {fix}" in err
        command = fix.split(": ", 1)[1]
        subprocess.run(command.replace("python3", sys.executable, 1), shell=True, cwd=site.root, check=True)
    assert _sentences(site, capsys) == clean
    _built_again_unchanged(site, capsys)


def test_a_10_mb_article_is_refused_at_once_without_being_read(site: Project, capsys: pytest.CaptureFixture[str]):
    sentence = "Một câu rất dài của một bài báo không có thật. ".encode()
    site.path(TEXT).write_bytes(sentence * (10_000_000 // len(sentence)))
    size = site.path(TEXT).stat().st_size
    docs = site.snapshot()
    tracemalloc.start()
    started = time.perf_counter()
    code = main(["--root", str(site.root), "build"])
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert code == 1
    assert capsys.readouterr().err == report(
        f"{TEXT}: the article is {size:,} bytes, more than the {MAX_ARTICLE_BYTES:,} allowed\n"
        "    fix: a news article is a few kilobytes: check that this is the right file, or split it into several articles"
    )
    assert elapsed < 10, f"{elapsed:.1f} s"
    # Bounded: at most one read of the bytes (the build cache may digest a new file); splitting
    # it into sentences would take many times its size.
    assert peak < 1.5 * size, f"{peak:,} bytes allocated"
    assert site.snapshot() == docs


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("../seeds", "seeds/../seeds: '../seeds' is not a valid article slug\n    fix: give the name of an article folder in seeds/, e.g. deepfake-clubhouse-2021"),
        ("/etc", "seeds//etc: '/etc' is not a valid article slug\n    fix: give the name of an article folder in seeds/, e.g. deepfake-clubhouse-2021"),
        ("no-such-article", f"seeds/no-such-article/article.vi.txt: file is missing\n    fix: check the slug (articles: {SLUG})"),
    ],
)
def test_the_sentences_command_refuses_a_slug_outside_seeds(site: Project, capsys: pytest.CaptureFixture[str], slug: str, expected: str):
    assert main(["--root", str(site.root), "sentences", slug]) == 1
    assert capsys.readouterr() == ("", report(expected))


# -- injection: markup in any text field is shown as text, never interpreted ------------------------

#: Field → text that passes validation but means something to Markdown, its extensions, Jinja or
#: HTML. Each must appear, as written, in the text of the built pages.
INJECTED = {
    "claim.vi": "# h *x* [a](b) {: .x} :emoji: {{ 7*7 }} {% raw %} & <3, a < b, &copy ok",
    "claim.en": "1. x **y** `z` ~~s~~ ^^u^^ ==m== {{ 7*7 }} {# c #} | a | b | ok",
    "heading.en": '??? note "T" {{ 7*7 }}',
    "heading.vi": "!!! warning {% raw %} {%- endraw %}",
    "lead.en": '--8<-- "mkdocs.yml"',
    "lead.vi": "> q [TOC] *[HTML]: Hyper Text",
    "sentence.en": '??? note "Hidden"',
    "source.en": "!!! note [TOC] {{ 7*7 }} *x* ok",
    "event.en": "1. x - y {{ 7*7 }} ok",
    "title.en": "*Regulators* {{ 7*7 }} <3 & co",
    "short.en": "x\" onmouseover=\"alert(1) 'q' `c` *e* [l](m) ) &lt ok",
}


def _inject(p: Project) -> None:
    q = lambda key: json.dumps(INJECTED[key], ensure_ascii=False)  # noqa: E731 (a JSON string is a YAML string)
    p.replace(FACTS, '"Kuaishou Technology và Xiaomi Corp cũng dự cuộc gặp."', q("claim.vi"))
    p.replace(FACTS, '"Kuaishou Technology and Xiaomi Corp also attended the meeting."', q("claim.en"))
    p.replace(FACTS, 'heading: {vi: "Chuyện gì đã xảy ra", en: "What happened"}', f'heading: {{vi: {q("heading.vi")}, en: {q("heading.en")}}}')
    lead = p.read(FACTS).split("  - id: deepfakes\n", 1)[1].split("    lead:\n", 1)[1].split("\n", 2)[:2]
    p.replace(FACTS, f"{lead[0]}\n{lead[1]}\n", f"      vi: {q('lead.vi')}\n      en: {q('lead.en')}\n")
    p.replace(META, '"Kuaishou Technology and Xiaomi Corp also attended the meeting."', q("sentence.en"))
    p.replace(META, '"Chinese regulators meet 11 tech companies over deepfakes and audio social apps"', q("title.en"))
    p.replace(SOURCES, '"Statement on the official account of the Cyberspace Administration of China about the talks with 11 companies on audio social apps and deepfakes, as reposted by kankanews.com"', q("source.en"))
    p.replace(FACTS, '"The Cyberspace Administration of China and the Ministry of Public Security publish their statement on the talks with the technology companies. That Thursday was 18 March 2021."', q("event.en"))
    p.replace(GLOSSARY, '"Fake video or audio made with artificial intelligence in which a person appears to say or do something they never did."', q("short.en"))


class _Page(HTMLParser):
    """The text a reader sees (scripts and styles left out) and every element's attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.elements.append((tag, dict(attrs)))
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def _read_page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("injected") / "project", with_site_config=True)
    _inject(project)
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    return project.path("site")


ARTICLE = f"articles/{SLUG}"
SHOWN_ON = [
    ("claim.vi", f"{ARTICLE}/index.html"),
    ("heading.vi", f"{ARTICLE}/index.html"),
    ("lead.vi", f"{ARTICLE}/deepfakes/index.html"),
    ("claim.en", f"en/{ARTICLE}/index.html"),
    ("heading.en", f"en/{ARTICLE}/index.html"),
    ("title.en", f"en/{ARTICLE}/index.html"),
    ("lead.en", f"en/{ARTICLE}/deepfakes/index.html"),
    ("sentence.en", f"en/{ARTICLE}/source/index.html"),
    ("source.en", "en/sources/index.html"),
    ("event.en", "en/timeline/index.html"),
    ("event.en", f"en/{ARTICLE}/index.html"),
]


@pytest.mark.site
@pytest.mark.parametrize(("field", "page"), SHOWN_ON, ids=[f"{f}@{p}" for f, p in SHOWN_ON])
def test_markup_in_a_text_field_is_shown_as_written(injected_site: Path, field: str, page: str):
    text = " ".join("".join(_read_page(injected_site / page).text).split())
    assert INJECTED[field] in text


@pytest.mark.site
def test_markup_in_a_tooltip_is_shown_as_written(injected_site: Path):
    links = [attrs for tag, attrs in _read_page(injected_site / "en" / ARTICLE / "index.html").elements if tag == "a" and "term" in (attrs.get("class") or "").split()]
    assert INJECTED["short.en"] in [attrs.get("title") for attrs in links]


@pytest.mark.site
def test_no_markup_of_a_text_field_took_effect(injected_site: Path):
    pages = [injected_site / page for _, page in SHOWN_ON] + [injected_site / ARTICLE / "source" / "index.html"]
    for path in pages:
        html = path.read_text(encoding="utf-8")
        elements = _read_page(path).elements
        assert not any(any(name.startswith("on") for name in attrs) for _, attrs in elements), path
        assert not any(tag in ("em", "strong", "del", "details", "blockquote", "table", "abbr") for tag, _ in elements), path
        assert not any(attrs.get("href") in ("b", "m") for tag, attrs in elements if tag == "a"), path
        assert not any({"note", "warning"} & set((attrs.get("class") or "").split()) for _, attrs in elements), path  # !!! and ???
        assert not any(attrs.get("id") in ("h", "toc") for _, attrs in elements), path  # "# h", [TOC]
        assert "site_name:" not in html, path  # --8<-- "mkdocs.yml" would have included the file (og:site_name is no include)


def test_the_escape_function_leaves_nothing_to_interpret():
    assert escape("*x* [a](b) {{ 7*7 }} {% raw %} <b> & a < b") == "\\*x\\* \\[a\\](b) \\{\\{ 7\\*7 \\}\\} \\{% raw %\\} &lt;b\\> \\& a &lt; b"
    assert escape("# h") == "\\# h"
    assert escape("1. x") == "1\\. x"
    assert escape("2021) x") == "2021\\) x"
    assert escape("??? note") == "\\??? note"
    assert escape('--8<-- "mkdocs.yml"') == '\\-\\-8&lt;\\-\\- "mkdocs.yml"'
    assert escape("a\nb\t c") == "a b c"
    assert escape("\x02wzxhzdk:0\x03") == "\ufffdwzxhzdk\\:0\ufffd"


# -- warnings: printed, not errors, unless --strict ---------------------------------------------------


def test_a_warning_does_not_stop_a_build_and_is_printed_with_its_place(site: Project, capsys: pytest.CaptureFixture[str]):
    _append(ENTITIES, NEW_ENTITY)(site)
    assert main(["--root", str(site.root), "build"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("generator: ")
    assert err == (
        "1 warning in the seeds (the build goes on; --strict makes warnings errors):\n"
        f"{ENTITIES}:{site.line_of(ENTITIES, 'id: example-group')}:9: entities[20].id: the entity 'example-group' is mentioned by no article (no `entities:` list, event or name refers to it)\n"
        "    fix: add its id to `entities:` in the article.yml of an article that names it, or remove the entity\n"
    )
    # a no-op build (nothing changed, a new process) does not read the seeds again to repeat it
    again = subprocess.run([sys.executable, "-m", "generator", "--root", str(site.root), "build"], capture_output=True, text=True, timeout=120)
    assert (again.returncode, again.stderr) == (0, "")
    # check --strict refuses it; so does a no-op build --strict
    assert main(["--root", str(site.root), "check", "--strict"]) == 1
    assert capsys.readouterr().err.startswith("1 warning in the seeds (--strict makes warnings errors); nothing was written.\n")
    assert main(["--root", str(site.root), "build", "--strict"]) == 1
    assert "example-group" in capsys.readouterr().err


@pytest.mark.site
def test_mkdocs_build_strict_fails_on_a_generator_warning(tmp_path: Path):
    project = copy_project(tmp_path / "project", with_site_config=True)
    _append(GLOSSARY, NEW_TERM)(project)
    result = build_site(project)
    assert result.returncode == 1, result.stderr
    assert "WARNING -  seeds/glossary.yml:" in result.stderr and "the term 'voice-cloning' is used by no article" in result.stderr
    assert "Traceback" not in result.stderr


# -- no traceback, unless --debug ----------------------------------------------------------------------


def _crash(*args, **kwargs):
    raise RuntimeError("a bug")


def test_an_unexpected_failure_ends_in_a_message_without_traceback(site: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    from generator import pipeline

    monkeypatch.setattr(pipeline, "render", _crash)
    site.replace(FACTS, *NEW_TEXT)
    before = _state(site)
    assert main(["--root", str(site.root), "build"]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", (
        "generator: internal error (RuntimeError); nothing was written, or the next build completes what was.\n"
        "    fix: run again with --debug (python -m generator --debug …) for the traceback, and report it with the seeds that cause it (SECURITY.md)\n"
    ))
    assert _state(site) == before
    with pytest.raises(RuntimeError, match="a bug"):
        main(["--root", str(site.root), "--debug", "build"])


def test_a_refused_write_from_the_command_line_has_no_traceback(site: Project):
    """The command as a contributor runs it: a docs/ made read-only by the system (a file where
    the folder should be stands for any refusal here: root ignores permissions)."""
    _docs_is_a_file(site)
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(site.root), "build"], capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == report("docs: the system refused it: Not a directory\n    fix: a file stands where a folder is needed: move it out of the way, then build again", where="on this machine")
