"""Problems found in data files, collected while they are read and cross-checked."""

from __future__ import annotations

from kzfp_cli.errors import DataError
from kzfp_cli.model import Problem


class Problems:
    """Every problem found, errors and warnings; errors are raised together, so that a
    broken file is fixed in one pass and no row is ever dropped silently."""

    def __init__(self) -> None:
        self.found: list[Problem] = []

    def add(
        self, file: str, line: int, column: str | None, message: str, *, warning: bool = False
    ) -> None:
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
