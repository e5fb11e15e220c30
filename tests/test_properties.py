"""Property-based tests: whatever the input, the loader, the sentence splitter, the date resolver
and the escaping of text give a result or a clean error, never a traceback.

Each test runs a few hundred generated cases (``--hypothesis-show-statistics`` prints the count)
and keeps under a few seconds.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from generator import model
from generator.dates import Resolved, format_when, resolve
from generator.load import fast as fastload
from generator.load.read import load_model, read_yaml
from generator.load.sentences import split_sentences
from generator.problems import SeedError
from generator.render.markdown import FINISHED_LINK, attr_value, escape, html_attr, html_text, title_attr

from .conftest import ROOT, site_config

GOLDEN_SEEDS = ROOT / "tests" / "golden" / "input" / "seeds"
#: Small real seed files (one per model) to mutate: valid YAML close to what contributors write.
SEED_FILES = {
    "glossary.yml": GOLDEN_SEEDS / "glossary.yml",
    "entities.yml": GOLDEN_SEEDS / "entities.yml",
    "sources.yml": GOLDEN_SEEDS / "sources.yml",
    "article.yml": GOLDEN_SEEDS / "tiny-article" / "article.yml",
    "facts.yml": GOLDEN_SEEDS / "tiny-article" / "facts.yml",
}
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


# -- the loader: any bytes in a seed file → a model or a SeedError ---------------------------------

#: Pieces of YAML syntax (and of mistakes) to splice into real seed files.
SNIPPETS = st.sampled_from([
    '"', "'", "\t", ": ", "- ", "[", "]", "{", "}", ",", "#", "&a ", "*a", "<<: *a", "!!python/object:os.system ", "!!binary ",
    "? ", "|", ">", "---\n", "...\n", "\n", "\n  ", "~", "null", "2021-02-30", "0000-01-01", "9" * 5000, "1e999", ".nan",
    "\x00", "\x07", "\ufeff", "\u202e", "é", "e\u0301", "<b>", "&amp;", "{{ 7*7 }}", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n",
    "p1s1", "vi: ", "en: ", "id: ", "when: {date: 2021-02}", "cite: [p9s9]",
])


@st.composite
def mutated_seed(draw: st.DrawFn) -> tuple[str, bytes]:
    """A real seed file with a few random edits: deletions, insertions of YAML syntax, bytes."""
    name = draw(st.sampled_from(sorted(SEED_FILES)))
    data = SEED_FILES[name].read_bytes()
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["insert", "delete", "byte"]))
        if edit == "insert":
            data = data[:at] + draw(SNIPPETS).encode() + data[at:]
        elif edit == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 40)):]
        else:
            data = data[:at] + draw(st.binary(min_size=1, max_size=3)) + data[at:]
    return name, data


def _load(scratch: Path, name: str, data: bytes) -> None:
    """Both ways of loading a seed file: the fast path (libyaml, valid plain files only) and the
    round-trip loader. A model or a SeedError, never another exception; the same model both ways."""
    path = scratch / name
    path.write_bytes(data)
    cls = model.FILE_MODELS[name]
    fast = fastload.read(path, scratch, cls)
    try:
        value = load_model(read_yaml(path, scratch), cls)
    except SeedError as error:
        assert fast is None, "the fast path accepted a file that the loader refuses"
        for problem in error.problems:
            assert problem.file == name and problem.message and problem.fix
        return
    assert fast is None or fast[1] == value


@FAST
@given(mutated_seed())
@example(("facts.yml", b"explainer: {lead: {vi: a, en: b}, sections: [{id: x, heading: {vi: a, en: b}, claims: [{text: {vi: a, en: b}, cite: [p1s1]}]}]}\nevents: [{id: e, when: {date: 2021-02-30}, text: {vi: a, en: b}, cite: [p1s1]}]\n"))
@example(("sources.yml", b"sources: [{id: a, publisher: b, title: {vi: a, en: b}, date: 2021-02-30}]\n"))
@example(("sources.yml", b"sources: " + b"[" * 3000 + b"\n"))
@example(("sources.yml", b"a: &a [x, x]\nb: [*a, *a]\n"))
@example(("sources.yml", b"sources: !!python/object:os.system [ls]\n"))
@example(("sources.yml", b"1: 2\n~: 3\n"))
@example(("sources.yml", b"sources:\n  - id: a\n    publisher\t: b\n    title: {vi: a, en: b}\n"))  # libyaml reads it, ruamel.yaml does not
def test_a_mutated_seed_file_gives_a_model_or_a_seed_error(scratch: Path, case: tuple[str, bytes]):
    _load(scratch, *case)


@FAST
@given(st.sampled_from(sorted(SEED_FILES)), st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_arbitrary_bytes_give_a_model_or_a_seed_error(scratch: Path, name: str, data: bytes):
    _load(scratch, name, data)


def _yaml_value(keys: list[str]) -> st.SearchStrategy:
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20) | st.dates().map(str) | st.sampled_from(["p1s1", "2021-02", "2021-02-30", "thursday", "early"])
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(keys) | st.text(max_size=8), inner, max_size=4), max_leaves=12)


FIELD_NAMES = sorted({name for cls in vars(model).values() if isinstance(cls, type) and issubclass(cls, model.Strict) for name in cls.model_fields})


@FAST
@given(st.sampled_from(sorted(SEED_FILES)), st.dictionaries(st.sampled_from(FIELD_NAMES), _yaml_value(FIELD_NAMES), max_size=6))
def test_any_structure_of_known_keys_gives_a_model_or_a_seed_error(scratch: Path, name: str, data: dict):
    _load(scratch, name, json.dumps(data, ensure_ascii=False).encode())  # JSON is YAML


# -- the sentence splitter: every non-space character in exactly one sentence, in order ------------

ARTICLE_TEXT = st.text(
    alphabet=st.sampled_from(list("AaĐđÂâỆệBbZz019 .!?…“”\"'‘’«»()[]\n\r\t\u00a0\u2028\ufeff-,:;")) | st.characters(blacklist_categories=("Cs",)),
    max_size=300,
)


@FAST
@given(ARTICLE_TEXT)
@example("TP. Hồ Chí Minh. “Ai?” Không! 3.5 triệu… Ông Mr. X đi.\r\n\r\n  Hai.  ")
@example(". . .\n?\n…A")
def test_sentences_cover_every_character_in_order(text: str):
    sentences = split_sentences(text)
    position = 0
    for number, sentence in enumerate(sentences):
        assert sentence.text and sentence.text == sentence.text.strip()
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.start >= position
        assert sentence.id == f"p{sentence.paragraph}s{sentence.index}"
        if number:
            previous = sentences[number - 1]
            assert (sentence.paragraph, sentence.index) in ((previous.paragraph, previous.index + 1), (previous.paragraph + 1, 1))
        position = sentence.end
    assert "".join("".join(s.text.split()) for s in sentences) == "".join(text.split())


# -- the date resolver: any When → a Resolved, or a clean validation error --------------------------

WHEN_VALUES = (
    st.none() | st.booleans() | st.integers(-10, 10_000) | st.dates() | st.text(max_size=12)
    | st.sampled_from(["2021", "2021-02", "2021-02-30", "0001-01-01", "9999-12", "9999-12-31", "0999", "1000-01-01", "21-2", "thursday", "early", "late"])
    | st.builds(lambda day, length: day.isoformat()[:length], st.dates(), st.sampled_from([4, 7, 10]))
)
WHEN_VALUES = WHEN_VALUES | st.sampled_from(["evening", "Europe/Paris", "Mars/Olympus"])
WHEN = st.dictionaries(st.sampled_from(["date", "part", "approximate", "weekday", "before", "part_of_day", "timezone", "other"]), WHEN_VALUES, max_size=4)


@FAST
@given(WHEN, st.dates(min_value=dt.date(model.EARLIEST_YEAR, 1, 1)))
@example({"before": "0001-01-01"}, dt.date(2021, 3, 19))
@example({"weekday": "sunday"}, dt.date(1000, 1, 1))
@example({"date": "9999-12", "part": "late"}, dt.date(2021, 3, 19))
def test_any_when_resolves_or_is_refused_cleanly(fields: dict, published: dt.date):
    try:
        when = model.When.model_validate(fields)
    except ValidationError:
        return
    resolved = resolve(when, published)
    assert isinstance(resolved, Resolved) and resolved.start <= resolved.end
    # only what is known: an undisclosed day before a date has no datetime at all
    assert (resolved.iso is None) if when.before is not None else re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", resolved.iso)
    if when.weekday is not None:
        assert 0 <= (published - resolved.start).days < 7 and resolved.start.strftime("%A").lower() == when.weekday
    for lang in ("vi", "en"):
        assert format_when(resolved, lang)


@pytest.mark.parametrize("published", [dt.date(1, 1, 1), dt.date(21, 3, 19), dt.date(999, 12, 31)])
def test_a_publication_date_before_the_year_1000_is_refused(published: dt.date):
    meta = {"title": {"vi": "a", "en": "b"}, "summary": {"vi": "a", "en": "b"}, "published": published, "sentences": {}}
    with pytest.raises(ValidationError, match=f"implausible date '{published.isoformat()}'"):
        model.ArticleMeta.model_validate(meta)


# -- escaping: any text, printed into a page, shows as exactly that text -----------------------------


def _site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions and settings of mkdocs.yml."""
    config = site_config()
    names, settings_ = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        if options:
            settings_[name] = dict(options)
    if "pymdownx.snippets" in settings_:
        settings_["pymdownx.snippets"]["base_path"] = [str(ROOT / "docs")]
    return markdown.Markdown(extensions=names, extension_configs=settings_)


