"""The whole site's seeds into one model: every file read (by the fast path when it is plain,
``generator.load.fast``, else the round-trip loader of ``generator.load.read``, which reports
problems with their lines), every problem of every file collected before failing once."""

from __future__ import annotations

import functools
import typing
from pathlib import Path

from pydantic import BaseModel

from generator import model
from generator.load import fast as fastload
from generator.load.read import (
    ARTICLE_FILE,
    SLUG,
    Article,
    Document,
    Site,
    article_dirs,
    hidden_articles,
    links,
    load_model,
    read_article_text,
    read_yaml,
)
from generator.load.sentences import split_sentences
from generator.problems import Problem, SeedError

T = typing.TypeVar("T")


def _collect(problems: list[Problem], action: typing.Callable[[], T]) -> T | None:
    try:
        return action()
    except SeedError as error:
        problems.extend(error.problems)
        return None


#: The article last loaded from each folder (by path) in this process: an article whose files
#: gave the same models again (``generator.load.fast``) and the same text is that object again.
_last_articles: dict[str, Article] = {}


def load_site(root: Path, previous: Site | None = None, edited: set[str] | None = None) -> Site:
    """Load every seed file under ``root/seeds``; raise SeedError with all problems found.

    ``previous`` and ``edited``: the model of the last build in this process, and the articles
    whose files changed since (``render.incremental.changed_articles``: nothing else did). The
    site-wide files and the other articles are then taken from ``previous`` without reading
    them (at 1000 articles, reading 3000 files again took a second of each save)."""
    seeds = root / "seeds"
    kept = previous.by_slug if previous is not None and edited is not None else None
    linked = links(root, within=edited) if kept is not None else links(root)
    if linked:  # nothing is read: a link's target is not a seed file
        raise SeedError(linked)
    problems: list[Problem] = []
    docs: dict[str, Document] = {}

    def load(path: Path, cls: type[BaseModel]) -> typing.Any:
        rel = path.relative_to(root).as_posix()
        if not path.is_file():
            problems.append(Problem(rel, 0, 0, "", "file is missing", f"create {rel} (see seeds/README.md)"))
            return None
        fast = fastload.read(path, root, cls)  # a valid file, read without line numbers
        if fast is not None:
            docs[rel] = fast[0]
            return fast[1]
        doc = _collect(problems, lambda: read_yaml(path, root))
        if doc is None:
            return None
        docs[rel] = doc
        return _collect(problems, lambda: load_model(doc, cls))

    if previous is not None and kept is not None:
        glossary, entities, sources = previous.glossary, previous.entities, previous.sources
        docs.update({rel: previous.docs[rel] for rel in (f"seeds/{name}.yml" for name in ("glossary", "entities", "sources"))})
    else:
        glossary = load(seeds / "glossary.yml", model.Glossary)
        entities = load(seeds / "entities.yml", model.Entities)
        sources = load(seeds / "sources.yml", model.Sources)

    articles = []
    for folder in hidden_articles(seeds) if seeds.is_dir() else []:
        problems.append(Problem(folder.relative_to(root).as_posix(), 0, 0, "", f"article folder name {folder.name!r} is not a valid slug; a name starting with \".\" hides the folder, so its article would not be published", "rename the folder with lower-case ASCII letters, digits and single hyphens, e.g. deepfake-clubhouse-2021"))
    for folder in article_dirs(seeds) if seeds.is_dir() else []:
        rel = folder.relative_to(root).as_posix()
        unchanged = kept.get(folder.name) if kept is not None and edited is not None and folder.name not in edited else None
        if unchanged is not None:
            articles.append(unchanged)
            docs.update({f"{rel}/article.yml": unchanged.meta_doc, f"{rel}/facts.yml": unchanged.facts_doc})
            continue
        if not SLUG.match(folder.name):
            problems.append(Problem(rel, 0, 0, "", f"article folder name {folder.name!r} is not a valid slug", "rename the folder with lower-case ASCII letters, digits and single hyphens, e.g. deepfake-clubhouse-2021"))
            continue
        text_path = folder / ARTICLE_FILE
        if not text_path.is_file():
            problems.append(Problem(f"{rel}/{ARTICLE_FILE}", 0, 0, "", "file is missing", f"put the article text in {rel}/{ARTICLE_FILE}, or run `python -m generator draft`"))
            continue
        text = _collect(problems, functools.partial(read_article_text, text_path, root))
        meta = load(folder / "article.yml", model.ArticleMeta)
        facts = load(folder / "facts.yml", model.Facts)
        if text is None or meta is None or facts is None:
            continue
        meta_doc, facts_doc = docs[f"{rel}/article.yml"], docs[f"{rel}/facts.yml"]
        last = _last_articles.get(str(folder))
        if last is not None and last.meta is meta and last.facts is facts and last.meta_doc is meta_doc and last.facts_doc is facts_doc and last.text == text:
            articles.append(last)  # unchanged: the same object, and what later stages derived from it (``read.derived``)
            continue
        article = Article(
            slug=folder.name,
            text=text,
            text_rel=text_path.relative_to(root).as_posix(),
            sentences=split_sentences(text),
            meta=meta,
            facts=facts,
            meta_doc=meta_doc,
            facts_doc=facts_doc,
        )
        _last_articles[str(folder)] = article
        articles.append(article)
    if problems:
        raise SeedError(problems)
    articles.sort(key=lambda a: (-a.meta.published_last.toordinal(), a.meta.published_precision == "year", a.slug))
    return Site(root, glossary, entities, sources, articles, docs)
