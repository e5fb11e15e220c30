"""`python -m generator draft`: a new article's seeds in one command, then the whole path to the site.

The draft finds names, dates and quotations in the text; everything it finds is marked as a draft
that `check` refuses until a contributor confirms it. The last test drives the whole path on a new
(fictional) article: draft, fill in as a contributor would, check, build, and find the pages.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator import model
from generator.__main__ import main
from generator.dates import resolve
from generator.draft import analyse, find_dates, find_names, find_quotes
from generator.load import read_article_text, read_yaml
from generator.sentences import fingerprint

from .conftest import CORPUS, ROOT, SLUG, Project, build_site, copy_project
from .fixtures import second_article
from .fixtures.second_article import add_site_entries, dump, load

PUBLISHED = dt.date(2021, 3, 19)  # a Friday


def run(root: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = main(["--root", str(root), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


# -- what the draft finds -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "written", "when", "iso"),
    [
        ("Cơ quan này cho biết trong một tuyên bố hôm thứ Năm rằng…", "hôm thứ Năm", {"weekday": "thursday"}, "2021-03-18"),
        ("Ứng dụng bị chặn vào đầu tháng Hai.", "đầu tháng Hai", {"date": "2021-02", "part": "early"}, "2021-02"),
        ("Cuộc họp diễn ra ngày 5/3.", "ngày 5/3", {"date": "2021-03-05"}, "2021-03-05"),
        ("Cuộc họp diễn ra ngày 5 tháng Ba năm 2020.", "ngày 5 tháng Ba năm 2020", {"date": "2020-03-05"}, "2020-03-05"),
        ("Quy định được ban hành vào tháng 3 năm 2021.", "tháng 3 năm 2021", {"date": "2021-03"}, "2021-03"),
        ("Quy định có hiệu lực từ năm 2021.", "năm 2021", {"date": "2021"}, "2021"),
        ("Ứng dụng ra mắt vào cuối tháng 11.", "cuối tháng 11", {"date": "2020-11", "part": "late"}, "2020-11"),
        ("Công ty sẽ ra mắt ứng dụng vào tháng 7.", "tháng 7", {"date": "2021-07"}, "2021-07"),
        ("Trung Quốc tăng cường giám sát trong những tháng gần đây.", "những tháng gần đây", {"before": "2021-03-19"}, "2021-03-18"),
        ("Tuyên bố được đăng hôm qua.", "hôm qua", {"date": "2021-03-18"}, "2021-03-18"),
    ],
)
def test_date_expressions_are_resolved_against_the_publication_date(sentence, written, when, iso):
    found = find_dates(sentence, PUBLISHED)
    assert [(d.written, d.when) for d in found] == [(written, model.When(**when))]
    assert resolve(found[0].when, PUBLISHED).iso == iso


@pytest.mark.parametrize(
    "sentence",
    ["Đây là lần thứ năm công ty bị phạt.", "Bao nhiêu tháng năm đã trôi qua.", "Hai tháng sau, ứng dụng đóng cửa."],
)
def test_words_that_only_look_like_dates_are_not_dates(sentence):
    assert find_dates(sentence, PUBLISHED) == []


def test_a_weekday_followed_by_its_date_is_one_date():
    found = find_dates("Tuyên bố được đăng vào thứ Năm, ngày 18/3.", PUBLISHED)
    assert [(d.written, d.when.date) for d in found] == [("ngày 18/3", "2021-03-18")]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Hai hãng Kuaishou Technology và Xiaomi Corp cũng tham dự cuộc họp này.", [("Kuaishou Technology", "company"), ("Xiaomi Corp", "company")]),
        ("Quản trị viên của Trung Quốc cho biết họ và Bộ Công an đã gặp các công ty.", [("Trung Quốc", None), ("Bộ Công an", "regulator")]),
        ("Theo Reuters, Bộ Thông tin và Truyền thông đã gặp đại diện của ứng dụng TikTok.", [("Reuters", None), ("Bộ Thông tin và Truyền thông", "regulator"), ("TikTok", "app")]),
        ("Các dịch vụ mới gồm ứng dụng Feichuan và Mi Talk của Xiaomi.", [("Feichuan", "app"), ("Mi Talk", "app"), ("Xiaomi", None)]),
        ("Việc bắt chước ứng dụng âm thanh đã gia tăng ở Hoa Kỳ.", [("Hoa Kỳ", "place")]),
        ("Các gã khổng lồ Internet bị giám sát.", []),
    ],
)
def test_names_are_capitalised_word_sequences_not_sentence_starts(sentence, names):
    assert [(n.text, n.kind) for n in find_names(sentence, [])] == names


def test_quotations_are_found_verbatim():
    assert find_quotes("Họ yêu cầu “tự mình tiến hành đánh giá an ninh” và nói \"khả năng\".") == ["tự mình tiến hành đánh giá an ninh", "khả năng"]


# -- the draft command ----------------------------------------------------------------------------


def test_draft_scaffolds_an_article_verbatim_with_every_sentence(project: Project, tmp_path: Path, capsys):
    source = tmp_path / "bai-bao.txt"
    raw = "\ufeffBộ Công an hôm thứ Năm cho biết.\r\nCông ty “Mây” bị phạt.  Ứng dụng Mây đóng cửa.\r\n".encode()
    source.write_bytes(raw)
    code, out, err = run(project.root, "draft", str(source), "--slug", "may-2021", "--published", "2021-03-19", capsys=capsys)
    assert code == 0, err
    assert "drafted seeds/may-2021/" in out
    folder = project.path("seeds/may-2021")
    assert (folder / "article.vi.txt").read_bytes() == raw  # byte for byte, BOM and CRLF included
    meta = read_yaml(folder / "article.yml", project.root).data
    assert list(meta["sentences"]) == ["p1s1", "p2s1", "p2s2"]
    assert meta["sentences"]["p2s1"]["fingerprint"] == fingerprint("Công ty “Mây” bị phạt.")
    assert all(s["en"].startswith(model.PLACEHOLDER) for s in meta["sentences"].values())
    facts = load(folder / "facts.yml")
    assert [(e["written"]["vi"], dict(e["when"]), list(e["cite"])) for e in facts["events"]] == [("hôm thứ Năm", {"weekday": "thursday"}, ["p1s1"])]
    assert [(n["text"], n["entity"], n["draft"]) for n in facts["names"]] == [("Bộ Công an", "mps", True), ("Mây", None, True)]
    quoted = [c for s in facts["explainer"]["sections"] for c in s["claims"] if "quote" in c]
    assert [(c["quote"]["vi"], list(c["cite"]), c["draft"]) for c in quoted] == [("Mây", ["p2s1"], True)]


def test_draft_never_overwrites_an_existing_article(project: Project, capsys):
    before = project.snapshot("seeds")
    text = project.path(f"seeds/{SLUG}/article.vi.txt")
    code, out, err = run(project.root, "draft", str(text), "--slug", SLUG, capsys=capsys)
    assert code == 1 and out == ""
    assert f"seeds/{SLUG}: this article folder already exists; nothing was written" in err
    assert project.snapshot("seeds") == before


def test_draft_refuses_a_bad_slug_and_writes_nothing(project: Project, capsys):
    before = project.snapshot("seeds")
    code, _, err = run(project.root, "draft", str(second_article.TEXT), "--slug", "Bài_Mới", capsys=capsys)
    assert code == 1 and "is not a valid slug" in err
    assert project.snapshot("seeds") == before


def test_check_refuses_every_draft_and_placeholder_naming_file_line_and_fix(project: Project, capsys):
    assert run(project.root, "draft", str(second_article.TEXT), "--slug", second_article.SLUG, "--published", second_article.PUBLISHED, capsys=capsys)[0] == 0
    code, _, err = run(project.root, "check", capsys=capsys)
    assert code == 1
    facts, meta = f"seeds/{second_article.SLUG}/facts.yml", f"seeds/{second_article.SLUG}/article.yml"
    problems = re.findall(r"^(seeds/\S+?):(\d+):\d+: (\S+): (.*)\n    fix: (.*)$", err, re.MULTILINE)
    # every `draft: true` line and every TODO line of the draft is named, at its line, and nothing else
    expected = {(rel, n) for rel in (facts, meta) for n, line in enumerate(project.read(rel).splitlines(), 1)
                if not line.lstrip().startswith("#") and ("draft: true" in line or f'"{model.PLACEHOLDER}' in line)}
    assert {(rel, int(line)) for rel, line, *_ in problems} == expected
    assert len(problems) == 29  # 11 TODO (title, summary, publisher, lead, sentences), 10 drafts, 8 TODO inside the drafts
    by_key = {(rel, key): (message, fix) for rel, _, key, message, fix in problems}
    assert by_key[(meta, "sentences.p3s1.en")] == ("the English text is still a placeholder: “TODO: translate p3s1”", "write the English text in place of the placeholder")
    message, fix = by_key[(facts, "events[2].draft")]
    assert message == "event 'event-2022-06-07' is an unconfirmed draft (“hôm thứ Ba” → June 7, 2022)"
    assert fix.startswith("check `when` and the text against p1s1, then delete `draft: true`")
    message, fix = by_key[(facts, "names[0].draft")]
    assert message == "name 'Cơ quan An toàn Số' is an unconfirmed draft"
    assert "set `entity:` to its id in seeds/entities.yml" in fix and meta in fix
    assert by_key[(facts, "explainer.sections[0].claims[2].draft")][0] == "claim citing p3s1 is an unconfirmed draft"


def test_a_confirmed_name_must_name_a_listed_entity(project: Project, capsys):
    second_article.install(project.root)
    facts = project.path(f"seeds/{second_article.SLUG}/facts.yml")
    facts.write_text(facts.read_text(encoding="utf-8") + "names:\n  - text: \"Lumo\"\n    entity: lumo\n    cite: [p2s1]\n  - text: \"Bộ Công an\"\n    entity: mps\n", encoding="utf-8")
    code, _, err = run(project.root, "check", capsys=capsys)
    assert code == 1
    line = project.line_of(f"seeds/{second_article.SLUG}/facts.yml", "entity: mps")
    assert err.splitlines()[1:] == [
        f"seeds/{second_article.SLUG}/facts.yml:{line}:13: names[1].entity: the article names 'Bộ Công an' (mps) but seeds/{second_article.SLUG}/article.yml does not list it",
        f"    fix: add mps to `entities:` in seeds/{second_article.SLUG}/article.yml",
    ]


# -- how much of the seed article the draft finds -------------------------------------------------


def measure_seed() -> dict[str, tuple[set[str], set[str]]]:
    """Curated names and article-cited events of the seed, and those the draft found."""
    text = read_article_text(CORPUS / SLUG / "article.vi.txt", ROOT)
    meta = model.ArticleMeta.model_validate(read_yaml(CORPUS / SLUG / "article.yml", ROOT).data)
    facts = model.Facts.model_validate(read_yaml(CORPUS / SLUG / "facts.yml", ROOT).data)
    entities = model.Entities.model_validate(read_yaml(ROOT / "seeds/entities.yml", ROOT).data)
    found = analyse(text, SLUG, meta.published, ROOT)
    candidates = {name.casefold() for name in found.names}

    def occurs(form: str) -> bool:
        return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, re.IGNORECASE) is not None

    names = {e.id for e in entities.entities if any(occurs(f) for f in [e.name.vi, *e.aliases.vi])}
    names_found = {e.id for e in entities.entities if e.id in names and any(occurs(f) and f.casefold() in candidates for f in [e.name.vi, *e.aliases.vi])}
    events = {e.id for e in facts.events if e.cite}
    events_found, events_exact = set(), set()
    for event in facts.events:
        for candidate in found.events:
            if event.cite and set(event.cite) & set(candidate.cite):
                curated, drafted = resolve(event.when, meta.published), resolve(candidate.when, meta.published)
                if curated.precision == drafted.precision and (curated.precision == "before" or curated.iso == drafted.iso):
                    events_found.add(event.id)
                    if curated.iso == drafted.iso:
                        events_exact.add(event.id)
    return {"names": (names, names_found), "dates": (events, events_found), "exact dates": (events, events_exact)}


def test_the_draft_finds_most_names_and_all_dates_of_the_seed_article():
    result = measure_seed()
    for what, (curated, found) in result.items():
        print(f"{what}: {len(found)}/{len(curated)} found; missed: {sorted(curated - found) or 'none'}")
    names, names_found = result["names"]
    assert len(names) == 13 and len(names_found) / len(names) >= 0.9  # 12 of 13: only "Quản trị viên không gian mạng" (cac) is missed
    events, events_found = result["dates"]
    assert events == events_found == {"clubhouse-blocked", "companies-summoned", "statement-published"}
    assert result["exact dates"][1] == {"clubhouse-blocked", "statement-published"}  # "gần đây": before publication, not the 18th


# -- the whole path -------------------------------------------------------------------------------


def content(page: Path) -> str:
    """The page's own content, without the navigation around it."""
    html = page.read_text(encoding="utf-8")
    return html[html.index('<article class="md-content__inner') :]


