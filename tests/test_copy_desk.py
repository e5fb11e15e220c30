"""`generator check`'s copy-desk checks: the terminology table and house style
(``generator.validate.terminology``) and the support of each statement by what it cites
(``generator.validate.support``). They run on a small fictional corpus made to pass them
(tests/fixtures/copy-desk); each test changes one thing and asserts the report an editor reads.
The project's own seeds must pass them too."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.pipeline import check, copy_desk, generate
from generator.problems import SeedError

from .conftest import ROOT, Project

FIXTURE = ROOT / "tests" / "fixtures" / "copy-desk" / "seeds"
FACTS = "seeds/tiny-article/facts.yml"
SUPPORT = "seeds/support.yml"
TABLE = "seeds/terminology.yml"
CLAIM_VI = 'vi: "Bộ Thông tin yêu cầu ứng dụng Mây tự đánh giá an ninh."'
CLAIM_EN = 'en: "The Information Ministry requires the Mây app to assess its own security."'
UNSUPPORTED_FIX = (
    "cite the article sentence or the outside source that says it (an outside source's checked wording goes in seeds/support.yml `sources`), "
    "or correct the statement; a faithful paraphrase that no cited text words the same way goes in seeds/support.yml `allow`, with its reason"
)


@pytest.fixture
def desk(tmp_path: Path) -> Project:
    shutil.copytree(FIXTURE, tmp_path / "desk" / "seeds")
    (tmp_path / "desk" / "docs").mkdir()
    return Project(tmp_path / "desk")


def report(project: Project) -> list[str]:
    """What `generator check` reports (nothing: an empty list)."""
    try:
        check(project.root)
    except SeedError as error:
        return [str(p) for p in error.problems]
    return []


def test_the_fixture_passes(desk: Project):
    assert report(desk) == []


def test_the_project_seeds_pass_the_copy_desk_checks():
    site, _ = generate(ROOT)
    assert [str(p) for p in copy_desk(site)] == []


def test_without_a_terminology_table_the_checks_do_not_run(desk: Project):
    desk.path(TABLE).unlink()
    desk.replace(FACTS, CLAIM_VI, 'vi: "Bộ Thông tin yêu cầu ứng dụng Mây khởi chạy lại trong 30 ngày."')
    assert report(desk) == []


# -- terminology and house style -----------------------------------------------------------------


def test_a_variant_the_table_avoids_is_reported_with_the_term_to_write(desk: Project):
    desk.replace(FACTS, CLAIM_VI, 'vi: "Bộ Thông tin yêu cầu ứng dụng Mây khởi chạy lại."')
    line = desk.line_of(FACTS, "khởi chạy lại")
    column = desk.read(FACTS).splitlines()[line - 1].index('"') + 1
    assert report(desk) == [
        f"{FACTS}:{line}:{column}: explainer.sections[0].claims[0].text.vi: “khởi chạy lại” is not the site's term (seeds/terminology.yml)\n"
        "    fix: write “ra mắt lại” (or, if the variant is someone's wording, quote it in “…”)"
    ]


def test_a_variant_in_quotation_marks_is_someone_elses_wording_and_passes(desk: Project):
    desk.replace(TABLE, '{vi: "đánh giá an ninh", en: "security assessment"}', '{vi: "đánh giá an ninh", en: "security assessment", avoid: {vi: ["tự đánh giá"]}}')
    unquoted = desk.line_of(FACTS, CLAIM_VI)
    assert any(f"{FACTS}:{unquoted}:" in p for p in report(desk))
    desk.replace(FACTS, CLAIM_VI, 'vi: "Bộ Thông tin yêu cầu ứng dụng Mây “tự đánh giá an ninh”."')  # the article's words, quoted
    assert not any(f"{FACTS}:{unquoted}:" in p for p in report(desk))


def test_english_variants_are_checked_in_english_texts(desk: Project):
    desk.replace(FACTS, CLAIM_EN, 'en: "The Information Ministry requires the Mây app to re-launch."')
    assert [p.split(": ", 2)[2].split("\n")[0] for p in report(desk)] == ["“re-launch” is not the site's term (seeds/terminology.yml)"]


def test_guillemets_and_straight_quotes_are_reported(desk: Project):
    desk.replace(FACTS, CLAIM_VI, 'vi: "Bộ Thông tin yêu cầu ứng dụng Mây «tự đánh giá an ninh»."')
    desk.replace(FACTS, CLAIM_EN, "en: 'The Information Ministry requires the Mây app to \"assess its own security\".'")
    found = report(desk)
    assert len(found) == 2
    assert "quotation mark '«': the site's quotation marks are “…” (and ‘…’ inside them), in both languages\n    fix: write “…”" in found[0]
    assert "quotation mark '\"'" in found[1]


def test_an_apostrophe_is_no_quotation_mark(desk: Project):
    desk.replace(FACTS, CLAIM_EN, "en: \"The Information Ministry's rule requires the Mây app to assess its own security.\"")
    assert report(desk) == []


def test_a_vietnamese_month_written_as_a_word_is_reported_with_its_number(desk: Project):
    desk.replace(FACTS, 'vi: "Quy định áp dụng từ đầu tháng 4."', 'vi: "Quy định áp dụng từ đầu tháng Tư."')
    found = report(desk)
    assert len(found) == 1
    assert "month written as a word, “tháng Tư”: Vietnamese dates are written with numbers\n    fix: write “tháng 4” (e.g. ngày 18 tháng 3 năm 2021)" in found[0]


def test_an_english_date_with_the_month_first_is_reported_day_first(desk: Project):
    desk.replace(FACTS, 'en: "The rule applies from early April."', 'en: "The rule applies from April 1, 2024."')
    desk.replace(FACTS, 'vi: "Quy định áp dụng từ đầu tháng 4."', 'vi: "Quy định áp dụng từ ngày 1 tháng 4 năm 2024."')
    desk.replace(SUPPORT, "  tiny-source: >-\n", "  tiny-source: >-\n    From 1 April 2024.\n")
    desk.replace(FACTS, "          - text: {vi: \"Quy định áp dụng", "          - sources: [tiny-source]\n            text: {vi: \"Quy định áp dụng")
    found = report(desk)
    assert len(found) == 1
    assert "date “April 1, 2024”: the English pattern puts the day first\n    fix: write “1 April 2024”" in found[0]


# -- support -------------------------------------------------------------------------------------


def test_a_number_no_cited_text_gives_is_reported_with_its_line(desk: Project):
    desk.replace(FACTS, CLAIM_VI, 'vi: "Bộ Thông tin yêu cầu ứng dụng Mây tự đánh giá an ninh trong 30 ngày."')
    line = desk.line_of(FACTS, "trong 30 ngày")
    column = desk.read(FACTS).splitlines()[line - 1].index('"') + 1
    assert report(desk) == [f"{FACTS}:{line}:{column}: explainer.sections[0].claims[0].text.vi: “30” is in no sentence or outside source this statement cites\n    fix: {UNSUPPORTED_FIX}"]


def test_a_month_the_citation_does_not_give_is_reported(desk: Project):
    desk.replace(FACTS, 'en: "The rule applies from early April."', 'en: "The rule applies from early May."')
    assert [p.split(": ", 2)[2].split("\n")[0] for p in report(desk)] == ["“May” is in no sentence or outside source this statement cites"]


def test_a_month_the_article_writes_as_a_word_supports_the_same_month_in_numbers(desk: Project):
    # the article says “đầu tháng Tư”; the claim “đầu tháng 4” (the fixture) is supported
    assert "đầu tháng Tư" in desk.read("seeds/tiny-article/article.vi.txt")
    assert "đầu tháng 4" in desk.read(FACTS)
    assert report(desk) == []


def test_a_proper_name_of_the_table_is_looked_for_in_any_of_its_languages(desk: Project):
    desk.replace(TABLE, "terms:\n", 'terms:\n  - {vi: "Hà Nội", en: "Hanoi", name: true}\n')
    desk.replace(FACTS, 'vi: "Văn bản *gốc* có', 'vi: "Ở Hà Nội, văn bản *gốc* có')
    found = report(desk)
    assert [p.split(": ", 2)[2].split("\n")[0] for p in found] == ["“Hà Nội” is in no sentence or outside source this statement cites"]
    desk.replace(SUPPORT, "A fictional source:", "A fictional source from Hanoi:")
    assert report(desk) == []


def test_a_capitalised_word_outside_the_table_must_appear_as_written(desk: Project):
    desk.replace(FACTS, CLAIM_EN, 'en: "The Information Ministry requires the Mây app, like Zalo, to assess its own security."')
    assert [p.split(": ", 2)[2].split("\n")[0] for p in report(desk)] == ["“Zalo” is in no sentence or outside source this statement cites"]


def test_a_theme_lead_that_cites_nothing_is_reported(desk: Project):
    desk.replace(FACTS, "    cite: [p1s1]\n    sections:", "    sections:")
    found = report(desk)
    assert len(found) == 1
    assert "themes[0].lead: the lead of theme 'security' cites nothing\n    fix: add `cite:`" in found[0]


def test_a_cited_source_without_its_checked_wording_is_reported(desk: Project):
    desk.write(SUPPORT, "sources: {}\nallow: []\n")
    found = report(desk)
    assert found[0] == (
        "seeds/sources.yml: outside source 'tiny-source' is cited but what it says is not in seeds/support.yml\n"
        "    fix: add `tiny-source: \"…\"` under `sources:` in seeds/support.yml: the checked wording of the facts it is cited for"
    )


def test_an_allow_list_entry_with_its_reason_accepts_a_paraphrase(desk: Project):
    desk.replace(FACTS, CLAIM_VI, 'vi: "Bộ Thông tin yêu cầu ứng dụng Mây tự đánh giá an ninh trong 30 ngày."')
    desk.replace(SUPPORT, "allow: []\n", (
        "allow:\n"
        "  - file: seeds/tiny-article/facts.yml\n"
        "    key: explainer.sections[0].claims[0].text.vi\n"
        "    token: \"30\"\n"
        "    reason: \"The thirty days are a fictional paraphrase of the test.\"\n"
    ))
    assert report(desk) == []


def test_an_allow_list_entry_needs_a_reason(desk: Project):
    desk.replace(SUPPORT, "allow: []\n", "allow:\n  - {file: seeds/tiny-article/facts.yml, key: explainer.lead.vi, token: \"30\", reason: \"\"}\n")
    found = report(desk)
    assert len(found) == 1
    assert found[0].startswith(f"{SUPPORT}:8:")
    assert "reason: String should have at least 20 characters" in found[0]


def test_an_allow_list_entry_that_allows_nothing_is_reported(desk: Project):
    desk.replace(SUPPORT, "allow: []\n", (
        "allow:\n"
        "  - file: seeds/tiny-article/facts.yml\n"
        "    key: explainer.lead.vi\n"
        "    token: \"30\"\n"
        "    reason: \"A paraphrase that the statement no longer makes.\"\n"
    ))
    assert report(desk) == [
        f"{SUPPORT}:8:5: allow[0]: allow-list entry for “30” at seeds/tiny-article/facts.yml explainer.lead.vi allows nothing\n"
        "    fix: delete it (the statement changed, or its citations now support it)"
    ]


def test_an_english_possessive_is_found_as_its_name():
    from generator.validate.support import Statement, missing

    said = Statement(doc=None, loc=(), lang="en", text="Lumora Technology's app grew.", evidence=("Lumora Technology said the app grew.",))
    assert missing(said, []) == []
    unsupported = Statement(doc=None, loc=(), lang="en", text="Sales at Orbis's app grew.", evidence=("Lumora Technology said the app grew.",))
    assert missing(unsupported, []) == ["Orbis's"]


def test_a_lead_may_date_the_article_by_its_own_publication_date(desk: Project):
    # the fixture's text was published on 7 March 2024 (article.yml); no sentence says so
    lead = 'lead: {vi: "Ứng dụng Mây phải tự đánh giá an ninh.", en: "The Mây app must assess its own security."}'
    desk.replace(FACTS, lead, 'lead: {vi: "Tháng 3 năm 2024, ứng dụng Mây phải tự đánh giá an ninh.", en: "In March 2024 the Mây app had to assess its own security."}')
    assert report(desk) == []
    desk.replace(FACTS, "Tháng 3 năm 2024", "Tháng 5 năm 2024")
    assert [p.split(": ", 2)[2].split("\n")[0] for p in report(desk)] == ["“Tháng 5” is in no sentence or outside source this statement cites"]
