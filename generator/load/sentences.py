"""Split an article into paragraphs and sentences with stable IDs.

A paragraph is a non-blank line; a sentence ends at ``.``, ``!``, ``?`` or ``…``,
optionally followed by closing quotes or brackets, then white space and the start
of a new sentence (an upper-case letter, a digit, or an opening quote before one).
IDs are positional: ``p3s2`` is paragraph 3, sentence 2.

>>> [s.id for s in split_sentences("Một. Hai ba.\\nBốn “năm.” Sáu.")]
['p1s1', 'p1s2', 'p2s1', 'p2s2']
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    {"TP", "Tp", "ThS", "TS", "PGS", "GS", "Mr", "Mrs", "Ms", "Dr", "St", "Corp", "Inc", "Ltd", "Co", "v.v", "vs"}
)

_BOUNDARY = re.compile(
    r"""(?P<end>[.!?…]+)          # terminal punctuation
        (?P<close>[”"’»)\]]*)      # closing quotes or brackets stay with the sentence
        (?P<space>\s+)
        (?=[“"‘«(\[]?[^\W\d_a-zàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]|[“"‘«(\[]?\d)""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article, located by paragraph and position."""

    id: str
    paragraph: int
    index: int
    text: str
    start: int  # offset in the article text
    end: int

    @property
    def fingerprint(self) -> str:
        """A short, stable digest of the sentence text (NFC), to notice edits."""
        return fingerprint(self.text)


def fingerprint(text: str) -> str:
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()[:12]


def _ends_with_abbreviation(chunk: str) -> bool:
    word = re.split(r"\s", chunk.rstrip(".!?…”\"’»)]"))[-1]
    return word in ABBREVIATIONS


def split_paragraphs(text: str) -> list[tuple[int, str]]:
    """Return ``(offset, paragraph)`` for every non-blank line, surrounding space trimmed."""
    out: list[tuple[int, str]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            out.append((offset + line.index(stripped[0]), stripped))
        offset += len(line)
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; every non-space character belongs to exactly one."""
    sentences: list[Sentence] = []
    for p_number, (p_offset, paragraph) in enumerate(split_paragraphs(text), start=1):
        start = 0
        pieces: list[tuple[int, int]] = []
        for match in _BOUNDARY.finditer(paragraph):
            end = match.start("space")
            if _ends_with_abbreviation(paragraph[start:end]):
                continue
            pieces.append((start, end))
            start = match.end("space")
        pieces.append((start, len(paragraph)))
        for s_number, (a, b) in enumerate(pieces, start=1):
            sentences.append(
                Sentence(
                    id=f"p{p_number}s{s_number}",
                    paragraph=p_number,
                    index=s_number,
                    text=paragraph[a:b],
                    start=p_offset + a,
                    end=p_offset + b,
                )
            )
    return sentences
