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
from array import array
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar

from kzfp_cli.dates import PartialDate, parse_iso
from kzfp_cli.errors import DataError
from kzfp_cli.halves import (
    Child,
    line_offset,
    lines_before,
    split_point,
    text_between,
    two_cores,
)
from kzfp_cli.model import (
    EVENT_COLUMNS,
    LIST_SEPARATOR,
    Dataset,
    Event,
    Organization,
    Partner,
    Problem,
    Role,
    Theme,
)
from kzfp_cli.safe_text import FORMULA_STARTS, caret

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

# A user's events file needs only these; the other columns may be left out.
EVENT_REQUIRED = ("id", "date", "title")
PARTNER_COLUMNS = (
    "id",
    "name",
    "kind",
    "iso2",
    "iso3",
    "cow",
    "wikidata",
    "aliases",
    "orgs",
    "profile",
    "shared_interests",
    "tensions",
)
ORG_COLUMNS = ("id", "acronym", "name", "wikidata", "aliases", "joined_event")
ROLE_COLUMNS = ("org", "role", "event")
THEME_COLUMNS = ("id", "name", "description")
TABLE_COLUMNS = {
    "events": EVENT_COLUMNS,
    "partners": PARTNER_COLUMNS,
    "orgs": ORG_COLUMNS,
    "roles": ROLE_COLUMNS,
    "themes": THEME_COLUMNS,
}
DATA_ENV = "KZFP_DATA"

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ID_LIST = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:;[a-z0-9]+(?:-[a-z0-9]+)*)*")
# The shapes of the standard identifiers partners and organizations carry.
_IDENTIFIERS = {
    "iso2": (re.compile(r"[A-Z]{2}"), "two capital letters (ISO 3166-1 alpha-2)"),
    "iso3": (re.compile(r"[A-Z]{3}"), "three capital letters (ISO 3166-1 alpha-3)"),
    "cow": (re.compile(r"[1-9][0-9]{0,2}"), "a Correlates of War country code (1-999)"),
    "wikidata": (re.compile(r"Q[1-9][0-9]*"), "a Wikidata item id (Q and digits)"),
}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What the checks of a user's record could object to or a cell's clean-up could change.
_UNTIDY = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f']")
# The ASCII characters _UNTIDY does not find, to check ASCII text a faster way.
_TIDY_ASCII = bytes(code for code in range(128) if not _UNTIDY.match(chr(code)))
# A date parse_iso certainly accepts (days past the 28th are left to it).
_TIDY_DATE = re.compile(r"(?!0000)[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|1[0-9]|2[0-8]))?)?")
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


class Selection(Protocol):
    """Which of a user's events a command needs (``query.EventFilter`` is one)."""

    def matches(self, event: Event) -> bool: ...

    def rejects_raw(self, header: Sequence[str]) -> Callable[[Sequence[str]], bool] | None:
        """A test on a raw record's cells that is True only for events ``matches`` would
        certainly refuse; None when the record alone cannot tell."""


# Given the built-in data, which of a user's events a command needs (None: all of them).
Selector = Callable[[Dataset], Selection | None]


class QuickPath(NamedTuple):
    """Takes in tidy records of a user's file without the full checks (see
    _Builder.quick_reader); each answers whether it took what it was given."""

    # One record, starting on the line given.
    one: Callable[[list[str], int], bool]
    # Consecutive one-line records from the line given on: all of them, or none.
    batch: Callable[[list[list[str]], int], bool]


# Given a file's header, its quick path.
QuickReader = Callable[[list[str]], QuickPath]
# Records are read this many at a time, for the quick path to take in together.
BATCH = 512
# A child sends the events it read this many at a time, as columns (see
# _Builder._second_half): one part is in memory twice at most.
EVENTS_SENT = 20_000


class _Start(NamedTuple):
    """Where to read a file from: a record's byte offset, and its line number, under
    the file's header."""

    offset: int
    header: list[str]
    line: int


class HalfRead(NamedTuple):
    """What reading the second half of a file added, but its events, which follow in
    parts of EVENTS_SENT (see _Builder.read_file)."""

    problems: list[tuple[Any, ...]]
    ids: str  # the ids of its records, a line each
    places: bytes | None  # where each was seen, as the builder's `seen` holds it
    new_ids: list[list[str]]  # new partners, organizations, themes


class Problems:
    """Collects problems while files are read and cross-checked."""

    def __init__(self) -> None:
        self.found: list[Problem] = []

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


