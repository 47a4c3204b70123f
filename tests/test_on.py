"""kzfp on DATE: what was happening on a day, and a day's anniversaries in every year."""

from __future__ import annotations

import json

import pytest
from library import own_data

from kzfp_cli import timeline
from kzfp_cli.dates import PartialDate
from kzfp_cli.query import build_filter
from kzfp_cli.typed_dates import MonthDay, parse_user_date, parse_when

DAYS = (
    "id,date,end_date,title\n"
    "independence-1991,1991-12-16,,Independence\n"
    "summit-2011,2011-12-14,2011-12-16,A summit\n"
    "term-2017,2017-01-01,2018-12-31,A term\n"
    "december-2015,2015-12,,Some day in December\n"
    "year-2016,2016,,Some time in 2016\n"
    "leap-2016,2016-02-29,,Leap day\n"
    "talks-2019,2019-12-16,2020,Talks that went on\n"
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12-16", MonthDay(12, 16)),
        ("16 Dec", MonthDay(12, 16)),
        ("Dec 16", MonthDay(12, 16)),
        ("16 December", MonthDay(12, 16)),
        ("16.12", MonthDay(12, 16)),
        ("12/16", MonthDay(12, 16)),
        ("02-29", MonthDay(2, 29)),
        ("29 Feb", MonthDay(2, 29)),
        # With a year, a date as --since reads it.
        ("2015-12-16", PartialDate(2015, 12, 16)),
        ("Dec 2015", PartialDate(2015, 12)),
        ("2015", PartialDate(2015)),
    ],
)
def test_a_month_and_day_without_a_year(typed, expected):
    assert parse_when(typed) == expected


WHEN_HINT = "write it like 2015-12-16 or Dec 2015, or 12-16 for that day in every year"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        # MM-DD is ISO's month and day, month first, strictly.
        ("16-12", "'16-12' is not a real day (month must be in 1..12)"),
        ("02-30", "'02-30' is not a real day (day is out of range for month)"),
        ("11/12", "'11/12' could be 11 Dec or 12 Nov; write it as 12-11 or 11 Dec"),
        ("Dec", f"'Dec' has no year; {WHEN_HINT}"),
        ("soon", f"'soon' is not a date; {WHEN_HINT}"),
    ],
)
def test_a_day_of_the_year_refused(typed, message):
    with pytest.raises(ValueError) as caught:
        parse_when(typed)
    assert str(caught.value) == message


@pytest.mark.parametrize("typed", ["12-16", "Dec 16", "11/12"])
def test_since_takes_no_day_of_the_year(typed):
    with pytest.raises(ValueError) as caught:
        parse_user_date(typed)
    assert str(caught.value) == (
        f"'{typed}' has no year; write it like 2015, Dec 2015 or 2015-12-21"
    )


@pytest.fixture(scope="module")
def days(tmp_path_factory):
    return own_data(tmp_path_factory.mktemp("on"), DAYS)


@pytest.mark.parametrize(
    ("when", "ids"),
    [
        # A date: every event whose interval overlaps it, whatever its precision.
        ("2016-12-16", ["year-2016"]),
        ("2017-12-16", ["term-2017"]),
        ("2011-12-15", ["summit-2011"]),
        ("Dec 2015", ["december-2015"]),
        ("2016", ["year-2016", "leap-2016"]),
        # A day of the year: the events that began or ended on it, known to the day.
        ("12-16", ["independence-1991", "summit-2011", "talks-2019"]),
        ("12-14", ["summit-2011"]),
        ("12-15", []),
        ("01-01", ["term-2017"]),
        ("12-31", ["term-2017"]),
        ("02-29", ["leap-2016"]),
        ("03-01", []),
    ],
)
def test_what_was_happening_on(days, when, ids):
    assert [event.id for event in timeline(days, build_filter(days, when=when))] == ids


def test_on_lists_as_timeline_does(kzfp, in_tmp):
    (in_tmp / "days.csv").write_text(DAYS, encoding="utf-8")
    mine = ("--data", "days.csv", "--no-builtin")
    run = kzfp("on", "16 Dec", *mine, "--fields", "date,end_date,id", "-f", "csv")
    assert (run.exit_code, run.stdout, run.stderr) == (
        0,
        "date,end_date,id\n"
        "1991-12-16,,independence-1991\n"
        "2011-12-14,2011-12-16,summit-2011\n"
        "2019-12-16,2020,talks-2019\n",
        "",
    )
    on = kzfp("on", "2017-06-01", *mine, "-f", "json")
    window = kzfp("timeline", "--since", "2017-06-01", "--until", "2017-06-01", *mine, "-f", "json")
    assert json.loads(on.stdout) == json.loads(window.stdout) != []
    russian = kzfp("on", "12-16", *mine, "--lang", "ru", "-f", "plain", "-n", "1")
    assert russian.stdout == "16 дек. 1991\tIndependence\t\t\tindependence-1991\n"
    newest = kzfp("on", "Dec 16", *mine, "--reverse", "--limit", "1", "-f", "plain")
    assert newest.stdout == "16 Dec 2019 – 2020\tTalks that went on\t\t\ttalks-2019\n"


def test_on_nothing_and_errors(kzfp, in_tmp):
    (in_tmp / "days.csv").write_text(DAYS, encoding="utf-8")
    empty = kzfp("on", "12-15", "--data", "days.csv", "--no-builtin")
    assert (empty.exit_code, empty.stdout, empty.stderr) == (
        0,
        "",
        "No events match these filters.\n",
    )
    for typed, message in [
        ("xyz", f"'xyz' is not a date; {WHEN_HINT}"),
        ("16-12", "'16-12' is not a real day (month must be in 1..12)"),
    ]:
        run = kzfp("on", typed)
        assert (run.exit_code, run.stdout, run.stderr) == (
            2,
            "",
            f"kzfp: error: DATE: {message}\n",
        )
    missing = kzfp("on")
    assert missing.exit_code == 2
    assert missing.stderr.startswith("kzfp: error: Missing argument 'DATE'.")


def test_on_the_built_in_day_of_independence(kzfp, curated_dataset):
    # Every built-in event dated to 16 December of some year, found from the data itself.
    from curated import chronological, curated

    expected = [
        row["id"]
        for row in chronological(curated("events"))
        if row["date"][4:] == "-12-16" or row["end_date"][4:] == "-12-16"
    ]
    run = kzfp("on", "12-16", "--fields", "id", "-f", "csv")
    assert run.stdout.splitlines() == ["id", *expected]
    assert "independence-1991" in expected
