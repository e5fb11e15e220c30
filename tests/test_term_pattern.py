"""The glossary forms are found by a trie-shaped pattern: it must find exactly what the plain
alternation of every form (longest first) finds."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from generator.render.pages import alternatives

LETTERS = "aăâbdđeêoơ"
words = st.text(alphabet=LETTERS + " ", min_size=1, max_size=6).map(str.strip).filter(bool)


def plain(forms: set[str]) -> re.Pattern:
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(f) for f in sorted(forms, key=lambda a: (-len(a), a))) + r")(?!\w)", re.I)


@given(st.sets(words, min_size=1, max_size=10), st.text(alphabet=LETTERS + "AĂĐ .,", max_size=60))
def test_the_trie_finds_what_the_alternation_finds(forms, text):
    trie = re.compile(r"(?<!\w)(" + alternatives(forms) + r")(?!\w)", re.I)
    assert [(m.start(), m.group(1)) for m in trie.finditer(text)] == [(m.start(), m.group(1)) for m in plain(forms).finditer(text)]


def test_the_longest_form_wins():
    pattern = re.compile(r"(?<!\w)(" + alternatives({"ứng dụng", "ứng dụng xã hội", "deepfake", "deepfakes"}) + r")(?!\w)", re.I)
    assert pattern.findall("Các ứng dụng xã hội và Deepfakes, ứng dụng.") == ["ứng dụng xã hội", "Deepfakes", "ứng dụng"]
