"""Rules every data file is held to, whoever wrote it (issue #16): one rule for empty items
in list cells, columns a spreadsheet leaves unnamed, a blank first line, and files saved
in UTF-16 or UTF-32. Each is checked over the built-in tables and a user's files alike."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzfp_cli import store
from kzfp_cli.views import event_record, flatten_record

EMPTY_ITEM = "empty item in a list (two `;` in a row, or one at the start or end)"
# Every list column of every table, as docs/data-format.md names them.
LIST_COLUMNS = [
    ("events", "partners"),
    ("events", "orgs"),
    ("events", "themes"),
    ("events", "sources"),
    ("partners", "aliases"),
    ("partners", "orgs"),
    ("orgs", "aliases"),
]


SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def records_with_lines(text: str) -> list[tuple[int, list[str]]]:
    """The records of a CSV text, header first, each with the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""))
    found = []
    line = 1
    for record in reader:
        found.append((line, record))
        line = reader.line_num + 1
    return found


def with_cell(table: str, column: str, change) -> tuple[dict[str, tuple[str, bytes]], str]:
    """The built-in tables with one cell of ``table`` changed: the first in ``column``
    that ``change`` gives a new value for (it is given the cell's items). The place of
    the changed cell, as problems name it."""
    files = store.builtin_files()
    label, data = files[table]
    records = [record for _, record in records_with_lines(data.decode("utf-8"))]
    at = records[0].index(column)
    changed = [change(record[at].split(";")) if record[at] else None for record in records]
    number = next((n for n, new in enumerate(changed) if n and new is not None), None)
    if number is None:
        pytest.skip(f"no {table}.{column} cell to change")
    records[number][at] = changed[number]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    text = out.getvalue()
    line = records_with_lines(text)[number][0]
    files[table] = (label, text.encode("utf-8"))
    return files, f"{label}:{line}: {column}"


CHANGES = {
    "at the start": lambda items: ";" + ";".join(items),
    "at the end": lambda items: ";".join(items) + ";",
    "in the middle": lambda items: " ; ; ".join(items) if len(items) > 1 else None,
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
@pytest.mark.parametrize(
    ("table", "column"), LIST_COLUMNS, ids=[".".join(pair) for pair in LIST_COLUMNS]
)
def test_an_empty_item_is_an_error_in_every_list_column_of_the_builtin_tables(
    table, column, change
):
    files, place = with_cell(table, column, change)
    _, problems = store.check(tables=files)
    assert [str(problem) for problem in problems.errors] == [f"{place}: {EMPTY_ITEM}"]


def test_the_builtin_data_has_no_empty_list_item():
    _, problems = store.check()
    assert problems.found == []


ITEMS = {
    "partners": st.sampled_from(["russia", "china", "mars"]),
    "themes": st.sampled_from(["security", "economy"]),
    "sources": st.sampled_from(["A | https://a.example/", "B, at last | https://b.example/x"]),
}
padding = st.sampled_from(["", " ", "  ", "\t", "\n", "\u00a0"])


@st.composite
def list_cells(draw, column: str) -> tuple[str, tuple[str, ...]]:
    """A list cell of ``column`` with items, empty or not, anywhere; and its items as
    written, stripped."""
    items = draw(st.lists(st.just("") | ITEMS[column], min_size=1, max_size=4))
    cell = ";".join(draw(padding) + item + draw(padding) for item in items)
    return cell, tuple(items)


def holds_empty_item(items: tuple[str, ...]) -> bool:
    return "" in items and len(items) > 1  # a cell of white space alone is an empty list


@pytest.mark.slow
@SLOW
@given(st.data(), st.sampled_from(sorted(ITEMS)))
def test_a_list_with_an_empty_item_anywhere_is_one_error_else_its_items(in_tmp, data, column):
    cells = data.draw(st.lists(list_cells(column), min_size=1, max_size=5))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(
        [["id", "date", "title", column]]
        + [[f"e-{n}", "2020", "T", cell] for n, (cell, _) in enumerate(cells)]
    )
    (in_tmp / "x.csv").write_text(out.getvalue(), encoding="utf-8")
    lines = [line for line, _ in records_with_lines(out.getvalue())[1:]]
    dataset, problems = store.check(["x.csv"], builtin=False)
    assert [str(problem) for problem in problems.errors] == [
        f"x.csv:{line}: {column}: {EMPTY_ITEM}"
        for line, (_, items) in zip(lines, cells, strict=True)
        if holds_empty_item(items)
    ]
    assert (dataset is None) == any(holds_empty_item(items) for _, items in cells)
    if dataset is not None:
        # A source is an object in the record; in a CSV cell, the text it was cited by.
        assert [flatten_record(event_record(event))[column] for event in dataset.events] == [
            ";".join(item for item in items if item) for _, items in cells
        ]


# --- unnamed columns ------------------------------------------------------------------


@st.composite
def with_unnamed_columns(draw) -> tuple[list[list[str]], dict[int, int]]:
    """An events file (header, rows) with columns of no name put anywhere, some of their
    cells holding a value; for each row that holds one, the first such column (from 1)."""
    header = ["id", "date", "title"]
    rows = [[f"e-{n}", "2020", f"T{n}"] for n in range(draw(st.integers(1, 4)))]
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(header)))
        header.insert(at, draw(st.sampled_from(["", " "])))
        for row in rows:
            row.insert(at, draw(st.sampled_from(["", "", " ", "x"])))
    first = {}
    for line, row in enumerate(rows, 2):
        valued = [
            n
            for n, (name, cell) in enumerate(zip(header, row, strict=True), 1)
            if not name.strip() and cell.strip()
        ]
        if valued:
            first[line] = valued[0]
    return [header, *rows], first


