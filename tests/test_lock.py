"""requirements/lock.txt, which `make install` installs from, pins every dependency that
pyproject.toml names (runtime and test) to a version it allows, each with its hashes."""

from __future__ import annotations

import re
import tomllib

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import ROOT

PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def pins(text: str) -> dict[str, tuple[str, int]]:
    """Name → (version, number of hashes) of the pins that apply to this Python."""
    found: dict[str, tuple[str, int]] = {}
    current = None
    for line in text.splitlines():
        match = PIN.match(line)
        if match:
            name, version, marker = match.groups()
            applies = marker is None or Requirement(f"x; {marker}").marker.evaluate(default_environment())
            current = canonicalize_name(name) if applies else None
            if current:
                found[current] = (version, 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, hashes = found[current]
            found[current] = (version, hashes + 1)
    return found


def test_every_dependency_is_pinned_with_hashes_to_an_allowed_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]
    locked = pins((ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8"))
    problems = []
    for req in wanted:
        name = canonicalize_name(req.name)
        if name not in locked:
            problems.append(f"{req.name} is not in requirements/lock.txt: run `make lock`")
            continue
        version, hashes = locked[name]
        if not req.specifier.contains(version, prereleases=True):
            problems.append(f"{req.name}=={version} in the lock is outside {req.specifier}: run `make lock`")
        if not hashes:
            problems.append(f"{req.name} has no hash in the lock")
    assert not problems, "\n".join(problems)


def test_the_pin_reader_sees_a_missing_hash_and_markers():
    text = "a==1.0 \\\n    --hash=sha256:00\nb==2.0\nc==3.0 ; python_full_version < '3.0' \\\n    --hash=sha256:11\n"
    assert pins(text) == {"a": ("1.0", 1), "b": ("2.0", 0)}
