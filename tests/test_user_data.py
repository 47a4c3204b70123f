"""A user's own events (--data, KZFP_DATA, --no-builtin), kzfp validate, and the broken-file
corpus: every file as people really make them gives records or one line per problem."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from library import as_json, printed

from kzfp_cli import store, timeline
from kzfp_cli.dates import PartialDate, parse_iso
from kzfp_cli.errors import DataError
from kzfp_cli.language import ENGLISH
from kzfp_cli.model import EVENT_COLUMNS
from kzfp_cli.typed_dates import parse_user_date
from kzfp_cli.views import event_listing, event_record

CORPUS = Path(__file__).parent / "corpus"
DATA = Path(__file__).parents[1] / "data"
MINE = "id,date,title,partners,themes\nmy-event-2021,2021-05,My event,russia;mars,space\n"


def builtin_count(column: str, ident: str) -> int:
    """How many built-in events name ``ident`` in ``column``, read from the CSV itself."""
    with open(DATA / "events.csv", encoding="utf-8", newline="") as file:
        return sum(ident in row[column].split(";") for row in csv.DictReader(file))


def builtin_line(ident: str) -> int:
    """The line of data/events.csv that holds the built-in event ``ident``."""
    with open(DATA / "events.csv", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        for row in reader:
            if row["id"] == ident:
                return reader.line_num
    raise LookupError(ident)


# The inputs of the corpus: CSV files, and kzfp's JSON and JSON lines.
CORPUS_INPUTS = sorted(
    path for path in CORPUS.iterdir() if path.suffix in (".csv", ".json", ".jsonl")
)


@pytest.mark.parametrize("path", CORPUS_INPUTS, ids=lambda p: p.name)
def test_corpus_file_gives_the_expected_report(kzfp, monkeypatch, path):
    monkeypatch.chdir(CORPUS)
    run = kzfp("validate", path.name)
    report = run.stdout + run.stderr + f"exit {run.exit_code}\n"
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    # A built-in event is named by id ("data/events.csv:{wto-membership-2015}"), so that
    # the report follows the data as it grows.
    assert report == re.sub(r"\{([a-z0-9-]+)\}", lambda m: str(builtin_line(m[1])), expected)


def test_every_input_of_the_corpus_has_its_report():
    assert [path.with_suffix(".expected").is_file() for path in CORPUS_INPUTS] == [True] * len(
        CORPUS_INPUTS
    )
    assert sorted(path.stem for path in CORPUS.glob("*.expected")) == sorted(
        path.stem for path in CORPUS_INPUTS
    )


def test_every_failure_kind_has_a_corpus_file():
    names = {path.stem for path in CORPUS_INPUTS}
    assert names >= {
        "missing-column",
        "unknown-column",
        "bad-date",
        "impossible-date",
        "end-before-start",
        "duplicate-id",
        "builtin-collision",
        "malformed-list-id",
        "empty-required",
        "control-characters",
        "latin1",
        "field-count",
        "unterminated-quote",
        "empty",
        "excel-bom-crlf",
        "zero-day",
        "zero-month",
        "zero-year",
        "non-ascii-digits",
        "empty-list-item",
        "unnamed-columns",
        "spreadsheet-trailing-commas",
        "blank-first-line",
        "utf16-no-bom",
        "utf16be-no-bom",
        "utf16-bom",
        "utf32-bom",
        "semicolon-delimiter",
        "json-bom-crlf",
        "json-latin1",
        "json-missing-comma",
        "json-not-events",
        "json-precision",
        "json-trailing-comma",
        "json-unclosed-array",
        "json-wrong-type",
        "jsonl-line-cut",
        "jsonl-unknown-key",
        "jsonl-wrong-list",
    }


def test_data_adds_events_with_new_partners_and_themes(kzfp, in_tmp):
    (in_tmp / "mine.csv").write_text(MINE, encoding="utf-8")
    run = kzfp("timeline", "--data", "mine.csv", "--partner", "mars", "-f", "json")
    assert [e["id"] for e in run.json()] == ["my-event-2021"]
    assert run.json()[0]["themes"] == ["space"]
    partners = {
        p["id"]: p for p in kzfp("partner", "list", "--data", "mine.csv", "-f", "json").json()
    }
    assert partners["mars"] == {
        "id": "mars",
        "name": "mars",
        "kind": "other",
        "iso2": None,
        "iso3": None,
        "cow": None,
        "wikidata": None,
        "events": 1,
        "first": "2021-05",
        "last": "2021-05",
    }
    assert partners["russia"]["events"] == builtin_count("partners", "russia") + 1  # MINE


def test_data_from_the_environment(kzfp, in_tmp, monkeypatch):
    (in_tmp / "mine.csv").write_text(MINE, encoding="utf-8")
    monkeypatch.setenv("KZFP_DATA", "mine.csv")
    assert [e["id"] for e in kzfp("timeline", "-p", "mars", "-f", "json").json()] == [
        "my-event-2021"
    ]


def test_no_builtin_uses_only_the_users_events(kzfp, in_tmp):
    (in_tmp / "mine.csv").write_text(MINE, encoding="utf-8")
    events = kzfp("timeline", "--data", "mine.csv", "--no-builtin", "-f", "json").json()
    assert [e["id"] for e in events] == ["my-event-2021"]
    # Memberships are facts of the built-in events, so they go with them.
    orgs = kzfp("org", "list", "--no-builtin", "-f", "json").json()
    assert {org["member_since"] for org in orgs} == {None}


def test_an_id_collision_names_both_files_and_lines(kzfp, in_tmp):
    (in_tmp / "a.csv").write_text("id,date,title\nsame-2020,2020,A\n", encoding="utf-8")
    (in_tmp / "b.csv").write_text(
        "id,date,title\nother-2020,2020,B\nsame-2020,2020,B\n", encoding="utf-8"
    )
    run = kzfp("timeline", "--data", "a.csv", "--data", "b.csv")
    assert (run.exit_code, run.stdout) == (3, "")
    assert run.stderr == "kzfp: error: b.csv:3: id: duplicate id 'same-2020' (first at a.csv:2)\n"


def test_every_command_reports_a_bad_file_one_line_per_problem(kzfp, in_tmp):
    (in_tmp / "bad.csv").write_text(
        "id,date,title\nx-2020,2020-13,T\ny-2020,,U\n", encoding="utf-8"
    )
    for command in (["timeline"], ["org", "list"], ["stats"], ["search", "x"], ["partner", "list"]):
        run = kzfp(*command, "--data", "bad.csv")
        assert run.exit_code == 3, command
        assert run.stderr.splitlines() == [
            "kzfp: error: bad.csv:2: date: '2020-13' is not a real date (month must be in 1..12)",
            "kzfp: error: bad.csv:3: date: empty; a value is required",
        ], command


def test_a_missing_file(kzfp, in_tmp):
    run = kzfp("timeline", "--data", "nope.csv")
    assert (run.exit_code, run.stderr) == (
        3,
        "kzfp: error: nope.csv: cannot read (No such file or directory)\n",
    )


def test_validate_counts_and_json(kzfp, in_tmp):
    (in_tmp / "mine.csv").write_text(MINE + "bad,2021,,,\n", encoding="utf-8")
    run = kzfp("validate", "mine.csv")
    assert run.exit_code == 3
    assert run.stdout.splitlines() == [
        "mine.csv:2: partners: warning: new partner 'mars'",
        "mine.csv:2: themes: warning: new theme 'space'",
        "mine.csv:3: title: empty; a value is required",
    ]
    assert run.stderr == "1 error, 2 warnings in 1 file\n"
    report = kzfp("validate", "mine.csv", "-f", "json").json()
    assert report[2] == {
        "file": "mine.csv",
        "line": 3,
        "column": "title",
        "severity": "error",
        "message": "empty; a value is required",
    }


def test_formula_cells_are_guarded_in_csv_and_survive_the_round_trip(kzfp, in_tmp):
    (in_tmp / "mine.csv").write_text(
        'id,date,title,summary\nf-2020,2020,=HYPERLINK("http://x"),-5 is a number\n',
        encoding="utf-8",
    )
    exported = kzfp("timeline", "--data", "mine.csv", "--no-builtin", "-f", "csv").stdout
    row = next(csv.DictReader(io.StringIO(exported)))
    assert (row["title"], row["summary"]) == ('\'=HYPERLINK("http://x")', "'-5 is a number")
    (in_tmp / "back.csv").write_text(exported, encoding="utf-8")
    again = kzfp("timeline", "--data", "back.csv", "--no-builtin", "-f", "json").json()
    assert (again[0]["title"], again[0]["summary"]) == ('=HYPERLINK("http://x")', "-5 is a number")


def own_events(path: Path, text: str) -> list:
    """The events of a file of the test's own, as ``kzfp timeline --data FILE --no-builtin``
    lists them."""
    path.write_text(text, encoding="utf-8")
    dataset = store.load_dataset([str(path)], builtin=False)
    return event_listing(timeline(dataset), dataset, ENGLISH)


@pytest.mark.parametrize("title", ["'=1+1", "''=1+1", "=1+1", "'quoted'", "'", "-5", "'-"])
def test_a_value_that_begins_with_a_quote_survives_csv_then_data(in_tmp, title):
    """The spreadsheet guard is a fixed point: a title exported to CSV and read back with
    --data is the title, whatever quotes and formula signs it begins with."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([["id", "date", "title"], ["q-2020", "2020", title]])
    listing = own_events(in_tmp / "first.csv", out.getvalue())
    (first,) = as_json(listing)
    exported = printed(listing, "csv")
    (again,) = as_json(own_events(in_tmp / "back.csv", exported))
    assert again == first
    (row,) = csv.DictReader(io.StringIO(exported))
    assert not row["title"].startswith(("=", "+", "-", "@"))
    (exact,) = as_json(
        own_events(in_tmp / "exact.csv", f"id,date,title\nq-2020,2020,{row['title']}\n")
    )
    assert exact["title"] == first["title"]


