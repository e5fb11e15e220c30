"""The seed format that fits any article: dates of honest precision, who published the text,
open entity kinds, quotations over several sentences, citations that name their article once.

Each test changes the test corpus in a temporary copy and checks the generated pages (or the
problem `generator check` reports, with its file and line)."""

from __future__ import annotations

import itertools
import re

import pytest

from generator import pipeline
from generator.__main__ import main
from generator.dates import format_published, format_when, resolve
from generator.model import Event, When

from .conftest import ROOT, SLUG, Project

META = f"seeds/{SLUG}/article.yml"
FACTS = f"seeds/{SLUG}/facts.yml"
ENTITIES = "seeds/entities.yml"
GLOSSARY = "seeds/glossary.yml"


def pages(project: Project) -> dict[str, str]:
    return pipeline.generate(project.root)[1]


def check(project: Project, capsys) -> tuple[int, str]:
    status = main(["--root", str(project.root), "check"])
    return status, capsys.readouterr().err


# -- published: a year, a month, a day, or a date-time --------------------------------------------


@pytest.mark.parametrize(
    ("value", "iso", "vi", "en"),
    [
        ("2021", "2021", "năm 2021", "2021"),
        ("2021-03", "2021-03", "tháng 3 năm 2021", "March 2021"),
        ("2021-03-19", "2021-03-19", "19 tháng 3 năm 2021", "19 March 2021"),
        ("2021-03-19T08:30+07:00", "2021-03-19T08:30+07:00", "08:30 GMT+7, 19 tháng 3 năm 2021", "19 March 2021, 8:30 AM GMT+7"),
    ],
)
def test_the_article_page_shows_exactly_the_known_publication_date(project: Project, value, iso, vi, en):
    project.replace(META, "published: 2021-03-19", f"published: {value}")
    project.replace(FACTS, "when: {weekday: thursday}", "when: {date: 2021-03-18}")  # a weekday needs a day
    out = pages(project)
    assert f'<time datetime="{iso}">{vi}</time>' in out[f"vi/articles/{SLUG}/index.md"].replace("\\:", ":").replace("\\+", "+")
    assert f'<time datetime="{iso}">{en}</time>' in out[f"en/articles/{SLUG}/index.md"].replace("\\:", ":").replace("\\+", "+")


def test_a_bad_publication_date_is_refused_with_the_accepted_forms(project: Project, capsys):
    project.replace(META, "published: 2021-03-19", "published: 19/3/2021")
    status, err = check(project, capsys)
    assert status == 1
    line = project.line_of(META, "published: 19/3/2021")
    assert f"{META}:{line}" in err
    assert "2019 (a year), 2019-06 (a month), 2019-06-10 (a day) or 2019-06-10T08:30+07:00" in err
    assert "Traceback" not in err


def test_a_weekday_needs_the_day_of_publication(project: Project, capsys):
    project.replace(META, "published: 2021-03-19", "published: 2021-03")
    status, err = check(project, capsys)
    assert status == 1 and "needs the day the article was published" in err


# -- events: part of day, stated time zone, relative dates, undisclosed days ----------------------


def test_an_undisclosed_day_is_never_given_a_day_in_datetime(project: Project):
    out = pages(project)
    timeline = out["en/timeline.md"]
    assert "before 18 March 2021 (exact date not disclosed)" in timeline
    assert 'datetime="2021-03-17"' not in timeline
    for page in out.values():
        for value in re.findall(r'<time datetime="([^"]*)"', page):
            assert re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2}(T[0-9:]+([+-][0-9:]+|Z))?)?)?", value), value


def test_part_of_day_time_zone_and_a_relative_date(project: Project):
    project.replace(FACTS, "when: {date: 2021-02-19}", "when: {date: 2021-02-19, part_of_day: evening, timezone: Europe/Paris}")
    project.replace(FACTS, "when: {date: 2021-02-27, approximate: true}", "when: {after: mi-talk-shut-down, weeks: 1, approximate: true}")
    out = pages(project)
    vi, en = out["vi/timeline.md"], out["en/timeline.md"]
    assert '<time datetime="2021-02-19">tối 19 tháng 2 năm 2021 (giờ Pháp)</time>' in vi
    assert '<time datetime="2021-02-19">19 February 2021, evening (France Time)</time>' in en
    # about a week after the 19th: the 24th to the 28th, so the month only
    assert '<time datetime="2021-02">khoảng 1 tuần sau tối 19 tháng 2 năm 2021</time>' in vi
    assert '<time datetime="2021-02">around 1 week after 19 February 2021, evening</time>' in en


