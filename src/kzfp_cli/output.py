"""Where an export goes with ``-o FILE``: a file that is never half-written and never overwritten by
accident, or a pipe or device written as a stream. The rules are in docs/output.md.

- A new file, or one replaced with ``--force``, is written whole to a hidden temporary
  file beside it and then put in place in one step; the temporary file is removed on every
  way out (an error, Ctrl-C, SIGTERM, SIGHUP), with those signals held while it is
  created and while it is put in place or removed.
- Without ``--force`` the file is put in place with ``os.link``, which fails if the name
  exists by then: a file created while kzfp was writing is never overwritten.
- A new file gets the user's umask (as ``>`` in a shell); a replaced one keeps its mode.
- A FIFO or a character device (``/dev/null``, ``/dev/stdout``, ``>(gzip)``) is written
  into as a stream and never replaced. A symbolic link is followed, never replaced.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import IO, Any, NamedTuple

from kzfp_cli.errors import ExistingFileError, OutputError, ReaderGoneError

# Signals that stop kzfp by unwinding (see __main__): held while a temporary file is
# created or put in place, so that it is never left behind unnamed by the cleanup.
_HELD = [getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)]
# link(2) refused by the file system itself (FAT, some network shares): the name is then
# reserved with O_EXCL instead.
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS}


# The names of kzfp's own standard output, where ``-o`` writes as if it were not given:
# /dev/stdout opened anew would write from the start of a file stdout is redirected to,
# over what the shell's > or >> meant.
_STDOUT_NAMES = frozenset({"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})


def names_stdout(path: str) -> bool:
    """Whether ``-o path`` means stdout: ``-``, or a name of stdout itself."""
    return path in _STDOUT_NAMES


class Made(NamedTuple):
    """A file its writer makes itself, given the path of the new, empty file to make it
    in (SQLite writes a database so)."""

    make: Callable[[str], None]


# What is written: text, whole or a piece at a time, bytes, or a file its writer makes.
Content = str | bytes | Iterable[str] | Made


def write_output(text: Content, path: str, *, force: bool = False) -> None:
    """Write ``text`` as UTF-8 (or bytes as they are: a database) to the file ``path``
    (stdout is the command line's job).

    An existing regular file is replaced only with ``force``, and then atomically, keeping
    its mode. A FIFO or character device is written into. ExistingFileError (a
    UsageError) if the file exists without ``force``; OutputError if it cannot be written.
    """
    write_outputs([(text, path)], force=force)


def write_outputs(files: Sequence[tuple[Content, str]], *, force: bool = False) -> None:
    """Write several files that belong together (a database and its metadata) by the rules
    of :func:`write_output`, and put the files among them in place together: each is
    written whole first, then all are put in place while no signal can stop kzfp, so
    that they are never left half old, half new."""
    staged: list[_Staged] = []
    current = ""  # the file being written or put in place, for a message
    try:
        for text, current in files:
            final, mode = target_of(current, force=force)
            if final is None:
                _stream(text, current)
            else:
                staged.append(_Staged(current, final, mode))
                _write_temporary(text, staged[-1])
        with _signals_held():
            for target in staged:
                current = target.path
                _put_in_place(target)
    except OSError as error:
        raise _cannot_write(current, error) from None
    finally:
        with _signals_held():
            for target in staged:
                target.discard()


def target_of(path: str, *, force: bool) -> tuple[str | None, int | None]:
    """Where the file ``path`` goes: the name it is put in place as (None for a FIFO or
    device, written into) and the mode of the file it replaces (None for a new file). A name that
    exists, even as a symbolic link to nothing, is refused without ``force`` (as a
    shell's > is with noclobber); with it, a symbolic link is followed."""
    try:
        status: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise _cannot_write(path, error) from None
    if status is None and path.endswith(("/", os.sep)):  # a folder was meant, and is missing
        raise OutputError(f"{path}: cannot write (No such file or directory)")
    if status is None:
        if os.path.islink(path) and not force:
            raise _exists(path)
        return os.path.realpath(path), None
    if stat.S_ISDIR(status.st_mode):
        raise OutputError(f"{path} is a directory")
    if stat.S_ISREG(status.st_mode):
        if not force:
            raise _exists(path)
        return os.path.realpath(path), stat.S_IMODE(status.st_mode)
    if stat.S_ISFIFO(status.st_mode) or stat.S_ISCHR(status.st_mode):
        return None, None
    raise OutputError(f"{path} is not a file, a pipe or a character device")


def _exists(path: str) -> ExistingFileError:
    return ExistingFileError(path)


def _cannot_write(path: str, error: OSError) -> OutputError:
    return OutputError(f"{path}: cannot write ({error.strerror or error})")


@contextmanager
def _signals_held() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):  # Windows: nothing to hold
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _opened(handle: int, text: Content) -> IO[Any]:
    if isinstance(text, bytes):
        return os.fdopen(handle, "wb")
    return os.fdopen(handle, "w", encoding="utf-8", newline="")


def _write(out: IO[Any], text: str | bytes | Iterable[str]) -> None:
    for piece in [text] if isinstance(text, (str, bytes)) else text:
        out.write(piece)


class _Staged:
    """A file on its way to ``final``: the hidden temporary file it is written to beside
    it, and what is left to remove if kzfp stops before it is in place."""

    __slots__ = ("final", "mode", "path", "reserved", "temporary")

    def __init__(self, path: str, final: str, mode: int | None) -> None:
        self.path = path  # as the user named it, for messages
        self.final = final
        self.mode = mode  # of the file replaced, kept; None: a new file
        self.temporary: str | None = None
        self.reserved: str | None = None  # ``final`` created empty by us (no hard links)

    def discard(self) -> None:
        """Remove what is left of a file not put in place (call with signals held)."""
        for leftover in (self.temporary, self.reserved):
            if leftover is not None:
                with suppress(OSError):
                    os.unlink(leftover)
        self.temporary = self.reserved = None


def _write_temporary(text: Content, target: _Staged) -> None:
    """Write ``text`` whole to a temporary file beside ``target.final``."""
    directory, name = os.path.split(target.final)
    out: IO[Any] | None = None
    try:
        with _signals_held():
            # Created and given to its file object while no signal can come between: the
            # descriptor then has one owner, which closes it once, whatever stops kzfp.
            handle, target.temporary = _create_temporary(directory or ".", name)
            out = _opened(handle, text)
        if target.mode is not None:
            os.fchmod(out.fileno(), target.mode)  # before any text: a private file stays so
        if isinstance(text, Made):
            text.make(target.temporary)
            with open(target.temporary, "rb") as made:
                os.fsync(made.fileno())
            return
        _write(out, text)
        out.flush()
        os.fsync(out.fileno())
    finally:
        if out is not None:
            with _signals_held(), suppress(OSError):
                out.close()  # a second close does nothing


def _put_in_place(target: _Staged) -> None:
    """Give the written temporary file its name: replacing the file there if it replaces
    one, else only if the name is still free (call with signals held)."""
    assert target.temporary is not None
    if target.mode is not None:
        if not stat.S_ISREG(os.lstat(target.final).st_mode):
            raise OutputError(f"{target.path} was replaced while kzfp was writing it")
        os.replace(target.temporary, target.final)
    else:
        target.reserved = _link(target.temporary, target.final, target.path)
        if target.reserved is not None:
            os.replace(target.temporary, target.final)
            target.reserved = None
        else:
            os.unlink(target.temporary)
    target.temporary = None


def _create_temporary(directory: str, name: str) -> tuple[int, str]:
    # Mode 0o666 as a shell's > uses: the kernel applies the user's umask.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        temporary = os.path.join(directory, f".{name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue


def _link(temporary: str, final: str, path: str) -> str | None:
    """Give the temporary file the name ``final`` unless that name exists (then an
    ExistingFileError). None when done; ``final`` itself when the file system has no hard
    links and the name was reserved with an empty file instead, for the caller to replace."""
    try:
        os.link(temporary, final)
        return None
    except FileExistsError:
        raise _exists(path) from None
    except OSError as error:
        if error.errno not in _NO_LINKS:
            raise
    try:
        os.close(os.open(final, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except FileExistsError:
        raise _exists(path) from None
    return final


def _stream(text: Content, path: str) -> None:
    """Write into a FIFO or a character device, without creating or truncating anything."""
    if isinstance(text, Made):  # made by seeking in a file of its own
        raise OutputError(f"{path} is not a regular file; this is written to a file")
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        raise _cannot_write(path, error) from None
    try:
        if stat.S_ISREG(os.fstat(handle).st_mode):  # it became a file since it was looked at
            os.close(handle)
            raise OutputError(f"{path} was replaced while kzfp was writing it")
        with _opened(handle, text) as out:
            _write(out, text)
    except BrokenPipeError:
        raise ReaderGoneError() from None  # as on stdout: the reader has had enough
    except OSError as error:
        raise _cannot_write(path, error) from None