def test_builtin_data_round_trips_through_csv(in_tmp, curated_dataset):
    original = printed(event_listing(timeline(curated_dataset), curated_dataset, ENGLISH), "json")
    exported = printed(event_listing(timeline(curated_dataset), curated_dataset, ENGLISH), "csv")
    assert printed(own_events(in_tmp / "all.csv", exported), "json") == original


def test_hostile_text_in_a_file_is_shown_inert_and_kept_exact(kzfp, in_tmp, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    title = "[bold red]x[/] \x1b[2J[link=http://e.x]y[/link]"
    (in_tmp / "h.csv").write_text(f'id,date,title\nh-2020,2020,"{title}"\n', encoding="utf-8")
    table = kzfp("timeline", "--data", "h.csv", "--no-builtin", "-f", "table").stdout
    assert "[bold red]x[/] ^[[2J[link=http://e.x]y[/link]" in table
    assert "\x1b" not in table
    plain = kzfp("timeline", "--data", "h.csv", "--no-builtin").stdout
    assert "\x1b" not in plain
    assert (
        json.loads(kzfp("timeline", "--data", "h.csv", "--no-builtin", "-f", "json").stdout)[0][
            "title"
        ]
        == title
    )


# --- properties -----------------------------------------------------------------------

# Ids as [a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}, built from the alphabet: st.from_regex costs
# Hypothesis about two seconds of character tables the first time in a process.
_id_parts = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
ids = st.lists(_id_parts, min_size=1, max_size=3).map("-".join)
_plain_texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=40
)
# Half the texts begin with quotes and a formula start ('=1+1, ''-5...): the cells the
# spreadsheet guard writes and reads back.
texts = st.one_of(
    _plain_texts,
    st.tuples(st.text("'", max_size=3), st.sampled_from("=+-@x"), _plain_texts).map("".join),
).map(str.strip)


