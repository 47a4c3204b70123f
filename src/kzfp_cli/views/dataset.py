"""The data as a whole: its counts per year, partner and theme, with their bars
(``kzfp stats``), and what it is and covers (``kzfp about``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from kzfp_cli.model import Dataset
from kzfp_cli.views.base import Column, Detail, Listing, Record, iso_or_none

if TYPE_CHECKING:  # only named in annotations; imported by the commands that use them
    from kzfp_cli.lookup import DatasetSummary, Stats

BAR_WIDTH = 30


def _counts(
    pairs: Sequence[tuple[Any, int]], header: str, label: Callable[[Any], str]
) -> Listing[tuple[Any, int]]:
    most = max((count for _, count in pairs), default=0)
    return Listing(
        items=pairs,
        record=lambda pair: {"key": pair[0], "events": pair[1]},
        fields=("key", "events"),
        columns=(
            Column(header, lambda pair: label(pair[0])),
            Column("Events", lambda pair: str(pair[1])),
            Column(
                "",
                lambda pair: "█" * max(1, round(BAR_WIDTH * pair[1] / most)),
                decorative=True,
            ),
        ),
        empty_message="(none)",
    )


def stats_detail(counts: Stats, dataset: Dataset) -> Detail:
    record = {
        "events": counts.events,
        "by_year": {str(year): count for year, count in counts.by_year},
        "by_partner": dict(counts.by_partner),
        "by_theme": dict(counts.by_theme),
    }

    def rows(record: Record) -> list[dict[str, str]]:
        return [
            {"dimension": dimension, "key": key, "events": str(count)}
            for dimension in ("year", "partner", "theme")
            for key, count in record[f"by_{dimension}"].items()
        ]

    return Detail(
        record=record,
        rows=rows,
        facts=(("Events", str(counts.events)),),
        sections=(
            ("Events per year (by the year each began)", _counts(counts.by_year, "Year", str)),
            (
                "Events per partner",
                _counts(counts.by_partner, "Partner", lambda p: dataset.partners[p].name),
            ),
            (
                "Events per theme",
                _counts(counts.by_theme, "Theme", lambda t: dataset.themes[t].name),
            ),
        ),
    )


def about_detail(summary: DatasetSummary) -> Detail:
    about = summary.about
    record = {
        "version": about.version if about else None,
        "reviewed": about.reviewed.iso() if about else None,
        "covers": {"first": iso_or_none(summary.first), "last": iso_or_none(summary.last)},
        "events": summary.events,
        "partners": summary.partners,
        "orgs": summary.orgs,
        "themes": summary.themes,
        "sources": summary.sources,
        "origin": about.origin if about else None,
    }
    covers = (
        f"{summary.first.display()} to {summary.last.display()}"
        if summary.first and summary.last
        else "no events"
    )
    return Detail(
        record=record,
        facts=(
            ("Version", about.version if about else "(your own data)"),
            ("Last reviewed", about.reviewed.display() if about else ""),
            ("Covers", covers),
            ("Events", str(summary.events)),
            ("Partners", str(summary.partners)),
            ("Organizations", str(summary.orgs)),
            ("Themes", str(summary.themes)),
            ("Sources", f"{summary.sources} addresses cited"),
            ("Where the facts come from", about.origin if about else ""),
        ),
    )