MD = _site_markdown()
#: Text with every character Markdown, its extensions and Jinja give a meaning to.
MARKUP = st.text(alphabet=st.sampled_from(list("<>&*_[](){}#!?:;-+=|`~^$%\\/\"'.1 aé\n\t")), max_size=40)
ANY_TEXT = MARKUP | st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _html(source: str) -> _Html:
    MD.reset()
    parsed = _Html()
    parsed.feed(MD.convert(source))
    parsed.close()
    return parsed


def _shown(text: str) -> str:
    """What a reader should see: the text on one line (control characters shown as U+FFFD)."""
    return " ".join(CONTROL.sub("\ufffd", text).split())


@FAST
@given(ANY_TEXT)
@example("*x* [a](b) {: .x} :emoji: {{ 7*7 }} {% raw %} & <3 a < b <script>alert(1)</script>")
@example("# h")
@example("1. x")
@example("??? note")
@example("!!! note")
@example('--8<-- "mkdocs.yml"')
@example("[TOC]")
@example("| a | b |\n|---|---|")
@example("\x02wzxhzdk:0\x03")
def test_escaped_text_renders_as_exactly_that_text(text: str):
    page = _html(escape(text))
    assert [tag for tag, _ in page.tags] in ([], ["p"]), page.tags
    assert " ".join("".join(page.text).split()) == _shown(text)