@pytest.mark.slow
@SLOW
@given(with_unnamed_columns())
def test_unnamed_columns_are_read_when_empty_and_a_value_in_one_is_an_error_at_its_row(
    in_tmp, made
):
    records, first = made
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    (in_tmp / "x.csv").write_text(out.getvalue(), encoding="utf-8")
    dataset, problems = store.check(["x.csv"], builtin=False)
    assert [str(problem) for problem in problems.found] == [
        f"x.csv:{line}: a value in column {column}, which the header leaves unnamed; "
        "name the column, or empty it"
        for line, column in first.items()
    ]
    if not first:
        assert dataset is not None
        assert [(event.id, event.title) for event in dataset.events] == [
            (f"e-{n}", f"T{n}") for n in range(len(records) - 1)
        ]


def test_an_unnamed_column_is_not_an_unknown_one_and_a_named_one_still_is(kzfp, in_tmp):
    (in_tmp / "x.csv").write_text("id,date,title,,colour,\ne-1,2020,T,,red,\n", encoding="utf-8")
    run = kzfp("validate", "x.csv")
    assert (run.exit_code, run.stdout) == (3, "x.csv:1: colour: unknown column\n")


# --- the first line and the encoding -------------------------------------------------

VALID = "id,date,title\ne-1,2020,T\n"


@pytest.mark.slow
@SLOW
@given(
    st.lists(st.sampled_from(["\n", "\r\n", "\r", " \n", "\t\r\n"]), min_size=1, max_size=3),
    st.booleans(),
)
def test_a_blank_first_line_is_one_error_that_says_so(in_tmp, blanks, bom):
    text = ("\ufeff" if bom else "") + "".join(blanks) + VALID
    (in_tmp / "x.csv").write_text(text, encoding="utf-8", newline="")
    _, problems = store.check(["x.csv"], builtin=False)
    assert [str(problem) for problem in problems.found] == [
        "x.csv:1: the first line is blank; the header must be the first line"
    ]


WIDE = ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]
titles = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20)


@pytest.mark.slow
@SLOW
@given(st.sampled_from(WIDE), st.lists(titles, max_size=3), st.sampled_from(["\n", "\r\n"]))
def test_a_file_in_utf16_or_utf32_is_one_line_that_names_the_encoding(
    in_tmp, encoding, rows, ending
):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=ending)
    writer.writerow(["id", "date", "title", "partners"])
    writer.writerows([f"e-{n}", "2020", title, "russia"] for n, title in enumerate(rows))
    (in_tmp / "x.csv").write_bytes(out.getvalue().encode(encoding))
    _, problems = store.check(["x.csv"], builtin=False)
    name = encoding[:6].upper()
    assert [str(problem) for problem in problems.found] == [
        f"x.csv: looks like {name}; save it as UTF-8"
    ]


def test_a_utf8_file_with_its_byte_order_mark_is_read(in_tmp):
    (in_tmp / "x.csv").write_text("\ufeff" + VALID, encoding="utf-8")
    dataset, problems = store.check(["x.csv"], builtin=False)
    assert problems.found == []
    assert dataset is not None
    assert [event.id for event in dataset.events] == ["e-1"]


def test_a_utf16_file_from_standard_input_is_told_by_the_cli(kzfp_bin, in_tmp):
    import subprocess

    run = subprocess.run(
        [kzfp_bin, "timeline", "--no-builtin", "--data", "-"],
        input=VALID.encode("utf-16"),
        capture_output=True,
        cwd=in_tmp,
    )
    assert (run.returncode, run.stdout) == (3, b"")
    assert run.stderr == b"kzfp: error: <stdin>: looks like UTF-16; save it as UTF-8\n"
