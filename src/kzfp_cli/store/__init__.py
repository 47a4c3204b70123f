"""Read the data files (CSV, or kzfp's own JSON and JSON lines) into a checked Dataset.

One reader and one set of rules serve the built-in data, a user's ``--data`` files and
``kzfp validate``. The package's modules, each with one job:

- :mod:`~kzfp_cli.store.schema`: the tables' columns, id shapes and reading limits;
- :mod:`~kzfp_cli.store.streams`: any byte stream into lines of text, within the limits;
- :mod:`~kzfp_cli.store.chunk`: what every reader gives, records a chunk at a time;
- :mod:`~kzfp_cli.store.reading`: a stream into records with their line numbers, CSV
  (read there) or JSON as the file's name says (or, where it says neither, the content);
- :mod:`~kzfp_cli.store.json_values`: the JSON values of a stream, each with its line;
- :mod:`~kzfp_cli.store.json_records`: a JSON object into the record its CSV row would be;
- :mod:`~kzfp_cli.store.parse`: the cell rules, each written once, over a column;
- :mod:`~kzfp_cli.store.tables`: each table's typed records, built by those rules;
- :mod:`~kzfp_cli.store.registry`: the ids known, to find duplicates and resolve names;
- :mod:`~kzfp_cli.store.problems`: problems collected as ``file:line: column: message``;
- :mod:`~kzfp_cli.store.assemble`: the files into one Dataset, with the cross-checks, in
  two steps (:func:`begin`), so that a command can select by names the data defines;
- :mod:`~kzfp_cli.store.files`: where the built-in and the user's files are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kzfp_cli.model import Dataset
from kzfp_cli.store.assemble import Loading, Selection
from kzfp_cli.store.files import DATA_ENV, builtin_files, data_files
from kzfp_cli.store.problems import Problems
from kzfp_cli.store.schema import EVENT_REQUIRED, TABLE_COLUMNS
from kzfp_cli.store.streams import STDIN, Rereading


def load_dataset(
    user_files: Sequence[str] = (),
    *,
    builtin: bool = True,
    select: Selection | None = None,
    progress: Callable[[int], None] | None = None,
    tables: dict[str, tuple[str, bytes]] | None = None,
) -> Dataset:
    """Load and cross-check the built-in data and a user's events files (``builtin=False``
    leaves out the built-in events; ``select``, ``progress`` and ``tables`` as in
    :func:`check`). Raises DataError listing every error."""
    return begin(user_files, builtin=builtin, tables=tables).load(select, progress=progress)


def check(
    user_files: Sequence[str] = (),
    *,
    builtin: bool = True,
    select: Selection | None = None,
    progress: Callable[[int], None] | None = None,
    problems_only: bool = False,
    tables: dict[str, tuple[str, bytes]] | None = None,
) -> tuple[Dataset | None, Problems]:
    """Everything :func:`load_dataset` does, returning the problems instead of raising:
    the dataset is None when there are errors. ``tables`` are the data files to check
    (``name -> (label, bytes)``, as :func:`builtin_files` gives them, which is the
    default) together with a user's events files (a path, or ``-`` for standard input).

    A user's files are streamed: every row is checked, but only the events a command
    needs are held, so memory grows with what it shows (and an id per row, to find
    duplicates), not with the whole file. ``select`` (anything with ``matches(event)``,
    as ``query.EventFilter``) says which of the user's events to hold; None holds all.
    ``progress`` is told the bytes read. With ``problems_only`` (``kzfp validate``) no
    dataset is returned, and of a user's events only those the cross-checks read are
    held."""
    loading = begin(user_files, builtin=builtin, problems_only=problems_only, tables=tables)
    return loading.check(select, progress=progress)


def begin(
    user_files: Sequence[str] = (),
    *,
    builtin: bool = True,
    problems_only: bool = False,
    tables: dict[str, tuple[str, bytes]] | None = None,
) -> Loading:
    """:func:`check` and :func:`load_dataset` in two steps, for a selection that depends on
    the data: the reference tables and the built-in events are read now, and
    ``Loading.known`` holds them (to resolve names against); ``Loading.check(select)`` or
    ``Loading.load(select)`` then reads the user's files."""
    return Loading(
        builtin_files() if tables is None else tables,
        user_files,
        builtin=builtin,
        problems_only=problems_only,
    )


__all__ = [
    "DATA_ENV",
    "EVENT_REQUIRED",
    "STDIN",
    "TABLE_COLUMNS",
    "Loading",
    "Problems",
    "Rereading",
    "Selection",
    "begin",
    "builtin_files",
    "check",
    "data_files",
    "load_dataset",
]
