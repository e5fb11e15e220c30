"""Write: the rendered pages under ``docs/``, only those that changed, atomically, never a file the generator does not own.

``files`` (plan, journal, manifest), ``cache`` (no-op regeneration when no input changed).
"""