@st.composite
def partial_dates(draw) -> PartialDate:
    year = draw(st.integers(1000, 9999))
    month = draw(st.none() | st.integers(1, 12))
    day = draw(st.none() | st.integers(1, 28)) if month else None
    return PartialDate(year, month, day)


# A list item: no `;` (it separates them) and not blank (an empty item is an error).
_items = texts.filter(lambda text: text and ";" not in text)


@st.composite
def events(draw):
    start = draw(partial_dates())
    end = draw(st.none() | partial_dates().filter(lambda d: d.last >= start.last))
    known_partners = ["russia", "china", "mars"]
    return {
        "id": draw(ids),
        "date": start.iso(),
        "end_date": end.iso() if end else "",
        "title": draw(texts.filter(bool)),
        "summary": draw(texts),
        "partners": ";".join(draw(st.lists(st.sampled_from(known_partners), unique=True))),
        "orgs": ";".join(draw(st.lists(st.sampled_from(["wto", "un"]), unique=True))),
        "themes": ";".join(draw(st.lists(st.sampled_from(["security", "space"]), unique=True))),
        "section": draw(texts),
        "sources": ";".join(draw(st.lists(_items, max_size=3))),
        "note": draw(texts),
    }


def _write(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.mark.slow
# Each example writes and reads four files: twenty vary them enough.
@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=20)
@given(rows=st.lists(events(), min_size=1, max_size=5, unique_by=lambda e: e["id"]))
def test_generated_events_round_trip(tmp_path_factory, rows):
    """Events exported as CSV, JSON or JSON lines and read back with --data are the
    events: --data tells the format from the content, whatever the file is named."""
    from importlib import import_module

    from kzfp_cli.views import event_listing

    folder = tmp_path_factory.mktemp("gen")
    first = folder / "first.csv"
    first.write_bytes(_write(rows))
    dataset = store.load_dataset([str(first)], builtin=False)
    records = [event_record(event) for event in dataset.events]
    for form in ("csv", "json", "jsonl"):
        render = import_module(f"kzfp_cli.render.{form}_format").render
        out = io.StringIO()
        render(event_listing(list(dataset.events), dataset, ENGLISH), out, io.StringIO())
        second = folder / f"{form}.data"
        second.write_text(out.getvalue(), encoding="utf-8")
        again = store.load_dataset([str(second)], builtin=False)
        assert [event_record(event) for event in again.events] == records, form