@FAST
@given(ANY_TEXT)
@example('say "hi" \\ \\" *x*')
@example("'")
@example("'1'")
@example("'')")
@example("`1`")
@example("&#60 &#1 &lt;")
def test_a_link_title_shows_exactly_its_text(text: str):
    page = _html(f'[x](y "{title_attr(text)}")')
    assert [tag for tag, _ in page.tags] == ["p", "a"]
    attrs = page.tags[1][1]
    assert attrs["href"] == "y"
    assert attrs.get("title", "") == _shown(text)


@FAST
@given(ANY_TEXT)
@example('_0_ \\ "q" } {: .x }')
@example("&#60 &#1 &lt;")
def test_an_attribute_value_shows_exactly_its_text(text: str):
    page = _html(f'x\n{{: aria-label="{attr_value(text)}" }}')
    assert [tag for tag, _ in page.tags] == ["p"]
    assert page.tags[0][1].get("aria-label", "") == _shown(text)
    assert " ".join("".join(page.text).split()) == "x"


URL = "https://e.org/a_b?c=1&d=*2*#e"


@FAST
@given(ANY_TEXT, ANY_TEXT, ANY_TEXT)
@example("AT&amp;T *x* [a](b)", 'say "hi" \\ \\" `1` &#60 &lt;', "'')")
@example(" lead  and\u2028trail ", "\x02wzxhzdk:0\x03", "<a class=\"term\" href=\"x\">y</a>")
@example("1. x", "??? note", "--8<-- x")
def test_a_finished_link_is_the_html_of_its_markdown_link(label: str, title: str, aria: str):
    """The generator writes its glossary, name and citation links as HTML (set aside by the
    ``generator.render.markdown`` extension before Markdown is parsed): exactly the HTML Python-Markdown
    made of the Markdown links it wrote before, in a paragraph, beside other text."""
    tail = f' href="../g/#t" title="{html_attr(title)}">{html_text(label)}</a>'
    kinds = [
        ("{ .term }", '<a class="term"' + tail),
        ('{ .cite aria-label="' + attr_value(aria) + '" }', f'<a aria-label="{html_attr(aria)}" class="cite"' + tail),
        ('{ .cite .cite-outside data-url="' + attr_value(URL) + '" }', f'<a class="cite cite-outside" data-url="{html_attr(URL)}"' + tail),
    ]
    for attrs, link in kinds:
        assert FINISHED_LINK.fullmatch(link), link
        MD.reset()
        old = MD.convert(f'a *b* [{escape(label)}](../g/#t "{title_attr(title)}"){attrs} c')
        MD.reset()
        assert MD.convert(f"a *b* {link} c") == old


