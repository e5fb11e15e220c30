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
    linked = links(root, within=edited if previous is not None else None)
    if linked:  # nothing is read: a link's target is not a seed file
        raise SeedError(linked)
    loader = _Loader(root)
    if previous is not None and edited is not None:
        kept, glossary, entities, sources = previous.by_slug, previous.glossary, previous.entities, previous.sources
        loader.docs.update({rel: previous.docs[rel] for rel in (f"seeds/{name}.yml" for name in ("glossary", "entities", "sources"))})
    else:
        kept, edited = {}, set()
        glossary = loader.file(seeds / "glossary.yml", model.Glossary)
        entities = loader.file(seeds / "entities.yml", model.Entities)
        sources = loader.file(seeds / "sources.yml", model.Sources)

    articles = []
    loader.hidden(seeds)
    for folder in article_dirs(seeds) if seeds.is_dir() else []:
        unchanged = kept.get(folder.name) if folder.name not in edited else None
        if unchanged is not None:
            rel = folder.relative_to(root).as_posix()
            loader.docs.update({f"{rel}/article.yml": unchanged.meta_doc, f"{rel}/facts.yml": unchanged.facts_doc})
        article = unchanged or loader.article(folder)
        if article is not None:
            articles.append(article)
    if loader.problems:
        raise SeedError(loader.problems)
    articles.sort(key=lambda a: (-a.meta.published_last.toordinal(), a.meta.published_precision == "year", a.slug))
    return Site(root, glossary, entities, sources, articles, loader.docs)


class _Loader:
    """One load of the seeds: the documents read, and every problem found."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.docs: dict[str, Document] = {}

    def file(self, path: Path, cls: type[BaseModel]) -> typing.Any:
        """The model of one seed file (None, with its problems noted, when it has any)."""
        root, problems = self.root, self.problems
        rel = path.relative_to(root).as_posix()
        if not path.is_file():
            problems.append(Problem(rel, 0, 0, "", "file is missing", f"create {rel} (see seeds/README.md)"))
            return None
        fast = fastload.read(path, root, cls)  # a valid file, read without line numbers
        if fast is not None:
            self.docs[rel] = fast[0]
            return fast[1]
        doc = _collect(problems, lambda: read_yaml(path, root))
        if doc is None:
            return None
        self.docs[rel] = doc
        return _collect(problems, lambda: load_model(doc, cls))

    def hidden(self, seeds: Path) -> None:
        """Note the article folders that a leading "." hides."""
        for folder in hidden_articles(seeds) if seeds.is_dir() else []:
            self.problems.append(Problem(folder.relative_to(self.root).as_posix(), 0, 0, "", f"article folder name {folder.name!r} is not a valid slug; a name starting with \".\" hides the folder, so its article would not be published", "rename the folder with lower-case ASCII letters, digits and single hyphens, e.g. deepfake-clubhouse-2021"))

    def article(self, folder: Path) -> Article | None:
        """The article of ``folder`` (None, with its problems noted, when it has any)."""
        rel = folder.relative_to(self.root).as_posix()
        if not SLUG.match(folder.name):
            self.problems.append(Problem(rel, 0, 0, "", f"article folder name {folder.name!r} is not a valid slug", "rename the folder with lower-case ASCII letters, digits and single hyphens, e.g. deepfake-clubhouse-2021"))
            return None
        text_path = folder / ARTICLE_FILE
        if not text_path.is_file():
            self.problems.append(Problem(f"{rel}/{ARTICLE_FILE}", 0, 0, "", "file is missing", f"put the article text in {rel}/{ARTICLE_FILE}, or run `python -m generator draft`"))
            return None
        text = _collect(self.problems, functools.partial(read_article_text, text_path, self.root))
        meta = self.file(folder / "article.yml", model.ArticleMeta)
        facts = self.file(folder / "facts.yml", model.Facts)
        if text is None or meta is None or facts is None:
            return None
        meta_doc, facts_doc = self.docs[f"{rel}/article.yml"], self.docs[f"{rel}/facts.yml"]
        last = _last_articles.get(str(folder))
        if last is not None and last.meta is meta and last.facts is facts and last.meta_doc is meta_doc and last.facts_doc is facts_doc and last.text == text:
            return last  # unchanged: the same object, and what later stages derived from it (``read.derived``)
        article = Article(
            slug=folder.name, text=text, text_rel=text_path.relative_to(self.root).as_posix(), sentences=split_sentences(text),
            meta=meta, facts=facts, meta_doc=meta_doc, facts_doc=facts_doc,
        )
        _last_articles[str(folder)] = article
        return article
