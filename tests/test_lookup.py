"""Lookup commands: partners, organizations, events, search, themes and statistics."""

from __future__ import annotations

import csv
import io

import pytest


def ids(records) -> list[str]:
    return [record["id"] for record in records]


def test_partner_list_counts_events_and_dates_contact(kzfp):
    partners = {p["id"]: p for p in kzfp("partner", "list", "-f", "json").json()}
    assert len(partners) == 24
    assert partners["russia"] == {
        "id": "russia",
        "name": "Russia",
        "kind": "country",
        "iso2": "RU",
        "iso3": "RUS",
        "cow": 365,
        "wikidata": "Q159",
        "events": 23,
        "first": "1991-12-21",
        "last": "2020-10-15",
    }
    # The latest contact is the start of the latest event, not the end of a long period.
    assert partners["japan"]["first"] == partners["japan"]["last"] == "2014-01-21"


def test_partner_list_table_is_sorted_by_name(kzfp):
    lines = kzfp("partner", "list", "-f", "table").stdout.splitlines()
    assert lines[0].split() == ["ID", "Name", "Kind", "Events", "First", "Last"]
    assert lines[2].split() == [
        "afghanistan",
        "Afghanistan",
        "country",
        "4",
        "28",
        "Nov",
        "1992",
        "28",
        "Dec",
        "2014",
    ]


def test_partner_show_json(kzfp):
    profile = kzfp("partner", "show", "DE", "--format", "json").json()
    assert {key: value for key, value in profile.items() if key != "events"} == {
        "id": "germany",
        "name": "Germany",
        "kind": "country",
        "iso2": "DE",
        "iso3": "DEU",
        "cow": 255,
        "wikidata": "Q183",
        "aliases": ["Federal Republic of Germany"],
        "profile": "A Western partner Kazakhstan values highly; Germany's president visited in "
        "2017 and Berlin was President Tokayev's first Western capital in 2019.",
        "shared_interests": "Political and economic ties; a German minority in Kazakhstan, "
        "now small, links the two.",
        "tensions": None,
        "orgs": ["osce", "un", "wto"],
        "themes": [
            {"id": "diplomacy", "events": 2},
            {"id": "mediation", "events": 2},
            {"id": "nuclear", "events": 2},
        ],
    }
    assert ids(profile["events"]) == [
        "iran-talks-almaty-1-2013",
        "iran-talks-almaty-2-2013",
        "steinmeier-visit-2017",
        "tokayev-visit-berlin-2019",
    ]
    assert profile["events"][2]["date"] == "2017-07-11"


def test_partner_show_table_has_profile_and_timeline(kzfp):
    text = kzfp("partner", "show", "russia", "-f", "table").stdout
    for expected in (
        "Partner",
        "Russia (russia)",
        "Shared interests",
        "Tensions",
        "Organizations in common  CIS, OSCE, UN, CSTO, SCO, EAEU, WTO",
        "Timeline",
        "Kazakhstan co-founds the CIS in Alma-Ata",
    ):
        assert expected in text


def test_org_show_json(kzfp):
    org = kzfp("org", "show", "Organisation of Islamic Cooperation", "-f", "json").json()
    assert {key: value for key, value in org.items() if key != "events"} == {
        "id": "oic",
        "acronym": "OIC",
        "name": "Organisation of Islamic Cooperation",
        "wikidata": "Q47543",
        "aliases": [
            "Organization of Islamic Cooperation",
            "Organisation of the Islamic Conference",
            "Organization of the Islamic Conference",
        ],
        "member_since": "1995",
        "joined_event": "oic-membership-1995",
        "roles": [
            {
                "role": "Chair of the Council of Foreign Ministers",
                "date": "2011-06-28",
                "end_date": "2012-11-15",
                "event": "oic-cfm-chairmanship-2011",
            }
        ],
    }
    assert ids(org["events"]) == [
        "oic-membership-1995",
        "oic-cfm-astana-2011",
        "oic-cfm-chairmanship-2011",
    ]


