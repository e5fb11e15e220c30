"""`python -m generator draft`: a new article's seeds in one command, then the whole path to the site.

The draft finds names, dates and quotations in the text; everything it finds is marked as a draft
that `check` refuses until a contributor confirms it. The last test drives the whole path on a new
(fictional) article: draft, fill in as a contributor would, check, build, and find the pages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator import model
from generator.__main__ import main
from generator.dates import resolve
from generator.draft.scaffold import Published, analyse, find_dates, find_names, find_numbers, find_quotes
from generator.load.read import read_article_text, read_yaml
from generator.load.sentences import fingerprint

from .conftest import CORPUS, ROOT, SLUG, Project, build_site, copy_project
from .fixtures import second_article
from .fixtures.second_article import add_site_entries, dump, load

PUBLISHED = Published.parse("2021-03-19")  # a Friday


def run(root: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = main(["--root", str(root), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def dates_of(sentence: str, published: Published = PUBLISHED) -> list[tuple]:
    return [(d.text, d.value, d.precision, d.part_of_day, d.timezone, d.relative_to, d.approximate) for d in find_dates(sentence, published)]


# -- what the draft finds: dates ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "written", "when", "iso"),
    [
        ("Cơ quan này cho biết trong một tuyên bố hôm thứ Năm rằng…", "hôm thứ Năm", {"weekday": "thursday"}, "2021-03-18"),
        ("Ứng dụng bị chặn vào đầu tháng Hai.", "đầu tháng Hai", {"date": "2021-02", "part": "early"}, "2021-02"),
        ("Từ đầu tháng Năm, hơn 300 video được chia sẻ.", "đầu tháng Năm", {"date": "2020-05", "part": "early"}, "2020-05"),
        ("Cuộc họp diễn ra ngày 5/3.", "ngày 5/3", {"date": "2021-03-05"}, "2021-03-05"),
        ("Cuộc họp diễn ra ngày 5 tháng Ba năm 2020.", "ngày 5 tháng Ba năm 2020", {"date": "2020-03-05"}, "2020-03-05"),
        ("Quy định được ban hành vào tháng 3 năm 2021.", "tháng 3 năm 2021", {"date": "2021-03"}, "2021-03"),
        ("Quy định được ban hành vào tháng 3/2021.", "tháng 3/2021", {"date": "2021-03"}, "2021-03"),
        ("Quy định có hiệu lực từ năm 2021.", "năm 2021", {"date": "2021"}, "2021"),
        ("Ứng dụng ra mắt vào cuối tháng 11.", "cuối tháng 11", {"date": "2020-11", "part": "late"}, "2020-11"),
        ("Công ty sẽ ra mắt ứng dụng vào tháng 7.", "tháng 7", {"date": "2021-07"}, "2021-07"),
        ("Phiên tòa tạm ngưng đến ngày 2/4.", "ngày 2/4", {"date": "2021-04-02"}, "2021-04-02"),
        ("Ứng dụng ra mắt ngày 2/4.", "ngày 2/4", {"date": "2020-04-02"}, "2020-04-02"),
        ("Công ty đóng cửa vào tháng 12 năm ngoái.", "tháng 12 năm ngoái", {"date": "2020-12"}, "2020-12"),
        ("Trung Quốc tăng cường giám sát trong những tháng gần đây.", "những tháng gần đây", {"before": "2021-03-19"}, None),  # an undisclosed day: no datetime
        ("Tuyên bố được đăng hôm qua.", "hôm qua", {"date": "2021-03-18"}, "2021-03-18"),
        ("Tuyên bố được đăng hôm thứ Hai tuần trước.", "hôm thứ Hai tuần trước", {"date": "2021-03-08"}, "2021-03-08"),
    ],
)
def test_date_expressions_are_resolved_against_the_publication_date(sentence, written, when, iso):
    found = find_dates(sentence, PUBLISHED)
    assert [(d.text, d.when()) for d in found] == [(written, model.When(**when))]
    assert resolve(found[0].when(), PUBLISHED.last).iso == iso


def test_part_of_day_and_stated_time_zone_are_kept():
    assert dates_of("Tối 19/5 (giờ Pháp), bộ phim được công chiếu.") == [("Tối 19/5 (giờ Pháp)", "2020-05-19", "day", "evening", "Europe/Paris", None, False)]
    assert dates_of("Chiều 5/3, nhóm tác giả trả lời.") == [("Chiều 5/3", "2021-03-05", "day", "afternoon", None, None, False)]
    assert dates_of("Rạng sáng 1/3 (giờ Hà Nội), vệ tinh rời bệ phóng.")[0][3:5] == ("morning", "Asia/Ho_Chi_Minh")
    assert dates_of("Trưa 2/3 theo giờ Bắc Kinh, cuộc họp kết thúc.")[0][3:5] == ("noon", "Asia/Shanghai")
    assert dates_of("Đêm 3/3 (giờ Việt Nam), trận đấu bắt đầu.")[0][3:5] == ("night", "Asia/Ho_Chi_Minh")
    # "giờ Mỹ" does not say which of the country's time zones: none is proposed, and the note says why
    (found,) = find_dates("Tối 4/3 (giờ Mỹ), công ty công bố kết quả.", PUBLISHED)
    assert found.timezone is None and "does not say which time zone" in found.notes[0]


def test_relative_dates_are_proposed_as_relative_with_their_anchor():
    assert dates_of("Gần một tháng sau vụ việc, nhà sản xuất xin lỗi.") == [("Gần một tháng sau vụ việc", "P1M", "duration", None, None, "vụ việc", True)]
    assert dates_of("Hai tuần sau khi ứng dụng bị chặn, công ty lên tiếng.")[0][1:] == ("P2W", "duration", None, None, "khi ứng dụng bị chặn", False)
    assert dates_of("Hai tháng sau, ứng dụng đóng cửa.")[0][1:] == ("P2M", "duration", None, None, "an earlier event", False)
    assert dates_of("Trong 6 tháng qua, giá tăng mạnh.")[0][:2] == ("6 tháng qua", "-P6M")
    assert dates_of("Tuần trước, công ty đã xin lỗi.") == [("Tuần trước", "2021-03-12", "day", None, None, "publication", True)]
    # the relative dates of the day need a known day of publication
    assert dates_of("Hôm qua, công ty xin lỗi.", Published.parse("2021-03")) == [("Hôm qua", None, "day", None, None, "publication", False)]
    assert find_dates("Gần một tháng sau vụ việc, nhà sản xuất xin lỗi.", PUBLISHED)[0].when() is None  # its anchor is for the contributor


def test_a_publication_known_to_the_month_or_year_resolves_with_its_year():
    assert dates_of("Tối 19/5, phim được chiếu.", Published.parse("2019-06"))[0][1] == "2019-05-19"
    assert dates_of("Tối 19/5, phim được chiếu.", Published.parse("2019"))[0][1] == "2019-05-19"
    assert dates_of("Ngày 19/7, phim được chiếu.", Published.parse("2019-06"))[0][1] == "2018-07-19"  # after publication: the year before
    assert [d[:2] for d in dates_of("Lễ hội năm nay khai mạc ngày 25.5.")] == [("năm nay", "2021"), ("ngày 25.5", "2021-05-25")]  # unless it says which


@pytest.mark.parametrize(
    "sentence",
    ["Đây là lần thứ năm công ty bị phạt.", "Bao nhiêu tháng năm đã trôi qua.", "Hiện nay, công ty có 7,8 triệu người dùng.", "Giá tăng 3,5/10 điểm."],
)
def test_words_that_only_look_like_dates_are_not_dates(sentence):
    assert find_dates(sentence, PUBLISHED) == []


def test_a_weekday_followed_by_its_date_is_one_date():
    found = find_dates("Tuyên bố được đăng vào thứ Năm, ngày 18/3.", PUBLISHED)
    assert [(d.text, d.value) for d in found] == [("ngày 18/3", "2021-03-18")]


@pytest.mark.parametrize(
    ("value", "first", "last", "precision"),
    [("2019", "2019-01-01", "2019-12-31", "year"), ("2019-06", "2019-06-01", "2019-06-30", "month"),
     ("2019-06-05", "2019-06-05", "2019-06-05", "day"), ("2019-06-05T14:30+07:00", "2019-06-05", "2019-06-05", "time")],
)
def test_publication_dates_of_every_precision(value, first, last, precision):
    published = Published.parse(value)
    assert (published.first.isoformat(), published.last.isoformat(), published.precision, published.text) == (first, last, precision, value)


# -- names, numbers, quotations -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Hai hãng Kuaishou Technology và Xiaomi Corp cũng tham dự cuộc họp này.", [("Kuaishou Technology", "company"), ("Xiaomi Corp", "company")]),
        ("Quản trị viên của Trung Quốc cho biết họ và Bộ Công an đã gặp các công ty.", [("Trung Quốc", "place"), ("Bộ Công an", "government-body")]),
        ("Theo Reuters, Bộ Thông tin và Truyền thông đã gặp đại diện của ứng dụng TikTok.", [("Reuters", None), ("Bộ Thông tin và Truyền thông", "government-body"), ("TikTok", "product")]),
        ("Các dịch vụ mới gồm ứng dụng Feichuan và Mi Talk của Xiaomi.", [("Feichuan", "product"), ("Mi Talk", "product"), ("Xiaomi", None)]),
        ("Việc bắt chước ứng dụng âm thanh đã gia tăng ở Hoa Kỳ.", [("Hoa Kỳ", "place")]),
        ("Các gã khổng lồ Internet bị giám sát.", []),
        # titles are not names, and two names side by side stay two
        ("Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch Trần Văn Khải dự lễ.", [("Bộ Văn hóa, Thể thao và Du lịch", "government-body"), ("Trần Văn Khải", "person")]),
        ("Tổng thống Pháp Lucien Marchal gặp Tổng Giám đốc Sao Mai Tech.", [("Pháp", "place"), ("Lucien Marchal", "person"), ("Sao Mai Tech", "company")]),
        ("Đại sứ Nhật Bản nói rằng công ty được rót 2,5 triệu USD và tăng 7% GDP.", [("Nhật Bản", "place")]),
        ("Công an tỉnh Hà Giang điều tra vụ việc trên Quốc lộ 4.", [("Công an tỉnh Hà Giang", "government-body"), ("Quốc lộ 4", None)]),
        # English titles in sentence case, and a sentence start that is an ordinary word
        ("Phim The quiet river của đạo diễn Mira Holt tranh giải.", [("The quiet river", "creative-work"), ("Mira Holt", "person")]),
        ("Ban giám khảo chọn phim Sorry we were late (Anh).", [("Sorry we were late", "creative-work"), ("Anh", "place")]),
        ("Trung tướng Đỗ Văn Hòa cho biết ông Hòa sẽ trả lời.", [("Đỗ Văn Hòa", "person"), ("Hòa", "person")]),
    ],
)
def test_names_are_capitalised_word_sequences_not_titles_units_or_sentence_starts(sentence, names):
    assert [(n.text, n.kind) for n in find_names(sentence, [])] == names


@pytest.mark.parametrize(
    ("sentence", "numbers"),
    [
        ("Công ty bị phạt 7.000 USD, tăng 30% so với năm trước.", [("7.000 USD", 7000, "USD"), ("30%", 30, "%")]),
        ("Dự án nhận 2,5 triệu USD và 1,2 tỷ đồng.", [("2,5 triệu USD", 2500000, "USD"), ("1,2 tỷ đồng", 1200000000, "đồng")]),
        ("Mô hình đạt 7,8 điểm trên 1.250.000 câu hỏi.", [("7,8 điểm", 7.8, "điểm"), ("1.250.000", 1250000, None)]),
        ("Thị trường đạt 2.760,3 tỷ USD, tăng 32,5%.", [("2.760,3 tỷ USD", 2760300000000, "USD"), ("32,5%", 32.5, "%")]),
        ("Liên hoan lần thứ 72, giai đoạn 2, diễn ra năm 2021 (SN 1990).", []),
    ],
)
def test_numbers_are_read_with_vietnamese_separators_and_their_units(sentence, numbers):
    masked = [(d.start, d.end) for d in find_dates(sentence, PUBLISHED)]
    assert [(n.text, n.value, n.unit) for n in find_numbers(sentence, masked)] == numbers


def test_quotations_have_a_speaker_only_where_the_text_gives_one():
    found = find_quotes("“Chúng tôi sẽ sửa lỗi”, bà Lâm Thu Hà nói. Nhóm gõ câu lệnh “Viết tiêu đề cho bài báo” vào ứng dụng.")
    assert [(q.text, q.speaker) for q in found] == [("Chúng tôi sẽ sửa lỗi", "Lâm Thu Hà"), ("Viết tiêu đề cho bài báo", None)]
    found = find_quotes("Ông Khải cho biết: “Kết quả rất bất ngờ.” Khẩu hiệu \"Sống xanh\" được treo khắp nơi.")
    assert [(q.text, q.speaker) for q in found] == [("Kết quả rất bất ngờ.", "Khải"), ("Sống xanh", None)]
    assert [(q.text, q.speaker) for q in find_quotes("Họ yêu cầu “tự mình tiến hành đánh giá an ninh” và nói \"khả năng\".")] == [
        ("tự mình tiến hành đánh giá an ninh", None), ("khả năng", None)]


# -- the draft command ----------------------------------------------------------------------------

STORY = (
    "Tối 19/5 (giờ Pháp), phim Mây Trắng của đạo diễn Lê Thu Hà được công chiếu tại Cannes.\n"
    "“Chúng tôi đã chờ bảy năm. Đêm nay thật đặc biệt”, bà Hà nói. Khán giả giơ biển “Mây Trắng”.\n"
    "Gần một tháng sau vụ việc, hãng Sao Mai Media cho biết phim thu về 7.000 USD.\n"
)


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
    assert [(n["text"], n["entity"]) for n in facts["names"]] == [("Bộ Công an", "mps"), ("Mây", "may")]
    # “Mây” has no speaker: it is listed to confirm, never made somebody's quotation
    assert not [c for s in facts["explainer"]["sections"] for c in s["claims"] if "quote" in c]
    assert any("quoted, no speaker (p2s1): “Mây”" in line for line in facts["to_confirm"])


def test_drafted_files_name_their_schema_list_what_to_confirm_once_and_hold_no_nulls(project: Project, tmp_path: Path, capsys):
    source = tmp_path / "bai.txt"
    source.write_text(STORY, encoding="utf-8")
    assert run(project.root, "draft", str(source), "--slug", "may-trang", "--published", "2021-06", capsys=capsys)[0] == 0
    for name, schema in (("article.yml", "article"), ("facts.yml", "facts")):
        text = project.read(f"seeds/may-trang/{name}")
        assert text.splitlines()[0] == f"# yaml-language-server: $schema=../../generator/schema/{schema}.schema.json"
        assert not re.search(r":\s*(?:null|~)\s*(?:#.*)?$", text, re.MULTILINE) and "draft: true" not in text
    facts = load(project.path("seeds/may-trang/facts.yml"))
    assert next(iter(facts)) == "to_confirm"  # one place, at the top
    assert next(iter(facts["events"][0]["when"].items())) == ("date", "2021-05-19")
    assert "“Tối 19/5 (giờ Pháp)” → 19 May 2021" in facts["to_confirm"][2] and "evening, Europe/Paris" in facts["to_confirm"][2]
    assert [line for line in facts["to_confirm"] if line.startswith("relative date")] == [
        "relative date (p2s2): “Đêm nay” → today, relative to publication, whose day is not known: date an event when you know it, or delete this line",
        "relative date (p3s1): “Gần một tháng sau vụ việc” → about 1 month after, relative to vụ việc (approximate): "
        "add an event dated from that one (months), or delete this line"]
    assert facts["to_confirm"][:2] == [
        "quotation by Hà over p2s1, p2s2: “Chúng tôi đã chờ bảy năm. Đêm nay thật đặc biệt”: quote it in a claim citing those sentences",
        "quoted, no speaker (p2s3): “Mây Trắng”: a title, a prompt, a slogan or a term, not somebody's words",
    ]
    assert "published: 2021-06\n" in project.read("seeds/may-trang/article.yml")


def test_draft_json_prints_every_candidate_as_one_object(project: Project, tmp_path: Path, capsys):
    source = tmp_path / "bai.txt"
    source.write_text(STORY, encoding="utf-8")
    before = project.snapshot("seeds")
    code, out, err = run(project.root, "draft", str(source), "--slug", "may-trang", "--published", "2021-06-10", "--json", "--dry-run", capsys=capsys)
    assert code == 0, err
    assert project.snapshot("seeds") == before  # --dry-run writes nothing
    found = json.loads(out)
    assert list(found) == ["names", "numbers", "dates", "quotes"]
    assert found["names"] == [
        {"text": "Mây Trắng", "kind": "creative-work", "sentence": "p1s1"},
        {"text": "Lê Thu Hà", "kind": "person", "sentence": "p1s1"}, {"text": "Cannes", "kind": "place", "sentence": "p1s1"},
        {"text": "Hà", "kind": "person", "sentence": "p2s2"}, {"text": "Sao Mai Media", "kind": "company", "sentence": "p3s1"},
    ]
    assert found["numbers"] == [{"text": "7.000 USD", "value": 7000, "unit": "USD", "sentence": "p3s1"}]
    assert found["dates"] == [
        {"text": "Tối 19/5 (giờ Pháp)", "value": "2021-05-19", "precision": "day", "part_of_day": "evening", "timezone": "Europe/Paris",
         "relative_to": None, "approximate": False, "sentence": "p1s1"},
        {"text": "Đêm nay", "value": "2021-06-10", "precision": "day", "part_of_day": "night", "timezone": None,
         "relative_to": "publication", "approximate": False, "sentence": "p2s2"},
        {"text": "Gần một tháng sau vụ việc", "value": "P1M", "precision": "duration", "part_of_day": None, "timezone": None,
         "relative_to": "vụ việc", "approximate": True, "sentence": "p3s1"},
    ]
    assert found["quotes"] == [
        {"text": "Chúng tôi đã chờ bảy năm. Đêm nay thật đặc biệt", "speaker": "Hà", "sentence": "p2s1"},
        {"text": "Mây Trắng", "speaker": None, "sentence": "p2s3"},
    ]


@pytest.mark.parametrize("value", ["2019/06", "19-06-2019", "June 2019", "2019-13", "2019-06-05T14:30", "0019"])
def test_a_bad_publication_date_gets_the_accepted_forms_and_no_traceback(project: Project, value: str, capsys):
    before = project.snapshot("seeds")
    code, out, err = run(project.root, "draft", str(second_article.TEXT), "--slug", "bai-moi", "--published", value, capsys=capsys)
    assert code == 2 and out == ""
    assert err == (f"generator draft: --published {value!r} is not a publication date. Write a year (2019), a month (2019-06), "
                   "a day (2019-06-05) or a date-time with its UTC offset (2019-06-05T14:30+07:00): as much as is known, no more. "
                   "The dates of the text are resolved against it.\n")
    assert project.snapshot("seeds") == before


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


def test_check_refuses_every_line_to_confirm_and_placeholder_naming_file_line_and_fix(project: Project, capsys):
    assert run(project.root, "draft", str(second_article.TEXT), "--slug", second_article.SLUG, "--published", second_article.PUBLISHED, capsys=capsys)[0] == 0
    code, _, err = run(project.root, "check", capsys=capsys)
    assert code == 1
    facts, meta = f"seeds/{second_article.SLUG}/facts.yml", f"seeds/{second_article.SLUG}/article.yml"
    problems = re.findall(r"^(seeds/\S+?):(\d+):\d+: (\S+): (.*)\n    fix: (.*)$", err, re.MULTILINE)
    # every line to confirm and every TODO line of the draft is named, at its line
    lines = {rel: project.read(rel).splitlines() for rel in (facts, meta)}
    confirm = {(facts, n) for n, line in enumerate(lines[facts], 1) if line.startswith("  - \"")}
    todo = {(rel, n) for rel in (facts, meta) for n, line in enumerate(lines[rel], 1) if not line.lstrip().startswith("#") and f'"{model.PLACEHOLDER}' in line}
    assert confirm and todo
    assert confirm | todo <= {(rel, int(line)) for rel, line, *_ in problems}
    by_key = {(rel, key): (message, fix) for rel, _, key, message, fix in problems}
    assert by_key[(meta, "sentences.p3s1.en")] == ("the English text is still a placeholder: “TODO: translate p3s1”", "write the English text in place of the placeholder")
    to_confirm = sorted((int(key[11:-1]), message, fix) for (rel, key), (message, fix) in by_key.items() if key.startswith("to_confirm"))
    assert [message for _, message, _ in to_confirm] == [
        "still to confirm: quoted, no speaker (p3s1): “nội dung tổng hợp”: a title, a prompt, a slogan or a term, not somebody's words",
        "still to confirm: event event-2022-03 (p3s1): “tháng 3 năm 2022” → March 2022",
        "still to confirm: event event-2022-05 (p2s1): “đầu tháng Năm” → early May 2022, year 2022 assumed (the publication's)",
        "still to confirm: event event-2022-06-07 (p1s1): “hôm thứ Ba” → 7 June 2022, the last such weekday up to publication",
        "still to confirm: name (p1s1) “Cơ quan An toàn Số” (government-body): add co-quan-an-toan-so to seeds/entities.yml, or delete the name",
        "still to confirm: name (p1s1, p4s1) “Lumora Technology” (company): add lumora-technology to seeds/entities.yml, or delete the name",
        "still to confirm: name (p1s1, p2s1) “Lumo”: add lumo to seeds/entities.yml, or delete the name",
    ]
    assert {fix for *_, fix in to_confirm} == {"check it against the article and correct the facts, then delete this line (and `to_confirm:` when it is empty)"}
    # a proposed entity id that seeds/entities.yml does not know is refused too, once the line is gone
    assert by_key[(facts, "names[0].entity")][0] == "unknown entity 'co-quan-an-toan-so'"


def test_a_confirmed_name_must_name_a_known_entity(project: Project, capsys):
    """A name's entity counts as the article's (it is not listed a second time in article.yml),
    and it must exist in seeds/entities.yml."""
    second_article.install(project.root)
    facts = project.path(f"seeds/{second_article.SLUG}/facts.yml")
    facts.write_text(facts.read_text(encoding="utf-8") + "names:\n  - text: \"Lumo\"\n    entity: lumo\n    cite: [p2s1]\n  - text: \"Bộ Công an\"\n    entity: mps\n", encoding="utf-8")
    code, _, err = run(project.root, "check", capsys=capsys)
    assert code == 0, err
    facts.write_text(facts.read_text(encoding="utf-8").replace("entity: mps", "entity: mpss"), encoding="utf-8")
    code, _, err = run(project.root, "check", capsys=capsys)
    assert code == 1
    line = project.line_of(f"seeds/{second_article.SLUG}/facts.yml", "entity: mpss")
    assert err.splitlines()[1:] == [
        f"seeds/{second_article.SLUG}/facts.yml:{line}:13: names[1].entity: unknown entity 'mpss'",
        "    fix: did you mean 'mps'?",
    ]


# -- how much of the seed article the draft finds -------------------------------------------------


def measure_seed() -> dict[str, tuple[set[str], set[str]]]:
    """Curated names and article-cited events of the seed, and those the draft found."""
    text = read_article_text(CORPUS / SLUG / "article.vi.txt", ROOT)
    meta = model.ArticleMeta.model_validate(read_yaml(CORPUS / SLUG / "article.yml", ROOT).data)
    facts = model.Facts.model_validate(read_yaml(CORPUS / SLUG / "facts.yml", ROOT).data)
    entities = model.Entities.model_validate(read_yaml(CORPUS / "entities.yml", ROOT).data)
    found = analyse(text, SLUG, meta.published_last, CORPUS.parent)
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
                    if (curated.start, curated.end) == (drafted.start, drafted.end):
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
    for key in ("title", "summary", "outlet", "published_note"):
        meta[key] = curated_meta[key]
    for sentence_id, info in meta["sentences"].items():
        info["en"] = english[sentence_id]
    facts = load(folder / "facts.yml")
    facts["explainer"]["lead"] = curated_facts["explainer"]["lead"]
    del facts["to_confirm"]  # every line checked
    quotes = {c["quote"]["vi"]: c["quote"]["en"] for s in curated_facts["explainer"]["sections"] for c in s["claims"] if "quote" in c}
    for section in facts["explainer"]["sections"]:
        for claim in section["claims"]:
            claim["text"]["en"] = english[claim["cite"][0]]
            if "quote" in claim:
                claim["quote"]["en"] = quotes[claim["quote"]["vi"]]
    for event in facts["events"]:
        event["text"]["en"] = english[event["cite"][0]]
    for i in reversed(range(len(facts["names"]))):
        name = facts["names"][i]
        if name["text"].casefold() in entities:
            name["entity"] = entities[name["text"].casefold()]
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
    assert "4 sentences: 3 names, 3 dates, 2 numbers, 1 quotation to confirm" in out
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
