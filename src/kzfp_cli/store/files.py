"""Where the data is: the built-in CSV files shipped with the package, and the user's
events files named by ``--data`` and ``KZFP_DATA``, each to be read once."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kzfp_cli.errors import DataError
from kzfp_cli.store.schema import TABLE_COLUMNS
from kzfp_cli.store.streams import STDIN, label_of

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

DATA_ENV = "KZFP_DATA"


def data_folder() -> Path | Traversable:
    """Where the built-in CSV files are: beside the package in an installed wheel (which
    carries them as ``kzfp_cli/data``), the checkout's ``data/`` in an editable install,
    or, for a package inside a zip file, wherever importlib.resources finds it. The plain
    path is tried first because importlib.resources costs ~10 ms to import."""
    package = Path(__file__).resolve().parents[1]
    for folder in (package / "data", package.parents[1] / "data"):
        if (folder / "events.csv").is_file():
            return folder
    from importlib import resources

    return resources.files("kzfp_cli").joinpath("data")


def builtin_files() -> dict[str, tuple[str, bytes]]:
    """The built-in data files, as ``name -> (label, bytes)``."""
    folder = data_folder()
    files = {}
    for name in TABLE_COLUMNS:
        resource = folder.joinpath(f"{name}.csv")
        try:
            # Named as in the repository, where a fix would be made, wherever installed.
            files[name] = (f"data/{name}.csv", resource.read_bytes())
        except OSError as error:
            raise DataError(
                f"{resource}: cannot read the built-in data ({error.strerror})"
            ) from None
    return files


def data_files(options: Sequence[str] = ()) -> list[str]:
    """The user's events files: those in ``KZFP_DATA`` (separated like PATH), then the
    ``--data`` options (``-`` is standard input)."""
    from_env = [part for part in os.environ.get(DATA_ENV, "").split(os.pathsep) if part]
    return [*from_env, *options]


def named_before(paths: Sequence[str]) -> dict[int, str]:
    """For each of ``paths`` (by position) that names a file named before it, the message
    that says so: the same name again, or another name for the same file (a link,
    ``./a.csv`` beside ``a.csv``, ``/dev/stdin`` beside ``-``). Read twice, a stream would
    be empty the second time, and a file would repeat every id it holds."""
    first: dict[object, int] = {}
    found = {}
    for number, path in enumerate(paths):
        key = _identity(path)
        if key is None:  # cannot be looked at: reading it will say why
            continue
        before = first.setdefault(key, number)
        if before == number:
            continue
        if paths[before] != path:
            found[number] = f"the same file as {label_of(paths[before])}; name each file once"
        elif path == STDIN:
            found[number] = "named twice; it can be read only once"
        else:
            found[number] = "named twice; name each file once"
    return found


def _identity(path: str) -> object:
    """What the file ``path`` names is known by: its device and inode, or None when it
    cannot be looked at. Standard input that is no file (as under a test runner) is
    known by its name alone."""
    try:
        if path == STDIN:
            if sys.stdin is None:
                return STDIN
            found = os.fstat(sys.stdin.fileno())
        else:
            found = os.stat(path)
    except (OSError, ValueError):
        return STDIN if path == STDIN else None
    return (found.st_dev, found.st_ino) if found.st_ino else os.path.realpath(path)
