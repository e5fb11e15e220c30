"""Proper names of Vietnamese news text, for ``generator draft``: rule-based.

A name runs over capitalised words; lower-case syllables that complete a word of a name (Bộ
Công an); inside the name of a body "và" and commas (Bộ Văn hóa, Thể thao và Du lịch); and in
an English title, its lower-case words (The wild goose lake). Titles (Tổng thống, Bộ trưởng) are
not part of a name, a country before a person's name is a name of its own (Tổng thống Pháp
Emmanuel Macron), a surname starts a new name (… Du lịch | Nguyễn Ngọc Thiện), and capitalised
words that are not names (sentence starts, acronyms such as USD, GDP) are left out.

>>> [(n.text, n.kind) for n in find_names("Tổng thống Pháp Emmanuel Macron gặp Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch Nguyễn Ngọc Thiện.", [])]
[('Pháp', 'place'), ('Emmanuel Macron', 'person'), ('Bộ Văn hóa, Thể thao và Du lịch', 'government-body'), ('Nguyễn Ngọc Thiện', 'person')]
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

#: Capitalised words that start a name of a state body, an organisation or a company.
ORG_PREFIXES = {
    "government-body": ("bộ", "cục", "tổng cục", "ủy ban", "uỷ ban", "cơ quan", "sở", "thanh tra", "quốc hội", "chính phủ", "tòa án",
                        "toà án", "viện kiểm sát", "công an", "tand", "ubnd", "hđnd", "vksnd", "sở"),
    "organisation": ("viện", "hiệp hội", "liên minh", "trung tâm", "hội đồng", "văn phòng", "ban", "đại học", "trường", "liên hoan phim",
                     "quỹ", "tổ chức", "liên đoàn", "học viện"),
    "company": ("tập đoàn", "công ty", "ngân hàng", "hãng"),
}
COMPANY_SUFFIXES = frozenset({"group", "corp", "corporation", "technology", "technologies", "tech", "inc", "ltd", "co", "holdings",
                              "labs", "jsc", "plc", "limited", "ventures", "capital", "media", "networks", "systems", "cloud", "ai"})
#: Lower-case syllables that complete a capitalised one in names (Bộ Công an, Cục Quản lý Không gian mạng).
COMPOUNDS = frozenset({
    "công an", "thông tin", "truyền thông", "quản lý", "không gian", "an toàn", "an ninh", "kế hoạch", "đầu tư",
    "tài chính", "công thương", "khoa học", "công nghệ", "tư pháp", "ngoại giao", "quốc phòng", "giáo dục", "đào tạo", "y tế",
    "văn hóa", "văn hoá", "thể thao", "du lịch", "xây dựng", "giao thông", "vận tải", "nội vụ", "lao động", "xã hội",
    "tài nguyên", "môi trường", "nông nghiệp", "phát triển", "nông thôn", "cạnh tranh", "tiêu dùng", "dữ liệu", "bảo vệ",
    "cảnh sát", "điều tra", "viễn thông", "phát thanh", "truyền hình", "báo chí", "xuất bản", "nhà nước", "chứng khoán",
    "thị trường", "gian mạng", "ninh mạng", "hàng không", "hải quan", "kiểm toán", "cơ quan", "ủy ban", "uỷ ban", "tổng cục", "tập đoàn",
    "công ty", "ngân hàng", "hiệp hội", "hội đồng", "văn phòng", "trung tâm", "quốc hội", "chính phủ", "tòa án", "toà án", "thanh tra",
    "đại học", "liên minh", "kinh tế", "thương mại", "điện tử", "số hóa", "số hoá", "quốc gia", "nhân dân", "tối cao", "liên hoan",
    "hoan phim", "học viện", "tổ chức", "liên đoàn", "kiểm sát", "cổ phần", "trách nhiệm", "hữu hạn", "nghị quyết", "nghị định",
    "quyết định", "thông tư", "quốc lộ", "tỉnh lộ", "cao tốc",
})
#: Lower-case words of a body's name before the place it serves (Công an tỉnh Khánh Hòa, TAND cấp cao tại TPHCM).
ADMIN_JOINS = ("cấp cao tại", "thành phố", "thị xã", "cấp cao", "tỉnh", "huyện", "quận", "xã", "phường", "tại", "khu vực")
#: Names that end in a number: Quốc lộ 1, Nghị quyết 326.
NUMBERED = frozenset({"quốc lộ", "tỉnh lộ", "nghị quyết", "nghị định", "quyết định", "thông tư", "luật", "đường", "phòng", "tổ"})
#: Titles and forms of address: never part of a name, and they end one (Tổng thống | Pháp).
TITLES = frozenset({
    "tổng thống", "phó tổng thống", "thủ tướng", "phó thủ tướng", "chủ tịch", "phó chủ tịch", "tổng bí thư", "bộ trưởng", "thứ trưởng",
    "tổng giám đốc", "phó tổng giám đốc", "giám đốc", "phó giám đốc", "cục trưởng", "viện trưởng", "hiệu trưởng", "đại sứ", "đại diện",
    "đại tướng", "thượng tướng", "trung tướng", "thiếu tướng", "đại tá", "ngoại trưởng", "nhà sáng lập", "người phát ngôn", "phát ngôn viên",
    "giáo sư", "tiến sĩ", "phó giáo sư", "thạc sĩ", "bác sĩ", "luật sư", "nhà báo", "đạo diễn", "diễn viên", "ca sĩ", "nhà văn", "nghệ sĩ",
    "chánh văn phòng", "chánh án", "trung tá", "thiếu tá", "đại úy", "thượng tá", "bị can", "bị cáo",
    "tổng", "đại", "phó", "ông", "bà", "anh", "chị", "cô", "chú", "em", "tt", "gs", "ts", "pgs", "ths",
})
TITLE_WORDS = max(len(t.split()) for t in TITLES)
#: Capitalised words that are not names by themselves: sentence starts, function words,
#: acronyms of units and common nouns.
NOT_NAMES = frozenset({
    "các", "những", "một", "hai", "ba", "bốn", "năm", "mười", "đã", "đang", "sẽ", "việc", "theo", "trong", "khi", "với", "tại", "ở",
    "sau", "trước", "từ", "cho", "của", "và", "nhưng", "tuy", "nếu", "vì", "do", "để", "này", "đó", "họ", "chúng", "nhiều", "mọi",
    "mỗi", "hôm", "ngày", "tháng", "thứ", "chủ", "hiện", "cũng", "còn", "điều", "người", "nhà", "tôi", "ai", "gì", "đây", "kể",
    "internet", "web", "website", "email", "wifi", "video", "ok", "tv", "app", "online", "ceo", "cto", "cfo",
    "usd", "vnd", "vnđ", "eur", "gdp", "gpu", "cpu", "it", "r&d", "pc", "sms", "otp", "id", "pdf", "url", "kol", "ảnh", "video clip",
    "ai agent", "sn", "hđxx", "nhà nước",
})
#: Places written as one Vietnamese syllable or as common words; kept where a lone capitalised
#: Vietnamese word would otherwise be taken for a sentence start or a title.
PLACES = frozenset({
    "pháp", "mỹ", "nga", "anh", "đức", "bỉ", "ý", "lào", "úc", "nhật", "huế", "hà lan", "thụy sĩ", "thụy điển", "tây ban nha", "bồ đào nha",
    "trung quốc", "hàn quốc", "triều tiên", "nhật bản", "việt nam", "hoa kỳ", "ấn độ", "thái lan", "campuchia", "đài loan", "hồng kông",
    "hà nội", "tp.hcm", "đà nẵng", "hải phòng", "cần thơ", "châu âu", "châu á", "châu phi", "đông nam á", "trung đông", "ukraine",
    "brazil", "mexico", "singapore", "malaysia", "indonesia", "philippines", "canada", "israel", "iran", "tân cương",
})
SURNAMES = frozenset({
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ", "hồ", "ngô", "dương", "lý", "đào",
    "đinh", "trương", "lâm", "tô", "tạ", "lưu", "kiều", "quách", "trịnh", "lương", "mạc", "triệu", "vương", "thái",
})
#: English words that continue a title or a name in lower case (The wild goose lake, Make in Vietnam).
ENGLISH_JOINS = frozenset({"the", "a", "an", "of", "in", "on", "and", "for", "we", "you", "to", "with", "at", "de", "la", "le", "du", "von"})
#: ASCII-spelled Vietnamese words that end an English title (The specials | do Oliver Nakache).
VIETNAMESE_ASCII = frozenset({"do", "cho", "theo", "trong", "con", "khi", "tai", "va", "la", "nay", "sau", "tin", "ban", "thi", "ma", "hay"})
KIND_CONTEXT = (
    ("product", ("ứng dụng", "nền tảng", "mạng xã hội", "dịch vụ", "app", "phần mềm", "sản phẩm")),
    ("creative-work", ("phim", "bộ phim", "cuốn sách", "bài hát", "tác phẩm", "album", "ca khúc")),
    ("company", ("công ty", "hãng", "tập đoàn", "doanh nghiệp")),
    ("person", ("ông", "bà", "anh", "chị", "giám đốc", "bộ trưởng", "chủ tịch", "thống", "tướng", "nhà sáng lập", "phát ngôn viên", "ceo",
                "đạo diễn", "diễn viên", "sĩ")),
)
PLACE_BEFORE = ("ở", "tại", "nước", "thành phố", "tỉnh", "tới", "đến", "người")
#: Words before a lone capitalised Vietnamese word that make it a name (ông Việt, ứng dụng Mây).
CUES = frozenset({"ông", "bà", "anh", "chị", "cô", "chú", *PLACE_BEFORE, *(cue for _, cues in KIND_CONTEXT for cue in cues)}) - {"ở", "tới", "đến", "người"}
ALL_PREFIXES = frozenset(p for prefixes in ORG_PREFIXES.values() for p in prefixes) - {"viện kiểm sát", "quốc hội", "chính phủ", "công an"}
_TOKEN = re.compile(r"\w+(?:[.'’&-]\w+)*")
#: The shape of a Vietnamese syllable written without diacritics ("Quy", "Theo", "Trong").
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?", re.IGNORECASE)


@dataclass
class NameFound:
    text: str
    kind: str | None
    start: int = 0
    entity: str | None = None

    def as_json(self, sentence: str) -> dict[str, object]:
        return {"text": self.text, "kind": self.kind, "sentence": sentence}


def _vietnamese_word(token: str) -> bool:
    """A word that may be an ordinary Vietnamese word, not a foreign brand (Reuters, Clubhouse)."""
    return not token.isascii() or _SYLLABLE.fullmatch(token) is not None


def _capitalised(token: str) -> bool:
    return token[0].isupper() or bool(re.match(r"[a-z]+[A-Z]", token))


def _prefix_kind(words: list[str]) -> str | None:
    joined = " ".join(w.casefold() for w in words[:3])
    for kind, prefixes in ORG_PREFIXES.items():
        if any(joined == p or joined.startswith(p + " ") for p in prefixes):
            return kind
    return None


def _title_at(tokens: list[re.Match[str]], i: int, sentence: str) -> int:
    """How many tokens from ``i`` form a title (Tổng thống, Bộ trưởng), 0 if none."""
    for n in range(TITLE_WORDS, 0, -1):
        words = tokens[i : i + n]
        adjacent = all(not sentence[a.end() : b.start()].strip() for a, b in itertools.pairwise(words))
        if len(words) == n and adjacent and " ".join(w.group().casefold() for w in words) in TITLES:
            return n
    return 0


class _Scanner:
    """Runs of name words over the tokens of one sentence."""

    def __init__(self, sentence: str, masked: list[tuple[int, int]]) -> None:
        self.sentence = sentence
        self.tokens = [m for m in _TOKEN.finditer(sentence) if not any(a <= m.start() < b for a, b in masked)]

    def gap(self, a: re.Match[str], b: re.Match[str]) -> str:
        return self.sentence[a.end() : b.start()]

    def _lower_join(self, run: list[re.Match[str]], j: int) -> bool:
        word, prev = self.tokens[j].group(), run[-1].group()
        if f"{prev.casefold()} {word.casefold()}" in COMPOUNDS:
            return True
        if not (run[0].group().isascii() and prev.isascii() and word.isascii()) or word.casefold() in VIETNAMESE_ASCII:
            return False
        english = run[0].group().casefold() in ("the", "a", "an") or any(t.group().casefold() in ENGLISH_JOINS for t in run[1:])
        return english or word.casefold() in ENGLISH_JOINS

    def _admin(self, run: list[re.Match[str]], j: int) -> int:
        """How many tokens from ``j`` are the lower-case words of a body's name before a place."""
        if _prefix_kind([t.group() for t in run]) is None or self.gap(run[-1], self.tokens[j]).strip():
            return 0
        for admin in ADMIN_JOINS:
            n = len(admin.split())
            after = self.tokens[j + n] if j + n < len(self.tokens) else None
            if " ".join(t.group() for t in self.tokens[j : j + n]) == admin and after is not None and _capitalised(after.group()):
                return n
        return 0

    def _comma_joins(self, run: list[re.Match[str]], j: int) -> bool:
        """Bộ Văn hóa, Thể thao và Du lịch: a comma inside the name of a body listing its fields."""
        word = self.tokens[j].group()
        if not (_capitalised(word) and word.casefold() not in SURNAMES and _prefix_kind([word]) is None):
            return False
        return " và " in self.sentence[self.tokens[j].start() : self.tokens[j].start() + 60]

    def _number_joins(self, run: list[re.Match[str]]) -> bool:
        """AI4VN 2025, Quốc lộ 1, Nghị quyết 326."""
        last = run[-1].group()
        if " ".join(t.group().casefold() for t in run[-2:]) in NUMBERED or last.casefold() in NUMBERED:
            return True
        return sum(c.isupper() for c in last) >= 2 and any(c.isdigit() for c in last)

    def _capital_joins(self, run: list[re.Match[str]], org: bool) -> bool:
        last = run[-1].group()
        return not last.islower() or last.casefold() in ENGLISH_JOINS or org or _english(run)

    def _and_joins(self, j: int) -> bool:
        nxt = self.tokens[j + 1].group() if j + 1 < len(self.tokens) else ""
        return bool(nxt) and _capitalised(nxt) and _prefix_kind([nxt]) is None

    def _joins(self, run: list[re.Match[str]], j: int) -> bool:
        """Whether token ``j`` continues the name ``run``."""
        word, gap = self.tokens[j].group(), self.gap(run[-1], self.tokens[j]).strip()
        org = _prefix_kind([t.group() for t in run]) is not None
        if gap:
            return gap == "," and org and self._comma_joins(run, j)  # other punctuation ends a name
        if _title_at(self.tokens, j, self.sentence) and len(word) > 1 and word.casefold() not in ("anh", "đại"):
            return False
        if word.isdigit():
            return self._number_joins(run)
        if _capitalised(word):
            return self._capital_joins(run, org)
        if word in ("và", "of", "de") and org:
            return self._and_joins(j)
        return self._lower_join(run, j)

    def _skip_title(self, i: int) -> int:
        """Tokens to skip at ``i``: a title before a name (Tổng thống, Bộ trưởng), not a body (Bộ Y tế)."""
        skip = _title_at(self.tokens, i, self.sentence)
        if skip > 1:
            return skip
        if not skip or _prefix_kind([t.group() for t in self.tokens[i : i + 3]]):
            return 0
        nxt = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        named = nxt is not None and _capitalised(nxt.group()) and not self.gap(self.tokens[i], nxt).strip()
        return skip if named or not _capitalised(self.tokens[i].group()) else 0

    def _run_from(self, i: int) -> list[re.Match[str]]:
        run, j = [self.tokens[i]], i + 1
        while j < len(self.tokens):
            n = self._admin(run, j) or int(self._joins(run, j))
            if not n:
                break
            run.extend(self.tokens[j : j + n])
            j += n
        return run

    def runs(self) -> list[list[re.Match[str]]]:
        runs, i = [], 0
        while i < len(self.tokens):
            skip = self._skip_title(i)
            if skip or not _capitalised(self.tokens[i].group()):
                i += skip or 1
                continue
            run = self._run_from(i)
            runs.extend(_split(run))
            i += len(run)
        return runs


