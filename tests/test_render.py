"""Renderers keep hostile text inert and every format in the registry works."""

from __future__ import annotations

import io

from kzfp_cli.dates import PartialDate
from kzfp_cli.model import Event
from kzfp_cli.render import OutputFormat, choose_format, render
from kzfp_cli.safe_text import caret
from kzfp_cli.store import load_dataset
from kzfp_cli.terminal import Terminal
from kzfp_cli.views import event_listing

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
    listing = event_listing([hostile_event(title)], load_dataset())
    render(listing, output_format, out, err, color=False)
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
        assert choose_format(output_format.value.upper(), PIPE) is output_format


def test_user_input_in_error_lines_is_made_inert(kzfp):
    run = kzfp("timeline", "--partner", "\x1b[31mred")
    assert run.exit_code == 2
    assert run.stderr.startswith("kzfp: error: unknown partner '^[[31mred'; known: afghanistan")


def test_a_large_jsonl_listing_is_the_same_made_on_two_cores(kzfp, monkeypatch):
    from kzfp_cli import halves

    whole = kzfp("timeline", "--format", "jsonl")
    monkeypatch.setattr(halves, "SPLIT_ITEMS", 2)
    monkeypatch.setattr(halves, "PIECE", 5)
    monkeypatch.setattr(halves, "two_cores", lambda: True)
    assert kzfp("timeline", "--format", "jsonl") == whole
    assert whole.stdout.count("\n") == len(kzfp("timeline", "--format", "json").json()) > 50
