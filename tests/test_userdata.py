"""A user's own events (--data, KZFP_DATA, --no-builtin), kzfp validate, and the broken-file
corpus: every file as people really make them gives records or one line per problem."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzfp_cli import halves, store
from kzfp_cli.dates import PartialDate, parse_iso, parse_user_date
from kzfp_cli.errors import DataError
from kzfp_cli.views import event_record

CORPUS = Path(__file__).parent / "corpus"
MINE = "id,date,title,partners,themes\nmy-event-2021,2021-05,My event,russia;mars,space\n"


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.csv")), ids=lambda p: p.name)
def test_corpus_file_gives_the_expected_report(kzfp, monkeypatch, path):
    monkeypatch.chdir(CORPUS)
    run = kzfp("validate", path.name)
    report = run.stdout + run.stderr + f"exit {run.exit_code}\n"
    assert report == path.with_suffix(".expected").read_text(encoding="utf-8")


def test_every_failure_kind_has_a_corpus_file():
    names = {path.stem for path in CORPUS.glob("*.csv")}
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
    assert partners["russia"]["events"] == 24


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


def test_builtin_data_round_trips_through_csv(kzfp, in_tmp):
    original = kzfp("timeline", "-f", "json").stdout
    (in_tmp / "all.csv").write_text(kzfp("timeline", "-f", "csv").stdout, encoding="utf-8")
    back = kzfp("timeline", "--data", "all.csv", "--no-builtin", "-f", "json").stdout
    assert back == original


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

ids = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=40
).map(str.strip)


@st.composite
def partial_dates(draw) -> PartialDate:
    year = draw(st.integers(1000, 9999))
    month = draw(st.none() | st.integers(1, 12))
    day = draw(st.none() | st.integers(1, 28)) if month else None
    return PartialDate(year, month, day)


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
        "sources": "",
        "note": draw(texts),
    }


def _write(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=store.EVENT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(events(), min_size=1, max_size=5, unique_by=lambda e: e["id"]))
def test_generated_events_round_trip(tmp_path_factory, rows):
    from kzfp_cli.render.csv_format import render
    from kzfp_cli.views import event_listing

    folder = tmp_path_factory.mktemp("gen")
    first = folder / "first.csv"
    first.write_bytes(_write(rows))
    dataset = store.load_dataset([str(first)], builtin=False)
    records = [event_record(event) for event in dataset.events]
    out = io.StringIO()
    render(event_listing(list(dataset.events), dataset), out, io.StringIO())
    second = folder / "second.csv"
    second.write_text(out.getvalue(), encoding="utf-8")
    again = store.load_dataset([str(second)], builtin=False)
    assert [event_record(event) for event in again.events] == records


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_records_or_clean_problems(data):
    files = store.builtin_files()
    files["events"] = ("x.csv", b"id,date,title\n" + data)
    dataset, problems = store.check(tables=files)
    assert (dataset is None) == bool(problems.errors)
    for problem in problems.found:
        assert str(problem).startswith(("x.csv", "data/"))


@settings(max_examples=300, deadline=None)
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


class _Nothing:
    """A selection that keeps no event and cannot judge a raw record."""

    def matches(self, event) -> bool:
        return False

    def rejects_raw(self, header):
        return None


def test_only_kept_events_are_held_but_every_row_is_checked(in_tmp):
    (in_tmp / "mine.csv").write_text(MINE + "bad-2021,2021-13,x,,\n", encoding="utf-8")
    dataset, problems = store.check(["mine.csv"], builtin=False, select=lambda data: _Nothing())
    assert [str(p) for p in problems.errors] == [
        "mine.csv:3: date: '2021-13' is not a real date (month must be in 1..12)"
    ]
    (in_tmp / "mine.csv").write_text(MINE, encoding="utf-8")
    dataset = store.load_dataset(["mine.csv"], builtin=False, select=lambda data: _Nothing())
    assert dataset.events == ()
    assert "mars" in dataset.partners  # what a row names is known even if the row is not kept


def test_a_filter_only_the_users_file_can_resolve(kzfp, in_tmp):
    (in_tmp / "mine.csv").write_text(MINE, encoding="utf-8")
    run = kzfp("timeline", "--data", "mine.csv", "--theme", "space", "-f", "jsonl")
    assert [json.loads(line)["id"] for line in run.stdout.splitlines()] == ["my-event-2021"]
    missing = kzfp("timeline", "--data", "mine.csv", "--theme", "spaec")
    assert missing.stderr == "kzfp: error: unknown theme 'spaec'; did you mean 'space'?\n"


def test_progress_only_for_large_files_on_a_terminal(in_tmp, monkeypatch):
    from kzfp_cli import progress

    (in_tmp / "mine.csv").write_text(MINE, encoding="utf-8")
    with progress.file_progress(["mine.csv"]) as report:
        assert report is None  # small file
    monkeypatch.setattr(progress, "LARGE", 1)
    with progress.file_progress(["mine.csv"]) as report:
        assert report is None  # stderr is not a terminal here
    monkeypatch.setattr(progress.sys.stderr, "isatty", lambda: True)
    with progress.file_progress(["mine.csv"]) as report:
        assert callable(report)
        report(10)


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
        "mine.csv:1307: malformed CSV (',' expected after '\"')\n",
        "2 errors, 1 warning in 1 file\n",
    )


def test_a_decoding_error_deep_in_a_large_file_names_its_line(kzfp, in_tmp):
    rows = "".join(f"e-{n},2020,Title {n}\n" for n in range(5000))
    data = ("id,date,title\n" + rows).encode() + b"late,2020,Caf\xe9\n"
    (in_tmp / "late.csv").write_bytes(data)
    run = kzfp("validate", "late.csv")
    assert run.stdout == "late.csv:5002: not UTF-8 text (byte 0xe9); save the file as UTF-8\n"


def test_iter_rows_without_raw_bytes_still_reports_a_decoding_error():
    problems = store.Problems()

    def lines():
        yield "id,date,title\n"
        raise UnicodeDecodeError("utf-8", b"\xe9", 0, 1, "invalid")

    assert (
        list(
            store.iter_rows(
                "x.csv", lines(), store.EVENT_COLUMNS, problems, store.EVENT_REQUIRED, False
            )
        )
        == []
    )
    assert [str(p) for p in problems.found] == [
        "x.csv: not UTF-8 text (byte 0xe9); save the file as UTF-8"
    ]


# For the quick path's test below: records whose every cell is tidy, records with one
# cell that is not (the quick path must then step aside), and records of anything.
_TIDY_CELLS = {
    "id": st.sampled_from(["a", "a-1", "b", "c2"]),
    "date": st.sampled_from(["2015", "2015-02", "2015-02-28", "0999", "2020-12-01"]),
    "end_date": st.just(""),
    "title": st.sampled_from(["Title", " Padded ", "Ünïcode – title", 'Say "hi"']),
    "summary": st.sampled_from(["", "A summary, with a comma.", "x" * 20]),
    "partners": st.sampled_from(["", "russia", "russia;china", "usa;eu;nato"]),
    "orgs": st.sampled_from(["", "wto", "wto;un"]),
    "themes": st.sampled_from(["", "security", "security;economy"]),
    "section": st.sampled_from(["", "Russia", " Mine "]),
    "sources": st.sampled_from(["", "T | https://x.org/", "a;b", "a; b;", " a ;; b "]),
    "note": st.sampled_from(["", "A note. ", "\tTabbed"]),
}
_UNTIDY_CELLS = {
    "id": st.sampled_from(["A", "a b", " a", "a-", "", "a"]),
    "date": st.sampled_from(
        ["2016-02-29", "2015-02-29", "2015-13", "0000", " 2015", "2015-1", "Dec 2015", ""]
    ),
    "end_date": st.sampled_from(["2016", "2014", "x", " "]),
    "title": st.sampled_from(["", "  ", "a\x1bb", "it's", "'=1", "a\rb", "\x85"]),
    "summary": st.sampled_from(["Two\nlines", "CR\r\nLF", "\x07"]) | st.text(max_size=4),
    "partners": st.sampled_from(["mars", "Russia", "russia;", "russia; china", "russia;;eu"]),
    "orgs": st.sampled_from(["nato", "WTO", "wto;", "space"]),
    "themes": st.sampled_from(["space", "security;;economy", "Security"]),
    "section": st.text(max_size=4),
    "sources": st.sampled_from(["\x1b", "a\x00b", "'+x"]),
    "note": st.text(max_size=4),
}
_NEARLY_TIDY = st.fixed_dictionaries(_TIDY_CELLS).flatmap(
    lambda record: st.sampled_from(sorted(_UNTIDY_CELLS)).flatmap(
        lambda column: _UNTIDY_CELLS[column].map(lambda value: {**record, column: value})
    )
)
_RECORDS = st.one_of(
    st.fixed_dictionaries(_TIDY_CELLS),
    st.fixed_dictionaries(_TIDY_CELLS),
    _NEARLY_TIDY,
    _NEARLY_TIDY,
    st.fixed_dictionaries(
        {column: _TIDY_CELLS[column] | _UNTIDY_CELLS[column] for column in _TIDY_CELLS}
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    records=st.lists(_RECORDS, max_size=8),
    columns=st.sampled_from(
        [
            store.EVENT_COLUMNS,
            ("id", "date", "title", "partners"),
            ("title", "partners", "id", "date", "title"),  # a column twice: the last counts
        ]
    ),
    selected=st.sampled_from(range(5)),
    batch=st.sampled_from([1, 3, store.BATCH]),
)
def test_the_quick_path_agrees_with_the_full_checks(records, columns, selected, batch):
    """Whatever a user's file holds, reading it with the quick path gives the same events
    and the same problems as the full checks alone, with or without a filter."""
    from datetime import date

    from kzfp_cli.query import EventFilter

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([record[column] for column in columns] for record in records)
    text = out.getvalue()
    selection = [
        None,
        EventFilter(partners=frozenset({"russia"})),
        EventFilter(partners=frozenset({"russia", "eu"}), themes=frozenset({"security"})),
        EventFilter(first=date(2015, 2, 1), last=date(2015, 12, 31)),
        EventFilter(orgs=frozenset({"wto"}), last=date(2015, 6, 30), text="title"),
    ][selected]
    files = store.builtin_files()
    tables = {
        name: store.read_table(label, data, store.TABLE_COLUMNS[name])
        for name, (label, data) in files.items()
    }

    def read(quick: bool):
        problems = store.Problems()
        builder = store._Builder(dict(tables), problems, builtin_events=False)
        rows = store.iter_rows(
            "mine.csv",
            io.StringIO(text, newline=""),
            store.EVENT_COLUMNS,
            problems,
            store.EVENT_REQUIRED,
            builtin=False,
            quick=builder.quick_reader("mine.csv", selection) if quick else None,
        )
        builder.add_events(rows, selection.matches if selection else None)
        return builder.finish().events, [str(p) for p in problems.ordered()]

    full = read(quick=False)
    saved, store.BATCH = store.BATCH, batch  # records are read and taken in batches
    try:
        assert read(quick=True) == full
    finally:
        store.BATCH = saved


@settings(max_examples=150, deadline=None)
@given(
    records=st.lists(_RECORDS, min_size=1, max_size=10),
    ending=st.sampled_from(["\n", "\r\n", "\r"]),
    selected=st.sampled_from([None, frozenset({"russia"})]),
    another=st.booleans(),
)
def test_reading_in_halves_gives_what_reading_whole_gives(
    tmp_path_factory, records, ending, selected, another
):
    """A file read in two halves at once (the second by a forked child) gives the same
    events and problems as read whole: when the cut falls inside a record, when an id or
    a new partner is in both halves, when either half is broken, and before another file."""
    from kzfp_cli.query import EventFilter

    folder = tmp_path_factory.mktemp("halves")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=ending)
    writer.writerow(store.EVENT_COLUMNS)
    writer.writerows([record[column] for column in store.EVENT_COLUMNS] for record in records)
    (folder / "mine.csv").write_text(out.getvalue(), encoding="utf-8", newline="")
    (folder / "more.csv").write_text("id,date,title\na,2015,Again\nz,2015,New\n")
    paths = [str(folder / "mine.csv")] + ([str(folder / "more.csv")] if another else [])
    selection = EventFilter(partners=selected) if selected else None

    assert _read(paths, selection, split=True) == _read(paths, selection, split=False)


def _read(paths: list[str], selection=None, *, split: bool):
    """The events and problems of reading ``paths``, large or not, in halves or whole
    (the events even when there are errors, which check would not return)."""
    saved = halves.SPLIT_MIN, store.two_cores, store.EVENTS_SENT
    # In halves, the child's events come back two at a time: several parts.
    halves.SPLIT_MIN, store.two_cores = (0 if split else 1 << 40), lambda: True
    store.EVENTS_SENT = 2
    try:
        problems = store.Problems()
        tables = {
            name: store.read_table(label, data, store.TABLE_COLUMNS[name], problems)
            for name, (label, data) in store.builtin_files().items()
        }
        builder = store._Builder(tables, problems, builtin_events=False)
        for number, path in enumerate(paths):
            builder.read_file(path, selection, None, last=number == len(paths) - 1)
        events = builder.finish().events
    finally:
        halves.SPLIT_MIN, store.two_cores, store.EVENTS_SENT = saved
    return list(events), [str(p) for p in problems.ordered()]


_HEAD = "id,date,title,partners\n"
_HALVES = {
    "a new partner in both halves warns once": (
        _HEAD + "a,2015,A,mars\nb,2015,B,\nc,2015,C,\nd,2015,D,mars\n",
        ["mine.csv:2: partners: warning: new partner 'mars'"],
    ),
    "twenty rows, the second half's events sent in parts": (
        _HEAD + "".join(f"e{number},2015,E,\n" for number in range(20)),
        [],
    ),
    "a period in the second half": (
        "id,date,end_date,title\na,2015,,A\nb,2015,,B\nc,2015,,C\nd,2015,2017-06,D\n",
        [],
    ),
    "an id in both halves is a duplicate": (
        _HEAD + "a,2015,A,\nb,2015,B,\nc,2015,C,\na,2016,Again,\n",
        ["mine.csv:5: id: duplicate id 'a' (first at line 2)"],
    ),
    "a cut inside a quoted line break": (
        _HEAD + 'a,2015,A,\nb,2015,"Two\nlines\nmore\nand more",\nc,2015,C,mars\n',
        ["mine.csv:7: partners: warning: new partner 'mars'"],
    ),
    "a broken record in the first half ends the file": (
        _HEAD + 'a,2015,"A"x,\nb,2015,B,\nc,2015,C,\nd,2015,D,\n',
        ["mine.csv:2: malformed CSV (',' expected after '\"')"],
    ),
    "a broken record in the second half": (
        _HEAD + 'a,2015,A,\nb,2015,B,\nc,2015,C,\nd,2015\ne,2015,"E\n',
        [
            "mine.csv:5: row has 2 fields, the header has 4",
            "mine.csv:6: malformed CSV (unexpected end of data)",
        ],
    ),
}


@pytest.mark.parametrize("text, expected", _HALVES.values(), ids=_HALVES.keys())
def test_each_way_halves_can_meet(tmp_path, text, expected):
    path = tmp_path / "mine.csv"
    path.write_text(text, encoding="utf-8", newline="")
    whole = _read([str(path)], split=False)
    assert [line.replace(str(tmp_path) + "/", "") for line in whole[1]] == expected
    assert _read([str(path)], split=True) == whole


def test_a_decoding_error_in_the_second_half_names_its_line(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_bytes(_HEAD.encode() + b"a,2015,A,\nb,2015,B,\nc,2015,C\xe9,\nd,2015,D,\n")
    assert _read([str(path)], split=True) == _read([str(path)], split=False)
    assert _read([str(path)], split=True)[1] == [
        f"{path}:4: not UTF-8 text (byte 0xe9); save the file as UTF-8"
    ]


def test_a_failed_child_leaves_the_second_half_to_the_parent(tmp_path, monkeypatch):
    path = tmp_path / "mine.csv"
    path.write_text(_HEAD + "a,2015,A,\nb,2015,B,mars\nc,2015,C,\nd,2015,D,\n")
    monkeypatch.setattr(store._Builder, "_second_half", lambda *_args, **_kw: 1 / 0)
    assert _read([str(path)], split=True) == _read([str(path)], split=False)


def test_a_child_failing_after_some_events_leaves_the_second_half_to_the_parent(
    tmp_path, monkeypatch
):
    # What the child read and its first events arrive, then it fails: none of it is
    # taken in, and the parent reads the second half itself.
    path = tmp_path / "mine.csv"
    rows = "".join(f"e{n},2015,E{n},{'mars' if n % 3 else ''}\n" for n in range(12))
    path.write_text(_HEAD + rows)
    second_half = store._Builder._second_half

    def failing(*args, **kwargs):
        sent = second_half(*args, **kwargs)
        yield next(sent)  # what it read
        yield next(sent)  # its first events
        raise RuntimeError("the child fails")

    monkeypatch.setattr(store._Builder, "_second_half", failing)
    whole = _read([str(path)], split=False)
    assert _read([str(path)], split=True) == whole
    assert len(whole[0]) == 12 and len(whole[1]) == 1  # mars is new: one warning


def test_a_child_ending_while_it_sends_what_it_read_leaves_the_second_half_to_the_parent(
    tmp_path, monkeypatch
):
    # The child's ids are more than a pipe holds: it is still writing them when it ends.
    path = tmp_path / "mine.csv"
    path.write_text(_HEAD + "".join(f"event-{n},2015,E,\n" for n in range(30_000)))
    parts = halves.Child.parts

    def parts_then_end(child):
        sent = parts(child)
        os.kill(child.pid, signal.SIGKILL)
        return sent

    monkeypatch.setattr(halves.Child, "parts", parts_then_end)
    whole = _read([str(path)], split=False)
    assert _read([str(path)], split=True) == whole
    assert len(whole[0]) == 30_000 and whole[1] == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(partial_dates(), st.sampled_from(["a", "b"])), max_size=12))
def test_the_quick_sort_key_orders_as_first_day_then_precision(dated):
    """chronological_key sorts by numbers for speed; the order it promises is that of the
    first day, then the coarser date, then the id."""
    from kzfp_cli.query import chronological_key

    made = [
        store.Event(ident, when, None, "T", "", (), (), (), "", (), "") for when, ident in dated
    ]
    assert sorted(made, key=chronological_key) == sorted(
        made, key=lambda event: (event.first, event.precision, event.id)
    )


def test_a_duplicate_in_a_later_file_names_its_place_in_the_second_half(tmp_path):
    # The first half holds no id at all: the file still has its number for the places.
    mine, more = tmp_path / "mine.csv", tmp_path / "more.csv"
    mine.write_text(_HEAD + "A,2015,A,\nB,2015,B,\nC,2015,C,\nd,2015,D,\n")
    more.write_text(_HEAD + "d,2016,Again,\n")
    paths = [str(mine), str(more)]
    assert _read(paths, split=True) == _read(paths, split=False)
    assert _read(paths, split=True)[1][-1] == f"{more}:2: id: duplicate id 'd' (first at {mine}:5)"


def test_progress_read_in_halves_runs_to_the_whole_file(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(_HEAD + "".join(f"e{n},2015,E,\n" for n in range(5000)))
    seen: list[int] = []
    saved = halves.SPLIT_MIN, store.two_cores
    halves.SPLIT_MIN, store.two_cores = 0, lambda: True
    try:
        store.check([str(path)], builtin=False, progress=seen.append)
    finally:
        halves.SPLIT_MIN, store.two_cores = saved
    # The first part is read for both, so its bar reaches the file's size as it ends.
    assert seen == sorted(seen) and seen[-1] == path.stat().st_size and len(seen) > 1


def test_a_column_named_twice_filters_by_its_last_cell(kzfp, in_tmp):
    # As the record's values do: the quick raw test once looked at the first cell.
    (in_tmp / "twice.csv").write_text("id,date,title,partners,partners\na,2015,T,china,russia\n")
    found = kzfp("timeline", "--data", "twice.csv", "--no-builtin", "-p", "russia", "-f", "json")
    assert (found.exit_code, [event["partners"] for event in found.json()]) == (0, [["russia"]])


def test_validate_holds_only_the_events_the_cross_checks_read(kzfp, in_tmp):
    # A user's event with a membership's id is still held, and checked against it.
    (in_tmp / "wto.csv").write_text("id,date,title,orgs\nwto-membership-2015,2015-11-30,J,\n")
    run = kzfp("validate", "--no-builtin", "wto.csv")
    assert (run.exit_code, run.stdout) == (
        3,
        "data/orgs.csv:10: joined_event: event 'wto-membership-2015' does not list "
        "organization 'wto'\n",
    )
    dataset, problems = store.check(["wto.csv"], builtin=False, problems_only=True)
    assert dataset is None and len(problems.errors) == 1
    (in_tmp / "many.csv").write_text(
        "id,date,title\n" + "".join(f"e{n},2015,E\n" for n in range(50)), encoding="utf-8"
    )
    kept = store._Builder(
        {
            name: store.read_table(label, data, store.TABLE_COLUMNS[name])
            for name, (label, data) in store.builtin_files().items()
        },
        store.Problems(),
        builtin_events=False,
    )
    kept.read_file("many.csv", kept.cross_checked(), None, last=True)
    assert kept.events == {}  # every row checked, none held
