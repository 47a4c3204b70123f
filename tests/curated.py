"""The built-in data, read apart from kzfp (with the csv module), so that tests follow the
data as it grows instead of pinning how much of it there is."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"


def curated(table: str) -> list[dict[str, str]]:
    """The rows of a built-in data file (``events``, ``partners``, ``orgs``...)."""
    with (DATA / f"{table}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def cells(row: dict[str, str], column: str) -> list[str]:
    """The items of a list cell."""
    return [cell for cell in row[column].split(";") if cell]


def chronological(rows: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    """As kzfp orders events: by first day; on one day the coarser date first; then id."""

    def key(row: dict[str, str]) -> tuple[str, str]:
        year, month, day = [*row["date"].split("-"), "00", "00"][:3]
        return (year + month + day, row["id"])

    return sorted(rows, key=key)
