"""The tables, views and descriptions of ``kzfp export sqlite``, declared once: the SQL that
creates the database and the Datasette metadata beside it are both made from them, so a
column and its description cannot drift apart."""

from __future__ import annotations

from typing import NamedTuple

from kzfp_cli.choices import Lang
from kzfp_cli.dates import PRECISION_LABELS


class Column(NamedTuple):
    name: str
    declaration: str  # its type and constraints, as CREATE TABLE takes them
    description: str


class Table(NamedTuple):
    name: str
    description: str
    columns: tuple[Column, ...]
    constraints: tuple[str, ...] = ()  # table constraints: keys spanning columns


class View(NamedTuple):
    name: str
    description: str
    sql: str


_DAY = "first day covered, as YYYY-MM-DD: sorts chronologically, compares as dates"
_LABELS = ", ".join(f"'{label}'" for label in PRECISION_LABELS)
_PRECISION = f"TEXT NOT NULL CHECK (precision IN ({_LABELS}))"


def _join(name: str, owner: str, item: str, target: str) -> Table:
    """The table of one list column: a row per item of ``target``, in the list's order."""
    kind = "INTEGER" if target == "sources" else "TEXT"  # sources are numbered
    return Table(
        name,
        f"The {target} of each {owner}, one row per item, in the order the data lists them.",
        (
            Column(owner, f"TEXT NOT NULL REFERENCES {_OWNERS[owner]}(id)", f"the {owner}'s id"),
            Column(item, f"{kind} NOT NULL REFERENCES {target}(id)", f"one of its {target}"),
            Column("position", "INTEGER NOT NULL", "the item's place in the list, from 1"),
        ),
        (f"PRIMARY KEY ({owner}, position)",),
    )


_OWNERS = {"event": "events", "org": "organizations"}

# The text columns hold the language the database was exported in (--lang); the *_texts
# tables hold every language.
_CHOSEN = "in the language chosen with --lang (English by default)"
_LANGS = ", ".join(f"'{code.value}'" for code in Lang)


def _texts(name: str, owner: str, target: str, texts: tuple[Column, ...]) -> Table:
    """The table of an owner's texts in every language, one row per owner and language."""
    return Table(
        name,
        f"The texts of the {target} in every language kzfp reads: English for each, and "
        "Russian and Kazakh for those translated (a text a translation leaves out is the "
        f"English one; a user's own events are in English only). The {target} table holds "
        "the language the database was exported in.",
        (
            Column(f"{owner}_id", f"TEXT NOT NULL REFERENCES {target}(id)", f"the {owner}'s id"),
            Column(
                "lang",
                f"TEXT NOT NULL CHECK (lang IN ({_LANGS}))",
                "the language: en (English), ru (Russian) or kk (Kazakh, in Cyrillic)",
            ),
            *texts,
        ),
        (f"PRIMARY KEY ({owner}_id, lang)",),
    )


