"""Any text in any text field of any seed file reaches the pages as exactly that text, or is refused.

A small corpus (tests/golden/input) has every text field of every seed file replaced by a token;
the tokens show where each field reaches the pages. Then hypothesis (fixed seed, bounded
examples) puts arbitrary Unicode, quotes, character references, ``</script>``, U+2028 and
control characters into one field at a time, and:

- the seeds are refused cleanly (a SeedError naming the file and a fix), or
- the pages, through the site's Markdown extensions and parsed as HTML (not grepped), hold the
  text literally where the token was (in element text, or in an attribute value), have exactly
  the elements and attributes they had, and their front matter (printed by the theme as the
  ``<title>`` and ``<meta name="description">``) holds the text; the JSON-LD of the page parses
  as one ``<script>`` element and holds the text.

A real ``mkdocs build`` of the same corpus with a few of these texts covers what the theme prints
in the head (test_a_mkdocs_build_of_hostile_text_keeps_the_head_intact).
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import event as hypothesis_event
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from generator.load.read import round_trip
from generator.pipeline import generate
from generator.problems import SeedError
from generator.render import jsonld
from generator.urls import SiteUrls

from .conftest import ROOT, Project, build_site, copy_project
from .test_properties import MD

CORPUS = ROOT / "tests" / "golden" / "input" / "seeds"
#: Keys whose strings are not text shown to readers (ids, citations, dates, addresses, kinds) or
#: must stay as they are (a quote is checked verbatim against the article).
NOT_TEXT = {"id", "cite", "sources", "fingerprint", "date", "before", "weekday", "part", "url", "kind", "entity", "owner", "wikidata", "related", "entities", "language", "published", "quote"}
TOKEN = "zqf{:04d}x"
PLAIN = "plainwordq"
SITE_NAME = "News explained"
URLS = SiteUrls("https://example.org/")


def _text_paths(data, loc=()):
    """Key paths of the text fields of a parsed seed file."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_TEXT:
                yield from _text_paths(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _text_paths(value, (*loc, i))
    elif isinstance(data, str):
        yield loc


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back exactly (lone surrogates, NEL and
    line separators included: escaped, so that no YAML folding changes them)."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F or (code > 0xA0 and unicodedata.category(char)[0] not in "CZ" and code != 0xFEFF):
            out.append(char)
        else:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


class Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.values: list[str] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))
        # values that show text (title, aria-label, alt…); not the anchors made from a heading
        self.values += [value or "" for name, value in attrs if name not in ("id", "href")]
        self._script = tag == "script"

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        self._script = False

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._script else self.text).append(data)


def parse(html: str) -> Dom:
    dom = Dom()
    dom.feed(html)
    dom.close()
    return dom


def one_line(text: str) -> str:
    return " ".join(text.split())


def shown(text: str) -> str:
    """What a reader sees of a field: trimmed, white space collapsed, control characters as U+FFFD."""
    return one_line(re.sub(r"[\x00-\x08\x0e-\x1b\x7f]", "\ufffd", text.strip()))


class Page:
    """A generated page: its front matter, its HTML through the site's Markdown, its JSON-LD."""

    def __init__(self, source: str, site, lang: str, rel: str):
        front, body = source.split("---\n", 2)[1:] if source.startswith("---\n") else ("{}", source)
        self.meta = yaml.safe_load(front)
        MD.reset()
        self.dom = parse(MD.convert(body))
        self.text = one_line("".join(self.dom.text))
        self.jsonld = None
        key = jsonld.pages(site).get(rel)
        if key:  # what publish puts in the head of the built page
            script = jsonld.script(jsonld.for_page(site, key, lang, URLS, SITE_NAME))
            self.jsonld = parse(script)


