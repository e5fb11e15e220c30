"""Command line: ``python -m generator build | check | sentences SLUG``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import pipeline
from .load import ARTICLE_FILE, read_article_text
from .problems import SeedError
from .sentences import split_sentences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Bilingual explainer pages from seed articles.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: the current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="validate the seeds and write the generated pages under docs/")
    commands.add_parser("check", help="validate the seeds and the generated pages; write nothing")
    sentences = commands.add_parser("sentences", help="list an article's sentences with their IDs")
    sentences.add_argument("slug")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    started = time.perf_counter()
    try:
        if args.command == "build":
            _, report = pipeline.build(root)
            print(f"generator: {len(report.written)} written, {len(report.deleted)} deleted, {report.unchanged} unchanged ({time.perf_counter() - started:.2f} s)")
        elif args.command == "check":
            pages = pipeline.check(root)
            print(f"generator: seeds are valid; {len(pages)} pages would be generated ({time.perf_counter() - started:.2f} s)")
        elif args.command == "sentences":
            text = read_article_text(root / "seeds" / args.slug / ARTICLE_FILE, root)
            for sentence in split_sentences(text):
                print(f"{sentence.id}\t{sentence.fingerprint}\t{sentence.text}")
    except SeedError as error:
        print(error.report(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
