"""Ranked search across events, partners and organizations, in English, Russian and
Kazakh. Pure functions.

A query may be typed as a question in any of the three languages: its question words
(``when``, ``когда``, ``қашан``) are left out, and every other word must be said by the
text, as :mod:`kzfp_cli.words` reads it (its forms, words of the same meaning, other
names). A word no text holds is read as the nearest word that one does (``Tokaev`` is
``tokayev``). Each event is searched in every language its text is in.

The data answers what it can before words do:

- a question about Kazakhstan joining an organization (``join``, ``вступил``, ``мүше``)
  is answered first by the event that made it a member (the organization's
  ``joined_event``);
- a year, or a month and a year (``2010``, ``январь 2022``), narrows the answer to events
  of that time; with nothing else asked, those events are the answer, in order;
- ``first`` (``впервые``, ``алғаш``) puts the earliest of equally good answers first.
"""

from __future__ import annotations

import difflib
import math
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from itertools import islice, takewhile
from typing import NamedTuple

from kzfp_cli.dates import PartialDate
from kzfp_cli.model import Dataset, Event
from kzfp_cli.translations import Translations
from kzfp_cli.words import NAME, WORD, Wanted, fold, joined, lexicon, stems, with_pairs, words

NEAR_CUTOFF = 0.8
# Up to this much more when the query covers the whole title: of two titles that match
# alike, the shorter, more to the point one ranks first.
COVERAGE = 0.25
# Up to this much more when a title says the query's words in the query's order: of
# "Astana renamed Nur-Sultan" and "Nur-Sultan renamed Astana", the one asked for.
ORDER = 0.25
_YEAR = re.compile(r"[12][0-9]{3}")

# A field's weight multiplies how well its words match.
TITLE, ID, NAMES, SUMMARY, NOTE = 3.0, 2.0, 1.5, 1.0, 0.5


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
    them all, ``partial`` is true and every hit holds ``held`` of them. ``when`` is the
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


class Document(NamedTuple):
    kind: str
    id: str
    date: PartialDate | None
    # (weight, indexed words) per field: a match in a title counts more than in a summary.
    # A field's words include its adjacent pairs joined (nursultan for Nur-Sultan).
    fields: tuple[tuple[float, frozenset[str]], ...]
    # The meaningful words of each of its titles (one a language), in order, to tell how
    # much of a title a query covers, and whether in the query's order.
    titles: tuple[tuple[str, ...], ...]
    # Its id, names and aliases, folded and run together: typed exactly, it ranks first.
    names: frozenset[str]
    # The words of its fields as written, without the pairs run together.
    singles: frozenset[str]


class _Draft(NamedTuple):
    kind: str
    id: str
    date: PartialDate | None
    names: list[str]
    titles: list[str]
    fields: list[tuple[float, str]]


def _texts(translations: Sequence[Translations], table: str, ident: str, column: str) -> list[str]:
    return [t.texts(table).get(ident, {}).get(column, "") for t in translations]


def documents(
    dataset: Dataset,
    translations: Sequence[Translations] = (),
    *,
    when: PartialDate | None = None,
    span: str = "on",
    holding: Iterable[str] | None = None,
    keep: str | None = None,
) -> list[Document]:
    """What search reads: each event, partner and organization with its texts in English
    and in the languages of ``translations``. With ``when``, only the events of that
    time; with ``holding``, only the documents whose folded text holds one of these
    beginnings of words (and ``keep``), as no other can match."""
    drafts = []
    for event in dataset.events:
        if when is not None and not _in_time(event, when, span):
            continue
        titles = [event.title, *_texts(translations, "events", event.id, "title")]
        summaries = [event.summary, *_texts(translations, "events", event.id, "summary")]
        names = " ".join(
            [dataset.partners[p].name for p in event.partners]
            + [dataset.orgs[o].acronym for o in event.orgs]
        )
        fields = [
            *((TITLE, title) for title in titles),
            (ID, event.id.replace("-", " ")),
            (NAMES, names),
            *((SUMMARY, summary) for summary in summaries),
            (NOTE, event.note),
        ]
        drafts.append(_Draft("event", event.id, event.date, [event.id], titles, fields))
    for partner in dataset.partners.values() if when is None else ():
        partner_names = [partner.id, partner.name, *partner.aliases, partner.iso3]
        texts = [
            text
            for column in ("profile", "shared_interests", "tensions")
            for text in (
                getattr(partner, column),
                *_texts(translations, "partners", partner.id, column),
            )
        ]
        fields = [(TITLE, " ".join(partner_names)), *((SUMMARY, text) for text in texts)]
        titles = [partner.name, *_texts(translations, "partners", partner.id, "name")]
        drafts.append(_Draft("partner", partner.id, None, partner_names, titles, fields))
    for org in dataset.orgs.values() if when is None else ():
        org_names = [org.id, org.acronym, org.name, *org.aliases]
        translated = _texts(translations, "orgs", org.id, "name")
        fields = [(TITLE, " ".join(org_names)), *((TITLE, text) for text in translated)]
        titles = [org.name, *translated]
        drafts.append(_Draft("org", org.id, None, org_names, titles, fields))
    return _indexed(drafts, None if holding is None else tuple(holding), keep)


