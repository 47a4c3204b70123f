"""Ranked, typo-tolerant search across events, partners and organizations. Pure functions.

A query may be typed as a question: its stop words (``when``, ``did``, ``the``) are left
out, and the rest must match. Words are compared after folding case and accents, so
``Türkiye`` finds ``turkiye``. A query word matches a word of the text exactly; by its
stem (``joined`` finds ``joins``, ``membership`` finds ``member``); as a prefix (``kazakh``
finds ``kazakhstan``); by a word of the same meaning (``join`` finds ``member`` and
``accession``); or when it is a near spelling (``Tokaev`` finds ``Tokayev``). Pairs of
adjacent words are also indexed joined, so ``Nursultan`` finds ``Nur-Sultan``.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Sequence
from typing import NamedTuple

from kzfp_cli.dates import PartialDate
from kzfp_cli.model import Dataset
from kzfp_cli.words import (
    MIN_STEM,
    STOP_WORDS,
    SYNONYMS_OF,
    joined,
    pairs,
    query_words,
    stem,
    words,
)

# How much one matching word counts, by how it matches. A field's weight multiplies it.
EXACT, FORM, PREFIX, SYNONYM, NEAR = 1.0, 0.9, 0.8, 0.75, 0.7
NEAR_CUTOFF = 0.8
# Up to this much more when the query covers the whole title: of two titles that match
# alike, the shorter, more to the point one ranks first.
COVERAGE = 0.5


def other_names(dataset: Dataset) -> dict[str, str]:
    """Every other name of a partner, organization, theme or person (Россия, ШОС, Toqaev,
    Britain), folded, with the name our texts use for it. The names of partners,
    organizations and themes are those --partner, --org and --theme answer to."""
    from kzfp_cli.query import org_vocabulary, partner_vocabulary, theme_vocabulary

    names: dict[str, str] = {}
    in_our_texts = (
        (partner_vocabulary(dataset), {p.id: p.name for p in dataset.partners.values()}),
        (org_vocabulary(dataset), {o.id: o.acronym for o in dataset.orgs.values()}),
        (theme_vocabulary(dataset), {t.id: t.name for t in dataset.themes.values()}),
    )
    for vocabulary, ours in in_our_texts:
        for ident in vocabulary.ids:
            names.update((joined(name), ours[ident]) for name in vocabulary.names_of(ident))
    for person in dataset.people:
        names.update((joined(alias), person.name) for alias in person.aliases)
        # A surname or a first name alone finds the person too (Тоқаев, Қасым-Жомарт).
        for alias in person.aliases:
            names.update((word, person.name) for word in words(alias) if len(word) >= MIN_STEM)
    names.pop("", None)
    return names


def in_our_words(dataset: Dataset, text: str, vocabulary: Collection[str]) -> str:
    """``text`` with a name no event holds, that is another name of something our texts
    name, put in our texts' words: ``search Токаев`` searches ``Tokayev``, and
    ``search ШОС`` the SCO. A word the events hold is searched as it is."""
    typed = words(text)
    if all(word in vocabulary for word in typed):
        return text
    names = other_names(dataset)
    whole = names.get("".join(typed))
    if whole is not None:
        return whole
    return " ".join(names.get(word, word) if word not in vocabulary else word for word in typed)


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
    them all, ``partial`` is true and every hit holds ``held`` of them."""

    hits: list[Hit]
    words: tuple[str, ...]
    held: int

    @property
    def partial(self) -> bool:
        return bool(self.hits) and self.held < len(self.words)


class _Document(NamedTuple):
    kind: str
    id: str
    title: str
    date: PartialDate | None
    # (weight, indexed words) per field: a match in a title counts more than in a summary.
    # A field's words include its adjacent pairs joined (nursultan for Nur-Sultan).
    fields: tuple[tuple[float, frozenset[str]], ...]
    # The words of its fields as written, without the pairs.
    singles: frozenset[str]
    # The words of its title that carry meaning, to tell how much of it a query covers.
    title_words: frozenset[str]
    # Its id, name and aliases, folded and run together: typed exactly, it ranks first.
    names: frozenset[str]


