"""Engines: the thin adapter between the pipeline and MkDocs or ProperDocs (public plugin events only).

``mkdocs_plugin`` (plugin ``news-explained``: generate before a build, publish after it, watch ``seeds/`` when serving), ``navigation``, ``i18n_site`` (twins and 404 pages of the languages), ``lookup`` (links from a table), ``parallel`` (languages built at once), ``preview`` (dirty rebuilds of ``make serve``), ``templatecache``.
"""
