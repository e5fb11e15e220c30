"""Benchmark of the generator and the site (``make bench``; ``make bench SIZES="10 100"`` for less).

Not a test: it measures and prints, for the seed site and for synthetic corpora of N articles
(``corpus.py``), the time of each stage, the files written, the peak memory and a no-op
regeneration; then, on the built seed site in headless Chromium, the bytes and requests of the
first view of each page type and of the first search; then the preview latency of ``mkdocs serve``
and Lighthouse when it is installed. Each target is printed MET or NOT MET with its figure.

Every build runs in a temporary copy of the project (never in the project itself), in a child
process whose peak resident memory is read with ``wait4``.

    python tests/bench/bench.py [--sizes "10 100 1000"] [--json results.json] [--skip-browser]
                                [--skip-serve] [--profile] [--keep]

``--profile`` prints a pyinstrument profile of the generator in each build.
The machine matters: timings on a loaded machine are longer, so the CPU share is printed too.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for folder in (HERE, ROOT):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

SLUG = "deepfake-clubhouse-2021"
SOURCE_DATE_EPOCH = "1616112000"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Targets (issue: performance).
GENERATOR_SHARE = 0.05  # of the whole build, at every size
MS_PER_PAGE = 15.0  # whole build, at 100 and 1000 articles
SERVE_TARGETS = {1: 1.5, 100: 1.5, 1000: 3.0}  # seconds from a seed save to the served page, by articles
NOOP_SECONDS = 0.3  # no-op regeneration at 1000 articles
LINEAR_RATIO = 1.10  # seconds per article at 1000 / at 100 (noise allowance above 1.0)
SERVE_SECONDS = 3.0
SEARCH_BYTES = 150 * 1024
LIGHTHOUSE_DESKTOP, LIGHTHOUSE_MOBILE = 100, 95
LIGHTHOUSE_METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS", "speed-index": "SI"}

#: Page types of the reader and their paths on the seed site.
PAGE_TYPES = {
    "home": "",
    "explainer": f"articles/{SLUG}/",
    "theme": f"articles/{SLUG}/deepfakes/",
    "source": f"articles/{SLUG}/source/",
    "glossary": "glossary/",
    "timeline": "timeline/",
    "who": "who/",
    "sources": "sources/",
    "about": "about/",
    "explainer (en)": f"en/articles/{SLUG}/",
}
SEARCH_QUERY = "deepfake"

#: The Markdown extensions of the project, for the stock Material site with the same text.
STOCK_EXTENSIONS = """\
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.escapeall
  - pymdownx.superfences
