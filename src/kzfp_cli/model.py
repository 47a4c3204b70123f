"""Typed records for the curated data: immutable NamedTuples (cheap to define and to
build, see dates.PartialDate), no I/O, no formatting."""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple

from kzfp_cli.dates import PartialDate, Precision

# Separates the items of a list cell (partners, sources...) in CSV, read and written.
LIST_SEPARATOR = ";"
# A source as a user's cell may cite it: ``title (publisher) | address``, where the
# publisher and the address may each be left out.
_CITED = re.compile(
    r"^(?P<title>.*?)(?: \((?P<publisher>[^()]+)\))? \| (?P<url>https?://\S+)$", re.DOTALL
)


class Source(NamedTuple):
    """A page an event or an organization cites. The built-in sources are records of
    ``sources.csv`` with an id; a source a user's cell cites by text has none."""

    id: str
    title: str
    publisher: str
    url: str | None
    language: str  # a BCP 47 tag (en, ru, kk); empty when not known
    published: PartialDate | None
    checked: PartialDate | None  # when the page was last read and found to say it

    @property
    def cited(self) -> str:
        """The source as one line of text: ``title (publisher) | address``."""
        text = f"{self.title} ({self.publisher})" if self.publisher else self.title
        return f"{text} | {self.url}" if self.url else text


def cited_source(text: str) -> Source:
    """A source a user cites by text, split into its parts where it has them."""
    match = _CITED.match(text)
    if match is None:
        return Source("", text, "", None, "", None, None)
    return Source("", match["title"], match["publisher"] or "", match["url"], "", None, None)


class Problem(NamedTuple):
    """Something wrong (or worth knowing) about one place of one data file."""

    file: str
    line: int  # 0 when it concerns the whole file
    column: str | None
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        where = self.file if self.line == 0 else f"{self.file}:{self.line}"
        if self.column:
            where += f": {self.column}"
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"


class Event(NamedTuple):
    """One dated fact: a day, a month or a year, or a period when ``end_date`` is set."""

    id: str
    date: PartialDate
    end_date: PartialDate | None
    title: str
    summary: str
    partners: tuple[str, ...]
    orgs: tuple[str, ...]
    themes: tuple[str, ...]
    section: str
    sources: tuple[Source, ...]
    note: str

    # datetime.date, spelled out: inside this class `date` is the field.
    @property
    def first(self) -> datetime.date:
        return self.date.first

    @property
    def last(self) -> datetime.date:
        return (self.end_date or self.date).last

    @property
    def precision(self) -> Precision:
        return self.date.precision


# The columns of an events file are an Event's fields, in order: the output contract's
# event fields follow them.
EVENT_COLUMNS = Event._fields


class Partner(NamedTuple):
    """A state or a bloc Kazakhstan deals with."""

    id: str
    name: str
    kind: str
    # Standard identifiers, for joining with research data: ISO 3166-1 alpha-2 and
    # alpha-3 and the Correlates of War country code (states only), the Wikidata item.
    iso2: str
    iso3: str
    cow: int | None
    wikidata: str
    aliases: tuple[str, ...]
    # Organizations of orgs.csv the partner is a full member of, as of the review date.
    orgs: tuple[str, ...]
    profile: str
    shared_interests: str
    tensions: str


class Organization(NamedTuple):
    """An international organization; Kazakhstan's membership is the event ``joined_event``.

    It exists from ``founded`` to ``ended`` (None: it still does); ``predecessor`` is the
    organization it grew out of (the Shanghai Five for the SCO), which ended as it began.
    An organization a user's events name, known by its id alone, has none of these."""

    id: str
    acronym: str
    name: str
    wikidata: str
    aliases: tuple[str, ...]
    joined_event: str | None
    founded: PartialDate | None = None
    ended: PartialDate | None = None
    predecessor: str | None = None
    sources: tuple[Source, ...] = ()
    note: str = ""

    def exists_during(self, first: datetime.date, last: datetime.date) -> bool:
        """Whether the organization existed at some time from ``first`` to ``last``."""
        return (self.founded is None or self.founded.first <= last) and (
            self.ended is None or self.ended.last >= first
        )


class Role(NamedTuple):
    """A role Kazakhstan held in an organization; its dates are those of ``event``."""

    org: str
    role: str
    event: str


class Theme(NamedTuple):
    id: str
    name: str
    description: str
    aliases: tuple[str, ...] = ()


class Person(NamedTuple):
    """A person events name, as our texts spell the name, and the names readers type
    (Токаев, Toqaev): search reads them as ``name``. The id tells apart two people of one
    surname (George H. W. Bush and George W. Bush)."""

    id: str
    name: str
    aliases: tuple[str, ...]


class Place(NamedTuple):
    """A place events name, as our texts name it today, and its other names, past and in
    other languages (Akmola, Nur-Sultan, Астана): search reads them all as one."""

    name: str
    aliases: tuple[str, ...]


class About(NamedTuple):
    """What the built-in data is: its version, the day it was last reviewed, and where its
    facts come from."""

    version: str
    reviewed: PartialDate
    origin: str
    license: str
    license_url: str


class Dataset:
    """Everything kzfp knows, cross-checked when loaded."""

    __slots__ = (
        "__weakref__",
        "_by_id",
        "about",
        "events",
        "orgs",
        "partners",
        "people",
        "places",
        "roles",
        "sources",
        "themes",
    )  # fmt: skip

    def __init__(
        self,
        events: tuple[Event, ...],
        partners: dict[str, Partner],
        orgs: dict[str, Organization],
        themes: dict[str, Theme],
        roles: tuple[Role, ...],
        about: About | None = None,
        people: tuple[Person, ...] = (),
        places: tuple[Place, ...] = (),
        sources: dict[str, Source] | None = None,
    ) -> None:
        self.events = events
        self.partners = partners
        self.orgs = orgs
        self.themes = themes
        self.roles = roles
        self.about = about
        self.people = people
        self.places = places
        self.sources = sources or {}
        self._by_id: dict[str, Event] | None = None

    @property
    def events_by_id(self) -> dict[str, Event]:
        """The events by id, made when first asked for: an export of a million events
        never needs it, and it would hold forty megabytes."""
        if self._by_id is None:
            self._by_id = {event.id: event for event in self.events}
        return self._by_id
