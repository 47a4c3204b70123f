"""One read of search's documents for a query: what each document says of the words
asked for, as the documents come, kept for those that say any (see :class:`Scan`). The
built-in data is read at once (read once for a dataset: :func:`kzfp_cli.corpus.corpus`);
a user's events BATCH at a time, as the store reads them, none of them held."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import islice, takewhile
from typing import TYPE_CHECKING, NamedTuple

from kzfp_cli.corpus import BATCH, Corpus, Document, corpus, read_texts
from kzfp_cli.dates import PartialDate
from kzfp_cli.model import Dataset, Event
from kzfp_cli.question import Question, in_time
from kzfp_cli.translations import Translations
from kzfp_cli.words import Wanted

if TYPE_CHECKING:
    from kzfp_cli.store import Selection

    # Reads a user's events (showing each to ``Selection.matches``, holding those it
    # matches) and gives the whole dataset: ``Loading.load`` of :mod:`kzfp_cli.store`.
    ReadEvents = Callable[[Selection], Dataset]


# How near (difflib's ratio) a word the texts hold must be to a word no text says, to be
# read as what was meant.
NEAR_CUTOFF = 0.8
# Up to this share more when the query covers the whole title: of two titles that match
# alike, the shorter, more to the point one ranks first.
COVERAGE = 0.25
# Up to this share more when a title says the query's words in the query's order: of
# "Astana renamed Nur-Sultan" and "Nur-Sultan renamed Astana", the one asked for.
ORDER = 0.25


class Found(NamedTuple):
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


class Reads(NamedTuple):
    """What search reads of the texts, and the language it shows them in."""

    translations: Sequence[Translations]  # read beside English
    alphabets: frozenset[str]  # those of the query (see corpus.corpus)
    shown: Translations | None  # hits are titled in its language, English if None
    # Those known before a user's events are read, which may name more: the store adds
    # them to the known data as it reads.
    partners: frozenset[str]
    orgs: frozenset[str]


class Scan:
    """One read of every document for the words ``wanted``: the built-in data's at once
    (read once for a dataset, see corpus.corpus), a user's events BATCH at a time as the
    store reads them (as a ``Selection`` that holds none of them but the few the answer
    may be, see joined_answer)."""

    def __init__(
        self,
        known: Dataset,
        question: Question,
        wanted: Sequence[Wanted],
        reads: Reads,
        typed: str,
    ) -> None:
        self.known = known
        self.question = question
        self.wanted = list(wanted)
        self.reads = reads
        self.typed = {typed, "".join(one.word for one in wanted)}
        self.found: list[Found] = []
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
                Found(
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
