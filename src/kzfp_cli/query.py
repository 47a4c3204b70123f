"""Questions asked of a Dataset. Pure functions: no I/O, no printing, no Typer or Rich."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import lru_cache, partial
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, overload

from kzfp_cli.dates import PartialDate, Precision
from kzfp_cli.errors import FilterError, SinceAfterUntilError
from kzfp_cli.model import Dataset, Event
from kzfp_cli.names import UnknownNameError, Vocabulary
from kzfp_cli.typed_dates import MonthDay, parse_user_date, parse_when, parse_year

if TYPE_CHECKING:
    from kzfp_cli.question import TextQuery

Typed = TypeVar("Typed", PartialDate, PartialDate | MonthDay)
T = TypeVar("T")


class DateWindow(NamedTuple):
    """The days from ``first`` to ``last``, both included; either may be open."""

    first: date | None = None
    last: date | None = None

    def overlaps(self, event: Event) -> bool:
        if self.first is not None and event.last < self.first:
            return False
        return self.last is None or event.first <= self.last


def window_on(text: str, *, today: date | None = None) -> DateWindow:
    """The window of ``--on DATE`` as typed: a day, or a whole month or year (a day said
    from ``today``, such as ``yesterday``, from this computer's clock when None)."""
    asked = _typed(partial(parse_user_date, today=today), "on", text)
    return DateWindow(asked.first, asked.last)


def dated_on_day_of_year(event: Event, day: MonthDay) -> bool:
    """Whether ``event`` began or ended on ``day`` in some year, by a date known to the
    day: an anniversary of it. The days inside a period are not (a two-year term would be
    every day's), nor is a date known only to the month or the year."""
    end = event.end_date
    if event.date.precision is Precision.DAY and day.falls_on(event.first):
        return True
    return end is not None and end.precision is Precision.DAY and day.falls_on(event.last)


class EventFilter(NamedTuple):
    """What ``kzfp timeline`` asks for. Every criterion must hold (AND); within a list of
    partners, organizations or themes any one is enough (OR). ``None`` or empty means any.
    ``every_year`` is a day of the year the event began or ended on, in some year."""

    partners: frozenset[str] = frozenset()
    orgs: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    first: date | None = None
    last: date | None = None
    text: TextQuery | None = None
    every_year: MonthDay | None = None

    def matches(self, event: Event) -> bool:
        if self.partners and self.partners.isdisjoint(event.partners):
            return False
        if self.orgs and self.orgs.isdisjoint(event.orgs):
            return False
        if self.themes and self.themes.isdisjoint(event.themes):
            return False
        # Overlap: an event matches a window when their intervals share at least one day.
        if (self.first or self.last) and not DateWindow(self.first, self.last).overlaps(event):
            return False
        if self.every_year is not None and not dated_on_day_of_year(event, self.every_year):
            return False
        return self.text is None or self.text.said_by(event)


def partner_vocabulary(dataset: Dataset, *, filtering: bool = True) -> Vocabulary:
    """The partners' names, as the partner filter reads them (or, not ``filtering``, as
    a lookup does)."""
    return Vocabulary(
        "partner",
        (
            (p.id, (p.name, *p.aliases, p.iso2, p.iso3, p.wikidata))
            for p in dataset.partners.values()
        ),
        field="partner" if filtering else "",
    )


def org_vocabulary(dataset: Dataset, *, filtering: bool = True) -> Vocabulary:
    return Vocabulary(
        "organization",
        ((o.id, (o.acronym, o.name, *o.aliases, o.wikidata)) for o in dataset.orgs.values()),
        field="org" if filtering else "",
    )


def theme_vocabulary(dataset: Dataset) -> Vocabulary:
    return Vocabulary(
        "theme", ((t.id, (t.name, *t.aliases)) for t in dataset.themes.values()), field="theme"
    )


def build_filter(
    dataset: Dataset,
    *,
    partners: Sequence[str] = (),
    orgs: Sequence[str] = (),
    themes: Sequence[str] = (),
    year: str | None = None,
    since: str | None = None,
    until: str | None = None,
    text: str | None = None,
    when: str | None = None,
    today: date | None = None,
) -> EventFilter:
    """Build a filter from what a person typed; raise a UsageError for anything unknown:
    an UnknownNameError, a FilterError naming the field, or a SinceAfterUntilError.
    ``when`` is a date the events must cover, or a month and a day they must have begun
    or ended on in some year (:func:`dated_on_day_of_year`). A date said from today
    (``yesterday``, ``2 years ago``) counts from ``today``, or from this computer's clock
    when it is None."""
    partner_vocab = partner_vocabulary(dataset)
    org_vocab = org_vocabulary(dataset)
    theme_vocab = theme_vocabulary(dataset)
    # The window is the intersection of the year and since/until; each is a closed
    # interval of days, and an event matches when its own interval overlaps the window.
    window_first: list[date] = []
    window_last: list[date] = []
    typed_date = partial(parse_user_date, today=today)
    if year is not None:
        asked = _typed(parse_year, "year", year)
        window_first.append(asked.first)
        window_last.append(asked.last)
    if since is not None:
        window_first.append(_typed(typed_date, "since", since).first)
    if until is not None:
        window_last.append(_typed(typed_date, "until", until).last)
        if since is not None and window_first[-1] > window_last[-1]:
            raise SinceAfterUntilError(since, until)
    every_year = None
    if when is not None:
        covered = _typed(partial(parse_when, today=today), "when", when)
        if isinstance(covered, MonthDay):
            every_year = covered
        else:
            window_first.append(covered.first)
            window_last.append(covered.last)
    return EventFilter(
        partners=partner_vocab.resolve_all(partners, (org_vocab, theme_vocab)),
        orgs=org_vocab.resolve_all(orgs, (partner_vocab, theme_vocab)),
        themes=theme_vocab.resolve_all(themes, (partner_vocab, org_vocab)),
        first=max(window_first, default=None),
        last=min(window_last, default=None),
        text=_text_query(text),
        every_year=every_year,
    )


def _text_query(text: str | None) -> TextQuery | None:
    """What ``--search TEXT`` asks for, read by search's rule; None for no words."""
    if not text or not text.strip():
        return None
    from kzfp_cli.question import TextQuery

    return TextQuery.of(text)


class Filters(NamedTuple):
    """The filters as a person typed them (names, aliases, dates as text), before they
    are resolved against a dataset. The same options mean the same thing in every command
    that selects events, so they travel together as one value. (A NamedTuple, as the
    other records on the start-up path: a frozen dataclass costs a millisecond to define.)"""

    partners: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    year: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    when: str | None = None
    # The day a date said from today counts from (yesterday, 2 years ago); None is this
    # computer's clock, read when such a date is typed.
    today: date | None = None

    def event_filter(self, dataset: Dataset) -> EventFilter:
        """The filter these options describe in ``dataset``; UsageError for anything
        unknown or impossible."""
        return build_filter(
            dataset,
            partners=self.partners,
            orgs=self.orgs,
            themes=self.themes,
            year=self.year,
            since=self.since,
            until=self.until,
            text=self.text,
            when=self.when,
            today=self.today,
        )

    def selector(self, reference: Dataset) -> EventFilter | None:
        """The filter these options describe, resolved against the ``reference`` data
        known before a user's events are read: the same filter as in all of the data, as
        a user's events only add names that none before took. None when a name is one
        only the user's files define, as it can be resolved only once they are read."""
        try:
            return self.event_filter(reference)
        except UnknownNameError:
            return None


def _typed(parse: Callable[[str], Typed], field: str, value: str) -> Typed:
    try:
        return parse(value)
    except ValueError as error:
        raise FilterError(field, value, str(error)) from None


@overload
def chronological(items: Iterable[Event], *, reverse: bool = False) -> list[Event]: ...


@overload
def chronological(
    items: Iterable[T], *, of: Callable[[T], Event], reverse: bool = False
) -> list[T]: ...


def chronological(
    items: Iterable[Any], *, of: Callable[[Any], Event] | None = None, reverse: bool = False
) -> list[Any]:
    """``items`` (events, or things ``of`` gives the event of) in the order of their
    events: earliest day first; at the same day the coarser date (a year-only event)
    first; then by id. Newest first with ``reverse``.

    Sorted by id, then by day, which keeps the order of the ids within a day: the keys
    are the ids themselves and one string for each different day, so a million events
    make no new string each (60 MB less at the peak, and faster than one key each)."""
    if of is None:
        by_id: Callable[[Any], str] = attrgetter("id")
        by_day: Callable[[Any], str] = _day
    else:
        event_of = of

        def by_id(item: Any) -> str:
            return event_of(item).id

        def by_day(item: Any) -> str:
            return _day(event_of(item))

    ordered = sorted(items, key=by_id, reverse=reverse)
    ordered.sort(key=by_day, reverse=reverse)
    return ordered


def _day(event: Event) -> str:
    return _sortable(event.date)


@lru_cache(maxsize=1 << 16)
def _sortable(date: PartialDate) -> str:
    return date.sortable()


def timeline(
    dataset: Dataset,
    event_filter: EventFilter | None = None,
    *,
    reverse: bool = False,
    limit: int | None = None,
) -> list[Event]:
    """The matching events in chronological order (or reversed), at most ``limit`` of them."""
    chosen = event_filter or EventFilter()
    events = chronological(
        (event for event in dataset.events if chosen.matches(event)), reverse=reverse
    )
    return events if limit is None else events[:limit]


def resolve_event(dataset: Dataset, text: str) -> Event:
    """The event with this id; an UnknownNameError naming the closest ids otherwise."""
    vocabulary = Vocabulary("event", ((ident, ()) for ident in dataset.events_by_id))
    return dataset.events_by_id[vocabulary.resolve(text)]
