"""What a text says, as kzfp reads it: one rule for ``search``, ``--search`` and the names
typed into ``--partner``, ``--org`` and ``--theme``.

A text is its words, in any script, folded for case and accents (``Türkmenistan`` is
``turkmenistan``). A word asked for (a :class:`Wanted`) is said by a word of the text that
is the same, has the same stem (``joined`` and ``joins``, ``вступил`` and ``вступила``,
``тәуелсіздігі`` and ``тәуелсіздік``), begins with it (``kazakh`` and ``kazakhstan``), is a
word of the same meaning (``join`` and ``member``, ``вступить`` and ``мүше``), or is
another name of the same person, place or thing (``Akmola`` and ``Astana``). Never a piece
of a word: ``war`` is not said by ``forward``.

Stems are Snowball's for English and Russian (PyStemmer). Snowball has no Kazakh; Kazakh
words are stemmed by stripping the inflectional endings of ``locale/search.json``, longest
first, as light stemmers of agglutinative languages do: a Kazakh word is its root and a
chain of suffixes, and it is the suffixes, not the root, that a question changes. The
language resources (question words, words of one meaning, month names, Kazakh endings)
are data, in that file.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

# Letters and digits of any script: a Cyrillic word is a word too.
WORD = re.compile(r"[^\W_]+")
# Stems and beginnings shorter than this say too little to match on.
MIN_STEM = 3
# A typed word this long is also found at the start of longer words (kazakh, kazakhstan);
# a stem this long, at the start of other forms (вступ, вступление).
MIN_PREFIX = 4
MIN_STEM_PREFIX = 5
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_KAZAKH_LETTER = re.compile("[әғқңөұүһі]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LATIN = re.compile(r"[a-z]")

# How well a word of the text says a word asked for.
# Another form of the word says it almost as well as the word itself.
EXACT, FORM, NAME, PREFIX, SYNONYM = 1.0, 0.97, 0.85, 0.8, 0.75


# The accents a decomposed letter leaves: the blocks of combining diacritical marks, which
# the Latin, Greek and Cyrillic alphabets use (é, ü, й, ё). A regular expression removes
# them from a whole text in one pass, several times faster than asking unicodedata of
# each character, and search folds the texts of every event on each run.
_MARKS = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
)


def fold(text: str) -> str:
    """Lowercase with accents removed: the form words are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return decomposed if decomposed.isascii() else _MARKS.sub("", decomposed)


def scripts(text: str) -> frozenset[str]:
    """The alphabets ``text`` has letters of: ``latin``, ``cyrillic``, or neither."""
    found = set()
    if _LATIN_LETTER.search(text):
        found.add("latin")
    if _CYRILLIC.search(text):
        found.add("cyrillic")
    return frozenset(found)


_LETTERS = {"latin": "A-Za-z\u00c0-\u024f", "cyrillic": "\u0400-\u04ff"}


@cache
def letters_of(alphabets: frozenset[str]) -> re.Pattern[str]:
    """A letter of any of ``alphabets``: one search tells whether a text has one."""
    return re.compile("[" + "".join(_LETTERS[name] for name in sorted(alphabets)) + "]")


def languages(typed: Sequence[str]) -> frozenset[str]:
    """The languages a query's words (folded) may be in, of en, ru and kk: English for
    Latin letters; for Cyrillic, Kazakh when a word has a letter of the Kazakh alphabet
    that Russian has not or is a question word of Kazakh's alone, Russian when one is a
    question word of Russian's alone, and both when the words do not tell."""
    text = " ".join(typed)
    found = {"en"} if "latin" in scripts(text) else set()
    if "cyrillic" in scripts(text):
        own = lexicon().own_stop_words
        kazakh = bool(_KAZAKH_LETTER.search(text)) or not own["kk"].isdisjoint(typed)
        russian = not own["ru"].isdisjoint(typed)
        found |= {"ru", "kk"} if kazakh is russian else {"kk"} if kazakh else {"ru"}
    return frozenset(found)


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


def with_pairs(found: list[str]) -> set[str]:
    """Words, and each two adjacent ones run together."""
    return {*found, *map(str.__add__, found, found[1:])}


def joined(text: str) -> str:
    """The words of ``text`` run together, as names are compared: ``U.S.`` is ``us``,
    ``South Korea`` is ``southkorea``."""
    return "".join(words(text))


class Lexicon(NamedTuple):
    """The language resources of ``locale/search.json``, folded."""

    stop_words: frozenset[str]
    # The stop words of only one language, by language: they tell a question's language.
    own_stop_words: Mapping[str, frozenset[str]]
    # The words that ask when something happened.
    asks_when: frozenset[str]
    # The words that ask from a year on, and up to it: (just before the year, within two
    # words after it).
    since: tuple[frozenset[str], frozenset[str]]
    until: tuple[frozenset[str], frozenset[str]]
    # A group's name, and the stems of its words.
    groups: Mapping[str, frozenset[str]]
    # January first: the forms of each month's name in the three languages.
    months: tuple[frozenset[str], ...]
    # The Kazakh endings, as sets by length, longest first.
    kazakh_suffixes: tuple[tuple[int, frozenset[str]], ...]


