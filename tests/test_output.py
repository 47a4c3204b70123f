"""Where kzfp writes: files given with -o, and stdout in every state a shell can leave it.

The rules tested here are those of docs/output.md ("Files written with -o" and "Writing to
stdout"). Files, umasks, FIFOs, links, a full disk and a pipe without a reader are real
in-process too: those tests run kzfp there, with one run of the installed ``kzfp`` per
rule. What only a process has (descriptors closed by the shell, the locale of the
interpreter, signals) is tested on the installed ``kzfp``, in a shell, as a user runs it.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import shlex
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import COMMAND, invoke

# One event of our own, so that the curated data never changes these outputs. Its title
# holds a character ASCII cannot encode (é, U+00E9).
EVENTS = "id,date,title\ncafe-2015,2015-03-01,Café talks\n"
EXPORT_MD = "# Kazakhstan's foreign policy\n\n## 2015\n\n- **1 Mar 2015**: Café talks.\n"
ENCODING_ERROR = (
    "kzfp: error: stdout cannot encode U+00E9 in ascii; "
    "use a UTF-8 locale or set PYTHONIOENCODING=utf-8\n"
)


@pytest.fixture
def here(tmp_path: Path) -> Path:
    (tmp_path / "events.csv").write_text(EVENTS, encoding="utf-8")
    return tmp_path


@pytest.fixture
def sh(kzfp_bin: str, here: Path):
    """Run a shell command in ``here``, with ``kzfp`` meaning the installed script on our
    events only: ``kzfp timeline`` is ``<script> timeline --no-builtin --data events.csv``.
    """

    def run(command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        script = (
            f'kzfp() {{ case $1 in timeline|export) set -- "$@" --no-builtin --data events.csv;;'
            f' esac; {shlex.quote(kzfp_bin)} "$@"; }}\n'
        )
        environment = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
        return subprocess.run(
            ["bash", "-c", script + command],
            cwd=here,
            env=environment,
            capture_output=True,
            timeout=60,
        )

    return run


def outcome(result: subprocess.CompletedProcess) -> tuple[int, str, str]:
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def listing(directory: Path) -> list[str]:
    """Every name in the directory, hidden ones (a temporary file) included."""
    return sorted(path.name for path in directory.iterdir())


# --- files written with -o ----------------------------------------------------------
# In-process: a file kzfp writes with -o is the same whoever started it; the umask is set
# in this process for the run, and restored.


@pytest.fixture
def ours(here, monkeypatch):
    """Run ``kzfp COMMAND`` in-process in ``here``, on our events only, under a umask."""
    monkeypatch.chdir(here)

    def run(command: str, umask: int = 0o022) -> tuple[int, str, str]:
        previous = os.umask(umask)
        try:
            result = invoke(*mine(command))
        finally:
            os.umask(previous)
        return result.exit_code, result.stdout, result.stderr

    return run


def test_a_new_file_is_created_under_the_umask(ours, here):
    assert ours("export md -o out.md", umask=0o027) == (0, "", "")
    assert stat.S_IMODE((here / "out.md").stat().st_mode) == 0o640
    assert (here / "out.md").read_text(encoding="utf-8") == EXPORT_MD
    assert ours("export md -o shared.md", umask=0o002) == (0, "", "")
    assert stat.S_IMODE((here / "shared.md").stat().st_mode) == 0o664


def test_force_keeps_the_mode_of_the_file_it_replaces(ours, here):
    target = here / "out.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o604)
    assert ours("export md -o out.md --force", umask=0o077) == (0, "", "")
    assert stat.S_IMODE(target.stat().st_mode) == 0o604
    assert target.read_text(encoding="utf-8") == EXPORT_MD
    assert listing(here) == ["events.csv", "out.md"]


def test_an_existing_file_needs_force(ours, here):
    (here / "out.md").write_text("mine\n", encoding="utf-8")
    assert ours("export md -o out.md") == (
        2,
        "",
        "kzfp: error: out.md already exists; add --force to overwrite it\n",
    )
    assert (here / "out.md").read_text(encoding="utf-8") == "mine\n"
    assert listing(here) == ["events.csv", "out.md"]


def test_a_file_created_while_kzfp_writes_is_never_overwritten(kzfp, here, monkeypatch):
    # Another program creates the file after kzfp has looked and before it is done: at the
    # moment kzfp makes its temporary file durable, just before putting it in place.
    monkeypatch.chdir(here)
    real_fsync = os.fsync

    def meanwhile(descriptor: int) -> None:
        real_fsync(descriptor)
        (here / "out.md").write_text("theirs\n", encoding="utf-8")

    monkeypatch.setattr(os, "fsync", meanwhile)
    run = kzfp("export", "md", "--no-builtin", "--data", "events.csv", "-o", "out.md")
    assert (run.exit_code, run.stdout, run.stderr) == (
        2,
        "",
        "kzfp: error: out.md already exists; add --force to overwrite it\n",
    )
    assert (here / "out.md").read_text(encoding="utf-8") == "theirs\n"
    assert listing(here) == ["events.csv", "out.md"]


@pytest.mark.parametrize("force", [False, True])
def test_a_failed_write_leaves_no_temporary_file_and_the_target_untouched(
    kzfp, here, monkeypatch, force
):
    monkeypatch.chdir(here)
    if force:
        (here / "out.md").write_text("kept\n", encoding="utf-8")

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    args = ["export", "md", "--no-builtin", "--data", "events.csv", "-o", "out.md"]
    run = kzfp(*args, *(["--force"] if force else []))
    assert (run.exit_code, run.stdout, run.stderr) == (
        4,
        "",
        "kzfp: error: out.md: cannot write (No space left on device)\n",
    )
    if force:
        assert listing(here) == ["events.csv", "out.md"]
        assert (here / "out.md").read_text(encoding="utf-8") == "kept\n"
    else:
        assert listing(here) == ["events.csv"]


def read_fifo(path: Path) -> tuple[threading.Thread, list[bytes]]:
    received: list[bytes] = []

    def reader() -> None:
        with path.open("rb") as fifo:
            received.append(fifo.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread, received


@pytest.mark.parametrize("force", ["", "--force"])
def test_a_fifo_is_written_into_and_never_replaced(ours, here, force):
    fifo = here / "fifo"
    os.mkfifo(fifo)
    thread, received = read_fifo(fifo)
    assert ours(f"export md -o fifo {force}") == (0, "", "")
    thread.join(timeout=60)
    assert received == [EXPORT_MD.encode("utf-8")]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert listing(here) == ["events.csv", "fifo"]


def test_a_link_to_a_fifo_is_written_through_as_dev_null_would_be(ours, here):
    # /dev/null and /dev/stdout are reached the same way: kzfp writes into what the name
    # leads to, with or without --force, and the name stays a link to it.
    fifo = here / "fifo"
    os.mkfifo(fifo)
    (here / "null").symlink_to("fifo")
    thread, received = read_fifo(fifo)
    assert ours("export md -o null --force") == (0, "", "")
    thread.join(timeout=60)
    assert received == [EXPORT_MD.encode("utf-8")]
    assert os.readlink(here / "null") == "fifo"
    assert listing(here) == ["events.csv", "fifo", "null"]


def test_a_link_to_a_file_is_followed_and_kept(ours, here):
    (here / "real.md").write_text("old\n", encoding="utf-8")
    (here / "link.md").symlink_to("real.md")
    assert ours("export md -o link.md") == (
        2,
        "",
        "kzfp: error: link.md already exists; add --force to overwrite it\n",
    )
    assert ours("export md -o link.md --force") == (0, "", "")
    assert os.readlink(here / "link.md") == "real.md"
    assert (here / "real.md").read_text(encoding="utf-8") == EXPORT_MD
    assert listing(here) == ["events.csv", "link.md", "real.md"]


def test_a_dangling_link_is_a_name_that_exists_and_force_follows_it(ours, here):
    (here / "link.md").symlink_to("new.md")
    assert ours("export md -o link.md") == (
        2,
        "",
        "kzfp: error: link.md already exists; add --force to overwrite it\n",
    )
    assert not (here / "new.md").exists()
    assert ours("export md -o link.md --force") == (0, "", "")
    assert os.readlink(here / "link.md") == "new.md"
    assert (here / "new.md").read_text(encoding="utf-8") == EXPORT_MD


def test_a_directory_or_a_socket_is_refused(ours, here):
    (here / "folder").mkdir()
    assert ours("export md -o folder --force") == (
        4,
        "",
        "kzfp: error: folder is a directory\n",
    )
    assert ours("export md -o missing/") == (
        4,
        "",
        "kzfp: error: missing/: cannot write (No such file or directory)\n",
    )
    listener = socket.socket(socket.AF_UNIX)
    listener.bind("sock")  # a socket's path must be short: bound by its name, in ``here``
    try:
        assert ours("export md -o sock --force") == (
            4,
            "",
            "kzfp: error: sock is not a file, a pipe or a character device\n",
        )
        assert stat.S_ISSOCK((here / "sock").lstat().st_mode)
    finally:
        listener.close()
    assert listing(here) == ["events.csv", "folder", "sock"]


# A large export, held at the moment its temporary file is full and about to be put in
# place, so that the signal arrives mid-write every time. The script tells the test it is
# there by writing a byte to a pipe, then waits for the signal.
HELD_AT_FSYNC = """
import os, signal, sys
ready = int(sys.argv[1])
real_fsync = os.fsync
def held(descriptor):
    real_fsync(descriptor)
    os.write(ready, b"x")
    while True:
        signal.pause()
