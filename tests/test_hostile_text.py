"""One hostile corpus through every format and every export.

Each string is an event's title, summary, source title and note. The rule per format:
JSON and JSONL escape every control as ``\\uXXXX`` and keep the value; table, plain and
md show controls in caret notation; CSV and TSV keep the exact value into a pipe and show
caret notation on a terminal; an export never carries a control its format forbids.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzfp_cli.export.ics import escape_text
from kzfp_cli.safe_text import visible

HOSTILE = [
    "\x1b[2J",  # clears the screen
    "\x1b]52;c;aGk=\x07",  # OSC 52: writes the clipboard
    "\x1b]8;;http://e.x\x1b\\",  # OSC 8: a hidden link
    "\x07",  # BEL
    "\r",  # a lone CR: moves back over what was written
    "\x00",
    "\x7f",
    "\x9b",  # C1 CSI, obeyed as ESC [ by some terminals
    "\x85",  # C1 NEL
    "tab\there and a\nnew line",
    "\u202e",  # RIGHT-TO-LEFT OVERRIDE: "gpj.exe" reads "exe.jpg"
    "\u2066",  # LEFT-TO-RIGHT ISOLATE
    "\u200f",  # RIGHT-TO-LEFT MARK
    "\u200b",  # ZERO WIDTH SPACE: two names that look the same
    "\ufeff",  # ZERO WIDTH NO-BREAK SPACE (a byte order mark inside the text)
]

# The strings as they stand in the data: inside other text, as they would in a file.
TEXTS = [f"x{text}y" for text in HOSTILE]
IDS = [f"h-{number:02d}" for number in range(len(TEXTS))]

# How a person is shown each character (tables, plain lines, Markdown, messages), written
# out one by one, from docs/output.md: C0 controls and DEL in caret notation (as cat -v),
# C1 controls as \x.., bidirectional controls and zero-width characters by their code
# point; tab and line feed, and the printable neighbours of each range, as they are.
SHOWN = {
    # C0
    "\x00": "^@",
    "\x01": "^A",
    "\x07": "^G",
    "\x08": "^H",
    "\t": "\t",
    "\n": "\n",
    "\x0b": "^K",
    "\x0c": "^L",
    "\r": "^M",
    "\x1b": "^[",
    "\x1f": "^_",
    " ": " ",
    "~": "~",
    # DEL
    "\x7f": "^?",
    # C1
    "\x80": "\\x80",
    "\x85": "\\x85",
    "\x9b": "\\x9b",
    "\x9f": "\\x9f",
    "\xa0": "\xa0",  # NO-BREAK SPACE: printable, past C1
    "é": "é",
    # bidirectional controls: marks, embeddings, overrides, isolates
    "\u061b": "\u061b",  # ARABIC SEMICOLON, beside the letter mark
    "\u061c": "<U+061C>",  # ARABIC LETTER MARK
    "\u200e": "<U+200E>",  # LEFT-TO-RIGHT MARK
    "\u200f": "<U+200F>",  # RIGHT-TO-LEFT MARK
    "\u2010": "\u2010",  # HYPHEN
    "\u202a": "<U+202A>",  # LEFT-TO-RIGHT EMBEDDING
    "\u202b": "<U+202B>",  # RIGHT-TO-LEFT EMBEDDING
    "\u202c": "<U+202C>",  # POP DIRECTIONAL FORMATTING
    "\u202d": "<U+202D>",  # LEFT-TO-RIGHT OVERRIDE
    "\u202e": "<U+202E>",  # RIGHT-TO-LEFT OVERRIDE
    "\u202f": "\u202f",  # NARROW NO-BREAK SPACE
    "\u2066": "<U+2066>",  # LEFT-TO-RIGHT ISOLATE
    "\u2067": "<U+2067>",  # RIGHT-TO-LEFT ISOLATE
    "\u2068": "<U+2068>",  # FIRST STRONG ISOLATE
    "\u2069": "<U+2069>",  # POP DIRECTIONAL ISOLATE
    # zero-width characters
    "\u200a": "\u200a",  # HAIR SPACE: it has a width
    "\u200b": "<U+200B>",  # ZERO WIDTH SPACE
    "\u200c": "<U+200C>",  # ZERO WIDTH NON-JOINER
    "\u200d": "<U+200D>",  # ZERO WIDTH JOINER
    "\u205f": "\u205f",  # MEDIUM MATHEMATICAL SPACE
    "\u2060": "<U+2060>",  # WORD JOINER
    "\ufeff": "<U+FEFF>",  # ZERO WIDTH NO-BREAK SPACE (byte order mark)
    # letters of other scripts
    "Қ": "Қ",
    "ش": "ش",
    "😀": "😀",
}

# Every C0 control but tab and line feed, DEL, and C1: what no format may carry raw.
FORBIDDEN = re.compile(
    "["
    + "".join(
        re.escape(chr(code))
        for code in [*range(0x20), *range(0x7F, 0xA0)]
        if chr(code) not in "\t\n"
    )
    + "]"
)
# Bidirectional controls and zero-width characters (those of SHOWN shown by code point):
# what no human format may show raw.
INVISIBLE = re.compile(
    "[" + "".join(char for char, shown in SHOWN.items() if shown.startswith("<U+")) + "]"
)


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    """An events file holding the corpus; the tests run beside it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "400")
    with open(tmp_path / "h.csv", "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(["id", "date", "title", "summary", "sources", "note"])
        for ident, text in zip(IDS, TEXTS, strict=True):
            # A source may not hold the list separator `;`: it would split it in two.
            source = f"{text.replace(';', ',')} | https://e.x/{ident}"
            writer.writerow([ident, "2020", text, text, source, text])
    return tmp_path


def run(kzfp, *args: str) -> str:
    result = kzfp(*args, "--data", "h.csv", "--no-builtin")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_loader_keeps_the_corpus_exact(kzfp, hostile):
    records = json.loads(run(kzfp, "timeline", "-f", "json"))
    assert {r["id"]: (r["title"], r["summary"], r["note"]) for r in records} == {
        ident: (text, text, text) for ident, text in zip(IDS, TEXTS, strict=True)
    }


@pytest.mark.parametrize("output_format", ["json", "jsonl"])
def test_json_escapes_every_control_and_keeps_the_value(kzfp, hostile, output_format):
    stdout = run(kzfp, "timeline", "-f", output_format)
    assert not FORBIDDEN.search(stdout)
    assert not INVISIBLE.search(stdout)  # escaped as \u202e: the same value, shown
    assert not re.search(r"\t", stdout)  # JSON writes tabs in strings as \t
    if output_format == "json":
        records = json.loads(stdout)
        assert '"title": "x\\u009by"' in stdout
        assert '"title": "x\\u202ey"' in stdout
    else:
        records = [json.loads(line) for line in stdout.splitlines()]
        assert len(records) == len(stdout.split("\n")) - 1  # one line a record, none split
        assert '"title": "x\\u0085y"' in stdout
    for record in records:
        text = TEXTS[IDS.index(record["id"])]
        assert (record["title"], record["summary"], record["note"]) == (text, text, text)
        assert [source["title"] for source in record["sources"]] == [text.replace(";", ",")]


@pytest.mark.parametrize(
    ("output_format", "expected"),
    [
        ("plain", "x^[[2Jy\t"),
        ("md", "| x^\\[\\]52;c;aGk=^Gy |"),
        ("table", "x^[]8;;http://e.x^[\\y"),
    ],
)
def test_human_formats_show_controls_in_caret_notation(kzfp, hostile, output_format, expected):
    stdout = run(kzfp, "timeline", "-f", output_format)
    assert not FORBIDDEN.search(stdout)
    assert expected in stdout
    for command in (["partner", "list"], ["event", "show", IDS[0]]):
        assert not FORBIDDEN.search(run(kzfp, *command, "-f", output_format))


@pytest.mark.parametrize(
    ("output_format", "expected"),
    [
        ("plain", ["x<U+202E>y\t", "x<U+2066>y\t", "x<U+200F>y\t", "x<U+200B>y\t"]),
        ("md", ["| x\\<U+202E\\>y |", "| x\\<U+FEFF\\>y |"]),
        ("table", ["x<U+202E>y", "x<U+200B>y", "x<U+FEFF>y"]),
    ],
)
def test_human_formats_show_bidi_and_zero_width_characters(kzfp, hostile, output_format, expected):
    stdout = run(kzfp, "timeline", "-f", output_format)
    assert not INVISIBLE.search(stdout)
    for shown in expected:
        assert shown in stdout
    shown = run(kzfp, "event", "show", IDS[TEXTS.index("x\u202ey")], "-f", output_format)
    assert not INVISIBLE.search(shown)
    assert expected[0] in shown.replace("\n", "\t")


def test_an_error_message_shows_bidi_and_zero_width_characters(kzfp):
    result = kzfp("timeline", "--partner", "nowhere\u202eland\u200b")
    assert result.exit_code == 2
    assert result.stderr.startswith("kzfp: error: unknown partner 'nowhere<U+202E>land<U+200B>';")
    assert result.stderr.count("\n") == 1
    assert not INVISIBLE.search(result.stderr)


def test_visible_shows_each_character_as_the_table_says():
    for char, shown in SHOWN.items():
        assert visible(char) == shown, f"U+{ord(char):04X}"


@given(st.lists(st.sampled_from(sorted(SHOWN))))
def test_visible_shows_any_text_character_by_character(chars):
    assert visible("".join(chars)) == "".join(SHOWN[char] for char in chars)


@given(st.text())
def test_no_text_is_shown_with_a_control_or_an_invisible_character(text):
    shown = visible(text)
    assert not FORBIDDEN.search(shown)
    assert not INVISIBLE.search(shown)


def test_plain_keeps_one_record_a_line(kzfp, hostile):
    lines = run(kzfp, "timeline", "-f", "plain").splitlines()
    assert len(lines) == len(TEXTS)
    assert "x^@y\t" in lines[IDS.index("h-05")]
    assert "x^?y\t" in lines[IDS.index("h-06")]
    assert "x\\x9by\t" in lines[IDS.index("h-07")]


def test_csv_and_tsv_into_a_pipe_keep_the_exact_value(kzfp, hostile):
    rows = list(csv.DictReader(io.StringIO(run(kzfp, "timeline", "-f", "csv"), newline="")))
    assert [(row["title"], row["note"]) for row in rows] == [(text, text) for text in TEXTS]
    lines = run(kzfp, "timeline", "-f", "tsv").split("\n")
    title = lines[0].split("\t").index("title")
    assert lines[1 + IDS.index("h-01")].split("\t")[title] == "x\x1b]52;c;aGk=\x07y"
    assert lines[1 + IDS.index("h-04")].split("\t")[title] == "x\\ry"


def test_csv_read_back_with_data_gives_the_same_events(kzfp, hostile):
    (hostile / "back.csv").write_text(run(kzfp, "timeline", "-f", "csv"), encoding="utf-8")
    again = kzfp("timeline", "--data", "back.csv", "--no-builtin", "-f", "json")
    assert again.exit_code == 0, again.stderr
    assert again.stdout == run(kzfp, "timeline", "-f", "json")


def on_a_terminal(*args: str) -> str:
    """What kzfp writes when its stdout is a terminal (a pseudo-terminal here)."""
    leader, follower = os.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "kzfp_cli", *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.PIPE,
    ) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is gone: kzfp has ended
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        assert process.wait() == 0, process.stderr.read() if process.stderr else ""
    # A terminal writes a line feed as CR LF.
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("output_format", "expected"),
    [("csv", "x^[]52;c;aGk=^Gy,"), ("tsv", "x^[]52;c;aGk=^Gy\t")],
)
def test_csv_and_tsv_on_a_terminal_show_caret_notation(hostile, output_format, expected):
    stdout = on_a_terminal("timeline", "-f", output_format, "--data", "h.csv", "--no-builtin")
    assert not FORBIDDEN.search(stdout)
    assert not INVISIBLE.search(stdout)
    assert expected in stdout
    assert "x<U+202E>y" in stdout
    assert "x^My" in stdout if output_format == "csv" else "x\\ry" in stdout