def _indexed(
    drafts: Sequence[_Draft], holding: tuple[str, ...] | None, keep: str | None
) -> list[Document]:
    """The drafts' texts as words. Every text is folded in one pass, and only the drafts
    that can match are split into words: together most of the cost of a search."""
    texts = [text for draft in drafts for text in (*draft.titles, *(t for _, t in draft.fields))]
    folded = fold("\x00".join(texts)).split("\x00")
    stop = lexicon().stop_words
    found = []
    at = 0
    for draft in drafts:
        size = len(draft.titles) + len(draft.fields)
        own = folded[at : at + size]
        at += size
        if holding is not None and draft.id != keep:
            whole = "\x00".join(own)
            if not any(beginning in whole for beginning in holding):
                continue
        titles = [WORD.findall(text) for text in own[: len(draft.titles)]]
        fields = [
            (weight, WORD.findall(text))
            for (weight, _), text in zip(draft.fields, own[len(draft.titles) :], strict=True)
        ]
        found.append(
            Document(
                draft.kind,
                draft.id,
                draft.date,
                # Names are run together in titles, ids and names (Nur-Sultan), not
                # in the longer texts, where the pairs would cost more than they find.
                tuple(
                    (weight, frozenset(with_pairs(w) if weight >= NAMES else w))
                    for weight, w in fields
                    if w
                ),
                tuple(tuple(w for w in title if w not in stop) for title in titles if title),
                frozenset(joined(name) for name in draft.names if name),
                frozenset(word for _, w in fields for word in w),
            )
        )
    return found


def _translated_names(
    translations: Sequence[Translations], table: str, ident: str, columns: Sequence[str]
) -> list[str]:
    return [
        text for column in columns for text in _texts(translations, table, ident, column) if text
    ]


def other_names(
    dataset: Dataset, translations: Sequence[Translations] = ()
) -> dict[str, frozenset[str]]:
    """For each name of a person, place, partner or organization (folded, run together),
    every name of the same one: ``akmola`` gives ``astana``, ``нурсултан``...; a single
    word of a name (Тоқаев, Қасым-Жомарт) stands for its owner too."""
    groups: list[list[str]] = []
    for named in dataset.people:
        groups.append([named.name, *named.aliases])
    for place in dataset.places:
        groups.append([place.name, *place.aliases])
    for partner in dataset.partners.values():
        translated = _translated_names(translations, "partners", partner.id, ["name"])
        groups.append([partner.name, *partner.aliases, *translated])
    for org in dataset.orgs.values():
        translated = _translated_names(translations, "orgs", org.id, ["acronym", "name"])
        groups.append([org.acronym, org.name, *org.aliases, *translated])
    table: dict[str, set[str]] = {}
    for group in groups:
        folded = {joined(name) for name in group} - {""}
        singles = {word for name in group for word in words(name) if len(word) > 3}
        for key in folded | singles:
            table.setdefault(key, set()).update(folded)
    return {key: frozenset(value) for key, value in table.items()}


class Question(NamedTuple):
    """A query as search reads it: the words asked for, and the time it names."""

    wanted: list[Wanted]
    when: PartialDate | None
    first: bool
    # It asks when something happened (when, когда, қашан): the answer is an event.
    dated: bool
    # The time asked about: on ``when``, from it on ("since 2014", in any of the three
    # languages) or up to it ("before 2014").
    span: str = "on"