os.fsync = held
sys.argv = ["kzfp", *sys.argv[2:]]
from kzfp_cli.__main__ import run
run()
"""


def dispositions(*, ignore_sighup: bool) -> None:
    """In the child, before kzfp starts: the signals as a shell leaves them for a command in
    the foreground, whatever this test run inherited (a run started in the background
    ignores SIGINT; one under nohup ignores SIGHUP)."""
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
    if ignore_sighup:
        signal.signal(signal.SIGHUP, signal.SIG_IGN)


def held_export(directory: Path, *args: str, ignore_sighup: bool = False):
    """Start kzfp exporting many events to out.md, and return once its temporary file
    is full and about to be put in place (the process then waits there for a signal)."""
    rows = "".join(f"event-{n},2015-03-01,Event number {n} {'x' * 200}\n" for n in range(5000))
    (directory / "big.csv").write_text("id,date,title\n" + rows, encoding="utf-8")
    command = ["export", "md", "--no-builtin", "--data", "big.csv", "-o", "out.md", *args]
    return held(directory, HELD_AT_FSYNC, command, ignore_sighup=ignore_sighup)


def held(directory: Path, script: str, command: list[str], *, ignore_sighup: bool = False):
    """Start kzfp ``command`` under ``script`` (HELD_AT_FSYNC or a variant), and return
    once the script says kzfp is where it holds it."""
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(write_end), *command],
        cwd=directory,
        pass_fds=[write_end],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: dispositions(ignore_sighup=ignore_sighup),
    )
    os.close(write_end)
    try:
        assert os.read(read_end, 1) == b"x"
    except BaseException:
        process.kill()
        process.wait()
        raise
    finally:
        os.close(read_end)
    return process


def stopped_by(process: subprocess.Popen, *signals: signal.Signals) -> tuple[int, bytes, bytes]:
    try:
        for number in signals:
            process.send_signal(number)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode, stdout, stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("signal_name", "code"), [("SIGINT", 130), ("SIGTERM", 143), ("SIGHUP", 129)]
)
@pytest.mark.parametrize("force", [False, True])
def test_a_signal_mid_write_leaves_no_temporary_file_and_the_target_untouched(
    tmp_path, signal_name, code, force
):
    if force:
        (tmp_path / "out.md").write_text("kept\n", encoding="utf-8")
    process = held_export(tmp_path, *(["--force"] if force else []))
    temporaries = [name for name in listing(tmp_path) if name.startswith(".out.md.")]
    assert len(temporaries) == 1
    assert (tmp_path / temporaries[0]).stat().st_size > 1_000_000
    assert stopped_by(process, getattr(signal, signal_name)) == (code, b"", b"")
    if force:
        assert listing(tmp_path) == ["big.csv", "out.md"]
        assert (tmp_path / "out.md").read_text(encoding="utf-8") == "kept\n"
    else:
        assert listing(tmp_path) == ["big.csv"]


@pytest.mark.slow
def test_a_sighup_the_caller_ignores_stays_ignored(tmp_path):
    # As under nohup: the hangup does not stop kzfp; the SIGTERM after it does.
    process = held_export(tmp_path, ignore_sighup=True)
    assert stopped_by(process, signal.SIGHUP, signal.SIGTERM) == (143, b"", b"")
    assert listing(tmp_path) == ["big.csv"]


# --- writing to stdout --------------------------------------------------------------
# In-process, stdout is a real stream (/dev/full, a pipe without a reader) that kzfp
# writes into; one run of the installed kzfp per rule holds a real process to it.


def run_into(stream, args: list[str]) -> tuple[int, str]:
    """Run kzfp in-process with ``stream`` as its stdout: the exit code and stderr."""
    errors = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdout", stream)
        patch.setattr(sys, "stderr", errors)
        try:
            COMMAND.main(args=args, prog_name="kzfp")
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
    with contextlib.suppress(OSError):  # what is still buffered cannot be written either
        stream.close()
    return code, errors.getvalue()


def test_a_closed_stdout_is_one_line_and_exit_4(sh):
    assert outcome(sh("kzfp timeline >&-")) == (
        4,
        "",
        "kzfp: error: cannot write to stdout: it is closed\n",
    )
    assert outcome(sh("kzfp export md >&-"))[0] == 4
    assert outcome(sh("kzfp export md -o out.md >&-")) == (0, "", "")  # stdout not needed


@pytest.mark.parametrize(
    "command", ["--help", "--version", "timeline --help", "schema show event", "schema", ""]
)
def test_help_version_and_schemas_into_a_closed_stdout_are_one_line_and_exit_4(sh, command):
    assert outcome(sh(f"kzfp {command} >&-")) == (
        4,
        "",
        "kzfp: error: cannot write to stdout: it is closed\n",
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize(
    "command",
    [
        "timeline",
        "timeline -f json",
        "timeline -f table",
        "chart",
        "export md",
        "--version",
        "--help",
        "timeline --help",
        "schema show event",
        "",  # no command: the help
    ],
)
def test_a_full_disk_on_stdout_is_one_line_and_exit_4(here, monkeypatch, command):
    monkeypatch.chdir(here)
    with open("/dev/full", "w", encoding="utf-8") as full:
        assert run_into(full, mine(command) if command else []) == (
            4,
            "kzfp: error: cannot write to stdout (No space left on device)\n",
        )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_the_installed_kzfp_on_a_full_disk_is_one_line_and_exit_4(sh):
    assert outcome(sh("kzfp timeline > /dev/full")) == (
        4,
        "",
        "kzfp: error: cannot write to stdout (No space left on device)\n",
    )


def mine(command: str) -> list[str]:
    """The arguments of a command on our events only, as ``sh``'s kzfp gives them."""
    args = command.split()
    if args[0] in ("timeline", "export"):
        args += ["--no-builtin", "--data", "events.csv"]
    return args


