"""The closed sets a user chooses from: output formats, chart lanes, TimelineJS groupings.

Each is an Enum, so that Typer parses, checks and completes an option of it, and a
function over it that forgets a member is a type error (``assert_never``), not a test.
The module imports nothing heavy: every start of kzfp reads it to build its options.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import NamedTuple

if sys.version_info >= (3, 11):
    from typing import assert_never
else:  # pragma: no cover - Python 3.10
    from typing_extensions import assert_never

__all__ = [
    "CitationFormat",
    "FormatSpec",
    "Grouping",
    "LaneKind",
    "Lang",
    "OutputFormat",
    "assert_never",
    "format_spec",
]


class OutputFormat(str, Enum):
    table = "table"
    plain = "plain"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    md = "md"


class Lang(str, Enum):
    """The languages kzfp reads in: English, Russian and Kazakh (Cyrillic)."""

    en = "en"
    ru = "ru"
    kk = "kk"


class FormatSpec(NamedTuple):
    help: str
    # Formats for programs and files are UTF-8 whatever the locale. Table and plain are
    # read on a terminal, which shows text in the locale's encoding: they follow it (a
    # character it cannot show is an error, not mojibake).
    utf8: bool
    module: str  # the module of kzfp_cli.render that renders it


def format_spec(output_format: OutputFormat) -> FormatSpec:
    """What a format is, and who renders it: the one table of formats."""
    match output_format:
        case OutputFormat.table:
            return FormatSpec("a table for people (the default on a terminal)", False, "table")
        case OutputFormat.plain:
            return FormatSpec("tab-separated columns (the default into a pipe)", False, "plain")
        case OutputFormat.json:
            return FormatSpec("one JSON array or object", True, "json_format")
        case OutputFormat.jsonl:
            return FormatSpec("one JSON object a line", True, "jsonl_format")
        case OutputFormat.csv:
            return FormatSpec("comma-separated values with a header", True, "csv_format")
        case OutputFormat.tsv:
            return FormatSpec("tab-separated values with a header", True, "tsv")
        case OutputFormat.md:
            return FormatSpec("a Markdown table", True, "markdown")
        case _:
            assert_never(output_format)


class LaneKind(str, Enum):
    """What a lane of ``kzfp chart`` stands for."""

    partner = "partner"
    org = "org"
    theme = "theme"


class Grouping(str, Enum):
    """The rows TimelineJS draws (``export timelinejs --group-by``)."""

    partner = "partner"
    org = "org"
    theme = "theme"
    none = "none"


class CitationFormat(str, Enum):
    """What ``kzfp cite`` writes: a footnote a line, or a citation manager's format."""

    text = "text"
    bibtex = "bibtex"
    ris = "ris"
    csl_json = "csl-json"
