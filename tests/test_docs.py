"""The documentation a user reads is true: README.md and every docs/*.md.

Every ```console block is run against the installed kzfp in a terminal of 80 columns and
must print what the page shows (``…`` ends an abridged output). Every ```python block is
run too, and a ```text block right after it is its exact output. The commands of one page
share one folder, so an example can read what an earlier one wrote.
scripts/update_readme.py rewrites the outputs from the real commands.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer
from conftest import TerminalRun, missing, run_in_terminal

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
ELISION = "…"
CONSOLE = re.compile(r"^```console\n(.*?)\n```$", flags=re.S | re.M)
PYTHON = re.compile(r"^```python\n(.*?)\n```\n(?:\n```text\n(.*?)\n```$)?", flags=re.S | re.M)


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


@dataclass
class ConsoleExample:
    page: Path
    line: int
    command: str
    expected: list[str]

    @property
    def name(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"

    @property
    def abridged(self) -> bool:
        return bool(self.expected) and self.expected[-1] == ELISION


@dataclass
class PythonExample:
    page: Path
    line: int
    code: str
    output: str | None  # the text block under it, if any

    @property
    def name(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def console_examples(page: Path) -> list[ConsoleExample]:
    text = page.read_text(encoding="utf-8")
    found: list[ConsoleExample] = []
    for block in CONSOLE.finditer(text):
        first = line_of(text, block.start(1))
        for offset, line in enumerate(block.group(1).split("\n")):
            if line.startswith("$ "):
                found.append(ConsoleExample(page, first + offset, line[2:], []))
            elif found and found[-1].line >= first:
                found[-1].expected.append(line)
            else:
                raise AssertionError(f"{page.name}:{first + offset}: output before any '$ '")
    return found


def python_examples(page: Path) -> list[PythonExample]:
    text = page.read_text(encoding="utf-8")
    return [
        PythonExample(page, line_of(text, block.start(1)), block.group(1), block.group(2))
        for block in PYTHON.finditer(text)
    ]


def run_console(command: str, cwd: Path) -> TerminalRun:
    bin_dir = str(Path(sys.executable).parent)
    # Colour stays on, as in a real terminal; run_in_terminal strips the colour codes.
    env = {"PATH": bin_dir + os.pathsep + os.environ["PATH"], "TERM": "xterm-256color"}
    return run_in_terminal(command, cwd=cwd, columns=80, env=env)


# A command that is kzfp alone, with no shell syntax, is run in-process, with stdout a real
# pseudo-terminal of 80 columns; so is the kzfp of "kzfp ... | the rest", with stdout a
# pipe into the rest, which bash runs on that terminal. What each shows is what the
# installed kzfp shows there (test_installed.py and test_output.py run the installed
# script), without 0.2 s of starting Python, Typer and Rich for each. The other commands
# run in bash, in a pseudo-terminal, as a user would.
SHELL_SYNTAX = re.compile(r"[|&;<>$`*?(){}\[\]~\\!#'\"]")


def in_process(command: str) -> tuple[str, str | None] | None:
    """(kzfp's arguments, the rest of the pipeline or None) when kzfp can run in-process."""
    first, bar, rest = command.partition(" | ")
    if not first.startswith("kzfp ") or SHELL_SYNTAX.search(first):
        return None
    if bar and "kzfp" in rest:
        return None
    return first, (rest if bar else None)


def run_console_in_process(command: str, cwd: Path) -> TerminalRun:
    import fcntl
    import io
    import pty
    import struct
    import termios
    import threading

    from conftest import ANSI, COMMAND

    split = in_process(command)
    assert split is not None
    first, rest = split
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 80, 0, 0))
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the terminal has closed
                break
            if not chunk:
                break
            chunks.append(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    errors = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        for name in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR"):  # the terminal decides
            patch.delenv(name, raising=False)
        patch.setenv("TERM", "xterm-256color")
        patch.setenv("KZFP_PAGER", "")  # a pager would wait for keys nobody presses
        if rest is None:
            out = open(follower, "w", encoding="utf-8")  # noqa: SIM115 (closed below)
            after = None
        else:
            pipe_out, pipe_in = os.pipe()
            after = subprocess.Popen(
                ["bash", "-c", rest],
                stdin=pipe_out,
                stdout=follower,
                stderr=subprocess.PIPE,
                cwd=cwd,
                env=os.environ.copy(),
            )
            os.close(pipe_out)
            os.close(follower)
            out = open(pipe_in, "w", encoding="utf-8")  # noqa: SIM115 (closed below)
        patch.setattr(sys, "stdout", out)
        patch.setattr(sys, "stderr", errors)
        try:
            COMMAND.main(args=shlex.split(first)[1:], prog_name="kzfp")
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        finally:
            with contextlib.suppress(OSError):  # the rest of the pipeline may have gone
                out.close()
    stderr = errors.getvalue()
    if after is not None:  # a pipeline's status is that of its last command
        stderr += after.stderr.read().decode("utf-8") if after.stderr else ""
        code = after.wait(timeout=60)
    reader.join(timeout=60)
    os.close(leader)
    screen = ANSI.sub("", b"".join(chunks).decode("utf-8")).replace("\r\n", "\n")
    return TerminalRun(code, screen, stderr)


def screen_lines(result: TerminalRun) -> list[str]:
    shown = [line.rstrip() for line in result.screen.split("\n")]
    while shown and not shown[-1]:
        shown.pop()
    return shown


def run_python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=60
    )