def _english(run: list[re.Match[str]]) -> bool:
    return _english_words([t.group() for t in run])


def _english_words(words: list[str]) -> bool:
    """An English title or name in sentence case: The wild goose lake, Sorry we missed you."""
    return len(words) > 1 and all(w.isascii() for w in words) and (
        words[0].casefold() in ("the", "a", "an") or any(w.casefold() in ENGLISH_JOINS for w in words[1:]))


def _place_first(run: list[re.Match[str]], words: list[str]) -> int:
    """How many words of a country or city start a longer run of capitalised words (Pháp | Emmanuel Macron)."""
    for n in (3, 2, 1):
        if n < len(run) and " ".join(w.casefold() for w in words[:n]) in PLACES and all(map(_capitalised, words[n:])):
            return n
    return 0


def _split(run: list[re.Match[str]]) -> list[list[re.Match[str]]]:
    """A country before a person's name, and a surname after a body's name, start new names."""
    words = [t.group() for t in run]
    if " ".join(words).casefold() in PLACES:
        return [run]
    if len(run) > 2 and words[1] in ("The", "A", "An") and _vietnamese_word(words[0]):
        return [run[:1], *_split(run[1:])]  # Phim | The quiet river
    n = _place_first(run, words)
    if n:
        return [run[:n], *_split(run[n:])]
    for k in range(1, len(run) - 1):
        if words[k].casefold() in SURNAMES and _capitalised(words[k + 1]) and any(not _capitalised(w) for w in words[:k]):
            return [run[:k], run[k:]]
    return [run]