TABLES = (
    Table(
        "about",
        "What the built-in data is: its version, the day it was last reviewed, its origin.",
        (
            Column("version", "TEXT NOT NULL", "version of the curated data"),
            Column("reviewed", "TEXT NOT NULL", "the day the data was last reviewed"),
            Column("origin", "TEXT NOT NULL", "where the facts come from"),
        ),
    ),
    Table(
        "events",
        "Dated facts of Kazakhstan's foreign policy: the timeline this file was exported "
        "from, with its filters. The rowid is the event's place in chronological order.",
        (
            Column("id", "TEXT PRIMARY KEY", "stable id, as kzfp event show takes it"),
            Column("date", "TEXT NOT NULL", "the date as known: YYYY, YYYY-MM or YYYY-MM-DD"),
            Column("end_date", "TEXT", "for a period, its end date as known; NULL otherwise"),
            Column("precision", _PRECISION, "how much of date is known: year, month or day"),
            Column("first_day", "TEXT NOT NULL", _DAY),
            Column(
                "last_day",
                "TEXT NOT NULL",
                "last day covered (of end_date, else of date), as YYYY-MM-DD",
            ),
            Column("title", "TEXT NOT NULL", f"one-line title, {_CHOSEN}"),
            Column("summary", "TEXT NOT NULL", f"what happened, in a few sentences, {_CHOSEN}"),
            Column(
                "section",
                "TEXT NOT NULL",
                "for a fact the 2021 overview article 'Kazakhstan Foreign Policy' reports, "
                "its section there",
            ),
            Column(
                "note",
                "TEXT",
                "where sources disagree, and what the precision of the date rests on",
            ),
        ),
    ),
    Table(
        "partners",
        "States and blocs Kazakhstan deals with.",
        (
            Column("id", "TEXT PRIMARY KEY", "id, as --partner takes it"),
            Column("name", "TEXT NOT NULL", f"name, {_CHOSEN}"),
            Column("kind", "TEXT NOT NULL", "country, bloc, ..."),
            Column("iso2", "TEXT", "ISO 3166-1 alpha-2 code (states only)"),
            Column("iso3", "TEXT", "ISO 3166-1 alpha-3 code (states only)"),
            Column("cow", "INTEGER", "Correlates of War country code (states only)"),
            Column("wikidata", "TEXT", "Wikidata item"),
            Column("aliases", "TEXT NOT NULL", "other names, as a JSON array"),
            Column("profile", "TEXT NOT NULL", f"the partner for Kazakhstan, in short, {_CHOSEN}"),
            Column("shared_interests", "TEXT NOT NULL", f"what the two have in common, {_CHOSEN}"),
            Column("tensions", "TEXT NOT NULL", f"what divides them, {_CHOSEN}"),
        ),
    ),
    Table(
        "organizations",
        "International organizations, each from its founding to its end.",
        (
            Column("id", "TEXT PRIMARY KEY", "id, as --org takes it"),
            Column("acronym", "TEXT NOT NULL", f"short name, {_CHOSEN}"),
            Column("name", "TEXT NOT NULL", f"full name, {_CHOSEN}"),
            Column("wikidata", "TEXT", "Wikidata item"),
            Column("aliases", "TEXT NOT NULL", "other names, as a JSON array"),
            Column("founded", "TEXT", "founding date as known; NULL if not given"),
            Column("ended", "TEXT", "end date as known; NULL while it exists"),
            Column("first_day", "TEXT", "first day of founded, as YYYY-MM-DD"),
            Column("last_day", "TEXT", "last day of ended, as YYYY-MM-DD; NULL while it exists"),
            Column(
                "predecessor",
                "TEXT REFERENCES organizations(id)",
                "the organization it grew out of, which ended as it began",
            ),
            Column("note", "TEXT", "a remark on the organization's data"),
        ),
    ),
    Table(
        "themes",
        "The vocabulary of themes events are tagged with.",
        (
            Column("id", "TEXT PRIMARY KEY", "id, as --theme takes it"),
            Column("name", "TEXT NOT NULL", f"name, {_CHOSEN}"),
            Column("description", "TEXT NOT NULL", f"what the theme covers, {_CHOSEN}"),
        ),
    ),
    Table(
        "sources",
        "Every source cited, once.",
        (
            Column("id", "INTEGER PRIMARY KEY", "a number, for the join tables"),
            Column("key", "TEXT UNIQUE", "its id in kzfp's sources; NULL for a user's own"),
            Column("title", "TEXT NOT NULL", "its title, in the page's language"),
            Column("publisher", "TEXT", "the organization or outlet that published it"),
            Column("url", "TEXT", "its address; NULL if it has none"),
            Column("language", "TEXT", "the page's language, a BCP 47 tag (en, ru, kk)"),
            Column("published", "TEXT", "when it was published, a partial ISO date"),
            Column(
                "checked", "TEXT", "when it was last read and found to say what it is cited for"
            ),
        ),
    ),
    _join("event_partners", "event", "partner", "partners"),
    _join("event_orgs", "event", "org", "organizations"),
    _join("event_themes", "event", "theme", "themes"),
    _join("event_sources", "event", "source", "sources"),
    _join("org_sources", "org", "source", "sources"),
    Table(
        "memberships",
        "Who belongs to which organization: Kazakhstan, since the event that made it a "
        "member, and each partner, as of the day the data was reviewed (about.reviewed).",
        (
            Column("org", "TEXT NOT NULL REFERENCES organizations(id)", "the organization"),
            Column("member", "TEXT NOT NULL", "kazakhstan, or the partner's id"),
            Column("partner", "TEXT REFERENCES partners(id)", "the partner; NULL for Kazakhstan"),
            Column("since", "TEXT", "Kazakhstan's joining date as known; NULL for a partner"),
            Column(
                "since_precision",
                f"TEXT CHECK (since_precision IN ({_LABELS}))",
                "how much of since is known",
            ),
            Column("since_day", "TEXT", "first day of since, as YYYY-MM-DD"),
            Column(
                "event",
                "TEXT REFERENCES events(id)",
                "the event Kazakhstan joined by; NULL for a partner, or when the export's "
                "filters left the event out",
            ),
        ),
        ("PRIMARY KEY (org, member)",),
    ),
    Table(
        "roles",
        "Roles Kazakhstan held in organizations (chairmanships, Security Council terms), "
        "with the dates of the event that records each.",
        (
            Column("org", "TEXT NOT NULL REFERENCES organizations(id)", "the organization"),
            Column("role", "TEXT NOT NULL", "the role"),
            Column("date", "TEXT NOT NULL", "its start as known"),
            Column("end_date", "TEXT", "its end as known; NULL for a single date"),
            Column("precision", _PRECISION, "how much of date is known"),
            Column("first_day", "TEXT NOT NULL", _DAY),
            Column("last_day", "TEXT NOT NULL", "last day covered, as YYYY-MM-DD"),
            Column(
                "event",
                "TEXT REFERENCES events(id)",
                "the event that records it; NULL when the export's filters left it out",
            ),
        ),
    ),
    _texts(
        "event_texts",
        "event",
        "events",
        (
            Column("title", "TEXT NOT NULL", "one-line title"),
            Column("summary", "TEXT NOT NULL", "what happened, in a few sentences"),
        ),
    ),
    _texts(
        "partner_texts",
        "partner",
        "partners",
        (
            Column("name", "TEXT NOT NULL", "name"),
            Column("profile", "TEXT NOT NULL", "the partner for Kazakhstan, in short"),
            Column("shared_interests", "TEXT NOT NULL", "what the two have in common"),
            Column("tensions", "TEXT NOT NULL", "what divides them"),
        ),
    ),
    _texts(
        "org_texts",
        "org",
        "organizations",
        (
            Column("acronym", "TEXT NOT NULL", "short name"),
            Column("name", "TEXT NOT NULL", "full name"),
        ),
    ),
    _texts(
        "theme_texts",
        "theme",
        "themes",
        (
            Column("name", "TEXT NOT NULL", "name"),
            Column("description", "TEXT NOT NULL", "what the theme covers"),
        ),
    ),
)


