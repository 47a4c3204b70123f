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
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import islice, takewhile
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from kzfp_cli.corpus import BATCH, Corpus, Document, corpus, read_texts
from kzfp_cli.dates import PartialDate
from kzfp_cli.model import Dataset, Event
from kzfp_cli.question import (
    Question,
    in_time,
    joined_answer,
    named_things,
    other_names,
    read_question,
)
from kzfp_cli.translations import Translations
from kzfp_cli.words import Wanted, joined, languages, scripts, words

NEAR_CUTOFF = 0.8
# Up to this share more when the query covers the whole title: of two titles that match
# alike, the shorter, more to the point one ranks first.
COVERAGE = 0.25
# Up to this share more when a title says the query's words in the query's order: of
# "Astana renamed Nur-Sultan" and "Nur-Sultan renamed Astana", the one asked for.
ORDER = 0.25


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


class _Found(NamedTuple):
    """A document that says some of the words asked for, as it is read: its part of the
    score, before how rare each word is (which takes every document) is known."""

    kind: str
    id: str
    title: str  # in the language hits are shown in
    date: PartialDate | None
    # How well its best field says each word asked for (0 where it says none).
    best: tuple[float, ...]
    matched: frozenset[str]
    bonus: float  # how well a title says the query (see _title_bonus)
    named: bool  # the query is its id, name or an alias


if TYPE_CHECKING:
    from kzfp_cli.store import Selection

    # Reads a user's events (showing each to ``Selection.matches``, holding those it
    # matches) and gives the whole dataset: ``Loading.load`` of :mod:`kzfp_cli.store`.
    ReadEvents = Callable[[Selection], Dataset]


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
    reads = _Reads(
        [one for one in translations if one.lang.value in asked_in],
        scripts(" ".join(one.word for one in question.wanted)),
        shown,
        frozenset(known.partners),
        frozenset(known.orgs),
    )
    reading = _Reading(known, question, question.wanted, reads, joined(text))
    dataset = reading.done(read)
    wanted = reading.corrected(names)
    if wanted != question.wanted:
        reading = _Reading(known, question, wanted, reads, joined(text))
        dataset = reading.done(read)
    when = question.when
    if when is not None and not reading.in_time and question.span == "on":
        return Results([], (), 0, when, _nearest(reading.years, when.year))
    if not wanted:  # only a time was asked: its events, in order
        hits = [_hit(found, 0.0) for found in reading.found]
        hits.sort(key=lambda hit: (hit.date.sortable() if hit.date else "", hit.id))
        return Results(hits, (), 0, when)
    answer = joined_answer(dataset, question, things)
    total = reading.documents
    rarity = [math.log(1 + (total - n + 0.5) / (n + 0.5)) for n in reading.saying]
    scored = []
    # Each record is let go as its hit is made: of a million hits, one of the two is held.
    while reading.found:
        found = reading.found.pop()
        score, held = _score(found, rarity)
        if held or found.id == answer:
            exact = found.named or found.id == answer
            scored.append(_Scored(_hit(found, score), held, exact, score))
    _rank(scored, oldest=question.first, dated=question.dated)
    most = max((one.held for one in scored), default=0)
    return Results([one.hit for one in scored], tuple(one.word for one in wanted), most, when)


class _Reads(NamedTuple):
    """Which texts search reads, and which it shows."""

    translations: Sequence[Translations]  # read beside English
    alphabets: frozenset[str]  # those of the query (see corpus.corpus)
    shown: Translations | None  # hits are titled in its language, English if None
    # Those known before a user's events are read, which may name more: the store adds
    # them to the known data as it reads.
    partners: frozenset[str]
    orgs: frozenset[str]


