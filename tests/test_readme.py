"""Every console example in the README, run against the installed kzfp in a terminal of
80 columns, must print what the README shows. ``…`` ends an abridged output."""

from __future__ import annotations

import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import run_in_terminal

README = Path(__file__).resolve().parents[1] / "README.md"
ELISION = "…"


@dataclass
class Example:
    line: int
    command: str
    expected: list[str] = field(default_factory=list)

    @property
    def abridged(self) -> bool:
        return bool(self.expected) and self.expected[-1] == ELISION


def examples() -> list[Example]:
    text = README.read_text(encoding="utf-8")
    found: list[Example] = []
    for block in re.finditer(r"```console\n(.*?)\n```", text, flags=re.S):
        first_line = text.count("\n", 0, block.start()) + 2
        for offset, line in enumerate(block.group(1).split("\n")):
            if line.startswith("$ "):
                found.append(Example(first_line + offset, line[2:]))
            elif found:
                found[-1].expected.append(line)
    return found


EXAMPLES = examples()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """One folder for the whole README, so a file one example writes, the next can read."""
    if shutil.which("jq") is None:
        if os.environ.get("CI"):
            pytest.fail("jq is needed for the README recipes; .ci/run installs it")
        pytest.skip("jq is not installed")
    return tmp_path_factory.mktemp("readme")


def test_the_readme_has_examples_and_recipes():
    assert len(EXAMPLES) >= 20
    assert sum("| jq" in example.command for example in EXAMPLES) >= 6


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"README.md:{e.line}")
def test_readme_example(example, workdir):
    bin_dir = str(Path(sys.executable).parent)
    # Colour stays on, as in a real terminal; run_in_terminal strips the colour codes.
    env = {"PATH": bin_dir + os.pathsep + os.environ["PATH"], "TERM": "xterm-256color"}
    result = run_in_terminal(example.command, cwd=workdir, columns=80, env=env)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    shown = [line.rstrip() for line in result.screen.split("\n")]
    while shown and not shown[-1]:
        shown.pop()
    if example.abridged:
        expected = example.expected[:-1]
        assert shown[: len(expected)] == expected
        assert len(shown) > len(expected)
    else:
        assert shown == example.expected
