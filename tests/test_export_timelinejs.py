"""``export timelinejs --group-by partner|org|theme|none``: what each slide's ``group``
holds (the row TimelineJS draws it in), the default (none: one timeline), the error for
a value that is none of these, and, where TimelineJS is at hand, that its navigation
stays on a 700-pixel screen."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from browser import Page
from curated import cells, chronological, curated

EVENTS = chronological(curated("events"))
NAMES = {
    "partner": {row["id"]: row["name"] for row in curated("partners")},
    "org": {row["id"]: row["acronym"] for row in curated("orgs")},
    "theme": {row["id"]: row["name"] for row in curated("themes")},
}


def expected(rows: list[dict[str, str]], group_by: str, asked: tuple[str, ...] = ()) -> list[str]:
    """The groups the docs promise, worked out from the data files: a row for each id
    asked for, else for the four the events name most (ties by id), and Other."""
    column = f"{group_by}s"
    counts = Counter(ident for row in rows for ident in cells(row, column))
    named = set(asked) or set(sorted(counts, key=lambda i: (-counts[i], i))[:4])
    return [
        next((NAMES[group_by][i] for i in cells(row, column) if i in named), "Other")
        for row in rows
    ]


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
def test_without_a_filter_of_its_kind_the_four_named_most_and_other(kzfp, group_by):
    wanted = expected(EVENTS, group_by)
    assert len(set(wanted)) == 5  # four rows and Other: this test can fail
    assert [slide["group"] for slide in slides(kzfp, "--group-by", group_by)] == wanted
    assert sheet_groups(kzfp, "--group-by", group_by) == wanted


def test_rows_are_the_partners_asked_for(kzfp):
    asked = ("russia", "china")
    selected = [row for row in EVENTS if set(asked) & set(cells(row, "partners"))]
    wanted = expected(selected, "partner", asked)
    assert set(wanted) == {"Russia", "China"}
    args = ("--partner", "russia", "--partner", "China", "--group-by", "partner")
    assert [slide["group"] for slide in slides(kzfp, *args)] == wanted
    assert sheet_groups(kzfp, *args) == wanted


def test_the_rows_are_named_in_the_language_asked(kzfp):
    english = [slide["group"] for slide in slides(kzfp, "--group-by", "partner")]
    russian = [slide["group"] for slide in slides(kzfp, "--group-by", "partner", "--lang", "ru")]
    assert dict(zip(english, russian, strict=True))["Other"] == "Прочее"
    assert dict(zip(english, russian, strict=True))["Russia"] == "Россия"
    assert len(set(zip(english, russian, strict=True))) == len(set(english))


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


TIMELINEJS = os.environ.get("KZFP_TIMELINEJS")


@pytest.mark.slow
@pytest.mark.skipif(
    TIMELINEJS is None,
    reason="KZFP_TIMELINEJS names no TimelineJS (its npm package, unpacked; see development.md)",
)
@pytest.mark.parametrize("group_by", ["partner", "org", "theme"])
def test_the_navigation_stays_on_a_700_pixel_screen(kzfp, in_tmp, group_by):
    assert TIMELINEJS is not None
    dist = Path(TIMELINEJS) / "dist"
    data = kzfp("export", "timelinejs", "--group-by", group_by).stdout
    page = in_tmp / "timeline.html"
    page.write_text(
        f"""<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{(dist / "css" / "timeline.css").as_uri()}">
<script src="{(dist / "js" / "timeline.js").as_uri()}"></script>
<style>html, body, #timeline {{ margin: 0; width: 100%; height: 100%; }}</style></head>
<body><div id="timeline"></div><script>
new TL.Timeline("timeline", {data}, {{ script_path: "{(dist / "js").as_uri()}/" }});
</script></body></html>""",
        encoding="utf-8",
    )
    with Page(page.as_uri(), in_tmp / "profile", width=1000, height=700) as browser:
        browser.wait_for("document.querySelectorAll('.tl-timegroup-message').length > 0")
        labels = browser.evaluate(
            "[...document.querySelectorAll('.tl-timegroup-message')]"
            ".map(label => [label.textContent, label.getBoundingClientRect().bottom])"
        )
        assert sorted(text for text, _ in labels) == sorted(set(expected(EVENTS, group_by)))
        assert all(0 < bottom <= 700 for _, bottom in labels)  # every row's label on screen
        navigation = browser.evaluate(
            "document.querySelector('.tl-timenav').getBoundingClientRect().top"
        )
        assert 0 < navigation < 700 - 150


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
