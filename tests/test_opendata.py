"""Open data: the JSON Schemas are generated from the models and committed; the seed files name
them (so editors complete and check them) and validate against them; the JSON files published
with the site validate against their own schemas and carry the facts of the seeds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from generator.__main__ import main
from generator.load.seeds import load_site
from generator.model import FILE_MODELS
from generator.publish import opendata, schemas
from generator.strings import strings

from .conftest import CORPUS, ROOT, SLUG
from .test_links import resolve, site_url

#: The files the site is made from; the copy desk's table and support notes (read by `generator
#: check` alone, generator.validate.terminology and generator.validate.support) are not among them.
COPY_DESK_FILES = {"terminology.yml", "support.yml"}
SEED_FILES = sorted(p for p in [*(ROOT / "seeds").glob("*.yml"), *(ROOT / "seeds").glob("*/*.yml")] if p.name not in COPY_DESK_FILES)
MODELINE = "# yaml-language-server: $schema="


def validator(schema: dict) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def errors(schema: dict, data: object) -> list[str]:
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(schema).iter_errors(data))


def as_editors_read(value: object) -> object:
    """YAML as an editor's schema check sees it: YAML 1.2, so a date is text."""
    if isinstance(value, dict):
        return {str(k): as_editors_read(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editors_read(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def load_yaml(text: str) -> object:
    return as_editors_read(YAML(typ="safe", pure=True).load(text))


# -- the schemas of the seed files -------------------------------------------------------------------


def test_the_committed_schemas_are_those_of_the_current_models():
    assert schemas.stale() == [], "run `python -m generator schema` and commit generator/schema/"
    assert main(["schema", "--check"]) == 0


def test_the_schema_check_notices_a_changed_model(tmp_path: Path):
    folder = tmp_path / "schema"
    schemas.write(folder)
    assert schemas.stale(folder) == []
    text = (folder / "facts.schema.json").read_text(encoding="utf-8")
    (folder / "facts.schema.json").write_text(text.replace('"cite"', '"cites"'), encoding="utf-8")
    (folder / "old.schema.json").write_text("{}", encoding="utf-8")
    assert schemas.stale(folder) == ["facts.schema.json", "old.schema.json"]
    assert schemas.write(folder) == ["facts.schema.json", "old.schema.json"]
    assert schemas.stale(folder) == []


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.relative_to(ROOT / "seeds").as_posix())
def test_each_seed_file_names_its_schema_on_its_first_line_and_validates_against_it(path: Path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE), f"{path.name}: first line should be {MODELINE}…"
    schema_path = (path.parent / first.removeprefix(MODELINE)).resolve()
    assert schema_path == ROOT / "generator" / "schema" / schemas.seed_schema_name(path.name)
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    assert errors(schema, load_yaml(path.read_text(encoding="utf-8"))) == []


def test_every_kind_of_seed_file_is_in_the_project():
    assert {p.name for p in SEED_FILES} == set(FILE_MODELS)


def test_the_seed_schemas_catch_what_an_editor_gets_wrong():
    facts = json.loads((ROOT / "generator" / "schema" / "facts.schema.json").read_text(encoding="utf-8"))
    text = (CORPUS / SLUG / "facts.yml").read_text(encoding="utf-8")
    wrong = text.replace("cite: [p2s2]", "cites: [p2s2]", 1).replace("when: {weekday: thursday}", "when: {weekday: thurday}", 1)
    wrong = wrong.replace("when: {date: 2021-02, part: early}", "when: {date: 2021-2, part: early}", 1)
    found = errors(facts, load_yaml(wrong))
    assert any("'cites' was unexpected" in e for e in found), found
    assert any("'thurday'" in e for e in found), found
    assert any("'2021-2'" in e for e in found), found
    article = json.loads((ROOT / "generator" / "schema" / "article.schema.json").read_text(encoding="utf-8"))
    meta = load_yaml((CORPUS / SLUG / "article.yml").read_text(encoding="utf-8"))
    meta["sentences"]["p2x1"] = meta["sentences"].pop("p2s1")
    meta["title"]["en"] = ""
    assert errors(article, meta) == [
        "sentences: 'p2x1' does not match any of the regexes: '^p[1-9][0-9]*s[1-9][0-9]*$'",
        "title/en: '' should be non-empty",
    ]


# -- the published files -----------------------------------------------------------------------------


def published(site: Path) -> dict[str, object]:
    return {p.relative_to(site / "data").as_posix(): json.loads(p.read_text(encoding="utf-8")) for p in sorted((site / "data").rglob("*.json"))}


@pytest.mark.site
def test_every_published_file_validates_against_its_own_schema(built_site: Path):
    files = published(built_site)
    data = {k: v for k, v in files.items() if not k.startswith("schema/")}
    articles = {f"articles/{a.slug}.json" for a in load_site(CORPUS.parent).articles}
    assert set(data) == articles | {"glossary.json", "entities.json", "sources.json", "timeline.json", "timelinejs.vi.json", "timelinejs.en.json", "index.json"}
    # the published schemas are the committed ones
    for name, schema in files.items():
        if name.startswith("schema/"):
            assert schema == json.loads((ROOT / "generator" / "schema" / name.removeprefix("schema/")).read_text(encoding="utf-8"))
    for name, value in data.items():
        if name.startswith("timelinejs."):
            schema = files["schema/timelinejs.schema.json"]
        else:
            target, _ = resolve(built_site, built_site / "index.html", value["$schema"], site_url())
            schema = json.loads(target.read_text(encoding="utf-8"))
        assert errors(schema, value) == [], name
    # and the models read them back
    opendata.ArticleData.model_validate(data[f"articles/{SLUG}.json"])
    opendata.TimelineData.model_validate(data["timeline.json"])
    opendata.TLTimeline.model_validate(data["timelinejs.en.json"])


@pytest.mark.site
def test_the_index_lists_every_file_and_the_counts(built_site: Path):
    index = published(built_site)["index.json"]
    for url in [*index["articles"].values(), index["glossary"], index["timeline"], *index["timelinejs"].values(), *index["schemas"].values()]:
        target, _ = resolve(built_site, built_site / "index.html", url, site_url())
        assert target.is_file(), url
    assert index["counts"] == opendata.counts(load_site(CORPUS.parent)).model_dump()
    assert index["counts"]["uncited_sentences"] == 0


@pytest.mark.site
def test_the_article_file_carries_the_verbatim_sentences_and_the_facts(built_site: Path):
    data = published(built_site)[f"articles/{SLUG}.json"]
    article = next(a for a in load_site(CORPUS.parent).articles if a.slug == SLUG)
    assert [(s["id"], s["vi"]) for s in data["sentences"]] == [(s.id, s.text) for s in article.sentences]
    assert [s["en"] for s in data["sentences"]] == [article.meta.sentences[s.id].en for s in article.sentences]
    assert all(s["cited"] or s["skip"] for s in data["sentences"])
    assert data["facts"] == json.loads(article.facts.model_dump_json())
    assert data["original"]["original"] == {"name": "Reuters", "url": None, "authors": [], "published": None}
    assert data["original"]["outlet"] is None and data["original"]["published"] == "2021-03-19"
    for sentence in data["sentences"]:  # each sentence's URL is its anchor on the source page
        for lang in ("vi", "en"):
            target, fragment = resolve(built_site, built_site / "index.html", sentence["url"][lang], site_url())
            assert target.is_file() and fragment == sentence["id"]
    assert {s["id"] for s in data["sources"]} == {s for c in _claims(article.facts) for s in c}


def _claims(facts):
    sections = [*facts.explainer.sections, *(s for theme in facts.themes for s in theme.sections)]
    return [c.sources for section in sections for c in section.claims] + [e.sources for e in facts.events]


@pytest.mark.site
def test_the_glossary_and_timeline_files(built_site: Path):
    files, site = published(built_site), load_site(CORPUS.parent)
    glossary = files["glossary.json"]
    assert [t["id"] for t in glossary["terms"]] == [t.id for t in site.glossary.terms]
    assert glossary["terms"][0]["url"]["en"].endswith(f"/en/glossary/#{site.glossary.terms[0].id}")
    timeline = files["timeline.json"]
    events = {e["id"]: e for e in timeline["events"]}
    assert len(events) == sum(len(a.facts.events) for a in site.articles)
    starts = [e["date"]["end"] if e["date"]["precision"] == "before" else e["date"]["start"] for e in timeline["events"]]
    assert starts == sorted(starts)  # in date order (an undisclosed "before D" just before D)
    assert events["statement-published"]["date"] == {
        "iso": "2021-03-18", "precision": "day", "start": "2021-03-18", "end": "2021-03-18", "part": None,
        "approximate": False, "part_of_day": None, "timezone": None, "relative_to": None,
        "label": {"vi": "18 tháng 3 năm 2021", "en": "18 March 2021"},
    }


@pytest.mark.site
def test_the_timelinejs_files_keep_dates_as_precise_as_known(built_site: Path):
    files = published(built_site)
    for lang in ("vi", "en"):
        tl = files[f"timelinejs.{lang}.json"]
        assert tl["title"]["text"]["headline"] == strings(lang)["timeline"]
        by_id = {e["unique_id"]: e for e in tl["events"]}
        assert len(by_id) == len(files["timeline.json"]["events"])
        for event in tl["events"]:
            assert isinstance(event["start_date"]["year"], int) and event["text"]["headline"] and event["display_date"]
            assert 'href="' in event["text"]["text"]  # every event links to what it rests on
        early = by_id[f"{SLUG}-clubhouse-blocked"]
        assert early["start_date"] == {"year": 2021, "month": 2}  # "early February": no invented day
        assert early["display_date"] == ("early February 2021" if lang == "en" else "đầu tháng 2 năm 2021")
        assert by_id[f"{SLUG}-statement-published"]["start_date"] == {"year": 2021, "month": 3, "day": 18}
    en = {e["unique_id"]: e for e in files["timelinejs.en.json"]["events"]}
    meeting = next(e for e in en.values() if e["display_date"].startswith("before"))
    assert meeting["start_date"] == {"year": 2021, "month": 3}
    assert meeting["display_date"] == "before 18 March 2021 (exact date not disclosed)"


def test_the_open_data_is_written_file_by_file_with_a_pause_before_each(tmp_path: Path):
    """While previewing, the open data is written in the background and waits (``pause``) while a
    save is built: before each file, not once for all (at 1000 articles they take seconds)."""
    from generator.publish.built_site import write_open_data
    from generator.urls import SiteUrls

    site = load_site(CORPUS.parent)
    made: list[int] = []
    count = write_open_data(tmp_path / "paused", site, SiteUrls(None), pause=lambda: made.append(len(list((tmp_path / "paused").rglob("*.json")))))
    assert count == len(opendata.files(site, SiteUrls(None), schemas.schema_files())) > len(site.articles)
    # one pause before each file is made, and one before learning there is no other
    assert made == list(range(count + 1))
    plain = tmp_path / "plain"
    assert write_open_data(plain, site, SiteUrls(None)) == count
    written = sorted(p.relative_to(plain) for p in plain.rglob("*") if p.is_file())
    assert written == sorted(p.relative_to(tmp_path / "paused") for p in (tmp_path / "paused").rglob("*") if p.is_file())
    assert all((plain / rel).read_bytes() == (tmp_path / "paused" / rel).read_bytes() for rel in written)