def read_question(text: str, names: Mapping[str, frozenset[str]]) -> Question:
    """The words of ``text`` to search, without question words (unless nothing else is
    typed) and repeats, with the year or month it names taken out."""
    typed = words(text)
    months = lexicon().months
    years = [int(word) for word in typed if _YEAR.fullmatch(word)]
    when = None
    rest = typed
    if len(years) == 1:
        year = years[0]
        month = next(
            (number for number, forms in enumerate(months, 1) for w in typed if w in forms), None
        )
        when = PartialDate(year, month)
        dated = {str(year)} | (months[month - 1] if month else frozenset())
        rest = [word for word in typed if word not in dated]
    stop = lexicon().stop_words
    meaningful = [word for word in rest if word not in stop]
    if not meaningful and when is None:
        meaningful = rest
    wanted = [Wanted(word, names.get(word, ())) for word in dict.fromkeys(meaningful)]
    # "first" (впервые, алғаш) asks for the earliest answer, not for the word.
    firsts = [one for one in wanted if "first" in one.in_groups()]
    first = bool(firsts) and len(firsts) < len(wanted)
    if first:
        wanted = [one for one in wanted if one not in firsts]
    span = "on"
    if when is not None:
        at = typed.index(str(when.year))
        before, after = set(typed[at - 1 : at]), set(typed[at + 1 : at + 3])
        for name, (ahead, behind) in (("since", lexicon().since), ("until", lexicon().until)):
            if before & ahead or after & behind:
                span = name
    return Question(wanted, when, first, not lexicon().asks_when.isdisjoint(typed), span)


class _Index(NamedTuple):
    """The words of the documents, sorted, to find those beginning with a stem; and the
    adjacent pairs run together, which match only as typed."""

    singles: list[str]
    pairs: frozenset[str]


def _index(docs: Sequence[Document]) -> _Index:
    every: set[str] = set()
    singles: set[str] = set()
    for document in docs:
        every.update(*(field for _, field in document.fields))
        singles |= document.singles
    return _Index(sorted(singles), frozenset(every - singles))


def _strengths(wanted: Wanted, index: _Index) -> dict[str, float]:
    """How well each word of the texts says ``wanted``."""
    found: dict[str, float] = {}
    for beginning in wanted.beginnings():
        start = bisect_left(index.singles, beginning)
        for word in islice(index.singles, start, None):
            if not word.startswith(beginning):
                break
            if word not in found:
                strength = wanted.strength(word)
                if strength:
                    found[word] = strength
    for name in (wanted.word, *wanted.names):
        if name in index.pairs:
            found[name] = 1.0 if name == wanted.word else NAME
    return found


def _corrected(wanted: Wanted, index: _Index, names: Mapping[str, frozenset[str]]) -> Wanted:
    """A word no text says, read as the nearest word one holds (a typo: Tokaev)."""
    if len(wanted.word) < 4:
        return wanted
    start = bisect_left(index.singles, wanted.word[:1])
    candidates = [
        word
        for word in takewhile(
            lambda w: w[:1] == wanted.word[:1], islice(index.singles, start, None)
        )
        if abs(len(word) - len(wanted.word)) <= 2
    ]
    close = difflib.get_close_matches(wanted.word, candidates, n=1, cutoff=NEAR_CUTOFF)
    return Wanted(close[0], names.get(close[0], ())) if close else wanted


class _Scored(NamedTuple):
    hit: Hit
    held: int  # how many query words the document holds
    exact: bool  # the query is its id, name or an alias


def _rarity(
    strengths: Sequence[dict[str, float]], docs: Sequence[Document], total: int
) -> list[float]:
    """How much each query word tells: its inverse document frequency (as BM25 counts
    it), so that a word few texts hold (Lisbon) outweighs one most hold (president)."""
    rarity = []
    for strength in strengths:
        holding = sum(
            1 for document in docs if any(field & strength.keys() for _, field in document.fields)
        )
        rarity.append(math.log(1 + (total - holding + 0.5) / (holding + 0.5)))
    return rarity