CONSOLE_EXAMPLES = [example for page in PAGES for example in console_examples(page)]


@pytest.fixture(scope="module")
def jq() -> None:
    if shutil.which("jq") is None:
        missing("jq is needed for the documented recipes; .ci/run installs it")


EXAMPLE_PAGES = [page for page in PAGES if console_examples(page) or python_examples(page)]


@pytest.mark.slow
@pytest.mark.parametrize("page", EXAMPLE_PAGES, ids=lambda page: page.name)
def test_every_example_of_a_page(page, tmp_path, jq):
    """A page's examples run in order in one folder, so that a file one example writes,
    the next can read: its console examples, then its Python ones."""
    for example in console_examples(page):
        check_console_example(example, tmp_path)
    for code in python_examples(page):
        check_python_example(code, tmp_path)


def check_console_example(example: ConsoleExample, folder: Path) -> None:
    run = run_console_in_process if in_process(example.command) else run_console
    result = run(example.command, folder)
    assert result.exit_code == 0, f"{example.name}: {result.stderr}"
    assert result.stderr == "", example.name
    shown = screen_lines(result)
    if example.abridged:  # the lines shown, and more
        expected = example.expected[:-1]
        assert in_order(expected, shown) and len(shown) > len(expected), (
            f"{example.name}:\n" + "\n".join(shown)
        )
    else:
        assert in_order(example.expected, shown), f"{example.name}:\n" + "\n".join(shown)


def in_order(expected: list[str], shown: list[str]) -> bool:
    """Whether every line an example shows is printed, in the order shown. The command
    may print lines in between: the curated data grows, and an example stays true of
    what it says as events are added (scripts/update_readme.py brings the new lines in)."""
    printed = iter(shown)
    return bool(expected) == bool(shown) and all(line in printed for line in expected)


def check_python_example(example: PythonExample, folder: Path) -> None:
    result = run_python(example.code, folder)
    assert (result.returncode, result.stderr) == (0, ""), example.name
    if example.output is not None:
        shown = result.stdout.rstrip("\n").split("\n")
        assert in_order(example.output.split("\n"), shown), example.name


def test_the_pages_have_examples_and_jq_recipes():
    by_page = {page.name: console_examples(page) for page in PAGES}
    assert len(by_page["README.md"]) >= 5
    assert len(CONSOLE_EXAMPLES) >= 30
    assert sum("| jq" in example.command for example in by_page["recipes.md"]) >= 6
    assert len(python_examples(DOCS / "library.md")) >= 3


def test_the_readme_is_short_and_keeps_the_quickstart_block():
    text = README.read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) <= 12 * 1024
    block = text[text.index("<!-- quickstart -->") : text.index("<!-- /quickstart -->")]
    commands = [line for line in block.splitlines() if line.startswith("python3 ")]
    assert len(commands) == 2  # .ci/run runs exactly these two


