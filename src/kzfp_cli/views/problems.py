"""The problems ``kzfp validate`` finds in data files, one a row."""

from __future__ import annotations

from collections.abc import Sequence

from kzfp_cli.model import Problem
from kzfp_cli.views.base import Column, Listing


def problem_listing(problems: Sequence[Problem]) -> Listing[Problem]:
    return Listing(
        items=problems,
        record=lambda p: {
            "file": p.file,
            "line": p.line,
            "column": p.column,
            "severity": p.severity,
            "message": p.message,
        },
        fields=("file", "line", "column", "severity", "message"),
        columns=(Column("Problem", str, share=1),),
        empty_message="No problems.",
    )
