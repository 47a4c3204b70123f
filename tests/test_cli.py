"""The kzfp command as a user sees it: exact rows, exact JSON, exact errors and exit codes.

Exact rows come from a small events file of our own (``MINE``, read with --data and
--no-builtin), so that the curated data can grow; where a test asks the curated data, its
expectation is derived from data/*.csv read with the csv module.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
import typer
from library import as_json, own_data, printed

from kzfp_cli import __version__, timeline
from kzfp_cli.cli import app
from kzfp_cli.language import ENGLISH
from kzfp_cli.lookup import org_detail, org_summaries
from kzfp_cli.query import build_filter
from kzfp_cli.views import event_listing, org_detail_view, org_listing

DATA = Path(__file__).resolve().parents[1] / "data"

MINE = """\
id,date,end_date,title,summary,partners,orgs,themes,section,sources,note
concept-2014,2014-01-21,2020-03-06,Foreign policy concept adopted,A concept for six years.,russia;china,,strategy,Introduction,Decree | https://example.org/decree,
eaeu-2015,2015-01-01,,Eurasian Economic Union starts,The union's treaty enters into force.,russia;belarus,eaeu,economy;multilateral,Russia,Treaty | https://example.org/treaty,
belarus-2015,2015-01-01,,Minsk visit,Talks in Minsk.,belarus,,diplomacy,Russia,,
ru-visit-2015,2015,,A year of visits,Talks in Moscow.,russia,,diplomacy,Russia,,
wto-2015,2015-11-30,,Kazakhstan joins the WTO,The 162nd member.,,wto,economy,International commitment,Kazakhstan – accessions (WTO) | https://example.org/wto,Twenty years after applying.
talks-1-2017,2017-01-23,2017-01-24,Syria talks in Astana,First round of talks.,russia;turkey;iran,un,mediation;security,Russia,,
talks-2-2017,2017-02-15,,Syria talks again,Second round of talks.,russia;turkey;iran,,mediation,Russia,,
unsc-2017,2017,2018,Security Council term,Non-permanent member.,,un,multilateral;security,International commitment,,
germany-2017,2017-06,,Steinmeier visits,German president in Astana.,germany,,diplomacy,EU and Germany,,
usa-2017,2017-12-18,,US strategy names Kazakhstan,Strategy text.,usa,,strategy,United States,,
"""  # noqa: E501

EXPORTS = ("timelinejs", "ics", "html", "md")


def curated(table: str) -> list[dict[str, str]]:
    with (DATA / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def curated_ids(column: str, wanted: str) -> set[str]:
    """The ids of the curated events whose list cell ``column`` holds ``wanted``."""
    return {row["id"] for row in curated("events") if wanted in row[column].split(";")}


@pytest.fixture
def mine(kzfp, tmp_path, monkeypatch):
    """Run kzfp on MINE only."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.csv").write_text(MINE, encoding="utf-8")

    def run(*args: str):
        return kzfp(*args, "--data", "mine.csv", "--no-builtin")

    return run


@pytest.fixture(scope="module")
def mine_dataset(tmp_path_factory):
    """MINE, read as --data mine.csv --no-builtin reads it."""
    return own_data(tmp_path_factory.mktemp("mine"), MINE)


def ids(run) -> list[str]:
    assert run.exit_code == 0, run.stderr
    return [event["id"] for event in run.json()]


def selected(dataset, *, reverse: bool = False, limit: int | None = None, **typed) -> list[str]:
    """The ids of the events the library selects for filters typed as on the command line."""
    events = timeline(dataset, build_filter(dataset, **typed), reverse=reverse, limit=limit)
    return [event.id for event in events]


# --- filters -----------------------------------------------------------------------------


def test_partner_and_year_match_by_overlap_in_chronological_order(mine):
    # The concept runs 2014-2020, so it overlaps 2015; a year-only event sorts first
    # among those that begin on 1 Jan 2015.
    run = mine("timeline", "--partner", "russia", "--year", "2015", "--format", "json")
    assert ids(run) == ["concept-2014", "ru-visit-2015", "eaeu-2015"]