class Row:
    """One CSV record with the file and the line it starts on, for error messages."""

    __slots__ = ("builtin", "clean", "file", "line", "values")

    def __init__(
        self, file: str, line: int, values: dict[str, str], builtin: bool = True, clean: bool = True
    ) -> None:
        self.file = file
        self.line = line
        self.values = values
        # Built-in rows are held to the curated data's rules; a user's rows are more free.
        self.builtin = builtin
        # No control character anywhere in the row: the per-cell check can be skipped.
        self.clean = clean

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
        problems.add_file(label, line, None, _not_utf8(data[error.start]))
        return []
    lines = io.StringIO(text, newline="")
    return list(iter_rows(label, lines, columns, problems, required, builtin))


def _not_utf8(byte: int) -> str:
    return f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8"


class ResumeAt(Exception):
    """The first part of a file ended inside a record, or at a broken one: read the file
    on from the start of ``line`` as one text, which places any problem exactly."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def iter_rows(
    label: str,
    lines: Iterable[str],
    columns: tuple[str, ...],
    problems: Problems,
    required: Sequence[str],
    builtin: bool,
    raw: Callable[[], bytes] | None = None,
    quick: QuickReader | None = None,
    *,
    start: tuple[list[str], int] | None = None,
    cut: bool = False,
) -> Iterator[Row]:
    """The records of a CSV text, one Row at a time, after checking its header. A row
    with the wrong number of fields, a broken quote or bytes that are not UTF-8 are
    problems, never skipped. ``raw`` gives the file's bytes, to place a decoding error.

    ``start`` reads a text that begins after the header, at a record: the header and
    the number of the text's first line. ``cut`` reads a text that ends at a line
    break that may not end a record: a record broken there, or anywhere, raises
    ResumeAt with its line instead of being reported."""
    reader = csv.reader(lines, strict=True)
    if start is not None:
        header, line = start
    else:
        try:
            found = _header(label, reader, columns, problems, required)
        except UnicodeDecodeError as error:
            _undecodable(label, error, raw, problems)
            return
        if found is None:
            return
        header, line = found, reader.line_num + 1
    absent = {column: "" for column in columns if column not in header}
    width = len(header)
    path = quick(header) if quick is not None else None
    while True:
        # A batch of records; a broken record ends the file, after the records before it
        # (extend keeps what it took before the error).
        batch: list[list[str]] = []
        broken: Exception | None = None
        lines_read = reader.line_num
        try:
            batch.extend(islice(reader, BATCH))
        except (csv.Error, UnicodeDecodeError) as error:
            broken = error
        one_line_each = broken is None and reader.line_num - lines_read == len(batch)
        if path is not None and one_line_each and batch and path.batch(batch, line):
            line += len(batch)
        else:
            for fields in batch:
                end = line + _line_breaks(fields)
                if len(fields) != width:
                    if any(field.strip() for field in fields):
                        problems.add_file(
                            label,
                            line,
                            None,
                            f"row has {len(fields)} fields, the header has {width}",
                        )
                elif path is not None and end == line and path.one(fields, line):
                    pass  # a tidy one-line record, taken in by the quick path
                elif any(fields):
                    joined = "".join(fields)
                    if "\r" in joined or "'" in joined:  # rare: only then look at each cell
                        fields = [_cell(field) for field in fields]
                    values = dict(zip(header, fields, strict=True))
                    if absent:
                        values.update(absent)
                    yield Row(label, line, values, builtin, _CONTROL.search(joined) is None)
                line = end + 1
        if broken is not None and cut:
            raise ResumeAt(line)
        if isinstance(broken, UnicodeDecodeError):
            _undecodable(label, broken, raw, problems)  # after the records before it
            return
        if broken is not None:
            problems.add_file(label, line, None, f"malformed CSV ({broken})")
            return
        if len(batch) < BATCH:
            return


def _undecodable(
    label: str,
    streamed: UnicodeDecodeError,
    raw: Callable[[], bytes] | None,
    problems: Problems,
) -> None:
    # The text was decoded a chunk at a time, so the error's place is in a chunk: find
    # the line in the file's bytes instead.
    data = raw() if raw is not None else b""
    bad, line = streamed.object[streamed.start], 0
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exact:
        bad, line = data[exact.start], data.count(b"\n", 0, exact.start) + 1
    problems.add_file(label, line, None, _not_utf8(bad))


def _header(
    label: str,
    reader: Iterator[list[str]],
    columns: tuple[str, ...],
    problems: Problems,
    required: Sequence[str],
) -> list[str] | None:
    """The header record, or None after reporting what is wrong with it."""
    try:
        header = next(reader, None)
    except csv.Error as error:
        problems.add_file(label, 1, None, f"malformed CSV ({error})")
        return None
    if not header:
        problems.add_file(label, 0, None, "empty file; the first line must name the columns")
        return None
    bad_header = False
    for column in required:
        if column not in header:
            problems.add_file(label, 1, column, "missing column")
            bad_header = True
    for column in header:
        if column not in columns:
            problems.add_file(label, 1, column, "unknown column")
            bad_header = True
    return None if bad_header else header


# The same checks for a column of cells joined by line breaks.
_TIDY_IDS = re.compile(rf"(?:{_ID.pattern}\n)*{_ID.pattern}")
_TIDY_DATES = re.compile(rf"(?:{_TIDY_DATE.pattern}\n)*{_TIDY_DATE.pattern}")


def _known_ids(value: str, known: Container[str], tidy: set[str]) -> bool:
    """Whether a list cell is empty or well-formed ids that are all ``known``; ``tidy``
    remembers the cells found so, as a file holds few distinct ones."""
    if not value or value in tidy:
        return True
    if not _ID_LIST.fullmatch(value) or not all(
        ident in known for ident in value.split(LIST_SEPARATOR)
    ):
        return False
    tidy.add(value)
    return True


def _untidy(text: str) -> bool:
    """Whether ``text`` holds a character of :data:`_UNTIDY`. For ASCII text, deleting
    the tidy characters is five times faster than the regular expression's scan."""
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _TIDY_ASCII))
    return _UNTIDY.search(text) is not None