class _Reading:
    """One read of every document for the words ``wanted``: the built-in data's at once
    (read once for a dataset, see corpus.corpus), a user's events BATCH at a time as the
    store reads them (as a ``Selection`` that holds none of them but the few the answer
    may be, see joined_answer)."""

    def __init__(
        self,
        known: Dataset,
        question: Question,
        wanted: Sequence[Wanted],
        reads: _Reads,
        typed: str,
    ) -> None:
        self.known = known
        self.question = question
        self.wanted = list(wanted)
        self.reads = reads
        self.typed = {typed, "".join(one.word for one in wanted)}
        self.found: list[_Found] = []
        # How many documents say each word; how many events there are; the years they begin
        # in; the partners and organizations read (a user's events may name more).
        self.saying = [0] * len(wanted)
        self.events = len(known.events)
        self.partners, self.orgs = set(reads.partners), set(reads.orgs)
        self.years = {event.date.year for event in known.events}
        # For each word no text has said yet (and long enough to be a typo), the words
        # that may be what was meant: those of its first letter and about its length.
        self.near: list[set[str] | None] = [
            set() if len(one.word) >= _TYPO else None for one in wanted
        ]
        self.answers = {org.joined_event for org in known.orgs.values() if org.joined_event}
        self.pending: list[Event] = []
        self._shared_best: dict[tuple[float, ...], tuple[float, ...]] = {}
        self._shared_words: dict[frozenset[str], frozenset[str]] = {}
        when = question.when
        kept = None
        if when is not None:
            kept = [event for event in known.events if in_time(event, when, question.span)]
        # How many events are of the time asked about, if one is.
        self.in_time = len(known.events) if kept is None else len(kept)
        self._read(corpus(known, reads.translations, keep=kept, alphabets=reads.alphabets), known)

    def matches(self, event: Event) -> bool:
        """Read a user's event; hold it only if the answer may be it."""
        self.events += 1
        self.years.add(event.date.year)
        when = self.question.when
        if when is None or in_time(event, when, self.question.span):
            self.in_time += 1
            self.pending.append(event)
            if len(self.pending) >= BATCH:
                self._read_pending()
        return event.id in self.answers

    def done(self, read: ReadEvents) -> Dataset:
        """Read the user's events with ``read``, then the partners and organizations
        they name that the data did not know; the whole dataset."""
        dataset = read(self)
        self._read_pending()
        partners = [one for one in dataset.partners.values() if one.id not in self.partners]
        orgs = [one for one in dataset.orgs.values() if one.id not in self.orgs]
        if self.question.when is None and (partners or orgs):
            reads = self.reads
            texts = read_texts(dataset, reads.translations, (), partners, orgs, reads.alphabets)
            self._read(texts, dataset)
        self.partners.update(one.id for one in partners)
        self.orgs.update(one.id for one in orgs)
        return dataset

    @property
    def documents(self) -> int:
        """How many documents there are: every event, partner and organization."""
        return self.events + len(self.partners) + len(self.orgs)

    def _read_pending(self) -> None:
        if self.pending:
            reads = self.reads
            self._read(
                corpus(
                    self.known, reads.translations, keep=self.pending, alphabets=reads.alphabets
                ),
                self.known,
            )
            self.pending = []

    def _read(self, texts: Corpus, dataset: Dataset) -> None:
        """What the documents of ``texts`` (of ``dataset``) say of each word asked for."""
        said = [texts.said(one) for one in self.wanted]
        for number, one in enumerate(said):
            self.saying[number] += len(one.best)
            near = self.near[number]
            if near is not None:
                if one.best or self.saying[number]:
                    self.near[number] = None
                else:
                    near.update(_near(self.wanted[number].word, texts.vocabulary))
        # Those that say a word, and those the answer may be; with no word asked for (only
        # a time), every one.
        numbers = {n for one in said for n in one.best}
        numbers.update(
            n
            for n, document in enumerate(texts.documents)
            if not said or document.id in self.answers
        )
        strengths = [one.strengths for one in said]
        for number in sorted(numbers):
            document = texts.documents[number]
            matched: set[str] = set()
            for one in said:
                matched |= one.words.get(number, set())
            titles = texts.titles(number) if matched else []
            bonus = max(
                (_title_bonus(title, matched, strengths) for title in titles if title), default=0.0
            )
            # Of a million hits, most say the same words, as well: each is held once.
            best = tuple(one.best.get(number, 0.0) for one in said)
            held = frozenset(matched)
            self.found.append(
                _Found(
                    document.kind,
                    document.id,
                    _title(dataset, document, self.reads.shown),
                    document.date,
                    self._shared_best.setdefault(best, best),
                    self._shared_words.setdefault(held, held),
                    bonus,
                    bool(document.names & self.typed),
                )
            )

    def corrected(self, names: Mapping[str, frozenset[str]]) -> list[Wanted]:
        """The words asked for, each that no text says read as the nearest word one
        does, if one is near."""
        corrected = []
        for one, near in zip(self.wanted, self.near, strict=True):
            close = _closest(one.word, near) if near else None
            corrected.append(Wanted(close, names.get(close, ())) if close else one)
        return corrected


# A word shorter than this that no text says is not read as another.
_TYPO = 4


def _near(word: str, vocabulary: list[str]) -> Iterator[str]:
    """The words of ``vocabulary`` (sorted) that begin as ``word`` does and are about as
    long: those a typo of it may be."""
    first = word[:1]
    start = bisect_left(vocabulary, first)
    for one in takewhile(lambda w: w[:1] == first, islice(vocabulary, start, None)):
        if abs(len(one) - len(word)) <= 2:
            yield one


def _closest(word: str, near: set[str]) -> str | None:
    """The word of ``near`` closest to ``word``, if close enough."""
    import difflib  # only for a word no text says

    close = difflib.get_close_matches(word, near, n=1, cutoff=NEAR_CUTOFF)
    return close[0] if close else None


def _score(found: _Found, rarity: Sequence[float]) -> tuple[float, int]:
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


def _title_bonus(
    title: Sequence[str], matched: set[str], strengths: Sequence[Mapping[str, float]]
) -> float:
    """How much of the title the query covers, and whether the title says the query's
    words in its order."""
    covered = len(set(title) & matched) / len(set(title))
    order = [
        next(k for k, strength in enumerate(strengths) if word in strength)
        for word in title
        if word in matched and any(word in strength for strength in strengths)
    ]
    first_at = {k: order.index(k) for k in set(order)}
    in_order = sum(
        1
        for k in range(len(strengths) - 1)
        if k in first_at and k + 1 in first_at and first_at[k] < first_at[k + 1]
    )
    ordered = in_order / (len(strengths) - 1) if len(strengths) > 1 else 0.0
    return COVERAGE * covered + ORDER * ordered


def _nearest(years: set[int], year: int) -> tuple[int, ...]:
    """The closest of ``years`` before and after ``year``."""
    before = max((y for y in years if y < year), default=None)
    after = min((y for y in years if y > year), default=None)
    return tuple(y for y in (before, after) if y is not None)


def _hit(found: _Found, score: float) -> Hit:
    return Hit(found.kind, found.id, found.title, found.date, round(score, 3), found.matched)


def _title(dataset: Dataset, document: Document, shown: Translations | None) -> str:
    """A document's title in the language of ``shown`` (English if None, or where it has
    no translation); an event's from its document, which the dataset may not hold."""
    table = {"event": "events", "partner": "partners", "org": "orgs"}[document.kind]
    texts = shown.texts(table).get(document.id, {}) if shown else {}
    if document.kind == "event":
        return texts.get("title") or document.title
    if document.kind == "partner":
        return texts.get("name") or dataset.partners[document.id].name
    org = dataset.orgs[document.id]
    return f"{texts.get('acronym') or org.acronym}: {texts.get('name') or org.name}"


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
