"""Render: the validated model to ``{path: Markdown}`` for both languages; cannot fail on a valid model.

``pages`` (Jinja templates in ``templates/``), ``markdown`` (escaping for each context), ``collation`` (Vietnamese sort order), ``jsonld`` (structured data), ``incremental`` (what a save changed).
"""