@cache
def lexicon() -> Lexicon:
    path = Path(__file__).with_name("locale") / "search.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    stop = frozenset(word for text in data["stop_words"].values() for word in words(text))
    suffixes = {fold(suffix) for suffix in data["kazakh_suffixes"].split()}
    by_length = tuple(
        (length, frozenset(s for s in suffixes if len(s) == length))
        for length in sorted({len(s) for s in suffixes}, reverse=True)
    )
    asks_when = frozenset(word for text in data["asks_when"].values() for word in words(text))
    since, until = (
        (frozenset(words(data[key]["before_year"])), frozenset(words(data[key]["after_year"])))
        for key in ("since", "until")
    )
    each = {lang: frozenset(words(text)) for lang, text in data["stop_words"].items()}
    own = {
        lang: found - frozenset().union(*(other for key, other in each.items() if key != lang))
        for lang, found in each.items()
    }
    lexicon = Lexicon(stop, own, asks_when, since, until, {}, (), by_length)
    months = [set[str]() for _ in range(12)]
    for names in data["months"].values():
        for month, forms in enumerate(names):
            months[month].update(words(forms))
    # The groups' stems need the suffixes above (Kazakh words are stemmed with them).
    groups = {
        name: frozenset(stem for word in words(text) for stem in _stems(word, lexicon))
        for name, text in data["synonyms"].items()
    }
    return lexicon._replace(groups=groups, months=tuple(frozenset(m) for m in months))


@cache
def _snowball(language: str) -> Any:
    """Snowball's stemmer for ``language``, imported when a word is first stemmed: a name
    typed into --partner is compared without one."""
    import Stemmer

    return Stemmer.Stemmer(language)


def kazakh_stem(word: str, suffixes: Iterable[tuple[int, frozenset[str]]]) -> str:
    """``word`` without its Kazakh endings (by length, longest first), stripped from the
    end one at a time, keeping at least MIN_STEM letters: ``тәуелсіздігін`` is
    ``тәуелсіз``."""
    stripped = True
    while stripped:
        stripped = False
        for length, endings in suffixes:
            if len(word) - length >= MIN_STEM and word[-length:] in endings:
                word = word[:-length]
                stripped = True
                break
    return word


def _stems(word: str, lexicon: Lexicon) -> frozenset[str]:
    if len(word) <= MIN_STEM or word.isdigit():
        return frozenset([word])
    if _CYRILLIC.search(word):
        # Russian or Kazakh: the alphabets share most letters, so a word is given both.
        found = {_snowball("russian").stemWord(word), kazakh_stem(word, lexicon.kazakh_suffixes)}
    elif _LATIN.search(word):
        found = {_snowball("english").stemWord(word)}
    else:
        found = {word}
    return frozenset(stem for stem in found if len(stem) >= MIN_STEM) or frozenset([word])


@lru_cache(maxsize=65536)
def stems(word: str) -> frozenset[str]:
    """The stems a folded word is compared by: its English one, or for a Cyrillic word its
    Russian and its Kazakh one."""
    return _stems(word, lexicon())


def _near_stems(one: str, other: str) -> bool:
    """Stems one or two letters apart at the end, which light stemmers leave where a
    word's last letters are read as an ending in one form and not in another (Snowball
    stems ``астана`` to ``аста`` and ``астану`` to ``астан``)."""
    shorter, longer = sorted((one, other), key=len)
    return (
        len(shorter) >= MIN_PREFIX
        and len(longer) - len(shorter) <= 2
        and longer.startswith(shorter)
    )


class Wanted:
    """A word asked for, and how well each word of a text says it (see the module)."""

    __slots__ = ("names", "own", "prefixes", "related", "related_prefixes", "word")

    def __init__(self, word: str, other_names: Iterable[str] = ()) -> None:
        groups = lexicon().groups
        self.word = word
        self.own = stems(word)
        self.names = frozenset(other_names) - {word}
        name_stems = frozenset(stem for name in self.names for stem in stems(name))
        self.related = name_stems | frozenset(
            stem
            for members in groups.values()
            if members & self.own
            for stem in members
            if stem not in self.own
        )
        # The word as typed begins longer words only when it has no ending of its own:
        # kazakh begins Kazakhstan, but поста (of пост) must not find постоянного.
        typed = {word} if len(word) >= MIN_PREFIX and word in self.own else set()
        self.prefixes = tuple(typed | {stem for stem in self.own if len(stem) >= MIN_STEM_PREFIX})
        # A word of the same meaning is also found by its stem's other forms (вернуть,
        # возвращать: возвращающую).
        self.related_prefixes = tuple(stem for stem in self.related if len(stem) >= MIN_STEM_PREFIX)

    def in_groups(self) -> frozenset[str]:
        """The names of the groups of words of one meaning this word is in."""
        return frozenset(name for name, members in lexicon().groups.items() if members & self.own)

    def beginnings(self) -> frozenset[str]:
        """What every word that can say this one begins with: where to look. A stem may
        end otherwise than its word (Snowball makes ``country`` ``countri``), so its last
        letter is left out."""
        return frozenset(
            key if len(key) <= MIN_STEM else key[:-1]
            for key in (self.word, *self.own, *self.names, *self.related)
            if key
        )

    def strength(self, word: str) -> float:
        """How well ``word`` (folded) says this one; 0 when it does not."""
        if word == self.word:
            return EXACT
        if word in self.names:
            return NAME
        found = stems(word)
        if found & self.own or any(_near_stems(one, own) for one in found for own in self.own):
            return FORM
        if word.startswith(self.prefixes):
            return PREFIX
        if found & self.related or word.startswith(self.related_prefixes):
            return SYNONYM
        return 0.0

    def said_by(self, text_words: Iterable[str]) -> bool:
        return any(self.strength(word) for word in text_words)