def _line_breaks(fields: list[str]) -> int:
    """How many line breaks a record's cells hold, as reading the file counts them (a
    record read with newline="" keeps its quoted line breaks as they are)."""
    joined = "".join(fields)
    return joined.count("\n") + joined.count("\r") - joined.count("\r\n")


def _cell(value: str) -> str:
    """A cell as data: line breaks inside it as ``\\n`` whatever the file's line endings,
    and without the quote kzfp's CSV output puts before a cell that looks like a formula."""
    value = value.replace("\r\n", "\n")
    if len(value) > 1 and value[0] == "'" and value[1] in "".join(FORMULA_STARTS):
        return value[1:]
    return value


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


def load_dataset(
    user_files: Sequence[str] = (),
    *,
    builtin: bool = True,
    select: Selector | None = None,
    progress: Callable[[int], None] | None = None,
    tables: dict[str, tuple[str, bytes]] | None = None,
) -> Dataset:
    """Load and cross-check the built-in data and a user's events files (``builtin=False``
    leaves out the built-in events; ``select``, ``progress`` and ``tables`` as in
    :func:`check`). Raises DataError listing every error."""
    dataset, problems = check(
        user_files, builtin=builtin, select=select, progress=progress, tables=tables
    )
    problems.raise_if_errors()
    assert dataset is not None
    return dataset


def check(
    user_files: Sequence[str] = (),
    *,
    builtin: bool = True,
    select: Selector | None = None,
    progress: Callable[[int], None] | None = None,
    problems_only: bool = False,
    tables: dict[str, tuple[str, bytes]] | None = None,
) -> tuple[Dataset | None, Problems]:
    """Everything :func:`load_dataset` does, returning the problems instead of raising:
    the dataset is None when there are errors. ``tables`` are the data files to check
    (``name -> (label, bytes)``, as :func:`builtin_files` gives them, which is the
    default) together with a user's events files.

    A user's files are streamed: every row is checked, but only the events a command
    needs are held, so memory grows with what it shows (and an id per row, to find
    duplicates), not with the whole file. ``select`` is given the built-in data (its
    names, before the user's rows) and answers with the Selection of the user's events
    to hold, or None for all. ``progress`` is told the characters read. With
    ``problems_only`` (``kzfp validate``) no dataset is returned, and of a user's events
    only those the cross-checks read are held."""
    problems = Problems()
    read = {
        name: read_table(label, data, TABLE_COLUMNS[name], problems)
        for name, (label, data) in (builtin_files() if tables is None else tables).items()
    }
    builder = _Builder(read, problems, builtin_events=builtin)
    if problems_only:
        selection: Selection | None = builder.cross_checked()
    else:
        selection = select(builder.dataset()) if select is not None and user_files else None
    for number, path in enumerate(user_files):
        builder.read_file(path, selection, progress, last=number == len(user_files) - 1)
    dataset = builder.finish()
    return (None if problems.errors or problems_only else dataset), problems


def _plain_header(path: str) -> list[str] | None:
    """The header of a user's events file if it is well formed; None otherwise (and the
    file is then read as one text, which reports what is wrong)."""
    try:
        with text_between(path, 0, None) as text:
            reader = csv.reader(text, strict=True)
            return _header(path, reader, EVENT_COLUMNS, Problems(), EVENT_REQUIRED)
    except (OSError, UnicodeDecodeError):
        return None


