"""``export timelinejs --group-by partner|org|theme|none``: what each slide's ``group``
holds (the row TimelineJS draws it in), the default (none: one timeline), and the error
for a value that is none of these."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess

import pytest
from curated import cells, chronological, curated

EVENTS = chronological(curated("events"))
PARTNERS = {row["id"]: row["name"] for row in curated("partners")}
ORGS = {row["id"]: row["acronym"] for row in curated("orgs")}
THEMES = {row["id"]: row["name"] for row in curated("themes")}


def expected(row: dict[str, str], group_by: str) -> str:
    """The group the docs promise, worked out from the data files."""
    partners, orgs, themes = cells(row, "partners"), cells(row, "orgs"), cells(row, "themes")
    if group_by == "partner":
        return PARTNERS[partners[0]] if partners else ORGS[orgs[0]] if orgs else "Kazakhstan"
    if group_by == "org":
        return ORGS[orgs[0]] if orgs else "Other"
    return THEMES[themes[0]] if themes else "Other"


def slides(kzfp, *args: str) -> list[dict[str, object]]:
    result = kzfp("export", "timelinejs", *args)
    assert (result.exit_code, result.stderr) == (0, "")
    return json.loads(result.stdout)["events"]


def sheet_groups(kzfp, *args: str) -> list[str]:
    result = kzfp("export", "timelinejs", "--sheet", *args)
    assert (result.exit_code, result.stderr) == (0, "")
    header, title, *rows = csv.reader(io.StringIO(result.stdout))
    assert (title[header.index("Type")], title[header.index("Group")]) == ("title", "")
    return [row[header.index("Group")] for row in rows]


def test_by_default_no_event_is_grouped(kzfp):
    found = slides(kzfp)
    assert [slide["unique_id"] for slide in found] == [row["id"] for row in EVENTS]
    assert [slide for slide in found if "group" in slide] == []
    assert sheet_groups(kzfp) == [""] * len(EVENTS)
    assert slides(kzfp, "--group-by", "none") == found


@pytest.mark.parametrize("group_by", ["partner", "org", "theme"])
def test_group_holds_what_the_docs_say(kzfp, group_by):
    wanted = [expected(row, group_by) for row in EVENTS]
    assert len(set(wanted)) > 1  # the data gives several rows, so this test can fail
    assert [slide["group"] for slide in slides(kzfp, "--group-by", group_by)] == wanted
    assert sheet_groups(kzfp, "--group-by", group_by) == wanted


def test_the_value_is_read_in_any_case(kzfp):
    assert slides(kzfp, "--group-by", "Theme", "--org", "wto") == slides(
        kzfp, "--group-by", "theme", "--org", "wto"
    )


@pytest.mark.parametrize("value", ["x", "", "partners", "group"])
def test_an_unknown_value_is_one_line_listing_the_choices(kzfp, value):
    result = kzfp("export", "timelinejs", "--group-by", value, "--data", "nosuch.csv")
    assert (result.exit_code, result.stdout) == (2, "")
    # Said before any data is read: the missing file is not mentioned.
    assert result.stderr == (
        f"kzfp: error: Invalid value for '--group-by': '{value}' is not one of 'partner', "
        "'org', 'theme', 'none'. (see 'kzfp export timelinejs --help')\n"
    )


def test_the_help_names_the_same_choices(kzfp):
    text = kzfp("export", "timelinejs", "--help").stdout
    assert "partner|org|theme|none" in text
    assert "[default: none]" in text


def test_the_values_complete_in_the_shell(kzfp_bin, tmp_path):
    def complete(line: str) -> str:
        env = {**os.environ, "_KZFP_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}
        return subprocess.run(
            [kzfp_bin], env=env, capture_output=True, text=True, cwd=tmp_path, timeout=60
        ).stdout

    assert '"theme"' in complete("kzfp export timelinejs --group-by t")
    assert '"partner"' not in complete("kzfp export timelinejs --group-by t")
    every = complete("kzfp export timelinejs --group-by ")
    assert all(f'"{choice}"' in every for choice in ("partner", "org", "theme", "none"))
