"""The width tables are laid out to: COLUMNS when it is a width, the terminal's otherwise,
and records instead of a table on a terminal too narrow for one (docs/output.md, "Tables").
"""

from __future__ import annotations

import io

import pytest
from conftest import run_in_terminal
from rich.cells import cell_len

from kzfp_cli import load_dataset, timeline
from kzfp_cli.language import ENGLISH
from kzfp_cli.render.table import render as render_table
from kzfp_cli.views import event_listing

EVENTS = 'id,date,title,summary\ncafe-2015,2015-03-01,Café talks,One\nnl-2016,2016,"Two\nlines",\n'

# Empty fields are left out; a value's own line break is indented; the id is a field.
RECORDS = (
    "Date: 1 Mar 2015\nEvent: Café talks\nID: cafe-2015\n\n"
    "Date: 2016\nEvent: Two\n  lines\nID: nl-2016\n"
)
# Below 120 columns the id goes under the title; from 120 on, in a column of its own.
HEADERS = ["Date", "Event", "/", "ID", "Partners", "Orgs"]
WIDE_HEADERS = ["Date", "Event", "Partners", "Orgs", "ID"]


@pytest.fixture
def events(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "w.csv").write_text(EVENTS, encoding="utf-8")
    return tmp_path


def table(kzfp, *args: str) -> str:
    result = kzfp(*args, "--data", "w.csv", "--no-builtin", "-f", "table")
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout


@pytest.mark.parametrize("columns", ["0", "abc", "-5", "", "1.5", "٨٠"])
def test_a_columns_that_is_no_width_is_ignored(kzfp, events, monkeypatch, columns):
    monkeypatch.delenv("COLUMNS")
    unset = table(kzfp, "timeline")
    monkeypatch.setenv("COLUMNS", columns)
    assert table(kzfp, "timeline") == unset
    assert unset.startswith("Date ")  # a table: whatever the width, it is not 1


@pytest.mark.parametrize("columns", ["0", "abc"])
def test_on_a_terminal_an_invalid_columns_gives_the_terminal_width(kzfp_bin, events, columns):
    shown = run_in_terminal(
        f"COLUMNS={columns} {kzfp_bin} timeline --data w.csv --no-builtin",
        cwd=events,
        columns=60,
    )
    assert (shown.exit_code, shown.stderr) == (0, "")
    assert shown.screen == (
        "Date         Event / ID                Partners         Orgs\n"
        "────────────────────────────────────────────────────────────\n"
        "1 Mar 2015   Café talks                                     \n"
        "             cafe-2015                                      \n"
        "2016         Two                                            \n"
        "             lines                                          \n"
        "             nl-2016                                        \n"
    )


def test_one_column_gives_records(kzfp, events, monkeypatch):
    monkeypatch.setenv("COLUMNS", "1")
    assert table(kzfp, "timeline") == RECORDS
    assert table(kzfp, "event", "show", "nl-2016") == (
        "ID: nl-2016\nDate: 2016\nPrecision: year\nTitle: Two\n  lines\n"
    )


@pytest.fixture
def laid_out(events):
    """The timeline of w.csv as the table renderer lays it out at a width (COLUMNS), from
    the library: what `kzfp timeline -f table` prints (test_one_column_gives_records and
    test_the_library_table_is_what_the_command_prints hold the two together)."""
    dataset = load_dataset([events / "w.csv"], builtin=False)
    listing = event_listing(timeline(dataset), dataset, ENGLISH)

    def at(width: int) -> str:
        out = io.StringIO()
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("COLUMNS", str(width))
            render_table(listing, out, io.StringIO())
        return out.getvalue()

    return at


@pytest.mark.parametrize("width", [1, 60, 119, 120])
def test_the_library_table_is_what_the_command_prints(kzfp, laid_out, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    assert laid_out(width) == table(kzfp, "timeline")


def is_table(laid_out, width: int) -> bool:
    """Whether kzfp lays the timeline out as a table at this width; if not, it must be
    the records, exactly; if so, a table that fits, every header whole."""
    shown = laid_out(width)
    if shown == RECORDS:
        return False
    lines = shown.splitlines()
    assert all(cell_len(line) <= width for line in lines), shown
    assert lines[0].split() == (WIDE_HEADERS if width >= 120 else HEADERS), shown
    return True


def test_a_narrower_terminal_gives_records_a_wider_one_a_table_that_fits(laid_out):
    tables = [is_table(laid_out, width) for width in range(1, 131)]
    narrowest = tables.index(True)
    assert narrowest > 0
    assert all(tables[narrowest:])  # from there on a table, never records again
