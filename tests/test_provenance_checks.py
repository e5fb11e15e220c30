"""`generator check` guards provenance: quotes are verbatim, citations resolve (or suggest the
sentence meant), every sentence is cited or skipped with a reason, and a changed article names
the facts that cite the changed sentence. Each test asserts the exact message an editor reads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.__main__ import main
from generator.load.sentences import fingerprint
from generator.pipeline import generate
from generator.problems import SeedError

from .conftest import ROOT, SLUG, Project

FACTS = f"seeds/{SLUG}/facts.yml"
META = f"seeds/{SLUG}/article.yml"
TEXT = f"seeds/{SLUG}/article.vi.txt"


def problems(root: Path) -> list[str]:
    with pytest.raises(SeedError) as caught:
        generate(root)
    return [str(p) for p in caught.value.problems]


@pytest.fixture
def tiny(tmp_path: Path) -> Project:
    """The small fictional article of the golden tests: few citations, stable lines."""
    shutil.copytree(ROOT / "tests" / "golden" / "input", tmp_path / "tiny")
    return Project(tmp_path / "tiny")


def test_the_project_seeds_pass_every_check():
    generate(ROOT)


# -- quotes -------------------------------------------------------------------------------------


def test_a_quote_that_is_not_verbatim_is_refused_with_the_closest_passage(project: Project):
    project.replace(FACTS, 'quote: {vi: "đánh giá an ninh"', 'quote: {vi: "đánh giá bảo mật"')
    line = project.line_of(FACTS, 'quote: {vi: "đánh giá bảo mật"')
    assert problems(project.root) == [
        f"{FACTS}:{line}:23: explainer.sections[0].claims[1].quote.vi: the quote is not verbatim in p2s1\n"
        "    fix: copy the passage exactly from the article (closest text in p2s1: “đánh giá an ninh”)"
    ]


def test_a_passage_in_quotation_marks_must_be_verbatim_in_a_cited_sentence(tiny: Project):
    facts = "seeds/tiny-article/facts.yml"
    tiny.replace(facts, "Bộ Thông tin yêu cầu ứng dụng Mây tự đánh giá an ninh.", "Bộ Thông tin yêu cầu ứng dụng Mây “tự kiểm tra an ninh”.")
    line = tiny.line_of(facts, "tự kiểm tra an ninh")
    assert problems(tiny.root) == [
        f"{facts}:{line}:22: explainer.sections[0].claims[0].text.vi: the quoted passage “tự kiểm tra an ninh” is not verbatim in p1s1\n"
        "    fix: copy it exactly from the article (closest text in p1s1: “tự đánh giá an ninh”), or drop the quotation marks if it is not a quotation"
    ]


def test_a_verbatim_passage_in_quotation_marks_passes(tiny: Project):
    facts = "seeds/tiny-article/facts.yml"
    tiny.replace(facts, "Bộ Thông tin yêu cầu ứng dụng Mây tự đánh giá an ninh.", "Bộ Thông tin yêu cầu ứng dụng Mây “tự đánh giá an ninh”.")
    generate(tiny.root)


# -- citations of sentences that do not exist ---------------------------------------------------


def test_a_citation_of_a_missing_sentence_suggests_one_of_the_same_paragraph(project: Project):
    project.replace(FACTS, "cite: [p2s2]", "cite: [p2s3]")
    line = project.line_of(FACTS, "cite: [p2s3]")
    assert problems(project.root) == [
        f"{FACTS}:{line}:18: explainer.sections[0].claims[2].cite[0]: no sentence 'p2s3' in {TEXT} (it has p1s1 … p10s1, 12 sentences)\n"
        "    fix: did you mean 'p2s2' (“Hai hãng Kuaishou Technology và Xiaomi Corp cũng tham dự …”)? "
        f"list the sentences with `python -m generator sentences {SLUG}`"
    ]


def test_a_site_wide_citation_of_a_missing_sentence_suggests_the_sentence_meant(project: Project):
    project.replace("seeds/glossary.yml", f"cite: [{SLUG}/p3s1, {SLUG}/p1s1]", f"cite: [{SLUG}/p3s2, {SLUG}/p1s1]")
    line = project.line_of("seeds/glossary.yml", f"{SLUG}/p3s2")
    assert problems(project.root) == [
        f"seeds/glossary.yml:{line}:14: terms[0].definition.cite[0]: no sentence 'p3s2' in {TEXT} (it has p1s1 … p10s1, 12 sentences)\n"
        "    fix: did you mean 'p3s1' (““Deepfakes” là công nghệ kỹ thuật tổng hợp hình ảnh con …”)? "
        f"list the sentences with `python -m generator sentences {SLUG}`"
    ]


def test_a_citation_of_a_missing_paragraph_suggests_the_closest_id(tiny: Project):
    facts = "seeds/tiny-article/facts.yml"
    tiny.replace(facts, "cite: [p1s2]", "cite: [p3s2]")
    line = tiny.line_of(facts, "cite: [p3s2]")
    assert problems(tiny.root) == [
        f"seeds/tiny-article/article.yml:{tiny.line_of('seeds/tiny-article/article.yml', '  p1s2:')}:3: sentences.p1s2: sentence p1s2 is neither cited by a fact nor skipped\n"
        "    fix: cite it from a claim in facts.yml, or add `skip: {vi: …, en: …}` with the reason",
        f"{facts}:{line}:20: themes[0].sections[0].claims[0].cite[0]: no sentence 'p3s2' in seeds/tiny-article/article.vi.txt (it has p1s1 … p2s1, 3 sentences)\n"
        "    fix: did you mean 'p1s2' (“Quy định áp dụng từ đầu tháng Tư.”)? list the sentences with `python -m generator sentences tiny-article`"
    ]


def test_the_command_line_reports_the_problem_and_fails(project: Project, capsys: pytest.CaptureFixture[str]):
    project.replace(FACTS, "cite: [p2s2]", "cite: [p2s9]")
    assert main(["--root", str(project.root), "check"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("1 problem in the seeds; nothing was written.\n")
    assert "no sentence 'p2s9'" in err and "did you mean 'p2s2'" in err


# -- every sentence cited or skipped with a reason -------------------------------------------------


def test_a_sentence_neither_cited_nor_skipped_is_an_error(project: Project):
    meta = project.read(META)
    start = meta.index("    skip:\n      vi: \"Câu này lặp lại")
    end = meta.index("  p7s2:")
    project.write(META, meta[:start] + meta[end:])
    line = project.line_of(META, "  p7s1:")
    assert problems(project.root) == [
        f"{META}:{line}:3: sentences.p7s1: sentence p7s1 is neither cited by a fact nor skipped\n"
        "    fix: cite it from a claim in facts.yml, or add `skip: {vi: …, en: …}` with the reason"
    ]


def test_a_cited_sentence_may_not_keep_a_skip_reason(tiny: Project):
    meta = "seeds/tiny-article/article.yml"
    tiny.replace(meta, "    fingerprint: f4c49263dda4\n", '    fingerprint: f4c49263dda4\n    skip: {vi: "Không dùng.", en: "Not used."}\n')
    line = tiny.line_of(meta, "Không dùng.")
    assert problems(tiny.root) == [
        f"{meta}:{line}:5: sentences.p1s2.skip: sentence p1s2 is cited by 1 fact but also has a skip reason\n"
        "    fix: remove `skip:` (it is shown as the reason the sentence is not cited)"
    ]


def test_a_cited_sentence_needs_a_fingerprint(tiny: Project):
    meta = "seeds/tiny-article/article.yml"
    tiny.replace(meta, "    fingerprint: f4c49263dda4\n", "")
    line = tiny.line_of(meta, "  p1s2:")
    assert problems(tiny.root) == [
        f"{meta}:{line}:3: sentences.p1s2: sentence p1s2 is cited but has no fingerprint, so a later change of its text would go unnoticed\n"
        "    fix: add `fingerprint: f4c49263dda4` (the fingerprint of its current text)"
    ]


# -- a changed article names the facts that cite the changed sentence -------------------------------


def test_a_changed_sentence_names_the_one_fact_that_cites_it(tiny: Project):
    text = "seeds/tiny-article/article.vi.txt"
    tiny.replace(text, "Quy định áp dụng từ đầu tháng Tư.", "Quy định áp dụng từ cuối tháng Tư.")
    meta, facts = "seeds/tiny-article/article.yml", "seeds/tiny-article/facts.yml"
    line, fact = tiny.line_of(meta, "fingerprint: f4c49263dda4"), tiny.line_of(facts, "Quy định áp dụng từ đầu tháng Tư.")
    assert problems(tiny.root) == [
        f"{meta}:{line}:18: sentences.p1s2.fingerprint: sentence p1s2 changed since its facts were written "
        f"(now: “Quy định áp dụng từ cuối tháng Tư.”); facts citing it: {facts}:{fact} themes[0].sections[0].claims[0]\n"
        f"    fix: check those facts and the English rendering against the new text, then set `fingerprint: {fingerprint('Quy định áp dụng từ cuối tháng Tư.')}`"
    ]


def test_a_changed_sentence_names_every_fact_that_cites_it_in_every_file(tiny: Project):
    text = "seeds/tiny-article/article.vi.txt"
    tiny.replace(text, "Bộ Thông tin cho biết hôm thứ Ba", "Bộ Thông tin cho biết hôm thứ Tư")
    meta, facts = "seeds/tiny-article/article.yml", "seeds/tiny-article/facts.yml"
    (report,) = problems(tiny.root)
    named = report.split("facts citing it: ", 1)[1].split("\n", 1)[0].split(", ")
    claim = tiny.line_of(facts, "Bộ Thông tin yêu cầu ứng dụng Mây")
    event = tiny.line_of(facts, "- id: statement")
    assert named == [
        f"seeds/entities.yml:{tiny.line_of('seeds/entities.yml', 'description:')} entities[0].description",
        f"seeds/entities.yml:{tiny.line_of('seeds/entities.yml', 'Ứng dụng hư cấu.') - 1} entities[1].description",
        f"seeds/glossary.yml:{tiny.line_of('seeds/glossary.yml', 'definition:')} terms[0].definition",
        f"{facts}:{claim} explainer.sections[0].claims[0]",
        f"{facts}:{event} events[0]",
    ]
    assert report.startswith(f"{meta}:{tiny.line_of(meta, 'fingerprint: 3ddbea3ea7f9')}:18: sentences.p1s1.fingerprint: sentence p1s1 changed")