class Corpus:
    """The corpus with every text field a token, and where each token reaches the pages."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(CORPUS, root / "seeds")
        self.fields: list[tuple[str, str]] = []  # (file, token)
        loader = round_trip()
        loader.width = 100_000  # one line per value: a token is replaced up to the end of its value
        forms: list[str] = []  # the glossary's terms: linked (with their tooltip) where text uses them
        for path in sorted((root / "seeds").rglob("*.yml")):  # glossary.yml before the articles
            data = loader.load(path.read_text(encoding="utf-8"))
            rel = path.relative_to(root).as_posix()
            for loc in list(_text_paths(data)):
                token = TOKEN.format(len(self.fields))
                node = data
                for part in loc[:-1]:
                    node = node[part]
                # the glossary's forms where pages show text: the lead, and the first key point
                # (an explainer with key points shows them instead of its lead)
                shown_text = loc[:2] == ("explainer", "lead") or loc[:4] == ("explainer", "key_points", 0, "text")
                node[loc[-1]] = f"{token} {' '.join(forms)}" if shown_text else token
                if rel == "seeds/glossary.yml" and loc[2] == "term":
                    forms.append(token)
                self.fields.append((rel, token))
            with path.open("w", encoding="utf-8") as handle:
                loader.dump(data, handle)
        self._plain: dict[int, tuple[dict[str, Page], list[tuple[str, str]]]] = {}

    def pages_with(self, field: int, text: str, only: set[str] | None = None) -> tuple[object, dict[str, Page]]:
        """The site and its pages (or those in ``only``) with ``text`` in the field (the seed file
        is restored after); SeedError if the seeds are refused."""
        rel, token = self.fields[field]
        path = self.root / rel
        clean = path.read_text(encoding="utf-8")
        assert clean.count(token) == 1
        path.write_text(re.sub(token + r"[^\n,}\]]*", lambda _: yaml_string(text), clean, count=1), encoding="utf-8")
        try:
            site, pages = generate(self.root)
        finally:
            path.write_text(clean, encoding="utf-8")
        return site, {page: Page(source, site, *page.split("/", 1)) for page, source in pages.items() if only is None or page in only}

    def lead_fields(self) -> list[int]:
        """The fields of the explainer's lead in the tiny article (which has key points)."""
        text = (self.root / "seeds/tiny-article/facts.yml").read_text(encoding="utf-8")
        lead = next(line for line in text.splitlines() if line.strip().startswith("lead:"))
        tokens = re.findall(r"(?:vi|en): (zqf[0-9]{4}x)", lead)
        return [field for field, (_, token) in enumerate(self.fields) if token in tokens]

    def plain(self, field: int) -> tuple[dict[str, Page], list[tuple[str, str]]]:
        """The pages with a plain word in the field (what a hostile text must leave as it is), and
        where the word shows: (page, "text" | "attribute" | "title" | "description" | "jsonld")."""
        if field not in self._plain:
            pages = self.pages_with(field, PLAIN)[1]
            reaches = [(rel, kind) for rel, page in sorted(pages.items()) for kind, found in (
                ("text", PLAIN in page.text),
                ("attribute", any(PLAIN in value for value in page.dom.values)),
                ("title", PLAIN in str(page.meta.get("title", ""))),
                ("description", PLAIN in str(page.meta.get("description", ""))),
                ("jsonld", page.jsonld is not None and PLAIN in "".join(page.jsonld.scripts)),
            ) if found]
            self._plain[field] = ({rel: pages[rel] for rel, _ in reaches}, reaches)
        return self._plain[field]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return Corpus(tmp_path_factory.mktemp("escaping"))


#: One text with a piece of each kind that passes validation: the end of a script without ">",
#: the start of a comment, quotes of each kind, ampersands without ";", a line separator, NEL.
EVERYTHING = "</script x <!--<script y \"q\" 'a' `b` AT&T &lt &#x3C {{ 7*7 }} *e* [l](m) a\u2028b\x85c \\ }"