# In-process, the encoding of stdout is the one a locale would give it (PYTHONIOENCODING
# in a process); the last test of each rule runs the installed kzfp to hold the two alike.


@pytest.mark.parametrize("command", ["timeline", "timeline -f plain", "timeline -f table"])
def test_a_stdout_that_cannot_encode_the_text_is_one_line_and_exit_4(here, monkeypatch, command):
    monkeypatch.chdir(here)
    run = invoke(*mine(command), charset="ascii")
    assert (run.exit_code, run.stdout, run.stderr) == (4, "", ENCODING_ERROR)


def test_the_installed_kzfp_cannot_encode_to_an_ascii_stdout_either(sh):
    result = sh("kzfp timeline", env={"PYTHONIOENCODING": "ascii"})
    assert outcome(result) == (4, "", ENCODING_ERROR)


UTF8_WHATEVER_THE_LOCALE = [
    ("timeline -f json", '"title": "Café talks"'),
    ("timeline -f jsonl", '"title": "Café talks"'),
    ("timeline -f csv", "cafe-2015,2015-03-01,,Café talks"),
    ("timeline -f tsv", "Café talks"),
    ("timeline -f md", "| Café talks |"),
    ("export md", EXPORT_MD),
    ("export md -o -", EXPORT_MD),
    ("export timelinejs", "Café talks"),
    ("export ics", "SUMMARY:Café talks"),
    ("export html", "Café talks"),
]


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize(("command", "expected"), UTF8_WHATEVER_THE_LOCALE)
def test_json_csv_md_and_exports_are_utf8_whatever_the_locale(
    here, monkeypatch, command, expected, encoding
):
    monkeypatch.chdir(here)
    run = invoke(*mine(command), charset=encoding)
    assert (run.exit_code, run.stderr) == (0, "")
    assert expected in run.stdout  # read as UTF-8: an é in another encoding is not there


