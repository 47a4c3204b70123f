"""Read the CSV data files into typed records, checking them as they are read.

Every problem found is a :class:`Problem` (``file:line: column: message``). Errors are
raised together in one :class:`~kzfp_cli.errors.DataError`, so a broken file is fixed in
one pass and no row is ever dropped silently; warnings (a new partner id, a control
character) are kept for ``kzfp validate``.

The built-in data is strict: every reference resolves and every event names the section
of the source article it comes from. A user's events files (``--data``) may bring new
partners, organizations and themes, which are added under their ids.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kzfp_cli.dates import PartialDate, parse_iso
from kzfp_cli.errors import DataError
from kzfp_cli.model import Dataset, Event, Organization, Partner, Role, Theme
from kzfp_cli.safe_text import caret

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

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
# A user's events file needs only these; the other columns may be left out.
EVENT_REQUIRED = ("id", "date", "title")
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
DATA_ENV = "KZFP_DATA"
# CSV output guards cells a spreadsheet would run as a formula with a leading quote;
# reading strips it again, so that data survives the round trip.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SECTIONS = (
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
class Problem:
    """Something wrong (or worth knowing) about one place of one file."""

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


@dataclass
class Problems:
    """Collects problems while files are read and cross-checked."""

    found: list[Problem] = field(default_factory=list)

    def add(self, row: Row, column: str | None, message: str, *, warning: bool = False) -> None:
        severity = "warning" if warning else "error"
        self.found.append(Problem(row.file, row.line, column, message, severity))

    def add_file(self, file: str, line: int, column: str | None, message: str) -> None:
        self.found.append(Problem(file, line, column, message))

    def ordered(self) -> list[Problem]:
        # Checks run table by table and pass by pass; report in file and line order.
        return sorted(self.found, key=lambda problem: (problem.file, problem.line))

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.ordered() if problem.severity == "error"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise DataError.from_problems([str(problem) for problem in self.errors])


@dataclass(frozen=True, slots=True)
class Row:
    """One CSV record with the file and the line it starts on, for error messages."""

    file: str
    line: int
    values: dict[str, str]
    # Built-in rows are held to the curated data's rules; a user's rows are more free.
    builtin: bool = True

    def get(self, column: str) -> str:
        return self.values.get(column) or ""


def read_table(
    label: str,
    data: bytes,
    columns: tuple[str, ...],
    problems: Problems | None = None,
    *,
    required: Sequence[str] | None = None,
    builtin: bool = True,
) -> list[Row]:
    """Decode and split one CSV file, checking its header. Problems go to ``problems``;
    without one, a DataError is raised for them."""
    collector = problems if problems is not None else Problems()
    rows = _read_rows(label, data, columns, collector, required or columns, builtin)
    if problems is None:
        collector.raise_if_errors()
    return rows


def _read_rows(
    label: str,
    data: bytes,
    columns: tuple[str, ...],
    problems: Problems,
    required: Sequence[str],
    builtin: bool,
) -> list[Row]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.add_file(
            label,
            line,
            None,
            f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8",
        )
        return []
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames or []
    except csv.Error as error:
        problems.add_file(label, 1, None, f"malformed CSV ({error})")
        return []
    if not header:
        problems.add_file(label, 0, None, "empty file; the first line must name the columns")
        return []
    bad_header = False
    for column in required:
        if column not in header:
            problems.add_file(label, 1, column, "missing column")
            bad_header = True
    for column in header:
        if column not in columns:
            problems.add_file(label, 1, column, "unknown column")
            bad_header = True
    if bad_header:
        return []
    rows: list[Row] = []
    line = reader.line_num + 1
    try:
        for record in reader:
            if None in record or any(value is None for value in record.values()):
                problems.add_file(
                    label,
                    line,
                    None,
                    f"row has {_field_count(record)} fields, the header has {len(header)}",
                )
            elif any(value.strip() for value in record.values()):
                values = {column: _cell(record.get(column) or "") for column in columns}
                rows.append(Row(label, line, values, builtin))
            line = reader.line_num + 1
    except csv.Error as error:
        problems.add_file(label, line, None, f"malformed CSV ({error})")
    return rows


def _cell(value: str) -> str:
    """A cell as data: line breaks inside it as ``\\n`` whatever the file's line endings,
    and without the quote kzfp's CSV output puts before a cell that looks like a formula."""
    value = value.replace("\r\n", "\n")
    if len(value) > 1 and value[0] == "'" and value[1] in "".join(FORMULA_STARTS):
        return value[1:]
    return value


