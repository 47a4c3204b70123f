"""Rewrite the outputs of the README's console examples from the real command.

    python scripts/update_readme.py

Each ``$ command`` in a ```console block is run, as the tests run it (tests/test_readme.py:
an 80-column pseudo-terminal, the kzfp of this interpreter's environment), and the lines
under it are replaced by what it printed. An abridged output, ending in ``…``, keeps its
length. Run it after changing an example or the output it shows; the tests then agree.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import run_in_terminal  # noqa: E402

ELISION = "…"


def main() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    env = {
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"],
        "TERM": "xterm-256color",
    }
    with tempfile.TemporaryDirectory() as folder:

        def rewrite(block: re.Match[str]) -> str:
            lines = block.group(1).split("\n")
            out: list[str] = []
            index = 0
            while index < len(lines):
                command = lines[index]
                index += 1
                out.append(command)
                if not command.startswith("$ "):
                    continue
                old: list[str] = []
                while index < len(lines) and not lines[index].startswith("$ "):
                    old.append(lines[index])
                    index += 1
                result = run_in_terminal(command[2:], cwd=Path(folder), columns=80, env=env)
                if result.exit_code != 0 or result.stderr:
                    print(f"{command}: exit {result.exit_code} {result.stderr}", file=sys.stderr)
                shown = [line.rstrip() for line in result.screen.split("\n")]
                while shown and not shown[-1]:
                    shown.pop()
                if old and old[-1] == ELISION:
                    shown = [*shown[: len(old) - 1], ELISION]
                out.extend(shown)
            return "```console\n" + "\n".join(out) + "\n```"

        updated = re.sub(r"```console\n(.*?)\n```", rewrite, text, flags=re.S)
    readme.write_text(updated, encoding="utf-8")
    print("README.md updated" if updated != text else "README.md already up to date")


if __name__ == "__main__":
    main()
