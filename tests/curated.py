"""The built-in data, read apart from kzfp (with the csv module), so that tests follow the
data as it grows instead of pinning how much of it there is."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"


def curated(table: str) -> list[dict[str, str]]:
    """The rows of a built-in data file (``events``, ``partners``, ``orgs``...)."""
    with (DATA / f"{table}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def cells(row: dict[str, str], column: str) -> list[str]:
    """The items of a list cell."""
    return [cell for cell in row[column].split(";") if cell]


def cited(row: dict[str, str]) -> list[dict[str, str | None]]:
    """The sources a row's ``sources`` cell names by id, as the output contract gives
    them: the rows of sources.csv, an empty cell as null."""
    by_id = sources_by_id()
    return [
        {key: value or None for key, value in by_id[ident].items()}
        for ident in cells(row, "sources")
    ]


@cache
def sources_by_id() -> dict[str, dict[str, str]]:
    """The rows of sources.csv by id, read once: many tests look up every event's."""
    return {source["id"]: source for source in curated("sources")}


def chronological(rows: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    """As kzfp orders events: by first day; on one day the coarser date first; then id."""

    def key(row: dict[str, str]) -> tuple[str, str]:
        year, month, day = [*row["date"].split("-"), "00", "00"][:3]
        return (year + month + day, row["id"])

    return sorted(rows, key=key)