def fill_in(root: Path) -> None:
    """What a contributor does after `draft`: write the texts and confirm (or delete) each draft."""
    folder, curated = root / "seeds" / second_article.SLUG, second_article.HERE
    curated_meta, curated_facts = load(curated / "article.yml"), load(curated / "facts.yml")
    english = {sid: info["en"] for sid, info in curated_meta["sentences"].items()}
    add_site_entries(root)  # the new regulator, company and app, and a new glossary term
    entities = {form.casefold(): e["id"] for e in load(curated / "entities.yml")["entities"] for form in [e["name"]["vi"], *e["aliases"]["vi"]]}

    meta = load(folder / "article.yml")
    for key in ("title", "summary", "publisher", "published_note"):
        meta[key] = curated_meta[key]
    for sentence_id, info in meta["sentences"].items():
        info["en"] = english[sentence_id]
    facts = load(folder / "facts.yml")
    facts["explainer"]["lead"] = curated_facts["explainer"]["lead"]
    quotes = {c["quote"]["vi"]: c["quote"]["en"] for s in curated_facts["explainer"]["sections"] for c in s["claims"] if "quote" in c}
    for section in facts["explainer"]["sections"]:
        for claim in section["claims"]:
            claim["text"]["en"] = english[claim["cite"][0]]
            if "quote" in claim:
                claim["quote"]["en"] = quotes[claim["quote"]["vi"]]
            del claim["draft"]
    for event in facts["events"]:
        event["text"]["en"] = english[event["cite"][0]]
        del event["draft"]
    for i in reversed(range(len(facts["names"]))):
        name = facts["names"][i]
        if name["text"].casefold() in entities:
            name["entity"] = entities[name["text"].casefold()]
            del name["draft"]
        else:
            del facts["names"][i]  # not a name after all
    meta["entities"] = sorted({n["entity"] for n in facts["names"]})
    dump(meta, folder / "article.yml")
    dump(facts, folder / "facts.yml")


