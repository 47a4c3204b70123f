"""Ranked search across events, partners and organizations, in English, Russian and
Kazakh. Pure functions.

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
from collections.abc import Mapping, Sequence
from itertools import islice, takewhile
from typing import NamedTuple

from kzfp_cli.corpus import Corpus, Document, Said, corpus
from kzfp_cli.dates import PartialDate
from kzfp_cli.model import Dataset
from kzfp_cli.question import in_time, joined_answer, named_things, other_names, read_question
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
    things = named_things(dataset, translations)
    names = other_names(things)
    question = read_question(text, names)
    if not question.wanted and question.when is None:
        return Results([], (), 0)
    when = question.when
    kept = None
    if when is not None:
        kept = [event for event in dataset.events if in_time(event, when, question.span)]
        if not kept and question.span == "on":
            return Results([], (), 0, when, nearest_years(dataset, when.year))
    # The texts in the question's alphabets, and of the translations, those in its
    # languages (a question in Russian is not weighed against the Kazakh texts).
    alphabets = scripts(" ".join(one.word for one in question.wanted))
    asked_in = languages(words(text))
    read = [one for one in translations if one.lang.value in asked_in]
    texts = corpus(dataset, read, keep=kept, alphabets=alphabets)
    if not question.wanted:  # only a time was asked: its events, in order
        hits = [_hit(dataset, document, 0.0, set(), shown) for document in texts.documents]
        hits.sort(key=lambda hit: (hit.date.sortable() if hit.date else "", hit.id))
        return Results(hits, (), 0, when)
    wanted, said = _said(texts, question.wanted, names)
    answer = joined_answer(dataset, question, things)
    typed = {joined(text), "".join(one.word for one in wanted)}
    total = len(dataset.events) + len(dataset.partners) + len(dataset.orgs)
    rarity = [math.log(1 + (total - len(one.best) + 0.5) / (len(one.best) + 0.5)) for one in said]
    found = {number for one in said for number in one.best}
    found.update(n for n, document in enumerate(texts.documents) if document.id == answer)
    scored = []
    for number in found:
        document = texts.documents[number]
        score, held, matched = _score(texts, number, said, rarity)
        hit = _hit(dataset, document, score, matched, shown)
        top = document.id == answer or bool(document.names & typed)
        scored.append(_Scored(hit, held, top, score))
    scored.sort(key=lambda one: _rank(one, oldest=question.first, dated=question.dated))
    most = max((one.held for one in scored), default=0)
    return Results([one.hit for one in scored], tuple(one.word for one in wanted), most, when)


def _said(
    texts: Corpus, wanted: Sequence[Wanted], names: Mapping[str, frozenset[str]]
) -> tuple[list[Wanted], list[Said]]:
    """Where the texts say each word asked for; a word they never say is read as the
    nearest word they hold, if one is near."""
    said = [texts.said(one) for one in wanted]
    if all(one.best for one in said):
        return list(wanted), said
    vocabulary = texts.vocabulary
    corrected = [
        one if found.best else _corrected(one, vocabulary, names)
        for one, found in zip(wanted, said, strict=True)
    ]
    return corrected, [
        texts.said(one) if one is not asked else found
        for one, asked, found in zip(corrected, wanted, said, strict=True)
    ]


def _corrected(
    wanted: Wanted, vocabulary: list[str], names: Mapping[str, frozenset[str]]
) -> Wanted:
    """``wanted`` read as the nearest word of the vocabulary (a typo: Tokaev)."""
    import difflib  # only for a word no text says

    if len(wanted.word) < 4:
        return wanted
    first = wanted.word[:1]
    start = bisect_left(vocabulary, first)
    candidates = [
        word
        for word in takewhile(lambda w: w[:1] == first, islice(vocabulary, start, None))
        if abs(len(word) - len(wanted.word)) <= 2
    ]
    close = difflib.get_close_matches(wanted.word, candidates, n=1, cutoff=NEAR_CUTOFF)
    return Wanted(close[0], names.get(close[0], ())) if close else wanted


def _score(
    texts: Corpus, number: int, said: Sequence[Said], rarity: Sequence[float]
) -> tuple[float, int, set[str]]:
    """A document's score, how many query words it holds, and its words that matched.

    Each query word counts by how rare it is (its inverse document frequency, as BM25
    counts it) and how well the document's best field says it; the sum is scaled by the
    square of the share of the query's words the document holds (a text that says three
    words of four counts a little over half), and raised by how much of a title the query
    covers and whether in the query's order."""
    score = 0.0
    held = 0
    matched: set[str] = set()
    for one, weight in zip(said, rarity, strict=True):
        best = one.best.get(number)
        if best:
            held += 1
            score += weight * best
            matched |= one.words[number]
    if held:
        strengths = [one.strengths for one in said]
        bonus = max(
            (_title_bonus(title, matched, strengths) for title in texts.titles(number) if title),
            default=0.0,
        )
        score *= (held / len(said)) ** 2 * (1 + bonus)
    return score, held, matched


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


def nearest_years(dataset: Dataset, year: int) -> tuple[int, ...]:
    """The closest years before and after ``year`` in which an event began."""
    years = {event.date.year for event in dataset.events}
    before = max((y for y in years if y < year), default=None)
    after = min((y for y in years if y > year), default=None)
    return tuple(y for y in (before, after) if y is not None)


def _hit(
    dataset: Dataset,
    document: Document,
    score: float,
    matched: set[str],
    shown: Translations | None,
) -> Hit:
    return Hit(
        document.kind,
        document.id,
        _title(dataset, document, shown),
        document.date,
        round(score, 3),
        frozenset(matched),
    )


def _title(dataset: Dataset, document: Document, shown: Translations | None) -> str:
    table = {"event": "events", "partner": "partners", "org": "orgs"}[document.kind]
    texts = shown.texts(table).get(document.id, {}) if shown else {}
    if document.kind == "event":
        return texts.get("title") or dataset.events_by_id[document.id].title
    if document.kind == "partner":
        return texts.get("name") or dataset.partners[document.id].name
    org = dataset.orgs[document.id]
    return f"{texts.get('acronym') or org.acronym}: {texts.get('name') or org.name}"


def _rank(
    scored: _Scored, *, oldest: bool, dated: bool
) -> tuple[bool, bool, int, float, bool, str, str, str]:
    """Exact names and the answer the data gives first; then by score; at equal scores
    the newest event first, then partners and organizations, by id. A question about a
    first puts the earliest of what holds the most words first. A question that asks
    when (``dated``) puts events, which have a date, before partners and organizations."""
    hit = scored.hit
    sortable = hit.date.sortable() if hit.date else ""
    undated = hit.date is None
    # Of a first: the most words held, then the earliest; else the score, then the newest.
    held, score, when = (
        (-scored.held, 0.0, sortable) if oldest else (0, -scored.score, _negated(sortable))
    )
    return (not scored.exact, dated and undated, held, score, undated, when, hit.kind, hit.id)


def _negated(sortable: str) -> str:
    """A sortable date that sorts the other way round."""
    return sortable.translate(_NINES)


_NINES = str.maketrans("0123456789", "9876543210")
