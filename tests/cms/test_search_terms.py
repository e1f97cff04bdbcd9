"""cms.search turns Chinese text into words a space-splitting full-text index can find."""

from cms.search import index_terms, query_terms


def test_index_terms_hold_single_characters_and_overlapping_pairs():
    terms = index_terms("暑期陶艺研学").split()

    assert terms == ["暑", "期", "陶", "艺", "研", "学", "暑期", "期陶", "陶艺", "艺研", "研学"]


def test_index_terms_keep_ascii_words_lowercased_and_drop_punctuation():
    terms = index_terms("DIY手工课，Family Day！").split()

    assert "diy" in terms and "family" in terms and "day" in terms
    assert "手工" in terms and "工课" in terms
    assert not any(p in "".join(terms) for p in "，！"), f"punctuation was indexed: {terms}"


def test_index_terms_of_empty_text_is_empty():
    assert index_terms("") == ""
    assert index_terms(None) == ""


def test_query_terms_are_the_bigrams_of_a_chinese_word():
    assert query_terms("陶艺") == "陶艺"
    assert query_terms("陶艺研学") == "陶艺 艺研 研学"


def test_query_of_one_character_searches_that_character():
    assert query_terms("陶") == "陶"


def test_query_terms_mix_chinese_and_ascii_without_duplicates():
    assert query_terms("DIY 陶艺 陶艺") == "diy 陶艺"


def test_query_of_punctuation_only_is_empty():
    assert query_terms(" ，。! ") == ""


def test_every_query_term_is_an_index_term_of_the_same_text():
    text = "爱心妈妈赋能培训：家庭教育与儿童心理"
    indexed = set(index_terms(text).split())

    for word in ["爱心妈妈", "赋能", "儿童心理", "教"]:
        missing = set(query_terms(word).split()) - indexed
        assert not missing, f"searching {word!r} needs terms the index lacks: {missing}"


def test_ascii_glued_to_chinese_is_split_into_two_words():
    assert query_terms("DIY陶艺") == "diy 陶艺", "a mixed query must find both words"
