"""Live preview: `mkdocs serve --dirty` (what `make serve` runs, with its file watcher) on a copy of
the project.

Saving a seed file updates the served page within seconds, rebuilding only the pages it changed
(a change of the site's structure, such as a title, rebuilds every page); a save that leaves the seeds invalid
shows the problem in the terminal, the last good site stays served, and the next good save
recovers; one save is one build (the generator's own writes into docs/ start none), and an edit of a
hand-written page still rebuilds.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from .conftest import SLUG, Project, copy_project, site_config, stop

pytestmark = pytest.mark.site

ARTICLE = f"seeds/{SLUG}/article.yml"
FACTS = f"seeds/{SLUG}/facts.yml"
TITLE = "Các nhà quản lý Trung Quốc gặp 11 công ty công nghệ"
# a build by MkDocs, or a save whose changed pages only were built (generator.engines.refresh)
BUILDS = re.compile(r"^INFO\s+-\s+(Building documentation\.\.\.|preview: \d+ changed pages? built again;.*)$", re.MULTILINE)
PAGES_ONLY = re.compile(r"preview: (\d+) changed pages? built again")
ENDS = re.compile(r"Reloading browsers$|An error happened during the rebuild", re.MULTILINE)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> float:
    """Poll until ``condition()`` is true; return the seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(0.1)
    raise AssertionError(f"not within {timeout} s: {what}")


@dataclass
class Server:
    project: Project
    process: subprocess.Popen
    url: str
    log: Path  # the terminal (stderr) of `mkdocs serve`

    def get(self, path: str, timeout: float = 5) -> str:
        with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
            return response.read().decode("utf-8")

    def shows(self, path: str, text: str) -> bool:
        try:
            return text in self.get(path, timeout=2)
        except (urllib.error.URLError, TimeoutError, ConnectionError):
            return False

    def terminal(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def builds(self) -> int:
        return len(BUILDS.findall(self.terminal()))

    def settle(self, quiet: float = 2.0, timeout: float = 30) -> int:
        """Wait until no build starts for ``quiet`` seconds; the number of builds so far."""
        count, since = self.builds(), time.monotonic()
        deadline = since + timeout
        while time.monotonic() < deadline:
            time.sleep(0.2)
            now = self.builds()
            if now != count:
                count, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet and len(ENDS.findall(self.terminal())) == count - 1:
                return count  # every build after the first ended (reloaded, or failed), and none started since
        raise AssertionError(f"the builds did not settle within {timeout} s (a rebuild loop?):\n{self.terminal()[-3000:]}")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("serve")
    project = copy_project(base / "project", with_site_config=True)
    site_url = site_config(project.path("mkdocs.yml"))["site_url"]
    port = free_port()
    log = base / "terminal.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    with log.open("w", encoding="utf-8") as terminal:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}", "-f", str(project.path("mkdocs.yml"))],
            cwd=project.root, env=env, stdout=subprocess.DEVNULL, stderr=terminal,
        )
    served = Server(project, process, f"http://127.0.0.1:{port}{urlsplit(site_url).path}", log)
    try:
        wait_for(lambda: "Serving on" in served.terminal() or process.poll() is not None, 60, "mkdocs serve to start")
        assert process.poll() is None, served.terminal()
        wait_for(lambda: served.shows(f"articles/{SLUG}/", TITLE), 30, "the first page")
        served.settle()
        yield served
    finally:
        stop(process)


def test_saving_a_seed_updates_the_served_page_and_the_builds_settle(server: Server):
    project, before = server.project, server.builds()
    project.replace(ARTICLE, TITLE, "Các nhà chức trách Trung Quốc gặp 11 công ty công nghệ")
    latency = wait_for(lambda: server.shows(f"articles/{SLUG}/", "Các nhà chức trách Trung Quốc gặp 11"), 15, "the edited title on the page")
    print(f"\nlive preview: save → updated page in {latency:.1f} s")
    assert latency < 10
    assert server.shows(f"articles/{SLUG}/source/", "Các nhà chức trách Trung Quốc")  # every page of the change
    # the served explainer carries its structured data, of this save (the preview puts it in as it builds)
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', server.get(f"articles/{SLUG}/"), re.S)
    assert script and "Các nhà chức trách Trung Quốc gặp 11" in script.group(1)
    assert "every page is built again" in server.terminal()  # a title is in the navigation of other pages
    after = server.settle()
    # one build for the save: the pages the generator writes into docs/ do not start another
    assert after - before == 1, server.terminal()[-3000:]
    changed = [int(n) for n in re.findall(r"generator: (\d+) written", server.terminal())]
    assert changed and changed[-1] < 30  # only the pages that show the title were rewritten, not all