def test_org_show_csv_names_events_by_id(kzfp):
    (row,) = csv.DictReader(io.StringIO(kzfp("org", "show", "osce", "-f", "csv").stdout))
    assert row["roles"] == "Chairmanship-in-Office (2010-01-01/2010-12-31)"
    assert row["events"] == "csce-membership-1992;osce-chairmanship-2010;osce-astana-summit-2010"


@pytest.mark.parametrize(
    ("on", "members", "roles"),
    [
        ("1991", ["cis"], {}),
        (
            "2010-06-01",
            ["cis", "osce", "un", "csto", "eco", "oic", "sco"],
            {"osce": ["Chairmanship-in-Office"]},
        ),
        ("2016-06-01", ["cis", "osce", "un", "csto", "eco", "oic", "sco", "eaeu", "wto"], {}),
        (
            "Jan 2018",
            ["cis", "osce", "un", "csto", "eco", "oic", "sco", "eaeu", "wto"],
            {
                "un": [
                    "Non-permanent member of the Security Council",
                    "President of the Security Council",
                ]
            },
        ),
    ],
)
def test_org_list_on_a_date(kzfp, on, members, roles):
    orgs = kzfp("org", "list", "--on", on, "-f", "json").json()
    assert ids(orgs) == members
    assert {o["id"]: [r["role"] for r in o["roles"]] for o in orgs if o["roles"]} == roles


def test_org_list_on_a_bad_date(kzfp):
    run = kzfp("org", "list", "--on", "2016-02-30")
    assert (run.exit_code, run.stderr) == (
        2,
        "kzfp: error: --on: '2016-02-30' is not a real date (day is out of range for month)\n",
    )


def test_event_show_json_is_the_event_object(kzfp):
    event = kzfp("event", "show", "wto-membership-2015", "-f", "json").json()
    timeline = kzfp("timeline", "--org", "wto", "-f", "json").json()
    assert event == timeline[1]


def test_event_show_table_has_every_field(kzfp):
    lines = [
        line.rstrip()
        for line in kzfp("event", "show", "unsc-term-2017", "-f", "table").stdout.splitlines()
    ]
    wide = "The article (2021) says Kazakhstan has held the seat since 1 January 2017; the term"
    assert lines == [
        "ID               unsc-term-2017",
        "Date             1 Jan 2017 – 31 Dec 2018",
        "Precision        day",
        "Title            Kazakhstan sits on the UN Security Council",
        "Summary          Kazakhstan served a two-year term as a non-permanent member of the "
        "Security",
        "                 Council.",
        "Organizations    UN",
        "Themes           Multilateral, Security",
        "Article section  International commitment",
        "Sources          Kazakhstan elected UN Security Council non-permanent member (TASS) |",
        "                 http://tass.com/world/885215",
        f"Note             {wide}",
        "                 ended on 31 December 2018.",
    ]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("wto-2015", "did you mean 'wto-accession-approved-2015' or 'wto-membership-2015'?"),
        (
            "astana summit",
            "did you mean 'osce-astana-summit-2010' or 'central-asia-summit-astana-2018'?",
        ),
        ("zzz", "no event id is close to it"),
    ],
)
def test_event_show_unknown_id(kzfp, typed, message):
    run = kzfp("event", "show", typed)
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == f"kzfp: error: unknown event '{typed}'; {message}\n"


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


@pytest.mark.parametrize(
    ("query", "first"),
    [
        (
            "Tokaev",
            ["tokayev-acting-president-2019", "tokayev-elected-2019", "tokayev-inauguration-2019"],
        ),
        ("Nursultan", ["capital-renamed-astana-2022", "capital-renamed-nur-sultan-2019"]),
        ("Mirsiyoyev", ["mirziyoyev-elected-2016", "mirziyoyev-visit-astana-2017"]),
        ("WTO", ["wto-accession-approved-2015", "wto-membership-2015", "wto"]),
        ("russia turkey", ["russia-turkey-reconciliation-2016", "turkey"]),
    ],
)
def test_search_is_ranked_and_tolerant(kzfp, query, first):
    hits = kzfp("search", *query.split(), "-f", "json").json()
    assert ids(hits)[: len(first)] == first


