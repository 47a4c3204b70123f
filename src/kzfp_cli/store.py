"""Read the CSV data files into typed records, checking them as they are read.

Every problem found is reported as ``file:line: column: message`` and all of them are
raised together in one :class:`~kzfp_cli.errors.DataError`, so a broken file is fixed in
one pass and no row is ever dropped silently.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar

from kzfp_cli.dates import PartialDate, parse_iso
from kzfp_cli.errors import DataError
from kzfp_cli.model import Dataset, Event, Organization, Partner, Role, Theme

EVENT_COLUMNS = (
    "id",
    "date",
    "end_date",
    "title",
    "summary",
    "partners",
    "orgs",
    "themes",
    "section",
    "sources",
    "note",
)
PARTNER_COLUMNS = (
    "id",
    "name",
    "kind",
    "aliases",
    "orgs",
    "profile",
    "shared_interests",
    "tensions",
)
ORG_COLUMNS = ("id", "acronym", "name", "aliases", "joined_event")
ROLE_COLUMNS = ("org", "role", "event")
THEME_COLUMNS = ("id", "name", "description")
TABLE_COLUMNS = {
    "events": EVENT_COLUMNS,
    "partners": PARTNER_COLUMNS,
    "orgs": ORG_COLUMNS,
    "roles": ROLE_COLUMNS,
    "themes": THEME_COLUMNS,
}
LIST_SEPARATOR = ";"

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SECTIONS = (
    "Introduction",
    "Russia",
    "China",
    "Neighborhood",
    "EU and Germany",
    "United States",
    "International commitment",
)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Row:
    """One CSV record with the file and the line it starts on, for error messages."""

    file: str
    line: int
    values: dict[str, str]

    def where(self, column: str) -> str:
        return f"{self.file}:{self.line}: {column}"


class _Problems:
    """Collects ``file:line: column: message`` lines while a dataset is checked."""

    def __init__(self) -> None:
        self.found: list[tuple[str, int, str]] = []

    def add(self, row: Row, column: str, message: str) -> None:
        self.found.append((row.file, row.line, f"{row.where(column)}: {message}"))

    def raise_if_any(self) -> None:
        # Checks run table by table and pass by pass; report in file and line order.
        if self.found:
            ordered = sorted(self.found, key=lambda problem: problem[:2])
            raise DataError.from_problems([text for _, _, text in ordered])


def read_table(label: str, data: bytes, columns: tuple[str, ...]) -> list[Row]:
    """Decode and split one CSV file, checking its header; raise DataError on problems."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DataError(
            f"{label}:{line}: not UTF-8 text (byte 0x{data[error.start]:02x}); "
            "save the file as UTF-8"
        ) from None
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    header = reader.fieldnames or []
    missing = [column for column in columns if column not in header]
    unknown = [column for column in header if column not in columns]
    problems = [f"{label}:1: {column}: missing column" for column in missing]
    problems += [f"{label}:1: {column}: unknown column" for column in unknown]
    if problems:
        raise DataError.from_problems(problems)
    rows: list[Row] = []
    line = reader.line_num + 1
    try:
        for record in reader:
            if None in record or any(value is None for value in record.values()):
                problems.append(
                    f"{label}:{line}: row has {_field_count(record)} fields, "
                    f"the header has {len(header)}"
                )
            elif any(value.strip() for value in record.values()):
                rows.append(Row(label, line, record))
            line = reader.line_num + 1
    except csv.Error as error:
        problems.append(f"{label}:{line}: malformed CSV ({error})")
    if problems:
        raise DataError.from_problems(problems)
    return rows


def _field_count(record: dict[str | None, str | list[str] | None]) -> int:
    extra = record.get(None)
    present = sum(1 for key, value in record.items() if key is not None and value is not None)
    return present + (len(extra) if isinstance(extra, list) else 0)


def _data_folder() -> Traversable:
    """Where the built-in CSV files are: inside the installed package (the wheel carries
    them as ``kzfp_cli/data``), or, in an editable install, the checkout's ``data/``."""
    packaged = resources.files("kzfp_cli").joinpath("data")
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "data"
    return checkout if checkout.is_dir() else packaged


def builtin_files() -> dict[str, tuple[str, bytes]]:
    """The built-in data files, as ``name -> (label, bytes)``."""
    folder = _data_folder()
    files = {}
    for name in TABLE_COLUMNS:
        resource = folder.joinpath(f"{name}.csv")
        try:
            files[name] = (str(resource), resource.read_bytes())
        except OSError as error:
            raise DataError(
                f"{resource}: cannot read the built-in data ({error.strerror})"
            ) from None
    return files


def load_dataset() -> Dataset:
    """Load and cross-check the built-in data. Raises DataError listing every problem."""
    return load_files(builtin_files())


def load_files(files: dict[str, tuple[str, bytes]]) -> Dataset:
    """Read the five tables (``name -> (label, bytes)``, as :func:`builtin_files` gives
    them) and cross-check them into a Dataset."""
    tables = {name: read_table(*files[name], columns) for name, columns in TABLE_COLUMNS.items()}
    return build_dataset(**tables)


