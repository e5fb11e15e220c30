"""Shared fixtures: a throw-away copy of the project's seeds and hand-written pages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The corpus that tests of content run on (a frozen copy of the seeds: tests/fixtures/corpus/README.md).
CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "seeds"
SLUG = "deepfake-clubhouse-2021"  # the article of the test corpus


class Project:
    """A copy of seeds/ and the hand-written docs/ in a temporary folder."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        self.path(rel).parent.mkdir(parents=True, exist_ok=True)
        self.path(rel).write_text(text, encoding="utf-8")

    def replace(self, rel: str, old: str, new: str, count: int = 1) -> None:
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new, count))

    def line_of(self, rel: str, needle: str) -> int:
        for number, line in enumerate(self.read(rel).splitlines(), start=1):
            if needle in line:
                return number
        raise AssertionError(f"{needle!r} not in {rel}")

    def line_text(self, rel: str, needle: str, after: int = 0) -> str:
        """The text of the line ``after`` lines below the first holding ``needle``."""
        return self.read(rel).splitlines()[self.line_of(rel, needle) - 1 + after]

    def snapshot(self, folder: str = "docs") -> dict[str, bytes]:
        base = self.path(folder)
        return {p.relative_to(base).as_posix(): p.read_bytes() for p in sorted(base.rglob("*")) if p.is_file()}


def copy_project(target: Path, with_site_config: bool = False, seeds: Path = CORPUS) -> Project:
    """Copy a corpus (the test corpus, unless ``seeds`` names another, such as the real ``ROOT /
    "seeds"``) as seeds/, the hand-written docs/ (and mkdocs.yml, overrides/ for a site build)."""
    shutil.copytree(seeds, target / "seeds")
    shutil.copytree(ROOT / "docs", target / "docs", ignore=_generated_only)
    if with_site_config:
        shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
        shutil.copytree(ROOT / "overrides", target / "overrides")
        # the engine plugin (generator/engines/mkdocs_plugin.py) comes from the installed project
    return Project(target)


def build_site(project: Project, *extra: str, preview_language: str | None = None, environment: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a copied project into its site/ folder (both languages, unless
    ``preview_language`` names the only one to build); ``environment``: more variables."""
    env = {key: value for key, value in os.environ.items() if key not in ("PREVIEW_LANGUAGE", "NEWS_EXPLAINED_SERIAL")}
    env |= {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1616112000", **(environment or {})}
    if preview_language:
        env["PREVIEW_LANGUAGE"] = preview_language
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project.path("mkdocs.yml")), *extra],
        cwd=project.root, env=env, capture_output=True, text=True, timeout=600,
    )


def _generated_only(folder: str, names: list[str]) -> list[str]:
    """Copy hand-written pages only: skip what the generator owns (listed in .gitignore)."""
    skip = {".generated.json", ".generated-journal.json", "_generated", "articles", "topics"}
    if Path(folder).parent.name == "docs" or Path(folder).name in ("vi", "en"):
        skip |= {"glossary.md", "timeline.md", "who.md", "sources.md"}
    return [n for n in names if n in skip]



def stop(process: subprocess.Popen, timeout: float = 10) -> None:
    """Ask a process to end; kill it if it has not within ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def site_config(path: Path | None = None) -> dict:
    """mkdocs.yml as MkDocs reads it (its ``!ENV`` tags resolved)."""
    from mkdocs.utils.yaml import yaml_load

    return yaml_load((path or ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site, built once per test session from a copy of the project; its site/ folder."""
    project = copy_project(tmp_path_factory.mktemp("site") / "project", with_site_config=True)
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    return project.path("site")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the real seeds/, built once per test session: only for what holds of any corpus."""
    project = copy_project(tmp_path_factory.mktemp("real") / "project", with_site_config=True, seeds=ROOT / "seeds")
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    return project.path("site")