@given(st.binary(max_size=400))
def test_any_bytes_give_records_or_clean_problems(data):
    files = store.builtin_files()
    files["events"] = ("x.csv", b"id,date,title\n" + data)
    dataset, problems = store.check(tables=files)
    assert (dataset is None) == bool(problems.errors)
    for problem in problems.found:
        assert str(problem).startswith(("x.csv", "data/"))


@given(st.text(max_size=30))
def test_date_parsers_return_a_date_or_a_value_error(text):
    for parse in (parse_iso, parse_user_date):
        try:
            result = parse(text)
        except ValueError:
            continue
        assert isinstance(result, PartialDate)
        assert result.first <= result.last


def test_load_raises_one_data_error_for_all_problems(in_tmp):
    (in_tmp / "bad.csv").write_text("id,date,title\nx,2020-13,T\ny,,U\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        store.load_dataset(["bad.csv"])
    assert len(caught.value.lines) == 2


class KeepNothing:
    """A selection that keeps no event."""

    def matches(self, event) -> bool:
        return False


def test_only_kept_events_are_held_but_every_row_is_checked(in_tmp):
    (in_tmp / "mine.csv").write_text(MINE + "bad-2021,2021-13,x,,\n", encoding="utf-8")
    dataset, problems = store.check(["mine.csv"], builtin=False, select=KeepNothing())
    assert [str(p) for p in problems.errors] == [
        "mine.csv:3: date: '2021-13' is not a real date (month must be in 1..12)"
    ]
    (in_tmp / "mine.csv").write_text(MINE, encoding="utf-8")
    dataset = store.load_dataset(["mine.csv"], builtin=False, select=KeepNothing())
    assert dataset.events == ()
    assert "mars" in dataset.partners  # what a row names is known even if the row is not kept


def test_a_filter_only_the_users_file_can_resolve(kzfp, in_tmp):
    (in_tmp / "mine.csv").write_text(MINE, encoding="utf-8")
    run = kzfp("timeline", "--data", "mine.csv", "--theme", "space", "-f", "jsonl")
    assert [json.loads(line)["id"] for line in run.stdout.splitlines()] == ["my-event-2021"]
    missing = kzfp("timeline", "--data", "mine.csv", "--theme", "spaec")
    assert missing.stderr == "kzfp: error: unknown theme 'spaec'; did you mean 'space'?\n"


def test_progress_is_told_the_bytes_read_up_to_the_whole_of_every_file(in_tmp):
    rows = "".join(f"e-{n},2020,Title {n}\n" for n in range(10_000))
    sizes = []
    for name in ("one.csv", "two.csv"):
        (in_tmp / name).write_text("id,date,title\n" + rows.replace("e-", name[:3]), "utf-8")
        sizes.append((in_tmp / name).stat().st_size)
    seen: list[int] = []
    store.load_dataset(["one.csv", "two.csv"], builtin=False, progress=seen.append)
    assert seen == sorted(seen)
    assert sizes[0] in seen and seen[-1] == sum(sizes)


def test_line_numbers_hold_across_batches_and_quoted_line_breaks(kzfp, in_tmp):
    # Records are read in batches; line numbers must still count every line break
    # reading the file counts, CR-LF and a lone CR inside quotes alike.
    rows = ["id,date,title,summary"]
    rows += [f"e-{n},2015,T{n},plain" for n in range(700)]  # lines 2-701
    rows.append('q-1,2015,Quoted,"two\r\nlines"')  # 702-703
    rows.append('q-2,2015,Quoted,"cr\ronly"')  # 704-705
    rows += [f"f-{n},2015,T,plain" for n in range(600)]  # 706-1305
    rows += ["bad,2015-13,T,x", 'broken,2015,"T"x,y', "never,2015-13,T,x"]
    (in_tmp / "mine.csv").write_bytes(("\n".join(rows) + "\n").encode())
    run = kzfp("validate", "mine.csv")
    assert (run.exit_code, run.stdout, run.stderr) == (
        3,
        "mine.csv:704: summary: warning: control character ^M (shown as such)\n"
        "mine.csv:1306: date: '2015-13' is not a real date (month must be in 1..12)\n"
        "mine.csv:1307: malformed CSV (text after a cell's closing quote)\n",
        "2 errors, 1 warning in 1 file\n",
    )


def test_a_decoding_error_deep_in_a_large_file_names_its_line(kzfp, in_tmp):
    rows = "".join(f"e-{n},2020,Title {n}\n" for n in range(5000))
    data = ("id,date,title\n" + rows).encode() + b"late,2020,Caf\xe9\n"
    (in_tmp / "late.csv").write_bytes(data)
    run = kzfp("validate", "late.csv")
    assert run.stdout == "late.csv:5002: not UTF-8 text (byte 0xe9); save the file as UTF-8\n"


def test_a_header_that_names_a_column_twice_is_an_error(kzfp, in_tmp):
    (in_tmp / "twice.csv").write_text("id,date,title,partners,partners\na,2015,T,china,russia\n")
    run = kzfp("validate", "twice.csv")
    assert (run.exit_code, run.stdout) == (3, "twice.csv:1: partners: column named twice\n")
    found = kzfp("timeline", "--data", "twice.csv", "-p", "russia")
    assert (found.exit_code, found.stdout) == (3, "")
    assert found.stderr == "kzfp: error: twice.csv:1: partners: column named twice\n"


@pytest.fixture
def bash_in_tmp(in_tmp, kzfp_bin):
    """Run a bash command line in the temporary folder with the installed kzfp first on
    PATH, as a user would in a shell."""
    import subprocess

    env = {**os.environ, "PATH": f"{Path(kzfp_bin).parent}{os.pathsep}{os.environ['PATH']}"}

    def run(command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "-c", command], cwd=in_tmp, env=env, capture_output=True, text=True
        )

    return run