def test_saving_a_key_point_rebuilds_that_page_only_and_its_navigation_keeps_the_titles(server: Server):
    project = server.project
    served = Path(re.search(r"Building 'vi' documentation to directory: (\S+)", server.terminal()).group(1))
    glossary = served / "glossary" / "index.html"
    glossary_before, rebuilt_all = glossary.stat().st_mtime_ns, server.terminal().count("every page is built again")
    english = served / "en" / "articles" / SLUG / "index.html"
    english_before, pages_only = english.stat().st_mtime_ns, len(PAGES_ONLY.findall(server.terminal()))
    # the first key point (the page shows the key points in place of the lead)
    project.replace(FACTS, 'vi: "Các cơ quan quản lý Trung Quốc đã gặp 11', 'vi: "Tóm lại: Các cơ quan quản lý Trung Quốc đã gặp 11')
    latency = wait_for(lambda: server.shows(f"articles/{SLUG}/", "Tóm lại: "), 15, "the edited key point on the page")
    print(f"\nlive preview, one page: save → updated page in {latency:.1f} s")
    server.settle()
    assert server.terminal().count("every page is built again") == rebuilt_all
    page = server.get(f"articles/{SLUG}/")
    # the navigation of the rebuilt page names the article's other pages by their titles
    source = project.read(f"docs/vi/articles/{SLUG}/source.md")
    source_title = yaml.safe_load(source.split("---\n", 2)[1])["title"]
    assert source_title in page
    assert glossary.stat().st_mtime_ns == glossary_before  # a page the save does not change is not rebuilt
    assert english.stat().st_mtime_ns == english_before  # the save changed Vietnamese pages only
    # the structure is unchanged: the changed pages only were built, with the last build's navigation
    assert PAGES_ONLY.findall(server.terminal())[pages_only:] == ["1"], server.terminal()[-3000:]


def test_a_save_of_english_text_after_one_of_vietnamese_rebuilds_the_english_page(server: Server):
    project = server.project
    skipped = server.terminal().count("only 'vi' is built again")
    project.replace(FACTS, 'en: "Chinese regulators met 11', 'en: "In short: Chinese regulators met 11')
    wait_for(lambda: server.shows(f"en/articles/{SLUG}/", "In short: "), 15, "the edited English key point on the English page")
    server.settle()
    assert server.terminal().count("only 'vi' is built again") == skipped


def test_an_invalid_save_shows_the_problem_keeps_serving_and_the_next_good_save_recovers(server: Server):
    project = server.project
    good = project.read(FACTS)
    project.replace(FACTS, "cite: [p2s2]", "cite: [p2s9]")
    line = project.line_of(FACTS, "cite: [p2s9]")
    wait_for(lambda: f"{FACTS}:{line}:" in server.terminal(), 15, "the problem in the terminal")
    assert re.search(rf"{re.escape(FACTS)}:{line}:\d+: .*no sentence 'p2s9'.*\n\s+fix: did you mean 'p2s2'", server.terminal())
    server.settle()
    # the last good site is still served, at once
    started = time.monotonic()
    assert "Kuaishou Technology và Xiaomi Corp cũng dự cuộc gặp." in server.get(f"articles/{SLUG}/", timeout=3)
    assert time.monotonic() - started < 2
    project.write(FACTS, good.replace("Kuaishou Technology và Xiaomi Corp cũng dự cuộc gặp.", "Kuaishou Technology và Xiaomi Corp cũng có mặt."))
    wait_for(lambda: server.shows(f"articles/{SLUG}/", "Xiaomi Corp cũng có mặt."), 15, "the page after the next good save")


def test_editing_a_hand_written_page_still_rebuilds(server: Server):
    project, before = server.project, server.builds()
    about = project.read("docs/en/about.md")
    heading = about.splitlines()[0]
    project.write("docs/en/about.md", about.replace(heading, heading + " (edited)", 1))
    wait_for(lambda: server.shows("en/about/", "(edited)"), 15, "the edited hand-written page")
    assert server.settle() - before == 1


def test_a_save_of_pages_only_is_built_as_a_whole_build_builds_it(server: Server):
    """A save that changes the text of pages only is built with what the last build made
    (``generator.engines.refresh``): its pages in both languages, and the home pages, which
    include the list of the latest articles, come out as a whole build makes them."""
    project = server.project
    served = Path(re.search(r"Building 'vi' documentation to directory: (\S+)", server.terminal()).group(1))
    pages_only, rebuilt_all = len(PAGES_ONLY.findall(server.terminal())), server.terminal().count("every page is built again")
    text = project.read(ARTICLE)
    edited = re.sub(r'(\nsummary:\s*\n\s*vi: ")', r"\1Tóm tắt mới: ", text, count=1)
    edited = re.sub(r'(\nsummary:\s*\n\s*vi: ".*"\s*\n\s*en: ")', r"\1New summary: ", edited, count=1)
    assert edited.count("Tóm tắt mới: ") == 1 and edited.count("New summary: ") == 1
    project.write(ARTICLE, edited)
    wait_for(lambda: server.shows("", "Tóm tắt mới: ") and server.shows("en/", "New summary: "), 15, "the new summary on both home pages")
    server.settle()
    built = [int(n) for n in PAGES_ONLY.findall(server.terminal())[pages_only:]]
    assert len(built) == 1 and built[0] >= 4, server.terminal()[-3000:]  # both home pages and explainers at least
    assert server.terminal().count("every page is built again") == rebuilt_all
    after_save = {path.relative_to(served): path.read_bytes() for path in served.rglob("*.html")}
    # a whole build of the same seeds: a title changed (the navigation shows it), then as it was
    saved = project.read(ARTICLE)
    title = re.search(r'\ntitle:\s*\n\s*vi: "([^"]+)"', saved).group(1)
    for new_title, builds in ((title + " (tạm)", 1), (title, 2)):
        project.write(ARTICLE, saved.replace(f'vi: "{title}"', f'vi: "{new_title}"', 1))
        wait_for(lambda: server.terminal().count("every page is built again") == rebuilt_all + builds, 15, "a whole build")  # noqa: B023
        server.settle()
    assert project.read(ARTICLE) == saved
    whole = {path.relative_to(served): path.read_bytes() for path in served.rglob("*.html")}
    assert whole.keys() == after_save.keys()
    assert [str(path) for path in whole if whole[path] != after_save[path]] == []
