"""Quoted passages of Vietnamese news text and who says them, for ``generator draft``.

A passage in quotation marks is somebody's words only when the text says whose: a verb of
saying next to it (“…”, ông Macron nói; X cho biết: “…”). A quoted title, prompt, slogan or term
has no speaker, and the draft never proposes it as anybody's statement.

>>> [(q.text, q.speaker) for q in find_quotes("“Chúng tôi sẽ trở lại”, ông Minh nói với dòng chữ “Xin chào”.")]
[('Chúng tôi sẽ trở lại', 'Minh'), ('Xin chào', None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.draft.names import TITLES, find_names

_QUOTES = re.compile(r"“(?P<a>[^“”]+)”|\"(?P<b>[^\"]+)\"|«(?P<c>[^«»]+)»")
_SAY = (r"(?:nói(?:\s+thêm)?|cho\s+biết(?:\s+thêm)?|khẳng\s+định|nhấn\s+mạnh|nhận\s+định|tuyên\s+bố|chia\s+sẻ|phát\s+biểu|bày\s+tỏ|"
        r"giải\s+thích|kể|viết|hỏi|trả\s+lời|thừa\s+nhận|cảnh\s+báo|tiết\s+lộ|lưu\s+ý|đánh\s+giá|bình\s+luận|nêu\s+rõ|thông\s+báo)")
#: After the passage: “…”, ông Macron nói / “…”, bà X cho biết.
_AFTER = re.compile(r"^\s*[,.]?\s*(?P<who>[^,.;:“”\"]{2,60}?)\s+" + _SAY + r"(?!\w)", re.IGNORECASE)
#: Before it: X cho biết: “…” / X nói thêm rằng “…”.
_BEFORE = re.compile(r"(?P<who>[^,.;:“”\"]{2,80}?)\s+" + _SAY + r"(?:\s+(?:rằng|là|với\s+[^,:“]{1,40}))?\s*[:,]?\s*$", re.IGNORECASE)


#: Words that introduce a quoted title, prompt, slogan or term, never somebody's words.
LABELS = ("dòng chữ", "câu lệnh", "lệnh", "khẩu hiệu", "tiêu đề", "tựa đề", "biển", "phim", "bài hát", "ca khúc", "sách", "chương trình",
          "chiến dịch", "cụm từ", "từ khóa", "từ khoá", "thuật ngữ", "hashtag", "chuyên mục", "tên", "nhãn", "prompt", "dự án", "ứng dụng")
_LABEL = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(label) for label in LABELS) + r")\s*[:,]?\s*$", re.IGNORECASE)


@dataclass
class QuoteFound:
    text: str
    speaker: str | None
    start: int  # offset in the paragraph
    end: int

    def as_json(self, sentence: str) -> dict[str, object]:
        return {"text": self.text, "speaker": self.speaker, "sentence": sentence}


def _who(span: str) -> str | None:
    """The speaker in the words before a verb of saying: the last name there, or the words
    themselves when they are short (cơ quan này, người phát ngôn)."""
    names = find_names(span, [])
    if names:
        return names[-1].text
    words = span.split()
    if not words or len(words) > 6 or words[0].casefold() in ("và", "nhưng", "khi", "nếu", "rằng"):
        return None
    text = " ".join(words).strip()
    return text if text.casefold() not in TITLES else None


def find_quotes(paragraph: str) -> list[QuoteFound]:
    """Passages in quotation marks (“…”, "…", «…») of a paragraph, verbatim, with their speaker
    where the text gives one. A passage may run over several sentences."""
    found = []
    for m in _QUOTES.finditer(paragraph):
        text = next(g for g in m.groups() if g is not None).strip()
        if not text:
            continue
        speaker = None
        if _LABEL.search(paragraph[: m.start()]):
            found.append(QuoteFound(text, None, m.start() + 1, m.end() - 1))
            continue  # phim “…”, câu lệnh “…”: a title or a prompt
        after = _AFTER.match(paragraph[m.end() :])
        if after and (paragraph[m.end() :].lstrip().startswith(",") or text.endswith(",")):
            speaker = _who(after.group("who"))
        if speaker is None:
            before = _BEFORE.search(paragraph[max(0, m.start() - 120) : m.start()])
            speaker = _who(before.group("who")) if before else None
        found.append(QuoteFound(text.rstrip(","), speaker, m.start() + 1, m.end() - 1))
    return found