STREAMS = {
    "standard input": "cat mine.csv | kzfp timeline --no-builtin --data - -f json",
    "/dev/stdin": "kzfp timeline --no-builtin --data /dev/stdin -f json < mine.csv",
    "process substitution": "kzfp timeline --no-builtin --data <(cat mine.csv) -f json",
    "a FIFO": "mkfifo fifo && (cat mine.csv > fifo &) && kzfp timeline --no-builtin "
    "--data fifo -f json",
}


@pytest.mark.parametrize("command", STREAMS.values(), ids=STREAMS.keys())
def test_every_kind_of_stream_gives_what_the_file_gives(bash_in_tmp, in_tmp, kzfp, command):
    rows = "".join(f"e-{n},20{n % 30:02d},Event {n},russia\n" for n in range(3000))
    (in_tmp / "mine.csv").write_text("id,date,title,partners\n" + rows, encoding="utf-8")
    from_file = kzfp("timeline", "--no-builtin", "--data", "mine.csv", "-f", "json")
    streamed = bash_in_tmp(command)
    assert (streamed.returncode, streamed.stderr) == (0, "")
    assert streamed.stdout == from_file.stdout
    assert len(json.loads(streamed.stdout)) == 3000


# A word no text says ("evnt") is read as the nearest that one does, which takes a second
# read of the files: every stream that can be read only once is read again from a copy.
SEARCHED = {
    "standard input": "cat mine.csv | kzfp search evnt --no-builtin --data - -f json",
    "standard input from a file": "kzfp search evnt --no-builtin --data - -f json < mine.csv",
    "process substitution": "kzfp search evnt --no-builtin --data <(cat mine.csv) -f json",
    "a FIFO": "mkfifo fifo && (cat mine.csv > fifo &) && kzfp search evnt --no-builtin "
    "--data fifo -f json",
}


