"""Golden tests: fixed seeds in, the exact generated Markdown out.

The input is a small fictional article (tests/golden/input/seeds) that uses every feature of the
format, including text that must be escaped. After a deliberate change of the output, rewrite
the expectations with `make golden` and review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.pipeline import generate

HERE = Path(__file__).parent / "golden"
INPUT, EXPECTED = HERE / "input", HERE / "expected"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _pages() -> dict[str, str]:
    _, pages = generate(INPUT)
    return pages


def test_generated_pages_match_the_golden_files():
    pages = _pages()
    if UPDATE:
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for rel, text in pages.items():
            (EXPECTED / rel).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / rel).write_text(text, encoding="utf-8")
    expected = {p.relative_to(EXPECTED).as_posix(): p.read_text(encoding="utf-8") for p in EXPECTED.rglob("*.md")}
    assert sorted(pages) == sorted(expected), "pages added or removed: run `make golden` if deliberate"
    for rel, text in pages.items():
        assert text == expected[rel], f"{rel} differs from tests/golden/expected/{rel}: run `make golden` if deliberate"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_fact_text_is_escaped_not_interpreted(lang: str):
    page = _pages()[f"{lang}/articles/tiny-article/index.md"]
    assert r"\*gốc\*" in page or r"\*original\*" in page
    assert r"\[" in page and r"\{\{" in page and "{{" not in page.split("---", 2)[2].replace(r"\{\{", "")
