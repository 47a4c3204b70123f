"""A timeline chart as lines of text: years along the axis, one lane per partner,
organization or theme, a mark for each dated event and a bar for each period.

Pure layout: the caller decides the width and whether Unicode marks may be used, and
prints the lines (colouring them if it likes)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from kzfp_cli.model import Dataset, Event

if TYPE_CHECKING:  # only named in annotations; the command passes it in
    from kzfp_cli.language import Language

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
    ids = {"partner": event.partners, "org": event.orgs}.get(by, event.themes)
    return [_lane_label(ident, by, dataset) for ident in ids]


def _lane_label(ident: str, by: str, dataset: Dataset) -> str:
    if by == "partner":
        return dataset.partners[ident].name
    if by == "org":
        return dataset.orgs[ident].acronym
    return dataset.themes[ident].name


def chart_lines(
    events: Sequence[Event],
    dataset: Dataset,
    lang: Language,
    *,
    by: str = "partner",
    width: int = 80,
    lanes: int = 12,
    unicode: bool = True,
    asked: Collection[str] = (),
) -> list[str]:
    """The chart, one string a line, at most ``width`` characters wide, its words in
    ``lang``. ``asked`` are the ids of the kind of the lanes that the selection asked for
    (``--partner`` with a lane per partner): then the lanes are those, each of them even
    with no event, and no other, rather than the busiest."""
    _ = lang.gettext
    marks = UNICODE if unicode else ASCII
    if not events:
        return []
    lanes_of = _Lanes.of(events, dataset, by, lanes, lang, asked)
    label_width = min(MAX_LABEL, max(len(label) for label in lanes_of.labels))
    scale = _Scale.of(events, max(MIN_PLOT, width - label_width - 3))
    rows = _plotted(events, dataset, by, lanes_of, scale, marks)
    axis, years = _axis(scale, marks)

    def label_cell(label: str) -> str:
        if len(label) > label_width:
            label = label[: label_width - 1] + marks.ellipsis
        return label.ljust(label_width)

    heading = {
        "partner": _("{count} events, {first}–{last}, one lane per partner"),
        "org": _("{count} events, {first}–{last}, one lane per organization"),
        "theme": _("{count} events, {first}–{last}, one lane per theme"),
    }[by]
    lines = [heading.format(count=len(events), first=scale.start.year, last=scale.end.year), ""]
    lines += [f"{label_cell(label)} │ {''.join(rows[label])}".rstrip() for label in lanes_of.labels]
    lines.append(f"{' ' * label_width} {marks.corner}{marks.axis}{axis}")
    lines.append(f"{' ' * label_width}   {years}".rstrip())
    lines.append("")
    legend = (
        f"{marks.point} {_('event')}   {marks.bar * 3} {_('period')}   "
        f"{marks.several} {_('several close together')}"
    )
    lines.append(legend)
    if not unicode:
        lines = [line.replace("│", "|") for line in lines]
    return lines


class _Lanes(NamedTuple):
    """The lanes, most events first: at most ``lanes`` named ones, then one for the rest
    and one for the events that name none. Of those asked for, when some were: an event
    is drawn in the lanes of those it names."""

    labels: list[str]
    named: list[str]
    others: str
    none: str
    shown: Collection[str] | None  # the keys drawn; None for every key

    @classmethod
    def of(
        cls,
        events: Sequence[Event],
        dataset: Dataset,
        by: str,
        lanes: int,
        lang: Language,
        asked: Collection[str] = (),
    ) -> _Lanes:
        _ = lang.gettext
        counts = Counter(key for event in events for key in _lane_keys(event, by, dataset))
        shown = None
        if asked:
            shown = {_lane_label(ident, by, dataset) for ident in asked}
            counts = Counter({key: counts[key] for key in shown})
        ordered = [key for key, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        named = ordered[:lanes]
        none = {"partner": _("(no partner)"), "org": _("(no org)"), "theme": _("(no theme)")}[by]
        others = _("(others)")
        labels = [*named, *([others] if len(ordered) > lanes else [])]
        if any(not _lane_keys(event, by, dataset) for event in events):
            labels.append(none)
        return cls(labels, named, others, none, shown)

    def of_event(self, event: Event, dataset: Dataset, by: str) -> set[str]:
        keys = _lane_keys(event, by, dataset)
        if self.shown is not None:
            keys = [key for key in keys if key in self.shown]
        return {key if key in self.named else self.others for key in keys} or {self.none}


class _Scale(NamedTuple):
    """Whole years from the first event's to the last's, over ``plot`` columns."""

    start: date
    end: date
    plot: int

    @classmethod
    def of(cls, events: Sequence[Event], plot: int) -> _Scale:
        start = date(min(event.first for event in events).year, 1, 1)
        end = date(max(event.last for event in events).year, 12, 31)
        return cls(start, end, plot)

    def column(self, day: date) -> int:
        span = (self.end - self.start).days or 1
        return round((day - self.start).days / span * (self.plot - 1))


def _plotted(
    events: Sequence[Event], dataset: Dataset, by: str, lanes: _Lanes, scale: _Scale, marks: Marks
) -> dict[str, list[str]]:
    """Each lane's cells: a mark for a dated event, a bar for a period."""
    rows = {label: [" "] * scale.plot for label in lanes.labels}
    for event in events:
        first, last = scale.column(event.first), scale.column(event.last)
        for target in lanes.of_event(event, dataset, by):
            row = rows[target]
            if event.end_date is not None and last > first:
                for col in range(first, last + 1):
                    if row[col] == " ":
                        row[col] = marks.bar
            elif row[first] in (marks.point, marks.several):
                row[first] = marks.several
            else:
                row[first] = marks.point
    return rows


def _axis(scale: _Scale, marks: Marks) -> tuple[str, str]:
    """The axis with a tick at each year shown, and the years under it, as many as fit
    five columns apart."""
    years = list(range(scale.start.year, scale.end.year + 1))
    step = 1
    while len(years[::step]) * 5 > scale.plot and step < len(years):
        step += 1
    axis = [marks.axis] * scale.plot
    under = [" "] * scale.plot
    for year in years[::step]:
        col = scale.column(date(year, 1, 1))
        axis[col] = marks.tick
        text = str(year)
        at = min(col, scale.plot - len(text))
        if all(cell == " " for cell in under[max(0, at - 1) : at + len(text)]):
            under[at : at + len(text)] = list(text)
    return "".join(axis), "".join(under)
