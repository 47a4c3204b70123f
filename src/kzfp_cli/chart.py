"""A timeline chart as lines of text: years along the axis, one lane per partner,
organization or theme, a mark for each dated event and a bar for each period.

Pure layout: the caller decides the width and whether Unicode marks may be used, and
prints the lines (colouring them if it likes)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from kzfp_cli.model import Dataset, Event

MIN_PLOT = 20
MAX_LABEL = 16


class Marks(NamedTuple):
    point: str
    several: str
    bar: str
    axis: str
    corner: str
    tick: str
    ellipsis: str


UNICODE = Marks("●", "◆", "━", "─", "└", "┴", "…")
ASCII = Marks("o", "*", "=", "-", "+", "+", "~")


def _lane_keys(event: Event, by: str, dataset: Dataset) -> list[str]:
    if by == "partner":
        return [dataset.partners[p].name for p in event.partners]
    if by == "org":
        return [dataset.orgs[o].acronym for o in event.orgs]
    return [dataset.themes[t].name for t in event.themes]


def chart_lines(
    events: Sequence[Event],
    dataset: Dataset,
    *,
    by: str = "partner",
    width: int = 80,
    lanes: int = 12,
    unicode: bool = True,
) -> list[str]:
    """The chart, one string a line, at most ``width`` characters wide."""
    marks = UNICODE if unicode else ASCII
    if not events:
        return []
    counts = Counter(key for event in events for key in _lane_keys(event, by, dataset))
    ordered = [key for key, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    shown = ordered[:lanes]
    rest = len(ordered) > lanes
    none_label = f"(no {by})"
    labels = [*shown, *(["(others)"] if rest else [])]
    if any(not _lane_keys(event, by, dataset) for event in events):
        labels.append(none_label)
    label_width = min(MAX_LABEL, max(len(label) for label in labels))
    plot = max(MIN_PLOT, width - label_width - 3)

    start = date(min(event.first for event in events).year, 1, 1)
    end = date(max(event.last for event in events).year, 12, 31)
    span = (end - start).days or 1

    def column(day: date) -> int:
        return round((day - start).days / span * (plot - 1))

    rows = {label: [" "] * plot for label in labels}
    for event in events:
        keys = _lane_keys(event, by, dataset)
        targets = {key if key in shown else "(others)" for key in keys} or {none_label}
        first, last = column(event.first), column(event.last)
        for target in targets:
            row = rows[target]
            if event.end_date is not None and last > first:
                for col in range(first, last + 1):
                    if row[col] == " ":
                        row[col] = marks.bar
            elif row[first] in (marks.point, marks.several):
                row[first] = marks.several
            else:
                row[first] = marks.point

    def label_cell(label: str) -> str:
        if len(label) > label_width:
            label = label[: label_width - 1] + marks.ellipsis
        return label.ljust(label_width)

    years = list(range(start.year, end.year + 1))
    step = 1
    while len(years[::step]) * 5 > plot and step < len(years):
        step += 1
    axis = [marks.axis] * plot
    scale = [" "] * plot
    for year in years[::step]:
        col = column(date(year, 1, 1))
        axis[col] = marks.tick
        text = str(year)
        at = min(col, plot - len(text))
        if all(cell == " " for cell in scale[max(0, at - 1) : at + len(text)]):
            scale[at : at + len(text)] = list(text)

    kind = {"partner": "partner", "org": "organization", "theme": "theme"}[by]
    lines = [f"{len(events)} events, {start.year}–{end.year}, one lane per {kind}", ""]
    lines += [f"{label_cell(label)} │ {''.join(rows[label])}".rstrip() for label in labels]
    lines.append(f"{' ' * label_width} {marks.corner}{marks.axis}{''.join(axis)}")
    lines.append(f"{' ' * label_width}   {''.join(scale)}".rstrip())
    lines.append("")
    legend = (
        f"{marks.point} event   {marks.bar * 3} period   {marks.several} several close together"
    )
    lines.append(legend)
    if not unicode:
        lines = [line.replace("│", "|") for line in lines]
    return lines
