"""Publish: after any engine's build, what is not turning Markdown into pages.

``built_site`` (``python -m generator publish SITE_DIR``), ``opendata`` (facts as JSON), ``feeds`` (Atom), ``cards`` (social card images, fonts in ``fonts/``), ``search`` (Pagefind), ``unindent`` (HTML without the templates' indentation).
"""
