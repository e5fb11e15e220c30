"""The rewrite of built pages: indentation goes, verbatim text stays."""

from __future__ import annotations

from generator.publish.unindent import drop_indentation


def test_indentation_goes_but_line_breaks_stay():
    assert drop_indentation("<ul>\n  <li>a</li>\n\n    <li>b</li>\n</ul>") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


def test_preformatted_text_and_text_areas_keep_their_spaces():
    page = '<div>\n  <pre class="x"><code>def f():\n    return 1\n</code></pre>\n  <TEXTAREA>\n  two\n</TEXTAREA>\n</div>'
    assert drop_indentation(page) == '<div>\n<pre class="x"><code>def f():\n    return 1\n</code></pre>\n<TEXTAREA>\n  two\n</TEXTAREA>\n</div>'


def test_an_element_whose_name_starts_like_pre_is_not_verbatim():
    assert drop_indentation("<prefix>\n  a</prefix>") == "<prefix>\na</prefix>"


def test_the_built_explainer_keeps_its_text(built_site):
    """Every code block of the site keeps its indentation; no line of any page starts with spaces
    outside them."""
    import re

    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        outside = re.sub(r"<pre[\s>].*?</pre>|<textarea[\s>].*?</textarea>", "", html, flags=re.S | re.I)
        assert not re.search(r"\n[ \t]", outside), page
