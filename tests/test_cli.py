"""The kzfp command as a user sees it: exact rows, exact JSON, exact errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from kzfp_cli import __version__

RUSSIA_2015 = ["foreign-policy-concept-2014", "eaeu-launch-2015", "test-ranges-reduced-2015"]
ARTICLE_ORGS = {"un", "eco", "osce", "oic", "wto", "cis", "sco", "csto", "eaeu"}


def ids(run) -> list[str]:
    return [event["id"] for event in run.json()]


def test_partner_and_year_give_exact_rows(kzfp):
    run = kzfp("timeline", "--partner", "russia", "--year", "2015", "--format", "json")
    assert run.exit_code == 0
    assert ids(run) == RUSSIA_2015


def test_table_shows_dates_at_their_own_precision(kzfp, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    run = kzfp("timeline", "--org", "wto", "--format", "table")
    assert run.exit_code == 0
    assert run.stderr == ""
    lines = [line.rstrip() for line in run.stdout.splitlines()]
    assert lines == [
        "Date          Event                                      Partners                     "
        "Orgs   ID",
        "─" * 120,
        "27 Jul 2015   WTO General Council approves                                            "
        "WTO    wto-accession-approved-2015",
        "              Kazakhstan's accession",
        "30 Nov 2015   Kazakhstan becomes a WTO member                                         "
        "WTO    wto-membership-2015",
    ]


def test_long_periods_wrap_after_the_dash(kzfp):
    lines = kzfp("timeline", "--partner", "japan", "-f", "table").stdout.splitlines()
    assert lines[2].startswith("21 Jan 2014 –    Foreign policy concept")
    assert lines[3].startswith("6 Mar 2020 ")


def test_table_leaves_out_the_id_column_on_narrow_terminals(kzfp):
    run = kzfp("timeline", "--org", "wto", "-f", "table")
    header = run.stdout.splitlines()[0].split()
    assert header == ["Date", "Event", "Partners", "Orgs"]


def test_event_json_has_the_contract_fields(kzfp):
    run = kzfp("timeline", "--org", "wto", "--format", "json")
    assert run.json()[1] == {
        "id": "wto-membership-2015",
        "date": "2015-11-30",
        "end_date": None,
        "precision": "day",
        "title": "Kazakhstan becomes a WTO member",
        "summary": "Kazakhstan became the 162nd member of the World Trade Organization, "
        "about twenty years after it applied in 1996.",
        "partners": [],
        "orgs": ["wto"],
        "themes": ["economy", "multilateral"],
        "section": "International commitment",
        "sources": [
            "Kazakhstan – accessions (WTO) | "
            "https://www.wto.org/english/thewto_e/acc_e/a1_kazakhstan_e.htm"
        ],
        "note": None,
    }


def test_json_is_utf8_with_one_trailing_newline(kzfp):
    run = kzfp("timeline", "--org", "wto", "--format", "json")
    assert run.stdout.endswith("}\n]\n")
    assert "Kazakhstan – accessions" in run.stdout  # the en dash as is, not \u2013


def test_year_2015_holds_wto_and_eu_dates(kzfp):
    events = {e["id"]: e for e in kzfp("timeline", "--year", "2015", "--format", "json").json()}
    assert events["wto-membership-2015"]["date"] == "2015-11-30"
    assert events["eu-epca-signed-2015"]["date"] == "2015-12-21"


def test_aliases_and_case_resolve_to_the_same_partner(kzfp):
    expected = ids(kzfp("timeline", "--partner", "russia", "--format", "json"))
    assert len(expected) == 23
    for alias in ("RU", "rus", "Russian Federation", "RUSSIA", "Q159", "q159"):
        assert ids(kzfp("timeline", "-p", alias, "-f", "json")) == expected


def test_organizations_answer_to_their_wikidata_id(kzfp):
    assert ids(kzfp("timeline", "--org", "Q7825", "-f", "json")) == [
        "wto-accession-approved-2015",
        "wto-membership-2015",
    ]


@pytest.mark.parametrize("value", ["", " ", ","])
def test_an_empty_name_is_an_error_not_no_filter(kzfp, value):
    run = kzfp("timeline", "--partner", value)
    assert (run.exit_code, run.stdout, run.stderr) == (
        2,
        "",
        "kzfp: error: --partner needs a name or an id, not an empty value\n",
    )


def test_repeated_and_comma_separated_partners_mean_any_of(kzfp):
    repeated = kzfp("timeline", "-p", "germany", "-p", "usa", "-y", "2017", "-f", "json")
    comma = kzfp("timeline", "-p", "germany,usa", "-y", "2017", "-f", "json")
    assert (
        ids(repeated)
        == ids(comma)
        == [
            "steinmeier-visit-2017",
            "us-national-security-strategy-2017",
        ]
    )


def test_filters_combine_with_and(kzfp):
    run = kzfp("timeline", "--partner", "iran", "--theme", "nuclear", "--format", "json")
    assert ids(run) == ["iran-talks-almaty-1-2013", "iran-talks-almaty-2-2013"]


def test_periods_match_by_overlap(kzfp):
    # The Security Council term runs from 2017 to 2018, so a 2018 filter finds it.
    run = kzfp("timeline", "--org", "un", "--year", "2018", "--format", "json")
    assert ids(run) == ["unsc-term-2017", "unsc-presidency-2018", "unifil-deployment-2018"]


def test_since_and_until_take_dates_as_people_type_them(kzfp):
    run = kzfp("timeline", "--since", "Dec 2015", "--until", "2016-06-28", "-f", "json")
    assert ids(run) == [
        "foreign-policy-concept-2014",
        "eu-epca-signed-2015",
        "russia-turkey-reconciliation-2016",
        "unsc-election-2016",
    ]


def test_search_limit_and_reverse(kzfp):
    run = kzfp("timeline", "--search", "syria talks", "--reverse", "--limit", "2", "-f", "json")
    assert ids(run) == ["syria-astana-talks-14-2019", "syria-astana-talks-13-2019"]


def test_same_day_orders_year_precision_first_then_id(kzfp):
    run = kzfp("timeline", "--org", "oic", "-f", "json")
    assert ids(run) == ["oic-membership-1995", "oic-cfm-astana-2011", "oic-cfm-chairmanship-2011"]


def test_jsonl_is_one_object_a_line(kzfp):
    run = kzfp("timeline", "--partner", "russia", "--year", "2015", "--format", "jsonl")
    lines = run.stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == RUSSIA_2015


def test_csv_has_the_data_file_columns_and_list_cells(kzfp):
    run = kzfp("timeline", "--partner", "russia", "--year", "2015", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert list(rows[0]) == [
        "id",
        "date",
        "end_date",
        "title",
        "summary",
        "partners",
        "orgs",
        "themes",
        "section",
        "sources",
        "note",
    ]
    assert [row["id"] for row in rows] == RUSSIA_2015
    assert rows[1]["partners"] == "russia;belarus;kyrgyzstan"
    assert rows[1]["end_date"] == ""


def test_format_is_case_insensitive(kzfp):
    assert ids(kzfp("timeline", "-o", "wto", "--format", "JSON")) == [
        "wto-accession-approved-2015",
        "wto-membership-2015",
    ]


def test_no_match_is_not_an_error(kzfp):
    table = kzfp("timeline", "--search", "no such words anywhere", "-f", "table")
    assert (table.exit_code, table.stdout, table.stderr) == (
        0,
        "",
        "No events match these filters.\n",
    )
    assert kzfp("timeline", "--search", "nothing here", "-f", "json").stdout == "[]\n"
    assert kzfp("timeline", "--search", "nothing here", "-f", "jsonl").stdout == ""


def test_org_list_json_holds_every_organization_of_the_article(kzfp):
    orgs = {org["id"]: org for org in kzfp("org", "list", "--format", "json").json()}
    assert set(orgs) == ARTICLE_ORGS
    assert {key: org["member_since"] for key, org in orgs.items()} == {
        "cis": "1991-12-21",
        "osce": "1992-01-30",
        "un": "1992-03-02",
        "csto": "1992-05-15",
        "eco": "1992-11-28",
        "oic": "1995",
        "sco": "2001-06-15",
        "eaeu": "2015-01-01",
        "wto": "2015-11-30",
    }
    assert orgs["osce"] == {
        "id": "osce",
        "acronym": "OSCE",
        "name": "Organization for Security and Co-operation in Europe",
        "wikidata": "Q81299",
        "member_since": "1992-01-30",
        "joined_event": "csce-membership-1992",
        "roles": [
            {
                "role": "Chairmanship-in-Office",
                "date": "2010-01-01",
                "end_date": "2010-12-31",
                "event": "osce-chairmanship-2010",
            }
        ],
    }
    assert [role["role"] for role in orgs["un"]["roles"]] == [
        "Non-permanent member of the Security Council",
        "President of the Security Council",
    ]


def test_org_list_table(kzfp, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    lines = [line.rstrip() for line in kzfp("org", "list", "-f", "table").stdout.splitlines()]
    assert lines[:11] == [
        "Org    Name                     Member since   Roles held",
        "─" * 80,
        "CIS    Commonwealth of          21 Dec 1991",
        "       Independent States",
        "OSCE   Organization for         30 Jan 1992    Chairmanship-in-Office (2010)",
        "       Security and",
        "       Co-operation in Europe",
        "UN     United Nations           2 Mar 1992     Non-permanent member of the",
        "                                               Security Council (2017–2018)",
        "                                               President of the Security Council",
        "                                               (Jan 2018)",
    ]


def test_org_list_csv(kzfp):
    rows = list(csv.DictReader(io.StringIO(kzfp("org", "list", "-f", "csv").stdout)))
    by_id = {row["id"]: row for row in rows}
    assert by_id["un"]["roles"] == (
        "Non-permanent member of the Security Council (2017-01-01/2018-12-31);"
        "President of the Security Council (2018-01-01/2018-01-31)"
    )
    assert by_id["wto"]["roles"] == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("timeline", "--partner", "rusia"),
            "kzfp: error: unknown partner 'rusia'; did you mean 'russia'?",
        ),
        (
            ("timeline", "--org", "nato"),
            "kzfp: error: unknown organization 'nato'; did you mean --partner nato?",
        ),
        (
            ("timeline", "--partner", "wto"),
            "kzfp: error: unknown partner 'wto'; did you mean --org wto?",
        ),
        (
            ("timeline", "--theme", "trade"),
            "kzfp: error: unknown theme 'trade'; known: borders, diplomacy, economy, "
            "human-rights, leadership, mediation, multilateral, nuclear, regional, security, "
            "strategy",
        ),
        (
            ("timeline", "--since", "2015-13-45"),
            "kzfp: error: --since: '2015-13-45' is not a real date (month must be in 1..12)",
        ),
        (
            ("timeline", "--until", "someday"),
            "kzfp: error: --until: 'someday' is not a date; "
            "write it like 2015, Dec 2015 or 2015-12-21",
        ),
        (
            ("timeline", "--year", "abc"),
            "kzfp: error: --year: 'abc' is not a year; write it like 2015",
        ),
        (
            ("timeline", "--since", "2020", "--until", "2010"),
            "kzfp: error: --since 2020 is after --until 2010",
        ),
        (
            ("timeline", "--format", "xml"),
            "kzfp: error: unknown format 'xml'; choose one of: table, plain, json, jsonl, csv, "
            "tsv, md",
        ),
        (("nonsense",), "kzfp: error: No such command 'nonsense'. (see 'kzfp --help')"),
        (
            ("timelin",),
            "kzfp: error: No such command 'timelin'. Did you mean 'timeline'? (see 'kzfp --help')",
        ),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(kzfp, args, message):
    run = kzfp(*args)
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr == message + "\n"


def test_click_usage_errors_are_one_line_with_a_help_hint(kzfp):
    # The wording of this message is Click's and varies between Typer releases.
    run = kzfp("timeline", "--fromat", "json")
    assert run.exit_code == 2
    assert run.stderr.startswith("kzfp: error: No such option")
    assert "--format" in run.stderr
    assert run.stderr.endswith(" (see 'kzfp timeline --help')\n")
    assert run.stderr.count("\n") == 1


def test_limit_must_be_positive(kzfp):
    run = kzfp("timeline", "--limit", "0")
    assert run.exit_code == 2
    assert run.stderr.startswith("kzfp: error: Invalid value for '--limit' / '-n': ")
    assert run.stderr.count("\n") == 1


def test_version(kzfp):
    run = kzfp("--version")
    assert (run.exit_code, run.stdout) == (0, f"kzfp {__version__}\n")


def test_help_lists_every_command(kzfp):
    run = kzfp("--help")
    assert run.exit_code == 0
    for command in ("timeline", "org"):
        assert command in run.stdout
    assert "list" in kzfp("org", "--help").stdout


def test_help_lists_every_command_then_every_group(kzfp):
    # Subcommands are built lazily; the help still names all of them, in this order.
    run = kzfp("--help")
    listed = re.findall(r"^│ ([a-z]+) {2,}", run.stdout, flags=re.MULTILINE)
    assert (run.exit_code, listed) == (
        0,
        ["timeline", "search", "stats", "chart", "validate", "fields",
         "event", "partner", "org", "theme", "schema", "export"],
    )  # fmt: skip


def test_the_library_keeps_nothing_a_command_showed(kzfp):
    from kzfp_cli import entry

    assert kzfp("timeline", "--partner", "russia").exit_code == 0
    assert entry.shown is None