#: Starts of raw-HTML constructs that swallow what follows (a script, a comment, a CDATA section…)
#: if Python-Markdown's raw-HTML parser (md_in_html) sees them before the escapes are applied.
RAW_HTML_STARTS = ["<script y", "</script x", "<!--", "<style", "<textarea", "<title", "<?php", "<![CDATA[", "<pre", "<!DOCTYPE"]


@FAST
@given(ANY_TEXT | st.sampled_from(RAW_HTML_STARTS))
@example("<script y")
@example("<!-- x")
@example('"<script y')
def test_escaped_text_leaves_a_later_markdown_block_alone(text: str):
    """Text before a `<div markdown>` block (as on the source page) cannot make the block raw."""
    for source in (
        f"a {escape(text)}",
        f'[x](y "{title_attr(text)}")',
        f'x\n{{: aria-label="{attr_value(text)}" }}',
        f'a <a class="term" href="y" title="{html_attr(text)}">{html_text(text)}</a>',
    ):
        MD.reset()
        html = MD.convert(f"{source}\n\n<div markdown>\n*a*\n</div>\n")
        page = _Html()
        page.feed(html)
        page.close()
        assert ("em", {}) in page.tags and not any("markdown" in attrs for _, attrs in page.tags), (source, html)


PAGES = ["index.md", "glossary.md", "who.md", "articles/index.md", "articles/a/index.md", "articles/a/source.md", "articles/a/t-1.md", "articles/b/index.md", "topics/t-1.md", "topics/index.md"]


@pytest.mark.parametrize("page", PAGES)
def test_a_finished_link_goes_where_mkdocs_sends_the_markdown_link(page: str):
    """``PageView.href`` is the address MkDocs writes for a Markdown link to the same page."""
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    from generator.render.pages import PageView

    def url(path: str) -> str:
        return File(path, "docs", "site", use_directory_urls=True).url

    view = PageView.__new__(PageView)
    view.path = page
    for target in PAGES:
        assert view.href(target + "#x") == get_relative_url(url(target), url(page)) + "#x", (page, target)
        assert view.href(target) == get_relative_url(url(target), url(page))


WORDY = st.text(alphabet=st.sampled_from(list("ab _-.1éđ\u0301ỮA")), max_size=30)


@FAST
@given(WORDY.filter(bool), WORDY)
@example("a", "ba a")
@example("an ninh", "đánh giá an ninh")
@example("x", "x_")
def test_a_glossary_form_occurs_where_the_whole_word_search_finds_it(form: str, text: str):
    """The unused-term warning finds a form as ``(?<!\\w)form(?!\\w)`` does, without it."""
    from generator.validate.lint import _occurs

    assert _occurs(form, text) == bool(re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text))
