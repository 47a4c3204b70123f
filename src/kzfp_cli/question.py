"""A query as search reads it: the words it asks for, in English, Russian or Kazakh, the
time it names, and what the data's own structure answers before words do.

- A question about Kazakhstan joining an organization (``join``, ``вступил``, ``мүше``),
  or asking since when it is in one, is answered by the event that made it a member: the
  organization's ``joined_event`` (across a renaming, the predecessor's joining).
- A year, or a month and a year (``2010``, ``январь 2022``), is the time asked about;
  ``since 2014`` and ``before 1995`` (in each language) ask from it on or up to it.
- ``first`` (``впервые``, ``алғаш``) asks for the earliest answer, not for the word.
- The names of a person, place, partner or organization stand for each other (Akmola,
  Astana, Nur-Sultan; Токаев, Тоқаев, Tokayev).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from kzfp_cli.dates import PartialDate
from kzfp_cli.errors import UsageError
from kzfp_cli.model import Dataset, Event
from kzfp_cli.translations import Translations, translated
from kzfp_cli.words import WORD, Wanted, fold, languages, lexicon, stems, words

_YEAR = re.compile(r"[12][0-9]{3}")


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


# The most different words a search (or --search) reads. A word no text says is weighed
# against every word of the texts, as a typo, which costs milliseconds: a longer query
# is refused, so that every query is answered within a second.
MAX_WORDS = 64


def typed_words(text: str) -> list[str]:
    """The words of a query; a UsageError if it has more than MAX_WORDS different ones."""
    found = words(text)
    different = len(set(found))
    if different > MAX_WORDS:
        raise UsageError(
            f"a search reads at most {MAX_WORDS} different words; this one has {different:,}"
        )
    return found


def read_question(text: str, names: Mapping[str, frozenset[str]]) -> Question:
    """The words of ``text`` to search, without question words (unless nothing else is
    typed) and repeats, with the year or month it names taken out."""
    typed = typed_words(text)
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
        of_time = {str(year)} | (months[month - 1] if month else frozenset())
        rest = [word for word in typed if word not in of_time]
    stop = lexicon().stop_words
    meaningful = [word for word in rest if word not in stop]
    if not meaningful and when is None:
        meaningful = rest
    wanted = [Wanted(word, names.get(word, ())) for word in dict.fromkeys(meaningful)]
    # In a question that asks when, "first" (впервые, алғаш) asks for the earliest
    # answer, not for the word: "when was Tokayev first elected". Elsewhere it is a word
    # like any other: "the first OSCE summit in eleven years".
    dated = not lexicon().asks_when.isdisjoint(typed)
    firsts = [one for one in wanted if "first" in one.in_groups()]
    first = dated and bool(firsts) and len(firsts) < len(wanted)
    if first:
        wanted = [one for one in wanted if one not in firsts]
    span = "on"
    if when is not None:
        at = typed.index(str(when.year))
        before, after = set(typed[at - 1 : at]), set(typed[at + 1 : at + 3])
        for name, (ahead, behind) in (("since", lexicon().since), ("until", lexicon().until)):
            if before & ahead or after & behind:
                span = name
    return Question(wanted, when, first, dated, span)


class Named(NamedTuple):
    """A person, place, partner or organization, and each of its names as folded words."""

    kind: str  # person, place, partner, org
    id: str  # a partner's or organization's id; a person's or place's name
    names: tuple[tuple[str, ...], ...]


def named_things(dataset: Dataset, translations: Sequence[Translations] = ()) -> list[Named]:
    """Every person, place, partner and organization with its names, in every language
    (all folded in one pass)."""
    raw: list[tuple[str, str, list[str]]] = [
        *(("person", one.name, [one.name, *one.aliases]) for one in dataset.people),
        *(("place", one.name, [one.name, *one.aliases]) for one in dataset.places),
    ]
    for partner in dataset.partners.values():
        also = translated(translations, "partners", partner.id, "name")
        raw.append(("partner", partner.id, [partner.id, partner.name, *partner.aliases, *also]))
    for org in dataset.orgs.values():
        also = [
            *translated(translations, "orgs", org.id, "acronym"),
            *translated(translations, "orgs", org.id, "name"),
        ]
        raw.append(("org", org.id, [org.id, org.acronym, org.name, *org.aliases, *also]))
    folded = iter(fold("\x00".join(name for _, _, names in raw for name in names)).split("\x00"))
    return [
        Named(kind, ident, tuple(tuple(WORD.findall(next(folded))) for _ in names))
        for kind, ident, names in raw
    ]


def other_names(things: Sequence[Named]) -> dict[str, frozenset[str]]:
    """For each name of a person, place, partner or organization (folded, run together),
    every name of the same one: ``akmola`` gives ``astana``, ``нурсултан``...; a single
    word of a person's name (Тоқаев, Қасым-Жомарт) stands for the person too, but not one
    of an organization's (Independent, of the Commonwealth of Independent States)."""
    table: dict[str, set[str]] = {}
    for thing in things:
        folded = {"".join(name) for name in thing.names} - {""}
        singles = {word for name in thing.names for word in name if len(word) > 3}
        for key in folded | (singles if thing.kind == "person" else set()):
            table.setdefault(key, set()).update(folded)
    return {key: frozenset(value) for key, value in table.items()}