def _surely_name(words: list[str], text: str) -> bool:
    """Runs that are names whatever their place: bodies, numbered names, several capitals, English titles."""
    if len(words) == 1:
        return text in PLACES or not _vietnamese_word(words[0]) or not words[0].isalpha()  # Pháp; Reuters, AI4VN
    if words[-1].isdigit() or _prefix_kind(words) or sum(map(_capitalised, words)) > 1:
        return True  # Quốc lộ 1, Bộ Công an, Trung Quốc
    return _english_words(words) or not _vietnamese_word(words[0])


def _keep(words: list[str], at_start: bool, before: str) -> bool:
    """Whether a run of words is a name, not a common word, an acronym or a sentence start."""
    text = " ".join(words).casefold()
    single = len(words) == 1
    if text in PLACES and not (at_start and single and text in TITLES):
        return True  # Pháp, Mỹ; "(Anh)" is England, "Anh ấy" at a sentence start is not
    if text in NOT_NAMES or text in ALL_PREFIXES or (single and (text in TITLES or _prefix_kind(words))):
        return False  # USD; a bare "Tổng"; "Ban giám khảo", a bare "Bộ" or "Công ty"
    if _surely_name(words, text):
        return True
    return single and not at_start and any(f" {before}".endswith(f" {cue}") for cue in CUES)  # ông Việt, ứng dụng Mây


