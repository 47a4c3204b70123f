"""The library's answers as the command line prints them: a view (kzfp_cli.views) written
by the public renderer (kzfp_cli.render), so that a test of a query's answer asks the
library, with no run of kzfp, and still compares the exact JSON or CSV a user gets."""

from __future__ import annotations

import io
import json
from pathlib import Path

from kzfp_cli import load_dataset
from kzfp_cli.model import Dataset
from kzfp_cli.render import OutputFormat, render
from kzfp_cli.views import Output


def printed(view: Output, output_format: str) -> str:
    """What ``--format output_format`` writes for ``view`` (without colour)."""
    out = io.StringIO()
    render(view, OutputFormat(output_format), out, io.StringIO(), color=False)
    return out.getvalue()


def as_json(view: Output) -> object:
    """The view as ``--format json`` prints it, read back."""
    return json.loads(printed(view, "json"))


def own_data(folder: Path, text: str, name: str = "events.csv") -> Dataset:
    """A small events file of the test's own, read as ``--data FILE --no-builtin`` reads it."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return load_dataset([str(path)], builtin=False)


def warned(path: str, count: int = 1, *, builtin: bool = False) -> str:
    """The line a command that read the user's file ``path`` (as typed) ends with on
    stderr when the file gave ``count`` warnings (a new partner, say)."""
    noun, them = ("warning", "it") if count == 1 else ("warnings", "them")
    validate = "kzfp validate " + ("" if builtin else "--no-builtin ") + path
    return f"kzfp: {count} {noun} in {path}; {validate} lists {them}\n"
