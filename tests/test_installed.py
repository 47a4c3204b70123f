"""The installed ``kzfp`` command, run as a user runs it: a process in another directory."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_in_terminal

from kzfp_cli import __version__

# Every test here starts a process.
pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parents[1] / "data"


def curated(table: str) -> list[dict[str, str]]:
    with (DATA / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


EVENTS = curated("events")
RUSSIA = [row for row in EVENTS if "russia" in row["partners"].split(";")]


def run(*args: str, cwd) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    return subprocess.run(
        args, capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=env, timeout=60
    )


@pytest.fixture
def elsewhere(tmp_path):
    """A directory with no checkout in it, so the data must come from the package."""
    return tmp_path


def test_timeline_for_russia_prints_a_table_on_a_terminal(elsewhere, kzfp_bin):
    result = run_in_terminal(f"{kzfp_bin} timeline --partner russia", cwd=elsewhere, columns=80)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = [line.rstrip() for line in result.screen.splitlines()]
    assert lines[0].split() == ["Date", "Event", "/", "ID", "Partners", "Orgs"]
    assert lines[1] == "─" * 80
    assert any(line.split()[:4] == ["21", "Dec", "1991", "Kazakhstan"] for line in lines[2:])


def test_piped_output_is_whole_tab_separated_rows(elsewhere, kzfp_bin):
    result = run(kzfp_bin, "timeline", "--partner", "russia", cwd=elsewhere)
    lines = result.stdout.splitlines()
    assert sorted(line.split("\t")[-1] for line in lines) == sorted(row["id"] for row in RUSSIA)
    # A row with many partners stays one line: the names are joined, never wrapped.
    cis = next(line for line in lines if line.endswith("\tcis-alma-ata-protocol-1991"))
    assert cis.startswith("21 Dec 1991\tKazakhstan co-founds the CIS in Alma-Ata\tRussia, ")
    assert cis.count("\t") == 4
    assert "\x1b" not in result.stdout and "─" not in result.stdout


@pytest.mark.parametrize("fmt", ["jsonl", "json", "plain", "table", "csv"])
def test_closed_pipe_ends_quietly_with_141(elsewhere, kzfp_bin, fmt):
    # The reading end is closed before kzfp starts, as when `head` has had enough.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [kzfp_bin, "timeline", "-f", fmt],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=elsewhere,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (141, "")


UNBUFFERED_COMMANDS = [
    ("export", "html"),
    ("export", "md"),
    ("export", "ics"),
    ("export", "timelinejs"),
    ("timeline", "-f", "json"),
    ("timeline", "-f", "jsonl"),
    ("timeline", "-f", "csv"),
    ("cite", "-f", "bibtex"),
]


@pytest.mark.parametrize("command", UNBUFFERED_COMMANDS)
def test_stdout_cut_short_by_a_full_disk_is_exit_4_even_unbuffered(elsewhere, kzfp_bin, command):
    # A file-size limit stands for a full disk: a raw write then writes less than it is
    # given, which an unbuffered stdout (PYTHONUNBUFFERED, set by many images) must notice.
    import resource

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    with (elsewhere / "out").open("wb") as out:
        result = subprocess.run(
            [kzfp_bin, *command],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            cwd=elsewhere,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            preexec_fn=limited,
            timeout=60,
        )
    assert (result.returncode, result.stderr) == (
        4,
        "kzfp: error: cannot write to stdout (File too large)\n",
    )


@pytest.mark.parametrize("command", UNBUFFERED_COMMANDS)
def test_a_reader_that_leaves_early_is_141_even_unbuffered(elsewhere, kzfp_bin, command):
    # As `kzfp export html | head -c 10`: the reader takes ten bytes and goes.
    process = subprocess.Popen(
        [kzfp_bin, *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=elsewhere,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None and process.stderr is not None
    assert len(process.stdout.read(10)) == 10
    process.stdout.close()
    stderr = process.stderr.read()
    assert (process.wait(timeout=60), stderr) == (141, b"")


def test_json_counts_the_same_events_for_an_alias(elsewhere, kzfp_bin):
    table = run(kzfp_bin, "timeline", "-p", "russia", "-f", "jsonl", cwd=elsewhere)
    alias = run(kzfp_bin, "timeline", "-p", "RU", "-f", "json", cwd=elsewhere)
    assert len(json.loads(alias.stdout)) == len(table.stdout.splitlines()) == len(RUSSIA)


def test_unknown_partner_exits_2_with_one_line(elsewhere, kzfp_bin):
    result = run(kzfp_bin, "timeline", "--partner", "rusia", cwd=elsewhere)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "kzfp: error: unknown partner 'rusia'; did you mean 'russia'?\n"


def test_python_dash_m_runs_the_same_cli(elsewhere):
    result = run(sys.executable, "-m", "kzfp_cli", "org", "list", "-f", "json", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    orgs = [org["id"] for org in json.loads(result.stdout)]
    assert sorted(orgs) == sorted(row["id"] for row in curated("orgs"))


def test_no_arguments_shows_help_and_exits_2(elsewhere, kzfp_bin):
    result = run(kzfp_bin, cwd=elsewhere)
    assert result.returncode == 2
    assert "Usage: kzfp [OPTIONS] COMMAND [ARGS]..." in result.stdout
    assert result.stderr == ""


def test_the_command_leaves_with_its_exit_code_and_its_output_flushed(elsewhere, kzfp_bin):
    full = run(kzfp_bin, "timeline", "--format", "jsonl", cwd=elsewhere)
    assert (full.returncode, full.stdout.count("\n"), full.stderr) == (0, len(EVENTS), "")
    assert full.stdout.endswith("}\n")
    bad = run(kzfp_bin, "timeline", "--partner", "atlantis", cwd=elsewhere)
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr.startswith("kzfp: error: unknown partner 'atlantis'")


@pytest.mark.parametrize("how", ["script", "module"])
def test_version_from_the_script_and_from_python_dash_m(elsewhere, kzfp_bin, how):
    command = [kzfp_bin] if how == "script" else [sys.executable, "-m", "kzfp_cli"]
    result = run(*command, "--version", cwd=elsewhere)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"kzfp {__version__}\n", "")


def test_ctrl_c_while_kzfp_is_still_starting_is_one_line_and_130(elsewhere):
    # As if Ctrl-C came while Python imports the command line: the import is interrupted.
    interrupted = (
        "import sys, types\n"
        "class Interrupted(types.ModuleType):\n"
        "    def __getattr__(self, name):\n"
        "        raise KeyboardInterrupt\n"
        "sys.modules['kzfp_cli.cli'] = Interrupted('kzfp_cli.cli')\n"
        "from kzfp_cli.__main__ import run\n"
        "run()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", interrupted], cwd=elsewhere, capture_output=True, text=True
    )
    assert (result.returncode, result.stdout, result.stderr) == (130, "", "kzfp: aborted\n")


def test_before_its_ctrl_c_handler_kzfp_imports_only_itself(elsewhere):
    # Ctrl-C before run()'s handler is a Python traceback: what the console script imports
    # to reach it is the package, its errors and __main__, which import nothing more.
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import kzfp_cli.__main__"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    before = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "pass"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )

    def imported(log: str) -> set[str]:
        return {line.rpartition("|")[2].strip() for line in log.splitlines() if "|" in line}

    added = imported(result.stderr) - imported(before.stderr) - {"module"}
    assert sorted(added) == ["__future__", "kzfp_cli", "kzfp_cli.__main__", "kzfp_cli.errors"]


def test_the_languages_ship_with_the_package(elsewhere, kzfp_bin):
    # The catalog (kzfp_cli/locale) and the translations (data/kk) both come from the
    # package: a word of the interface and a title of the record, in Kazakh.
    result = run(kzfp_bin, "event", "show", "wto-membership-2015", "--lang", "kk", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == "Күні\t2015 ж. 30 қараша"
    assert lines[3] == "Атауы\tҚазақстан ДСҰ-ға мүше болды"  # noqa: RUF001 (Cyrillic)


# A pager that marks each line it shows, so a test sees what went through it.
MARKING_PAGER = "sed 's/^/paged: /'"


def on_terminal(command: str, cwd, **env: str):
    return run_in_terminal(command, cwd=cwd, columns=100, env=env)


def test_long_output_on_a_terminal_goes_through_the_pager(elsewhere, kzfp_bin):
    paged = on_terminal(f"{kzfp_bin} timeline", elsewhere, KZFP_PAGER=MARKING_PAGER)
    straight = on_terminal(f"{kzfp_bin} --no-pager timeline", elsewhere, KZFP_PAGER=MARKING_PAGER)
    assert paged.exit_code == straight.exit_code == 0
    lines = paged.screen.splitlines()
    assert len(lines) > 50  # longer than the terminal's 50 rows
    assert lines == [f"paged: {line}" for line in straight.screen.splitlines()]


def test_the_pager_is_kzfp_pager_then_pager_and_empty_or_cat_is_none(elsewhere, kzfp_bin):
    command = f"{kzfp_bin} timeline"
    by_pager = on_terminal(command, elsewhere, KZFP_PAGER="", PAGER=MARKING_PAGER)
    assert not by_pager.screen.startswith("paged: ")
    with_pager_only = on_terminal(f"unset KZFP_PAGER; PAGER={MARKING_PAGER!r} {command}", elsewhere)
    assert with_pager_only.screen.startswith("paged: ")
    assert not on_terminal(command, elsewhere, KZFP_PAGER="cat").screen.startswith("paged: ")


def test_output_that_fits_or_goes_to_a_pipe_is_never_paged(elsewhere, kzfp_bin):
    short = on_terminal(f"{kzfp_bin} timeline --org wto", elsewhere, KZFP_PAGER=MARKING_PAGER)
    assert short.screen.startswith("Date") and "paged: " not in short.screen
    piped = on_terminal(f"{kzfp_bin} timeline | cat", elsewhere, KZFP_PAGER=MARKING_PAGER)
    assert "paged: " not in piped.screen and "\t" in piped.screen


def test_a_pager_that_cannot_run_leaves_the_output_printed(elsewhere, kzfp_bin):
    run = on_terminal(f"{kzfp_bin} timeline", elsewhere, KZFP_PAGER="no-such-pager-here")
    assert run.exit_code == 0
    assert run.screen.startswith("Date") and len(run.screen.splitlines()) > 50


ENDLESS_ROWS = (
    "import sys\n"
    "sys.stdout.write('id,date,title\\n')\n"
    "number = 0\n"
    "while True:\n"
    "    sys.stdout.write(f'e-{number},2020,T {number}\\n')\n"
    "    number += 1\n"
)


def test_running_out_of_memory_is_one_line_that_says_how_far_and_exit_5(elsewhere, kzfp_bin):
    # An endless stream of valid rows, into a kzfp whose memory is capped.
    import resource

    def capped() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (120 * 2**20, 120 * 2**20))

    rows = subprocess.Popen(
        [sys.executable, "-c", ENDLESS_ROWS], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    try:
        result = subprocess.run(
            [kzfp_bin, "timeline", "--no-builtin", "--data", "-", "-f", "jsonl"],
            stdin=rows.stdout,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            cwd=elsewhere,
            preexec_fn=capped,
            timeout=120,
        )
    finally:
        rows.kill()
        rows.wait()
    assert result.returncode == 5
    assert re.fullmatch(
        r"kzfp: error: <stdin>: out of memory after [\d,]+ events; select fewer "
        r"\(--partner, --since\.\.\.: only what a command shows is held\) or split the file\n",
        result.stderr,
    )
