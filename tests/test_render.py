"""Renderers keep hostile text inert, every format in the registry works, and a table
of any length streams with the same columns throughout."""

from __future__ import annotations

import io
import json
import re
import subprocess

import pytest

from kzfp_cli.dates import PartialDate
from kzfp_cli.language import ENGLISH
from kzfp_cli.model import Event
from kzfp_cli.render import OutputFormat, choose_format, render
from kzfp_cli.safe_text import caret
from kzfp_cli.store import load_dataset
from kzfp_cli.terminal import Terminal
from kzfp_cli.views import Column, Listing, event_listing

PIPE = Terminal(is_tty=False, color=False)


def hostile_event(title: str) -> Event:
    return Event(
        id="hostile-2020",
        date=PartialDate(2020),
        end_date=None,
        title=title,
        summary="s",
        partners=("russia",),
        orgs=(),
        themes=(),
        section="Russia",
        sources=(),
        note="",
    )


def rendered(title: str, output_format: OutputFormat) -> str:
    out, err = io.StringIO(), io.StringIO()
    listing = event_listing([hostile_event(title)], load_dataset(), ENGLISH)
    render(listing, output_format, out, err, color=False)
    return out.getvalue()


def table(listing: Listing) -> str:
    out, err = io.StringIO(), io.StringIO()
    render(listing, OutputFormat.table, out, err, color=False)
    assert err.getvalue() == ""
    return out.getvalue()


def test_caret_notation():
    assert caret("a\x1b[2Jb\x07c\x7fd\x9be\tf\ng") == "a^[[2Jb^Gc^?d\\x9be\tf\ng"


