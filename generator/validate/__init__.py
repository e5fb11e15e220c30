"""Validate: prove the loaded model consistent, reporting every problem at once (file:line, key, fix).

``rules`` (the checks), ``lint`` (warnings that ``--strict`` makes errors), ``support`` and ``terminology`` (the copy desk: statements supported by what they cite, one wording per term; run by ``check``).
"""
