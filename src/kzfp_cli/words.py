"""How search reads text: words of any script, folded (case and accents), English stop
words, a small stemmer and groups of words of one meaning. No data, no ranking: those are
search.py's."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

# Letters and digits of any script: a Cyrillic word is a word too.
WORD = re.compile(r"[^\W_]+")

# English words that carry no subject: a question keeps only the words that name what it
# asks about ("when did Kazakhstan join the WTO" searches "kazakhstan join wto"). A query
# made of nothing else is searched as typed. "s" is what "Kazakhstan's" leaves.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "s",
        "than",
        "that",
        "the",
        "this",
        "to",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "with",
    ]
)

# Words that answer for each other in a question, compared by their stems: a country that
# joined an organization "became a member" of it, and treaties have several names.
SYNONYMS = (
    ("join", "member", "accede", "accession", "admit", "admission"),
    ("leave", "left", "withdraw", "withdrew", "withdrawal", "exit", "quit"),
    ("treaty", "agreement", "accord", "pact"),
)

MIN_STEM = 3


def fold(text: str) -> str:
    """Lowercase with accents removed: the form words are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():
        return decomposed
    # Each distinct character is asked once; the text is then mapped in one pass.
    marks = {ord(ch): None for ch in set(decomposed) if unicodedata.combining(ch)}
    return decomposed.translate(marks)


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


def stem(word: str) -> str:
    """A word without its English inflection, by a few suffix rules (a tiny Porter
    stemmer): ``joined``, ``joins`` and ``joining`` give ``join``; ``membership`` and
    ``members`` give ``member``; ``agreed`` and ``agreements`` give ``agre``. Both sides of
    a comparison are stemmed alike, so a stem need not be a word. At least three letters
    are always kept."""
    # Plurals first: processes -> process, countries -> country, talks -> talk.
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies") and len(word) - 3 >= MIN_STEM:
        word = word[:-3] + "y"
    elif word.endswith(("ses", "xes", "zes", "ches", "shes")) and len(word) - 2 >= MIN_STEM:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > MIN_STEM:
        word = word[:-1]
    # Then one ending that makes a word of another: membership, agreement, joining, joined.
    removed = ""
    for suffix in ("ship", "ment", "ing", "ied", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            word = word[: -len(suffix)]
            removed = suffix
            if suffix == "ied":
                word += "y"
            elif suffix in ("ing", "ed") and word[-1] == word[-2] and word[-1] not in "aeiouls":
                word = word[:-1]  # planned -> plan, but called -> call
            break
    # A final e goes, so that agree, agreed and agreeing, unite and united meet ("ed" took
    # the e of agreed already).
    if removed != "ed" and word.endswith("e") and len(word) > MIN_STEM:
        word = word[:-1]
    return word


def _synonym_stems() -> dict[str, frozenset[str]]:
    """For each stem of a synonym group, the stems of the other words of its groups."""
    table: dict[str, frozenset[str]] = {}
    for group in SYNONYMS:
        stems = frozenset(stem(word) for word in group)
        for one in stems:
            table[one] = table.get(one, frozenset()) | (stems - {one})
    return table


SYNONYMS_OF = _synonym_stems()


def query_words(text: str) -> list[str]:
    """The words of ``text`` that are searched: without stop words (unless there is
    nothing else) and without repeats."""
    typed = words(text)
    meaningful = [word for word in typed if word not in STOP_WORDS] or typed
    return list(dict.fromkeys(meaningful))


def pairs(text: str) -> set[str]:
    """Adjacent words run together: ``Nur-Sultan`` is also ``nursultan``."""
    found = words(text)
    return {a + b for a, b in pairwise(found)}


def joined(text: str) -> str:
    """The words of ``text`` run together, as names are compared."""
    return "".join(words(text))