@pytest.mark.parametrize("command", SEARCHED.values(), ids=SEARCHED.keys())
def test_a_search_reads_every_kind_of_stream_twice_as_it_reads_a_file(
    bash_in_tmp, in_tmp, kzfp, command
):
    rows = "".join(f"e-{n},20{n % 30:02d},Event {n},Talks.,russia\n" for n in range(50))
    (in_tmp / "mine.csv").write_text("id,date,title,summary,partners\n" + rows, "utf-8")
    from_file = kzfp("search", "evnt", "--no-builtin", "--data", "mine.csv", "-f", "json")
    streamed = bash_in_tmp(command)
    assert (streamed.returncode, streamed.stderr) == (0, "")
    assert streamed.stdout == from_file.stdout
    assert [hit["id"] for hit in json.loads(streamed.stdout)][:2] == ["e-29", "e-28"]


def test_standard_input_named_twice_is_an_error(bash_in_tmp):
    run = bash_in_tmp("printf 'id,date,title\\na-1,2020,A\\n' | kzfp timeline --data - --data -")
    assert (run.returncode, run.stdout) == (3, "")
    assert run.stderr == "kzfp: error: <stdin>: named twice; it can be read only once\n"


def test_a_closed_standard_input_is_one_clear_line(bash_in_tmp):
    run = bash_in_tmp("kzfp validate - <&-")
    assert (run.returncode, run.stdout) == (3, "<stdin>: cannot read (standard input is closed)\n")


