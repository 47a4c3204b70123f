"""The installed ``kzfp`` command, run as a user runs it: a process in another directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import run_in_terminal


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
    assert lines[0].split() == ["Date", "Event", "Partners", "Orgs"]
    assert lines[1] == "─" * 80
    assert lines[2].split()[:7] == ["21", "Dec", "1991", "Kazakhstan", "co-founds", "the", "CIS"]


def test_piped_output_is_whole_tab_separated_rows(elsewhere, kzfp_bin):
    result = run(kzfp_bin, "timeline", "--partner", "russia", cwd=elsewhere)
    lines = result.stdout.splitlines()
    assert len(lines) == 23
    assert lines[0] == (
        "21 Dec 1991\tKazakhstan co-founds the CIS in Alma-Ata\t"
        "Russia, Belarus, Ukraine, Uzbekistan, Kyrgyzstan, Tajikistan, Turkmenistan, "
        "Azerbaijan\tCIS\tcis-alma-ata-protocol-1991"
    )
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


def test_json_counts_the_same_events_for_an_alias(elsewhere, kzfp_bin):
    table = run(kzfp_bin, "timeline", "-p", "russia", "-f", "jsonl", cwd=elsewhere)
    alias = run(kzfp_bin, "timeline", "-p", "RU", "-f", "json", cwd=elsewhere)
    assert len(json.loads(alias.stdout)) == len(table.stdout.splitlines()) == 23


def test_unknown_partner_exits_2_with_one_line(elsewhere, kzfp_bin):
    result = run(kzfp_bin, "timeline", "--partner", "rusia", cwd=elsewhere)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "kzfp: error: unknown partner 'rusia'; did you mean 'russia'?\n"


def test_python_dash_m_runs_the_same_cli(elsewhere):
    result = run(sys.executable, "-m", "kzfp_cli", "org", "list", "-f", "json", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 9


def test_no_arguments_shows_help_and_exits_2(elsewhere, kzfp_bin):
    result = run(kzfp_bin, cwd=elsewhere)
    assert result.returncode == 2
    assert "Usage: kzfp [OPTIONS] COMMAND [ARGS]..." in result.stdout
    assert result.stderr == ""


def test_only_the_command_turns_the_garbage_collector_off(elsewhere):
    # The kzfp command runs without the collector; a program using the library keeps it.
    code = """
import gc
from kzfp_cli import cli, entry, store
from kzfp_cli.render import table
print("library:", gc.isenabled())
cli.main = lambda: print("command:", gc.isenabled())
entry.main()
print("not reached: the command leaves without Python's teardown")
"""
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=elsewhere, timeout=60
    )
    assert (run.returncode, run.stdout, run.stderr) == (0, "library: True\ncommand: False\n", "")


def test_the_command_leaves_with_its_exit_code_and_its_output_flushed(elsewhere, kzfp_bin):
    # kzfp leaves with os._exit: the output must be complete and the status kept.
    full = run(kzfp_bin, "timeline", "--format", "jsonl", cwd=elsewhere)
    assert (full.returncode, full.stdout.count("\n"), full.stderr) == (0, 68, "")
    assert full.stdout.endswith("}\n")
    bad = run(kzfp_bin, "timeline", "--partner", "atlantis", cwd=elsewhere)
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr.startswith("kzfp: error: unknown partner 'atlantis'")


def test_the_command_leaves_what_it_showed_for_the_process_end(elsewhere):
    # Freed all at once when the process ends, not one object at a time as it returns.
    code = """
import os, sys
from kzfp_cli import entry
leave = os._exit
def leaving(status):
    print("kept:", [type(kept).__name__ for kept in entry.shown], status, flush=True)
    leave(status)
os._exit = leaving
sys.argv = ["kzfp", "timeline", "--partner", "russia", "--format", "json"]
entry.main()
"""
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=elsewhere, timeout=60
    )
    assert (run.returncode, run.stdout.splitlines()[-1]) == (0, "kept: ['Listing'] 0")
