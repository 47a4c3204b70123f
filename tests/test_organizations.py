"""Organizations over time: each exists from its founding to its end, grows out of its
predecessor, and is named by an event only while it exists; and what the data says of
itself (kzfp about)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from curated import cells, cited, curated
from library import as_json, printed

from kzfp_cli import load_dataset, org_summaries, store
from kzfp_cli.dates import parse_iso
from kzfp_cli.language import ENGLISH
from kzfp_cli.lookup import OrgSummary, dataset_summary, org_detail
from kzfp_cli.query import window_on
from kzfp_cli.views import about_detail, org_detail_view, org_listing

HEADER = "id,date,end_date,title,summary,partners,orgs,themes,section,sources,note\n"


def successions() -> list[tuple[dict[str, str], dict[str, str]]]:
    """(predecessor, successor) rows of the curated organizations."""
    orgs = {row["id"]: row for row in curated("orgs")}
    return [(orgs[row["predecessor"]], row) for row in orgs.values() if row["predecessor"]]


def test_the_curated_data_has_successions_to_test():
    assert successions()


@pytest.mark.parametrize("before, after", successions(), ids=lambda row: row["id"])
def test_an_event_naming_an_organization_before_it_existed_gets_a_warning(
    kzfp, tmp_path, before, after
):
    founded = parse_iso(after["founded"])
    ended = parse_iso(before["ended"])
    early = date.fromordinal(founded.first.toordinal() - 1).isoformat()
    late = date.fromordinal(ended.last.toordinal() + 1).isoformat()
    (tmp_path / "mine.csv").write_text(
        HEADER
        + f"too-early,{early},,T,,,{after['id']},,,,\n"
        + f"too-late,{late},,T,,,{before['id']},,,,\n"
        + f"in-time,{after['founded']},,T,,,{after['id']},,,,\n"
        + f"spans-both,{before['ended']},{after['founded']},T,,,{after['id']};{before['id']},,,,\n",
        encoding="utf-8",
    )
    run = kzfp("validate", str(tmp_path / "mine.csv"))
    assert (run.exit_code, run.stdout.splitlines(), run.stderr) == (
        0,
        [
            f"{tmp_path / 'mine.csv'}:2: orgs: warning: '{after['id']}' did not exist before "
            f"{after['founded']}; name its predecessor '{before['id']}'",
            f"{tmp_path / 'mine.csv'}:3: orgs: warning: '{before['id']}' had ended by then "
            f"({before['ended']}); name its successor '{after['id']}'",
        ],
        "0 errors, 2 warnings in 1 file\n",
    )


def test_every_curated_event_names_its_organizations_only_while_they_exist():
    orgs = {row["id"]: row for row in curated("orgs")}
    wrong = []
    for event in curated("events"):
        first = parse_iso(event["date"]).first
        last = parse_iso(event["end_date"] or event["date"]).last
        for ident in cells(event, "orgs"):
            org = orgs[ident]
            if org["founded"] and parse_iso(org["founded"]).first > last:
                wrong.append((event["id"], ident, "before"))
            if org["ended"] and parse_iso(org["ended"]).last < first:
                wrong.append((event["id"], ident, "after"))
    assert wrong == []


def test_every_curated_organization_has_a_sourced_founding_date():
    for org in curated("orgs"):
        assert org["founded"], org["id"]
        assert cells(org, "sources"), org["id"]


def listed_on(dataset, day: str) -> list[OrgSummary]:
    """What ``kzfp org list --on DAY`` lists, from the library (test_lookup.py runs the
    command)."""
    return org_summaries(dataset, on=window_on(day))


@pytest.mark.parametrize("before, after", successions(), ids=lambda row: row["id"])
def test_org_list_on_a_date_shows_the_body_of_that_day(curated_dataset, before, after):
    def listed(day: str) -> set[str]:
        return {summary.org.id for summary in listed_on(curated_dataset, day)}

    last_day_before = parse_iso(before["ended"]).last.isoformat()
    first_day_after = parse_iso(after["founded"]).first.isoformat()
    if before["joined_event"]:
        assert before["id"] in listed(last_day_before)
    assert after["id"] not in listed(last_day_before)
    if after["joined_event"]:
        assert after["id"] in listed(parse_iso(after["founded"]).last.isoformat())
    assert before["id"] not in listed(first_day_after)


@pytest.mark.parametrize("before, after", successions(), ids=lambda row: row["id"])
def test_a_predecessor_ended_when_its_successor_began(before, after):
    assert before["ended"], before["id"]
    assert parse_iso(before["ended"]).last < parse_iso(after["founded"]).first


def test_org_list_on_any_date_lists_only_organizations_that_existed_then(curated_dataset):
    orgs = {row["id"]: row for row in curated("orgs")}
    for year in range(1991, date.today().year + 1):
        day = f"{year}-07-01"
        for listed in listed_on(curated_dataset, day):
            org = orgs[listed.org.id]
            assert org["founded"] <= day, (day, org["id"])
            assert not org["ended"] or parse_iso(org["ended"]).last.isoformat() >= day
            assert listed.member_since.iso() <= day


@pytest.mark.parametrize("before, after", successions(), ids=lambda row: row["id"])
def test_org_show_names_the_predecessor_and_the_successor(curated_dataset, before, after):
    def view(ident: str):
        return org_detail_view(org_detail(curated_dataset, ident), curated_dataset, ENGLISH)

    shown = as_json(view(after["id"]))
    assert (shown["predecessor"], shown["founded"]) == (before["id"], after["founded"])
    earlier = as_json(view(before["id"]))
    assert (earlier["successor"], earlier["ended"]) == (after["id"], before["ended"])
    table = printed(view(after["id"]), "plain").splitlines()
    assert f"Grew out of\t{before['name']} ({before['id']})" in table
    table = printed(view(before["id"]), "plain").splitlines()
    assert f"Became\t{after['name']} ({after['id']})" in table


def with_orgs(edit) -> dict[str, tuple[str, bytes]]:
    files = store.builtin_files()
    label, data = files["orgs"]
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    edit(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return {**files, "orgs": (label, out.getvalue().encode("utf-8"))}


def test_a_broken_lifetime_in_orgs_csv_is_an_error():
    def edit(rows: list[dict[str, str]]) -> None:
        rows[0].update(founded="2001-06-15", ended="2000")
        rows[1].update(predecessor="no-such-org")

    _, problems = store.check(tables=with_orgs(edit))
    assert [str(problem) for problem in problems.errors] == [
        "data/orgs.csv:2: ended: 2000 is before the founding date 2001-06-15",
        "data/orgs.csv:3: predecessor: unknown id 'no-such-org'",
    ]


def curated_summary() -> dict[str, object]:
    events = curated("events")
    about = curated("about")[0]
    starts = [parse_iso(row["date"]) for row in events]
    ends = [parse_iso(row["end_date"] or row["date"]) for row in events]
    addresses = {source["url"] for row in events for source in cited(row)}
    year, month, day = map(int, about["reviewed"].split("-"))
    reviewed = f"{MONTHS[month - 1]} {day}, {year}"
    return {
        "version": about["version"],
        "reviewed": about["reviewed"],
        "covers": {
            "first": min(starts, key=lambda d: d.first).iso(),
            "last": max(ends, key=lambda d: d.last).iso(),
        },
        "events": len(events),
        "partners": len(curated("partners")),
        "orgs": len(curated("orgs")),
        "themes": len(curated("themes")),
        "sources": len(addresses),
        "origin": about["origin"],
        "license": about["license"],
        "license_url": about["license_url"],
        "citation": (
            "kzfp developers, kzfp: a cited record of Kazakhstan's foreign policy since 1991, "
            f"version {about['version']}, reviewed {reviewed}, {about['license']}."
        ),
    }


# The months as a Chicago-style citation names them, whatever the locale.
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def test_about_says_what_the_data_holds(kzfp, curated_dataset):
    expected = curated_summary()
    assert as_json(about_detail(dataset_summary(curated_dataset), ENGLISH)) == expected
    plain = kzfp("about", "-f", "plain")
    assert plain.exit_code == 0
    lines = plain.stdout.splitlines()
    assert f"Version\t{expected['version']}" in lines
    assert f"Events\t{expected['events']}" in lines
    assert f"Sources\t{expected['sources']} addresses cited" in lines


def test_about_counts_a_users_events_too(tmp_path):
    (tmp_path / "mine.csv").write_text(HEADER + "mine-2099,2099-01-02,,T,,,,,,,\n")
    mine = load_dataset([str(tmp_path / "mine.csv")])
    shown = as_json(about_detail(dataset_summary(mine), ENGLISH))
    expected = curated_summary()
    assert shown["events"] == expected["events"] + 1
    assert shown["covers"] == {"first": expected["covers"]["first"], "last": "2099-01-02"}


@pytest.mark.parametrize("before, after", successions(), ids=lambda row: row["id"])
def test_org_list_shows_when_each_body_existed(curated_dataset, before, after):
    listed = printed(org_listing(org_summaries(curated_dataset), ENGLISH), "plain")
    rows = {row.split("\t")[0]: row.split("\t") for row in listed.splitlines()}
    start, end = before["founded"][:4], before["ended"][:4]
    assert rows[before["acronym"]][2] == f"{start}–{end}, then {after['acronym']}"
    assert rows[after["acronym"]][2] == f"since {after['founded'][:4]}, after {before['acronym']}"
