"""Assemble a Dataset: the reference tables, the built-in events, a user's events files,
then the checks that need every row read (roles and memberships)."""

from __future__ import annotations

import copy
import io
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar

from kzfp_cli.errors import OutOfMemoryError
from kzfp_cli.model import EVENT_COLUMNS, About, Dataset, Event, Organization, Role
from kzfp_cli.store import parse
from kzfp_cli.store import tables as make
from kzfp_cli.store.chunk import Chunk
from kzfp_cli.store.files import named_before
from kzfp_cli.store.problems import Problems
from kzfp_cli.store.reading import chunks, lines, records
from kzfp_cli.store.registry import Ids, Names, SourceIndex
from kzfp_cli.store.schema import EVENT_REQUIRED, TABLE_COLUMNS
from kzfp_cli.store.streams import Rereading, label_of, named_json, opened

T = TypeVar("T")

# Builders of the tables read last, by what they were read with (see Builder.of): the
# built-in tables with and without the built-in events, and a few more.
_READ: dict[tuple[bool, tuple[tuple[str, str, bytes], ...]], Builder] = {}
_KEPT = 4


class Selection(Protocol):
    """Which of a user's events a command needs (``query.EventFilter`` is one)."""

    def matches(self, event: Event) -> bool: ...


class Builder:
    """Builds a Dataset from the built-in tables, then from a user's events as they come."""

    def __init__(
        self, tables: dict[str, tuple[str, bytes]], problems: Problems, *, builtin_events: bool
    ) -> None:
        self.problems = problems
        self.builtin_events = builtin_events
        self.labels = {name: label for name, (label, _) in tables.items()}
        self.chunks = {
            name: list(
                chunks(
                    label,
                    lines(io.BytesIO(data)),
                    TABLE_COLUMNS[name],
                    TABLE_COLUMNS[name],
                    problems,
                )
            )
            for name, (label, data) in tables.items()
        }
        # Where each record of a reference table is, for the checks made at the end.
        self.places: dict[str, dict[str, int]] = {}
        self.sources = SourceIndex({})  # what the sources table itself is read with
        self.sources = SourceIndex(self._reference("sources", make.sources))
        partners = self._reference("partners", make.partners)
        orgs = self._reference("orgs", make.organizations)
        themes = self._reference("themes", make.themes)
        self.names = Names(partners, orgs, themes, self.sources)
        for partner in partners.values():
            for ident in partner.orgs:
                if ident not in orgs:
                    self._problem("partners", partner.id, "orgs", f"unknown id '{ident}'")
        for org in orgs.values():
            if org.predecessor is not None and org.predecessor not in orgs:
                self._problem("orgs", org.id, "predecessor", f"unknown id '{org.predecessor}'")
        self.about = self._about()
        people = Ids()  # a person's id is one person's: duplicates are errors
        self.people = tuple(self._records("people", lambda cells: make.people(cells, people)))
        self.place_names = tuple(self._records("places", make.places))
        self.roles: list[tuple[int, Role]] = []
        for chunk in self.chunks["roles"]:
            cells = self._cells("roles", chunk)
            self.roles.extend(zip(cells.lines, make.roles(cells), strict=True))
        self.ids = Ids()
        # In reading order; the ids are unique (``ids`` refuses a second), and only the
        # few events a role or a membership names are looked up by id (see finish).
        self.events: list[Event] = []
        if builtin_events:
            self.add_events(self.labels["events"], self.chunks["events"], strict=True)

    @classmethod
    def of(
        cls, tables: dict[str, tuple[str, bytes]], problems: Problems, *, builtin_events: bool
    ) -> Builder:
        """``Builder(tables, problems, builtin_events=...)``: tables read before (the
        built-in ones, by a program that loads many times or a search that reads a
        user's files twice) are copied, not read again. Tables with a problem are read
        every time, to report it."""
        key = (builtin_events, tuple((name, *table) for name, table in tables.items()))
        kept = _READ.get(key)
        if kept is not None:
            return kept._copied(problems)
        made = cls(tables, problems, builtin_events=builtin_events)
        if not (problems.found or problems.warnings):
            if len(_READ) >= _KEPT:
                del _READ[next(iter(_READ))]
            _READ[key] = made._copied(Problems())
        return made

    def _copied(self, problems: Problems) -> Builder:
        """A Builder with what this one has read, to read on apart from it: what reading a
        user's files adds to (names, ids, events, problems) is its own."""
        copied = copy.copy(self)
        copied.problems = problems
        copied.sources = SourceIndex(self.sources.by_id)
        names = self.names
        copied.names = Names(
            dict(names.partners), dict(names.orgs), dict(names.themes), copied.sources
        )
        copied.ids = self.ids.copied()
        copied.events = list(self.events)
        return copied

    def _about(self) -> About | None:
        """The one record of the data's description, when the tables have one."""
        made = self._records("about", make.about)
        if "about" in self.chunks and len(made) != 1:
            self.problems.add(self.labels["about"], 0, None, f"holds one row, not {len(made)}")
        return made[0] if made else None

    def _records(self, name: str, make: Callable[[parse.Cells], list[T]]) -> list[T]:
        """The records of a table without ids (about, people), if the tables hold it."""
        return [
            record
            for chunk in self.chunks.get(name, ())
            for record in make(self._cells(name, chunk))
        ]

    def _cells(self, name: str, chunk: Chunk) -> parse.Cells:
        return parse.Cells(self.labels[name], name, chunk, self.problems, sources=self.sources)

    def _reference(self, name: str, make: Callable[[parse.Cells, Ids], list[T]]) -> dict[str, T]:
        """A reference table's records by id."""
        made: dict[str, T] = {}
        places = self.places[name] = {}
        known = Ids()
        for chunk in self.chunks.get(name, ()):
            cells = self._cells(name, chunk)
            records = make(cells, known)
            for line, record in zip(cells.lines, records, strict=True):
                ident = record[0]  # type: ignore[index]  # every reference record starts with its id
                made[ident] = record
                places[ident] = line
        return made

    def _problem(self, name: str, ident: str, column: str, message: str) -> None:
        """A problem of the record ``ident`` of the reference table ``name``."""
        self.problems.add(self.labels[name], self.places[name][ident], column, message)

    def add_events(
        self,
        label: str,
        read: Iterable[Chunk],
        *,
        strict: bool,
        keep: Callable[[Event], bool] | None = None,
    ) -> None:
        """Check every record of an events file; hold the events ``keep`` wants (all
        without it)."""
        for chunk in read:
            cells = parse.Cells(label, "events", chunk, self.problems, self.names, strict=strict)
            made = make.events(cells, self.ids)
            if keep is not None:
                made = list(filter(keep, made))
            self.events.extend(made)

    def read_file(
        self,
        path: str,
        selection: Selection | None,
        progress: Callable[[int], None] | None,
        rereading: Rereading | None = None,
    ) -> None:
        """Check a user's events file (CSV, or kzfp's JSON or JSON lines), or standard
        input for ``-``, front to back (as ``rereading`` opens it, if given)."""
        label = label_of(path)
        before = len(self.ids)
        try:
            with rereading.opened(path) if rereading else opened(path) as stream:
                read = records(
                    label,
                    stream,
                    EVENT_COLUMNS,
                    EVENT_REQUIRED,
                    self.problems,
                    progress,
                    json=named_json(path),
                )
                keep = selection.matches if selection is not None else None
                self.add_events(label, read, strict=False, keep=keep)
        except OSError as error:
            self.problems.add(label, 0, None, f"cannot read ({error.strerror or error})")
        except MemoryError:
            rows = len(self.ids) - before
            self.events.clear()  # room to say so
            self.ids.forget()
            raise OutOfMemoryError(label, rows) from None

    def cross_checked(self) -> Selection:
        """The user's events that the checks made once every row is read need: those a
        role or a membership names."""
        named = {org.joined_event for org in self.names.orgs.values() if org.joined_event}
        named.update(role.event for _, role in self.roles)
        return _Named(frozenset(named))

    def dataset(self, roles: tuple[Role, ...] = ()) -> Dataset:
        names = self.names
        return Dataset(
            events=tuple(self.events),
            partners=names.partners,
            orgs=names.orgs,
            themes=names.themes,
            roles=roles,
            about=self.about,
            people=self.people,
            places=self.place_names,
            sources=self.sources.by_id,
        )

    def finish(self) -> Dataset:
        """The dataset, after the checks that need every row: each role and membership
        names an event that lists its organization."""
        orgs = self.names.orgs
        named = self.cross_checked()
        events = {event.id: event for event in self.events if named.matches(event)}
        roles = []
        for line, role in self.roles:
            if role.org not in orgs:
                self.problems.add(
                    self.labels["roles"], line, "org", f"unknown organization '{role.org}'"
                )
            # Without the built-in events, the facts that rest on them are left out too.
            if self.builtin_events or role.event in events:
                self._check_membership(events, "roles", line, "event", role.event, role.org)
                roles.append(role)
        for org in list(orgs.values()):
            if org.joined_event is None or org.id not in self.places["orgs"]:
                continue
            if self.builtin_events or org.joined_event in events:
                line = self.places["orgs"][org.id]
                # A membership carries across a renaming: Kazakhstan has been in the OSCE
                # since it joined the CSCE, whose event lists the CSCE.
                lineage = _lineage(orgs, org.id)
                self._check_membership(
                    events, "orgs", line, "joined_event", org.joined_event, org.id, lineage
                )
            else:
                orgs[org.id] = org._replace(joined_event=None)
        self.ids.forget()
        dataset = self.dataset(tuple(roles))
        self.events = []  # the dataset holds them
        return dataset

    def _check_membership(
        self,
        events: dict[str, Event],
        table: str,
        line: int,
        column: str,
        event_id: str,
        org_id: str,
        listed: frozenset[str] = frozenset(),
    ) -> None:
        """That the event a role or a membership rests on is there and lists its
        organization (or one of ``listed``, the organizations it grew out of). An event of
        a user's file that does not is reported at its own row, which the user can mend,
        rather than at the built-in table's."""
        label = self.labels[table]
        event = events.get(event_id)
        if event is None:
            self.problems.add(label, line, column, f"unknown event '{event_id}'")
        elif org_id not in event.orgs and listed.isdisjoint(event.orgs):
            file, at = self.ids.place(event_id)
            if file == self.labels["events"]:
                message = f"event '{event_id}' does not list organization '{org_id}'"
                self.problems.add(label, line, column, message)
            else:
                self.problems.add(
                    file,
                    at,
                    "orgs",
                    f"{label}:{line} names this event as the {column} of '{org_id}'; "
                    f"list '{org_id}' here, or give the event another id",
                )


