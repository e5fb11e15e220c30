"""A deterministic synthetic corpus of N articles for the benchmark: valid seeds from fake facts.

Every article is a seed folder that passes ``python -m generator check``: a Vietnamese-looking
text with diacritics (one paragraph per line), every sentence rendered in English with its
fingerprint and either cited or skipped, an explainer with a varied number of sections and
claims, zero to three themes, and events with every kind of date. The glossary, the who's who
and the outside sources are shared by all articles and grow with the corpus.

    python tests/bench/corpus.py TARGET_DIR N     # writes TARGET_DIR/seeds/ and checks it

The same N and seed always give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.load.sentences import split_sentences  # noqa: E402

SEED = 20210319

# -- word pools (fake facts; the words only have to look and behave like real ones) ------------------

SUBJECTS = [
    ("Cơ quan quản lý", "The regulator"), ("Bộ Tài chính", "The Ministry of Finance"), ("Ngân hàng trung ương", "The central bank"),
    ("Nhóm nghiên cứu", "The research group"), ("Hãng công nghệ", "The technology firm"), ("Ủy ban chứng khoán", "The securities commission"),
    ("Người dùng", "Users"), ("Các nhà đầu tư", "Investors"), ("Chính quyền địa phương", "The local government"),
    ("Hiệp hội thương mại", "The trade association"), ("Công ty khởi nghiệp", "The start-up"), ("Tòa án nhân dân", "The people's court"),
    ("Giới phân tích", "Analysts"), ("Các chuyên gia an ninh mạng", "Cybersecurity experts"), ("Thủ tướng", "The prime minister"),
]
VERBS = [
    ("đã công bố", "announced"), ("cho biết sẽ xem xét", "said it would review"), ("yêu cầu tạm dừng", "ordered a halt to"),
    ("tăng cường giám sát", "stepped up scrutiny of"), ("phản đối mạnh mẽ", "strongly opposed"), ("ký kết thỏa thuận về", "signed an agreement on"),
    ("triển khai thử nghiệm", "began a trial of"), ("đầu tư thêm vào", "invested further in"), ("đề xuất sửa đổi", "proposed changes to"),
    ("điều tra", "investigated"), ("hoãn lại", "postponed"), ("mở rộng", "expanded"),
]
OBJECTS = [
    ("quy định mới về dữ liệu cá nhân", "new rules on personal data"), ("kế hoạch mở rộng thị trường", "plans to expand into new markets"),
    ("dịch vụ thanh toán điện tử", "electronic payment services"), ("mạng di động thế hệ mới", "the next-generation mobile network"),
    ("ứng dụng gọi xe", "the ride-hailing app"), ("sàn giao dịch tiền số", "the cryptocurrency exchange"),
    ("hệ thống chấm điểm tín dụng", "the credit-scoring system"), ("nhà máy sản xuất chip", "the chip factory"),
    ("nền tảng học trực tuyến", "the online learning platform"), ("trung tâm dữ liệu", "the data centre"),
    ("chương trình trợ cấp cho doanh nghiệp nhỏ", "the subsidy scheme for small businesses"), ("dự án đường sắt đô thị", "the urban railway project"),
    ("quy tắc quảng cáo trên mạng xã hội", "advertising rules on social networks"), ("thương vụ sáp nhập", "the merger"),
]
TAILS = [
    ("trong tháng này", "this month"), ("theo một tuyên bố", "according to a statement"), ("sau nhiều tháng đàm phán", "after months of talks"),
    ("tại Hà Nội", "in Hanoi"), ("ở Thành phố Hồ Chí Minh", "in Ho Chi Minh City"), ("vào cuối tuần qua", "last weekend"),
    ("trước áp lực của dư luận", "under public pressure"), ("bất chấp lo ngại của giới chuyên gia", "despite experts' concerns"),
    ("với khoản chi {n} tỷ đồng", "at a cost of {n} billion dong"), ("cho {n} triệu người dùng", "for {n} million users"),
    ("trong năm tài chính tới", "in the coming financial year"), ("sau cuộc họp kéo dài", "after a long meeting"),
]
REASONS = [
    ("Câu này lặp lại ý của câu trước.", "This sentence repeats the previous one."),
    ("Chi tiết phụ, không cần cho phần giải thích.", "A minor detail, not needed for the explanation."),
    ("Lời bình của tác giả, không phải thông tin.", "The author's comment, not information."),
    ("Câu chuyển ý, không nêu điều gì mới.", "A transition that states nothing new."),
]
TERMS = [
    ("dữ liệu cá nhân", "personal data"), ("ví điện tử", "e-wallet"), ("trí tuệ nhân tạo", "artificial intelligence"),
    ("chuỗi khối", "blockchain"), ("điện toán đám mây", "cloud computing"), ("an ninh mạng", "cybersecurity"),
    ("thương mại điện tử", "e-commerce"), ("bán dẫn", "semiconductor"), ("tiền mã hóa", "cryptocurrency"),
    ("chuyển đổi số", "digital transformation"), ("dữ liệu lớn", "big data"), ("mạng xã hội", "social network"),
    ("nền tảng số", "digital platform"), ("định danh điện tử", "electronic identification"), ("tài chính vi mô", "microfinance"),
    ("độc quyền", "monopoly"), ("chống rửa tiền", "anti-money laundering"), ("hộp cát pháp lý", "regulatory sandbox"),
    ("thanh toán không tiền mặt", "cashless payment"), ("xe điện", "electric vehicle"), ("năng lượng tái tạo", "renewable energy"),
    ("kinh tế chia sẻ", "sharing economy"), ("tin giả", "fake news"), ("quyền riêng tư", "privacy"),
]
TERM_PREFIXES = [("chuẩn", "standard"), ("luật", "law on"), ("quỹ", "fund for"), ("thị trường", "market for"), ("chính sách", "policy on")]
SYLLABLES = ["An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hưng", "Khánh", "Long", "Minh", "Nam", "Nghĩa", "Phát", "Phú", "Quang", "Sơn", "Tâm", "Thành", "Thịnh", "Trí", "Trung", "Việt", "Vinh", "Xuân", "Yên", "Lộc", "Hòa", "Tiến"]
KIND_NAMES = {
    "government-body": ("Cục Quản lý {x}", "{x} Authority"), "company": ("Tập đoàn {x}", "{x} Group"), "product": ("ứng dụng {x}", "the {x} app"),
    "place": ("tỉnh {x}", "{x} province"), "person": ("ông {x}", "Mr {x}"), "organisation": ("Hội {x}", "the {x} Society"),
}
THEME_IDS = ["regulation", "markets", "privacy", "competition", "security", "consumers", "investment", "infrastructure", "labour", "education"]
SECTION_IDS = ["what-happened", "who", "why-it-matters", "what-came-later", "background", "reactions", "numbers", "next-steps"]
HEADINGS = {
    "what-happened": ("Chuyện gì đã xảy ra", "What happened"), "who": ("Những ai liên quan", "Who is involved"),
    "why-it-matters": ("Vì sao điều này quan trọng", "Why it matters"), "what-came-later": ("Diễn biến sau đó", "What came later"),
    "background": ("Bối cảnh", "Background"), "reactions": ("Phản ứng", "Reactions"), "numbers": ("Các con số", "The numbers"),
    "next-steps": ("Bước tiếp theo", "Next steps"),
}
SLUG_WORDS = ["du-lieu", "thanh-toan", "chip", "ai", "mang-xa-hoi", "ngan-hang", "xe-dien", "viec-lam", "y-te", "giao-duc", "nang-luong"]
PUBLISHERS = ["Reuters", "AFP", "AP", "Bloomberg", "VnExpress", "Tuổi Trẻ", "Thanh Niên", "Nikkei Asia"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS_VI = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]


def q(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def text(vi: str, en: str) -> str:
    return f"{{vi: {q(vi)}, en: {q(en)}}}"


def flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _title_key(title: str) -> str:
    """A title as the duplicate-title warning compares it (``generator.validate.lint``)."""
    return " ".join(title.casefold().split())


class Corpus:
    """Everything shared by the articles, drawn once from the seeded generator."""

    def __init__(self, articles: int, seed: int = SEED):
        self.n, self.rng = articles, random.Random(seed * 1000 + articles)
        self.slugs = [f"{SLUG_WORDS[i % len(SLUG_WORDS)]}-{i + 1:04d}" for i in range(articles)]
        self.terms = self._terms(min(20 + articles // 10, 120))
        self.entities = self._entities(min(15 + articles // 5, 250))
        self.sources = [f"source-{i + 1:04d}" for i in range(min(10 + articles // 2, 600))]
        self.titles: set[str] = set()  # the articles' titles so far: the strict build refuses two pages with one title
        self.sentences: dict[str, list] = {}  # slug → its cited sentences, filled while writing articles

    def _terms(self, count: int) -> list[tuple[str, str, str]]:
        terms = []
        for vi, en in TERMS:
            terms.append((en.replace(" ", "-").replace("'", ""), vi, en))
        for (pv, pe) in TERM_PREFIXES:
            for vi, en in TERMS:
                terms.append((f"{pe}-{en}".replace(" ", "-"), f"{pv} {vi}", f"{pe} {en}"))
        return terms[:count]

    def _entities(self, count: int) -> list[tuple[str, str, str, str]]:
        kinds = list(KIND_NAMES)
        out, seen = [], set()
        while len(out) < count:
            x = " ".join(self.rng.sample(SYLLABLES, 2))
            kind = kinds[len(out) % len(kinds)]
            ident = f"{kind[:3]}-{len(out) + 1:03d}"
            if x in seen:
                continue
            seen.add(x)
            vi, en = KIND_NAMES[kind]
            out.append((ident, kind, vi.format(x=x), en.format(x=x)))
        return out

    # -- sentences -------------------------------------------------------------------------------

    def sentence(self, quotes: bool = True) -> tuple[str, str]:
        """A sentence of the article; ``quotes=False`` for fact text (a quotation there must be verbatim)."""
        r = self.rng
        (sv, se), (vv, ve), (ov, oe), (tv, te) = r.choice(SUBJECTS), r.choice(VERBS), r.choice(OBJECTS), r.choice(TAILS)
        n = r.randint(2, 900)
        tv, te = tv.format(n=n), te.format(n=n)
        if r.random() < 0.3:
            _, _, name_vi, name_en = r.choice(self.entities)
            sv, se = name_vi[0].upper() + name_vi[1:], name_en[0].upper() + name_en[1:]
        if quotes and r.random() < 0.15:
            return f"{sv} {vv} {ov} và nói rằng đây là “bước đi cần thiết” {tv}.", f"{se} {ve} {oe}, calling it “a necessary step” {te}."
        if r.random() < 0.1:
            return f"Liệu {sv[0].lower() + sv[1:]} có {vv} {ov} {tv}?", f"Will {se[0].lower() + se[1:]} really have {ve} {oe} {te}?"
        return f"{sv} {vv} {ov} {tv}.", f"{se} {ve} {oe} {te}."

    def claim_text(self) -> tuple[str, str]:
        """One or two sentences of plain text, often naming a glossary term."""
        vi, en = self.sentence(quotes=False)
        if self.rng.random() < 0.6:
            _, tvi, ten = self.rng.choice(self.terms)
            vi = vi[:-1] + f", liên quan đến {tvi}."
            en = en[:-1] + f", in connection with {ten}."
        if self.rng.random() < 0.3:
            vi2, en2 = self.sentence(quotes=False)
            vi, en = f"{vi} {vi2}", f"{en} {en2}"
        return vi, en


def _claim(c: Corpus, slug: str | None, sentences: list, indent: str, uncited: list) -> str:
    """A claim in YAML; ``slug`` set means site-wide (citations name the article)."""
    r = c.rng
    vi, en = c.claim_text()
    lines = [f"{indent}text: {text(vi, en)}"]
    outside = r.random() < (0.3 if slug else 0.1)
    cite = []
    if not outside:
        picks = [uncited.pop(0)] if uncited else []
        picks += r.sample(sentences, k=min(len(sentences), r.choice([0, 0, 1, 2])))
        cite = list(dict.fromkeys(s.id for s in picks)) or [sentences[0].id]
        prefix = f"{slug}/" if slug else ""
        lines.append(f"{indent}cite: {flow([prefix + s for s in cite])}")
    sources = r.sample(c.sources, k=r.choice([1, 2])) if outside or r.random() < 0.2 else []
    lines.append(f"{indent}sources: {flow(sources)}")
    if cite and r.random() < 0.2:
        sentence = next(s for s in sentences if s.id == cite[0])
        words = sentence.text.split(" ")
        start = r.randrange(0, max(1, len(words) - 3))
        quote = " ".join(words[start : start + r.randint(2, 4)])
        lines.append(f"{indent}quote: {text(quote, 'a quoted passage')}")
    return "\n".join(lines)


def _sections(c: Corpus, sentences: list, uncited: list, indent: str, count: int) -> list[str]:
    out = []
    for section_id in c.rng.sample(SECTION_IDS, k=count):
        hv, he = HEADINGS[section_id]
        out.append(f"{indent}- id: {section_id}\n{indent}  heading: {text(hv, he)}\n{indent}  claims:")
        for _ in range(c.rng.choice([1, 2, 3, 3, 4, 5, 6, 8])):
            claim = _claim(c, None, sentences, indent + "      ", uncited)
            out.append(f"{indent}    - " + claim.lstrip())
    return out


def _event(c: Corpus, index: int, kind: str, published: dt.date, sentences: list) -> str:
    r = c.rng
    vi, en = c.sentence(quotes=False)
    lines = [f"  - id: event-{index + 1}"]
    cite_allowed = True
    if kind == "day":
        day = published - dt.timedelta(days=r.randint(0, 60))
        lines.append(f"    when: {{date: {day.isoformat()}}}")
    elif kind == "part":
        month = (published.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        part = r.choice(["early", "mid", "late"])
        lines.append(f"    when: {{date: {q(month.isoformat()[:7])}, part: {part}}}")
        vi_part, en_part = {"early": ("đầu", "early "), "mid": ("giữa", "mid-"), "late": ("cuối", "late ")}[part]
        lines.append(f"    written: {text(f'{vi_part} tháng {month.month}', en_part + month.strftime('%B'))}")
    elif kind == "month":
        lines.append(f"    when: {{date: {q(published.isoformat()[:7])}}}")
    elif kind == "year":
        lines.append(f"    when: {{date: {q(str(published.year - 1))}}}")
    elif kind == "approximate":
        day = published - dt.timedelta(days=r.randint(3, 40))
        lines.append(f"    when: {{date: {day.isoformat()}, approximate: true}}")
    elif kind == "weekday":
        w = r.randrange(7)
        lines.append(f"    when: {{weekday: {WEEKDAYS[w]}}}")
        lines.append(f"    written: {text(f'hôm {WEEKDAYS_VI[w]}', 'on ' + WEEKDAYS[w].capitalize())}")
    elif kind == "before":
        lines.append(f"    when: {{before: {published.isoformat()}}}")
    else:  # later: after publication, outside sources only
        day = published + dt.timedelta(days=r.randint(10, 700))
        lines.append(f"    when: {{date: {day.isoformat()}}}")
        cite_allowed = False
    lines.append(f"    text: {text(vi, en)}")
    lines.append(f"    entities: {flow(e[0] for e in r.sample(c.entities, k=r.randint(0, 3)))}")
    cite = [s.id for s in r.sample(sentences, k=min(len(sentences), r.randint(1, 2)))] if cite_allowed else []
    sources = r.sample(c.sources, k=r.randint(0 if cite else 1, 2))
    lines.append(f"    cite: {flow(cite)}")
    lines.append(f"    sources: {flow(sources)}")
    return "\n".join(lines)


EVENT_KINDS = ["day", "part", "month", "year", "approximate", "weekday", "before", "later"]


def write_article(c: Corpus, folder: Path, index: int) -> None:
    r, slug = c.rng, c.slugs[index]
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = []
    for _ in range(r.randint(5, 14)):
        paragraphs.append([c.sentence() for _ in range(r.choice([1, 1, 2, 2, 3]))])
    article_text = "\n".join(" ".join(vi for vi, _ in p) for p in paragraphs) + "\n"
    english = [en for p in paragraphs for _, en in p]
    sentences = split_sentences(article_text)
    assert len(sentences) == len(english), f"{slug}: the splitter disagrees with the corpus"
    (folder / "article.vi.txt").write_text(article_text, encoding="utf-8")

    published = dt.date(2018, 1, 1) + dt.timedelta(days=r.randrange(7 * 365))
    uncited = [s for s in sentences if r.random() < 0.75]  # the rest are skipped with a reason
    facts = ["explainer:", f"  lead: {text(*c.claim_text())}", "  sections:"]
    facts += _sections(c, sentences, uncited, "    ", r.randint(2, 5))
    themes = r.sample(THEME_IDS, k=r.choice([0, 1, 1, 2, 3]))
    if themes:
        facts.append("themes:")
    for theme in themes:
        tv, te = c.sentence(quotes=False)
        facts.append(f"  - id: {theme}\n    title: {text(f'Chủ đề {theme} ({slug}): ' + tv[:40].rstrip(), f'Theme {theme} ({slug}): ' + te[:40].rstrip())}")
        facts.append(f"    lead: {text(*c.claim_text())}\n    sections:")
        facts += _sections(c, sentences, uncited, "      ", r.randint(1, 3))
    kinds = r.sample(EVENT_KINDS, k=r.randint(1, 6))
    facts.append("events:")
    facts += [_event(c, i, kind, published, sentences) for i, kind in enumerate(kinds)]
    # every sentence still uncited gets a claim of its own
    if uncited:
        facts_tail = ["    - id: more", f"      heading: {text('Thêm chi tiết', 'More details')}", "      claims:"]
        while uncited:
            facts_tail.append("        - " + _claim(c, None, sentences, "          ", uncited).lstrip())
        at = facts.index("themes:") if "themes:" in facts else facts.index("events:")
        facts[at:at] = facts_tail
    (folder / "facts.yml").write_text("\n".join(facts) + "\n", encoding="utf-8")

    cited = _cited_ids("\n".join(facts))
    c.sentences[slug] = [s for s in sentences if s.id in cited]  # what site-wide files may cite
    tv, te = c.sentence(quotes=False)
    while _title_key(tv[:-1]) in c.titles or _title_key(te[:-1]) in c.titles:  # at 1000 articles a sentence comes twice
        tv, te = c.sentence(quotes=False)
    c.titles |= {_title_key(tv[:-1]), _title_key(te[:-1])}
    meta = [
        f"title: {text(tv[:-1], te[:-1])}",
        f"summary: {text(*c.claim_text())}",
        f"published: {published.isoformat()}",
        f"original: {{name: {q(r.choice(PUBLISHERS))}}}",
    ]
    if r.random() < 0.5:
        outlet_url = f", url: {q(f'https://example.org/news/{slug}')}" if r.random() < 0.6 else ""
        meta.append(f"outlet: {{name: {q(r.choice(PUBLISHERS))}{outlet_url}}}")
    if r.random() < 0.3:
        meta.append(f"published_note: {text('Ngày đăng suy ra từ bản gốc.', 'The date is inferred from the original report.')}")
    meta.append("language: vi")
    meta.append(f"entities: {flow(e[0] for e in r.sample(c.entities, k=r.randint(1, 5)))}")
    meta.append("sentences:")
    for sentence, en in zip(sentences, english, strict=True):
        meta.append(f"  {sentence.id}:\n    en: {q(en)}\n    fingerprint: {q(sentence.fingerprint)}")
        if sentence.id not in cited:
            meta.append(f"    skip: {text(*r.choice(REASONS))}")
    (folder / "article.yml").write_text("\n".join(meta) + "\n", encoding="utf-8")


def _cited_ids(facts: str) -> set[str]:
    import re

    return {m for block in re.findall(r"cite: \[([^\]]*)\]", facts) for m in re.findall(r"p\d+s\d+", block)}


def write_shared(c: Corpus, seeds: Path) -> None:
    r = c.rng

    def site_claim(indent: str) -> str:
        slug = r.choice(c.slugs)
        return _claim(c, slug, c.sentences[slug], indent, [])

    lines = ["terms:"]
    ids = [t[0] for t in c.terms]
    for ident, vi, en in c.terms:
        lines.append(f"  - id: {ident}\n    term: {text(vi, en)}")
        lines.append(f"    aliases: {{vi: {flow([q(vi.capitalize())] if r.random() < 0.3 else [])}, en: {flow([q(en + 's')] if r.random() < 0.5 else [])}}}")
        lines.append(f"    short: {text(f'Một khái niệm về {vi}.', f'A notion about {en}.')}")
        lines.append("    definition:\n" + site_claim("      "))
        lines.append(f"    related: {flow(r.sample([i for i in ids if i != ident], k=r.randint(0, 3)))}")
    (seeds / "glossary.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    companies = [e[0] for e in c.entities if e[1] == "company"]
    lines = ["entities:"]
    for ident, kind, vi, en in c.entities:
        lines.append(f"  - id: {ident}\n    kind: {kind}\n    name: {text(vi, en)}")
        lines.append(f"    aliases: {{vi: [], en: {flow([q(ident.upper())])}}}")
        lines.append("    description:\n" + site_claim("      "))
        owner = r.choice(companies) if kind == "product" and companies else None
        lines.append(f"    owner: {owner or 'null'}\n    wikidata: null")
    (seeds / "entities.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    lines = ["sources:"]
    for i, ident in enumerate(c.sources):
        vi, en = c.sentence(quotes=False)
        lines.append(f"  - id: {ident}\n    publisher: {q(r.choice(PUBLISHERS) + ' ' + str(i + 1))}\n    title: {text(vi, en)}")
        day = dt.date(2017, 1, 1) + dt.timedelta(days=r.randrange(9 * 365))
        lines.append(f"    date: {day.isoformat() if r.random() < 0.7 else 'null'}")
        lines.append(f"    url: {q(f'https://example.org/source/{ident}') if r.random() < 0.5 else 'null'}")
    (seeds / "sources.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_corpus(seeds: Path, articles: int, seed: int = SEED) -> None:
    """Write ``articles`` synthetic articles and the shared files into ``seeds`` (a new folder)."""
    seeds.mkdir(parents=True)
    c = Corpus(articles, seed)
    for index, slug in enumerate(c.slugs):
        write_article(c, seeds / slug, index)
    write_shared(c, seeds)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-3].strip(), file=sys.stderr)
        return 2
    target, count = Path(argv[0]), int(argv[1])
    write_corpus(target / "seeds", count)
    from generator import pipeline

    pages = pipeline.check(target)
    print(f"{count} articles in {target / 'seeds'}: valid, {len(pages)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