def test_problems_in_standard_input_are_placed_in_stdin(bash_in_tmp):
    run = bash_in_tmp("printf 'id,date,title\\na-1,2020,A\\nb-1,2020-13,B\\n' | kzfp validate -")
    assert (run.returncode, run.stdout, run.stderr) == (
        3,
        "<stdin>:3: date: '2020-13' is not a real date (month must be in 1..12)\n",
        "1 error, 0 warnings in 1 file\n",
    )


def test_an_endless_binary_stream_ends_with_one_error_in_bounded_memory(bash_in_tmp):
    # Bounded: the data segment is capped well above what the limits need; reading a
    # stream without them would run into the cap (or never end).
    run = bash_in_tmp("ulimit -d 400000 && kzfp validate /dev/zero")
    assert (run.returncode, run.stderr) == (3, "1 error, 0 warnings in 1 file\n")
    assert run.stdout == "/dev/zero:1: a line longer than 1,048,576 bytes; is this a CSV file?\n"


def test_an_endless_stream_of_bad_rows_stops_after_the_problem_limit(bash_in_tmp):
    run = bash_in_tmp("(echo id,date,title; yes a,b) | kzfp validate -")
    lines = run.stdout.splitlines()
    assert run.returncode == 3
    assert lines[0] == "<stdin>:2: row has 2 fields, the header has 3"
    last = re.fullmatch(r"<stdin>:(\d+): (\d+) errors; stopped reading here", lines[-1])
    assert last is not None
    assert int(last.group(2)) == len(lines) - 1 and int(last.group(1)) == len(lines)
    assert run.stderr == f"{len(lines)} errors, 0 warnings in 1 file\n"


def test_a_cell_past_the_size_limit_is_an_error_not_a_memory_sink(kzfp, in_tmp):
    (in_tmp / "huge.csv").write_text('id,date,title\nh,2020,"' + "x\n" * 200_000 + '"\n')
    run = kzfp("validate", "huge.csv")
    assert run.exit_code == 3
    assert re.fullmatch(
        r"huge\.csv:2: a cell longer than [\d,]+ characters; is a quote left open\?\n", run.stdout
    )


@pytest.mark.slow
@given(st.binary(max_size=400))
def test_standard_input_reads_as_the_same_bytes_in_a_file_do(tmp_path_factory, data):
    import sys

    path = tmp_path_factory.mktemp("stdin") / "x.csv"
    path.write_bytes(b"id,date,title\n" + data)
    _, from_file = store.check([str(path)], builtin=False)
    stdin = io.TextIOWrapper(io.BytesIO(b"id,date,title\n" + data))
    real, sys.stdin = sys.stdin, stdin
    try:
        _, from_stdin = store.check(["-"], builtin=False)
    finally:
        sys.stdin = real
    assert [str(p).replace(str(path), "<stdin>") for p in from_file.ordered()] == [
        str(p) for p in from_stdin.ordered()
    ]


