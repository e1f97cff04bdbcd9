"""Search that finds Chinese words inside Chinese text.

Wagtail's database backends (SQLite FTS5 and PostgreSQL full-text search) split text into
words at spaces and punctuation, so "暑期陶艺研学" is one token and a search for "陶艺" finds
nothing. Like Lucene's CJK analyser, we index every run of Han characters as its single
characters plus overlapping pairs (bigrams), and turn a query into the same pairs joined with
AND. The result: any Chinese word of one or more characters is found wherever it stands,
with the same behaviour on SQLite and PostgreSQL.
"""

import re

_HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{_HAN_CHARS}]+")
# A run of Han characters, or a run of other letters and digits ("DIY陶艺" is two words).
_WORD = re.compile(f"[{_HAN_CHARS}]+|[^\\W_{_HAN_CHARS}]+")


def _bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_terms(text: str) -> str:
    """The terms to index for ``text``: single Han characters, Han bigrams, other words."""
    terms: list[str] = []
    for word in _WORD.findall(text or ""):
        if _HAN.fullmatch(word):
            terms.extend(word)
            terms.extend(_bigrams(word))
        else:
            terms.append(word.lower())
    return " ".join(terms)


def query_terms(query: str) -> str:
    """The query to run (with operator "and") for what a person typed."""
    terms: list[str] = []
    for word in _WORD.findall(query or ""):
        if _HAN.fullmatch(word):
            terms.extend(_bigrams(word) if len(word) > 1 else [word])
        else:
            terms.append(word.lower())
    return " ".join(dict.fromkeys(terms))
