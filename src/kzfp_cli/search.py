"""Ranked, typo-tolerant search across events, partners and organizations. Pure functions.

Words are compared after folding case and accents, so ``Türkiye`` finds ``turkiye``. A
query word matches a word of the text exactly, as a prefix (``kazakh`` finds
``kazakhstan``), or when it is a near spelling (``Tokaev`` finds ``Tokayev``). Pairs of
adjacent words are also indexed joined, so ``Nursultan`` finds ``Nur-Sultan``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from itertools import pairwise
from typing import NamedTuple

from kzfp_cli.dates import PartialDate
from kzfp_cli.model import Dataset

_WORD = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
    ]
)
EXACT, PREFIX, NEAR = 1.0, 0.8, 0.7
NEAR_CUTOFF = 0.8


def fold(text: str) -> str:
    """Lowercase ASCII with accents removed: the form words are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _indexed(text: str) -> set[str]:
    found = words(text)
    return set(found) | {a + b for a, b in pairwise(found)}


class Hit(NamedTuple):
    """One search result. ``matched`` are the folded words of the text that matched."""

    kind: str
    id: str
    title: str
    date: PartialDate | None
    score: float
    matched: frozenset[str]


class _Document(NamedTuple):
    kind: str
    id: str
    title: str
    date: PartialDate | None
    # (weight, indexed words) per field: a match in a title counts more than in a summary.
    fields: tuple[tuple[float, frozenset[str]], ...]


def _documents(dataset: Dataset) -> list[_Document]:
    def doc(
        kind: str, ident: str, title: str, date: PartialDate | None, *fields: tuple[float, str]
    ) -> _Document:
        return _Document(
            kind, ident, title, date, tuple((w, frozenset(_indexed(t))) for w, t in fields)
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
                (3.0, event.title),
                (2.0, event.id.replace("-", " ")),
                (1.5, names),
                (1.0, event.summary),
                (0.5, event.note),
            )
        )
    for partner in dataset.partners.values():
        documents.append(
            doc(
                "partner",
                partner.id,
                partner.name,
                None,
                (3.0, " ".join([partner.id, partner.name, *partner.aliases, partner.iso3])),
                (1.0, " ".join([partner.profile, partner.shared_interests, partner.tensions])),
            )
        )
    for org in dataset.orgs.values():
        documents.append(
            doc(
                "org",
                org.id,
                f"{org.acronym}: {org.name}",
                None,
                (3.0, " ".join([org.id, org.acronym, org.name, *org.aliases])),
            )
        )
    return documents


def _match_strength(query_word: str, vocabulary: Iterable[str]) -> dict[str, float]:
    """How well ``query_word`` matches each word of the vocabulary that it matches at all."""
    strengths: dict[str, float] = {}
    matcher = difflib.SequenceMatcher(b=query_word, autojunk=False)
    for word in vocabulary:
        if word == query_word:
            strengths[word] = EXACT
        elif len(query_word) >= 3 and word.startswith(query_word):
            strengths[word] = PREFIX
        elif len(query_word) >= 4 and abs(len(word) - len(query_word)) <= 2:
            matcher.set_seq1(word)
            if matcher.real_quick_ratio() >= NEAR_CUTOFF and matcher.ratio() >= NEAR_CUTOFF:
                strengths[word] = NEAR * matcher.ratio()
    return strengths


def search(dataset: Dataset, text: str) -> list[Hit]:
    """Documents holding every word of ``text`` (or a near spelling), best first."""
    query = words(text)
    meaningful = [word for word in query if word not in _STOPWORDS] or query
    if not meaningful:
        return []
    documents = _documents(dataset)
    vocabulary = {word for document in documents for _, field in document.fields for word in field}
    strengths = [_match_strength(word, vocabulary) for word in meaningful]
    hits = []
    for document in documents:
        score = 0.0
        matched: set[str] = set()
        for strength in strengths:
            best = 0.0
            for weight, field in document.fields:
                for word in field & strength.keys():
                    best = max(best, weight * strength[word])
                    matched.add(word)
            if best == 0.0:
                break
            score += best
        else:
            hits.append(
                Hit(
                    document.kind,
                    document.id,
                    document.title,
                    document.date,
                    round(score, 3),
                    frozenset(matched),
                )
            )
    return sorted(hits, key=lambda hit: (-hit.score, hit.kind, hit.id))
