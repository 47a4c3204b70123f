"""Problems found in data files, collected while they are read and cross-checked."""

from __future__ import annotations

from collections import Counter

from kzfp_cli.errors import DataError
from kzfp_cli.model import Problem

# The most characters a message, or the column it names, echoes of what a file holds: a
# 100 KB value is named by its beginning and its length, and a report stays readable.
MAX_ECHO = 200
# The most names of one kind (unknown keys of one object, unknown columns of a header)
# a report lists one by one; the rest are counted on one line.
MAX_NAMED = 20


def cut(text: str, most: int = MAX_ECHO) -> str:
    """``text`` as a message echoes it: whole up to ``most`` characters, else its
    beginning and how long it is."""
    if len(text) <= most:
        return text
    return f"{text[:most]}… ({len(text):,} characters)"


class Problems:
    """Every problem found, errors and warnings; errors are raised together, so that a
    broken file is fixed in one pass and no row is ever dropped silently.

    Errors are always held (a file stops being read after MAX_PROBLEMS of them). A
    warning never stops a read: a file may hold one a row, so a reader that only needs to
    know how many there are (every command but ``kzfp validate``) counts them instead of
    holding them (``keep_warnings`` False)."""

    def __init__(self) -> None:
        self.found: list[Problem] = []
        self.error_count = 0
        # Warnings by file, held or not.
        self.warnings: Counter[str] = Counter()
        self.keep_warnings = True

    def add(
        self, file: str, line: int, column: str | None, message: str, *, warning: bool = False
    ) -> None:
        if warning:
            self.warnings[file] += 1
            if not self.keep_warnings:
                return
        else:
            self.error_count += 1
        named = cut(column) if column is not None else None
        severity = "warning" if warning else "error"
        self.found.append(Problem(file, line, named, cut(message, 2 * MAX_ECHO), severity))

    def ordered(self) -> list[Problem]:
        # Checks run table by table and pass by pass; report in file and line order.
        return sorted(self.found, key=lambda problem: (problem.file, problem.line))

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.ordered() if problem.severity == "error"]

    def raise_if_errors(self) -> None:
        errors = self.errors
        if errors:
            raise DataError.from_problems([str(problem) for problem in errors])
