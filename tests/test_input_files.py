"""Which files are read (issue #16): a file named twice, under one name or two, is one
error, not a duplicate id for each of its rows; and with --no-builtin, what the built-in
memberships and roles say is never an error at a built-in file."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "data"
MINE = "id,date,title\nmine-2020,2020,Mine\n"


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.csv").write_text(MINE, encoding="utf-8")
    return tmp_path


def test_validate_names_a_file_given_twice_once(kzfp, in_tmp):
    run = kzfp("validate", "mine.csv", "mine.csv")
    assert (run.exit_code, run.stdout, run.stderr) == (
        3,
        "mine.csv: named twice; name each file once\n",
        "1 error, 0 warnings in 2 files\n",
    )


@pytest.mark.parametrize("second", ["./mine.csv", "../{folder}/mine.csv", "link.csv"])
def test_another_name_for_the_same_file_is_one_error(kzfp, in_tmp, second):
    (in_tmp / "link.csv").symlink_to("mine.csv")
    second = second.format(folder=in_tmp.name)
    run = kzfp("timeline", "--no-builtin", "--data", "mine.csv", "--data", second)
    assert (run.exit_code, run.stdout) == (3, "")
    assert run.stderr == f"kzfp: error: {second}: the same file as mine.csv; name each file once\n"


def test_a_file_in_kzfp_data_and_in_data_is_named_twice(kzfp, in_tmp, monkeypatch):
    monkeypatch.setenv("KZFP_DATA", "mine.csv")
    run = kzfp("timeline", "--data", "mine.csv")
    assert (run.exit_code, run.stderr) == (
        3,
        "kzfp: error: mine.csv: named twice; name each file once\n",
    )


def test_two_files_that_hold_the_same_bytes_are_two_files(kzfp, in_tmp):
    (in_tmp / "copy.csv").write_text(MINE, encoding="utf-8")
    run = kzfp("validate", "mine.csv", "copy.csv")
    assert (run.exit_code, run.stdout) == (
        3,
        "copy.csv:2: id: duplicate id 'mine-2020' (first at mine.csv:2)\n",
    )


def test_standard_input_and_dev_stdin_are_the_same_file(shell):
    run = shell("cat mine.csv | kzfp timeline --no-builtin --data - --data /dev/stdin")
    assert (run.returncode, run.stdout) == (3, "")
    assert run.stderr == "kzfp: error: /dev/stdin: the same file as <stdin>; name each file once\n"


def test_a_file_named_once_beside_standard_input_is_read(shell):
    run = shell(
        "sed s/mine/other/ mine.csv | kzfp timeline --no-builtin --data mine.csv --data - -f csv"
    )
    assert (run.returncode, run.stderr) == (0, "")
    assert [row["id"] for row in csv.DictReader(run.stdout.splitlines())] == [
        "mine-2020",
        "other-2020",
    ]


# --- --no-builtin and the built-in memberships and roles -------------------------------


def first_role() -> tuple[int, dict[str, str]]:
    """The first role of the built-in roles.csv and its line, read apart from kzfp."""
    with open(DATA / "roles.csv", encoding="utf-8", newline="") as file:
        return 2, next(csv.DictReader(file))


def test_without_the_builtin_events_a_role_is_no_error_at_roles_csv(kzfp, in_tmp):
    line, role = first_role()
    org, event = role["org"], role["event"]
    # A user's event with the role's id: the user can mend it, and is told where.
    (in_tmp / "mine.csv").write_text(f"id,date,title,orgs\n{event},2010,Mine,\n")
    run = kzfp("validate", "--no-builtin", "mine.csv")
    assert (run.exit_code, run.stdout) == (
        3,
        f"mine.csv:2: orgs: data/roles.csv:{line} names this event as the event of "
        f"'{org}'; list '{org}' here, or give the event another id\n",
    )
    (in_tmp / "mine.csv").write_text(f"id,date,title,orgs\n{event},2010,Mine,{org}\n")
    assert kzfp("validate", "--no-builtin", "mine.csv").exit_code == 0
    # Without such an event, the role goes with the built-in events: no error at all.
    (in_tmp / "mine.csv").write_text(MINE)
    run = kzfp("validate", "--no-builtin", "mine.csv")
    assert (run.exit_code, run.stdout) == (0, "")