def test_same_day_orders_year_precision_first_then_id(mine_dataset):
    assert selected(mine_dataset, partners=["russia,belarus"], year="2015") == [
        "concept-2014",
        "ru-visit-2015",
        "belarus-2015",
        "eaeu-2015",
    ]


def test_repeated_and_comma_separated_partners_mean_any_of(mine, mine_dataset):
    repeated = mine("timeline", "-p", "germany", "-p", "usa", "-y", "2017", "-f", "json")
    comma = selected(mine_dataset, partners=["germany,usa"], year="2017")
    assert ids(repeated) == comma == ["germany-2017", "usa-2017"]


def test_filters_combine_with_and(mine_dataset):
    assert selected(mine_dataset, partners=["iran"], themes=["security"]) == ["talks-1-2017"]


def test_periods_match_by_overlap(mine_dataset):
    # The Security Council term runs from 2017 to 2018, so a 2018 filter finds it.
    assert selected(mine_dataset, orgs=["un"], year="2018") == ["unsc-2017"]


def test_since_and_until_take_dates_as_people_type_them(mine, mine_dataset):
    # The year-only 2015 event overlaps December 2015; the WTO's November day does not.
    expected = ["concept-2014", "ru-visit-2015", "unsc-2017", "talks-1-2017"]
    assert selected(mine_dataset, since="Dec 2015", until="2017-01-23") == expected
    run = mine("timeline", "--since", "Dec 2015", "--until", "2017-01-23", "-f", "json")
    assert ids(run) == expected


def test_search_limit_and_reverse(mine):
    run = mine("timeline", "--search", "talks", "--reverse", "--limit", "2", "-f", "json")
    assert ids(run) == ["talks-2-2017", "talks-1-2017"]


def test_aliases_and_case_resolve_to_the_same_partner(kzfp, curated_dataset):
    expected = selected(curated_dataset, partners=["russia"])
    assert set(expected) == curated_ids("partners", "russia")
    for alias in ("RU", "rus", "Russian Federation", "RUSSIA", "Q159", "q159"):
        assert selected(curated_dataset, partners=[alias]) == expected, alias
    assert ids(kzfp("timeline", "-p", "Russian Federation", "-f", "json")) == expected


def test_organizations_answer_to_their_wikidata_id(curated_dataset):
    wikidata = {row["id"]: row["wikidata"] for row in curated("orgs")}["wto"]
    expected = selected(curated_dataset, orgs=["wto"])
    assert set(expected) == curated_ids("orgs", "wto")
    assert selected(curated_dataset, orgs=[wikidata]) == expected


def test_the_library_filters_as_the_command_does(kzfp):
    from kzfp_cli import load_dataset
    from kzfp_cli.query import Filters, build_filter, timeline

    dataset = load_dataset()
    filters = Filters(partners=("RU",), year="2015")
    assert filters.event_filter(dataset) == build_filter(dataset, partners=["RU"], year="2015")
    expected = [event.id for event in timeline(dataset, filters.event_filter(dataset))]
    assert ids(kzfp("timeline", "-p", "RU", "-y", "2015", "-f", "json")) == expected


# --- formats -----------------------------------------------------------------------------


