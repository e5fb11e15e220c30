"""The theme's compiled templates kept between builds and processes.

MkDocs makes a new Jinja environment for every build, and every build of every language
compiles Material's templates again (about 70: a second of a 100-article build, and most of a
`mkdocs serve` rebuild of one page). Jinja's bytecode cache keeps the compiled code in the
user's temporary folder; Jinja checks each entry against its template's source, and the file
name holds a digest of what shapes the compiled code (Jinja's version and the environment's
options and extensions), so an entry is only used by an identical environment. A cache that
cannot be written or read is skipped: the template is compiled as before.
"""

from __future__ import annotations

import contextlib
import hashlib

import jinja2
import jinja2.bccache


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError, ValueError, EOFError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _options(env: jinja2.Environment) -> str:
    parts = [
        jinja2.__version__,
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, str(env.line_statement_prefix), str(env.line_comment_prefix),
        str(env.trim_blocks), str(env.lstrip_blocks), env.newline_sequence, str(env.keep_trailing_newline),
        str(env.optimized), repr(env.autoescape), str(env.is_async),
        *sorted(env.extensions),
    ]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]


def use_bytecode_cache(env: jinja2.Environment) -> jinja2.Environment:
    """Give the theme's environment a bytecode cache (unless it has one)."""
    if env.bytecode_cache is None:
        with contextlib.suppress(OSError, RuntimeError):
            env.bytecode_cache = _BytecodeCache(pattern=f"__news_explained_theme_{_options(env)}_%s.cache")
    return env