def _documents(dataset: Dataset) -> list[_Document]:
    def doc(
        kind: str,
        ident: str,
        title: str,
        date: PartialDate | None,
        names: Iterable[str],
        *fields: tuple[float, str],
    ) -> _Document:
        return _Document(
            kind,
            ident,
            title,
            date,
            tuple((w, frozenset(words(t)) | pairs(t)) for w, t in fields),
            frozenset(word for _, t in fields for word in words(t)),
            frozenset(word for word in words(title) if word not in STOP_WORDS),
            frozenset(joined(name) for name in names if name),
        )

    documents = []
    for event in dataset.events:
        names = " ".join(
            [dataset.partners[p].name for p in event.partners]
            + [dataset.orgs[o].acronym for o in event.orgs]
        )
        documents.append(
            doc(
                "event",
                event.id,
                event.title,
                event.date,
                [event.id],
                (3.0, event.title),
                (2.0, event.id.replace("-", " ")),
                (1.5, names),
                (1.0, event.summary),
                (0.5, event.note),
            )
        )
    for partner in dataset.partners.values():
        partner_names = [partner.id, partner.name, *partner.aliases, partner.iso3]
        documents.append(
            doc(
                "partner",
                partner.id,
                partner.name,
                None,
                partner_names,
                (3.0, " ".join(partner_names)),
                (1.0, " ".join([partner.profile, partner.shared_interests, partner.tensions])),
            )
        )
    for org in dataset.orgs.values():
        org_names = [org.id, org.acronym, org.name, *org.aliases]
        documents.append(
            doc(
                "org",
                org.id,
                f"{org.acronym}: {org.name}",
                None,
                org_names,
                (3.0, " ".join(org_names)),
            )
        )
    return documents


def _match_strength(
    query_word: str, vocabulary: dict[str, str | None], synonyms: frozenset[str]
) -> dict[str, float]:
    """How well ``query_word`` matches each word of the vocabulary that it matches at all.
    The vocabulary maps a word to its stem; a pair of words run together has none, and
    matches only as typed (kazakhstan would otherwise find kazakhstans, for Kazakhstan's,
    as a prefix or a near spelling, and light up the next word)."""
    strengths: dict[str, float] = {}
    query_stem = stem(query_word)
    matcher = difflib.SequenceMatcher(b=query_word, autojunk=False)
    for word, word_stem in vocabulary.items():
        if word == query_word:
            strengths[word] = EXACT
        elif word_stem is not None and word_stem == query_stem and len(query_word) >= MIN_STEM:
            strengths[word] = FORM
        elif word_stem is not None and len(query_word) >= 3 and word.startswith(query_word):
            strengths[word] = PREFIX
        elif word_stem is not None and word_stem in synonyms:
            strengths[word] = SYNONYM
        elif (
            word_stem is not None and len(query_word) >= 4 and abs(len(word) - len(query_word)) <= 2
        ):
            matcher.set_seq1(word)
            # Cheaper upper bounds first, as difflib.get_close_matches does.
            if (
                matcher.real_quick_ratio() >= NEAR_CUTOFF
                and matcher.quick_ratio() >= NEAR_CUTOFF
                and matcher.ratio() >= NEAR_CUTOFF
            ):
                strengths[word] = NEAR * matcher.ratio()
    return strengths


class _Scored(NamedTuple):
    hit: Hit
    held: int  # how many query words the document holds
    exact: bool  # the query is its id, name or an alias


def _score(
    document: _Document, strengths: Sequence[dict[str, float]]
) -> tuple[float, int, set[str]]:
    """The document's score, how many query words it holds, and its words that matched."""
    score = 0.0
    held = 0
    matched: set[str] = set()
    for strength in strengths:
        best = 0.0
        for weight, field in document.fields:
            for word in field & strength.keys():
                best = max(best, weight * strength[word])
                matched.add(word)
        if best:
            held += 1
            score += best
    if held and document.title_words:
        score += COVERAGE * len(document.title_words & matched) / len(document.title_words)
    return score, held, matched


def _rank(scored: _Scored) -> tuple[bool, float, bool, int, str, str]:
    """Exact names first; then by score; at equal scores the newest event first, then
    partners and organizations, by id."""
    hit = scored.hit
    newest = -int(hit.date.sortable()) if hit.date else 0
    return (not scored.exact, -hit.score, hit.date is None, newest, hit.kind, hit.id)


def search(dataset: Dataset, text: str) -> Results:
    """Documents holding every searched word of ``text`` (or a form, synonym or near
    spelling of it), best first; when none holds them all, those holding the most."""
    if not query_words(text):
        return Results([], (), 0)
    documents = _documents(dataset)
    vocabulary: dict[str, str | None] = {
        word: None for document in documents for _, field in document.fields for word in field
    }
    singles = dict.fromkeys(word for document in documents for word in document.singles)
    vocabulary.update((word, stem(word)) for word in singles)  # each word stemmed once
    in_events = {
        word
        for document in documents
        if document.kind == "event"
        for _, field in document.fields
        for word in field
    }
    text = in_our_words(dataset, text, in_events)
    query = query_words(text)
    typed = {joined(text), "".join(query)}
    strengths = [
        _match_strength(word, vocabulary, SYNONYMS_OF.get(stem(word), frozenset()))
        for word in query
    ]
    scored = []
    for document in documents:
        score, held, matched = _score(document, strengths)
        if held:
            hit = Hit(
                document.kind,
                document.id,
                document.title,
                document.date,
                round(score, 3),
                frozenset(matched),
            )
            scored.append(_Scored(hit, held, bool(document.names & typed)))
    most = max((one.held for one in scored), default=0)
    best = sorted((one for one in scored if one.held == most), key=_rank)
    return Results([one.hit for one in best], tuple(query), most)