def _strip(run: list[re.Match[str]]) -> list[re.Match[str]]:
    while run and run[0].group().casefold() in NOT_NAMES and not _prefix_kind([t.group() for t in run]):
        run = run[1:]
    return run


def find_names(sentence: str, masked: list[tuple[int, int]]) -> list[NameFound]:
    """Word sequences of a Vietnamese sentence that look like proper names; ``masked`` spans
    (date expressions) are not names: "thứ Năm", "tháng Hai"."""
    scanner = _Scanner(sentence, masked)
    first = scanner.tokens[0].start() if scanner.tokens else -1
    names: list[NameFound] = []
    for run in scanner.runs():
        if " ".join(t.group() for t in run).casefold() in NOT_NAMES:
            continue  # "AI Agent", not "Agent"
        run = _strip(run)
        if not run:
            continue
        words = [t.group() for t in run]
        before = " ".join(_TOKEN.findall(sentence[: run[0].start()])[-6:]).casefold()
        if _keep(words, run[0].start() == first, before):
            names.append(NameFound(sentence[run[0].start() : run[-1].end()], guess_kind(sentence, run[0].start(), words), run[0].start()))
    return names


def _kind_of_words(words: list[str]) -> str | None:
    kind = _prefix_kind(words)
    if kind:
        return kind
    if len(words) > 1 and words[-1].casefold().rstrip(".") in COMPANY_SUFFIXES:
        return "company"
    if " ".join(words).casefold() in PLACES:
        return "place"
    if words[0].casefold() in SURNAMES and 2 <= len(words) <= 4 and all(map(_capitalised, words)):
        return "person"  # Nguyễn Ngọc Thiện
    return None


def guess_kind(sentence: str, start: int, words: list[str]) -> str | None:
    """A kind of entity from the name's first words, its last word, or the words before it."""
    kind = _kind_of_words(words)
    if kind:
        return kind
    before = _TOKEN.findall(sentence[:start])
    nearest = " ".join(before[-2:]).casefold()
    if any(nearest == cue or nearest.endswith(" " + cue) for cue in PLACE_BEFORE):
        return "place"
    context = " " + " ".join(before[-4:]).casefold() + " "
    for kind, cues in KIND_CONTEXT:
        if any(f" {cue} " in context for cue in cues):
            return kind if kind != "person" or len(words) > 1 or not words[0].isupper() else None
    return None