def _counted(lines: Iterable[str], progress: Callable[[int], None]) -> Iterator[str]:
    read = 0
    for number, line in enumerate(lines):
        read += len(line)
        if number % 4096 == 0:
            progress(read)
        yield line
    progress(read)


def _progress_from(progress: Callable[[int], None], offset: int, done: int) -> None:
    progress(offset + done)


class _Named:
    """A Selection of the events with these ids."""

    __slots__ = ("ids",)

    def __init__(self, ids: frozenset[str]) -> None:
        self.ids = ids

    def matches(self, event: Event) -> bool:
        return event.id in self.ids

    def rejects_raw(self, header: Sequence[str]) -> Callable[[Sequence[str]], bool]:
        ids, at = self.ids, {column: index for index, column in enumerate(header)}["id"]
        return lambda cells: cells[at] not in ids


class _Seen:
    """The ids read so far, to find duplicates, and where each was first read, to name
    both places of one. A set for the question asked of every row, and the ids in
    reading order beside their places (the file's number and the line in one int) for
    the one asked of a duplicate: less memory, and filled faster, than a dict of ints."""

    __slots__ = ("_index", "files", "ids", "order", "places")

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.order: list[str] = []
        self.places = array("q")
        self.files: list[str] = []
        self._index: dict[str, int] = {}  # made when a duplicate asks

    def __contains__(self, ident: str) -> bool:
        return ident in self.ids

    def __len__(self) -> int:
        return len(self.order)

    def file_number(self, file: str) -> int:
        if not self.files or self.files[-1] != file:
            self.files.append(file)
        return (len(self.files) - 1) << 40

    def add(self, ident: str, file: str, line: int) -> None:
        self.ids.add(ident)
        self.order.append(ident)
        self.places.append(self.file_number(file) | line)

    def add_lines(self, ids: Sequence[str], unique: set[str], file: str, line: int) -> None:
        """Ids read one a line from ``line`` on (``unique``: the same, as a set)."""
        self.ids.update(unique)
        self.order.extend(ids)
        start = self.file_number(file) | line
        self.places.extend(range(start, start + len(ids)))

    def first_place(self, ident: str) -> tuple[str, int]:
        index, order = self._index, self.order
        if len(index) < len(order):
            index.update(zip(order[len(index) :], range(len(index), len(order)), strict=True))
        place = self.places[index[ident]]
        return self.files[place >> 40], place & ((1 << 40) - 1)

    def clear(self) -> None:
        for held in (self.ids, self.order, self._index):
            held.clear()
        self.places = array("q")


