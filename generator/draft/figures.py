"""Numbers of Vietnamese news text, for ``generator draft``.

Vietnamese writes a dot between thousands and a comma before decimals (7.000 is seven thousand,
7,8 is seven point eight); nghìn, triệu, tỷ multiply; the unit follows the number.

>>> [(n.text, n.value, n.unit) for n in find_numbers("Công ty được rót 2,5 triệu USD, tăng 30% so với 7.000 USD.", [])]
[('2,5 triệu USD', 2500000, 'USD'), ('30%', 30, '%'), ('7.000 USD', 7000, 'USD')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

MULTIPLIERS = {"nghìn tỷ": 10**12, "ngàn tỷ": 10**12, "nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
#: Units, longest first; currencies and the per cent sign as the text writes them.
UNITS = sorted([
    "%", "USD", "EUR", "VND", "đồng", "euro", "yen", "yên", "nhân dân tệ", "bảng Anh", "đô la", "đôla", "won", "rúp",
    "km", "m", "cm", "kg", "tấn", "MW", "GW", "GB", "TB", "ha", "lít",
    "người", "lần", "tuổi", "giờ", "phút", "giây", "ngày", "tuần", "tháng", "năm", "phim", "bộ phim", "công ty", "doanh nghiệp",
    "quốc gia", "nước", "trang", "bài", "trường hợp", "vụ", "mô hình", "trung tâm", "tài khoản", "người dùng", "lượt", "sản phẩm",
    "ứng dụng", "video", "điểm", "chiếc", "tác phẩm", "khía cạnh", "đơn", "bản", "học sinh", "sinh viên", "nhân viên",
], key=len, reverse=True)
_UNIT = "|".join(re.escape(u) for u in UNITS)
_MULT = "|".join(re.escape(m) for m in sorted(MULTIPLIERS, key=len, reverse=True))
_NUMBER = re.compile(
    r"(?<![\w.,/-])(?P<number>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\w/]|[.,]\d)"
    r"(?:\s*(?P<mult>" + _MULT + r")(?!\w))?"
    r"(?:\s*(?P<unit>" + _UNIT + r")(?!\w))?", re.IGNORECASE)


_IDENTIFIER = re.compile(r"(?<!\w)(?:thứ|số|giai\s+đoạn|điều|khoản|khóa|khoá|kỳ|tập|phần|chương|SN|sinh\s+năm)\s*$", re.IGNORECASE)


@dataclass
class NumberFound:
    text: str
    value: int | float
    unit: str | None
    start: int
    end: int

    def as_json(self, sentence: str) -> dict[str, object]:
        return {"text": self.text, "value": self.value, "unit": self.unit, "sentence": sentence}


def read_number(written: str) -> Decimal:
    """``7.000`` → 7000, ``7,8`` → 7.8, ``2.760,3`` → 2760.3 (Vietnamese separators)."""
    return Decimal(written.replace(".", "").replace(",", "."))


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _unit(written: str | None) -> str | None:
    """A unit as the list spells it (usd → USD)."""
    if not written:
        return None
    return next((u for u in UNITS if u.casefold() == written.casefold()), written)


def find_numbers(sentence: str, masked: list[tuple[int, int]]) -> list[NumberFound]:
    """Numbers with their multipliers and units; ``masked`` spans (dates, names) are skipped."""
    found = []
    for m in _NUMBER.finditer(sentence):
        if any(a <= m.start() < b for a, b in masked) or _IDENTIFIER.search(sentence[: m.start()]):
            continue  # a date, a name, an ordinal ("lần thứ 72") or a number that names ("giai đoạn 2")
        written, unit, multiplier = m.group("number"), _unit(m.group("unit")), m.group("mult")
        if re.fullmatch(r"(?:19|20)\d\d", written) and not unit and not multiplier:
            continue  # a year ("giai đoạn 2013-2024"), not a quantity
        value = read_number(written) * MULTIPLIERS.get((multiplier or "").casefold(), 1)
        found.append(NumberFound(m.group(0).strip(), _plain(value), unit, m.start(), m.end()))
    return found
