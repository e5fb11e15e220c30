"""Small rewrites of the built HTML pages.

Material's templates indent every line of their output: about a tenth of a page's bytes, still
0.7 KB of an explainer page once compressed. ``drop_indentation`` removes the whitespace at the
start of lines, except inside ``<pre>`` and ``<textarea>`` where it is text. Elsewhere a line
break and the spaces after it are one space to the browser, so the page looks the same (a
general HTML minifier does more, and takes ten times longer on each page).

>>> drop_indentation('<div>\\n    <p>a\\n      b</p>\\n  <pre>x\\n  y</pre>\\n</div>')
'<div>\\n<p>a\\nb</p>\\n<pre>x\\n  y</pre>\\n</div>'
"""

from __future__ import annotations

import re

_VERBATIM = re.compile(r"(<pre[\s>].*?</pre>|<textarea[\s>].*?</textarea>)", re.DOTALL | re.IGNORECASE)
_INDENT = re.compile(r"\n\s+")


def drop_indentation(html: str) -> str:
    parts = _VERBATIM.split(html)
    parts[::2] = [_INDENT.sub("\n", part) for part in parts[::2]]
    return "".join(parts)