def test_ics_holds_no_control_but_tab(kzfp, hostile):
    # Written to a file, so that its CR LF line ends are read as they are.
    run(kzfp, "export", "ics", "-o", "cal.ics")
    stdout = (hostile / "cal.ics").read_bytes().decode("utf-8")
    assert not FORBIDDEN.search(stdout.replace("\r\n", "").replace("\t", " "))
    assert "\n" not in stdout.replace("\r\n", "")
    unfolded = stdout.replace("\r\n ", "")
    # Each event is dated to a year, which SUMMARY states after the title.
    assert "SUMMARY:x^[[2Jy (2020)\r\n" in unfolded
    assert "SUMMARY:x\\ny (2020)\r\n" in unfolded  # the lone CR, a line break in TEXT
    assert "SUMMARY:x\\\\x9by (2020)\r\n" in unfolded
    assert "SUMMARY:xtab\there and a\\nnew liney (2020)\r\n" in unfolded


def test_ics_text_escapes_every_kind_of_line_break():
    assert escape_text("a\rb\r\nc\nd\x0be") == "a\\nb\\nc\\nd^Ke"


def test_markdown_export_shows_caret_notation(kzfp, hostile):
    stdout = run(kzfp, "export", "md")
    assert not FORBIDDEN.search(stdout)
    assert "**: x^\\[\\[2Jy." in stdout
    assert "[x\\\\x9by](https://e.x/h-07)" in stdout