def test_rich_markup_in_data_prints_literally(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    text = rendered("[bold red]x[/] [link=https://example.com]y[/link] [/x]", OutputFormat.table)
    assert "[bold red]x[/] [link=https://example.com]y[/link] [/x]" in text
    assert "\x1b" not in text


def test_control_characters_never_reach_the_terminal_but_json_keeps_them():
    assert "^[[2J" in rendered("clear\x1b[2J", OutputFormat.table)
    assert "\x1b" not in rendered("clear\x1b[2J", OutputFormat.table)
    assert '"title": "clear\\u001b[2J"' in rendered("clear\x1b[2J", OutputFormat.json)


def test_every_format_renders(monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    for output_format in OutputFormat:
        assert "hostile-2020" in rendered("t", output_format)
    assert choose_format(None, PIPE) is OutputFormat.plain


def test_user_input_in_error_lines_is_made_inert(kzfp):
    run = kzfp("timeline", "--partner", "\x1b[31mred")
    assert run.exit_code == 2
    assert run.stderr.startswith("kzfp: error: unknown partner '^[[31mred'; ")
    assert run.stderr.count("\n") == 1 and "\x1b" not in run.stderr


def test_jsonl_is_the_json_array_one_object_a_line(kzfp):
    array = kzfp("timeline", "--format", "json").json()
    lines = kzfp("timeline", "--format", "jsonl").stdout.splitlines()
    assert array, "an empty listing would compare trivially"
    assert [json.loads(line) for line in lines] == array


SMALL = Listing(
    items=[
        ("2015", "A [bold]short[/] title", "wto"),
        ("2016–2017", "A title long enough to wrap over lines\x1b[2J", "un; osce"),
        ("Mar 2018", "Supercalifragilisticexpialidociouslylong", ""),
    ],
    record=lambda row: {},
    fields=(),
    columns=(
        Column("When", lambda row: row[0], max_width=6),
        Column("What", lambda row: row[1], share=2),
        Column("Where", lambda row: row[2], share=1),
    ),
    empty_message="none",
)


def test_a_short_table_is_laid_out_by_rich_as_a_whole(monkeypatch):
    # Wrapping columns share the width, markup stays text, and no cell loses text to an
    # ellipsis: a period or a word too long for its column folds.
    monkeypatch.setenv("COLUMNS", "40")
    assert table(SMALL).splitlines() == [
        "When     What                  Where    ",
        "────────────────────────────────────────",
        "2015     A [bold]short[/]      wto      ",
        "         title                          ",
        "2016–2   A title long enough   un; osce ",
        "017      to wrap over                   ",
        "         lines^[[2J                     ",
        "Mar      Supercalifragilisti            ",
        "2018     cexpialidociouslylo            ",
        "         ng                             ",
    ]


KEYED = Listing(
    items=[("2015", "Kazakhstan joins the WTO", "wto-membership-2015", "WTO")],
    record=lambda row: {},
    fields=(),
    columns=(
        Column("When", lambda row: row[0]),
        Column("What", lambda row: row[1], share=1),
        Column("Orgs", lambda row: row[3]),
        Column("ID", lambda row: row[2], min_width=50, key=True),
    ),
    empty_message="none",
)


def test_a_key_too_wide_for_its_column_goes_under_the_text(monkeypatch):
    monkeypatch.setenv("COLUMNS", "50")
    assert table(KEYED).splitlines()[0].split() == ["When", "What", "Orgs", "ID"]
    monkeypatch.setenv("COLUMNS", "40")
    assert [line.rstrip() for line in table(KEYED).splitlines()] == [
        "When   What / ID                    Orgs",
        "─" * 40,
        "2015   Kazakhstan joins the WTO     WTO",
        "       wto-membership-2015",
    ]


def test_a_key_wider_than_half_the_table_breaks_after_its_hyphens(monkeypatch):
    # 25 columns: the key (19 characters) may not take more than half; no text is lost,
    # and no word of it is cut.
    monkeypatch.setenv("COLUMNS", "25")
    assert [line.rstrip() for line in table(KEYED).splitlines()] == [
        "When   What / ID     Orgs",
        "─" * 25,
        "2015   Kazakhstan    WTO",
        "       joins the",
        "       WTO",
        "       wto-",
        "       membership-",
        "       2015",
    ]


def test_records_carry_the_key(monkeypatch):
    monkeypatch.setenv("COLUMNS", "8")
    assert table(KEYED) == (
        "When: 2015\nWhat: Kazakhstan joins the WTO\nOrgs: WTO\nID: wto-membership-2015\n"
    )


def long_listing(count: int) -> Listing:
    # Titles grow along the listing, so that a table laid out again for each batch
    # would change its column widths as it goes.
    items = [(f"row-{n:05d}", " ".join(["word"] * (1 + n % 7 + n // 400))) for n in range(count)]
    return Listing(
        items=items,
        record=lambda row: {},
        fields=(),
        columns=(
            Column("Title", lambda row: row[1], share=1),
            Column("ID", lambda row: row[0]),
        ),
        empty_message="none",
    )


def test_a_long_table_prints_every_row_once_under_one_header_in_fixed_columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    listing = long_listing(3000)
    text = table(listing)
    lines = text.splitlines()
    assert [line.split() for line in lines[:2]] == [["Title", "ID"], ["─" * 60]]
    assert sum(line.split() == ["Title", "ID"] for line in lines) == 1
    assert re.findall(r"row-\d{5}", text) == [row[0] for row in listing.items]
    assert text.count("word") == sum(row[1].count("word") for row in listing.items)
    assert {len(line) for line in lines} == {60}
    where = lines[0].index("ID")
    assert {line.index("row-") for line in lines if "row-" in line} == {where}
    assert {line.rstrip()[where:] for line in lines[2:] if "row-" not in line} == {""}


def test_a_long_search_table_keeps_its_highlights_and_colour(monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    items = [(f"hit-{n:05d}", f"Talks in Nur-Sultan, round {n}") for n in range(2000)]
    listing = Listing(
        items=items,
        record=lambda row: {},
        fields=(),
        columns=(
            Column("Title", lambda row: row[1], share=1, highlight=lambda row: {"nursultan"}),
            Column("ID", lambda row: row[0]),
        ),
        empty_message="none",
    )
    out = io.StringIO()
    render(listing, OutputFormat.table, out, io.StringIO(), color=True)
    assert out.getvalue().count("\x1b[1;33mNur-Sultan\x1b[0m") == len(items)


def test_a_closed_pipe_ends_a_long_table_quietly(tmp_path, kzfp_bin):
    data = tmp_path / "many.csv"
    data.write_text(
        "id,date,title\n" + "".join(f"event-{n:05d},2015,Event number {n}\n" for n in range(5000))
    )
    command = f"'{kzfp_bin}' timeline --no-builtin --data '{data}' -f table | head -c 100"
    run = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, timeout=60
    )
    assert (run.returncode, len(run.stdout), run.stderr) == (141, 100, "")


def test_a_source_address_is_a_link_on_a_colour_terminal_and_never_broken(kzfp, monkeypatch):
    # OSC 8: a terminal that knows it makes the address a link; one that does not shows
    # the address as text, whole on its line however narrow the screen (the terminal
    # folds it), so that copying it gives it whole.
    address = "https://www.wto.org/english/thewto_e/acc_e/a1_kazakhstan_e.htm"
    monkeypatch.setenv("COLUMNS", "40")
    plain = kzfp("event", "show", "wto-membership-2015", "-f", "table").stdout.splitlines()
    assert f"{' ' * 17}{address}" in plain
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = kzfp("event", "show", "wto-membership-2015", "-f", "table").stdout
    assert re.search(rf"\x1b\]8;[^;]*;{re.escape(address)}\x1b\\{re.escape(address)}", coloured)


def test_the_id_under_a_title_reads_apart_from_it_in_colour(kzfp, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    shown = kzfp("timeline", "--org", "wto", "-f", "table").stdout
    assert "\x1b[2mwto-membership-2015\x1b[0m" in shown


def test_an_organization_name_is_not_broken_mid_word(kzfp, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    lines = kzfp("org", "list", "-f", "table").stdout.splitlines()
    assert any(line.split() == ["Confidence-Building"] for line in lines)


def test_an_organization_name_breaks_after_a_hyphen_at_70_columns(kzfp, monkeypatch):
    monkeypatch.setenv("COLUMNS", "70")
    lines = [line.rstrip() for line in kzfp("org", "list", "-f", "table").stdout.splitlines()]
    at = lines.index("CICA            Conference on    14 Sep 1999")
    assert lines[at : at + 6] == [
        "CICA            Conference on    14 Sep 1999",
        "                Interaction",
        "                and",
        "                Confidence-",
        "                Building",
        "                Measures in",
    ]


LISTINGS = [
    ("org", "list"),
    ("partner", "list"),
    ("search", "confidence building measures", "--limit", "3"),
    ("timeline", "--org", "cica"),
]


@pytest.mark.parametrize("command", LISTINGS, ids=" ".join)
def test_no_word_of_a_listing_is_cut_at_any_width(kzfp, monkeypatch, command):
    # Every piece of text on the screen is a word of the listing, or a part of one that
    # ends at a hyphen (Confidence-, Building): too narrow for that, it is records. Dates
    # are the exception: their column folds a period (2016–2017) at any width.
    words = set()
    for whole in ("1000", "10"):  # a table, and records
        monkeypatch.setenv("COLUMNS", whole)
        words.update(kzfp(*command, "-f", "table").stdout.split())
    parts = set()
    for word in words:
        pieces = re.split(r"(?<=-)", word)
        parts.update(
            "".join(pieces[start:end])
            for start in range(len(pieces))
            for end in range(start + 1, len(pieces) + 1)
        )
    for width in range(40, 121, 16):
        monkeypatch.setenv("COLUMNS", str(width))
        shown = kzfp(*command, "-f", "table").stdout.split()
        # The rule under the header, and the slash of a header over two (Title / ID).
        cut = [piece for piece in shown if piece not in parts and piece.strip("─") not in "/"]
        assert (width, cut) == (width, [])
