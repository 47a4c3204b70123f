"""Questions asked of a Dataset. Pure functions: no I/O, no printing, no Typer or Rich."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from kzfp_cli.dates import PartialDate, parse_user_date, parse_year
from kzfp_cli.errors import UsageError
from kzfp_cli.model import Dataset, Event, Organization, Partner, Theme
from kzfp_cli.names import Vocabulary


@dataclass(frozen=True)
class DateWindow:
    """The days from ``first`` to ``last``, both included; either may be open."""

    first: date | None = None
    last: date | None = None

    def overlaps(self, event: Event) -> bool:
        if self.first is not None and event.last < self.first:
            return False
        return self.last is None or event.first <= self.last


def window_on(text: str) -> DateWindow:
    """The window of ``--on DATE`` as typed: a day, or a whole month or year."""
    asked = _typed(parse_user_date, "--on", text)
    return DateWindow(asked.first, asked.last)


@dataclass(frozen=True)
class EventFilter:
    """What ``kzfp timeline`` asks for. Every criterion must hold (AND); within a list of
    partners, organizations or themes any one is enough (OR). ``None`` or empty means any."""

    partners: frozenset[str] = frozenset()
    orgs: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    first: date | None = None
    last: date | None = None
    text: str | None = None

    def matches(self, event: Event) -> bool:
        if self.partners and self.partners.isdisjoint(event.partners):
            return False
        if self.orgs and self.orgs.isdisjoint(event.orgs):
            return False
        if self.themes and self.themes.isdisjoint(event.themes):
            return False
        # Overlap: an event matches a window when their intervals share at least one day.
        if not DateWindow(self.first, self.last).overlaps(event):
            return False
        return self.text is None or _contains_all(event, self.text)


def _contains_all(event: Event, text: str) -> bool:
    haystack = " ".join((event.id, event.title, event.summary, event.note)).casefold()
    return all(word in haystack for word in text.casefold().split())


def partner_vocabulary(dataset: Dataset, option: str = "--partner") -> Vocabulary:
    return Vocabulary(
        "partner", option, ((p.id, (p.name, *p.aliases)) for p in dataset.partners.values())
    )


def org_vocabulary(dataset: Dataset, option: str = "--org") -> Vocabulary:
    return Vocabulary(
        "organization",
        option,
        ((o.id, (o.acronym, o.name, *o.aliases)) for o in dataset.orgs.values()),
    )


def theme_vocabulary(dataset: Dataset) -> Vocabulary:
    return Vocabulary("theme", "--theme", ((t.id, (t.name,)) for t in dataset.themes.values()))


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
) -> EventFilter:
    """Build a filter from what a person typed; raise UsageError for anything unknown."""
    partner_vocab = partner_vocabulary(dataset)
    org_vocab = org_vocabulary(dataset)
    theme_vocab = theme_vocabulary(dataset)
    # The window is the intersection of --year and --since/--until; each is a closed
    # interval of days, and an event matches when its own interval overlaps the window.
    window_first: list[date] = []
    window_last: list[date] = []
    if year is not None:
        asked = _typed(parse_year, "--year", year)
        window_first.append(asked.first)
        window_last.append(asked.last)
    start = _typed(parse_user_date, "--since", since) if since is not None else None
    end = _typed(parse_user_date, "--until", until) if until is not None else None
    if start is not None and end is not None and start.first > end.last:
        raise UsageError(f"--since {since} is after --until {until}")
    if start is not None:
        window_first.append(start.first)
    if end is not None:
        window_last.append(end.last)
    return EventFilter(
        partners=partner_vocab.resolve_all(partners, (org_vocab, theme_vocab)),
        orgs=org_vocab.resolve_all(orgs, (partner_vocab, theme_vocab)),
        themes=theme_vocab.resolve_all(themes, (partner_vocab, org_vocab)),
        first=max(window_first, default=None),
        last=min(window_last, default=None),
        text=(text or "").strip() or None,
    )


def _typed(parse: Callable[[str], PartialDate], option: str, value: str) -> PartialDate:
    try:
        return parse(value)
    except ValueError as error:
        raise UsageError(f"{option}: {error}") from None


def chronological_key(event: Event) -> tuple[date, int, str]:
    """Earliest day first; at the same day the coarser date (a year-only event) first."""
    return (event.first, int(event.precision), event.id)


def timeline(
    dataset: Dataset,
    event_filter: EventFilter | None = None,
    *,
    reverse: bool = False,
    limit: int | None = None,
) -> list[Event]:
    """The matching events in chronological order (or reversed), at most ``limit`` of them."""
    chosen = event_filter or EventFilter()
    events = sorted(
        (event for event in dataset.events if chosen.matches(event)),
        key=chronological_key,
        reverse=reverse,
    )
    return events if limit is None else events[:limit]


@dataclass(frozen=True)
class HeldRole:
    role: str
    event: Event


@dataclass(frozen=True)
class OrgSummary:
    """An organization with Kazakhstan's membership and roles, derived from the events."""

    org: Organization
    joined: Event | None
    roles: tuple[HeldRole, ...]

    @property
    def member_since(self) -> PartialDate | None:
        return self.joined.date if self.joined is not None else None


