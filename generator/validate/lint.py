"""Warnings: what is valid but probably a mistake, named by file, line and fix like a problem.

- two pages with the same title (articles and theme pages, in one language): a reader cannot
  tell them apart in the navigation and the search results;
- a glossary term that no article uses (no form of it, in either language, occurs in an
  article's text, its English renderings or its facts): its entry explains nothing on the site;
- an entity nobody mentions (no article lists it, no event or name refers to it, no mentioned
  entity is owned by it): its who's-who entry is about nothing on the site.

A warning does not stop a build; ``--strict`` (``python -m generator build --strict``, used by
``make test``) makes it an error. Inside MkDocs the warnings are logged as MkDocs warnings, so
``mkdocs build --strict`` (``make build``, the deployment) fails on them too.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator import model
from generator.load.read import Document, Site
from generator.problems import Problem, SeedError

LANGUAGES = ("vi", "en")


class StrictWarnings(SeedError):
    """The warnings of a ``--strict`` run: errors, and nothing was written."""

    noun = "warning"

    def __init__(self, warnings: list[Problem]):
        super().__init__(warnings, "in the seeds (--strict makes warnings errors)")


def find(site: Site) -> list[Problem]:
    """Every warning of a valid site, sorted."""
    return sorted({*_duplicate_titles(site), *_unused_terms(site), *_unmentioned_entities(site)})


def report(warnings: list[Problem]) -> str:
    count = len(warnings)
    head = f"{count} warning{'s' if count != 1 else ''} in the seeds (the build goes on; --strict makes warnings errors):"
    return "\n".join([head, *map(str, warnings)])


def _duplicate_titles(site: Site) -> Iterator[Problem]:
    for lang in LANGUAGES:
        seen: dict[str, tuple[Document, tuple[str | int, ...]]] = {}
        for article in site.articles:
            titles: list[tuple[Document, tuple[str | int, ...], str]] = [(article.meta_doc, ("title", lang), article.meta.title[lang])]
            titles += [(article.facts_doc, ("themes", t, "title", lang), theme.title[lang]) for t, theme in enumerate(article.facts.themes)]
            for doc, loc, title in titles:
                key = " ".join(title.casefold().split())
                if key in seen:
                    first_doc, first_loc = seen[key]
                    yield doc.problem(loc, f"the title {title!r} is also the title of another page ({first_doc.rel}:{first_doc.where(first_loc)[0]})", "give each page its own title: a reader tells pages apart by their titles in the navigation and the search results")
                else:
                    seen[key] = (doc, loc)


def _texts(value: object) -> Iterator[str]:
    """Every text of a model (both languages)."""
    if isinstance(value, model.Text):
        yield value.vi
        yield value.en
    elif isinstance(value, model.Strict):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, str):
        yield value


def _article_text(site: Site) -> str:
    """What the article pages say: the articles, their English renderings and their facts."""
    parts = []
    for article in site.articles:
        parts.append(article.text)
        parts += [info.en for info in article.meta.sentences.values()]
        parts += _texts(article.facts)
        parts += [article.meta.title.vi, article.meta.title.en, article.meta.summary.vi, article.meta.summary.en]
    return "\n".join(parts).casefold()


def _unused_terms(site: Site) -> Iterator[Problem]:
    doc = site.docs["seeds/glossary.yml"]
    text = _article_text(site)
    for i, term in enumerate(site.glossary.terms):
        forms = {form.casefold() for lang in LANGUAGES for form in (term.term[lang], *term.aliases[lang])}
        if not any(_occurs(form, text) for form in forms):
            yield doc.problem(("terms", i, "id"), f"the term {term.id!r} is used by no article (none of {', '.join(sorted(repr(f) for f in forms))} occurs in an article or its facts)", "add the form an article uses to `aliases`, or remove the term if no article needs it")


def _occurs(form: str, text: str) -> bool:
    """Whether ``form`` occurs in ``text`` as a whole word (as ``(?<!\\w)form(?!\\w)`` finds it:
    a regular expression that starts with a lookbehind is not searched by its literal, and took
    20 ms a term at 100 articles)."""
    start, size = text.find(form), len(form)
    while start != -1:
        end = start + size
        if (start == 0 or not _word(text[start - 1])) and (end == len(text) or not _word(text[end])):
            return True
        start = text.find(form, start + 1)
    return False


def _word(char: str) -> bool:
    """``\\w`` of Python's regular expressions, for one character."""
    return char.isalnum() or char == "_"


def _unmentioned_entities(site: Site) -> Iterator[Problem]:
    doc = site.docs["seeds/entities.yml"]
    mentioned = set()
    for article in site.articles:
        mentioned |= set(article.meta.entities)
        mentioned |= {entity for event in article.facts.events for entity in event.entities}
        mentioned |= {name.entity for name in article.facts.names if name.entity}
    owners = {entity.owner for entity in site.entities.entities if entity.id in mentioned and entity.owner}
    for i, entity in enumerate(site.entities.entities):
        if entity.id not in mentioned | owners:
            yield doc.problem(("entities", i, "id"), f"the entity {entity.id!r} is mentioned by no article (no `entities:` list, event or name refers to it)", "add its id to `entities:` in the article.yml of an article that names it, or remove the entity")
