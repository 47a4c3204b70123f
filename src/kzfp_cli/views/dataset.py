"""The data as a whole: its counts per year, partner and theme, with their bars
(``kzfp stats``), and what it is and covers (``kzfp about``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from kzfp_cli.model import Dataset
from kzfp_cli.views.base import Column, Detail, Listing, Record, iso_or_none

if TYPE_CHECKING:  # only named in annotations; imported by the commands that use them
    from kzfp_cli.language import Language
    from kzfp_cli.lookup import DatasetSummary, Stats

BAR_WIDTH = 30


def _counts(
    pairs: Sequence[tuple[Any, int]], header: str, label: Callable[[Any], str], lang: Language
) -> Listing[tuple[Any, int]]:
    _ = lang.gettext
    most = max((count for _key, count in pairs), default=0)
    return Listing(
        items=pairs,
        record=lambda pair: {"key": pair[0], "events": pair[1]},
        fields=("key", "events"),
        columns=(
            Column(header, lambda pair: label(pair[0])),
            Column(_("Events"), lambda pair: str(pair[1])),
            Column(
                "",
                # A count of one shows at least a block; a count of 0, as a year with
                # no events, none.
                lambda pair: "█" * max(1, round(BAR_WIDTH * pair[1] / most)) if pair[1] else "",
                decorative=True,
            ),
        ),
        empty_message=_("(none)"),
    )


def stats_detail(counts: Stats, dataset: Dataset, lang: Language) -> Detail:
    record = {
        "events": counts.events,
        # A year as ISO 8601 and the data write it: in four digits (0999).
        "by_year": {str(year).zfill(4): count for year, count in counts.by_year},
        "by_partner": dict(counts.by_partner),
        "by_theme": dict(counts.by_theme),
    }

    def rows(record: Record) -> list[dict[str, str]]:
        return [
            {"dimension": dimension, "key": key, "events": str(count)}
            for dimension in ("year", "partner", "theme")
            for key, count in record[f"by_{dimension}"].items()
        ]

    _ = lang.gettext
    return Detail(
        record=record,
        rows=rows,
        header=(_("Field"), _("Value")),
        facts=((_("Events"), str(counts.events)),),
        sections=(
            (
                _("Events per year (by the year each began)"),
                _counts(counts.by_year, _("Year"), str, lang),
            ),
            (
                _("Events per partner"),
                _counts(counts.by_partner, _("Partner"), lambda p: dataset.partners[p].name, lang),
            ),
            (
                _("Events per theme"),
                _counts(counts.by_theme, _("Theme"), lambda t: dataset.themes[t].name, lang),
            ),
        ),
    )


def about_detail(summary: DatasetSummary, lang: Language) -> Detail:
    from kzfp_cli.citations import chicago_note, dataset_reference

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
        "license": about.license if about else None,
        "license_url": about.license_url if about else None,
        "citation": chicago_note(dataset_reference(about)) if about else None,
    }
    _ = lang.gettext
    words = lang.dates
    covers = (
        _("{first} to {last}").format(
            first=summary.first.display(words), last=summary.last.display(words)
        )
        if summary.first and summary.last
        else _("no events")
    )
    return Detail(
        record=record,
        header=(_("Field"), _("Value")),
        facts=(
            (_("Version"), about.version if about else _("(your own data)")),
            (_("Last reviewed"), about.reviewed.display(words) if about else ""),
            (_("Covers"), covers),
            (_("Events"), str(summary.events)),
            (_("Partners"), str(summary.partners)),
            (_("Organizations"), str(summary.orgs)),
            (_("Themes"), str(summary.themes)),
            (_("Sources"), _("{count} addresses cited").format(count=summary.sources)),
            # The origin is the data's own text, in English: about.csv has no translation.
            (_("Where the facts come from"), about.origin if about else ""),
            (_("Licence"), f"{about.license} ({about.license_url})" if about else ""),
            (_("How to cite it"), chicago_note(dataset_reference(about)) if about else ""),
        ),
    )
