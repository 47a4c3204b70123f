"""A timeline as one SQLite database, for Datasette, sqlite-utils and other clients: the
selected events, everything they refer to, and the memberships and roles; and the
Datasette metadata that describes its tables. The database is made in memory and returned
as bytes: nothing here writes a file."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import Any
from urllib.parse import quote

from kzfp_cli.choices import Lang
from kzfp_cli.export import TITLE
from kzfp_cli.export.sqlite_schema import MEMBERSHIPS_ON, TABLES, VIEWS, create_statements
from kzfp_cli.lookup import org_summaries
from kzfp_cli.model import About, Dataset, Event, Source
from kzfp_cli.translations import Translations, localized
from kzfp_cli.views.events import event_record
from kzfp_cli.views.reference import partner_identifiers

# Kazakhstan's own rows of the memberships table, beside the partners' ids.
KAZAKHSTAN = "kazakhstan"


def database(
    path: str,
    events: Sequence[Event],
    dataset: Dataset,
    lang: Lang,
    translations: Sequence[Translations],
) -> None:
    """Write, at ``path`` (a new, empty file), the SQLite database of ``events`` (in the
    order given, which becomes their rowid) and of the dataset's partners, organizations,
    themes, memberships and roles. SQLite writes it there as it goes: a large database is
    never held in memory whole.

    ``events`` and ``dataset`` are in English; ``translations`` are the other languages'
    texts (an English one is ignored). The tables of events, partners, organizations and
    themes hold the texts in ``lang``, and the ``*_texts`` tables those in English and in
    every translation."""
    chosen = next((each for each in translations if each.lang is lang), Translations(lang))
    shown = localized(dataset, chosen)
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        # A file nobody reads until it is whole and in place (kzfp_cli.output): no journal
        # to keep, and the output is synced once, when written.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        # Every key is checked at COMMIT: a row that breaks one is a bug, and fails here.
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("BEGIN")
        connection.execute("PRAGMA defer_foreign_keys = ON")
        for statement in create_statements():
            connection.execute(statement)
        _fill(connection, list(map(chosen.event, events)), shown)
        _texts(connection, events, dataset, translations)
        connection.execute("INSERT INTO events_fts(events_fts) VALUES ('rebuild')")
        connection.execute("COMMIT")
    finally:
        connection.close()


def _insert(connection: sqlite3.Connection, table: str, rows: Iterable[Sequence[Any]]) -> None:
    """Insert the rows as they are made: a million events' rows are never held at once."""
    each = iter(rows)
    first = next(each, None)
    if first is not None:
        marks = ", ".join("?" * len(first))
        connection.executemany(f"INSERT INTO {table} VALUES ({marks})", chain([first], each))


def _fill(connection: sqlite3.Connection, events: Sequence[Event], dataset: Dataset) -> None:
    about = dataset.about
    if about is not None:
        _insert(connection, "about", [(about.version, about.reviewed.iso(), about.origin)])
    _insert(
        connection,
        "themes",
        ((theme.id, theme.name, theme.description) for theme in dataset.themes.values()),
    )
    _insert(
        connection,
        "partners",
        (
            (
                partner.id,
                partner.name,
                partner.kind,
                *partner_identifiers(partner).values(),
                _json_list(partner.aliases),
                partner.profile,
                partner.shared_interests,
                partner.tensions,
            )
            for partner in dataset.partners.values()
        ),
    )
    _insert(
        connection,
        "organizations",
        (
            (
                org.id,
                org.acronym,
                org.name,
                org.wikidata or None,
                _json_list(org.aliases),
                org.founded.iso() if org.founded else None,
                org.ended.iso() if org.ended else None,
                org.founded.first.isoformat() if org.founded else None,
                org.ended.last.isoformat() if org.ended else None,
                org.predecessor,
                org.note or None,
            )
            for org in dataset.orgs.values()
        ),
    )
    _insert(connection, "events", (_event_row(event) for event in events))
    for table, column in (
        ("event_partners", "partners"),
        ("event_orgs", "orgs"),
        ("event_themes", "themes"),
    ):
        _insert(connection, table, _items((e.id, getattr(e, column)) for e in events))
    cited = _Sources(connection)
    _insert(connection, "event_sources", _items((e.id, cited.ids(e.sources)) for e in events))
    orgs = dataset.orgs.values()
    _insert(connection, "org_sources", _items((o.id, cited.ids(o.sources)) for o in orgs))
    _memberships_and_roles(connection, events, dataset)


def _texts(
    connection: sqlite3.Connection,
    events: Sequence[Event],
    dataset: Dataset,
    translations: Sequence[Translations],
) -> None:
    """The texts of every language: English, then each translation's."""
    _language_texts(connection, events, dataset, Lang.en, None)
    for each in translations:
        if each.lang is not Lang.en:
            _language_texts(connection, events, localized(dataset, each), each.lang, each)