def test_every_text_field_reaches_a_page_and_shows_hostile_text_literally(corpus: Corpus):
    """Every field of the corpus, each in turn: the text shows as written (the corpus exercises
    the escaping of every field it has, else the property below would test nothing)."""
    assert len(corpus.fields) >= 50
    # the lead of an explainer with key points is the one field no page shows (the key points
    # take its place at the top of the page, generator/render/templates/explainer.md.j2)
    unseen = [corpus.fields[field] for field in range(len(corpus.fields)) if not corpus.plain(field)[1]]
    assert unseen == [("seeds/tiny-article/facts.yml", corpus.fields[field][1]) for field in corpus.lead_fields()]
    for field in range(len(corpus.fields)):
        check(corpus, field, EVERYTHING)


def event(name: str) -> None:
    with contextlib.suppress(InvalidArgument):  # outside a hypothesis test
        hypothesis_event(name)


def check(corpus: Corpus, field: int, text: str) -> None:
    """``text`` in ``field``: refused cleanly, or shown literally where a plain word shows, with
    the same elements and attributes, and JSON-LD that parses as one script holding the text."""
    plain, reaches = corpus.plain(field)
    try:
        _site, pages = corpus.pages_with(field, text, set(plain))
    except SeedError as error:
        event("refused")
        assert error.problems
        for problem in error.problems:
            assert problem.file.startswith("seeds/") and problem.fix and problem.message
        return
    event("accepted")
    expected = shown(unicodedata.normalize("NFC", text))
    assert expected, "an empty text was accepted"
    for page_rel, kind in reaches:
        page = pages[page_rel]
        # the same elements with the same attributes (as a multiset: a text may change the order
        # of sorted entries, as of the glossary's terms)
        assert Counter(page.dom.tags) == Counter(plain[page_rel].dom.tags), f"{page_rel}: the elements or attributes changed"
        if kind == "text":
            assert expected in page.text, page_rel
        elif kind == "attribute":
            assert any(expected in one_line(value) for value in page.dom.values), page_rel
        elif kind in ("title", "description"):
            assert expected in page.meta[kind], page_rel
        if page.jsonld is not None:
            assert [tag for tag, _ in page.jsonld.tags] == ["script"] and len(page.jsonld.scripts) == 1, f"{page_rel}: the JSON-LD script was broken out of"
            data = json.loads(page.jsonld.scripts[0])
            if kind == "jsonld":
                assert expected in one_line(_strings(data)), page_rel


#: Pieces that mean something to HTML, Markdown, JSON, JavaScript, YAML or Unicode.
PIECES = st.sampled_from([
    '"', "'", "<", ">", "&", "&amp;", "&#x3C;", "&#60;", "&lt", "&copy", "</script>", "</SCRIPT >", "</script", "<script", "<!--", "-->", "]]>",
    "\u2028", "\u2029", "\x85", "\t", "\n", "\r", "\x00", "\x07", "\x1b", "\x7f", "\x9f", "\u202e", "\u200b", "\ufeff",
    "\ud800", "e\u0301", "{{ 7*7 }}", "{%", "{:", "*", "_", "`", "[", "](", ")", "#", "!", "|", "\\", "\\u0041", "javascript:",
    "%3C", "\U0001f600", "ệ", "Đ", " ", "  ", "TODO", "1.", "???", "--8<--", "&#x0;",
])
TEXT = st.lists(PIECES | st.characters() | st.text(max_size=4), min_size=1, max_size=8).map("".join)
PROPERTY = settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@PROPERTY
@given(field=st.integers(min_value=0, max_value=10_000), text=TEXT)
@example(field=0, text='0;url=/en/about/" http-equiv="refresh')
@example(field=1, text="</script><script>alert(1)</script>")
@example(field=2, text="a\u2028b\u2029c\x85d")
@example(field=3, text="AT&T's \"x\" &lt &#x3C script")
@example(field=20, text="</script x <!--<script y")
def test_any_text_in_any_field_is_shown_literally_or_refused(corpus: Corpus, field: int, text: str):
    check(corpus, field % len(corpus.fields), text)


def _strings(data) -> str:
    """Every string of a JSON value, one per line."""
    if isinstance(data, dict):
        return "\n".join(_strings(v) for v in data.values())
    if isinstance(data, list):
        return "\n".join(map(_strings, data))
    return data if isinstance(data, str) else ""


