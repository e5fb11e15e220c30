"""Interface words, one table per language (``generator/strings/<lang>.yml``)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ruamel.yaml import YAML

from generator.yamltext import plain_yaml  # libyaml when the file is plain YAML: a tenth of a second less per build

if TYPE_CHECKING:
    from generator.model import Source

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
_FOLDER = Path(__file__).with_name("strings")


@cache
def strings(lang: str) -> dict[str, str]:
    """The interface words of ``lang``; a missing key is a KeyError at render time."""
    text = (_FOLDER / f"{lang}.yml").read_text(encoding="utf-8")
    data = plain_yaml(text)
    return dict(data if data is not None else YAML(typ="safe").load(text))


def source_name(source: Source, lang: str) -> str:
    """An outside source as pages name it: its publisher, and the outlet whose copy was read
    (“Reuters, bản đăng trên The Straits Times” / “Reuters, as carried by The Straits Times”)."""
    publisher = source.publisher_name[lang] if source.publisher_name is not None else source.publisher
    if source.carried_by:
        return strings(lang)["source_carried"].format(publisher=publisher, carrier=source.carried_by)
    return publisher
