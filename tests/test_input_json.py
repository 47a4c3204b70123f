"""--data reads kzfp's own JSON and JSON lines back, so that an export round-trips; the
format is told by the content (the first non-blank character), so that files of any name,
standard input and pipes all work. Broken JSON gets one line per problem, at its line."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzfp_cli import store


def validate(kzfp, name: str) -> tuple[int, list[str]]:
    run = kzfp("validate", "--no-builtin", name)
    return run.exit_code, run.stdout.splitlines()


@pytest.mark.parametrize("form", ["json", "jsonl"])
def test_the_builtin_data_round_trips_through_its_own_json(kzfp, in_tmp, form):
    original = kzfp("timeline", "-f", "json").stdout
    (in_tmp / f"all.{form}").write_text(kzfp("timeline", "-f", form).stdout, encoding="utf-8")
    back = kzfp("timeline", "--no-builtin", "--data", f"all.{form}", "-f", "json")
    assert (back.exit_code, back.stderr) == (0, "")
    assert back.stdout == original


STREAMS = {
    "a pipe into -": "kzfp timeline -f {form} | kzfp timeline --no-builtin --data - -f json",
    "process substitution": "kzfp timeline --no-builtin --data <(kzfp timeline -f {form}) -f json",
    "a file without an extension": "kzfp timeline -f {form} > all && "
    "kzfp timeline --no-builtin --data all -f json",
    "a file named for its format": "kzfp timeline -f {form} > all.{form} && "
    "kzfp timeline --no-builtin --data all.{form} -f json",
}


@pytest.mark.parametrize("form", ["json", "jsonl"])
@pytest.mark.parametrize("command", STREAMS.values(), ids=STREAMS.keys())
def test_json_is_read_from_any_stream(shell, kzfp, form, command):
    original = kzfp("timeline", "-f", "json")  # in-process: the same output, one start less
    streamed = shell(command.format(form=form))
    assert (streamed.returncode, streamed.stderr) == (0, "")
    assert streamed.stdout == original.stdout


# What a file holds is read as its extension says: its content is looked at only when the
# name says nothing, so that a JSON file is told what is wrong as JSON, and a CSV file as
# CSV, whatever they begin with.
NAMED = [
    ("mine.json", "id,date,title\nvisit-2021,2021-05,A visit\n",
     "mine.json:1: malformed JSON (a value was expected, at character 1)"),
    ("mine.jsonl", 'null\n{"id": "a-1", "date": "2020", "title": "A"}\n',
     "mine.jsonl:1: null, not an object; kzfp reads events as objects"),
    ("mine.ndjson", '// events\n{"id": "a-1", "date": "2020", "title": "A"}\n',
     "mine.ndjson:1: malformed JSON (a value was expected, at character 1)"),
    ("mine.JSON", '\f[{"id": "a-1", "date": "2020", "title": "A"}]\n',
     "mine.JSON:1: malformed JSON (a value was expected, at character 1)"),
    ("mine.csv", "[id],date,title\na-1,2020,A\n",
     "mine.csv:1: id: missing column\nmine.csv:1: [id]: unknown column"),
    ("mine.tsv", '{"id": "a-1", "date": "2020", "title": "A"}\n',
     'mine.tsv:1: id: missing column\nmine.tsv:1: date: missing column\n'
     'mine.tsv:1: title: missing column\nmine.tsv:1: {"id": "a-1": unknown column\n'
     'mine.tsv:1:  "date": "2020": unknown column\nmine.tsv:1:  "title": "A"}: unknown column'),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "report"), NAMED, ids=[name for name, _, _ in NAMED])
def test_a_file_is_read_as_its_extension_says(kzfp, in_tmp, name, text, report):
    (in_tmp / name).write_text(text, encoding="utf-8")
    run = kzfp("validate", "--no-builtin", name)
    assert (run.exit_code, run.stdout) == (3, report + "\n")


def test_a_file_whose_name_says_no_format_is_read_as_its_content_says(kzfp, in_tmp):
    (in_tmp / "mine.txt").write_text("id,date,title\nvisit-2021,2021-05,A visit\n")
    (in_tmp / "events").write_text('[{"id": "a-1", "date": "2020", "title": "A"}]\n')
    run = kzfp("timeline", "--no-builtin", "--data", "mine.txt", "--data", "events", "-f", "jsonl")
    assert [json.loads(line)["id"] for line in run.stdout.splitlines()] == ["a-1", "visit-2021"]


def test_the_other_commands_read_json_and_report_its_problems_alike(kzfp, in_tmp):
    (in_tmp / "mine.jsonl").write_text(
        '{"id": "visit-2021", "date": "2021-05", "title": "A visit", "partners": ["mars"]}\n'
    )
    partners = kzfp("partner", "list", "--data", "mine.jsonl", "-f", "json").json()
    assert [p["events"] for p in partners if p["id"] == "mars"] == [1]
    (in_tmp / "bad.jsonl").write_text(
        '{"id": "visit-2021", "date": "2021-05", "title": "A visit"}\n'
        '{"id": "talks-2021", "date": "2021-13", "title": ["Talks"]}\n'
    )
    for command in (["timeline"], ["stats"], ["org", "list"], ["search", "visit"]):
        run = kzfp(*command, "--data", "bad.jsonl")
        assert (run.exit_code, run.stdout) == (3, ""), command
        assert run.stderr == "kzfp: error: bad.jsonl:2: title: a list, not a string\n", command


def test_a_precision_that_agrees_with_the_date_is_accepted_and_derived_again(kzfp, in_tmp):
    (in_tmp / "mine.json").write_text(
        '[{"id": "a-2021", "date": "2021-05-09", "precision": "day", "title": "A"},\n'
        ' {"id": "b-2021", "date": "2021", "title": "B", "end_date": null, "note": null}]\n'
    )
    run = kzfp("timeline", "--no-builtin", "--data", "mine.json", "-f", "json")
    assert [(e["id"], e["precision"]) for e in run.json()] == [
        ("b-2021", "year"),
        ("a-2021", "day"),
    ]


def test_an_empty_array_is_no_events(kzfp, in_tmp):
    (in_tmp / "none.json").write_text("[]\n")
    assert validate(kzfp, "none.json") == (0, [])
    run = kzfp("timeline", "--no-builtin", "--data", "none.json", "-f", "json")
    assert (run.exit_code, run.stdout) == (0, "[]\n")


def _event(number: int, date: str = "2015") -> dict[str, object]:
    return {"id": f"e-{number}", "date": date, "title": f"Event {number}", "partners": []}


@pytest.mark.slow
def test_line_numbers_hold_across_chunks_blocks_and_line_endings(kzfp, in_tmp):
    # Objects are read 128 at a time from blocks of about a megabyte: a problem deep in a
    # pretty-printed array is placed at the line its object starts on, whatever the
    # line endings.
    events = [_event(number) for number in range(25_000)]
    events[20_000]["date"] = "2015-13"
    text = json.dumps(events, indent=2) + "\n"
    assert len(text.encode()) > 2 * 1024 * 1024
    expected = text[: text.index('"e-20000"')].count("\n")  # the line of its "{"
    for ending in ("\n", "\r\n", "\r"):
        (in_tmp / "many.json").write_bytes(text.replace("\n", ending).encode())
        assert validate(kzfp, "many.json") == (
            3,
            [f"many.json:{expected}: date: '2015-13' is not a real date (month must be in 1..12)"],
        ), repr(ending)


def test_json_lines_name_each_objects_line_and_skip_blank_lines(kzfp, in_tmp):
    lines = [json.dumps(_event(number)) for number in range(700)]
    lines[650] = json.dumps(_event(650, "2015-00"))
    lines.insert(300, "")
    (in_tmp / "many.jsonl").write_text("\n".join(lines) + "\n")
    assert validate(kzfp, "many.jsonl") == (
        3,
        ["many.jsonl:652: date: '2015-00' is not a real date (month must be in 1..12)"],
    )


def test_a_syntax_error_deep_in_a_large_array_names_its_line_and_ends_the_file(kzfp, in_tmp):
    text = json.dumps([_event(number) for number in range(9_000)], indent=2)
    broken = text.replace('"e-8000",', '"e-8000"', 1)
    line = broken[: broken.index('"e-8000"')].count("\n") + 1
    (in_tmp / "broken.json").write_text(broken + "\n")
    assert validate(kzfp, "broken.json") == (
        3,
        [f"broken.json:{line + 1}: malformed JSON (a comma was expected, at character 5)"],
    )


def test_a_value_that_never_ends_is_one_error_in_bounded_memory(shell):
    run = shell(
        """ulimit -d 400000 && (echo '[{"id": "a-1", "sources": ['; yes '"x",') """
        "| kzfp validate -"
    )
    assert (run.returncode, run.stderr) == (3, "1 error, 0 warnings in 1 file\n")
    assert re.fullmatch(
        r"<stdin>:1: a JSON value longer than [\d,]+ characters; is a bracket left open\?\n",
        run.stdout,
    )


def test_an_endless_array_of_bad_objects_stops_after_the_problem_limit(shell):
    run = shell(
        """(echo '['; yes '{"id": "x-1", "date": "2015-13", "title": "T"},') | kzfp validate -"""
    )
    lines = run.stdout.splitlines()
    assert run.returncode == 3
    assert lines[0] == "<stdin>:2: date: '2015-13' is not a real date (month must be in 1..12)"
    last = re.fullmatch(r"<stdin>:(\d+): (\d+) errors; stopped reading here", lines[-1])
    assert last is not None and int(last.group(2)) == len(lines) - 1


def test_a_json_line_too_long_to_read_says_how_to_write_it(shell):
    run = shell("""(printf '['; yes '{"id": "a-1"},' | tr -d '\\n') | kzfp validate -""")
    assert run.stdout == (
        "<stdin>:1: a line longer than 1,048,576 bytes; write the JSON with line breaks, "
        "as kzfp's --format json or jsonl does\n"
    )


def test_standard_input_reads_as_a_file_does(in_tmp, monkeypatch):
    import io
    import sys

    text = '[\n  {"id": "a-1", "date": "2015", "title": "A", "colour": "red"}\n]\n'
    (in_tmp / "x.json").write_text(text)
    _, from_file = store.check(["x.json"], builtin=False)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    _, from_stdin = store.check(["-"], builtin=False)
    assert [str(p) for p in from_stdin.ordered()] == [
        str(p).replace("x.json", "<stdin>") for p in from_file.ordered()
    ]
    assert [str(p) for p in from_file.ordered()] == ["x.json:2: colour: unknown key"]


DELIMITED = {
    "semicolons": ("id;date;title\nvisit-2021;2021;A, b\n", "';'"),
    "tabs": ("id\tdate\ttitle\nvisit-2021\t2021\tA\n", "tabs"),
}


@pytest.mark.parametrize(("text", "name"), DELIMITED.values(), ids=DELIMITED.keys())
def test_a_header_split_by_another_delimiter_is_one_hint(kzfp, in_tmp, text, name):
    (in_tmp / "mine.csv").write_text(text)
    run = kzfp("timeline", "--data", "mine.csv")
    assert (run.exit_code, run.stdout, run.stderr) == (
        3,
        "",
        f"kzfp: error: mine.csv:1: the header is split by {name}, not ','; "
        "save the file with commas\n",
    )


def test_a_semicolon_in_one_column_name_is_an_unknown_column_not_the_hint(kzfp, in_tmp):
    (in_tmp / "mine.csv").write_text("id,date,title,note;x\nvisit-2021,2021,A,n\n")
    assert validate(kzfp, "mine.csv") == (3, ["mine.csv:1: note;x: unknown column"])


VALUES = {
    "a number": (
        '"end_date": 2016',
        'end_date: the number 2016, not a string; write it in quotes: "2016"',
    ),
    "true": ('"section": true', "section: true, not a string"),
    "an object": ('"note": {"a": 1}', "note: an object, not a string"),
    "a list for text": ('"summary": ["s"]', "summary: a list, not a string"),
    "a string for a list": ('"orgs": "wto"', "orgs: a string, not a list of strings"),
    "a null item": ('"themes": ["economy", null]', "themes: item 2 is null, not a string"),
    "an empty item": ('"partners": [" "]', "partners: item 1 is empty"),
    "a source without a title": (
        '"sources": [{"publisher": "MFA"}]',
        "sources: item 1 is an object without a title",
    ),
    "an object for an id": (
        '"partners": [{"id": "russia"}]',
        "partners: item 1 is an object, not a string",
    ),
    "a separator in an item": (
        '"sources": ["a; b"]',
        "sources: item 1 holds ';', which separates the items of a list in kzfp's data; "
        "make it two items, or leave the ';' out",
    ),
    "a lone surrogate": (
        '"summary": "A\\ud800"',
        "summary: the value holds \\ud800, half of a surrogate pair, which is no character",
    ),
    "a long value": (
        f'"note": "{"x" * 200_000}"',
        "note: the value is longer than 131,072 characters",
    ),
    "no precision": ('"precision": "week"', "precision: 'week' is not one of year, month, day"),
    "a key twice": ('"id": "b-1"', "id: key named twice"),
}


@pytest.mark.parametrize(("pair", "problem"), VALUES.values(), ids=VALUES.keys())
def test_a_value_json_cannot_give_as_a_cell_is_one_error_at_its_line(kzfp, in_tmp, pair, problem):
    first = '{"id": "a-1", "date": "2015", "title": "A"}'
    (in_tmp / "mine.jsonl").write_text(
        f'{first}\n{{"id": "a-2", "date": "2015", "title": "B", {pair}}}\n', encoding="utf-8"
    )
    assert validate(kzfp, "mine.jsonl") == (3, [f"mine.jsonl:2: {problem}"])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=8,
)
event_like = st.dictionaries(
    st.sampled_from(["id", "date", "title", "partners", "sources", "precision", "colour"]),
    json_values | st.sampled_from(["a-1", "2015", "2015-02", "month", "russia"]),
    max_size=5,
)


@pytest.mark.slow
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(items=st.lists(event_like | json_values, max_size=5), lines=st.booleans())
def test_any_json_gives_records_or_clean_problems(tmp_path_factory, items, lines):
    path = tmp_path_factory.mktemp("json") / "x.json"
    text = "\n".join(map(json.dumps, items)) if lines else json.dumps(items, indent=1)
    path.write_text(text or "[]", encoding="utf-8")
    dataset, problems = store.check([str(path)], builtin=False)
    assert (dataset is None) == bool(problems.errors)
    assert all(str(problem).startswith(f"{path}:") for problem in problems.found)


@pytest.mark.slow
@given(start=st.sampled_from(["[", "{", '[{"id": "a-1", "date": "2015", "title": "T"},']),
       data=st.binary(max_size=300))  # fmt: skip
def test_any_bytes_after_a_json_start_give_records_or_clean_problems(tmp_path_factory, start, data):
    path = tmp_path_factory.mktemp("bytes") / "x.json"
    path.write_bytes(start.encode() + data)
    dataset, problems = store.check([str(path)], builtin=False)
    assert (dataset is None) == bool(problems.errors)
    assert all(str(problem).startswith(f"{path}") for problem in problems.found)


def test_json_errors_are_in_kzfps_words_not_pythons(kzfp, in_tmp):
    (in_tmp / "tab.json").write_text('[{"id": "a", "date": "2020", "title": "x\ty"}]\n')
    run = kzfp("validate", "tab.json")
    assert run.stdout == (
        "tab.json:1: malformed JSON (a control character inside a string; "
        "JSON escapes it, at character 41)\n"
    )


def test_thousands_of_unknown_keys_are_twenty_lines_and_a_count(kzfp, in_tmp):
    keys = {f"key{number}": 1 for number in range(5000)}
    event = {"id": "a", "date": "2020", "title": "t", **keys}
    (in_tmp / "keys.json").write_text(json.dumps([event]) + "\n")
    lines = kzfp("validate", "keys.json").stdout.splitlines()
    assert lines == [
        *(f"keys.json:1: key{number}: unknown key" for number in range(20)),
        "keys.json:1: and 4,980 more unknown keys",
    ]


def test_a_long_value_is_echoed_by_its_beginning_and_length(kzfp, in_tmp):
    (in_tmp / "long.csv").write_text("id,date,title\n" + "X" * 100_000 + ",2020,t\n")
    (line,) = kzfp("validate", "long.csv").stdout.splitlines()
    assert line.startswith("long.csv:2: id: 'XXXX")
    assert line.endswith("X… (100,052 characters)")  # the message, quotes and all
    assert len(line) < 500