def anchor(heading: str) -> str:
    """The fragment GitHub gives a heading: lower case, punctuation gone, spaces as '-'."""
    kept = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return kept.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = re.sub(r"^```.*?^```$", "", page.read_text(encoding="utf-8"), flags=re.S | re.M)
    return {anchor(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")}


def test_every_link_between_pages_leads_somewhere():
    checked = 0
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, fragment = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            assert linked.exists(), f"{page.name}: {target}"
            if fragment:
                assert fragment in anchors(linked), f"{page.name}: {target}"
            checked += 1
    assert checked >= 10


def test_the_readme_links_every_page_of_docs():
    text = README.read_text(encoding="utf-8")
    for page in DOCS.glob("*.md"):
        assert f"(docs/{page.name}" in text, page.name


def command_paths() -> list[str]:
    from kzfp_cli.cli import app

    paths = []

    def walk(command, path: str) -> None:
        children = getattr(command, "commands", {})
        if not children:
            paths.append(path)
        for name, child in children.items():
            walk(child, f"{path} {name}")

    walk(typer.main.get_command(app), "kzfp")
    return paths


# These print a picture or a file in a format of its own (a chart, an export file), so
# they have no --format.
WITHOUT_FORMAT = {
    "kzfp help",
    "kzfp chart",
    "kzfp export timelinejs",
    "kzfp export ics",
    "kzfp export html",
    "kzfp export md",
    "kzfp export sqlite",
}


def test_every_command_is_documented_and_has_help(kzfp):
    paths = command_paths()
    assert "kzfp timeline" in paths
    assert "kzfp org list" in paths
    text = (DOCS / "commands.md").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    for path in paths:
        assert any(f"`{path}" in heading for heading in headings), f"no section: {path}"
        run = kzfp(*path.split()[1:], "--help")
        assert run.exit_code == 0, path
        assert ("--format" in run.stdout) == (path not in WITHOUT_FORMAT), path


def test_the_data_format_documents_every_column_and_theme():
    from kzfp_cli.store import TABLE_COLUMNS, load_dataset

    text = (DOCS / "data-format.md").read_text(encoding="utf-8")
    for name, columns in TABLE_COLUMNS.items():
        assert f"`{name}.csv`" in text, name
        for column in columns:
            assert f"`{column}`" in text, f"{name}.csv: {column}"
    for theme in load_dataset().themes.values():
        assert f"| `{theme.id}` | {theme.description} |" in text


def option_flags() -> dict[str, set[str]]:
    """Every option of every kzfp command: its long name, and the flags it goes by."""
    from kzfp_cli.cli import app

    flags: dict[str, set[str]] = {"--help": {"--help"}}  # Click's own, on every command

    def walk(command) -> None:
        for param in getattr(command, "params", []):
            names = [*param.opts, *param.secondary_opts]
            for name in names:
                if name.startswith("--"):
                    flags.setdefault(name, set()).update(names)
        for child in getattr(command, "commands", {}).values():
            walk(child)

    walk(typer.main.get_command(app))
    return flags


# Options of the shell and of benchmarks/run.py, which the pages also name.
BENCHMARKS = ROOT / "benchmarks" / "run.py"
NOT_KZFP = {
    "--install-completion",
    *re.findall(r'add_argument\(\s*"(--[a-z-]+)"', BENCHMARKS.read_text(encoding="utf-8")),
}


def test_every_option_the_pages_name_exists_with_its_short_flag():
    flags = option_flags()
    assert "-p" in flags["--partner"]
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for name in set(re.findall(r"`(--[a-z][a-z-]*)", text)) - NOT_KZFP:
            assert name in flags, f"{page.name}: {name} is no option of kzfp"
        # "`--partner`, `-p`": the short flag is that option's.
        for name, short in re.findall(r"`(--[a-z][a-z-]*)`, `(-[a-z])`", text):
            assert short in flags[name], f"{page.name}: {short} is not {name}"
    # One meaning per flag: --org has no short flag, and -o is --output wherever it is.
    assert flags["--org"] == {"--org"}
    assert [name for name, names in flags.items() if "-o" in names] == ["--output"]