def test_search_json_shape(kzfp):
    assert kzfp("search", "ujghurs", "-f", "json").json() == [
        {
            "kind": "event",
            "id": "sauytbay-trial-2018",
            "title": "Trial of Sayragul Sauytbay in Zharkent",
            "date": "2018-07-09",
            "score": 0.6,
        },
        {"kind": "partner", "id": "china", "title": "China", "date": None, "score": 0.6},
    ]


def test_search_highlights_matches_in_the_table(kzfp, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    text = kzfp("search", "Nursultan", "-n", "1", "-f", "table").stdout
    assert "\x1b[1;33mNur-Sultan\x1b[0m" in text


def test_search_without_hits(kzfp):
    run = kzfp("search", "xyzzy", "-f", "table")
    assert (run.exit_code, run.stdout, run.stderr) == (0, "", "Nothing matches.\n")
    assert kzfp("search", "xyzzy", "-f", "csv").stdout == "kind,id,title,date,score\n"


def test_theme_list(kzfp):
    themes = kzfp("theme", "list", "-f", "json").json()
    assert len(themes) == 11
    assert themes[0] == {
        "id": "borders",
        "name": "Borders and territory",
        "description": "Borders, leased land and the legal status of shared waters.",
        "events": 6,
    }


def test_stats_json_is_plain_numbers(kzfp):
    assert kzfp("stats", "--partner", "germany", "-f", "json").json() == {
        "events": 4,
        "by_year": {"2013": 2, "2017": 1, "2019": 1},
        "by_partner": {
            "germany": 4,
            "china": 2,
            "eu": 2,
            "france": 2,
            "iran": 2,
            "russia": 2,
            "united-kingdom": 2,
            "usa": 2,
        },
        "by_theme": {"diplomacy": 2, "mediation": 2, "nuclear": 2},
    }


def test_stats_csv_and_table(kzfp):
    rows = list(csv.DictReader(io.StringIO(kzfp("stats", "-p", "germany", "-f", "csv").stdout)))
    assert rows[0] == {"dimension": "year", "key": "2013", "events": "2"}
    assert len(rows) == 3 + 8 + 3
    lines = [
        line.rstrip() for line in kzfp("stats", "-p", "germany", "-f", "table").stdout.splitlines()
    ]
    assert lines[:8] == [
        "Events  4",
        "",
        "Events per year (by the year each began)",
        "Year   Events",
        "──────────────────────────────────────────────",
        "2013   2        ██████████████████████████████",
        "2017   1        ███████████████",
        "2019   1        ███████████████",
    ]


def test_completion_offers_known_ids(kzfp_bin, tmp_path):
    import os
    import subprocess

    def complete(line: str) -> str:
        env = {**os.environ, "_KZFP_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}
        return subprocess.run(
            [kzfp_bin], env=env, capture_output=True, text=True, cwd=tmp_path, timeout=60
        ).stdout

    assert '"russia":"Russia"' in complete("kzfp timeline --partner ru")
    assert '"wto":"World Trade Organization"' in complete("kzfp timeline --org w")
    assert '"security":"Security"' in complete("kzfp stats --theme sec")
    assert '"wto-membership-2015"' in complete("kzfp event show wto-m")
    assert '"osce":' in complete("kzfp org show os")
    # Subcommands are built only when needed, yet every name completes.
    assert complete("kzfp s") == (
        """_arguments '*: :(("search":"Search events, partners and organizations,..."\n"""
        """"stats":"Counts of events per year, partner and..."\n"""
        """"schema":"JSON Schemas of the objects kzfp prints as..."))'\n"""
    )
    assert '"partner":"States and blocs' in complete("kzfp par")
