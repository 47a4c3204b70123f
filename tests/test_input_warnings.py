"""Warnings in a user's files: they never stop reading or fail a command; kzfp validate
lists them, and every other command says in one line how many there were."""

from __future__ import annotations

import json

import pytest

from kzfp_cli import store

# A row that gives one warning and no error: the OSCE did not exist before 1995.
WARNED = "{n}-osce,1993,Summit {n},osce\n"
HEADER = "id,date,title,orgs\n"
OSCE_WARNING = "orgs: warning: 'osce' did not exist before 1995-01-01; name its predecessor 'csce'"
# More rows than the limit of problems a file is read to (1,000), and than a chunk.
MANY = 1_500


def warned_rows(count: int) -> str:
    return "".join(WARNED.format(n=f"e{n}") for n in range(count))


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """A valid file of 200,000 rows, each with a warning."""
    folder = tmp_path_factory.mktemp("large")
    (folder / "large.csv").write_text(HEADER + warned_rows(200_000), encoding="utf-8")
    return folder


@pytest.mark.slow  # reads megabytes
def test_a_command_reads_a_large_file_of_warnings_and_says_how_many(kzfp, large, monkeypatch):
    monkeypatch.chdir(large)
    run = kzfp("timeline", "--data", "large.csv", "--no-builtin", "--limit", "1", "-f", "jsonl")
    assert (run.exit_code, [json.loads(line)["id"] for line in run.stdout.splitlines()]) == (
        0,
        ["e0-osce"],
    )
    assert run.stderr == (
        "kzfp: 200000 warnings in large.csv; kzfp validate --no-builtin large.csv lists them\n"
    )


@pytest.mark.slow  # reads megabytes
def test_loading_counts_warnings_without_holding_them(large, monkeypatch):
    monkeypatch.chdir(large)
    loading = store.begin(["large.csv"], builtin=False)
    assert len(loading.load().events) == 200_000
    assert (loading.problems.found, dict(loading.problems.warnings)) == ([], {"large.csv": 200_000})


def test_warnings_do_not_count_toward_the_limit_of_problems(kzfp, in_tmp):
    (in_tmp / "mine.csv").write_text(
        HEADER + warned_rows(MANY) + "late-1,2020-13,Late,\n", encoding="utf-8"
    )
    run = kzfp("timeline", "--data", "mine.csv", "--no-builtin")
    assert (run.exit_code, run.stdout) == (3, "")
    assert run.stderr == (
        f"kzfp: error: mine.csv:{MANY + 2}: date: '2020-13' is not a real date "
        "(month must be in 1..12)\n"
    )
    checked = kzfp("validate", "--no-builtin", "mine.csv", "-f", "json")
    assert checked.exit_code == 3
    assert [problem["severity"] for problem in checked.json()] == ["warning"] * MANY + ["error"]


def test_the_limit_of_problems_counts_errors(kzfp, in_tmp):
    rows = "".join(f"e{n},2020-13,Bad,\n" + WARNED.format(n=f"w{n}") for n in range(MANY))
    (in_tmp / "bad.csv").write_text(HEADER + rows, encoding="utf-8")
    run = kzfp("validate", "--no-builtin", "bad.csv", "-f", "json")
    problems = run.json()
    errors = [problem for problem in problems if problem["severity"] == "error"]
    # Rows are checked 128 at a time: the chunk that passes 1,000 errors is finished;
    # every other row gives a warning instead.
    assert (run.exit_code, len(errors), errors[-1]) == (
        3,
        1025,
        {
            "file": "bad.csv",
            "line": 2049,
            "column": None,
            "severity": "error",
            "message": "1024 errors; stopped reading here",
        },
    )
    assert len(problems) - len(errors) == 1024


def test_one_warning_is_said_once_on_stderr(kzfp, in_tmp):
    (in_tmp / "mine.csv").write_text(HEADER + warned_rows(1), encoding="utf-8")
    run = kzfp("timeline", "--data", "mine.csv", "-f", "jsonl", "--org", "osce", "--year", "1993")
    assert (run.exit_code, [json.loads(line)["id"] for line in run.stdout.splitlines()]) == (
        0,
        ["e0-osce"],
    )
    assert run.stderr == "kzfp: 1 warning in mine.csv; kzfp validate mine.csv lists it\n"


def test_the_warnings_of_several_files_are_said_in_one_line(kzfp, in_tmp):
    (in_tmp / "a.csv").write_text(HEADER + warned_rows(2), encoding="utf-8")
    (in_tmp / "b b.csv").write_text(HEADER + "b-1,2020,Fine,\n", encoding="utf-8")
    (in_tmp / "c.csv").write_text(HEADER + WARNED.format(n="c"), encoding="utf-8")
    run = kzfp("stats", "--data", "a.csv", "--data", "b b.csv", "--data", "c.csv", "-f", "json")
    assert run.exit_code == 0
    assert run.stderr == (
        "kzfp: 3 warnings in a.csv, c.csv; kzfp validate a.csv 'b b.csv' c.csv lists them\n"
    )


def test_a_command_over_files_without_warnings_says_nothing_of_them(kzfp, in_tmp):
    (in_tmp / "mine.csv").write_text(HEADER + "fine-1,2020,Fine,osce\n", encoding="utf-8")
    run = kzfp("partner", "list", "--data", "mine.csv", "-f", "json")
    assert (run.exit_code, run.stderr) == (0, "")


def test_a_command_that_fails_after_reading_says_only_its_error(kzfp, in_tmp):
    (in_tmp / "mine.csv").write_text(HEADER + warned_rows(1), encoding="utf-8")
    run = kzfp("event", "show", "e0-osc", "--data", "mine.csv")
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr.splitlines() == [
        "kzfp: error: unknown event 'e0-osc'; did you mean 'e0-osce'?",
    ]


def test_a_command_that_succeeds_says_the_count_once(kzfp, in_tmp):
    (in_tmp / "mine.csv").write_text(HEADER + warned_rows(1), encoding="utf-8")
    run = kzfp("event", "show", "e0-osce", "--data", "mine.csv", "-f", "json")
    assert (run.exit_code, run.json()["id"]) == (0, "e0-osce")
    assert run.stderr == "kzfp: 1 warning in mine.csv; kzfp validate mine.csv lists it\n"
