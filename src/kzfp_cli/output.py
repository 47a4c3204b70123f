"""Where an export goes: stdout, or a file that is never overwritten by accident."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from kzfp_cli.errors import OutputError, UsageError


def write_output(text: str, path: str | None, *, force: bool = False) -> None:
    """Write ``text`` to stdout (no path, or ``-``) or to ``path``. An existing file is
    replaced only with ``force``, and then atomically: a reader never sees half of it."""
    if path is None or path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(path)
    if target.exists() and not force:
        raise UsageError(f"{path} already exists; add --force to overwrite it")
    if target.is_dir():
        raise OutputError(f"{path} is a directory")
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, target)
    except OSError as error:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
        raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None