"""


# -- child processes: one build or one no-op regeneration, measured from inside -----------------------


def _timed(module, name: str, key: str, times: dict[str, float], calls: dict[str, list] | None = None) -> None:
    """Replace ``module.name`` by a wrapper that adds its duration to ``times[key]`` and, with
    ``calls``, records each call as (start, end, return value)."""
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        started, cpu = time.perf_counter(), time.process_time()
        value = None
        try:
            value = original(*args, **kwargs)
            return value
        finally:
            ended = time.perf_counter()
            times[key] = times.get(key, 0.0) + ended - started
            times[f"{key} cpu"] = times.get(f"{key} cpu", 0.0) + time.process_time() - cpu
            if calls is not None:
                calls.setdefault(key, []).append((started, ended, value))

    setattr(module, name, wrapper)


def _generator_timers(times: dict[str, float], calls: dict[str, list], profile: Path | None = None) -> None:
    from generator import pipeline

    for name, key in (("load_site", "load"), ("validate", "validate"), ("render", "render"), ("write", "write")):
        if hasattr(pipeline, name):
            _timed(pipeline, name, key, times)
    if profile is not None:  # the first generation, profiled with pyinstrument
        from pyinstrument import Profiler

        original = pipeline.build

        def profiled(root):
            pipeline.build = original
            profiler = Profiler(interval=0.001)
            profiler.start()
            try:
                return original(root)
            finally:
                profiler.stop()
                profile.write_text(profiler.output_text(unicode=True, color=False), encoding="utf-8")

        pipeline.build = profiled
    _timed(pipeline, "build", "generator", times, calls)


def child_build(root: Path, profile: Path | None = None) -> dict:
    """``mkdocs build --strict`` in this process, with the stages timed."""
    import logging

    from mkdocs.__main__ import cli

    times: dict[str, float] = {}
    calls: dict[str, list] = {}
    _generator_timers(times, calls, profile)
    search_present = False
    with contextlib.suppress(ImportError):
        from generator.publish import search

        if hasattr(search, "index_site"):
            _timed(search, "index_site", "search_index", times, calls)
            search_present = True
    marks: list[tuple[str, float]] = []

    class Marks(logging.Handler):
        def emit(self, record):
            match = re.search(r"Building '(\w+)' documentation", record.getMessage())
            if match:
                marks.append((match.group(1), time.perf_counter()))

    logging.getLogger("mkdocs").addHandler(Marks(logging.INFO))
    import resource

    os.chdir(root)
    started, cpu = time.perf_counter(), time.process_time()
    cli.main(["build", "--strict", "-f", str(root / "mkdocs.yml")], standalone_mode=False)
    total = time.perf_counter() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    total_cpu = time.process_time() - cpu + children.ru_utime + children.ru_stime
    ended = started + total
    site = root / "site"
    generated = calls.get("generator", [])
    report = generated[0][2][1] if generated else None

    def inside(a: float, b: float) -> float:
        """Time spent in the generator and the search index between a and b."""
        return sum(max(0.0, min(b, e) - max(a, s)) for key in ("generator", "search_index") for s, e, _ in calls.get(key, []))

    # MkDocs alone, per language: from the i18n plugin's "Building 'xx'" to the next, or the end
    languages = {}
    bounds = [started] + [t for _, t in marks[1:]] + [ended]
    names = [lang for lang, _ in marks] or ["all"]
    for lang, a, b in zip(names, bounds, bounds[1:], strict=False):
        languages[lang] = b - a - inside(a, b)
    return {
        "generator_calls": [{"seconds": e - s, "written": len(v[1].written) + len(v[1].deleted) if v else None} for s, e, v in generated],
        "total": total,
        "total_cpu": total_cpu,
        "stages": {k: times.get(k) for k in ("load", "validate", "render", "write", "generator", "search_index", "generator cpu")},
        "search_present": search_present,
        "languages": languages,
        "written": len(report.written) + len(report.deleted) if report else None,
        "site_files": sum(1 for p in site.rglob("*") if p.is_file()),
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "docs_pages": sum(1 for p in (root / "docs").rglob("*.md")),
        "html_pages": sum(1 for p in (root / "docs").rglob("*.md") if "_generated" not in p.parts),
    }


#: The hook of "MkDocs alone": the navigation each page shows, nothing else (without it every
#: page lists every article, and MkDocs' time grows with the square of the articles).
ALONE_HOOK = """\
from generator.engines import navigation


def on_page_context(context, page, config, nav):
    context["nav"] = navigation.for_page(nav)
    return context
"""


def alone_project(root: Path) -> Path:
    """A copy of a built project for MkDocs alone: the same pages under docs/ (the generator's
    output), the same theme, plugins and Markdown extensions, without the project's plugin."""
    alone = root.parent / "alone"
    shutil.rmtree(alone, ignore_errors=True)
    shutil.copytree(root / "docs", alone / "docs", ignore=shutil.ignore_patterns(".generated*"))
    shutil.copytree(root / "overrides", alone / "overrides")
    (alone / "hook.py").write_text(ALONE_HOOK, encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^  # generator/engines/mkdocs_plugin.py.*\n  - news-explained\n", "", config, flags=re.MULTILINE)
    config += "\nhooks:\n  - hook.py\n"
    (alone / "mkdocs.yml").write_text(config, encoding="utf-8")
    return alone


def child_alone(root: Path) -> dict:
    """``mkdocs build`` of the same pages without the project's plugin (not strict: the home page's
    fragment and the 404 pages of the languages are the plugin's work)."""
    import resource

    from mkdocs.__main__ import cli

    os.chdir(root)
    started, cpu = time.perf_counter(), time.process_time()
    cli.main(["build", "-q", "-f", str(root / "mkdocs.yml")], standalone_mode=False)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"total": time.perf_counter() - started, "total_cpu": time.process_time() - cpu + children.ru_utime + children.ru_stime}


