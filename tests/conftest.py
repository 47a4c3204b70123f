"""Shared fixtures. The terminal is pinned so that output is the same on every machine."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest
import typer
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from kzfp_cli.cli import app

WIDTH = "100"

# Property tests: a quick profile while developing, a thorough one in CI (.ci/run sets
# HYPOTHESIS_PROFILE=ci). No test sets its own number of examples.
settings.register_profile("dev", max_examples=40, deadline=None)
settings.register_profile(
    "ci", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def in_ci() -> bool:
    """Whether this run is CI's: the CI variable is set (.ci/run sets it, as CI services
    do). HYPOTHESIS_PROFILE only chooses how many examples the properties run."""
    return bool(os.environ.get("CI"))


def missing(what: str) -> NoReturn:
    """Something a test needs is not here (jq, chromium, the seed article): the test is
    skipped on a developer's machine, and fails in CI, where every test must run."""
    if in_ci():
        pytest.fail(f"{what}; CI runs every test (see docs/development.md)")
    pytest.skip(what)


# Tests that start the installed kzfp are slow (0.15-0.3 s a process): those that ask for
# the kzfp_bin fixture, or for shell (or a fixture of their own) built on it, are marked
# here; the others that start a process or a pseudo-terminal are marked by hand.
STARTS_KZFP = "kzfp_bin"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if STARTS_KZFP in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def pinned_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "NO_COLOR", "TERM", "KZFP_DEBUG", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", WIDTH)
    monkeypatch.setenv("LINES", "50")
    # No pager, whatever PAGER the run inherited: the pager tests name their own.
    monkeypatch.setenv("KZFP_PAGER", "")


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> object:
        return json.loads(self.stdout)


# The Click command behind the Typer app, built once: Typer's CliRunner.invoke builds it
# again on every call, which cost half of each in-process run (about 20 ms).
COMMAND = typer.main.get_command(app)


def invoke(*args: str, charset: str = "utf-8", input: str | bytes | None = None) -> Run:
    """Run kzfp in-process, as a user would type the arguments, with stdout and stderr
    apart. ``charset`` is the encoding of those streams, as a locale would set it."""
    runner = CliRunner(charset=charset)
    with runner.isolation(input=input) as (stdout, stderr, _):
        try:
            COMMAND.main(args=list(args), prog_name="kzfp")
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        out, err = stdout.getvalue(), stderr.getvalue()
    # Whatever the streams' charset, what kzfp wrote is read as UTF-8, as a pipe would.
    return Run(code, text(out), text(err))


def text(written: bytes) -> str:
    return written.decode("utf-8", "replace").replace("\r\n", "\n")


@pytest.fixture(scope="session")
def curated_dataset():
    """The built-in data, loaded once, for tests that only read it (a Dataset is not
    changed by any query)."""
    from kzfp_cli import load_dataset

    return load_dataset()


@pytest.fixture
def kzfp():
    """Run the Typer app in-process, as a user would type the arguments."""
    return invoke


# Colour and cursor codes, and operating system commands (a link, OSC 8) ended by BEL or
# by ST (ESC \\), as a terminal takes them.
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


@dataclass
class TerminalRun:
    exit_code: int
    screen: str  # what the terminal showed: stdout, CR-LF folded, colour codes removed
    stderr: str


def run_in_terminal(
    command: str, *, cwd: Path, columns: int = 80, env: dict[str, str] | None = None
) -> TerminalRun:
    """Run a shell command with its stdout on a pseudo-terminal of the given width, as
    a person at a terminal would; stderr is captured apart."""
    import fcntl
    import pty
    import struct
    import subprocess
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    environment = {**os.environ, **(env or {})}
    for name in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR"):  # the terminal decides
        environment.pop(name, None)
    # No pager, whatever PAGER this run inherited, unless the test names one: a pager
    # would wait for keys nobody presses.
    if not env or "KZFP_PAGER" not in env:
        environment["KZFP_PAGER"] = ""
    process = subprocess.Popen(
        ["bash", "-c", command],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=environment,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other side has closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    stderr = process.stderr.read().decode("utf-8") if process.stderr else ""
    code = process.wait(timeout=60)
    screen = ANSI.sub("", b"".join(chunks).decode("utf-8")).replace("\r\n", "\n")
    return TerminalRun(code, screen, stderr)


@pytest.fixture
def kzfp_bin() -> str:
    """The console script installed next to this interpreter (pip puts both in one bin/)."""
    name = "kzfp.exe" if os.name == "nt" else "kzfp"
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which("kzfp")
    if found is None:
        pytest.fail("the kzfp console script is not installed; run: pip install '.[test]'")
    return found


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """A test run from a fresh temporary folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def shell(in_tmp, kzfp_bin):
    """Run a bash command line in the test's folder, the installed kzfp first on PATH."""
    import subprocess

    env = {**os.environ, "PATH": f"{Path(kzfp_bin).parent}{os.pathsep}{os.environ['PATH']}"}

    def run(command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "-c", command], cwd=in_tmp, env=env, capture_output=True, text=True
        )

    return run
