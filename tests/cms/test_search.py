"""Site search finds Chinese words inside Chinese text, on SQLite and PostgreSQL alike.

Wagtail's database backend indexes a page when it is saved (wagtail's post_save handler runs
the index task at once with the default immediate task backend), inside the test's
transaction, so the tests search the real full-text index: SQLite FTS5 or PostgreSQL's
tsvector. A fallback backend (plain ``LIKE``) would find substrings and prove nothing.
"""

from django.urls import reverse

from wagtail.search.backends import get_search_backend

import pytest

from cms.selectors import search_pages
from tests.factories import StoryPageFactory, SummerClassPageFactory, paragraph


@pytest.fixture
def ceramics(db):
    return SummerClassPageFactory(title="暑期陶艺研学", summary="和孩子们一起玩泥巴。")


def _titles(query: str) -> set[str]:
    return {page.title for page in search_pages(query)}


def test_search_uses_a_real_full_text_index(db):
    backend = type(get_search_backend()).__name__

    assert backend in {"SQLiteSearchBackend", "PostgresSearchBackend"}, (
        f"search runs on {backend}, not on a full-text index: FTS5 missing?"
    )


def test_a_word_inside_a_chinese_title_is_found(ceramics):
    assert "暑期陶艺研学" in _titles("陶艺")
    assert "暑期陶艺研学" in _titles("研学")


def test_a_word_only_in_the_body_is_found(db):
    StoryPageFactory(
        title="一次家访", summary="周末的见面。", body=paragraph("<p>她们一起剪纸贴窗花。</p>")
    )

    assert _titles("剪纸") == {"一次家访"}, "a word in the body text was not found"


def test_a_word_not_in_the_text_finds_nothing(ceramics):
    assert _titles("围棋") == set()


def test_characters_of_a_word_apart_do_not_match(ceramics):
    assert _titles("陶学") == set(), "陶 and 学 appear, but not as the word 陶学"


def test_a_mixed_chinese_and_ascii_query_needs_both_words(db):
    SummerClassPageFactory(title="DIY陶艺", summary="亲子手工")
    SummerClassPageFactory(title="陶艺欣赏", summary="看展览")

    assert _titles("DIY 陶艺") == {"DIY陶艺"}
    assert _titles("diy陶艺") == {"DIY陶艺"}, "ASCII glued to Chinese must still match"


def test_unpublished_pages_are_not_found(db):
    SummerClassPageFactory(title="暑期陶艺研学", live=False)

    assert _titles("陶艺") == set(), "a draft page appeared in search results"


def test_publishing_a_new_title_updates_the_index(db):
    page = SummerClassPageFactory(title="围棋启蒙")
    assert _titles("陶艺") == set()

    page.title = "暑期陶艺研学"
    page.save_revision().publish()

    assert _titles("陶艺") == {"暑期陶艺研学"}, "publishing did not reindex the page"
    assert _titles("围棋") == set(), "the old title is still in the index"


def test_search_page_lists_the_matches(client, ceramics):
    response = client.get(reverse("search"), {"q": "陶艺"})

    assert response.status_code == 200
    assert ceramics.url in response.text, "the matching page is not linked from the results"
    assert response.context["page_obj"].paginator.count == 1


def test_search_page_says_when_nothing_is_found(client, ceramics):
    response = client.get(reverse("search"), {"q": "围棋"})

    assert response.status_code == 200
    assert ceramics.url not in response.text
    assert response.context["page_obj"].paginator.count == 0


def test_empty_query_shows_the_form_and_no_results(client, ceramics):
    response = client.get(reverse("search"), {"q": "  "})

    assert response.status_code == 200
    assert response.context["query"] == ""
    assert list(response.context["page_obj"]) == []
    assert 'name="q"' in response.text, "the search box is missing"


def test_a_query_of_punctuation_only_does_not_crash(client, ceramics):
    response = client.get(reverse("search"), {"q": "！？"})

    assert response.status_code == 200
    assert list(response.context["page_obj"]) == []
