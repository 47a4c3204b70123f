"""What the data files hold: their columns, the shapes of ids and identifiers, and the
limits a reader keeps to. Facts about the files, no code that reads them."""

from __future__ import annotations

import re

from kzfp_cli.model import (
    EVENT_COLUMNS,
    About,
    Organization,
    Partner,
    Person,
    Place,
    Role,
    Source,
    Theme,
)

# A user's events file needs only these; the other columns may be left out.
EVENT_REQUIRED = ("id", "date", "title")
# A table's columns are its record's fields, in order.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "events": EVENT_COLUMNS,
    "partners": Partner._fields,
    "orgs": Organization._fields,
    "roles": Role._fields,
    "themes": Theme._fields,
    "about": About._fields,
    "people": Person._fields,
    "places": Place._fields,
    "sources": Source._fields,
}
# The sections of the 2021 overview article the record started from; a built-in event
# that it reports names one.
SECTIONS = (
    "Introduction",
    "Russia",
    "China",
    "Neighborhood",
    "EU and Germany",
    "United States",
    "International commitment",
)
# What the id lists of an event name, by column, for messages.
KIND_NAMES = {"partners": "partner", "orgs": "organization", "themes": "theme"}

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# The language of a page: a BCP 47 tag, as citation managers take it (en, ru, kk, zh-Hans).
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
# The shapes of the standard identifiers partners and organizations carry.
IDENTIFIERS = {
    "iso2": (re.compile(r"[A-Z]{2}"), "two capital letters (ISO 3166-1 alpha-2)"),
    "iso3": (re.compile(r"[A-Z]{3}"), "three capital letters (ISO 3166-1 alpha-3)"),
    "cow": (re.compile(r"[1-9][0-9]{0,2}"), "a Correlates of War country code (1-999)"),
    "wikidata": (re.compile(r"Q[1-9][0-9]*"), "a Wikidata item id (Q and digits)"),
}

# Limits that keep the memory of a read bounded whatever the stream holds (a binary file,
# /dev/zero, a file with no line breaks): a line longer than MAX_LINE_BYTES, or a cell
# longer than MAX_CELL_CHARS, ends the file with one error; after MAX_PROBLEMS errors in
# one file, reading it stops with one more (warnings never stop it).
MAX_LINE_BYTES = 1024 * 1024
MAX_CELL_CHARS = 128 * 1024
MAX_PROBLEMS = 1000