def _lineage(orgs: dict[str, Organization], ident: str) -> frozenset[str]:
    """The organizations ``ident`` grew out of, one predecessor after another."""
    found: set[str] = set()
    predecessor = orgs[ident].predecessor
    while predecessor is not None and predecessor in orgs and predecessor not in found:
        found.add(predecessor)
        predecessor = orgs[predecessor].predecessor
    return frozenset(found)


class _Named:
    """A Selection of the events with these ids."""

    __slots__ = ("ids",)

    def __init__(self, ids: frozenset[str]) -> None:
        self.ids = ids

    def matches(self, event: Event) -> bool:
        return event.id in self.ids


class _Running:
    """Progress over several files: each reports its own bytes read, the bar wants all."""

    def __init__(self, report: Callable[[int], None]) -> None:
        self.report = report
        self.before = 0
        self.done = 0

    def next_file(self) -> Callable[[int], None]:
        self.before = self.done
        return self._read

    def _read(self, read: int) -> None:
        self.done = self.before + read
        self.report(self.done)


class Loading:
    """A Dataset being read: the reference tables and the built-in events are read when it
    is made, a user's events files when it is finished. What is ``known`` in between is
    what a command resolves its names against, to select the user's events it needs as
    they are read."""

    def __init__(
        self,
        tables: dict[str, tuple[str, bytes]],
        user_files: Sequence[str],
        *,
        builtin: bool,
        problems_only: bool,
    ) -> None:
        self.problems = Problems()
        self.builder = Builder.of(tables, self.problems, builtin_events=builtin)
        self.user_files = user_files
        self.problems_only = problems_only

    @property
    def known(self) -> Dataset:
        """The data read so far: partners, organizations and themes, the built-in events.
        A user's events only add to them."""
        return self.builder.dataset()

    def check(
        self,
        select: Selection | None = None,
        *,
        progress: Callable[[int], None] | None = None,
        rereading: Rereading | None = None,
    ) -> tuple[Dataset | None, Problems]:
        """Read the user's files, holding the events ``select`` matches (all without
        it), telling ``progress`` the bytes read; see :func:`kzfp_cli.store.check`. To
        read the files again after, give each reading the same ``rereading``."""
        builder, problems = self.builder, self.problems
        selection = builder.cross_checked() if self.problems_only else select
        running = _Running(progress) if progress is not None else None
        repeated = named_before(self.user_files)
        for number, path in enumerate(self.user_files):
            if number in repeated:
                problems.add(label_of(path), 0, None, repeated[number])
                continue
            builder.read_file(path, selection, running.next_file() if running else None, rereading)
        dataset = builder.finish()
        return (None if problems.errors or self.problems_only else dataset), problems

    def load(
        self,
        select: Selection | None = None,
        *,
        progress: Callable[[int], None] | None = None,
        rereading: Rereading | None = None,
    ) -> Dataset:
        """What :meth:`check` reads; DataError listing every error, if there are any.
        The warnings are only counted (``problems.warnings``): a user's file may hold
        one a row, and only ``kzfp validate`` lists them."""
        self.problems.keep_warnings = False
        dataset, problems = self.check(select, progress=progress, rereading=rereading)
        problems.raise_if_errors()
        assert dataset is not None
        return dataset