def build_dataset(
    *,
    events: list[Row],
    partners: list[Row],
    orgs: list[Row],
    roles: list[Row],
    themes: list[Row],
) -> Dataset:
    """Turn checked rows into a Dataset; every cross-reference must resolve."""
    problems = _Problems()
    partner_map = _index(partners, problems, _partner)
    org_map = _index(orgs, problems, _org)
    theme_map = _index(themes, problems, _theme)
    event_map = _index(events, problems, _event)
    for row in events:
        event = event_map.get(row.values["id"].strip())
        if event is None:
            continue
        _check_refs(row, "partners", event.partners, partner_map, problems)
        _check_refs(row, "orgs", event.orgs, org_map, problems)
        _check_refs(row, "themes", event.themes, theme_map, problems)
    for row in partners:
        partner = partner_map.get(row.values["id"].strip())
        if partner is not None:
            _check_refs(row, "orgs", partner.orgs, org_map, problems)
    role_records = []
    for row in roles:
        role = Role(
            org=_text(row, "org", problems),
            role=_text(row, "role", problems),
            event=_text(row, "event", problems),
        )
        _check_membership_event(row, "event", role.event, role.org, event_map, problems)
        if role.org not in org_map:
            problems.add(row, "org", f"unknown organization '{role.org}'")
        role_records.append(role)
    for row in orgs:
        org = org_map.get(row.values["id"].strip())
        if org is not None and org.joined_event is not None:
            _check_membership_event(
                row, "joined_event", org.joined_event, org.id, event_map, problems
            )
    problems.raise_if_any()
    ordered_events = tuple(event_map.values())
    return Dataset(
        events=ordered_events,
        partners=partner_map,
        orgs=org_map,
        themes=theme_map,
        roles=tuple(role_records),
    )


def _index(
    rows: list[Row], problems: _Problems, make: Callable[[Row, _Problems], T]
) -> dict[str, T]:
    """Build records keyed by their id, reporting malformed and duplicate ids."""
    records: dict[str, T] = {}
    first_line: dict[str, int] = {}
    for row in rows:
        ident = row.values["id"].strip()
        if not _ID.fullmatch(ident):
            problems.add(row, "id", f"'{ident}' is not an id (lowercase letters, digits, hyphens)")
            continue
        if ident in first_line:
            problems.add(row, "id", f"duplicate id '{ident}' (first on line {first_line[ident]})")
            continue
        first_line[ident] = row.line
        records[ident] = make(row, problems)
    return records


def _text(row: Row, column: str, problems: _Problems, *, required: bool = True) -> str:
    value = row.values[column].strip()
    if required and not value:
        problems.add(row, column, "empty; a value is required")
    if _CONTROL.search(value):
        problems.add(row, column, "contains a control character")
    return value


def _list(row: Row, column: str, problems: _Problems) -> tuple[str, ...]:
    items = tuple(item.strip() for item in row.values[column].split(LIST_SEPARATOR) if item.strip())
    if _CONTROL.search(row.values[column]):
        problems.add(row, column, "contains a control character")
    return items


def _date(row: Row, column: str, problems: _Problems) -> PartialDate | None:
    value = row.values[column].strip()
    if not value:
        if column == "date":
            problems.add(row, column, "empty; a value is required")
        return None
    try:
        return parse_iso(value)
    except ValueError as error:
        problems.add(row, column, str(error))
        return None


def _event(row: Row, problems: _Problems) -> Event:
    # Fields are checked in column order, so that problems read left to right.
    start = _date(row, "date", problems)
    end = _date(row, "end_date", problems)
    if start is not None and end is not None and end.last < start.last:
        problems.add(row, "end_date", f"{end} is before the start date {start}")
    title = _text(row, "title", problems)
    summary = _text(row, "summary", problems)
    partners = _list(row, "partners", problems)
    orgs = _list(row, "orgs", problems)
    themes = _list(row, "themes", problems)
    section = _text(row, "section", problems)
    if section and section not in _SECTIONS:
        problems.add(row, "section", f"'{section}' is not one of: {', '.join(_SECTIONS)}")
    return Event(
        id=row.values["id"].strip(),
        date=start or PartialDate(1),
        end_date=end,
        title=title,
        summary=summary,
        partners=partners,
        orgs=orgs,
        themes=themes,
        section=section,
        sources=_list(row, "sources", problems),
        note=_text(row, "note", problems, required=False),
    )


def _partner(row: Row, problems: _Problems) -> Partner:
    return Partner(
        id=row.values["id"].strip(),
        name=_text(row, "name", problems),
        kind=_text(row, "kind", problems),
        aliases=_list(row, "aliases", problems),
        orgs=_list(row, "orgs", problems),
        profile=_text(row, "profile", problems),
        shared_interests=_text(row, "shared_interests", problems, required=False),
        tensions=_text(row, "tensions", problems, required=False),
    )


def _org(row: Row, problems: _Problems) -> Organization:
    return Organization(
        id=row.values["id"].strip(),
        acronym=_text(row, "acronym", problems),
        name=_text(row, "name", problems),
        aliases=_list(row, "aliases", problems),
        joined_event=_text(row, "joined_event", problems, required=False) or None,
    )


def _theme(row: Row, problems: _Problems) -> Theme:
    return Theme(
        id=row.values["id"].strip(),
        name=_text(row, "name", problems),
        description=_text(row, "description", problems),
    )


def _check_refs(
    row: Row, column: str, ids: tuple[str, ...], known: dict[str, object], problems: _Problems
) -> None:
    for ident in ids:
        if ident not in known:
            problems.add(row, column, f"unknown id '{ident}'")


def _check_membership_event(
    row: Row,
    column: str,
    event_id: str,
    org_id: str,
    events: dict[str, Event],
    problems: _Problems,
) -> None:
    event = events.get(event_id)
    if event is None:
        problems.add(row, column, f"unknown event '{event_id}'")
    elif org_id not in event.orgs:
        problems.add(row, column, f"event '{event_id}' does not list organization '{org_id}'")