def _score(
    document: Document, strengths: Sequence[dict[str, float]], rarity: Sequence[float]
) -> tuple[float, int, set[str]]:
    """The document's score, how many query words it holds, and its words that matched.

    Each query word counts by how rare it is and how well the best field says it; the sum
    is scaled by the share of the query's words the document holds (a text that says all
    of them outranks one that says most, unless those are far rarer), and raised by how
    much of a title the query covers and whether in the query's order."""
    score = 0.0
    held = 0
    matched: set[str] = set()
    for strength, weight_of_word in zip(strengths, rarity, strict=True):
        best = 0.0
        for weight, field in document.fields:
            for word in field & strength.keys():
                best = max(best, weight * strength[word])
                matched.add(word)
        if best:
            held += 1
            score += weight_of_word * best
    if held:
        bonus = max(
            (_title_bonus(title, matched, strengths) for title in document.titles if title),
            default=0.0,
        )
        score *= held / len(strengths) * (1 + bonus)
    return score, held, matched


def _title_bonus(
    title: Sequence[str], matched: set[str], strengths: Sequence[dict[str, float]]
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


def joined_answer(
    dataset: Dataset, question: Question, translations: Sequence[Translations] = ()
) -> str | None:
    """The event that made Kazakhstan a member of the organization a question names,
    when it asks about joining (``join``, ``вступил``, ``мүше``), or asks when and names
    nothing but the organization (``since when in the EAEU``, in any of the languages);
    None when it also names a partner, as it then asks about that partner."""
    asked = [one.word for one in question.wanted]
    joining = {i for i, one in enumerate(question.wanted) if "join" in one.in_groups()}
    if not joining and not question.dated:
        return None
    asked_stems = [stems(word) | {word} for word in asked]
    stop = lexicon().stop_words

    def named(name: str) -> set[int]:
        """The positions of the asked words that spell ``name`` (its words in order,
        each in some form), or none."""
        parts = [part for part in words(name) if part not in stop]
        if len(parts) == 1 and joined(name) in asked:
            return {asked.index(joined(name))}
        part_stems = [stems(part) | {part} for part in parts]
        for start in range(len(asked) - len(parts) + 1):
            if parts and all(part_stems[i] & asked_stems[start + i] for i in range(len(parts))):
                return set(range(start, start + len(parts)))
        return set()

    for partner in dataset.partners.values():
        translated = _translated_names(translations, "partners", partner.id, ["name"])
        if any(named(name) for name in (partner.id, partner.name, *partner.aliases, *translated)):
            return None
    # The organization whose name spells the most words: the Collective Security Treaty
    # Organization, not the Collective Security Treaty its name begins with.
    found: tuple[int, str | None] = (0, None)
    for org in dataset.orgs.values():
        if org.joined_event not in dataset.events_by_id:
            continue
        translated = _translated_names(translations, "orgs", org.id, ["acronym", "name"])
        for name in (org.id, org.acronym, org.name, *org.aliases, *translated):
            # The question asks nothing else: "when did the WTO's General Council
            # approve Kazakhstan's accession" is about the approval.
            spelled = len(named(name))
            if spelled > found[0] and spelled + len(joining) == len(asked):
                found = (spelled, org.joined_event)
    return found[1]


def _in_time(event: Event, when: PartialDate, span: str) -> bool:
    """Whether ``event`` is of the time asked about (see Question.span)."""
    if span == "since":
        return event.last >= when.first
    if span == "until":
        return event.first <= when.last
    return event.first <= when.last and event.last >= when.first


def nearest_years(dataset: Dataset, year: int) -> tuple[int, ...]:
    """The closest years before and after ``year`` in which an event began."""
    years = {event.date.year for event in dataset.events}
    before = max((y for y in years if y < year), default=None)
    after = min((y for y in years if y > year), default=None)
    return tuple(y for y in (before, after) if y is not None)


def search(
    dataset: Dataset,
    text: str,
    translations: Sequence[Translations] = (),
    shown: Translations | None = None,
) -> Results:
    """Documents that say every searched word of ``text``, best first; when none says
    them all, those saying the most. Events are read in English and in the languages of
    ``translations``; hits are titled in the language of ``shown`` (English if None)."""
    names = other_names(dataset, translations)
    question = read_question(text, names)
    if not question.wanted and question.when is None:
        return Results([], (), 0)
    return _search(dataset, question, text, names, translations, shown)


def _search(
    dataset: Dataset,
    question: Question,
    text: str,
    names: Mapping[str, frozenset[str]],
    translations: Sequence[Translations],
    shown: Translations | None,
) -> Results:
    answer = joined_answer(dataset, question, translations)
    beginnings = {beginning for one in question.wanted for beginning in one.beginnings()}
    docs = documents(
        dataset,
        translations,
        when=question.when,
        span=question.span,
        holding=beginnings if question.wanted else None,
        keep=answer,
    )
    if question.when is not None and not docs and not question.wanted:
        return Results([], (), 0, question.when, nearest_years(dataset, question.when.year))
    index = _index(docs)
    if any(not _strengths(one, index) for one in question.wanted):
        # A word no text holds may be a typo: read it against every word there is.
        docs = documents(dataset, translations, when=question.when, span=question.span)
        index = _index(docs)
    wanted = []
    strengths = []
    for one in question.wanted:
        found = _strengths(one, index)
        if not found:
            one = _corrected(one, index, names)
            found = _strengths(one, index)
        wanted.append(one)
        strengths.append(found)
    typed = {joined(text), "".join(one.word for one in wanted)}
    total = len(dataset.events) + len(dataset.partners) + len(dataset.orgs)
    rarity = _rarity(strengths, docs, total)
    scored = []
    for document in docs:
        if strengths:
            score, held, matched = _score(document, strengths, rarity)
        else:  # only a time was asked: its events, in order
            score, held, matched = 0.0, 0, set()
        if held or not strengths or document.id == answer:
            hit = Hit(
                document.kind,
                document.id,
                _title(dataset, document, shown),
                document.date,
                round(score, 3),
                frozenset(matched),
            )
            top = document.id == answer or bool(document.names & typed)
            scored.append(_Scored(hit, held, top))
    most = max((one.held for one in scored), default=0)
    best = scored
    if not strengths:
        best.sort(key=lambda one: (one.hit.date.sortable() if one.hit.date else "", one.hit.id))
    else:
        best.sort(key=lambda one: _rank(one, oldest=question.first, dated=question.dated))
    return Results(
        [one.hit for one in best], tuple(one.word for one in wanted), most, question.when
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
    """Exact names and the answer the data gives first; then what holds more of the
    query's words, by score; at equal scores the newest event first (the oldest, for a
    question about a first), then partners and organizations, by id. A question that
    asks when (``dated``) puts events, which have a date, before partners and
    organizations."""
    hit = scored.hit
    sortable = hit.date.sortable() if hit.date else ""
    when = sortable if oldest else _negated(sortable)
    undated = hit.date is None
    if oldest:  # of what holds the most words, the earliest
        return (
            not scored.exact, dated and undated, -scored.held, 0.0, undated, when,
            hit.kind, hit.id,
        )  # fmt: skip
    return (
        not scored.exact, dated and undated, 0, -hit.score, undated, when, hit.kind, hit.id,
    )  # fmt: skip


def _negated(sortable: str) -> str:
    """A sortable date that sorts the other way round."""
    return sortable.translate(_NINES)


_NINES = str.maketrans("0123456789", "9876543210")


class TextQuery(NamedTuple):
    """What ``--search TEXT`` asks for: every word of it, said by an event's id, title,
    summary or note, or by its title or summary in Russian or Kazakh, as search reads
    words."""

    wanted: tuple[Wanted, ...]
    # Each built-in event's translated title and summary, by id.
    translated: Mapping[str, tuple[str, ...]]

    @classmethod
    def of(cls, text: str) -> TextQuery:
        from kzfp_cli.choices import Lang
        from kzfp_cli.translations import load_translations

        translated: dict[str, tuple[str, ...]] = {}
        for lang in (Lang.ru, Lang.kk):
            for ident, texts in load_translations(lang).texts("events").items():
                translated[ident] = (*translated.get(ident, ()), *texts.values())
        return cls(tuple(Wanted(word) for word in dict.fromkeys(words(text))), translated)

    def said_by(self, event: Event) -> bool:
        texts = (event.id, event.title, event.summary, event.note)
        found = {
            word for text in (*texts, *self.translated.get(event.id, ())) for word in words(text)
        }
        return all(one.said_by(found) for one in self.wanted)