def test_table_shows_dates_at_their_own_precision(mine, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    run = mine("timeline", "--org", "wto,un", "--format", "table")
    assert (run.exit_code, run.stderr) == (0, "")
    assert [line.rstrip() for line in run.stdout.splitlines()] == [
        "Date             Event                                              Partners"
        "                         Orgs   ID",
        "─" * 120,
        "30 Nov 2015      Kazakhstan joins the WTO                                     "
        "                       WTO    wto-2015",
        "2017–2018        Security Council term                                        "
        "                       UN     unsc-2017",
        "23–24 Jan 2017   Syria talks in Astana                              Russia, Turkey, Iran"
        "             UN     talks-1-2017",
    ]


def test_long_periods_wrap_after_the_dash(mine):
    lines = [
        line.rstrip() for line in mine("timeline", "-p", "china", "-f", "table").stdout.splitlines()
    ]
    assert lines[2].startswith("21 Jan 2014 –    Foreign policy concept adopted")
    assert lines[3] == "6 Mar 2020       concept-2014"


def test_below_120_columns_the_id_goes_under_the_title(mine):
    lines = [
        line.rstrip()
        for line in mine("timeline", "--org", "wto", "-f", "table").stdout.splitlines()
    ]
    assert lines[0].split() == ["Date", "Event", "/", "ID", "Partners", "Orgs"]
    assert lines[2:] == [
        "30 Nov 2015   Kazakhstan joins the WTO" + " " * 58 + "WTO",
        "              wto-2015",
    ]


def test_from_120_columns_the_id_has_a_column(mine, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    lines = mine("timeline", "--org", "wto", "-f", "table").stdout.splitlines()
    assert lines[0].split() == ["Date", "Event", "Partners", "Orgs", "ID"]
    assert lines[2].split()[-2:] == ["WTO", "wto-2015"]
    assert len(lines) == 3


def test_event_json_has_the_contract_fields(mine_dataset):
    events = timeline(mine_dataset, build_filter(mine_dataset, orgs=["wto"]))
    assert as_json(event_listing(events, mine_dataset, ENGLISH)) == [
        {
            "id": "wto-2015",
            "date": "2015-11-30",
            "end_date": None,
            "precision": "day",
            "title": "Kazakhstan joins the WTO",
            "summary": "The 162nd member.",
            "partners": [],
            "orgs": ["wto"],
            "themes": ["economy"],
            "section": "International commitment",
            "sources": [
                {
                    "id": None,
                    "title": "Kazakhstan – accessions",
                    "publisher": "WTO",
                    "url": "https://example.org/wto",
                    "language": None,
                    "published": None,
                    "checked": None,
                }
            ],
            "note": "Twenty years after applying.",
        }
    ]


def test_json_is_utf8_with_one_trailing_newline(mine, mine_dataset):
    run = mine("timeline", "--org", "wto", "--format", "json")
    assert run.stdout.endswith("}\n]\n")
    assert "Kazakhstan – accessions" in run.stdout  # the en dash as is, not \u2013
    events = timeline(mine_dataset, build_filter(mine_dataset, orgs=["wto"]))
    assert run.stdout == printed(event_listing(events, mine_dataset, ENGLISH), "json")


def test_jsonl_is_one_object_a_line(mine):
    run = mine("timeline", "--partner", "russia", "--year", "2015", "--format", "jsonl")
    assert [json.loads(line)["id"] for line in run.stdout.splitlines()] == [
        "concept-2014",
        "ru-visit-2015",
        "eaeu-2015",
    ]


def test_csv_has_the_data_file_columns_and_list_cells(mine):
    run = mine("timeline", "--partner", "russia", "--year", "2015", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert list(rows[0]) == MINE.splitlines()[0].split(",")
    assert [row["id"] for row in rows] == ["concept-2014", "ru-visit-2015", "eaeu-2015"]
    assert (rows[0]["partners"], rows[0]["end_date"]) == ("russia;china", "2020-03-06")
    assert rows[1]["end_date"] == ""


def test_format_is_case_insensitive(mine):
    assert ids(mine("timeline", "--org", "wto", "--format", "JSON")) == ["wto-2015"]


def test_no_match_is_not_an_error(kzfp):
    table = kzfp("timeline", "--search", "no such words anywhere", "-f", "table")
    assert (table.exit_code, table.stdout, table.stderr) == (
        0,
        "",
        "No events match these filters.\n",
    )
    assert kzfp("timeline", "--search", "nothing here", "-f", "json").stdout == "[]\n"
    assert kzfp("timeline", "--search", "nothing here", "-f", "jsonl").stdout == ""


# --- organizations -----------------------------------------------------------------------


def test_org_list_json_holds_every_organization(curated_dataset):
    listed = as_json(org_listing(org_summaries(curated_dataset), ENGLISH))
    orgs = {org["id"]: org for org in listed}
    assert set(orgs) == {row["id"] for row in curated("orgs")}
    # A membership dated to a month or a year is shown at its own precision.
    events = {row["id"]: row for row in curated("events")}
    for row in curated("orgs"):
        if row["joined_event"]:
            assert orgs[row["id"]]["member_since"] == events[row["joined_event"]]["date"]
    assert orgs["osce"] == {
        "id": "osce",
        "acronym": "OSCE",
        "name": "Organization for Security and Co-operation in Europe",
        "wikidata": "Q81299",
        "founded": "1995-01-01",
        "ended": None,
        "predecessor": "csce",
        "successor": None,
        # Kazakhstan's membership carries across the renaming: it joined the CSCE.
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
    assert (orgs["csce"]["successor"], orgs["csce"]["member_since"]) == ("osce", "1992-01-30")
    assert [role["role"] for role in orgs["un"]["roles"]] == [
        "Non-permanent member of the Security Council",
        "President of the Security Council",
    ]


def test_org_list_table(kzfp, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    lines = [line.rstrip() for line in kzfp("org", "list", "-f", "table").stdout.splitlines()]
    assert lines[:12] == [
        "Org             Name                  Member since   Roles held",
        "─" * 80,
        "CIS             Commonwealth of       21 Dec 1991",
        "                Independent States",
        "CSCE            Conference on         30 Jan 1992",
        "                Security and",
        "                Co-operation in",
        "                Europe",
        "OSCE            Organization for      30 Jan 1992    Chairmanship-in-Office",
        "                Security and                         (2010)",
        "                Co-operation in",
        "                Europe",
    ]


def test_org_list_csv(curated_dataset):
    text = printed(org_listing(org_summaries(curated_dataset), ENGLISH), "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    by_id = {row["id"]: row for row in rows}
    assert by_id["un"]["roles"] == (
        "Non-permanent member of the Security Council (2017-01-01/2018-12-31);"
        "President of the Security Council (2018-01-01/2018-01-31)"
    )
    assert by_id["wto"]["roles"] == ""


# --- one meaning per flag ----------------------------------------------------------------


@pytest.mark.parametrize("command", EXPORTS)
def test_dash_o_is_the_output_file_of_every_export_and_dash_is_stdout(mine, command):
    shown = mine("export", command, "--org", "wto")
    written = mine("export", command, "-o", "wto", "--org", "wto")
    assert (written.exit_code, written.stdout, written.stderr) == (0, "", "")
    assert shown.stdout
    assert Path("wto").read_text(encoding="utf-8") == shown.stdout
    assert mine("export", command, "-o", "-", "--org", "wto").stdout == shown.stdout


@pytest.mark.parametrize("command", ["timeline", "stats", "chart"])
def test_org_has_no_short_flag(mine, command):
    # -o was once --org as well; now it is only --output, and only where that exists.
    run = mine(command, "-o", "wto")
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr.startswith("kzfp: error: No such option: -o")


# --- schema show -------------------------------------------------------------------------

HIT_SCHEMA = Path(__file__).resolve().parents[1] / "src/kzfp_cli/schemas/search-hit.json"
DATE = "A partial ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD."
TITLE = (
    "The event's title, or the partner's or organization's name, in the language chosen "
    "with --lang (English by default)."
)

SCHEMA_LISTINGS = {
    "table": [
        "Name    Type                        Required   Description",
        "─" * 100,
        "kind    one of: event, partner,     yes",
        "        org",
        "id      string                      yes",
        "title   string                      yes        The event's title, or the partner's or "
        "organization's",
        f"{' ' * 47}name, in the language chosen with --lang (English by",
        f"{' ' * 47}default).",
        f"date    string or null              yes        {DATE}",
        "score   number                      yes",
    ],
    "plain": [
        "kind\tone of: event, partner, org\tyes\t",
        "id\tstring\tyes\t",
        f"title\tstring\tyes\t{TITLE}",
        f"date\tstring or null\tyes\t{DATE}",
        "score\tnumber\tyes\t",
    ],
    "csv": [
        "name,type,required,description",
        'kind,"one of: event, partner, org",true,',
        "id,string,true,",
        f'title,string,true,"{TITLE}"',
        f'date,string or null,true,"{DATE}"',
        "score,number,true,",
    ],
    "tsv": [
        "name\ttype\trequired\tdescription",
        "kind\tone of: event, partner, org\ttrue\t",
        "id\tstring\ttrue\t",
        f"title\tstring\ttrue\t{TITLE}",
        f"date\tstring or null\ttrue\t{DATE}",
        "score\tnumber\ttrue\t",
    ],
    "md": [
        "| Name | Type | Required | Description |",
        "| --- | --- | --- | --- |",
        "| kind | one of: event, partner, org | yes |  |",
        "| id | string | yes |  |",
        f"| title | string | yes | {TITLE} |",
        f"| date | string or null | yes | {DATE} |",
        "| score | number | yes |  |",
    ],
    "jsonl": [
        json.dumps({"name": name, "type": kind, "required": True, "description": text})
        for name, kind, text in [
            ("kind", "one of: event, partner, org", ""),
            ("id", "string", ""),
            ("title", "string", TITLE),
            ("date", "string or null", DATE),
            ("score", "number", ""),
        ]
    ],
}


@pytest.mark.parametrize("fmt", sorted(SCHEMA_LISTINGS))
def test_schema_show_lists_the_properties_in_the_listing_formats(kzfp, fmt):
    run = kzfp("schema", "show", "search-hit", "-f", fmt)
    assert (run.exit_code, run.stderr) == (0, "")
    lines = run.stdout.splitlines()
    if fmt == "table":  # a table pads its lines to the terminal's width
        lines = [line.rstrip() for line in lines]
    assert lines == SCHEMA_LISTINGS[fmt]


@pytest.mark.parametrize("args", [(), ("-f", "json"), ("--format", "JSON")])
def test_schema_show_prints_the_schema_itself_as_json(kzfp, args):
    run = kzfp("schema", "show", "search-hit", *args)
    assert (run.exit_code, run.stdout, run.stderr) == (0, HIT_SCHEMA.read_text("utf-8"), "")


def test_schema_show_refuses_an_unknown_format(kzfp):
    run = kzfp("schema", "show", "search-hit", "-f", "xml")
    assert (run.exit_code, run.stdout, run.stderr) == (
        2,
        "",
        "kzfp: error: Invalid value for '--format' / '-f': 'xml' is not one of 'table', "
        "'plain', 'json', 'jsonl', 'csv', 'tsv', 'md'. (see 'kzfp schema show --help')\n",
    )


# --- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["", " ", ","])
def test_an_empty_name_is_an_error_not_no_filter(kzfp, value):
    run = kzfp("timeline", "--partner", value)
    assert (run.exit_code, run.stdout, run.stderr) == (
        2,
        "",
        "kzfp: error: --partner needs a name or an id, not an empty value\n",
    )


KNOWN_THEMES = ", ".join(sorted(row["id"] for row in curated("themes")))


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
            ("timeline", "--theme", "no-such-theme-here"),
            f"kzfp: error: unknown theme 'no-such-theme-here'; known: {KNOWN_THEMES}",
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
            "kzfp: error: Invalid value for '--format' / '-f': 'xml' is not one of 'table', "
            "'plain', 'json', 'jsonl', 'csv', 'tsv', 'md'. (see 'kzfp timeline --help')",
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
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", message + "\n")


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


# --- the kzfp command itself -------------------------------------------------------------


def test_version(kzfp):
    run = kzfp("--version")
    assert (run.exit_code, run.stdout) == (0, f"kzfp {__version__}\n")


def commands_section(help_text: str) -> str:
    return help_text.partition("\nCommands:\n")[2]


def test_help_lists_every_command_then_every_group(kzfp):
    run = kzfp("--help")
    listed = re.findall(r"^  ([a-z]+) {2,}", commands_section(run.stdout), flags=re.MULTILINE)
    assert (run.exit_code, listed) == (
        0,
        ["timeline", "on", "search", "stats", "chart", "cite", "about", "validate", "fields",
         "help", "event", "partner", "org", "theme", "schema", "export"],
    )  # fmt: skip


def test_every_command_appears_in_the_help_of_its_group(kzfp):
    def walk(command, path: tuple[str, ...]) -> None:
        children = getattr(command, "commands", {})
        if not children:
            return
        run = kzfp(*path, "--help")
        listed = re.findall(r"^  ([a-z]+) {2,}", commands_section(run.stdout), flags=re.MULTILINE)
        assert (run.exit_code, sorted(listed)) == (0, sorted(children)), path
        for name, child in children.items():
            walk(child, (*path, name))

    root = typer.main.get_command(app)
    assert {"timeline", "org", "export", "schema"} <= set(root.commands)
    walk(root, ())


def test_progress_ignores_standard_input_and_pipes(tmp_path):
    # Only a regular file has a size to measure; "-" and a FIFO are not opened to find one.
    from kzfp_cli.progress import file_progress

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with file_progress(["-", str(fifo), str(tmp_path / "missing.csv")]) as report:
        assert report is None


def test_ctrl_c_ends_quietly_with_130(kzfp, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("kzfp_cli.query.timeline", interrupted)
    run = kzfp("timeline")
    assert (run.exit_code, run.stdout, run.stderr) == (130, "", "")


SELECTING = ["timeline", "stats", "chart", "export timelinejs", "export ics", "export html"]
SELECTING += ["export md"]


@pytest.mark.parametrize("command", SELECTING)
def test_every_command_that_selects_events_takes_the_same_filters_and_data(kzfp, command):
    from kzfp_cli.cli import app

    group = typer.main.get_command(app)
    for name in command.split():
        group = group.commands[name]
    options = {opt for param in group.params for opt in param.opts}
    assert options >= {
        "--partner", "-p", "--org", "--theme", "-t", "--year", "-y", "--since", "--until",
        "--search", "-s", "--data", "--no-builtin",
    }  # fmt: skip
    assert "-o" not in options or command.startswith("export")


def test_stats_takes_search_as_timeline_does(kzfp, curated_dataset):
    stats = kzfp("stats", "--search", "WTO", "-f", "json").json()
    assert stats["events"] == len(selected(curated_dataset, text="WTO")) > 0


def test_h_is_help_on_every_level(kzfp):
    for path in [(), ("timeline",), ("org",), ("org", "list"), ("export", "sqlite")]:
        long, short = kzfp(*path, "--help"), kzfp(*path, "-h")
        assert (short.exit_code, short.stdout, short.stderr) == (0, long.stdout, ""), path
        assert long.stdout.startswith(f"Usage: {' '.join(('kzfp', *path))} "), path


def test_help_command_prints_the_help_of_kzfp_or_of_a_command(kzfp):
    assert kzfp("help").stdout == kzfp("--help").stdout
    for path in [("timeline",), ("org",), ("org", "list"), ("help",)]:
        run = kzfp("help", *path)
        assert (run.exit_code, run.stdout, run.stderr) == (0, kzfp(*path, "--help").stdout, "")


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("nosuch",), "kzfp: error: No such command 'nosuch' (see 'kzfp --help')"),
        (("org", "nosuch"), "kzfp: error: No such command 'nosuch' (see 'kzfp org --help')"),
        (("timeline", "x"), "kzfp: error: No such command 'x' (see 'kzfp timeline --help')"),
    ],
)
def test_help_of_an_unknown_command_is_one_line_and_exit_2(kzfp, path, line):
    run = kzfp("help", *path)
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", line + "\n")


def test_a_bare_group_prints_its_help_and_exits_2(kzfp):
    for path in [(), ("org",), ("export",)]:
        run = kzfp(*path)
        assert (run.exit_code, run.stdout, run.stderr) == (2, kzfp(*path, "-h").stdout, "")


def test_choices_are_read_in_any_case(kzfp, curated_dataset):
    assert kzfp("org", "show", "wto", "-f", "JSON").json() == as_json(
        org_detail_view(org_detail(curated_dataset, "wto"), curated_dataset, ENGLISH)
    )
    assert kzfp("chart", "--by", "ORG").stdout == kzfp("chart", "--by", "org").stdout


def test_running_out_of_memory_after_reading_is_one_line_and_exit_5(kzfp, monkeypatch):
    import kzfp_cli.search

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(kzfp_cli.search, "search_read", exhausted)
    run = kzfp("search", "wto")
    assert (run.exit_code, run.stdout, run.stderr) == (
        5,
        "",
        "kzfp: error: out of memory after reading the events; select fewer "
        "(--partner, --since...) or read a smaller file\n",
    )