def joined_answer(dataset: Dataset, question: Question, things: Sequence[Named]) -> str | None:
    """The event that made Kazakhstan a member of the organization a question names,
    when it asks about joining (``join``, ``вступил``, ``мүше``), or asks when and names
    nothing but the organization (``since when in the EAEU``, in any of the languages);
    None when it also names a partner, as it then asks about that partner."""
    asked = [one.word for one in question.wanted]
    joining = {i for i, one in enumerate(question.wanted) if "join" in one.in_groups()}
    if not joining and not question.dated:
        return None
    asked_stems = [stems(word) | {word} for word in asked]
    any_asked = frozenset().union(*asked_stems)
    stop = lexicon().stop_words

    def spelled(name: Sequence[str]) -> int:
        """How many of the asked words spell ``name`` (its words in order, each in some
        form): all of its words, or none."""
        parts = [part for part in name if part not in stop]
        if len(parts) == 1 and "".join(name) in asked:
            return 1
        if not parts or (stems(parts[0]) | {parts[0]}).isdisjoint(any_asked):
            return 0
        part_stems = [stems(part) | {part} for part in parts]
        for start in range(len(asked) - len(parts) + 1):
            if parts and all(part_stems[i] & asked_stems[start + i] for i in range(len(parts))):
                return len(parts)
        return 0

    # The organization whose name spells the most words: the Collective Security Treaty
    # Organization, not the Collective Security Treaty its name begins with. The question
    # asks nothing else: "when did the WTO's General Council approve Kazakhstan's
    # accession" is about the approval.
    found: tuple[int, str | None] = (0, None)
    for thing in things:
        joined_event = dataset.orgs[thing.id].joined_event if thing.kind == "org" else None
        if joined_event not in dataset.events_by_id:
            continue
        for name in thing.names:
            count = spelled(name)
            if count > found[0] and count + len(joining) == len(asked):
                found = (count, joined_event)
    if found[1] is None:
        return None
    if any(spelled(name) for thing in things if thing.kind == "partner" for name in thing.names):
        return None
    return found[1]


def in_time(event: Event, when: PartialDate, span: str) -> bool:
    """Whether ``event`` is of the time asked about (see Question.span)."""
    if span == "since":
        return event.last >= when.first
    if span == "until":
        return event.first <= when.last
    return event.first <= when.last and event.last >= when.first


class TextQuery(NamedTuple):
    """What ``--search TEXT`` asks for: every word of it, said by an event's id, title,
    summary or note, or by its title or summary in Russian or Kazakh, as search reads
    words."""

    wanted: tuple[Wanted, ...]
    # Each built-in event's translated title and summary, by id.
    translated: Mapping[str, tuple[str, ...]]

    @classmethod
    def of(cls, text: str) -> TextQuery:
        """The query of ``text``, with the translations in the languages its words may be
        in (a word is said in its own alphabet, as search reads words)."""
        from kzfp_cli.choices import Lang
        from kzfp_cli.translations import load_translations

        asked = languages(typed_words(text))
        texts_of: dict[str, tuple[str, ...]] = {}
        for lang in (Lang.ru, Lang.kk):
            if lang.value not in asked:
                continue
            for ident, texts in load_translations(lang).texts("events").items():
                texts_of[ident] = (*texts_of.get(ident, ()), *texts.values())
        return cls(tuple(Wanted(word) for word in dict.fromkeys(typed_words(text))), texts_of)

    def said_by(self, event: Event) -> bool:
        texts = (event.id, event.title, event.summary, event.note)
        found = {
            word for text in (*texts, *self.translated.get(event.id, ())) for word in words(text)
        }
        return all(one.said_by(found) for one in self.wanted)