def org_summaries(
    dataset: Dataset, ids: Iterable[str] | None = None, on: DateWindow | None = None
) -> list[OrgSummary]:
    """Organizations by the date Kazakhstan joined (non-members last), then by id.

    With ``on``, only what was true in that window: organizations Kazakhstan had joined by
    then (a membership dated only to a year or month counts from its first day), each with
    the roles whose period overlaps it.
    """
    wanted = set(ids) if ids is not None else None
    summaries = []
    for org in dataset.orgs.values():
        if wanted is not None and org.id not in wanted:
            continue
        joined = dataset.events_by_id[org.joined_event] if org.joined_event else None
        roles = sorted(
            (
                HeldRole(role.role, dataset.events_by_id[role.event])
                for role in dataset.roles
                if role.org == org.id
            ),
            key=lambda held: chronological_key(held.event),
        )
        if on is not None:
            if joined is None or joined.first > on.last:
                continue
            roles = [held for held in roles if on.overlaps(held.event)]
        summaries.append(OrgSummary(org, joined, tuple(roles)))
    return sorted(summaries, key=_membership_key)


def _membership_key(summary: OrgSummary) -> tuple[bool, date, str]:
    joined = summary.joined.first if summary.joined is not None else date.max
    return (summary.joined is None, joined, summary.org.id)


def resolve_event(dataset: Dataset, text: str) -> Event:
    """The event with this id; a UsageError naming the closest ids otherwise."""
    vocabulary = Vocabulary("event", "ID", ((ident, ()) for ident in dataset.events_by_id))
    return dataset.events_by_id[vocabulary.resolve(text)]


def events_with(
    dataset: Dataset, *, partner: str | None = None, org: str | None = None
) -> list[Event]:
    """Events naming this partner or organization, in chronological order."""
    chosen = EventFilter(
        partners=frozenset([partner]) if partner else frozenset(),
        orgs=frozenset([org]) if org else frozenset(),
    )
    return timeline(dataset, chosen)


@dataclass(frozen=True)
class PartnerSummary:
    """A partner with its events in chronological order."""

    partner: Partner
    events: tuple[Event, ...]

    @property
    def first(self) -> PartialDate | None:
        return self.events[0].date if self.events else None

    @property
    def last(self) -> PartialDate | None:
        # The start of the latest event: a concept valid until 2020 is not a 2020 contact.
        return self.events[-1].date if self.events else None


def partner_summaries(dataset: Dataset) -> list[PartnerSummary]:
    """Every partner with its events, by name."""
    return sorted(
        (
            PartnerSummary(partner, tuple(events_with(dataset, partner=partner.id)))
            for partner in dataset.partners.values()
        ),
        key=lambda summary: (summary.partner.name.casefold(), summary.partner.id),
    )


@dataclass(frozen=True)
class PartnerProfile:
    summary: PartnerSummary
    # Organizations both Kazakhstan and the partner belong to.
    shared_orgs: tuple[Organization, ...]
    # The partner's themes, most frequent first, with their counts.
    themes: tuple[tuple[Theme, int], ...]


def partner_profile(dataset: Dataset, name: str) -> PartnerProfile:
    others = (org_vocabulary(dataset, "kzfp org show"),)
    partner = dataset.partners[partner_vocabulary(dataset).resolve(name, others)]
    events = tuple(events_with(dataset, partner=partner.id))
    shared = tuple(
        summary.org
        for summary in org_summaries(dataset)
        if summary.joined is not None and summary.org.id in partner.orgs
    )
    counts = Counter(theme for event in events for theme in event.themes)
    themes = tuple(
        (dataset.themes[theme], count)
        for theme, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    )
    return PartnerProfile(PartnerSummary(partner, events), shared, themes)


@dataclass(frozen=True)
class OrgDetail:
    summary: OrgSummary
    events: tuple[Event, ...]


def org_detail(dataset: Dataset, name: str) -> OrgDetail:
    ident = org_vocabulary(dataset).resolve(
        name, (partner_vocabulary(dataset, "kzfp partner show"),)
    )
    (summary,) = org_summaries(dataset, [ident])
    return OrgDetail(summary, tuple(events_with(dataset, org=ident)))


@dataclass(frozen=True)
class ThemeSummary:
    theme: Theme
    events: int


def theme_summaries(dataset: Dataset) -> list[ThemeSummary]:
    counts = Counter(theme for event in dataset.events for theme in event.themes)
    return [ThemeSummary(theme, counts[theme.id]) for theme in dataset.themes.values()]


@dataclass(frozen=True)
class Stats:
    """How many events there are per start year, per partner and per theme."""

    events: int
    by_year: tuple[tuple[int, int], ...]
    by_partner: tuple[tuple[str, int], ...]
    by_theme: tuple[tuple[str, int], ...]


def stats(events: Sequence[Event]) -> Stats:
    """Counts over these events: years in order; partners and themes most frequent first.
    A period counts once, in the year it began."""

    def ranked(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0])))

    years = Counter(event.date.year for event in events)
    return Stats(
        events=len(events),
        by_year=tuple(sorted(years.items())),
        by_partner=ranked(Counter(p for event in events for p in event.partners)),
        by_theme=ranked(Counter(t for event in events for t in event.themes)),
    )
