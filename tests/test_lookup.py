"""Lookup commands: partners, organizations, events, search, themes and statistics."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest
from curated import cells, chronological, cited, curated
from library import as_json, own_data

from kzfp_cli import UsageError, load_dataset, timeline
from kzfp_cli.dates import parse_iso
from kzfp_cli.language import ENGLISH
from kzfp_cli.lookup import (
    org_detail,
    org_summaries,
    partner_profile,
    partner_summaries,
    stats,
    theme_summaries,
)
from kzfp_cli.names import EmptyNameError, UnknownNameError
from kzfp_cli.query import build_filter, resolve_event, window_on
from kzfp_cli.search import search
from kzfp_cli.views import (
    event_detail,
    event_listing,
    org_detail_view,
    org_listing,
    partner_detail,
    partner_listing,
    search_listing,
    stats_detail,
    theme_listing,
)


def ids(records) -> list[str]:
    return [record["id"] for record in records]


def curated_events(column: str, ident: str) -> list[dict[str, str]]:
    return chronological(row for row in curated("events") if ident in cells(row, column))


def joined_in_order(members: list[str]) -> list[str]:
    """These organizations, in the order Kazakhstan joined them (kzfp org list's order)."""
    events = {row["id"]: row for row in curated("events")}
    joined = {
        row["id"]: events[row["joined_event"]] for row in curated("orgs") if row["joined_event"]
    }
    order = [row["id"] for row in chronological(joined[org] for org in members if org in joined)]
    by_event = {event["id"]: org for org, event in joined.items()}
    return [by_event[ident] for ident in order]


def ranked(counts: Counter[str]) -> dict[str, int]:
    """Most frequent first, then by id: the order of kzfp stats."""
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


@pytest.fixture
def events_file(tmp_path):
    """Write a small events file of (id, date, end_date, partners, themes) rows."""

    def write(*rows: tuple[str, str, str, str, str]) -> str:
        path = tmp_path / "events.csv"
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(["id", "date", "end_date", "title", "partners", "themes"])
            for ident, start, end, partners, themes in rows:
                writer.writerow([ident, start, end, f"Event {ident}", partners, themes])
        return str(path)

    return write


def test_partner_list_counts_events_and_dates_contact(curated_dataset):
    listed = as_json(partner_listing(partner_summaries(curated_dataset), ENGLISH))
    partners = {p["id"]: p for p in listed}
    assert sorted(partners) == sorted(row["id"] for row in curated("partners"))
    russia = curated_events("partners", "russia")
    assert partners["russia"] == {
        "id": "russia",
        "name": "Russia",
        "kind": "country",
        "iso2": "RU",
        "iso3": "RUS",
        "cow": 365,
        "wikidata": "Q159",
        "events": len(russia),
        "first": russia[0]["date"],
        "last": russia[-1]["date"],
    }


def test_the_latest_contact_is_the_start_of_the_latest_event(events_file):
    mine = events_file(
        ("term-2001", "2001", "2010", "japan", ""),
        ("visit-2005", "2005-03-01", "", "japan", ""),
    )
    partners = as_json(
        partner_listing(partner_summaries(load_dataset([mine], builtin=False)), ENGLISH)
    )
    japan = next(partner for partner in partners if partner["id"] == "japan")
    assert (japan["events"], japan["first"], japan["last"]) == (2, "2001", "2005-03-01")


def test_partner_list_table_is_sorted_by_name(kzfp, events_file):
    mine = events_file(
        ("a-1992", "1992-11-28", "", "afghanistan", ""),
        ("a-2014", "2014-12-28", "", "afghanistan", ""),
    )
    lines = kzfp("partner", "list", "--data", mine, "--no-builtin", "-f", "table").stdout
    rows = [line.split() for line in lines.splitlines()]
    assert rows[0] == ["ID", "Name", "Kind", "Events", "First", "Last"]
    by_name = sorted(curated("partners"), key=lambda row: row["name"])
    assert [row[0] for row in rows[2:]] == [row["id"] for row in by_name]
    assert rows[2] == [
        "afghanistan",
        "Afghanistan",
        "country",
        "2",
        "28",
        "Nov",
        "1992",
        "28",
        "Dec",
        "2014",
    ]


def test_partner_show_json(curated_dataset):
    profile = as_json(
        partner_detail(partner_profile(curated_dataset, "DE"), curated_dataset, ENGLISH)
    )
    germany = curated_events("partners", "germany")
    (row,) = [row for row in curated("partners") if row["id"] == "germany"]
    themes = ranked(Counter(theme for event in germany for theme in cells(event, "themes")))
    assert {key: value for key, value in profile.items() if key != "events"} == {
        "id": "germany",
        "name": "Germany",
        "kind": "country",
        "iso2": "DE",
        "iso3": "DEU",
        "cow": 255,
        "wikidata": "Q183",
        "aliases": cells(row, "aliases"),
        "profile": row["profile"],
        "shared_interests": row["shared_interests"] or None,
        "tensions": row["tensions"] or None,
        "orgs": joined_in_order(cells(row, "orgs")),
        "themes": [{"id": theme, "events": count} for theme, count in themes.items()],
    }
    assert ids(profile["events"]) == ids(germany)
    visit = next(event for event in profile["events"] if event["id"] == "steinmeier-visit-2017")
    assert visit["date"] == "2017-07-11"


def test_partner_show_table_has_profile_and_timeline(kzfp, monkeypatch):
    # Wide enough that no title wraps, however many partners share a row.
    monkeypatch.setenv("COLUMNS", "250")
    text = kzfp("partner", "show", "russia", "-f", "table").stdout
    acronyms = {row["id"]: row["acronym"] for row in curated("orgs")}
    (russia,) = [row for row in curated("partners") if row["id"] == "russia"]
    in_common = joined_in_order(cells(russia, "orgs"))
    for expected in (
        "Partner",
        "Russia (russia)",
        "Shared interests",
        "Tensions",
        "Organizations in common  " + ", ".join(acronyms[org] for org in in_common),
        "Timeline",
        "Kazakhstan co-founds the CIS in Alma-Ata",
    ):
        assert expected in text


def test_org_show_json(curated_dataset):
    detail = org_detail(curated_dataset, "Organisation of Islamic Cooperation")
    org = as_json(org_detail_view(detail, curated_dataset, ENGLISH))
    (row,) = [row for row in curated("orgs") if row["id"] == "oic"]
    (joined,) = [event for event in curated("events") if event["id"] == row["joined_event"]]
    assert {key: value for key, value in org.items() if key != "events"} == {
        "id": "oic",
        "acronym": "OIC",
        "name": "Organisation of Islamic Cooperation",
        "wikidata": "Q47543",
        "aliases": cells(row, "aliases"),
        "founded": row["founded"],
        "ended": row["ended"] or None,
        "predecessor": None,
        "successor": None,
        "member_since": joined["date"],
        "joined_event": row["joined_event"],
        "roles": [
            {
                "role": "Chair of the Council of Foreign Ministers",
                "date": "2011-06-28",
                "end_date": "2012-11-15",
                "event": "oic-cfm-chairmanship-2011",
            }
        ],
        "sources": cited(row),
        "note": row["note"] or None,
    }
    assert ids(org["events"]) == ids(curated_events("orgs", "oic"))


def test_org_show_csv_names_events_by_id(kzfp):
    (row,) = csv.DictReader(io.StringIO(kzfp("org", "show", "osce", "-f", "csv").stdout))
    assert row["roles"] == "Chairmanship-in-Office (2010-01-01/2010-12-31)"
    assert row["events"] == ";".join(ids(curated_events("orgs", "osce")))


def members_on(first: str, last: str) -> list[str]:
    """The organizations that existed at some time from ``first`` to ``last`` and that
    Kazakhstan had joined by ``last``, as the curated files say, in joining order."""
    events = {row["id"]: row for row in curated("events")}
    members = []
    for org in curated("orgs"):
        if not org["joined_event"] or events[org["joined_event"]]["date"] > last:
            continue
        ended = org["ended"] and parse_iso(org["ended"]).last.isoformat()
        if org["founded"] <= last and (not ended or ended >= first):
            members.append(org["id"])
    return joined_in_order(members)


@pytest.mark.parametrize(
    ("on", "first", "last", "roles"),
    [
        ("1991", "1991-01-01", "1991-12-31", {}),
        ("2000-01-01", "2000-01-01", "2000-01-01", {}),
        ("2010-06-01", "2010-06-01", "2010-06-01", {"osce": ["Chairmanship-in-Office"]}),
        ("2016-06-01", "2016-06-01", "2016-06-01", {}),
        (
            "Jan 2018",
            "2018-01-01",
            "2018-01-31",
            {
                "un": [
                    "Non-permanent member of the Security Council",
                    "President of the Security Council",
                ]
            },
        ),
    ],
)
def test_org_list_on_a_date(curated_dataset, on, first, last, roles):
    orgs = as_json(org_listing(org_summaries(curated_dataset, on=window_on(on)), ENGLISH))
    assert ids(orgs) == members_on(first, last)
    assert {o["id"]: [r["role"] for r in o["roles"]] for o in orgs if o["roles"]} == roles


def test_org_list_on_a_date_shows_the_body_of_that_day(kzfp, curated_dataset):
    run = kzfp("org", "list", "--on", "1 Jan 2000", "-f", "json")
    listed = ids(run.json())
    assert {"shanghai-five", "cst", "osce"} <= set(listed)
    assert {"sco", "csto", "csce"}.isdisjoint(listed)
    # The command asks the library what the tests above ask it.
    assert run.json() == as_json(
        org_listing(org_summaries(curated_dataset, on=window_on("2000-01-01")), ENGLISH)
    )


def test_org_list_on_a_bad_date(kzfp):
    run = kzfp("org", "list", "--on", "2016-02-30")
    assert (run.exit_code, run.stderr) == (
        2,
        "kzfp: error: --on: '2016-02-30' is not a real date (day is out of range for month)\n",
    )


def test_event_show_json_is_the_event_object(kzfp, curated_dataset):
    event = kzfp("event", "show", "wto-membership-2015", "-f", "json").json()
    wto = timeline(curated_dataset, build_filter(curated_dataset, orgs=["wto"]))
    listed = as_json(event_listing(wto, curated_dataset, ENGLISH))
    assert [event] == [entry for entry in listed if entry["id"] == "wto-membership-2015"]
    shown = resolve_event(curated_dataset, "wto-membership-2015")
    assert as_json(event_detail(shown, curated_dataset, ENGLISH)) == event


def test_event_show_table_has_every_field(kzfp, tmp_path):
    (tmp_path / "mine.csv").write_text(
        "id,date,end_date,title,summary,orgs,themes,section,sources,note\n"
        "term-2017,2017-01-01,2018-12-31,A term on the council,Two years on the council.,"
        "un,multilateral;security,International commitment,"
        "Elected (An agency) | https://example.org/elected;Seated (UN) | https://un.example/s,"
        "The article says the term began in 2017.\n",
        encoding="utf-8",
    )
    run = kzfp("event", "show", "term-2017", "--data", str(tmp_path / "mine.csv"), "-f", "table")
    assert [line.rstrip() for line in run.stdout.splitlines()] == [
        "ID               term-2017",
        "Date             1 Jan 2017 – 31 Dec 2018",
        "Precision        day",
        "Title            A term on the council",
        "Summary          Two years on the council.",
        "Organizations    UN",
        "Themes           Multilateral, Security",
        "Article section  International commitment",
        "Sources          Elected, An agency",
        "                 https://example.org/elected",
        "                 Seated, UN",
        "                 https://un.example/s",
        "Note             The article says the term began in 2017.",
    ]


UNKNOWN_IDS = [
    ("wto-2015", "did you mean 'wto-accession-approved-2015' or 'wto-membership-2015'?"),
    ("astana summit", "did you mean 'osce-astana-summit-2010'?"),
    (
        "zzz",
        "known: bilateral-visit-2019, osce-astana-summit-2010, "
        "wto-accession-approved-2015, wto-membership-2015",
    ),
]
SHOWN_EVENTS = (
    "id,date,title,orgs\n"
    "wto-accession-approved-2015,2015-07-27,Approved,wto\n"
    "wto-membership-2015,2015-11-30,Member,wto\n"
    "osce-astana-summit-2010,2010-12-01,Summit,osce\n"
    "bilateral-visit-2019,2019-01-01,Visit,\n"
)


@pytest.mark.parametrize(("typed", "message"), UNKNOWN_IDS)
def test_an_unknown_event_id_names_the_closest(tmp_path, typed, message):
    dataset = own_data(tmp_path, SHOWN_EVENTS)
    with pytest.raises(UsageError) as caught:
        resolve_event(dataset, typed)
    assert str(caught.value) == f"unknown event '{typed}'; {message}"


def test_event_show_unknown_id(kzfp, tmp_path):
    (tmp_path / "mine.csv").write_text(SHOWN_EVENTS, encoding="utf-8")
    typed, message = UNKNOWN_IDS[0]
    run = kzfp("event", "show", typed, "--no-builtin", "--data", str(tmp_path / "mine.csv"))
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == f"kzfp: error: unknown event '{typed}'; {message}\n"


def test_a_name_of_another_kind_is_named_by_its_kind_not_an_option(curated_dataset):
    with pytest.raises(UnknownNameError) as caught:
        build_filter(curated_dataset, partners=["wto"])
    assert str(caught.value) == "unknown partner 'wto'; did you mean the organization wto?"
    # Typed as a filter: the command line points to the filter of the other kind.
    assert (caught.value.elsewhere.field, caught.value.found) == ("org", "wto")
    with pytest.raises(UnknownNameError) as caught:
        partner_profile(curated_dataset, "wto")
    assert str(caught.value) == "unknown partner 'wto'; did you mean the organization wto?"
    # Looked up: the command line points to the command that shows it.
    assert (caught.value.elsewhere.field, caught.value.found) == ("", "wto")


def test_an_empty_name_names_its_filter(curated_dataset):
    with pytest.raises(EmptyNameError) as caught:
        build_filter(curated_dataset, orgs=[" , "])
    assert str(caught.value) == "org: needs a name or an id, not an empty value"
    assert (caught.value.field, caught.value.value) == ("org", " , ")


def test_show_commands_point_to_the_right_command(kzfp):
    assert kzfp("partner", "show", "wto").stderr == (
        "kzfp: error: unknown partner 'wto'; did you mean kzfp org show wto?\n"
    )
    assert kzfp("org", "show", "NATO").stderr == (
        "kzfp: error: unknown organization 'NATO'; did you mean kzfp partner show nato?\n"
    )
    assert kzfp("partner", "show", "germny").stderr == (
        "kzfp: error: unknown partner 'germny'; did you mean 'germany'?\n"
    )


# Events to search, with the spellings people get wrong: search results are pinned on
# these, not on the curated data, whose new events may rank anywhere.
SEARCHED = """id,date,title,summary,partners
tokayev-acting-president-2019,2019-03-20,Tokayev becomes acting president,Takes over.,
tokayev-elected-2019,2019-06-09,Tokayev elected president,An early election.,
capital-renamed-nur-sultan-2019,2019-03-23,Astana renamed Nur-Sultan,A new name.,
mirziyoyev-visit-astana-2017,2017-03-22,Mirziyoyev visits Astana,A state visit.,uzbekistan
wto-joins-2015,2015-11-30,Kazakhstan becomes a WTO member,After twenty years.,
russia-turkey-talks-2016,2016-07-01,Russia and Turkey mend ties,Talks.,russia;turkey
camps-trial-2018,2018-07-09,Trial of a witness to the camps,On camps for Uyghurs.,china
grain-2010,2010-05-01,Grain exports grow,A good harvest.,
"""


@pytest.fixture
def searched(tmp_path):
    path = tmp_path / "searched.csv"
    path.write_text(SEARCHED, encoding="utf-8")
    return ["--no-builtin", "--data", str(path)]


@pytest.fixture(scope="module")
def searched_dataset(tmp_path_factory):
    return own_data(tmp_path_factory.mktemp("searched"), SEARCHED)


@pytest.mark.parametrize(
    ("query", "first"),
    [
        # The shorter title first: the query covers more of it.
        ("Tokaev", ["tokayev-elected-2019", "tokayev-acting-president-2019"]),
        ("Nursultan", ["capital-renamed-nur-sultan-2019"]),
        ("Mirsiyoyev", ["mirziyoyev-visit-astana-2017"]),
        ("WTO", ["wto", "wto-joins-2015"]),  # the organization's own name first
        ("russia turkey", ["russia-turkey-talks-2016", "turkey"]),
    ],
)
def test_search_is_ranked_and_tolerant(searched_dataset, query, first):
    hits = as_json(search_listing(search(searched_dataset, query).hits, ENGLISH))
    assert ids(hits)[: len(first)] == first


def test_search_json_shape(kzfp, searched):
    assert kzfp("search", "ujghurs", *searched, "-f", "json").json() == [
        {
            "kind": "event",
            "id": "camps-trial-2018",
            "title": "Trial of a witness to the camps",
            "date": "2018-07-09",
            "score": 3.178,
        },
        {"kind": "partner", "id": "china", "title": "China", "date": None, "score": 3.178},
    ]


def test_search_highlights_matches_in_the_table(kzfp, searched, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    text = kzfp("search", "Nursultan", "-n", "1", *searched, "-f", "table").stdout
    assert "\x1b[1;33mNur-Sultan\x1b[0m" in text


def test_search_without_hits(kzfp, searched):
    run = kzfp("search", "xyzzy", *searched, "-f", "table")
    assert (run.exit_code, run.stdout, run.stderr) == (0, "", "Nothing matches.\n")
    assert kzfp("search", "xyzzy", *searched, "-f", "csv").stdout == "kind,id,title,date,score\n"


def test_theme_list(curated_dataset):
    themes = as_json(theme_listing(theme_summaries(curated_dataset), ENGLISH))
    used = Counter(theme for row in curated("events") for theme in cells(row, "themes"))
    assert themes == [
        {
            "id": row["id"],
            "name": row["name"],
            "description": row["description"],
            "events": used[row["id"]],
        }
        for row in curated("themes")
    ]
    assert themes[0] == {
        "id": "borders",
        "name": "Borders and territory",
        "description": "Borders, leased land and the legal status of shared waters.",
        "events": used["borders"],
    }


def test_stats_json_is_plain_numbers(curated_dataset):
    selected = timeline(curated_dataset, build_filter(curated_dataset, partners=["germany"]))
    counts = as_json(stats_detail(stats(selected), curated_dataset, ENGLISH))
    germany = curated_events("partners", "germany")
    years = Counter(row["date"][:4] for row in germany)
    # Every year from the first to the last, 0 where none.
    first, last = int(min(years)), int(max(years))
    years = Counter({str(year): years[str(year)] for year in range(first, last + 1)})
    partners = Counter(partner for row in germany for partner in cells(row, "partners"))
    themes = Counter(theme for row in germany for theme in cells(row, "themes"))
    assert counts == {
        "events": len(germany),
        "by_year": dict(sorted(years.items())),
        "by_partner": ranked(partners),
        "by_theme": ranked(themes),
    }
    # Equal dicts may differ in order; the order is part of the output.
    assert list(counts["by_year"]) == sorted(years)
    assert list(counts["by_partner"]) == list(ranked(partners))
    assert list(counts["by_theme"]) == list(ranked(themes))


def test_stats_csv_and_table(kzfp, events_file):
    mine = events_file(
        ("talks-1-2013", "2013-02-26", "2013-02-27", "germany;china", "nuclear"),
        ("talks-2-2013", "2013-04-05", "", "germany;china", "nuclear"),
        ("visit-2017", "2017-07-11", "", "germany", "diplomacy"),
        ("visit-2019", "2019-12-05", "", "germany", "diplomacy"),
    )
    asked = ("stats", "-p", "germany", "--data", mine, "--no-builtin")
    assert kzfp(*asked, "-f", "csv").stdout == (
        "dimension,key,events\n"
        "year,2013,2\n"
        "year,2014,0\n"
        "year,2015,0\n"
        "year,2016,0\n"
        "year,2017,1\n"
        "year,2018,0\n"
        "year,2019,1\n"
        "partner,germany,4\n"
        "partner,china,2\n"
        "theme,diplomacy,2\n"
        "theme,nuclear,2\n"
    )
    lines = [line.rstrip() for line in kzfp(*asked, "-f", "table").stdout.splitlines()]
    assert lines[:12] == [
        "Events  4",
        "",
        "Events per year (by the year each began)",
        "Year   Events",
        "──────────────────────────────────────────────",
        "2013   2        ██████████████████████████████",
        "2014   0",
        "2015   0",
        "2016   0",
        "2017   1        ███████████████",
        "2018   0",
        "2019   1        ███████████████",
    ]


def test_completion_offers_known_ids(kzfp, monkeypatch):
    def complete(line: str) -> str:
        monkeypatch.setenv("_KZFP_COMPLETE", "complete_zsh")
        monkeypatch.setenv("_TYPER_COMPLETE_ARGS", line)
        return kzfp().stdout

    assert '"russia":"Russia"' in complete("kzfp timeline --partner ru")
    assert '"wto":"World Trade Organization"' in complete("kzfp timeline --org w")
    assert '"security":"Security"' in complete("kzfp stats --theme sec")
    assert '"wto-membership-2015"' in complete("kzfp event show wto-m")
    assert '"osce":' in complete("kzfp org show os")


def test_the_installed_kzfp_completes_commands_it_has_not_built(kzfp_bin, tmp_path):
    import os
    import subprocess

    def complete(line: str) -> str:
        env = {**os.environ, "_KZFP_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}
        return subprocess.run(
            [kzfp_bin], env=env, capture_output=True, text=True, cwd=tmp_path, timeout=60
        ).stdout

    # Subcommands are built only when needed, yet every name completes.
    assert complete("kzfp s") == (
        """_arguments '*: :(("search":"Search events, partners and organizations,..."\n"""
        """"stats":"Counts of events per year, partner and..."\n"""
        """"schema":"JSON Schemas of the objects kzfp prints as..."))'\n"""
    )
    assert '"partner":"States and blocs' in complete("kzfp par")