def child_noop(root: Path) -> dict:
    """Two regenerations with nothing changed: the first in a fresh process, then a warm one."""
    started = time.perf_counter()
    from generator import pipeline

    imported = time.perf_counter() - started
    times: dict[str, float] = {}
    _generator_timers(times, {})
    out = {"import": imported}
    for run in ("cold", "warm"):
        times.clear()
        started = time.perf_counter()
        site, report = pipeline.build(root)
        out[run] = {
            "seconds": time.perf_counter() - started,
            "written": len(report.written) + len(report.deleted),
            "stages": dict(times),
        }
        if run == "cold":  # a model loaded lazily costs its loading when first used (the engine plugin uses it)
            started = time.perf_counter()
            len(site.articles)
            out["model_on_use"] = time.perf_counter() - started
    return out


def run_child(kind: str, root: Path, log: Path) -> dict:
    """Run a child measurement; return its result with its peak resident memory (MiB)."""
    out = log.with_suffix(".json")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONDONTWRITEBYTECODE": "1"}
    with open(log, "w") as handle:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, __file__, "--child", kind, str(root), str(out)], stdout=handle, stderr=subprocess.STDOUT, env=env, cwd=root)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{kind} failed in {root} (exit {process.returncode}); log: {log}\n{log.read_text()[-3000:]}")
    result = json.loads(out.read_text())
    result["maxrss_mib"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    result["wall"] = wall
    return result


# -- corpora ------------------------------------------------------------------------------------------


@functools.cache
def _conftest():
    """tests/conftest.py, whose helpers the benchmark shares with the tests."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("project_conftest", ROOT / "tests" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def copy_project(target: Path, with_site_config: bool = False):
    """``copy_project`` of the tests: seeds, hand-written pages, site config."""
    return _conftest().copy_project(target, with_site_config=with_site_config)


def prepare(workdir: Path, size: int | None) -> Path:
    """A copy of the project with the seed site (size None) or a synthetic corpus of ``size`` articles."""
    root = workdir / ("seed" if size is None else f"corpus-{size}") / "project"
    project = copy_project(root, with_site_config=True)
    if size is not None:
        from corpus import write_corpus

        shutil.rmtree(project.path("seeds"))
        write_corpus(project.path("seeds"), size)
    return root


def measure_size(workdir: Path, size: int | None, echo, profile: bool = False) -> dict:
    label = "seed" if size is None else f"{size} articles"
    started = time.perf_counter()
    root = prepare(workdir, size)
    prepared = time.perf_counter() - started
    echo(f"[{label}] project prepared in {prepared:.1f} s; building…")
    logs = root.parent
    build = run_child("build-profiled" if profile else "build", root, logs / "build.log")
    if profile:
        echo(f"[{label}] profile of the generator (first call in the build):\n" + (logs / "build.profile.txt").read_text(encoding="utf-8"))
    echo(f"[{label}] built in {build['total']:.1f} s; MkDocs alone on the same pages…")
    alone = run_child("alone", alone_project(root), logs / "alone.log")
    echo(f"[{label}] MkDocs alone: {alone['total']:.1f} s; no-op regeneration…")
    noop = run_child("noop", root, logs / "noop.log")
    noop["again"] = run_child("noop", root, logs / "noop-again.log")
    started = time.perf_counter()
    cli = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build"], capture_output=True, text=True, cwd=root)
    cli_wall = time.perf_counter() - started
    if cli.returncode != 0:
        raise RuntimeError(cli.stderr)
    articles = size if size is not None else sum(1 for p in (root / "seeds").iterdir() if p.is_dir())
    return {"label": label, "articles": articles, "root": str(root), "prepare": prepared, "build": build, "alone": alone, "noop": noop, "cli_noop_wall": cli_wall, "cli_noop_output": cli.stdout.strip()}


# -- the reader's pages -------------------------------------------------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A static host that compresses text as GitHub Pages does (gzip when the browser accepts it)."""

    COMPRESS = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".mjs")

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = os.path.join(path, "index.html")
        if not path.endswith(self.COMPRESS) or "gzip" not in self.headers.get("Accept-Encoding", "") or not os.path.isfile(path):
            return super().send_head()
        with open(path, "rb") as handle:
            body = gzip.compress(handle.read(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


@contextlib.contextmanager
def static_server(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class Traffic:
    """Responses and transferred bytes (headers + encoded body) of a page since ``mark``."""

    def __init__(self, page):
        self.items: list[tuple[str, int]] = []
        page.on("requestfinished", self._finished)

    def _finished(self, request):
        try:
            sizes = request.sizes()
            size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        except Exception:  # a request without a response (aborted)
            return
        self.items.append((request.url, max(size, 0)))

    def since(self, mark: int) -> tuple[int, int]:
        items = self.items[mark:]
        return len(items), sum(size for _, size in items)


def _first_view(browser, url: str, details: dict | None = None) -> tuple[int, int]:
    context = browser.new_context()
    page = context.new_page()
    traffic = Traffic(page)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    requests, size = traffic.since(0)
    if details is not None:
        details[url] = [(u.removeprefix(url.split("/", 3)[0] + "//" + url.split("/", 3)[2]), n) for u, n in traffic.items]
    context.close()
    return requests, size


def _first_search(browser, url: str, query: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    traffic = Traffic(page)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    mark = len(traffic.items)
    box = page.locator("input[name=query]").first
    if box.count() == 0:
        context.close()
        return {"present": False}
    with contextlib.suppress(Exception):
        page.locator("label[for=__search]").first.click(timeout=2000)
    box.fill(query)
    found = True
    try:
        page.wait_for_selector(".md-search-result__item", timeout=15000)
    except Exception:
        found = False
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)
    requests, size = traffic.since(mark)
    results = page.locator(".md-search-result__item").count()
    context.close()
    return {"present": True, "found": found, "results": results, "requests": requests, "bytes": size}


def _stock_site(workdir: Path, markdown: str, lang: str) -> Path:
    """A stock Material site (default features) whose only page has the given Markdown."""
    root = workdir / f"stock-{lang}"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(markdown, encoding="utf-8")
    (root / "mkdocs.yml").write_text(f"site_name: Stock\ntheme:\n  name: material\n  language: {lang}\n" + STOCK_EXTENSIONS, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")], check=True, env=env, cwd=root)
    return root / "site"


def measure_pages(workdir: Path, seed_root: Path, echo) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict = {"pages": {}, "details": {}}
    site = seed_root / "site"
    stock = {lang: _stock_site(workdir, (seed_root / "docs" / lang / "articles" / SLUG / "index.md").read_text(encoding="utf-8"), lang) for lang in ("vi", "en")}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        with static_server(site) as base:
            for kind, path in PAGE_TYPES.items():
                if (site / path / "index.html").is_file():
                    out["pages"][kind] = _first_view(browser, base + path, out["details"] if kind == "explainer" else None)
            out["search"] = _first_search(browser, base + PAGE_TYPES["explainer"], SEARCH_QUERY)
        for lang, key in (("vi", "stock_explainer"), ("en", "stock_explainer_en")):
            with static_server(stock[lang]) as base:
                out[key] = _first_view(browser, base, out["details"] if lang == "vi" else None)
        browser.close()
    out["stock_site"] = str(stock["vi"])
    echo("[pages] measured in headless Chromium")
    return out


def measure_lighthouse(seed_root: Path, stock_site: Path | None) -> dict | None:
    """Lighthouse performance of the explainer page (and of the stock Material page), desktop and mobile."""
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    chrome = shutil.which("chromium")
    if not binary.exists() or not chrome:
        return None
    flags = "--headless=new " + " ".join(CHROMIUM_ARGS)
    out: dict = {}
    sites = [("", seed_root / "site", PAGE_TYPES["explainer"])] + ([("stock ", stock_site, "")] if stock_site else [])
    for prefix, site, path in sites:
        with static_server(site) as base:
            for form, extra in (("desktop", ["--preset=desktop"]), ("mobile", [])):
                result = subprocess.run(
                    [str(binary), base + path, "--only-categories=performance", "--output=json", "--output-path=stdout", "--quiet", f"--chrome-flags={flags}", *extra],
                    capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chrome}, timeout=300,
                )
                try:
                    report = json.loads(result.stdout)
                    out[prefix + form] = round(report["categories"]["performance"]["score"] * 100)
                    out[prefix + form + " metrics"] = {k: report["audits"][k]["displayValue"] for k in LIGHTHOUSE_METRICS}
                except (ValueError, KeyError, TypeError):
                    out[prefix + form] = None
    return out


# -- mkdocs serve --------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


#: What the saves of ``measure_serve`` change, alternately.
SAVE_KINDS = ("Vietnamese text", "both languages")


def _edit_lead(facts: Path, marker: str, both_languages: bool = False) -> None:
    """Put ``marker`` at the start of the Vietnamese text an explainer page shows first: its first
    key point (an explainer with key points shows them in place of its lead), else its lead
    (block or flow style); ``both_languages``: in its English text too (the save then changes
    pages of both languages)."""
    text = facts.read_text(encoding="utf-8")
    patterns = [r'(key_points:\s*\n\s*- text:\s*\n\s*vi: ")', r'(key_points:\s*\n\s*- text: \{vi: ")'] if "key_points:" in text else []
    for pattern in [*patterns, r'(lead:\s*\n\s*vi: ")', r'(lead: \{vi: ")']:
        found = re.search(pattern, text)
        if found is None:
            continue
        at = found.end()
        edited = text[:at] + f"{marker} " + text[at:]
        if both_languages:
            english = re.compile(r'\ben: "').search(edited, at)
            if english is None:
                raise RuntimeError(f"no English text after the edited Vietnamese one in {facts}")
            edited = edited[: english.end()] + f"{marker} " + edited[english.end() :]
        facts.write_text(edited, encoding="utf-8")
        return
    raise RuntimeError(f"could not find the explainer's first key point or lead to edit in {facts}")


def measure_serve(workdir: Path, echo, one_language: bool = False, size: int | None = None, edits: int = 2) -> dict:
    """Start ``mkdocs serve --dirty`` (as ``make serve``) on a copy with the seed site (``size``
    None) or a synthetic corpus, edit an article's seed, and time until its page shows the edit;
    ``edits`` saves one after the other, the latency of each: the first changes Vietnamese text
    only, the second the same text in both languages (a save that changes one language's pages
    rebuilds that language only), and so on alternately."""
    name = ("serve-vi" if one_language else "serve") + ("" if size is None else f"-{size}")
    root = prepare(workdir / name, size)
    project = _conftest().Project(root)
    slug = SLUG if size is None else sorted(p.name for p in (root / "seeds").iterdir() if p.is_dir())[0]
    config = project.path("mkdocs.yml")
    mount = re.search(r"^site_url:\s*\S+?//[^/]+(/\S*)?$", config.read_text(encoding="utf-8"), re.MULTILINE)
    mount_path = (mount.group(1) if mount and mount.group(1) else "/").rstrip("/") + "/"
    port = _free_port()
    url = f"http://127.0.0.1:{port}{mount_path}articles/{slug}/"
    env = {key: value for key, value in os.environ.items() if key != "PREVIEW_LANGUAGE"}
    env |= {"NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    if one_language:  # make serve PREVIEW_LANGUAGE=vi
        env["PREVIEW_LANGUAGE"] = "vi"
    log = open(workdir / name / "serve.log", "w")  # noqa: SIM115 (closed below)
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    latencies: list[float | None] = []
    try:
        started = time.perf_counter()
        while _get(url) is None:
            if process.poll() is not None or time.perf_counter() - started > 1800:
                raise RuntimeError(f"mkdocs serve did not start; see {log.name}")
            time.sleep(0.2)
        first = time.perf_counter() - started
        for edit in range(edits):
            time.sleep(3)  # let the watcher and the background search index settle
            marker = f"Zbench{int(time.time())}x{edit}"
            edit_time = time.perf_counter()
            _edit_lead(project.path(f"seeds/{slug}/facts.yml"), marker, both_languages=edit % 2 == 1)
            seen = None
            while time.perf_counter() - edit_time < 300:
                body = _get(url)
                if body and marker in body:
                    seen = time.perf_counter() - edit_time
                    break
                time.sleep(0.05)
            latencies.append(seen)
    finally:
        _conftest().stop(process, timeout=20)
        log.close()
    shown = ", ".join(("never" if s is None else f"{s:.2f} s") + f" ({SAVE_KINDS[i % 2]})" for i, s in enumerate(latencies))
    echo(f"[{name}] first page after {first:.1f} s; edits visible after {shown}")
    valid = [s for s in latencies if s is not None]
    return {"startup": first, "edit_visible": max(valid) if len(valid) == len(latencies) else None, "edits": latencies, "size": size}


# -- report ------------------------------------------------------------------------------------------


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} CPUs ({cpu}), {mem / 1024 / 1024:.1f} GiB RAM, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def _s(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f} s" if value < 1 else f"{value:.2f} s"


def _kb(value: int) -> str:
    return f"{value / 1024:.1f} KB"


def _pages(r: dict) -> int:
    """The pages of the built site (both languages), the generator's fragments left out."""
    return r["build"].get("html_pages") or r["build"]["docs_pages"]


def _ms(r: dict) -> float:
    return 1000 * r["build"]["total"] / _pages(r)


def _ms_cpu(r: dict, key: str = "build") -> float | None:
    """CPU milliseconds per page (the build's processes, children included): on a shared machine
    the steadier figure, as the wall time grows with the other work."""
    cpu = (r.get(key) or {}).get("total_cpu")
    return None if cpu is None else 1000 * cpu / _pages(r)


def _f(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else "MET" if ok else "NOT MET"


def report(results: dict) -> list[str]:
    lines = [f"Machine: {results['machine']}"]
    load = results.get("load") or []
    if len(load) == 2:
        shared = " (above the CPU count: other work shared the machine, wall times are upper bounds, CPU times steadier)" if max(load) > (os.cpu_count() or 1) else ""
        lines.append(f"Load average (1 min) at the start and the end: {load[0]:.1f}, {load[1]:.1f}{shared}")
    lines.append("")
    head = f"{'':<16}" + "".join(f"{r['label']:>16}" for r in results["sizes"])
    lines.append("Build (cold, in a fresh copy; MkDocs build includes the generator and the search index)")
    lines.append(head)

    def row(name, values):
        lines.append(f"{name:<16}" + "".join(f"{v:>16}" for v in values))

    sizes = results["sizes"]
    row("articles", [str(r["articles"]) for r in sizes])
    row("pages (md)", [str(r["build"]["docs_pages"]) for r in sizes])
    for stage in ("load", "validate", "render", "write", "generator"):
        row(stage, [_s(r["build"]["stages"].get(stage)) for r in sizes])
    row("search index", [_s(r["build"]["stages"].get("search_index")) if r["build"]["search_present"] else "n/a" for r in sizes])
    row("whole build", [_s(r["build"]["total"]) for r in sizes])
    row("pages (html)", [str(_pages(r)) for r in sizes])
    row("ms per page", [f"{_ms(r):.1f}" for r in sizes])
    row("  in CPU time", [_f(_ms_cpu(r)) for r in sizes])
    row("MkDocs alone", [_s(r["alone"]["total"]) if r.get("alone") else "n/a" for r in sizes])
    row("  ms per page", [f"{1000 * r['alone']['total'] / _pages(r):.1f}" if r.get("alone") else "n/a" for r in sizes])
    row("  in CPU time", [_f(_ms_cpu(r, "alone")) for r in sizes])
    row("  build/alone", [f"{r['build']['total'] / r['alone']['total']:.2f}" if r.get("alone") else "n/a" for r in sizes])
    row("s per article", [f"{r['build']['total'] / r['articles']:.3f}" for r in sizes])
    row("gen. calls", [" + ".join(f"{c['seconds']:.2f}" for c in r["build"]["generator_calls"]) for r in sizes])
    row("gen. share", [f"{100 * r['build']['stages']['generator'] / r['build']['total']:.1f} %" for r in sizes])
    row("  in CPU time", [f"{100 * r['build']['stages']['generator cpu'] / r['build']['total_cpu']:.1f} %" if r["build"].get("total_cpu") else "n/a" for r in sizes])
    row("files written", [str(r["build"]["written"]) + " (1st call)" for r in sizes])
    row("site files", [str(r["build"]["site_files"]) for r in sizes])
    row("site size", [f"{r['build']['site_bytes'] / 2**20:.1f} MB" for r in sizes])
    row("peak memory", [f"{r['build']['maxrss_mib']:.0f} MiB" for r in sizes])
    lines.append("")
    lines.append("No-op regeneration (nothing changed; the first after a build compares the pages it wrote by content)")
    lines.append(head)
    row("1st (new proc.)", [_s(r["noop"]["cold"]["seconds"]) for r in sizes])
    row("next (new proc.)", [_s(r["noop"]["again"]["cold"]["seconds"]) if "again" in r["noop"] else "n/a" for r in sizes])
    row("warm (same proc.)", [_s(r["noop"]["warm"]["seconds"]) for r in sizes])
    row("files written", [f"{r['noop']['cold']['written']}/{r['noop']['warm']['written']}" for r in sizes])
    row("model on use", [_s(r["noop"].get("model_on_use")) for r in sizes])
    row("imports", [_s(r["noop"]["import"]) for r in sizes])
    row("CLI (wall)", [_s(r["cli_noop_wall"]) for r in sizes])
    row("peak memory", [f"{r['noop']['maxrss_mib']:.0f} MiB" for r in sizes])
    lines.append("")

    pages = results.get("pages")
    if pages:
        lines.append("Reader's first view (cold cache, gzip as on GitHub Pages): requests, transferred")
        for kind, (requests, size) in pages["pages"].items():
            lines.append(f"  {kind:<16}{requests:>4} requests {_kb(size):>10}")
        for key, label in (("stock_explainer", "stock Material"), ("stock_explainer_en", "stock (en)")):
            if key in pages:
                requests, size = pages[key]
                lines.append(f"  {label:<16}{requests:>4} requests {_kb(size):>10}  (the same explainer Markdown, Material's defaults)")
        for url, items in pages.get("details", {}).items():
            lines.append(f"    {url.split('/', 3)[-1] or '(stock) index'}: " + ", ".join(f"{u.rsplit('/', 1)[-1] or '/'} {_kb(n)}" for u, n in items))
        search = pages["search"]
        if search.get("present"):
            lines.append(f"  {'first search':<16}{search['requests']:>4} requests {_kb(search['bytes']):>10}  ({search['results']} results for {SEARCH_QUERY!r})")
        lines.append("")

    lines.append("Targets")
    for r in sizes:
        if r["articles"] in (100, 1000):
            alone = f"; MkDocs alone on the same pages {1000 * r['alone']['total'] / _pages(r):.1f} ms ({_f(_ms_cpu(r, 'alone'))} ms CPU)" if r.get("alone") else ""
            lines.append(f"  {verdict(_ms(r) <= MS_PER_PAGE):<8} whole build ≤ {MS_PER_PAGE:.0f} ms per page ({r['label']}): {_ms(r):.1f} ms ({_f(_ms_cpu(r))} ms CPU){alone}")
    for r in sizes:
        share = r["build"]["stages"]["generator"] / r["build"]["total"]
        lines.append(f"  {verdict(share <= GENERATOR_SHARE):<8} generator ≤ 5 % of the whole build ({r['label']}): {100 * share:.1f} %")
    big = next((r for r in sizes if r["articles"] == 1000), None)
    if big:
        first, warm = big["noop"]["cold"], big["noop"]["warm"]
        again = big["noop"].get("again", big["noop"])["cold"]
        ok = first["written"] == again["written"] == warm["written"] == 0 and again["seconds"] < NOOP_SECONDS and warm["seconds"] < NOOP_SECONDS
        lines.append(f"  {verdict(ok):<8} no-op regeneration at 1000 articles writes 0 files in < {NOOP_SECONDS} s: {again['written']} files, {again['seconds']:.3f} s in a new process, {warm['seconds']:.3f} s in the same (mkdocs serve); the first after a build {first['seconds']:.3f} s")
    else:
        lines.append(f"  {'n/a':<8} no-op regeneration at 1000 articles (not measured: add 1000 to SIZES)")
    by_n = {r["articles"]: r for r in sizes if r["label"] != "seed"}
    if 100 in by_n and 1000 in by_n:
        a, b = (by_n[n]["build"]["total"] / n for n in (100, 1000))
        lines.append(f"  {verdict(b / a <= LINEAR_RATIO):<8} whole build linear: {a:.3f} s/article at 100, {b:.3f} s/article at 1000, ratio {b / a:.2f} (≤ {LINEAR_RATIO})")
    else:
        lines.append(f"  {'n/a':<8} whole build linear (needs sizes 100 and 1000)")
    serves = results.get("serves") or []
    for serve in serves:
        seen, size = serve["edit_visible"], serve["size"]
        target = SERVE_TARGETS.get(size, SERVE_SECONDS)
        edits = ", ".join(("never" if e is None else f"{e:.2f} s") + f" ({SAVE_KINDS[i % 2]})" for i, e in enumerate(serve.get("edits", [])))
        label = "the seed site" if size is None else f"{size} article" + ("s" if size != 1 else "")
        lines.append(f"  {verdict(seen is not None and seen <= target):<8} make serve shows a seed edit within {target} s ({label}): {_s(seen)} (each save: {edits}; first page after {serve['startup']:.1f} s)")
    one = results.get("serve_one_language")
    if one:
        lines.append(f"  {'(info)':<8} same, previewing one language (make serve PREVIEW_LANGUAGE=vi, seed site): {_s(one['edit_visible'])}")
    if not serves:
        lines.append(f"  {'n/a':<8} mkdocs serve latency (skipped)")
    if pages:
        search = pages["search"]
        if search.get("present"):
            lines.append(f"  {verdict(search['found'] and search['bytes'] < SEARCH_BYTES):<8} first search downloads < 150 KB: {_kb(search['bytes'])} in {search['requests']} requests")
        else:
            lines.append(f"  {'n/a':<8} first search (no search box)")
        for kind, key in (("explainer", "stock_explainer"), ("explainer (en)", "stock_explainer_en")):
            if key in pages and kind in pages["pages"]:
                ours, stock = pages["pages"][kind][1], pages[key][1]
                lines.append(f"  {verdict(ours <= stock):<8} {kind} first view ≤ stock Material with the same text: {_kb(ours)} vs {_kb(stock)}")
    else:
        lines.append(f"  {'n/a':<8} page weights (skipped)")
    lighthouse = results.get("lighthouse")
    if lighthouse:
        d, m = lighthouse.get("desktop"), lighthouse.get("mobile")
        for form, score, target in (("desktop", d, LIGHTHOUSE_DESKTOP), ("mobile", m, LIGHTHOUSE_MOBILE)):
            metrics = ", ".join(f"{LIGHTHOUSE_METRICS[k]} {v}" for k, v in lighthouse.get(f"{form} metrics", {}).items())
            stock = lighthouse.get("stock " + form)
            lines.append(f"  {verdict(None if score is None else score >= target):<8} Lighthouse performance {form} ≥ {target}: {score} ({metrics}; the stock Material page: {stock})")
    else:
        lines.append(f"  {'n/a':<8} Lighthouse: " + ("n/a (lighthouse not installed)" if "lighthouse" in results else "skipped"))
    lines.append("")
    lines.append(f"Bench runtime: {results['runtime']:.0f} s")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10 100 1000", help='synthetic corpus sizes, e.g. "10 100"')
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--serve-sizes", default="1 100 1000", help='corpus sizes of the make serve latency, e.g. "1 100"')
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile of the generator in each build")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "ROOT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, root, out = args.child
        if kind == "noop":
            result = child_noop(Path(root))
        elif kind == "alone":
            result = child_alone(Path(root))
        else:
            result = child_build(Path(root), Path(out).with_name("build.profile.txt") if kind == "build-profiled" else None)
        Path(out).write_text(json.dumps(result))
        return 0

    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="news-explained-bench-"))

    def echo(text: str) -> None:
        print(f"{time.perf_counter() - started:7.1f} s  {text}", flush=True)

    results: dict = {"machine": machine(), "sizes": [], "load": [os.getloadavg()[0]]}
    echo(f"working in {workdir}")
    try:
        sizes = [None] + [int(s) for s in args.sizes.split()]
        for size in sizes:
            results["sizes"].append(measure_size(workdir, size, echo, args.profile))
        seed_root = Path(results["sizes"][0]["root"])
        if not args.skip_browser:
            results["pages"] = measure_pages(workdir, seed_root, echo)
            results["lighthouse"] = measure_lighthouse(seed_root, Path(results["pages"]["stock_site"]))
        if not args.skip_serve:
            results["serves"] = []
            for n in args.serve_sizes.split():
                # one article: the test corpus (a synthetic corpus of one article leaves glossary
                # terms unused, which the strict build refuses)
                size = None if int(n) == 1 else int(n)
                try:
                    serve = measure_serve(workdir, echo, size=size)
                except RuntimeError as error:
                    echo(f"[serve {n}] failed: {error}")
                    serve = {"startup": 0.0, "edit_visible": None, "edits": [], "error": str(error)}
                results["serves"].append({**serve, "size": int(n)})
            with contextlib.suppress(Exception):
                results["serve_one_language"] = measure_serve(workdir, echo, one_language=True)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    results["runtime"] = time.perf_counter() - started
    results["load"].append(os.getloadavg()[0])
    print()
    print("\n".join(report(results)))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
