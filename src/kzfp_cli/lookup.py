"""Lookups beyond the timeline: organizations with memberships and roles, partner
profiles, themes and counts. Pure functions over a Dataset, like :mod:`kzfp_cli.query`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from operator import attrgetter
from typing import NamedTuple

from kzfp_cli.dates import PartialDate
from kzfp_cli.model import About, Dataset, Event, Organization, Partner, Theme
from kzfp_cli.query import (
    DateWindow,
    EventFilter,
    chronological,
    org_vocabulary,
    partner_vocabulary,
    timeline,
)


class HeldRole(NamedTuple):
    role: str
    event: Event


class OrgSummary(NamedTuple):
    """An organization with Kazakhstan's membership and roles, derived from the events,
    and the organizations it grew out of and into."""

    org: Organization
    joined: Event | None
    roles: tuple[HeldRole, ...]
    predecessor: Organization | None = None
    successor: Organization | None = None

    @property
    def member_since(self) -> PartialDate | None:
        return self.joined.date if self.joined is not None else None


def org_summaries(
    dataset: Dataset, ids: Iterable[str] | None = None, on: DateWindow | None = None
) -> list[OrgSummary]:
    """Organizations by the date Kazakhstan joined (non-members last), then by id.

    With ``on``, only what was true in that window: organizations that existed then and
    that Kazakhstan had joined by then (a membership dated only to a year or month counts
    from its first day), each with the roles whose period overlaps it. A window that
    spans a succession (2001, for the Shanghai Five and the SCO) shows both.
    """
    wanted = set(ids) if ids is not None else None
    successors = {org.predecessor: org for org in dataset.orgs.values() if org.predecessor}
    summaries = []
    for org in dataset.orgs.values():
        if wanted is not None and org.id not in wanted:
            continue
        joined = dataset.events_by_id[org.joined_event] if org.joined_event else None
        roles = chronological(
            (
                HeldRole(role.role, dataset.events_by_id[role.event])
                for role in dataset.roles
                if role.org == org.id
            ),
            of=attrgetter("event"),
        )
        if on is not None:
            if joined is None or (on.last is not None and joined.first > on.last):
                continue
            if not org.exists_during(on.first or date.min, on.last or date.max):
                continue
            roles = [held for held in roles if on.overlaps(held.event)]
        predecessor = dataset.orgs.get(org.predecessor) if org.predecessor else None
        summaries.append(OrgSummary(org, joined, tuple(roles), predecessor, successors.get(org.id)))
    return sorted(summaries, key=_membership_key)


def _membership_key(summary: OrgSummary) -> tuple[bool, date, str]:
    joined = summary.joined.first if summary.joined is not None else date.max
    return (summary.joined is None, joined, summary.org.id)


def events_with(
    dataset: Dataset, *, partner: str | None = None, org: str | None = None
) -> list[Event]:
    """Events naming this partner or organization, in chronological order."""
    chosen = EventFilter(
        partners=frozenset([partner]) if partner else frozenset(),
        orgs=frozenset([org]) if org else frozenset(),
    )
    return timeline(dataset, chosen)


class PartnerSummary(NamedTuple):
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


class PartnerProfile(NamedTuple):
    summary: PartnerSummary
    # Organizations both Kazakhstan and the partner belong to.
    shared_orgs: tuple[Organization, ...]
    # The partner's themes, most frequent first, with their counts.
    themes: tuple[tuple[Theme, int], ...]


def partner_profile(dataset: Dataset, name: str) -> PartnerProfile:
    # A name of another kind is one to ask about in its own right, not to filter by.
    others = (org_vocabulary(dataset, filtering=False),)
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


class OrgDetail(NamedTuple):
    summary: OrgSummary
    events: tuple[Event, ...]


def org_detail(dataset: Dataset, name: str) -> OrgDetail:
    ident = org_vocabulary(dataset).resolve(name, (partner_vocabulary(dataset, filtering=False),))
    (summary,) = org_summaries(dataset, [ident])
    return OrgDetail(summary, tuple(events_with(dataset, org=ident)))


class ThemeSummary(NamedTuple):
    theme: Theme
    events: int


def theme_summaries(dataset: Dataset) -> list[ThemeSummary]:
    counts = Counter(theme for event in dataset.events for theme in event.themes)
    return [ThemeSummary(theme, counts[theme.id]) for theme in dataset.themes.values()]


class Stats(NamedTuple):
    """How many events there are per start year, per partner and per theme."""

    events: int
    by_year: tuple[tuple[int, int], ...]
    by_partner: tuple[tuple[str, int], ...]
    by_theme: tuple[tuple[str, int], ...]


def stats(events: Sequence[Event]) -> Stats:
    """Counts over these events: every year from the first to the last in order, 0 for a
    year with none (so that a gap shows); partners and themes most frequent first. A
    period counts once, in the year it began."""

    def ranked(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0])))

    years = Counter(event.date.year for event in events)
    every_year = range(min(years), max(years) + 1) if years else range(0)
    return Stats(
        events=len(events),
        by_year=tuple((year, years[year]) for year in every_year),
        by_partner=ranked(Counter(p for event in events for p in event.partners)),
        by_theme=ranked(Counter(t for event in events for t in event.themes)),
    )


class DatasetSummary(NamedTuple):
    """What the data holds: its description, the period its events cover, and counts."""

    about: About | None
    first: PartialDate | None
    last: PartialDate | None
    events: int
    partners: int
    orgs: int
    themes: int
    # Distinct sources cited, however many events cite each: by address, or by their
    # text where they have none.
    sources: int


def dataset_summary(dataset: Dataset) -> DatasetSummary:
    events = dataset.events
    first = min((event.date for event in events), key=lambda d: d.first, default=None)
    last = max(
        (event.end_date or event.date for event in events), key=lambda d: d.last, default=None
    )
    addresses = {source.url or source.title for event in events for source in event.sources}
    return DatasetSummary(
        about=dataset.about,
        first=first,
        last=last,
        events=len(events),
        partners=len(dataset.partners),
        orgs=len(dataset.orgs),
        themes=len(dataset.themes),
        sources=len(addresses),
    )