def guard(value: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _field_count(record: dict[str | None, str | list[str] | None]) -> int:
    extra = record.get(None)
    present = sum(1 for key, value in record.items() if key is not None and value is not None)
    return present + (len(extra) if isinstance(extra, list) else 0)


def _data_folder() -> Path | Traversable:
    """Where the built-in CSV files are: beside this module in an installed package (the
    wheel carries them as ``kzfp_cli/data``), the checkout's ``data/`` in an editable
    install, or, for a package inside a zip file, wherever importlib.resources finds it.
    The plain path is tried first because importlib.resources costs ~10 ms to import."""
    here = Path(__file__).resolve().parent
    for folder in (here / "data", here.parents[1] / "data"):
        if (folder / "events.csv").is_file():
            return folder
    from importlib import resources

    return resources.files("kzfp_cli").joinpath("data")


def builtin_files() -> dict[str, tuple[str, bytes]]:
    """The built-in data files, as ``name -> (label, bytes)``."""
    folder = _data_folder()
    files = {}
    for name in TABLE_COLUMNS:
        resource = folder.joinpath(f"{name}.csv")
        try:
            # Named as in the repository, where a fix would be made, wherever installed.
            files[name] = (f"data/{name}.csv", resource.read_bytes())
        except OSError as error:
            raise DataError(
                f"{resource}: cannot read the built-in data ({error.strerror})"
            ) from None
    return files


def data_files(options: Sequence[str] = ()) -> list[str]:
    """The user's events files: those in ``KZFP_DATA`` (separated like PATH), then the
    ``--data`` options."""
    from_env = [part for part in os.environ.get(DATA_ENV, "").split(os.pathsep) if part]
    return [*from_env, *options]


def load_dataset(user_files: Sequence[str] = (), *, builtin: bool = True) -> Dataset:
    """Load and cross-check the built-in data and a user's events files (``builtin=False``
    leaves out the built-in events). Raises DataError listing every error."""
    dataset, problems = check(user_files, builtin=builtin)
    problems.raise_if_errors()
    assert dataset is not None
    return dataset


def check(
    user_files: Sequence[str] = (), *, builtin: bool = True
) -> tuple[Dataset | None, Problems]:
    """Everything :func:`load_dataset` does, returning the problems instead of raising:
    the dataset is None when there are errors."""
    return check_files(builtin_files(), user_files, builtin=builtin)


def check_files(
    files: dict[str, tuple[str, bytes]],
    user_files: Sequence[str] = (),
    *,
    builtin: bool = True,
) -> tuple[Dataset | None, Problems]:
    """Check the tables ``files`` (``name -> (label, bytes)``, as :func:`builtin_files`
    gives them) together with a user's events files."""
    problems = Problems()
    tables = {
        name: read_table(label, data, TABLE_COLUMNS[name], problems)
        for name, (label, data) in files.items()
    }
    if not builtin:
        tables["events"] = []
    for path in user_files:
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            problems.add_file(path, 0, None, f"cannot read ({error.strerror or error})")
            continue
        tables["events"] += read_table(
            path, data, EVENT_COLUMNS, problems, required=EVENT_REQUIRED, builtin=False
        )
    dataset = build_dataset(**tables, problems=problems, builtin_events=builtin)
    return (None if problems.errors else dataset), problems


def load_files(files: dict[str, tuple[str, bytes]]) -> Dataset:
    """Load these tables alone and raise DataError for any error in them."""
    dataset, problems = check_files(files)
    problems.raise_if_errors()
    assert dataset is not None
    return dataset


def build_dataset(
    *,
    events: list[Row],
    partners: list[Row],
    orgs: list[Row],
    roles: list[Row],
    themes: list[Row],
    problems: Problems | None = None,
    builtin_events: bool = True,
) -> Dataset:
    """Turn rows into a Dataset; every cross-reference must resolve, except that a user's
    events may name new partners, organizations and themes."""
    collector = problems if problems is not None else Problems()
    partner_map, _ = _index(partners, collector, _partner)
    org_map, _ = _index(orgs, collector, _org)
    theme_map, _ = _index(themes, collector, _theme)
    event_map, event_rows = _index(events, collector, _event)
    for row in events:
        ident = row.get("id").strip()
        if event_rows.get(ident) is not row:  # malformed or a duplicate: already reported
            continue
        event = event_map[ident]
        _resolve(row, "partners", event.partners, partner_map, _new_partner, collector)
        _resolve(row, "orgs", event.orgs, org_map, _new_org, collector)
        _resolve(row, "themes", event.themes, theme_map, _new_theme, collector)
    for row in partners:
        partner = partner_map.get(row.get("id").strip())
        if partner is not None:
            for ident in partner.orgs:
                if ident not in org_map:
                    collector.add(row, "orgs", f"unknown id '{ident}'")
    role_records = []
    for row in roles:
        role = Role(
            org=_text(row, "org", collector),
            role=_text(row, "role", collector),
            event=_text(row, "event", collector),
        )
        if role.org not in org_map:
            collector.add(row, "org", f"unknown organization '{role.org}'")
        # Without the built-in events, the facts that rest on them are left out too.
        if builtin_events or role.event in event_map:
            _check_membership_event(row, "event", role.event, role.org, event_map, collector)
            role_records.append(role)
    for row in orgs:
        org = org_map.get(row.get("id").strip())
        if org is None or org.joined_event is None:
            continue
        if builtin_events or org.joined_event in event_map:
            _check_membership_event(
                row, "joined_event", org.joined_event, org.id, event_map, collector
            )
        else:
            org_map[org.id] = Organization(org.id, org.acronym, org.name, org.aliases, None)
    if problems is None:
        collector.raise_if_errors()
    return Dataset(
        events=tuple(event_map.values()),
        partners=partner_map,
        orgs=org_map,
        themes=theme_map,
        roles=tuple(role_records),
    )


def _index(
    rows: list[Row], problems: Problems, make: Callable[[Row, Problems], T]
) -> tuple[dict[str, T], dict[str, Row]]:
    """Records keyed by their id, and the row each came from; malformed and duplicate ids
    are reported (a duplicate across files names both places)."""
    records: dict[str, T] = {}
    first: dict[str, Row] = {}
    for row in rows:
        ident = row.get("id").strip()
        if not _ID.fullmatch(ident):
            problems.add(row, "id", f"'{ident}' is not an id (lowercase letters, digits, hyphens)")
            continue
        if ident in first:
            other = first[ident]
            place = f"line {other.line}" if other.file == row.file else f"{other.file}:{other.line}"
            problems.add(row, "id", f"duplicate id '{ident}' (first at {place})")
            continue
        first[ident] = row
        records[ident] = make(row, problems)
    return records, first


def _text(row: Row, column: str, problems: Problems, *, required: bool = True) -> str:
    value = row.get(column).strip()
    if required and not value:
        problems.add(row, column, "empty; a value is required")
    _check_controls(row, column, value, problems)
    return value


def _check_controls(row: Row, column: str, value: str, problems: Problems) -> None:
    # Kept as they are (JSON stays exact); shown harmlessly in tables. Worth a warning.
    found = sorted(set(_CONTROL.findall(value)))
    if found:
        shown = " ".join(caret(char) for char in found)
        problems.add(row, column, f"control character {shown} (shown as such)", warning=True)


def _list(row: Row, column: str, problems: Problems) -> tuple[str, ...]:
    value = row.get(column)
    _check_controls(row, column, value, problems)
    return tuple(item.strip() for item in value.split(LIST_SEPARATOR) if item.strip())


def _date(row: Row, column: str, problems: Problems) -> PartialDate | None:
    value = row.get(column).strip()
    if not value:
        if column == "date":
            problems.add(row, column, "empty; a value is required")
        return None
    try:
        return parse_iso(value)
    except ValueError as error:
        problems.add(row, column, str(error))
        return None


def _event(row: Row, problems: Problems) -> Event:
    # Fields are checked in column order, so that problems read left to right.
    start = _date(row, "date", problems)
    end = _date(row, "end_date", problems)
    if start is not None and end is not None and end.last < start.last:
        problems.add(row, "end_date", f"{end} is before the start date {start}")
    title = _text(row, "title", problems)
    summary = _text(row, "summary", problems, required=row.builtin)
    partners = _list(row, "partners", problems)
    orgs = _list(row, "orgs", problems)
    themes = _list(row, "themes", problems)
    for column, ids in (("partners", partners), ("orgs", orgs), ("themes", themes)):
        for ident in ids:
            if not _ID.fullmatch(ident):
                problems.add(
                    row, column, f"'{ident}' is not an id (lowercase letters, digits, hyphens)"
                )
    section = _text(row, "section", problems, required=row.builtin)
    if row.builtin and section and section not in SECTIONS:
        problems.add(row, "section", f"'{section}' is not one of: {', '.join(SECTIONS)}")
    return Event(
        id=row.get("id").strip(),
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


def _partner(row: Row, problems: Problems) -> Partner:
    return Partner(
        id=row.get("id").strip(),
        name=_text(row, "name", problems),
        kind=_text(row, "kind", problems),
        aliases=_list(row, "aliases", problems),
        orgs=_list(row, "orgs", problems),
        profile=_text(row, "profile", problems),
        shared_interests=_text(row, "shared_interests", problems, required=False),
        tensions=_text(row, "tensions", problems, required=False),
    )


def _org(row: Row, problems: Problems) -> Organization:
    return Organization(
        id=row.get("id").strip(),
        acronym=_text(row, "acronym", problems),
        name=_text(row, "name", problems),
        aliases=_list(row, "aliases", problems),
        joined_event=_text(row, "joined_event", problems, required=False) or None,
    )


def _theme(row: Row, problems: Problems) -> Theme:
    return Theme(
        id=row.get("id").strip(),
        name=_text(row, "name", problems),
        description=_text(row, "description", problems),
    )


def _new_partner(ident: str) -> Partner:
    return Partner(ident, ident, "other", (), (), "", "", "")


def _new_org(ident: str) -> Organization:
    return Organization(ident, ident.upper(), ident, (), None)


def _new_theme(ident: str) -> Theme:
    return Theme(ident, ident, "")


KIND_NAMES = {"partners": "partner", "orgs": "organization", "themes": "theme"}


def _resolve(
    row: Row,
    column: str,
    ids: tuple[str, ...],
    known: dict[str, T],
    make: Callable[[str], T],
    problems: Problems,
) -> None:
    """Built-in events must name known ids; a user's events may add new ones."""
    for ident in ids:
        if ident in known or not _ID.fullmatch(ident):
            continue
        if row.builtin:
            problems.add(row, column, f"unknown id '{ident}'")
        else:
            known[ident] = make(ident)
            problems.add(row, column, f"new {KIND_NAMES[column]} '{ident}'", warning=True)


def _check_membership_event(
    row: Row,
    column: str,
    event_id: str,
    org_id: str,
    events: dict[str, Event],
    problems: Problems,
) -> None:
    event = events.get(event_id)
    if event is None:
        problems.add(row, column, f"unknown event '{event_id}'")
    elif org_id not in event.orgs:
        problems.add(row, column, f"event '{event_id}' does not list organization '{org_id}'")
