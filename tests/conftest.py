"""Shared fixtures. The terminal is pinned so that output is the same on every machine."""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kzfp_cli.cli import app

WIDTH = "100"


@pytest.fixture(autouse=True)
def pinned_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "NO_COLOR", "TERM", "KZFP_DEBUG", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", WIDTH)
    monkeypatch.setenv("LINES", "50")


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> object:
        return json.loads(self.stdout)


@pytest.fixture
def kzfp():
    """Run the Typer app in-process, as a user would type the arguments."""
    runner = CliRunner()

    def run(*args: str) -> Run:
        result = runner.invoke(app, list(args), prog_name="kzfp")
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def kzfp_bin() -> str:
    """The console script installed next to this interpreter (pip puts both in one bin/)."""
    name = "kzfp.exe" if os.name == "nt" else "kzfp"
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which("kzfp")
    if found is None:
        pytest.fail("the kzfp console script is not installed; run: pip install '.[test]'")
    return found
