"""What search reads: every event, partner and organization as its words, by the weight
of the fields they are in (titles and names, ids, the names of partners and
organizations, summaries and profiles, notes), in English and in each translation; and
which of its words say a word asked for.

Reading the texts is most of what a search costs: a batch of documents' texts is folded
in one pass, and each document's fields of one weight are split into words together. The
built-in data's few hundred documents are read once for a dataset; a user's events a
batch at a time, as search reads them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import NamedTuple
from weakref import WeakKeyDictionary

from kzfp_cli.dates import PartialDate
from kzfp_cli.model import Dataset, Event, Organization, Partner
from kzfp_cli.translations import Translations, translated
from kzfp_cli.words import EXACT, NAME, WORD, Wanted, fold, letters_of, lexicon, with_pairs

# A field's weight multiplies how well its words say a word asked for.
TITLE, ID, NAMES, SUMMARY, NOTE = 3.0, 2.0, 1.5, 1.0, 0.5
_SEPARATOR = "\x00"
# Documents folded in one pass: enough that a pass costs little, few enough that the text
# of a million events is never held at once.
BATCH = 1024
REPEATED = 0.1


class Document(NamedTuple):
    """An event, a partner or an organization, as search reads it."""

    kind: str
    id: str
    date: PartialDate | None
    title: str  # an event's, in English ("" for partners and organizations)
    # Its id, names and aliases, folded and run together: typed exactly, it ranks first.
    names: frozenset[str]
    # (weight, words) per weight of field. The words of titles, ids and names include
    # each two adjacent ones run together, as names are typed (Nursultan, Nur-Sultan).
    fields: tuple[tuple[float, frozenset[str]], ...]
    # Its titles (one a language), folded.
    titles: tuple[str, ...]


class _Draft(NamedTuple):
    document: Document
    names: list[str]
    titles: list[str]
    fields: list[tuple[float, str]]
    # The fields that are one language's text of what others say in another (a title, a
    # summary, a profile), by position in ``fields``; the others (ids, names, notes) are
    # read in every language.
    translated: frozenset[int] = frozenset()


class Said(NamedTuple):
    """Where the texts say one word asked for: for each document (by number), how well
    its best field says it (the field's weight times the strength) and the words that do;
    and how well each of those words says it."""

    best: dict[int, float]
    words: dict[int, set[str]]
    strengths: dict[str, float]


class Corpus:
    """The documents search reads, and every word they hold."""

    __slots__ = ("_pairs", "documents", "vocabulary")

    def __init__(self, drafts: Iterable[_Draft]) -> None:
        self.documents: list[Document] = []
        singles: set[str] = set()
        every: set[str] = set()
        # Each word once, whatever the documents that hold it: a million events say the
        # same few hundred thousand words, and each holds only references to them.
        words: dict[str, str] = {}
        batch = list(islice(drafts, BATCH))
        while batch:
            self._add(batch, words, singles, every)
            batch = list(islice(drafts, BATCH))
        self.vocabulary = sorted(singles)
        self._pairs = frozenset(every - singles)

    def _add(
        self, drafts: list[_Draft], words: dict[str, str], singles: set[str], every: set[str]
    ) -> None:
        """Read a batch of drafts: their texts folded in one pass, each field's words."""
        texts = [
            text
            for draft in drafts
            for text in (*draft.names, *draft.titles, *(text for _, text in draft.fields))
        ]
        folded = iter(fold(_SEPARATOR.join(texts)).split(_SEPARATOR))
        for draft in drafts:
            names = frozenset(
                filter(None, ("".join(WORD.findall(next(folded))) for _ in draft.names))
            )
            titles = tuple(next(folded) for _ in draft.titles)
            by_weight: dict[float, list[str]] = {}
            for weight, _ in draft.fields:
                by_weight.setdefault(weight, []).append(next(folded))
            fields = []
            for weight, parts in by_weight.items():
                found = [words.setdefault(word, word) for word in WORD.findall(" ".join(parts))]
                singles.update(found)
                if weight >= NAMES:
                    held = frozenset(words.setdefault(word, word) for word in with_pairs(found))
                    every |= held  # the only fields with pairs
                else:
                    held = frozenset(found)  # its words are held once already
                fields.append((weight, held))
            self.documents.append(
                draft.document._replace(names=names, fields=tuple(fields), titles=titles)
            )

    def said(self, wanted: Wanted) -> Said:
        """Where the texts say ``wanted``: by the words that begin as a word that can say
        it does (see Wanted.beginnings), and its names run together."""
        strengths: dict[str, float] = {}
        for beginning in wanted.beginnings():
            start = bisect_left(self.vocabulary, beginning)
            for word in islice(self.vocabulary, start, None):
                if not word.startswith(beginning):
                    break
                if word not in strengths:
                    strength = wanted.strength(word)
                    if strength:
                        strengths[word] = strength
        for name in (wanted.word, *wanted.names):
            if name in self._pairs:
                strengths[name] = EXACT if name == wanted.word else NAME
        found = Said({}, {}, strengths)
        # A set of the few words that say it, intersected with each field's many: Python
        # goes through the smaller of two sets.
        saying = frozenset(strengths)
        for number, document in enumerate(self.documents):
            for weight, words in document.fields:
                matched = saying & words
                if matched:
                    value = weight * max(strengths[word] for word in matched)
                    if value > found.best.get(number, 0.0):
                        found.best[number] = value
                    found.words.setdefault(number, set()).update(matched)
        # A text that says it in more words (and languages) says it more: a tenth more
        # for each other word that does, up to three.
        for number, value in found.best.items():
            found.best[number] = value * (1 + REPEATED * min(len(found.words[number]) - 1, 3))
        return found

    def titles(self, number: int) -> list[list[str]]:
        """The meaningful words of each title of a document, in order."""
        stop = lexicon().stop_words
        return [
            [word for word in WORD.findall(title) if word not in stop]
            for title in self.documents[number].titles
        ]


# The corpora read of each dataset, forgotten with it.
_READ: WeakKeyDictionary[Dataset, dict[tuple[tuple[object, ...], frozenset[str]], Corpus]]
_READ = WeakKeyDictionary()


def corpus(
    dataset: Dataset,
    translations: Sequence[Translations] = (),
    *,
    keep: Iterable[Event] | None = None,
    alphabets: frozenset[str] = frozenset(),
) -> Corpus:
    """Each event (those of ``keep`` only, if given), partner and organization with its
    texts in English and in the languages of ``translations``; with ``keep``, no partners
    or organizations (a question of a time asks for events). See :func:`read_texts` for
    ``alphabets``."""
    # A dataset's texts are read once for each set of languages and alphabets asked for:
    # a program that asks many questions of one dataset pays for its reading once.
    if keep is not None:
        return read_texts(dataset, translations, keep, (), (), alphabets)
    done = _READ.setdefault(dataset, {})
    key = (tuple(one.key for one in translations), alphabets)
    if key not in done:
        partners, orgs = dataset.partners.values(), dataset.orgs.values()
        done[key] = read_texts(dataset, translations, dataset.events, partners, orgs, alphabets)
    return done[key]


def read_texts(
    dataset: Dataset,
    translations: Sequence[Translations],
    events: Iterable[Event],
    partners: Iterable[Partner],
    orgs: Iterable[Organization],
    alphabets: frozenset[str] = frozenset(),
) -> Corpus:
    """``events``, ``partners`` and ``orgs`` of ``dataset`` with their texts in English
    and in the languages of ``translations``.

    With ``alphabets`` (those a query is written in), a document that has a title in one
    of them is read without its translated texts in the other alphabets: a word is said
    in its own alphabet, and what an English summary says its Russian one says too, so
    leaving it out for a question in Russian saves much of the reading. Its id, names and
    notes (which have no translation) are read whatever the alphabet, where the names of
    what it names (Tokayev for Токаев) may say what is asked; and a document with no
    title in the query's alphabets (a user's event, in English only) is read whole."""
    drafts = _drafts(dataset, translations, events, partners, orgs)
    if alphabets:
        drafts = (_in_alphabets(draft, alphabets) for draft in drafts)
    return Corpus(drafts)


def _drafts(
    dataset: Dataset,
    translations: Sequence[Translations],
    events: Iterable[Event],
    partners: Iterable[Partner],
    orgs: Iterable[Organization],
) -> Iterator[_Draft]:
    """Each document's texts, one document at a time."""
    for event in events:
        titles = [event.title, *translated(translations, "events", event.id, "title")]
        summaries = [event.summary, *translated(translations, "events", event.id, "summary")]
        # The names of its partners and organizations, in every language.
        named = " ".join(
            [
                *(dataset.partners[p].name for p in event.partners),
                *(
                    name
                    for p in event.partners
                    for name in translated(translations, "partners", p, "name")
                ),
                *(dataset.orgs[o].acronym for o in event.orgs),
                *(
                    name
                    for o in event.orgs
                    for name in translated(translations, "orgs", o, "acronym")
                ),
            ]
        )
        fields = [
            (ID, event.id.replace("-", " ")),
            (NAMES, named),
            (NOTE, event.note),
            *((TITLE, title) for title in titles),
            *((SUMMARY, summary) for summary in summaries),
        ]
        document = Document("event", event.id, event.date, event.title, frozenset(), (), ())
        yield _Draft(document, [event.id], titles, fields, _from(3, fields))
    for partner in partners:
        names = [partner.id, partner.name, *partner.aliases, partner.iso3]
        titles = [partner.name, *translated(translations, "partners", partner.id, "name")]
        texts = [
            text
            for column in ("profile", "shared_interests", "tensions")
            for text in (
                getattr(partner, column),
                *translated(translations, "partners", partner.id, column),
            )
        ]
        fields = [(TITLE, " ".join([*names, *titles])), *((SUMMARY, text) for text in texts)]
        document = Document("partner", partner.id, None, "", frozenset(), (), ())
        yield _Draft(document, names, titles, fields, _from(1, fields))
    for org in orgs:
        names = [org.id, org.acronym, org.name, *org.aliases]
        titles = [org.name, *translated(translations, "orgs", org.id, "name")]
        acronyms = translated(translations, "orgs", org.id, "acronym")
        fields = [(TITLE, " ".join([*names, *titles, *acronyms]))]
        document = Document("org", org.id, None, "", frozenset(), (), ())
        yield _Draft(document, names, titles, fields)


def _from(first: int, fields: Sequence[object]) -> frozenset[int]:
    return frozenset(range(first, len(fields)))


def _in_alphabets(draft: _Draft, alphabets: frozenset[str]) -> _Draft:
    """The draft without its translated texts in other alphabets, if it has a title in
    one of ``alphabets``; else the whole draft."""
    has_letters = letters_of(alphabets).search
    titles = [title for title in draft.titles if has_letters(title)]
    if not titles:
        return draft
    return draft._replace(
        titles=titles,
        fields=[
            (weight, text)
            for number, (weight, text) in enumerate(draft.fields)
            if number not in draft.translated or has_letters(text)
        ],
    )