def test_relative_dates_resolve_against_their_anchor_and_widen_when_approximate():
    events = [
        Event(id="incident", when=When(date="2021-05-19", part_of_day="evening", timezone="Europe/Paris"), text={"vi": "a", "en": "a"}, cite=["p1s1"]),
        Event(id="later", when=When(after="incident", months=1, approximate=True), text={"vi": "b", "en": "b"}, cite=["p1s1"]),
    ]
    later = resolve(events[1].when, "2021-07", events)
    assert later.start < later.end and later.iso == "2021-06"
    assert format_when(later, "vi") == "khoảng 1 tháng sau tối 19 tháng 5 năm 2021"
    exact = resolve(When(after="incident", days=3), "2021-07", events)
    assert exact.iso == "2021-05-22"


def test_an_unknown_anchor_is_named(project: Project, capsys):
    project.replace(FACTS, "when: {date: 2021-02-27, approximate: true}", "when: {after: mi-talk-shutdown, weeks: 1}")
    status, err = check(project, capsys)
    assert status == 1 and "unknown event 'mi-talk-shutdown'" in err and "did you mean 'mi-talk-shut-down'?" in err


def test_published_dates_are_formatted_by_icu():
    assert format_published("2019-06", "vi") == "tháng 6 năm 2019"
    assert format_published("2019-06", "en") == "June 2019"


# -- who published the text ----------------------------------------------------------------------


def test_outlet_authors_and_original_report_are_credited_on_the_article_page(project: Project):
    project.replace(
        META, "original: {name: Reuters}\n",
        'outlet:\n  name: "Báo Ví Dụ"\n  url: https://example.org/bai\n  authors: ["Trần Thị Mẫu"]\n'
        "original: {name: {vi: Hãng tin Mẫu, en: Sample Agency}, published: 2021-03}\n",
    )
    out = pages(project)
    vi, en = out[f"vi/articles/{SLUG}/index.md"], out[f"en/articles/{SLUG}/index.md"]
    assert "[Báo Ví Dụ](https://example.org/bai) (Tác giả Trần Thị Mẫu)" in vi
    assert '- Original report: Sample Agency, <time datetime="2021-03">March 2021</time>' in en
    assert "Hãng tin Mẫu" in vi and "Sample Agency" not in vi


def test_no_site_wide_file_names_an_articles_outlet():
    """The real seeds' outlets and original reports appear only on their articles' pages."""
    from generator.load.seeds import load_site as load

    site = load(ROOT)
    names = set()
    for article in site.articles:
        for who in (article.meta.outlet, article.meta.original):
            if who is not None:
                names |= {who.name} if isinstance(who.name, str) else {who.name.vi, who.name.en}
    shared = [ROOT / "mkdocs.yml", *(ROOT / "overrides").rglob("*.html"), *(ROOT / "generator" / "strings").glob("*.yml")]
    for path in shared:
        text = path.read_text(encoding="utf-8")
        for name in names:
            assert name not in text, f"{path.relative_to(ROOT)} names {name!r}"


def test_the_source_page_does_not_link_to_itself(project: Project):
    out = pages(project)
    assert "(source.md)" in out[f"en/articles/{SLUG}/index.md"]
    assert "(source.md)" not in out[f"en/articles/{SLUG}/source.md"]


# -- a model that fits any article ---------------------------------------------------------------


def test_a_kind_of_the_articles_own_is_a_labelled_group_of_who_is_who(project: Project):
    project.replace(ENTITIES, "kind: place", 'kind: {vi: "vùng lãnh thổ", en: "territory"}')
    out = pages(project)
    assert "## vùng lãnh thổ { #kind-" in out["vi/who.md"]
    assert "## territory { #kind-" in out["en/who.md"]


def test_a_quotation_may_span_consecutive_sentences(project: Project, capsys):
    text = project.read(f"seeds/{SLUG}/article.vi.txt").splitlines()
    from generator.load.sentences import split_sentences

    sentences = split_sentences("\n".join(text))
    pair = next((a, b) for a, b in itertools.pairwise(sentences) if a.paragraph == b.paragraph)
    quote = f"{pair[0].text.split()[-1]} {pair[1].text.split()[0]}"
    claim = f'          - text: {{vi: "Hai câu.", en: "Two sentences."}}\n            cite: [{pair[0].id}, {pair[1].id}]\n            quote: {{vi: "{quote}", en: "x"}}\n'
    project.replace(FACTS, "        claims:\n", "        claims:\n" + claim)
    assert check(project, capsys)[0] == 0


def test_a_near_miss_quotation_says_what_differs_and_how_to_fix_it(project: Project, capsys):
    project.replace(FACTS, 'quote: {vi: "đánh giá an ninh"', 'quote: {vi: "Đánh giá an  ninh"')
    status, err = check(project, capsys)
    assert status == 1
    assert "only in upper/lower case (the check is exact and case-sensitive): write “đánh giá an ninh”" in err


