"""Sort keys that follow each language's alphabet (ICU collation, CLDR rules).

Vietnamese order is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, then tones;
code-point order and simple accent folding both get it wrong.

>>> sorted(["đường", "dương", "ăn", "an"], key=lambda w: sort_key(w, "vi"))
['an', 'ăn', 'dương', 'đường']
"""

from __future__ import annotations

from functools import cache

import icu


@cache
def _collator(lang: str) -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale(lang))


def sort_key(text: str, lang: str) -> bytes:
    key: bytes = _collator(lang).getSortKey(text)
    return key
