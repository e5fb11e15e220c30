"""Command line: ``python -m generator build | check | publish SITE_DIR | sentences SLUG | draft PATH --slug SLUG | schema``."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from generator import pipeline
from generator.load.read import Site, article_text
from generator.load.sentences import split_sentences
from generator.problems import SeedError, os_problem


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Bilingual explainer pages from seed articles.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: the current folder)")
    parser.add_argument("--debug", action="store_true", help="on an unexpected failure, show the Python traceback")
    commands = parser.add_subparsers(dest="command", required=True)
    strict = argparse.ArgumentParser(add_help=False)
    strict.add_argument("--strict", action="store_true", help="warnings (duplicate titles, unused terms, entities nobody mentions) are errors")
    commands.add_parser("build", parents=[strict], help="validate the seeds and write the generated pages under docs/")
    commands.add_parser("check", parents=[strict], help="validate the seeds and the generated pages; write nothing")
    publishing = commands.add_parser("publish", help="after any engine's build: write the open data, feeds, social cards and the search index into SITE_DIR")
    publishing.add_argument("site_dir", type=Path, metavar="SITE_DIR", help="the folder the engine built (e.g. site)")
    sentences = commands.add_parser("sentences", help="list an article's sentences with their IDs")
    sentences.add_argument("slug")
    drafting = commands.add_parser("draft", help="scaffold seeds/SLUG/ from an article text, with candidate facts to confirm")
    drafting.add_argument("path", type=Path, help="the article text (UTF-8, one paragraph per line)")
    drafting.add_argument("--slug", required=True, help="the article's folder name, e.g. ai-labels-2022")
    drafting.add_argument("--published", metavar="DATE", help="publication date: 2019, 2019-06, 2019-06-05 or 2019-06-05T14:30+07:00 (dates of the text are resolved against it)")
    drafting.add_argument("--json", action="store_true", help="print the candidates (names, numbers, dates, quotes) as one JSON object")
    drafting.add_argument("--dry-run", action="store_true", help="write nothing")
    schema = commands.add_parser("schema", help="write the JSON Schemas of the seed files and the open data to generator/schema/")
    schema.add_argument("--check", action="store_true", help="only report schema files that differ from the models (exit status 1)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = args.root.resolve()
    try:
        return _COMMANDS[args.command](root, args)
    except SeedError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except OSError as error:  # outside docs/ (written by the write stage, which reports its own)
        if args.debug:
            raise
        print(SeedError([os_problem(error, root, "the system refused it")], "on this machine").report(), file=sys.stderr)
        return 1
    except (Exception, RecursionError, MemoryError) as error:
        if args.debug:
            raise
        print(
            f"generator: internal error ({type(error).__name__}); nothing was written, or the next build completes what was.\n"
            "    fix: run again with --debug (python -m generator --debug …) for the traceback, and report it with the seeds that cause it (SECURITY.md)",
            file=sys.stderr,
        )
        return 2


def _build(root: Path, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    site, report = pipeline.build(root, strict=args.strict)
    print(f"generator: {len(report.written)} written, {len(report.deleted)} deleted, {report.unchanged} unchanged ({time.perf_counter() - started:.2f} s)")
    _warn(site)
    return 0


def _check(root: Path, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    site, pages = pipeline.check_site(root, strict=args.strict)
    print(f"generator: seeds are valid; {len(pages)} pages would be generated ({time.perf_counter() - started:.2f} s)")
    _warn(site)
    return 0


def _publish(root: Path, args: argparse.Namespace) -> int:
    from generator.publish.built_site import PublishError, publish, site_folder

    try:
        site_folder(args.site_dir)  # before the seeds are read: the likelier mistake
        print(publish(args.site_dir, root=root, site=pipeline.model(root)).summary())
    except PublishError as error:
        print(f"generator: {error}", file=sys.stderr)
        return 1
    return 0


def _sentences(root: Path, args: argparse.Namespace) -> int:
    text = article_text(root, args.slug)
    for sentence in split_sentences(text):
        print(f"{sentence.id}\t{sentence.fingerprint}\t{sentence.text}")
    return 0


def _schema(root: Path, args: argparse.Namespace) -> int:
    from generator.publish import schemas

    if args.check:
        stale = schemas.stale()
        for name in stale:
            print(f"generator/schema/{name} differs from the models: run `python -m generator schema`", file=sys.stderr)
        return 1 if stale else 0
    changed = schemas.write()
    print(f"generator: {len(changed)} schema files written or removed, {len(schemas.schema_files()) - len(changed)} unchanged")
    return 0


def _draft(root: Path, args: argparse.Namespace) -> int:
    from generator.draft.scaffold import as_json, draft, parse_published, summary

    try:
        published = parse_published(args.published)
    except ValueError as error:
        print(f"generator draft: {error}", file=sys.stderr)
        return 2
    result = draft(root, args.path, args.slug, published, write=not args.dry_run)
    print(as_json(result) if args.json else summary(result, written=not args.dry_run))
    return 0


def _warn(site: Site) -> None:
    """Print the warnings of a site (on standard error, after the summary line). A no-op build
    (nothing changed since the last, which printed them) does not load the seeds to repeat them;
    with --strict it does, and refuses them."""
    from generator.validate.lint import find, report

    if isinstance(site, pipeline.LazySite) and "_lazy_loaded" not in site.__dict__:
        return
    warnings = find(site)
    if warnings:
        print(report(warnings), file=sys.stderr)


#: Each command of the command line → what runs it (an exit status).
_COMMANDS: dict[str, Callable[[Path, argparse.Namespace], int]] = {
    "build": _build,
    "check": _check,
    "publish": _publish,
    "sentences": _sentences,
    "schema": _schema,
    "draft": _draft,
}


if __name__ == "__main__":
    sys.exit(main())