def test_duplicates_name_their_first_place_in_any_earlier_chunk_or_file(kzfp, in_tmp):
    # Rows are read in chunks: a duplicate is found and placed across chunks and files,
    # and within one chunk.
    first = ["id,date,title"] + [f"e-{n},2015,T" for n in range(600)]  # lines 2-601
    (in_tmp / "first.csv").write_text("\n".join(first) + "\n", encoding="utf-8")
    rows = ["id,date,title"] + [f"f-{n},2015,T" for n in range(700)]  # lines 2-701
    rows += ["e-7,2015,T", "x-1,2015,T", "f-650,2015,T", "x-1,2015,T"]  # lines 702-705
    (in_tmp / "second.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    run = kzfp("validate", "--no-builtin", "first.csv", "second.csv")
    assert run.stdout.splitlines() == [
        "second.csv:702: id: duplicate id 'e-7' (first at first.csv:9)",
        "second.csv:704: id: duplicate id 'f-650' (first at line 652)",
        "second.csv:705: id: duplicate id 'x-1' (first at line 703)",
    ]


@given(st.lists(st.tuples(partial_dates(), st.sampled_from(["a", "b", "c"])), max_size=12))
def test_events_are_ordered_by_first_day_then_precision_then_id(dated):
    """chronological sorts twice, by id and then by day, for speed; the order it promises
    is that of the first day, then the coarser date, then the id, or its reverse."""
    from kzfp_cli.model import Event
    from kzfp_cli.query import chronological

    made = [Event(ident, when, None, "T", "", (), (), (), "", (), "") for when, ident in dated]
    order = sorted(made, key=lambda event: (event.first, event.precision, event.id))
    assert chronological(made) == order
    assert chronological(made, reverse=True) == order[::-1]
    held = [(event.id, event) for event in made]
    assert chronological(held, of=lambda one: one[1]) == [(one.id, one) for one in order]


def orgs_line(org: str) -> int:
    """The line of an organization in the built-in orgs.csv, read apart from kzfp."""
    with open(DATA / "orgs.csv", encoding="utf-8", newline="") as file:
        return next(n for n, row in enumerate(csv.DictReader(file), 2) if row["id"] == org)


def test_a_users_event_a_membership_rests_on_is_checked_at_its_own_row(kzfp, in_tmp):
    # Without the built-in events, a user's event with a membership's id is that
    # membership's event: it must list the organization, and is told so where it is.
    (in_tmp / "wto.csv").write_text("id,date,title,orgs\nwto-membership-2015,2015-11-30,J,\n")
    run = kzfp("validate", "--no-builtin", "wto.csv")
    assert (run.exit_code, run.stdout) == (
        3,
        f"wto.csv:2: orgs: data/orgs.csv:{orgs_line('wto')} names this event as the "
        "joined_event of 'wto'; list 'wto' here, or give the event another id\n",
    )
    (in_tmp / "wto.csv").write_text("id,date,title,orgs\nwto-membership-2015,2015-11-30,J,wto\n")
    assert kzfp("validate", "--no-builtin", "wto.csv").exit_code == 0
    orgs = {
        org["id"]: org
        for org in kzfp("org", "list", "--no-builtin", "--data", "wto.csv", "-f", "json").json()
    }
    assert orgs["wto"]["member_since"] == "2015-11-30"


def test_a_load_never_sees_what_a_load_before_it_read(in_tmp):
    # The built-in tables are read once a process: each load adds a user's names, ids,
    # events and sources to its own copy of them.
    alone = store.load_dataset(builtin=False)
    (in_tmp / "mine.csv").write_text(
        MINE.replace("\n", ",sources\n", 1).replace(
            "space\n", "space,Mars Daily | https://mars.example/\n"
        ),
        encoding="utf-8",
    )
    for _ in range(2):  # the same id read again is no duplicate of the load before
        mine = store.load_dataset(["mine.csv"], builtin=False)
        assert [event.id for event in mine.events] == ["my-event-2021"]
        assert "mars" in mine.partners
    after = store.load_dataset(builtin=False)
    assert after.events == alone.events == ()
    assert (after.partners, after.orgs, after.themes) == (
        alone.partners,
        alone.orgs,
        alone.themes,
    )
    assert "mars" not in after.partners
    assert after.sources == alone.sources


def test_broken_tables_are_reported_every_time_they_are_read():
    files = store.builtin_files()
    label, data = files["partners"]
    first = data.split(b"\n")[1]  # its first partner, again at the end
    broken = {**files, "partners": (label, data + first + b"\n")}
    ident = first.split(b",")[0].decode()
    for _ in range(2):
        _, problems = store.check(builtin=False, tables=broken)
        assert [problem.message for problem in problems.errors][:1] == [
            f"duplicate id '{ident}' (first at line 2)"
        ]
