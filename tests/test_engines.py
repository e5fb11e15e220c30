"""Two engines, one site: ProperDocs (properdocs.yml inherits mkdocs.yml) builds the same site as
MkDocs, byte for byte, except for this short list of explained differences:

- ``<meta name="generator">`` names the engine that built the page (one tag in every page);
- ``pagefind/pagefind-entry.json`` lists the language indexes in the order Pagefind finished
  them: compared as JSON, not as bytes (Pagefind's order varies between two builds of one engine).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, copy_project

pytestmark = pytest.mark.site

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')
ENTRY = "pagefind/pagefind-entry.json"


def differences(a: Path, b: Path) -> list[str]:
    """The files that differ between two built sites, after the allowed differences are set aside."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    found = [f"only in {a.name}: {rel}" for rel in sorted(files_a - files_b)]
    found += [f"only in {b.name}: {rel}" for rel in sorted(files_b - files_a)]
    for rel in sorted(files_a & files_b):
        one, two = (a / rel).read_bytes(), (b / rel).read_bytes()
        if one == two:
            continue
        if rel == ENTRY and json.loads(one) == json.loads(two):
            continue
        if rel.endswith(".html") and GENERATOR_TAG.sub(b"", one) == GENERATOR_TAG.sub(b"", two):
            continue
        found.append(f"differs: {rel}")
    return found


def test_the_comparison_sees_a_changed_byte(tmp_path: Path):
    for name in ("a", "b"):
        (tmp_path / name / "pagefind").mkdir(parents=True)
        (tmp_path / name / "x.html").write_bytes(b'<meta name="generator" content="' + name.encode() + b'"><p>same</p>')
        (tmp_path / name / ENTRY).write_text(json.dumps({"languages": {"vi": 1, "en": 2} if name == "a" else {"en": 2, "vi": 1}}))
    assert differences(tmp_path / "a", tmp_path / "b") == []
    (tmp_path / "b" / "x.html").write_bytes(b'<meta name="generator" content="b"><p>sane</p>')
    (tmp_path / "b" / "y.css").write_text("")
    assert differences(tmp_path / "a", tmp_path / "b") == ["only in b: y.css", "differs: x.html"]


def test_properdocs_builds_the_same_site_as_mkdocs(built_site: Path, tmp_path: Path):
    project = copy_project(tmp_path / "project", with_site_config=True)
    shutil.copy(ROOT / "properdocs.yml", project.path("properdocs.yml"))
    env = {key: value for key, value in os.environ.items() if key != "PREVIEW_LANGUAGE"}
    env |= {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1616112000"}
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(project.path("properdocs.yml"))],
        cwd=project.root, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    proper = project.path("site")
    # each engine built its own site: the generator tags name them
    assert b'content="mkdocs-1.' in (built_site / "index.html").read_bytes()
    assert b"ProperDocs" in (proper / "index.html").read_bytes()
    found = differences(built_site, proper)
    assert found == [], "\n".join(_first_difference(built_site, proper, f.split(": ", 1)[1]) for f in found if f.startswith("differs"))


def _first_difference(a: Path, b: Path, rel: str) -> str:
    one, two = (a / rel).read_bytes(), (b / rel).read_bytes()
    at = next((i for i, (x, y) in enumerate(zip(one, two, strict=False)) if x != y), min(len(one), len(two)))
    return f"{rel}: {len(one)} and {len(two)} bytes, first difference at {at}: {one[at - 60 : at + 60]!r} / {two[at - 60 : at + 60]!r}"


#: Python methods that Jinja allows on strings and dictionaries and MiniJinja (Zensical's template
#: engine) does not: one of them in a partial stops a Zensical build.
PYTHON_METHODS = re.compile(r"\.(?:endswith|startswith|get|items|keys|values|split|replace|strip|lstrip|rstrip|lower|upper|format|join)\(")


def test_the_theme_overrides_use_what_both_template_engines_understand():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "overrides").rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for tag in re.findall(r"\{[{%].*?[%}]\}", line)
        if PYTHON_METHODS.search(tag)
    ]
    assert found == [], "use filters, slices and `in` instead"