def _count_view(name: str, what: str, table: str, join: str, key: str, label: str) -> View:
    return View(
        name,
        f"How many of the exported events name each {what}, with the first and the last "
        "day they cover; most events first.",
        f"SELECT {table}.id AS {key}, {table}.{label} AS {label}, "
        "count(events.id) AS events, min(events.first_day) AS first_day, "
        f"max(events.last_day) AS last_day FROM {table} "
        f"LEFT JOIN {join} ON {join}.{key} = {table}.id "
        f"LEFT JOIN events ON events.id = {join}.event "
        f"GROUP BY {table}.id ORDER BY events DESC, {table}.id",
    )


VIEWS = (
    _count_view("events_per_partner", "partner", "partners", "event_partners", "partner", "name"),
    _count_view("events_per_org", "organization", "organizations", "event_orgs", "org", "acronym"),
    _count_view("events_per_theme", "theme", "themes", "event_themes", "theme", "name"),
    View(
        "kazakhstan_memberships",
        "Kazakhstan's memberships, with each organization's lifetime: first_day and "
        "last_day bound the days it existed (last_day NULL: it still does).",
        "SELECT memberships.org, organizations.acronym, organizations.name, "
        "memberships.since, memberships.since_day, organizations.first_day, "
        "organizations.last_day, memberships.event FROM memberships "
        "JOIN organizations ON organizations.id = memberships.org "
        "WHERE memberships.partner IS NULL ORDER BY memberships.since_day, memberships.org",
    ),
)

# Kazakhstan's memberships on one day: begun by then, in an organization that existed then
# (what kzfp org list --on DAY shows). A parameterised query: Datasette asks for :day.
MEMBERSHIPS_ON = (
    "SELECT org, acronym, name, since FROM kazakhstan_memberships "
    "WHERE since_day <= :day AND (first_day IS NULL OR first_day <= :day) "
    "AND (last_day IS NULL OR last_day >= :day) ORDER BY since_day, org"
)

# Full-text search over the events' text; sqlite-utils and Datasette find it by its
# content= table and search it through the events' rowid.
FTS = 'CREATE VIRTUAL TABLE events_fts USING fts5(title, summary, note, content="events")'


def create_statements() -> list[str]:
    """The SQL that creates the tables, views and full-text index, in order. Each column
    carries its description as a comment, which ``sqlite_master`` (and so ``sqlite-utils
    schema`` or ``.schema``) keeps for readers without the metadata file."""
    statements = [_create_table(table) for table in TABLES]
    statements.append(FTS)
    statements.extend(f"CREATE VIEW {view.name} AS {view.sql}" for view in VIEWS)
    return statements


def _create_table(table: Table) -> str:
    lines = [f"  {column.name} {column.declaration}" for column in table.columns]
    lines.extend(f"  {constraint}" for constraint in table.constraints)
    # A comment ends at the line's end, so it follows the comma of its line.
    body = [
        f"{line}{',' if index < len(lines) - 1 else ''}"
        + (f" -- {table.columns[index].description}" if index < len(table.columns) else "")
        for index, line in enumerate(lines)
    ]
    return f"CREATE TABLE {table.name} ( -- {table.description}\n" + "\n".join(body) + "\n)"