# -- the theme's head: one real build ------------------------------------------------------------------

#: Texts that pass validation and mean something in the head: a redirect of an attribute, the
#: end of the title and of a script without ">", a comment, character references without ";".
HOSTILE = {
    "title": "AT&T's \"x\" &lt &#x3C </title x <!-- \u2028 y",
    "summary": '0;url=/en/about/" http-equiv="refresh </script x <!--<script y \x85 x',
}


def _set(project: Project, rel: str, key: str, lang: str, value: str) -> None:
    loader = round_trip()
    data = loader.load(project.read(rel))
    data[key][lang] = "PLACEHOLDER-TO-REPLACE"
    out = io.StringIO()
    loader.dump(data, out)
    project.write(rel, out.getvalue().replace("PLACEHOLDER-TO-REPLACE", yaml_string(value)))


@pytest.mark.site
def test_a_mkdocs_build_of_hostile_text_keeps_the_head_intact(tmp_path: Path):
    sites = {}
    for name, texts in (("plain", {key: f"plain {key}" for key in HOSTILE}), ("hostile", HOSTILE)):
        project = copy_project(tmp_path / name, with_site_config=True, seeds=CORPUS)
        for key in ("title", "summary"):
            _set(project, "seeds/tiny-article/article.yml", key, "en", texts[key])
        result = build_site(project)
        assert result.returncode == 0, result.stderr
        sites[name] = project.path("site")
    page = "en/articles/tiny-article/index.html"
    plain = parse((sites["plain"] / page).read_text(encoding="utf-8"))
    hostile_html = (sites["hostile"] / page).read_text(encoding="utf-8")
    hostile = parse(hostile_html)
    assert hostile.tags == plain.tags, "an element or attribute appeared or went"
    pages = sorted(p.relative_to(sites["plain"]).as_posix() for p in sites["plain"].rglob("*.html"))
    assert pages == sorted(p.relative_to(sites["hostile"]).as_posix() for p in sites["hostile"].rglob("*.html"))
    for rel in pages:  # every page: the same elements and attributes
        tags = [Counter(parse((site / rel).read_text(encoding="utf-8")).tags) for site in (sites["plain"], sites["hostile"])]
        assert tags[0] == tags[1], rel
    metas = [dict(attrs) for tag, attrs in _attrs(hostile_html) if tag == "meta"]
    assert {"name": "description", "content": shown(HOSTILE["summary"])} in metas
    titles = _element_text(hostile_html, "title")
    assert titles == [f"{shown(HOSTILE['title'])} - {SITE_NAME}"]
    scripts = [json.loads(data) for attrs, data in _scripts(hostile_html) if attrs.get("type") == "application/ld+json"]
    assert scripts and shown(HOSTILE["title"]) in one_line(_strings(scripts))


def _attrs(html: str) -> list[tuple[str, list]]:
    out = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            out.append((tag, attrs))

    P(convert_charrefs=True).feed(html)
    return out


def _element_text(html: str, name: str) -> list[str]:
    out: list[str] = []

    class P(HTMLParser):
        inside = False

        def handle_starttag(self, tag, attrs):
            if tag == name:
                self.inside = True
                out.append("")

        def handle_endtag(self, tag):
            if tag == name:
                self.inside = False

        def handle_data(self, data):
            if self.inside:
                out[-1] += data

    P(convert_charrefs=True).feed(html)
    return out


def _scripts(html: str) -> list[tuple[dict, str]]:
    out: list[tuple[dict, str]] = []

    class P(HTMLParser):
        current = None

        def handle_starttag(self, tag, attrs):
            self.current = dict(attrs) if tag == "script" else None
            if self.current is not None:
                out.append((self.current, ""))

        def handle_endtag(self, tag):
            self.current = None

        def handle_data(self, data):
            if self.current is not None:
                out[-1] = (out[-1][0], out[-1][1] + data)

    P(convert_charrefs=True).feed(html)
    return out