@pytest.mark.parametrize(
    ("encoding", "command", "expected"),
    [("ascii", "timeline -f json", '"title": "Café talks"'), ("latin-1", "export md", EXPORT_MD)],
)
def test_the_installed_kzfp_writes_utf8_whatever_the_locale(sh, encoding, command, expected):
    result = sh(f"kzfp {command}", env={"PYTHONIOENCODING": encoding})
    code, stdout, stderr = outcome(result)  # decoding as UTF-8 fails if it is not
    assert (code, stderr) == (0, "")
    assert expected in stdout


def test_with_stderr_closed_an_error_never_reaches_stdout(sh):
    assert outcome(sh("kzfp timeline --partner nosuch 2>&-")) == (2, "", "")
    assert outcome(sh("kzfp timeline --since nonsense 2>&-")) == (2, "", "")
    assert outcome(sh("kzfp export md -o . 2>&-")) == (4, "", "")
    # stdout itself still works
    code, stdout, _ = outcome(sh("kzfp timeline 2>&-"))
    assert (code, stdout) == (0, "1 Mar 2015\tCafé talks\t\t\tcafe-2015\n")


@pytest.mark.parametrize(
    "command",
    [
        ["--help"],
        ["--version"],
        ["timeline", "--help"],
        ["export", "md", "--help"],
        ["schema", "show", "event"],
        ["timeline", "-f", "json"],
        ["timeline", "-f", "table"],
        ["export", "md"],
    ],
    ids=" ".join,
)
def test_into_a_pipe_whose_reader_has_gone_kzfp_stops_with_141(here, monkeypatch, command):
    monkeypatch.chdir(here)
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before kzfp writes a byte
    with os.fdopen(write_end, "w", encoding="utf-8") as pipe:
        assert run_into(pipe, mine(" ".join(command))) == (141, "")


