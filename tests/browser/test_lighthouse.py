"""Lighthouse (npm, 12.x, with Debian's chromium): 100 in accessibility, best practices and SEO
on every kind of page, in both languages. Slow (about 12 s a page), so it runs on request only:
``LIGHTHOUSE=1 .venv/bin/python -m pytest tests/browser/test_lighthouse.py``.

The 404 pages are left out: Lighthouse does not audit a page answered with status 404, and at
their own address (``/404.html``) their ``noindex`` costs SEO points by design.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from .conftest import CHROMIUM_ARGS, ROOT, SLUG

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(os.environ.get("LIGHTHOUSE") != "1", reason="slow: set LIGHTHOUSE=1 to run Lighthouse"),
]

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("accessibility", "best-practices", "seo")
KINDS = {
    "home": "",
    "explainer": f"articles/{SLUG}/",
    "theme": f"articles/{SLUG}/deepfakes/",
    "source": f"articles/{SLUG}/source/",
    "timeline": "timeline/",
    "glossary": "glossary/",
    "who": "who/",
    "sources": "sources/",
    "about": "about/",
}


def lighthouse(url: str, output) -> dict:
    """Lighthouse's report of ``url`` (JSON)."""
    if not LIGHTHOUSE.exists():
        pytest.fail("Lighthouse is missing: run `bash .ci/browser-deps` (npm ci)")
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [str(LIGHTHOUSE), url, f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}",
               "--output=json", f"--output-path={output}", "--quiet"]
    env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or "chromium"}
    subprocess.run(command, check=True, env=env, timeout=180)
    return json.loads(output.read_text(encoding="utf-8"))


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_lighthouse_scores_100(site_url, tmp_path, kind, language):
    url = site_url + ("" if language == "vi" else "en/") + KINDS[kind]
    report = lighthouse(url, tmp_path / "report.json")
    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    failing = [audit_id for category in report["categories"].values() for ref in category["auditRefs"]
               if ref["weight"] and (audit_id := ref["id"]) and report["audits"][audit_id]["score"] not in (None, 1)]
    assert scores == dict.fromkeys(CATEGORIES, 1), f"{url}: {scores}, failing audits: {failing}"
