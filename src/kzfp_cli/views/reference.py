"""The reference tables: organizations, partners and themes, listed and shown whole."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kzfp_cli.dates import display_span
from kzfp_cli.model import Dataset, Organization, Partner
from kzfp_cli.views.base import Column, Detail, Listing, Nested, Record, date_or_blank, iso_or_none
from kzfp_cli.views.events import event_listing, nested_event, source_lines, source_record

if TYPE_CHECKING:  # only named in annotations; imported by the commands that use them
    from kzfp_cli.language import Language
    from kzfp_cli.lookup import (
        HeldRole,
        OrgDetail,
        OrgSummary,
        PartnerProfile,
        PartnerSummary,
        ThemeSummary,
    )

ORG_FIELDS = (
    "id", "acronym", "name", "wikidata", "founded", "ended", "predecessor", "successor",
    "member_since", "joined_event", "roles",
)  # fmt: skip
PARTNER_FIELDS = (
    "id", "name", "kind", "iso2", "iso3", "cow", "wikidata", "events", "first", "last",
)  # fmt: skip
THEME_FIELDS = ("id", "name", "description", "events")


def org_record(summary: OrgSummary) -> Record:
    org = summary.org
    return {
        "id": org.id,
        "acronym": org.acronym,
        "name": org.name,
        "wikidata": org.wikidata or None,
        "founded": iso_or_none(org.founded),
        "ended": iso_or_none(org.ended),
        "predecessor": summary.predecessor.id if summary.predecessor else None,
        "successor": summary.successor.id if summary.successor else None,
        "member_since": iso_or_none(summary.member_since),
        "joined_event": org.joined_event,
        "roles": [_role_record(held) for held in summary.roles],
    }


def _role_record(held: HeldRole) -> Nested:
    start, end = held.event.date.iso(), iso_or_none(held.event.end_date)
    return Nested(
        f"{held.role} ({start}/{end})" if end else f"{held.role} ({start})",
        {"role": held.role, "date": start, "end_date": end, "event": held.event.id},
    )


def _roles_cell(summary: OrgSummary, lang: Language) -> str:
    # The role is the data's own English text: roles.csv has no translation.
    return "\n".join(
        f"{held.role} ({display_span(held.event.date, held.event.end_date, words=lang.dates)})"
        for held in summary.roles
    )


def _existed_cell(summary: OrgSummary, lang: Language) -> str:
    """The years the organization existed, and what it grew out of or into (the days
    are in ``org show``)."""
    _ = lang.gettext
    org = summary.org
    if org.founded is None:
        return ""
    if org.ended is None:
        shown = _("since {year}").format(year=org.founded.year)
    else:
        shown = f"{org.founded.year}–{org.ended.year}"
    if summary.successor is not None:
        return _("{existed}, then {org}").format(existed=shown, org=summary.successor.acronym)
    if summary.predecessor is not None:
        return _("{existed}, after {org}").format(existed=shown, org=summary.predecessor.acronym)
    return shown


def _existed_in_full(summary: OrgSummary, lang: Language) -> str:
    org = summary.org
    if org.founded is None:
        return ""
    if org.ended is not None:
        return display_span(org.founded, org.ended, words=lang.dates)
    return lang.gettext("since {date}").format(date=org.founded.display(lang.dates))


def org_listing(summaries: Sequence[OrgSummary], lang: Language) -> Listing[OrgSummary]:
    _ = lang.gettext
    not_a_member = _("not a member")
    return Listing(
        items=summaries,
        record=org_record,
        fields=ORG_FIELDS,
        columns=(
            Column(_("Org"), lambda s: s.org.acronym),
            Column(_("Name"), lambda s: s.org.name, share=2),
            Column(_("Existed"), lambda s: _existed_cell(s, lang), share=1, min_width=100),
            Column(
                _("Member since"),
                lambda s: s.member_since.display(lang.dates) if s.member_since else not_a_member,
            ),
            Column(_("Roles held"), lambda s: _roles_cell(s, lang), share=3),
        ),
        empty_message=_("No organizations."),
    )


def partner_identifiers(partner: Partner) -> Record:
    """The standard identifiers a partner is joined on with research data (null where
    none applies: a bloc has no ISO or COW code)."""
    return {
        "iso2": partner.iso2 or None,
        "iso3": partner.iso3 or None,
        "cow": partner.cow,
        "wikidata": partner.wikidata or None,
    }


def _identifiers_text(iso2: str, iso3: str, cow: int | None, wikidata: str) -> str:
    parts = []
    if iso2 or iso3:
        parts.append("ISO " + " / ".join(code for code in (iso2, iso3) if code))
    if cow is not None:
        parts.append(f"COW {cow}")
    if wikidata:
        parts.append(f"Wikidata {wikidata}")
    return " · ".join(parts)


def partner_record(summary: PartnerSummary) -> Record:
    partner = summary.partner
    return {
        "id": partner.id,
        "name": partner.name,
        "kind": partner.kind,
        **partner_identifiers(partner),
        "events": len(summary.events),
        "first": iso_or_none(summary.first),
        "last": iso_or_none(summary.last),
    }


def _kind_word(kind: str, lang: Language) -> str:
    """A partner's kind as a word of ``lang``; a kind of a user's own, as it is."""
    _ = lang.gettext
    words = {
        "country": _("country"),
        "bloc": _("bloc"),
        "alliance": _("alliance"),
        "other": _("other"),
    }
    return words.get(kind, kind)


def partner_listing(summaries: Sequence[PartnerSummary], lang: Language) -> Listing[PartnerSummary]:
    _ = lang.gettext
    words = lang.dates
    return Listing(
        items=summaries,
        record=partner_record,
        fields=PARTNER_FIELDS,
        columns=(
            Column(_("ID"), lambda s: s.partner.id),
            Column(_("Name"), lambda s: s.partner.name, share=1),
            Column(_("Kind"), lambda s: _kind_word(s.partner.kind, lang)),
            Column(_("Events"), lambda s: str(len(s.events))),
            Column(_("First"), lambda s: date_or_blank(s.first, words)),
            Column(_("Last"), lambda s: date_or_blank(s.last, words)),
        ),
        empty_message=_("No partners."),
    )


def partner_detail(profile: PartnerProfile, dataset: Dataset, lang: Language) -> Detail:
    partner = profile.summary.partner
    events = profile.summary.events
    record = {
        "id": partner.id,
        "name": partner.name,
        "kind": partner.kind,
        **partner_identifiers(partner),
        "aliases": list(partner.aliases),
        "profile": partner.profile,
        "shared_interests": partner.shared_interests or None,
        "tensions": partner.tensions or None,
        "orgs": [org.id for org in profile.shared_orgs],
        "themes": [
            Nested(theme.id, {"id": theme.id, "events": count}) for theme, count in profile.themes
        ],
        "events": [nested_event(event) for event in events],
    }
    _ = lang.gettext
    first, last = profile.summary.first, profile.summary.last
    return Detail(
        record=record,
        header=(_("Field"), _("Value")),
        facts=(
            (_("Partner"), f"{partner.name} ({partner.id})"),
            (_("Kind"), _kind_word(partner.kind, lang)),
            (
                _("Identifiers"),
                _identifiers_text(partner.iso2, partner.iso3, partner.cow, partner.wikidata),
            ),
            (_("Also known as"), ", ".join(partner.aliases)),
            (_("Profile"), partner.profile),
            (_("Shared interests"), partner.shared_interests),
            (_("Tensions"), partner.tensions),
            (_("Organizations in common"), ", ".join(org.acronym for org in profile.shared_orgs)),
            (_("Themes"), ", ".join(f"{theme.name} ({count})" for theme, count in profile.themes)),
            (
                _("Events"),
                f"{len(events)}, {display_span(first, last, words=lang.dates)}"
                if first and last
                else "0",
            ),
        ),
        sections=((_("Timeline"), event_listing(events, dataset, lang)),),
    )


def org_detail_view(detail: OrgDetail, dataset: Dataset, lang: Language) -> Detail:
    summary = detail.summary
    org = summary.org
    listed = org_record(summary)
    record = {
        "id": listed["id"],
        "acronym": listed["acronym"],
        "name": listed["name"],
        "wikidata": listed["wikidata"],
        "aliases": list(org.aliases),
        "founded": listed["founded"],
        "ended": listed["ended"],
        "predecessor": listed["predecessor"],
        "successor": listed["successor"],
        "member_since": listed["member_since"],
        "joined_event": listed["joined_event"],
        "roles": listed["roles"],
        "sources": list(map(source_record, org.sources)),
        "note": org.note or None,
        "events": [nested_event(event) for event in detail.events],
    }
    _ = lang.gettext
    joined = (
        f"{summary.member_since.display(lang.dates)} ({org.joined_event})"
        if summary.member_since
        else _("not a member")
    )
    return Detail(
        record=record,
        header=(_("Field"), _("Value")),
        facts=(
            (_("Organization"), f"{org.acronym} ({org.id})"),
            (_("Name"), org.name),
            (_("Identifiers"), _identifiers_text("", "", None, org.wikidata)),
            (_("Also known as"), ", ".join(org.aliases)),
            (_("Existed"), _existed_in_full(summary, lang)),
            (_("Grew out of"), _org_name(summary.predecessor)),
            (_("Became"), _org_name(summary.successor)),
            (_("Member since"), joined),
            (_("Roles held"), _roles_cell(summary, lang)),
            (_("Sources"), source_lines(org.sources, lang.dates)),
            (_("Note"), org.note),
        ),
        sections=((_("Events"), event_listing(detail.events, dataset, lang)),),
    )


def _org_name(org: Organization | None) -> str:
    return f"{org.name} ({org.id})" if org is not None else ""


def theme_listing(summaries: Sequence[ThemeSummary], lang: Language) -> Listing[ThemeSummary]:
    _ = lang.gettext
    return Listing(
        items=summaries,
        record=lambda s: {
            "id": s.theme.id,
            "name": s.theme.name,
            "description": s.theme.description,
            "events": s.events,
        },
        fields=THEME_FIELDS,
        columns=(
            Column(_("ID"), lambda s: s.theme.id),
            Column(_("Name"), lambda s: s.theme.name),
            Column(_("Events"), lambda s: str(s.events)),
            Column(_("Meaning"), lambda s: s.theme.description, share=1),
        ),
        empty_message=_("No themes."),
    )
