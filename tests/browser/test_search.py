"""Search: Pagefind, per language, offline, accent-insensitive, driven from the header with the keyboard."""

from __future__ import annotations

import pytest

from .conftest import SLUG

pytestmark = pytest.mark.browser

ARTICLE = f"articles/{SLUG}/"


def search(page, query: str) -> list[dict]:
    """Open the header search with "/", type ``query``, and return the results shown:
    [{"url": path under the site, "title": ..., "text": every excerpt, "marks": highlighted words}]."""
    page.locator("body").press("/")
    assert page.evaluate("document.activeElement.name") == "query", "'/' does not focus the search box"
    page.keyboard.press("Control+A")
    page.keyboard.type(query)
    page.wait_for_function("q => document.querySelector('.md-search-result__list').dataset.query === q", arg=query)
    return page.eval_on_selector_all(
        ".md-search-result__item",
        """items => items.map(item => ({
            url: new URL(item.querySelector('a').href).pathname,
            title: item.querySelector('h1').textContent,
            text: item.textContent,
            marks: [...item.querySelectorAll('mark')].map(m => m.textContent.toLowerCase()),
        }))""",
    )


def urls(results: list[dict], root: str) -> list[str]:
    return [r["url"].removeprefix(root) for r in results]


@pytest.fixture
def root(site_url: str) -> str:
    """The path of the site root on the test server (``/news-explained/``)."""
    return "/" + site_url.split("/", 3)[3]


@pytest.fixture
def vietnamese(page, site_url):
    page.goto(site_url + "timeline/")
    return page


@pytest.fixture
def english(page, site_url):
    page.goto(site_url + "en/timeline/")
    return page


def test_a_vietnamese_reader_gets_vietnamese_pages_only(vietnamese, root):
    for query in ("deepfake", "Clubhouse", "Tencent"):
        found = urls(search(vietnamese, query), root)
        assert found, query
        assert not [u for u in found if u.startswith("en/")], (query, found)


def test_an_english_reader_gets_english_pages_only(english, root):
    for query in ("deepfake", "Clubhouse", "regulators"):
        found = urls(search(english, query), root)
        assert found, query
        assert all(u.startswith("en/") for u in found), (query, found)


def test_vietnamese_without_diacritics_finds_what_the_accented_query_finds(vietnamese, root):
    accented = urls(search(vietnamese, "khuôn mặt"), root)
    plain = urls(search(vietnamese, "khuon mat"), root)
    assert f"{ARTICLE}deepfakes/" in accented
    assert sorted(plain) == sorted(accented)


def test_a_plain_d_finds_the_vietnamese_letter_đ(vietnamese, root):
    accented = search(vietnamese, "đầu tháng Hai")
    plain = search(vietnamese, "dau thang hai")
    assert f"{ARTICLE}clubhouse/" in urls(accented, root) and "timeline/" in urls(accented, root)
    assert set(urls(accented, root)) <= set(urls(plain, root))
    assert any("đầu" in r["marks"] for r in plain), "no result highlights “đầu” for “dau”"


def test_a_short_toned_word_is_found_as_typed(vietnamese, root):
    results = search(vietnamese, "họ")
    assert f"{ARTICLE}deepfakes/" in urls(results, root)
    # typed with its tone, "họ" is not confused with "hội", "hợp" or "hoạch"
    for result in results:
        assert result["marks"], result["url"]
        assert {m.strip("“”.,:;()") for m in result["marks"]} == {"họ"}, (result["url"], result["marks"])


@pytest.mark.parametrize("query", ["(chat)", "“deepfake”."])
def test_words_beside_punctuation_are_found(vietnamese, root, query):
    found = urls(search(vietnamese, query), root)
    assert f"{ARTICLE}source/" in found, (query, found)


def test_english_search_ignores_diacritics_too(english, root):
    # the English source page quotes the Vietnamese article verbatim
    accented = urls(search(english, "khuôn mặt"), root)
    plain = urls(search(english, "khuon mat"), root)
    assert accented == [f"en/{ARTICLE}source/"]
    assert plain == accented


@pytest.mark.parametrize(("path", "words"), [("", "Không tìm thấy"), ("en/", "No matching")])
def test_nothing_found_says_so_in_the_page_language(page, site_url, path, words):
    page.goto(site_url + path)
    assert search(page, "zzzqqq") == []
    assert words in page.text_content(".md-search-result__meta")


def test_the_results_work_with_the_keyboard(english, site_url, root):
    results = search(english, "Mi Talk")
    assert results
    english.keyboard.press("ArrowDown")
    focused = english.evaluate("document.activeElement.className")
    assert "md-search-result__link" in focused
    english.keyboard.press("ArrowUp")
    assert english.evaluate("document.activeElement.name") == "query"
    english.keyboard.press("Escape")
    assert not english.is_checked("#__search")
    # Enter in the box opens the first result
    search(english, "Mi Talk")
    with english.expect_navigation():
        english.keyboard.press("Enter")
    assert english.url.split("#")[0].endswith(results[0]["url"].split("#")[0])


def test_the_index_is_loaded_from_the_site_itself(english, request_log, site_url):
    search(english, "deepfake")
    assert any(url.startswith(site_url + "pagefind/") for url in request_log.urls)
    # the page fixture fails the test on any request to another host