def test_the_installed_kzfp_into_a_pipe_whose_reader_has_gone_stops_with_141(kzfp_bin, here):
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        process = subprocess.run(
            [kzfp_bin, "timeline", "-f", "json", "--no-builtin", "--data", "events.csv"],
            cwd=here,
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert (process.returncode, process.stderr) == (141, b"")


@pytest.mark.slow
def test_a_signal_at_any_moment_leaves_the_target_whole_and_no_temporary_file(tmp_path):
    # Real signals at moments spread over a whole run, from before kzfp's handlers are in
    # place to after the file is in place: never a traceback, never a temporary file left,
    # and the target is the old text or the new one, never a part.
    rows = "".join(f"event-{n},2015-03-01,Event number {n} {'x' * 100}\n" for n in range(3000))
    (tmp_path / "big.csv").write_text("id,date,title\n" + rows, encoding="utf-8")
    command = [sys.executable, "-m", "kzfp_cli", "export", "md", "--no-builtin"]
    command += ["--data", "big.csv", "-o", "out.md", "--force"]
    (tmp_path / "out.md").write_text("old\n", encoding="utf-8")
    started = time.monotonic()
    subprocess.run(command, cwd=tmp_path, check=True)
    whole = time.monotonic() - started
    new = (tmp_path / "out.md").read_text(encoding="utf-8")
    moments = 16
    for step in range(moments):
        (tmp_path / "out.md").write_text("old\n", encoding="utf-8")
        number = (signal.SIGTERM, signal.SIGHUP)[step % 2]
        process = subprocess.Popen(
            command,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=lambda: dispositions(ignore_sighup=False),
        )
        time.sleep(whole * step / moments)
        code, _, stderr = stopped_by(process, number)
        # Before the handler, the signal's default ends the process (-number); after it,
        # 128 + number; a signal that comes too late finds kzfp done (0).
        assert code in (0, -number, 128 + number), (step, code, stderr)
        assert stderr == b"", (step, stderr)
        assert sorted(path.name for path in tmp_path.iterdir()) == ["big.csv", "out.md"]
        assert (tmp_path / "out.md").read_text(encoding="utf-8") in ("old\n", new), step


def test_an_empty_output_name_is_a_usage_error(sh):
    assert outcome(sh("kzfp export md -o ''")) == (
        2,
        "",
        "kzfp: error: Invalid value for '--output' / '-o': needs a file name "
        "(or - for stdout) (see 'kzfp export md --help')\n",
    )


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_a_name_of_stdout_writes_where_stdout_goes(sh, here, name):
    # As `> f` then `>> f` in a shell: the file is never refused, replaced or rewound.
    assert outcome(sh(f"kzfp export md -o {name} > f.md && kzfp export md -o {name} >> f.md")) == (
        0,
        "",
        "",
    )
    assert (here / "f.md").read_text(encoding="utf-8") == EXPORT_MD * 2
    assert outcome(sh(f"kzfp export sqlite {name}"))[0] == 2


def test_a_fifo_whose_reader_leaves_ends_quietly_with_141(sh, here):
    os.mkfifo(here / "fifo")
    rows = "".join(f"e-{n},2015-03-01,Event {n}\n" for n in range(3000))
    (here / "many.csv").write_text("id,date,title\n" + rows, encoding="utf-8")
    command = "(head -c 10 fifo > /dev/null &); kzfp export md --data many.csv -o fifo"
    assert outcome(sh(command)) == (141, "", "")


def test_completion_where_home_is_a_file_is_one_line_and_exit_4(sh, here):
    (here / "home").write_text("", encoding="utf-8")
    result = outcome(sh("kzfp --install-completion bash", env={"HOME": str(here / "home")}))
    assert result == (4, "", f"kzfp: error: {here / 'home'}: cannot write (not a folder)\n")


# As HELD_AT_FSYNC, at the second file's: the database is written, its metadata too,
# and neither is in place yet.
HELD_AT_SECOND_FSYNC = HELD_AT_FSYNC.replace(
    "def held(descriptor):\n    real_fsync(descriptor)\n",
    "calls = []\ndef held(descriptor):\n    real_fsync(descriptor)\n"
    "    calls.append(descriptor)\n    if len(calls) < 2:\n        return\n",
)


@pytest.mark.slow
@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_between_a_database_and_its_metadata_leaves_both_old(tmp_path, signal_name):
    (tmp_path / "events.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "kzfp.db").write_bytes(b"old database")
    (tmp_path / "kzfp.db.metadata.json").write_text("old metadata", encoding="utf-8")
    command = ["export", "sqlite", "kzfp.db", "--force", "--no-builtin", "--data", "events.csv"]
    process = held(tmp_path, HELD_AT_SECOND_FSYNC, command)
    number = getattr(signal, signal_name)
    assert stopped_by(process, number) == (128 + number, b"", b"")
    assert listing(tmp_path) == ["events.csv", "kzfp.db", "kzfp.db.metadata.json"]
    assert (tmp_path / "kzfp.db").read_bytes() == b"old database"
    assert (tmp_path / "kzfp.db.metadata.json").read_text(encoding="utf-8") == "old metadata"


def test_the_metadata_file_follows_the_rules_of_o(ours, here):
    # A link at FILE.metadata.json, to nothing or to a file: a name that exists.
    (here / "kzfp.db.metadata.json").symlink_to("elsewhere.json")
    assert ours("export sqlite kzfp.db") == (
        2,
        "",
        "kzfp: error: kzfp.db.metadata.json already exists; add --force to overwrite it\n",
    )
    assert listing(here) == ["events.csv", "kzfp.db.metadata.json"]
    assert ours("export sqlite kzfp.db --force") == (0, "", "")
    assert os.readlink(here / "kzfp.db.metadata.json") == "elsewhere.json"
    assert json.loads((here / "elsewhere.json").read_text(encoding="utf-8"))["databases"]
