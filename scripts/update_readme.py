"""Rewrite the outputs of the documented examples from the real commands.

    python scripts/update_readme.py              # README.md and every docs/*.md
    python scripts/update_readme.py docs/recipes.md

Each ``$ command`` in a ```console block is run as tests/test_docs.py runs it (an
80-column pseudo-terminal, the kzfp of this interpreter's environment, one folder per
page), and the lines under it are replaced by what it printed. An abridged output, ending
in ``…``, keeps its length. The ```text block under a ```python block is replaced by what
the code printed. Run it after changing an example, the output it shows, or the data; then
read the diff: it is what a user will see change. An example that exits non-zero or writes
to stderr is named on stderr, and the script then exits with status 1: the tests would
fail on it.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_docs import (  # noqa: E402
    CONSOLE,
    ELISION,
    PAGES,
    PYTHON,
    run_console,
    run_python,
    screen_lines,
)

FAILED: list[str] = []  # the examples that exited non-zero or wrote to stderr


def rewrite_console(block: re.Match[str], folder: Path, page: Path) -> str:
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
        result = run_console(command[2:], folder)
        if result.exit_code != 0 or result.stderr:
            failed = f"{page.name}: {command}: exit {result.exit_code} {result.stderr}"
            print(failed, file=sys.stderr)
            FAILED.append(failed)
        shown = screen_lines(result)
        if old and old[-1] == ELISION:
            shown = [*shown[: len(old) - 1], ELISION]
        out.extend(shown)
    return "```console\n" + "\n".join(out) + "\n```"


def rewrite_python(block: re.Match[str], folder: Path, page: Path) -> str:
    code = block.group(1)
    if block.group(2) is None:
        return block.group(0)
    result = run_python(code, folder)
    if result.returncode != 0 or result.stderr:
        failed = f"{page.name}: python block: exit {result.returncode} {result.stderr}"
        print(failed, file=sys.stderr)
        FAILED.append(failed)
    return f"```python\n{code}\n```\n\n```text\n{result.stdout.rstrip(chr(10))}\n```"


def update(page: Path) -> bool:
    text = page.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        # Console blocks first, in page order, as the tests run them; then Python blocks.
        updated = CONSOLE.sub(lambda block: rewrite_console(block, folder, page), text)
        updated = PYTHON.sub(lambda block: rewrite_python(block, folder, page), updated)
    if updated != text:
        page.write_text(updated, encoding="utf-8")
    return updated != text


def main(arguments: list[str]) -> int:
    pages = [Path(argument).resolve() for argument in arguments] or PAGES
    for page in pages:
        if not page.is_file():
            print(f"update_readme: {page}: no such file", file=sys.stderr)
            return 2
        changed = update(page)
        print(f"{page.relative_to(ROOT)}: {'updated' if changed else 'already up to date'}")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