def test_a_site_wide_claim_may_name_its_article_once(project: Project, capsys):
    text = project.read(GLOSSARY)
    first = re.search(r"cite: \[(" + re.escape(SLUG) + r"/p[0-9]+s[0-9]+(?:, " + re.escape(SLUG) + r"/p[0-9]+s[0-9]+)*)\]", text)
    assert first, "the corpus glossary cites its article"
    bare = first.group(1).replace(f"{SLUG}/", "")
    project.write(GLOSSARY, text.replace(first.group(0), f"article: {SLUG}\n      cite: [{bare}]", 1))
    status, err = check(project, capsys)
    assert status == 0, err
    project.write(GLOSSARY, text.replace(first.group(0), f"cite: [{bare}]", 1))
    status, err = check(project, capsys)
    assert status == 1 and f"or give the claim `article: {SLUG}` once" in err


def test_names_need_not_be_listed_twice(project: Project, capsys):
    meta = project.read(META)
    project.write(META, re.sub(r"^entities: \[.*\]\n", "", meta, flags=re.M))
    assert check(project, capsys)[0] == 0


# -- shared pages that stay clear with many articles ----------------------------------------------


def test_a_topic_page_gathers_each_articles_sections_newest_first(project: Project, monkeypatch: pytest.MonkeyPatch):
    from .fixtures import second_article

    second_article.install(project.root)
    facts = f"seeds/{second_article.SLUG}/facts.yml"
    theme = (
        "themes:\n"
        "  - id: deepfakes\n"
        '    title: {vi: "Deepfake", en: "Deepfakes"}\n'
        '    lead: {vi: "Chuyện gắn nhãn.", en: "The labelling."}\n'
        "    sections:\n"
        "      - id: labels\n"
        '        heading: {vi: "Nhãn", en: "Labels"}\n'
        "        claims:\n"
        '          - text: {vi: "Một nhận định.", en: "A statement."}\n'
        "            cite: [p1s1]\n"
    )
    project.write(facts, project.read(facts).replace("events:\n", theme + "events:\n", 1))
    out = pages(project)
    topic = out["en/topics/deepfakes.md"]
    newer, older = f"(../articles/{second_article.SLUG}/deepfakes.md)", f"(../articles/{SLUG}/deepfakes.md)"
    assert newer in topic and older in topic and topic.index(newer) < topic.index(older)
    # each statement is cited to its own article, and the mark names it
    assert re.search(f'href="../../articles/{second_article.SLUG}/source/#p1s1" title="[^"]*">Lumo\'s deepfake labels ¶1.1</a>', topic)
    assert f'href="../../articles/{SLUG}/source/#p1s1"' in topic
    assert "(../../topics/deepfakes.md)" in out[f"en/articles/{SLUG}/deepfakes.md"]
    assert "Earlier articles on this topic" not in topic

    # beyond the articles a topic page shows in full, the earlier ones are listed by title and date
    from generator.render import pages as rendering

    monkeypatch.setattr(rendering, "TOPIC_FULL", 1)
    for lang, heading in (("en", "Earlier articles on this topic"), ("vi", "Các bài trước về chủ đề này")):
        topic = pages(project)[f"{lang}/topics/deepfakes.md"]
        assert topic.count(newer) == 1 and topic.count(older) == 1  # each article once
        full, earlier = topic.split(f"## {heading} {{ #earlier-articles }}", 1)
        assert newer in full and older in earlier
        assert '/source/#p1s1"' not in earlier  # no statement of the earlier article: its title and date
        assert re.search(rf"^- \[[^\n]+\]{re.escape(older)} · <time datetime=\"\d{{4}}-\d\d(-\d\d)?\">", earlier, re.MULTILINE), earlier


def test_who_is_who_links_the_articles_of_each_entity(project: Project):
    out = pages(project)
    assert "In: [" in out["en/who.md"] and f"](articles/{SLUG}/index.md)" in out["en/who.md"]


def test_the_later_label_says_later_than_what(project: Project):
    out = pages(project)
    assert '<span class="label-later">After the article was published (19 March 2021)</span>' in out["en/timeline.md"]


def test_the_timeline_counts_a_gap_in_months_under_two_years_and_in_years_after(project: Project):
    # 18 March 2021 to 25 November 2022: 20 months, not "2 years"
    out = pages(project)
    assert "… 20 months later …" in out["en/timeline.md"] and "… 20 tháng sau …" in out["vi/timeline.md"]
    assert "years later" not in out["en/timeline.md"]
    project.replace(FACTS, "when: {date: 2022-11-25}", "when: {date: 2023-09-25}")  # 30 months
    project.replace(FACTS, "when: {date: 2023-01-10}", "when: {date: 2023-10-10}")
    out = pages(project)
    assert "… 3 years later …" in out["en/timeline.md"] and "… 3 năm sau …" in out["vi/timeline.md"]