def test_html_export_carries_no_raw_control(kzfp, hostile):
    stdout = run(kzfp, "export", "html")
    assert not FORBIDDEN.search(stdout)
    assert "<h2>x^[]8;;http://e.x^[\\y</h2>" in stdout
    assert f"<p>{html.escape('xtab')}\there and a\nnew liney</p>" in stdout


def test_timelinejs_json_escapes_every_control_and_keeps_the_value(kzfp, hostile):
    stdout = run(kzfp, "export", "timelinejs")
    assert not FORBIDDEN.search(stdout)
    assert '"headline": "x\\u009by"' in stdout
    headlines = [slide["text"]["headline"] for slide in json.loads(stdout)["events"]]
    assert sorted(headlines) == sorted(html.escape(text) for text in TEXTS)


def test_a_link_target_carries_no_raw_control(kzfp, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open(tmp_path / "u.csv", "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(["id", "date", "title", "sources"])
        writer.writerow(["u-1", "2020", "u", "Page | https://e.x/a\x1b[2J\x9bb"])
    for export, expected in [
        ("html", 'href="https://e.x/a%1B[2J%C2%9Bb"'),
        ("md", "(https://e.x/a%1B[2J%C2%9Bb)"),
        ("timelinejs", 'href=\\"https://e.x/a%1B[2J%C2%9Bb\\"'),
    ]:
        result = kzfp("export", export, "--data", "u.csv", "--no-builtin")
        assert result.exit_code == 0, result.stderr
        assert not FORBIDDEN.search(result.stdout)
        assert expected in result.stdout
    kzfp("export", "ics", "--data", "u.csv", "--no-builtin", "-o", "u.ics")
    calendar = (tmp_path / "u.ics").read_bytes().decode("utf-8")
    assert "URL:https://e.x/a%1B[2J%C2%9Bb\r\n" in calendar.replace("\r\n ", "")


def test_timelinejs_sheet_cells_are_inert_in_a_spreadsheet(kzfp, hostile):
    with open(hostile / "f.csv", "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(["id", "date", "title"])
        writer.writerow(["f-1", "2021", '=HYPERLINK("http://e.x")'])
    stdout = run(kzfp, "export", "timelinejs", "--sheet", "--data", "f.csv")
    assert not FORBIDDEN.search(stdout)
    rows = list(csv.reader(io.StringIO(stdout, newline="")))
    headline = rows[0].index("Headline")
    headlines = {row[headline] for row in rows[2:]}
    assert '\'=HYPERLINK("http://e.x")' in headlines  # text, never a formula
    assert "x^My" in headlines  # the lone CR: shown, and the row stays one row
    assert len(rows) == 2 + len(TEXTS) + 1


@given(st.text(max_size=20))
def test_the_spreadsheet_guard_and_its_reading_are_inverse(value):
    from kzfp_cli.safe_text import guard, unguard

    assert unguard(guard(value)) == value
    assert not guard(value).startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize(
    "args",
    [
        ("timeline", "--partner", "x\nkzfp: error: forged"),
        ("event", "show", "x\nkzfp: error: forged"),
        ("timeline", "--since", "x\nkzfp: error: forged"),
    ],
)
def test_a_line_break_in_an_argument_cannot_forge_a_second_error_line(kzfp, args):
    run = kzfp(*args)
    assert run.exit_code == 2
    assert run.stderr.count("\n") == 1
    assert run.stderr.startswith("kzfp: error: ")
    assert "x^Jkzfp: error: forged" in run.stderr