def _language_texts(
    connection: sqlite3.Connection,
    events: Sequence[Event],
    texts: Dataset,
    code: Lang,
    translated: Translations | None,
) -> None:
    """The rows of one language: of every id in English (``translated`` None), else of
    the ids ``translated`` translates, with the English text where it leaves one out."""

    def kept(table: str, ident: str) -> bool:
        return translated is None or ident in translated.texts(table)

    lang = code.value
    shown = map(translated.event, events) if translated else events
    rows = ((e.id, lang, e.title, e.summary) for e in shown if kept("events", e.id))
    _insert(connection, "event_texts", rows)
    partners = texts.partners.values()
    _insert(
        connection,
        "partner_texts",
        (
            (p.id, lang, p.name, p.profile, p.shared_interests, p.tensions)
            for p in partners
            if kept("partners", p.id)
        ),
    )
    orgs = texts.orgs.values()
    _insert(
        connection,
        "org_texts",
        ((o.id, lang, o.acronym, o.name) for o in orgs if kept("orgs", o.id)),
    )
    themes = texts.themes.values()
    _insert(
        connection,
        "theme_texts",
        ((t.id, lang, t.name, t.description) for t in themes if kept("themes", t.id)),
    )


def _event_row(event: Event) -> tuple[Any, ...]:
    record = event_record(event)
    return (
        event.id,
        record["date"],
        record["end_date"],
        record["precision"],
        event.first.isoformat(),
        event.last.isoformat(),
        record["title"],
        record["summary"],
        record["section"],
        record["note"],
    )


def _items(lists: Iterable[tuple[str, Sequence[Any]]]) -> Iterator[tuple[str, Any, int]]:
    return (
        (owner, item, position)
        for owner, items in lists
        for position, item in enumerate(items, start=1)
    )


def _json_list(items: Sequence[str]) -> str:
    return json.dumps(list(items), ensure_ascii=False)


class _Sources:
    """The sources table, filled as sources are met: each once, numbered from 1."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.numbers: dict[Source, int] = {}

    def ids(self, sources: Sequence[Source]) -> list[int]:
        found = []
        for source in sources:
            if source not in self.numbers:
                number = self.numbers[source] = len(self.numbers) + 1
                row = (
                    number,
                    source.id or None,
                    source.title,
                    source.publisher or None,
                    source.url,
                    source.language or None,
                    source.published.iso() if source.published else None,
                    source.checked.iso() if source.checked else None,
                )
                _insert(self.connection, "sources", [row])
            found.append(self.numbers[source])
        return found


def _memberships_and_roles(
    connection: sqlite3.Connection, events: Sequence[Event], dataset: Dataset
) -> None:
    summaries = org_summaries(dataset)
    # The events memberships and roles rest on that are exported: a few, looked for among
    # the exported events (a million ids are not held for them).
    named = {summary.joined.id for summary in summaries if summary.joined is not None}
    named.update(held.event.id for summary in summaries for held in summary.roles)
    exported = {event.id for event in events if event.id in named}

    def exported_id(event: Event) -> str | None:
        return event.id if event.id in exported else None

    _insert(
        connection,
        "memberships",
        [
            (
                summary.org.id,
                KAZAKHSTAN,
                None,
                summary.joined.date.iso(),
                summary.joined.precision.label,
                summary.joined.first.isoformat(),
                exported_id(summary.joined),
            )
            for summary in summaries
            if summary.joined is not None
        ]
        + [
            (org, partner.id, partner.id, None, None, None, None)
            for partner in dataset.partners.values()
            for org in partner.orgs
        ],
    )
    _insert(
        connection,
        "roles",
        (
            (
                summary.org.id,
                held.role,
                held.event.date.iso(),
                held.event.end_date.iso() if held.event.end_date else None,
                held.event.precision.label,
                held.event.first.isoformat(),
                held.event.last.isoformat(),
                exported_id(held.event),
            )
            for summary in summaries
            for held in summary.roles
        ),
    )


def metadata(name: str, about: About | None) -> str:
    """Datasette's metadata for the database it calls ``name`` (the file's name without
    its extension): the description of every table, view and column, the canned query of
    Kazakhstan's memberships on a day, and, for the built-in data (``about``), its
    licence and version, with the database's own sources table as where it comes from."""
    tables: dict[str, dict[str, Any]] = {
        table.name: {
            "description": table.description,
            "columns": {column.name: column.description for column in table.columns},
        }
        for table in TABLES
    }
    tables["events"]["sort"] = "first_day"
    tables.update({view.name: {"description": view.description} for view in VIEWS})
    tables["events_fts"] = {"hidden": True}
    queries = {
        "memberships_on": {
            "title": "Kazakhstan's memberships on a day",
            "description": "The organizations Kazakhstan belonged to on :day (YYYY-MM-DD): "
            "joined by then, and existing then.",
            "sql": MEMBERSHIPS_ON,
        }
    }
    document = {
        "title": TITLE,
        "description": "Exported by kzfp: the events of a timeline, the partners, "
        "organizations, themes and sources they name, and Kazakhstan's memberships "
        "and roles.",
        "databases": {name: {"tables": tables, "queries": queries}},
    }
    if about is not None:
        document["license"] = about.license
        document["license_url"] = about.license_url
        document["source"] = f"kzfp data {about.version}, reviewed {about.reviewed.iso()}"
        document["source_url"] = f"/{quote(name)}/sources"
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def datasette_name(path: str) -> str:
    """The name Datasette gives the database in the file ``path``: its name less the last
    extension."""
    return os.path.splitext(os.path.basename(path))[0]


def check_database_target(path: str, *, force: bool) -> None:
    """Refuse, with one line, a place a database cannot go: the places ``-o`` refuses (a
    directory, an existing file without ``force``), and a pipe or a device too (SQLite
    reads a database by seeking in it)."""
    from kzfp_cli.errors import OutputError
    from kzfp_cli.output import target_of

    final, _ = target_of(path, force=force)
    if final is None:
        raise OutputError(f"{path} is not a regular file; a database is written to a file")
