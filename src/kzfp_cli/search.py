"""Ranked search across events, partners and organizations, in English, Russian and
Kazakh: of a dataset held (:func:`search`), or of a user's events as they are read
(:func:`search_read`), which holds only the hits.

A query may be typed as a question in any of the three languages (see
:mod:`kzfp_cli.question` for how it is read, and what the data answers before words do).
Every word asked for is looked for in every text of every document, as
:mod:`kzfp_cli.words` reads words: its forms, words of the same meaning, other names. A
word no text holds is read as the nearest word one does (``Tokaev`` is ``tokayev``).

Hits are ranked by how much they say (see :func:`_score`): a rare word counts more than a
common one, a title more than a summary, a text that says every word more than one that
says some, and a title the query covers, in its order, more than one it touches.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from kzfp_cli.dates import PartialDate
from kzfp_cli.model import Dataset
from kzfp_cli.question import joined_answer, named_things, other_names, read_question
from kzfp_cli.scan import Found, Reads, Scan
from kzfp_cli.translations import Translations
from kzfp_cli.words import joined, languages, scripts, words

if TYPE_CHECKING:
    from kzfp_cli.scan import ReadEvents


class Hit(NamedTuple):
    """One search result. ``matched`` are the folded words of the text that matched."""

    kind: str
    id: str
    title: str
    date: PartialDate | None
    score: float
    matched: frozenset[str]


class Results(NamedTuple):
    """What a search found. ``words`` are the query words searched; when no hit holds
    them all, ``partial`` is true and the best hold ``held`` of them. ``when`` is the
    time the query named, if any; ``nearest`` the closest years with events when that
    time has none."""

    hits: list[Hit]
    words: tuple[str, ...]
    held: int
    when: PartialDate | None = None
    nearest: tuple[int, ...] = ()

    @property
    def partial(self) -> bool:
        return bool(self.hits) and self.held < len(self.words)


class _Scored(NamedTuple):
    hit: Hit
    held: int  # how many query words the document holds
    exact: bool  # the query is its id, name or an alias, or the answer the data gives
    score: float  # as computed: the hit's is rounded for people, and ties would be lost


def search(
    dataset: Dataset,
    text: str,
    translations: Sequence[Translations] = (),
    shown: Translations | None = None,
) -> Results:
    """The documents that say the words of ``text``, best first (those that say all of
    them, if any do, before those that say some). Events are read in English and in the
    languages of ``translations``; hits are titled in the language of ``shown`` (English
    if None)."""
    return search_read(dataset, text, lambda _: dataset, translations, shown)


def search_read(
    known: Dataset,
    text: str,
    read: ReadEvents,
    translations: Sequence[Translations] = (),
    shown: Translations | None = None,
) -> Results:
    """:func:`search` over ``known`` (the reference tables and the built-in events) and a
    user's events, which ``read`` reads: each event is scored as it is read and only
    those that say a word asked for are kept, so that the memory a search takes grows
    with its hits, not with the file. ``read`` is called a second time when a word no
    text says is read as the nearest word one does (a typo: Tokaev), which is known only
    once every event is read."""
    things = named_things(known, translations)
    names = other_names(things)
    question = read_question(text, names)
    if not question.wanted and question.when is None:
        return Results([], (), 0)
    # The texts in the question's alphabets, and of the translations, those in its
    # languages (a question in Russian is not weighed against the Kazakh texts).
    asked_in = languages(words(text))
    reads = Reads(
        [one for one in translations if one.lang.value in asked_in],
        scripts(" ".join(one.word for one in question.wanted)),
        shown,
        frozenset(known.partners),
        frozenset(known.orgs),
    )
    scan = Scan(known, question, question.wanted, reads, joined(text))
    dataset = scan.done(read)
    wanted = scan.corrected(names)
    if wanted != question.wanted:
        scan = Scan(known, question, wanted, reads, joined(text))
        dataset = scan.done(read)
    when = question.when
    if when is not None and not scan.in_time and question.span == "on":
        return Results([], (), 0, when, _nearest(scan.years, when.year))
    if not wanted:  # only a time was asked: its events, in order
        hits = [_hit(found, 0.0) for found in scan.found]
        hits.sort(key=lambda hit: (hit.date.sortable() if hit.date else "", hit.id))
        return Results(hits, (), 0, when)
    answer = joined_answer(dataset, question, things)
    total = scan.documents
    rarity = [math.log(1 + (total - n + 0.5) / (n + 0.5)) for n in scan.saying]
    scored = []
    # Each record is let go as its hit is made: of a million hits, one of the two is held.
    while scan.found:
        found = scan.found.pop()
        score, held = _score(found, rarity)
        if held or found.id == answer:
            exact = found.named or found.id == answer
            scored.append(_Scored(_hit(found, score), held, exact, score))
    _rank(scored, oldest=question.first, dated=question.dated)
    most = max((one.held for one in scored), default=0)
    return Results([one.hit for one in scored], tuple(one.word for one in wanted), most, when)


def _score(found: Found, rarity: Sequence[float]) -> tuple[float, int]:
    """A document's score, and how many query words it holds.

    Each query word counts by how rare it is (its inverse document frequency, as BM25
    counts it) and how well the document's best field says it; the sum is scaled by the
    square of the share of the query's words the document holds (a text that says three
    words of four counts a little over half), and raised by how much of a title the query
    covers and whether in the query's order."""
    held = sum(1 for best in found.best if best)
    score = sum(weight * best for weight, best in zip(rarity, found.best, strict=True))
    if held:
        score *= (held / len(found.best)) ** 2 * (1 + found.bonus)
    return score, held


def _nearest(years: set[int], year: int) -> tuple[int, ...]:
    """The closest of ``years`` before and after ``year``."""
    before = max((y for y in years if y < year), default=None)
    after = min((y for y in years if y > year), default=None)
    return tuple(y for y in (before, after) if y is not None)


def _hit(found: Found, score: float) -> Hit:
    return Hit(found.kind, found.id, found.title, found.date, round(score, 3), found.matched)


def _rank(scored: list[_Scored], *, oldest: bool, dated: bool) -> None:
    """Put ``scored`` best first: exact names and the answer the data gives first; then
    by score; at equal scores the newest event first, then partners and organizations, by
    id. A question about a first puts the earliest of what holds the most words first. A
    question that asks when (``dated``) puts events, which have a date, before partners
    and organizations.

    Sorted by the last of those rules first, each sort keeping the order of the one
    before, on keys the hits already hold (and one string for each different day): a
    million hits make no tuple of keys each."""
    days: dict[PartialDate, str] = {}

    def day(one: _Scored) -> str:
        date = one.hit.date
        if date is None:
            return ""
        found = days.get(date)
        if found is None:
            found = days[date] = date.sortable()
        return found

    def undated(one: _Scored) -> bool:
        return one.hit.date is None

    scored.sort(key=lambda one: one.hit.id)
    scored.sort(key=lambda one: one.hit.kind)
    # Of a first: the most words held, then the earliest; else the score, then the newest.
    scored.sort(key=day, reverse=not oldest)
    scored.sort(key=undated)
    scored.sort(key=attrgetter("held") if oldest else attrgetter("score"), reverse=True)
    if dated:
        scored.sort(key=undated)
    scored.sort(key=lambda one: not one.exact)
