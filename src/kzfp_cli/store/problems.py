"""Problems found in data files, collected while they are read and cross-checked."""

from __future__ import annotations

from collections import Counter

from kzfp_cli.errors import DataError
from kzfp_cli.model import Problem


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
        self.found.append(Problem(file, line, column, message, "warning" if warning else "error"))

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