@pytest.mark.site
def test_a_new_article_from_draft_to_site(tmp_path: Path, capsys):
    project = copy_project(tmp_path / "project", with_site_config=True)
    slug = second_article.SLUG
    code, out, err = run(project.root, "draft", str(second_article.TEXT), "--slug", slug, "--published", second_article.PUBLISHED, capsys=capsys)
    assert code == 0, err
    assert "4 sentences: 3 names, 3 dates, 1 quotation to confirm" in out
    assert run(project.root, "check", capsys=capsys)[0] == 1  # drafts are refused

    fill_in(project.root)
    code, out, err = run(project.root, "check", capsys=capsys)
    assert code == 0, err

    result = build_site(project)
    assert result.returncode == 0, result.stderr
    site = project.path("site")
    for lang in ("", "en/"):
        explainer = (site / f"{lang}articles/{slug}/index.html").read_text(encoding="utf-8")
        source = (site / f"{lang}articles/{slug}/source/index.html").read_text(encoding="utf-8")
        assert "Lumora Technology" in explainer and 'id="p4s1"' in source
        home = content(site / f"{lang}index.html")
        listed = re.findall(r'href="articles/([a-z0-9-]+)/"', home)
        assert listed[:2] == [slug, SLUG]  # newest first
        timeline = (site / f"{lang}timeline/index.html").read_text(encoding="utf-8")
        dates = re.findall(r'<time datetime="([0-9-]+)">', timeline)
        assert [d for d in dates if d.startswith("2022-0")] == ["2022-03", "2022-05", "2022-06-07"]
        assert dates == sorted(dates)  # both articles' events, merged in date order
        assert f'href="../articles/{slug}/"' in timeline
    english = (site / f"en/articles/{slug}/index.html").read_text(encoding="utf-8")
    assert "The Digital Safety Agency said on Tuesday" in english
