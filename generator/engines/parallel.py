"""Both languages built at once: the other languages in a forked process, beside this one.

mkdocs-static-i18n builds the default language, then, from its ``on_post_build``, every other
language one after the other, in the same process: on two cores one idles. Here, once the
default language's navigation is made (``on_nav``: its pages exist, which the sitemap lists),
a forked process calls that same ``on_post_build`` of the plugin, which builds the other
languages exactly as it would have later, while this process goes on with the default language.
The plugin is then told its other languages are built (``building``, its own flag for "inner
build", set while its ``on_post_build`` runs), and this process waits for the forked one before
the files both builds write are finished:

- the static files: both processes copy the same files (same bytes) into the site; the
  minify plugin, which minifies ``site.js`` in place and renames it, runs once, in this process,
  after the forked build has ended (in the forked one it is switched off by its own options);
- the sitemap lists every language: the forked build writes it last, as it would in sequence,
  so this process does not write its own (one language only).

The site's bytes are the same as in sequence (tests/test_parallel_build.py compares whole sites).
Only for ``mkdocs build`` on Linux, when this process runs no other thread (``fork`` copies one
thread only; ``mkdocs serve`` runs several): otherwise the plugin builds in sequence as always.
``NEWS_EXPLAINED_SERIAL=1`` in the environment also keeps it serial.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.plugins.news-explained")

SITEMAP = "sitemap.xml"


class OtherLanguages:
    """The forked build of the non-default languages of one ``mkdocs build``."""

    def __init__(self) -> None:
        self.pid: int | None = None

    @staticmethod
    def possible(command: str | None, i18n: Any) -> bool:  # i18n: the mkdocs-static-i18n plugin (no type information)
        return (
            command == "build"
            and i18n is not None
            and not i18n.building
            and i18n.current_language == i18n.default_language
            and len(i18n.build_languages) > 1
            and sys.platform == "linux"
            and threading.active_count() == 1
            and os.environ.get("NEWS_EXPLAINED_SERIAL", "") in ("", "0")
        )

    def start(self, config: MkDocsConfig, i18n: Any, then: Callable[[], None] | None = None) -> None:
        """Fork; the child builds the other languages (the plugin's own ``on_post_build``), runs
        ``then`` (work on their pages that can be done beside this process) and exits."""
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid:
            self.pid = pid
            return
        code = 1
        try:
            minify = config.plugins.get("minify")
            if minify is not None:  # minified once, by the parent, when both builds are written
                for option in ("minify_js", "minify_css", "cache_safe"):
                    if option in minify.config:
                        minify.config[option] = False
            i18n.on_post_build(config)
            if then is not None:
                then()
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        except BaseException as error:  # reported here: the parent only sees the exit status
            message = getattr(error, "message", None) or str(error)
            if type(error).__name__ != "Abort":
                traceback.print_exc()
            print(f"Error: {message}", file=sys.stderr)
        finally:
            with contextlib.suppress(Exception):
                logging.shutdown()
                sys.stdout.flush()
                sys.stderr.flush()
            os._exit(code)

    @property
    def running(self) -> bool:
        return self.pid is not None

    def wait(self) -> bool:
        """Wait for the forked build; whether it succeeded."""
        if self.pid is None:
            return True
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        return os.waitstatus_to_exitcode(status) == 0

    def stop(self) -> None:
        """This build failed: end the forked one too (it would go on writing into the site)."""
        if self.pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        self.wait()