class _Builder:
    """Builds a Dataset from the built-in tables, then from a user's events as they come."""

    def __init__(
        self, tables: dict[str, list[Row]], problems: Problems, *, builtin_events: bool
    ) -> None:
        self.problems = problems
        self.tables = tables
        self.builtin_events = builtin_events
        self.partners, _ = _index(tables["partners"], problems, _partner)
        self.orgs, _ = _index(tables["orgs"], problems, _org)
        self.themes, _ = _index(tables["themes"], problems, _theme)
        for row in tables["partners"]:
            partner = self.partners.get(row.get("id").strip())
            if partner is not None:
                for ident in partner.orgs:
                    if ident not in self.orgs:
                        problems.add(row, "orgs", f"unknown id '{ident}'")
        self.events: dict[str, Event] = {}
        self.seen = _Seen()
        if builtin_events:
            self.add_events(tables["events"], None)

    def add_events(self, rows: Iterable[Row], keep: Callable[[Event], bool] | None) -> None:
        problems, seen = self.problems, self.seen
        for row in rows:
            ident = row.values["id"].strip()
            if not _ID.fullmatch(ident):
                problems.add(row, "id", _not_an_id(ident))
                continue
            if ident in seen:
                problems.add(row, "id", _duplicate_id(ident, row, *seen.first_place(ident)))
                continue
            seen.add(ident, row.file, row.line)
            event = _event(row, problems)
            _resolve(row, "partners", event.partners, self.partners, _new_partner, problems)
            _resolve(row, "orgs", event.orgs, self.orgs, _new_org, problems)
            _resolve(row, "themes", event.themes, self.themes, _new_theme, problems)
            if keep is None or row.builtin or keep(event):
                self.events[ident] = event

    def cross_checked(self) -> Selection:
        """The user's events that the checks made once every row is read need: those a
        role or a membership names."""
        named = {org.joined_event for org in self.orgs.values() if org.joined_event}
        named.update(row.get("event").strip() for row in self.tables["roles"])
        return _Named(frozenset(named))

    def read_file(
        self,
        path: str,
        selection: Selection | None,
        progress: Callable[[int], None] | None,
        *,
        last: bool,
    ) -> None:
        """Check a user's events file and take in the events ``selection`` wants. A large
        file is read in two halves at once, the second by a forked copy of this process,
        when that gives what reading it whole would; ``last`` says no file follows, so
        the second half's ids need not be kept."""
        split = split_point(path) if two_cores() else None
        header = _plain_header(path) if split is not None else None
        if split is None or header is None:
            self._read_part(path, selection, progress)
            return
        size = os.path.getsize(path)
        child = Child(
            lambda: self._second_half(path, split, header, selection, last=last), stream=True
        )
        try:
            # The halves are read at about the same pace: show the first for both.
            scaled = None if progress is None else lambda done: progress(done * size // split)
            self._read_part(path, selection, scaled, stop=split, cut=True)
        except ResumeAt as resume:
            child.stop()  # the cut was inside a record, or the first half is broken
            at = _Start(line_offset(path, resume.line), header, resume.line)
            self._read_part(path, selection, progress, start=at)
            return
        except BaseException:
            child.stop()
            raise
        sent = child.parts()
        taken = self._taken_from(sent)
        if taken is None:
            # The child failed, or the halves share an id: the duplicate is then found
            # by reading the second half here.
            if sent is not None:
                sent.close()
            at = _Start(split, header, lines_before(path, split) + 1)
            self._read_part(path, selection, progress, start=at)
            return
        half, ids, events = taken
        self._merge(half, ids, path)
        self.events.update(events)

    def _taken_from(
        self, sent: Iterator[Any] | None
    ) -> tuple[HalfRead, list[str], dict[str, Event]] | None:
        """What the child sent, ready to merge: what it read, the ids it read (none when
        they need not be kept) and its events. None when it failed at any point, or when
        the halves share an id. What it read comes first, so that a shared id is found
        before any event is taken in."""
        if sent is None:
            return None
        try:
            head = next(sent, None)
            if head is None:
                return None
            half = HalfRead._make(head)
            ids = half.ids.split("\n") if half.ids else []
            if not self.seen.ids.isdisjoint(ids):
                return None
            if half.places is None:
                ids = []  # not kept, as no file follows: let go of them before the events
            events = _taken_events(sent)
        except ChildProcessError:
            return None
        return half, ids, events

    def _read_part(
        self,
        path: str,
        selection: Selection | None,
        progress: Callable[[int], None] | None,
        *,
        start: _Start | None = None,
        stop: int | None = None,
        cut: bool = False,
    ) -> None:
        """Read a user's file, or its bytes from ``start`` up to ``stop``, cut there
        (see iter_rows)."""
        offset = 0 if start is None else start.offset
        try:
            text = text_between(path, offset, stop)
        except OSError as error:
            self.problems.add_file(path, 0, None, f"cannot read ({error.strerror or error})")
            return
        if progress is not None and offset:
            progress = partial(_progress_from, progress, offset)
        with text:
            rows = iter_rows(
                path,
                _counted(text, progress) if progress else text,
                EVENT_COLUMNS,
                self.problems,
                EVENT_REQUIRED,
                builtin=False,
                raw=Path(path).read_bytes,
                quick=self.quick_reader(path, selection),
                start=None if start is None else (start.header, start.line),
                cut=cut,
            )
            self.add_events(rows, selection.matches if selection is not None else None)

    def _second_half(
        self, path: str, split: int, header: list[str], selection: Selection | None, *, last: bool
    ) -> Iterator[tuple[Any, ...] | list[Any]]:
        """In the forked child: read the file from ``split`` on and give back what that
        added, as plain data for the trip back (see halves.Child): a HalfRead, then the
        events in parts, as columns."""
        problems, events, seen = len(self.problems.found), len(self.events), len(self.seen)
        tables = [table for table, _ in self._new_id_tables().values()]
        sizes = [len(table) for table in tables]
        at = _Start(split, header, lines_before(path, split) + 1)
        self._read_part(path, selection, None, start=at)
        yield tuple(
            HalfRead(
                [tuple(problem) for problem in self.problems.found[problems:]],
                "\n".join(self.seen.order[seen:]),
                None if last else self.seen.places[seen:].tobytes(),
                [
                    list(islice(table, size, None))
                    for table, size in zip(tables, sizes, strict=True)
                ],
            )
        )
        # The events go as columns: fewer, larger objects to write and read back, and
        # rebuilt by map and zip. Dates go as plain tuples, which marshal takes.
        added = list(islice(self.events.values(), events, None))
        for start in range(0, len(added), EVENTS_SENT):
            columns: list[Any] = list(zip(*added[start : start + EVENTS_SENT], strict=True))
            columns[1] = list(map(tuple, columns[1]))
            columns[2] = [end and tuple(end) for end in columns[2]]
            yield columns

    def _merge(self, half: HalfRead, ids: list[str], path: str) -> None:
        """Take in what the child read but its events, as reading on would have: its
        problems, new partners, organizations and themes, and the ``ids`` it read (with
        their places, when kept)."""
        # An id the first half added too was new only to the child: drop its warning.
        repeated = set()
        for (column, (table, make)), idents in zip(
            self._new_id_tables().items(), half.new_ids, strict=True
        ):
            for ident in idents:
                if ident in table:
                    repeated.add((column, _new_id_message(column, ident)))
                else:
                    table[ident] = make(ident)
        self.problems.found.extend(
            Problem(*found)
            for found in half.problems
            if found[4] != "warning" or (found[2], found[3]) not in repeated
        )
        if half.places is not None:
            self.seen.file_number(path)  # the child's number for the file, if this half had no id
            self.seen.ids.update(ids)
            self.seen.order.extend(ids)
            self.seen.places.frombytes(half.places)

    def _new_id_tables(self) -> dict[str, tuple[dict[str, Any], Callable[[str], Any]]]:
        """The tables a user's events may add ids to, with the maker of a new entry."""
        return {
            "partners": (self.partners, _new_partner),
            "orgs": (self.orgs, _new_org),
            "themes": (self.themes, _new_theme),
        }

    def quick_reader(self, label: str, selection: Selection | None) -> QuickReader:
        """For a user's file, the quick path for tidy records: those the full checks
        certainly find nothing wrong with (a well-formed id not seen
        before, a plain date and no end date, a title, known ids, no control character
        and no quote that a cell's clean-up would remove). Its event is built directly,
        or not at all when the selection's raw test refuses the record; then only its id
        is kept, to find duplicates. At any doubt the record takes the full path, which
        reports every problem. The full path costs ~10 µs a record, most of the time of
        a large file."""

        def reader(header: list[str]) -> QuickPath:
            rejects = selection.rejects_raw(header) if selection is not None else None
            keep = selection.matches if selection is not None else None
            return self._quick(label, header, rejects, keep)

        return reader

    def _quick(
        self,
        label: str,
        header: list[str],
        rejects: Callable[[Sequence[str]], bool] | None,
        keep: Callable[[Event], bool] | None,
    ) -> QuickPath:
        at = {column: index for index, column in enumerate(header)}
        ident_at, date_at, title_at = at["id"], at["date"], at["title"]
        end_at = at.get("end_date")
        width = len(header)
        # Lists of ids already found well formed and known, per column: few distinct.
        id_lists = [
            (at[column], known, set[str]())
            for column, known in (
                ("partners", self.partners),
                ("orgs", self.orgs),
                ("themes", self.themes),
            )
            if column in at
        ]
        event_of = _tidy_event_builder(header)
        seen, events = self.seen, self.events
        tidy_id, tidy_date = _ID.fullmatch, _TIDY_DATE.fullmatch

        def take(fields: list[str], line: int) -> bool:
            ident = fields[ident_at]
            if (
                ident in seen
                or not tidy_id(ident)
                or not tidy_date(fields[date_at])
                or (end_at is not None and fields[end_at])
                or not fields[title_at].strip()
            ):
                return False
            for index, known, tidy in id_lists:
                if not _known_ids(fields[index], known, tidy):
                    return False
            if _untidy("".join(fields)):
                return False
            seen.add(ident, label, line)
            if rejects is None or not rejects(fields):
                event = event_of(fields)
                if keep is None or keep(event):
                    events[ident] = event
            return True

        # The columns take_all must still look at for characters the checks object to:
        # those no pattern below checks cell by cell (a column named twice included).
        patterned = {ident_at, date_at, *(index for index, _, _ in id_lists)}
        if end_at is not None:
            patterned.add(end_at)
        free = [index for index in range(width) if index not in patterned]

        def take_all(records: list[list[str]], first_line: int) -> bool:
            # The checks of take, each made once over a column of the batch, in C: a
            # record per line, so no cell holds a line break and lines can join cells.
            try:
                columns = list(zip(*records, strict=True))
            except ValueError:
                return False  # records of different lengths
            if len(columns) != width:
                return False
            ids = columns[ident_at]
            unique = set(ids)
            if len(unique) != len(ids) or not seen.ids.isdisjoint(unique):
                return False
            if not _TIDY_IDS.fullmatch("\n".join(ids)):
                return False
            if not _TIDY_DATES.fullmatch("\n".join(columns[date_at])):
                return False
            if end_at is not None and any(columns[end_at]):
                return False
            if not all(map(str.strip, columns[title_at])):
                return False
            for index, known, tidy in id_lists:
                for value in set(columns[index]).difference(tidy):
                    if not _known_ids(value, known, tidy):
                        return False
            if _untidy("".join(chain.from_iterable([columns[index] for index in free]))):
                return False
            seen.add_lines(ids, unique, label, first_line)
            wanted = records if rejects is None else [r for r in records if not rejects(r)]
            for fields in wanted:
                event = event_of(fields)
                if keep is None or keep(event):
                    events[event.id] = event
            return True

        return QuickPath(take, take_all)

    def finish(self) -> Dataset:
        # Every row is read: the ids kept to find duplicates can go before the output
        # is made (a hundred megabytes for a million rows).
        self.seen.clear()
        problems, events, orgs = self.problems, self.events, self.orgs
        role_records = []
        for row in self.tables["roles"]:
            role = Role(
                org=_text(row, "org", problems),
                role=_text(row, "role", problems),
                event=_text(row, "event", problems),
            )
            if role.org not in orgs:
                problems.add(row, "org", f"unknown organization '{role.org}'")
            # Without the built-in events, the facts that rest on them are left out too.
            if self.builtin_events or role.event in events:
                _check_membership_event(row, "event", role.event, role.org, events, problems)
                role_records.append(role)
        for row in self.tables["orgs"]:
            org = orgs.get(row.get("id").strip())
            if org is None or org.joined_event is None:
                continue
            if self.builtin_events or org.joined_event in events:
                _check_membership_event(
                    row, "joined_event", org.joined_event, org.id, events, problems
                )
            else:
                orgs[org.id] = org._replace(joined_event=None)
        return self.dataset(tuple(role_records))

    def dataset(self, roles: tuple[Role, ...] = ()) -> Dataset:
        return Dataset(
            events=tuple(self.events.values()),
            partners=self.partners,
            orgs=self.orgs,
            themes=self.themes,
            roles=roles,
        )


def _taken_events(parts: Iterator[list[Any]]) -> dict[str, Event]:
    """The events a child sends as plain data, in columns (see _Builder._second_half),
    by id."""
    taken: dict[str, Event] = {}
    for columns in parts:
        columns[1] = map(PartialDate._make, columns[1])
        columns[2] = [end and PartialDate._make(end) for end in columns[2]]
        events = map(Event._make, zip(*columns, strict=True))
        taken.update(zip(columns[0], events, strict=True))
    return taken


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
            problems.add(row, "id", _not_an_id(ident))
            continue
        if ident in first:
            other = first[ident]
            problems.add(row, "id", _duplicate_id(ident, row, other.file, other.line))
            continue
        first[ident] = row
        records[ident] = make(row, problems)
    return records, first


def _not_an_id(ident: str) -> str:
    return f"'{ident}' is not an id (lowercase letters, digits, hyphens)"


def _duplicate_id(ident: str, row: Row, file: str, line: int) -> str:
    """The message for ``row``'s id when it was first read at ``file``, ``line``."""
    place = f"line {line}" if file == row.file else f"{file}:{line}"
    return f"duplicate id '{ident}' (first at {place})"


def _text(row: Row, column: str, problems: Problems, *, required: bool = True) -> str:
    value = row.values[column].strip()
    if required and not value:
        problems.add(row, column, "empty; a value is required")
    if not row.clean:
        _check_controls(row, column, value, problems)
    return value


def _check_controls(row: Row, column: str, value: str, problems: Problems) -> None:
    # Kept as they are (JSON stays exact); shown harmlessly in tables. Worth a warning.
    found = sorted(set(_CONTROL.findall(value)))
    if found:
        shown = " ".join(caret(char) for char in found)
        problems.add(row, column, f"control character {shown} (shown as such)", warning=True)


def _list(row: Row, column: str, problems: Problems) -> tuple[str, ...]:
    value = row.values[column]
    if not row.clean:
        _check_controls(row, column, value, problems)
    return _split_list(value)


def _split_list(value: str) -> tuple[str, ...]:
    if not value:
        return ()
    if " " not in value and ";;" not in value and not value.endswith(LIST_SEPARATOR):
        return tuple(value.split(LIST_SEPARATOR))  # the common, tidy case
    return tuple(item.strip() for item in value.split(LIST_SEPARATOR) if item.strip())


def _tidy_event_builder(header: list[str]) -> Callable[[list[str]], Event]:
    """The event of a record the quick path found tidy (see _Builder.quick_reader), built
    as :func:`_event` builds it, without the checks it is known to pass."""
    at = {column: index for index, column in enumerate(header)}
    ident_at, date_at, title_at = at["id"], at["date"], at["title"]
    optional = ("summary", "partners", "orgs", "themes", "section", "sources", "note")
    # A column the file leaves out is read from an empty cell added after the others.
    pad = any(column not in at for column in optional)
    summary, partners, orgs, themes, section, sources, note = (
        at.get(column, len(header)) for column in optional
    )

    # Dates are few and met again and again: events of one day share one (immutable).
    dates: dict[str, PartialDate] = {}

    def build(fields: list[str]) -> Event:
        if pad:
            fields = [*fields, ""]
        text = fields[date_at]  # YYYY, YYYY-MM or YYYY-MM-DD, and a real date
        date = dates.get(text)
        if date is None:
            date = dates[text] = PartialDate(
                int(text[:4]),
                int(text[5:7]) if len(text) > 4 else None,
                int(text[8:]) if len(text) > 7 else None,
            )
        return Event(
            fields[ident_at],
            date,
            None,
            fields[title_at].strip(),
            fields[summary].strip(),
            # Lists of ids the quick path found well formed: no spaces or empty items.
            tuple(fields[partners].split(LIST_SEPARATOR)) if fields[partners] else (),
            tuple(fields[orgs].split(LIST_SEPARATOR)) if fields[orgs] else (),
            tuple(fields[themes].split(LIST_SEPARATOR)) if fields[themes] else (),
            fields[section].strip(),
            _split_list(fields[sources]),
            fields[note].strip(),
        )

    return build


def _ids(row: Row, column: str, problems: Problems) -> tuple[str, ...]:
    """A list of ids; each must be well formed."""
    ids = _list(row, column, problems)
    if ids and not _ID_LIST.fullmatch(LIST_SEPARATOR.join(ids)):
        for ident in ids:
            if not _ID.fullmatch(ident):
                problems.add(row, column, _not_an_id(ident))
    return ids


def _date(row: Row, column: str, problems: Problems) -> PartialDate | None:
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


def _event(row: Row, problems: Problems) -> Event:
    # Fields are checked in column order, so that problems read left to right.
    start = _date(row, "date", problems)
    end = _date(row, "end_date", problems) if row.values["end_date"] else None
    if start is not None and end is not None and end.last < start.last:
        problems.add(row, "end_date", f"{end} is before the start date {start}")
    title = _text(row, "title", problems)
    summary = _text(row, "summary", problems, required=row.builtin)
    partners = _ids(row, "partners", problems)
    orgs = _ids(row, "orgs", problems)
    themes = _ids(row, "themes", problems)
    section = _text(row, "section", problems, required=row.builtin)
    if row.builtin and section and section not in SECTIONS:
        problems.add(row, "section", f"'{section}' is not one of: {', '.join(SECTIONS)}")
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


def _identifier(row: Row, column: str, problems: Problems) -> str:
    """A standard identifier (ISO, COW, Wikidata), well formed or empty."""
    value = _text(row, column, problems, required=False)
    shape, meaning = _IDENTIFIERS[column]
    if value and not shape.fullmatch(value):
        problems.add(row, column, f"'{value}' is not {meaning}")
        return ""
    return value


def _cow_code(row: Row, problems: Problems) -> int | None:
    code = _identifier(row, "cow", problems)
    return int(code) if code else None


def _partner(row: Row, problems: Problems) -> Partner:
    # Arguments are evaluated in column order, so that problems read left to right.
    return Partner(
        id=row.get("id").strip(),
        name=_text(row, "name", problems),
        kind=_text(row, "kind", problems),
        iso2=_identifier(row, "iso2", problems),
        iso3=_identifier(row, "iso3", problems),
        cow=_cow_code(row, problems),
        wikidata=_identifier(row, "wikidata", problems),
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
        wikidata=_identifier(row, "wikidata", problems),
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
    return Partner(
        id=ident,
        name=ident,
        kind="other",
        iso2="",
        iso3="",
        cow=None,
        wikidata="",
        aliases=(),
        orgs=(),
        profile="",
        shared_interests="",
        tensions="",
    )


def _new_org(ident: str) -> Organization:
    return Organization(
        id=ident, acronym=ident.upper(), name=ident, wikidata="", aliases=(), joined_event=None
    )


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
            problems.add(row, column, _new_id_message(column, ident), warning=True)


def _new_id_message(column: str, ident: str) -> str:
    return f"new {KIND_NAMES[column]} '{ident}'"


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
