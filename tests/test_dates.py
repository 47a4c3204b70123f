from __future__ import annotations

from datetime import date, timedelta

import icalendar
import pytest
from library import own_data

from kzfp_cli import UsageError, timeline
from kzfp_cli.dates import PartialDate, Precision, display_span, parse_iso
from kzfp_cli.errors import FilterError, SinceAfterUntilError
from kzfp_cli.query import build_filter
from kzfp_cli.typed_dates import parse_user_date, parse_year

# 2015 in Arabic-Indic and in full-width digits, written as escapes to stay visible.
ARABIC = "\u0662\u0660\u0661\u0665"
FULLWIDTH = "\uff12\uff10\uff11\uff15"
FORM = "is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
HINT = "write it like 2015, Dec 2015 or 2015-12-21"
AMBIGUOUS = (
    "'11/12/2015' could be 11 Dec 2015 or 12 Nov 2015; write it as 2015-12-11 or 11 Dec 2015"
)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("2006", PartialDate(2006), Precision.YEAR),
        ("2018-03", PartialDate(2018, 3), Precision.MONTH),
        ("2015-12-21", PartialDate(2015, 12, 21), Precision.DAY),
        ("0999-01-05", PartialDate(999, 1, 5), Precision.DAY),
        ("0033", PartialDate(33), Precision.YEAR),
    ],
)
def test_parse_iso_keeps_precision(text, expected, precision):
    parsed = parse_iso(text)
    assert parsed == expected
    assert parsed.precision is precision
    assert parsed.iso() == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2015-13-45", "'2015-13-45' is not a real date (month must be in 1..12)"),
        ("2015-02-30", "'2015-02-30' is not a real date (day is out of range for month)"),
        ("15-12-2015", "'15-12-2015' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2015-1-5", "'2015-1-5' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
        ("", "'' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
        # A part of 00 is a wrong part, not a part left out.
        ("2015-01-00", "'2015-01-00' is not a real date (day is out of range for month)"),
        ("2015-00", "'2015-00' is not a real date (month must be in 1..12)"),
        ("2015-00-01", "'2015-00-01' is not a real date (month must be in 1..12)"),
        ("0000", "'0000' is not a real date (year 0 is out of range)"),
        # Only the digits 0-9: other scripts' digits are not read as a year.
        (ARABIC, f"'{ARABIC}' {FORM}"),
        (FULLWIDTH, f"'{FULLWIDTH}' {FORM}"),
        (
            f"2015-0{ARABIC[2]}",
            f"'2015-0{ARABIC[2]}' {FORM}",
        ),
        ("-2015", "'-2015' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
        ("10000", "'10000' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
        (" 2015", "' 2015' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_parse_iso_rejects_with_reason(text, message):
    with pytest.raises(ValueError) as caught:
        parse_iso(text)
    assert str(caught.value) == message


def test_partial_dates_are_intervals():
    assert PartialDate(2016).first == date(2016, 1, 1)
    assert PartialDate(2016).last == date(2016, 12, 31)
    assert PartialDate(2016, 2).last == date(2016, 2, 29)
    assert PartialDate(2015, 2).last == date(2015, 2, 28)
    assert PartialDate(2015, 11, 30).first == PartialDate(2015, 11, 30).last == date(2015, 11, 30)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2015", PartialDate(2015)),
        ("Dec 2015", PartialDate(2015, 12)),
        ("December 2015", PartialDate(2015, 12)),
        ("2015-12", PartialDate(2015, 12)),
        ("21 December 2015", PartialDate(2015, 12, 21)),
        ("Dec 21, 2015", PartialDate(2015, 12, 21)),
        ("2015-12-21", PartialDate(2015, 12, 21)),
        ("  March 2018 ", PartialDate(2018, 3)),
        # Dotted dates are day-first, as in Kazakhstan, Russia and most of Europe.
        ("11.12.2015", PartialDate(2015, 12, 11)),
        ("1.2.2015", PartialDate(2015, 2, 1)),
        ("11. 12. 2015", PartialDate(2015, 12, 11)),
        ("12.2015", PartialDate(2015, 12)),
        # A numeric date with slashes is read the one way that gives a real day.
        ("25/12/2015", PartialDate(2015, 12, 25)),
        ("12/25/2015", PartialDate(2015, 12, 25)),
        ("05/05/2015", PartialDate(2015, 5, 5)),
        ("12/2015", PartialDate(2015, 12)),
        # Year first is year, month, day in every convention.
        ("2015/12/11", PartialDate(2015, 12, 11)),
        ("2015.12.11", PartialDate(2015, 12, 11)),
        ("15 Mar 0999", PartialDate(999, 3, 15)),
        ("9999-12-31", PartialDate(9999, 12, 31)),
    ],
)
def test_user_dates_keep_the_precision_typed(typed, expected):
    assert parse_user_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2015-13-45", "'2015-13-45' is not a real date (month must be in 1..12)"),
        ("December", "'December' has no year; write it like 2015, Dec 2015 or 2015-12-21"),
        ("", "an empty date"),
        (
            "11/12/2015",
            AMBIGUOUS,
        ),
        (
            "11-12-2015",
            AMBIGUOUS.replace("11/12/2015", "11-12-2015"),
        ),
        (
            "99",
            "'99' has a year of fewer than four digits; write it like 2015, Dec 2015 or 2015-12-21",
        ),
        (
            "50",
            "'50' has a year of fewer than four digits; write it like 2015, Dec 2015 or 2015-12-21",
        ),
        (
            "Mar 15, 44",
            "'Mar 15, 44' has a year of fewer than four digits; "
            "write it like 2015, Dec 2015 or 2015-12-21",
        ),
        (
            "11.12.15",
            "'11.12.15' has a year of fewer than four digits; "
            "write it like 2015, Dec 2015 or 2015-12-21",
        ),
        ("-2015", "'-2015' has a negative year; write it like 2015, Dec 2015 or 2015-12-21"),
        ("Mar -2015", f"'Mar -2015' has a negative year; {HINT}"),
        (
            "11 - 12 - 2015",
            AMBIGUOUS.replace("11/12/2015", "11 - 12 - 2015"),
        ),
        (
            "Mar 15, -44",
            "'Mar 15, -44' has a negative year; write it like 2015, Dec 2015 or 2015-12-21",
        ),
        (
            ARABIC,
            f"'{ARABIC}' has digits other than 0-9; {HINT}",
        ),
        (
            f"Dec {FULLWIDTH}",
            f"'Dec {FULLWIDTH}' has digits other than 0-9; {HINT}",
        ),
        ("0000", "'0000' is not a real date (year 0 is out of range)"),
        ("2015-01-00", "'2015-01-00' is not a real date (day is out of range for month)"),
        ("32.12.2015", "'32.12.2015' is not a date; write it like 2015, Dec 2015 or 2015-12-21"),
    ],
)
def test_user_dates_errors(typed, message):
    with pytest.raises(ValueError) as caught:
        parse_user_date(typed)
    assert str(caught.value) == message


def test_unreadable_user_date_names_the_text():
    with pytest.raises(ValueError) as caught:
        parse_user_date("soon")
    assert str(caught.value) == "'soon' is not a date; write it like 2015, Dec 2015 or 2015-12-21"


def test_parse_year():
    assert parse_year("2015") == PartialDate(2015)
    assert parse_year("0033") == PartialDate(33)
    for bad in ("abc", "20155", "0", "0000", "99", "2015-01", "", ARABIC, "-2015"):
        with pytest.raises(ValueError, match="is not a year; write it like 2015"):
            parse_year(bad)


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        ("2006", None, "2006"),
        ("2018-03", None, "Mar 2018"),
        ("2015-11-30", None, "30 Nov 2015"),
        ("2017", "2018", "2017–2018"),
        # Day-precise bounds that cover whole years or months are shown as such.
        ("2017-01-01", "2018-12-31", "2017–2018"),
        ("2010-01-01", "2010-12-31", "2010"),
        ("2018-01-01", "2018-01-31", "Jan 2018"),
        ("2019-03-01", "2019-05-31", "Mar–May 2019"),
        ("2010-12-01", "2010-12-02", "1–2 Dec 2010"),
        ("2017-03-22", "2017-04-23", "22 Mar – 23 Apr 2017"),
        ("2011-06-28", "2012-11-15", "28 Jun 2011 – 15 Nov 2012"),
        ("2014-01-21", "2020", "21 Jan 2014 – 2020"),
    ],
)
def test_display_span(start, end, shown):
    assert display_span(parse_iso(start), parse_iso(end) if end else None) == shown


def test_sortable_text_orders_by_first_day_then_coarser_first():
    dates = [
        PartialDate(2015, 1, 2),
        PartialDate(2015, 1, 1),
        PartialDate(2015, 1),
        PartialDate(2015),
    ]
    assert [d.sortable() for d in dates] == ["20150102", "20150101", "20150100", "20150000"]
    assert sorted(dates, key=PartialDate.sortable) == dates[::-1]
    assert PartialDate(999, 12, 31).sortable() < PartialDate(2015).sortable()


# --- typed dates on the command line ----------------------------------------------------


REFUSED = [
    (
        "--since",
        "11/12/2015",
        AMBIGUOUS,
    ),
    (
        "--until",
        "99",
        "'99' has a year of fewer than four digits; write it like 2015, Dec 2015 or 2015-12-21",
    ),
    (
        "--since",
        "-2015",
        "'-2015' has a negative year; write it like 2015, Dec 2015 or 2015-12-21",
    ),
    ("--year", "99", "'99' is not a year; write it like 2015"),
    ("--year", ARABIC, f"'{ARABIC}' is not a year; write it like 2015"),
]


@pytest.mark.parametrize(("option", "typed", "message"), REFUSED)
def test_a_refused_typed_date_is_a_usage_error(curated_dataset, option, typed, message):
    field = option.removeprefix("--")
    with pytest.raises(FilterError) as caught:
        build_filter(curated_dataset, **{field: typed})
    # The library names the filter by its field; the command line by its option.
    assert str(caught.value) == f"{field}: {message}"
    assert (caught.value.field, caught.value.value, caught.value.problem) == (field, typed, message)
    assert isinstance(caught.value, UsageError)


def test_since_after_until_carries_both_as_typed(curated_dataset):
    with pytest.raises(SinceAfterUntilError) as caught:
        build_filter(curated_dataset, since="2020", until="2010")
    assert str(caught.value) == "since 2020 is after until 2010"
    assert (caught.value.since, caught.value.until) == ("2020", "2010")


def test_a_refused_typed_date_is_one_line_and_exit_2(kzfp):
    option, typed, message = REFUSED[0]
    run = kzfp("timeline", option, typed)
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == f"kzfp: error: {option}: {message}\n"


MAY_JUNE = (
    "id,date,end_date,title\nlate-may,2015-05-31,,Late May\nearly-june,2015-06-01,,Early June\n"
)


def test_a_dotted_date_on_the_command_line_is_day_first(tmp_path):
    dataset = own_data(tmp_path, MAY_JUNE)
    since = timeline(dataset, build_filter(dataset, since="1.6.2015"))
    assert [event.id for event in since] == ["early-june"]


# --- dates in data files ------------------------------------------------------------------

PERIODS = (
    "id,date,end_date,title\n"
    "june-inside-2015,2015,2015-06,June inside 2015\n"
    "may-to-2015,2015-05,2015,From May to some time in 2015\n"
)


def test_an_end_of_another_precision_runs_to_its_last_day(tmp_path):
    dataset = own_data(tmp_path, PERIODS)
    shown = timeline(dataset, build_filter(dataset, since="Dec 2015"))
    # June 2015 ends before December; "some time in 2015" may reach it.
    assert [(e.id, e.date.iso(), e.end_date and e.end_date.iso()) for e in shown] == [
        ("may-to-2015", "2015-05", "2015")
    ]


FIRST_AND_LAST = (
    "id,date,end_date,title\n"
    "first-year,0001,,First\n"
    "last-day,9999-12-31,,Last day\n"
    "whole-calendar,0001-01-01,9999,Everything\n"
)
COMMANDS = [
    ("timeline",),
    ("timeline", "--year", "9999"),
    ("timeline", "--since", "9999", "-f", "json"),
    ("timeline", "-f", "csv"),
    ("stats",),
    ("chart",),
    ("search", "Last"),
    ("event", "show", "last-day"),
    ("export", "timelinejs"),
    ("export", "timelinejs", "--sheet"),
    ("export", "ics"),
    ("export", "ics", "--anniversaries"),
    ("export", "html"),
    ("export", "md"),
]


def test_validate_accepts_the_first_and_the_last_dates(kzfp, tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text(FIRST_AND_LAST, encoding="utf-8")
    assert kzfp("validate", str(mine)).exit_code == 0


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_takes_every_date_validate_accepts(kzfp, tmp_path, command):
    mine = tmp_path / "mine.csv"
    mine.write_text(FIRST_AND_LAST, encoding="utf-8")
    run = kzfp(*command, "--no-builtin", "--data", str(mine))
    assert (run.exit_code, run.stderr) == (0, "")
    assert "9999" in run.stdout


def test_ics_ends_year_9999_with_a_duration_and_writes_four_digit_years(kzfp, tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text(FIRST_AND_LAST, encoding="utf-8")
    text = kzfp("export", "ics", "--no-builtin", "--data", str(mine)).stdout
    blocks = {
        block.split("UID:")[1].split("@")[0]: [
            line for line in block.splitlines() if line.startswith(("DTSTART", "DTEND", "DURATION"))
        ]
        for block in text.split("BEGIN:VEVENT")[1:]
    }
    assert blocks == {
        "first-year": ["DTSTART;VALUE=DATE:00010101", "DTEND;VALUE=DATE:00010102"],
        "last-day": ["DTSTART;VALUE=DATE:99991231", "DURATION:P1D"],
        "whole-calendar": ["DTSTART;VALUE=DATE:00010101", "DTEND;VALUE=DATE:00010102"],
    }
    calendar = icalendar.Calendar.from_ical(text)
    last = next(e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("last-day"))
    assert (last["DTSTART"].dt, last["DURATION"].dt) == (date(9999, 12, 31), timedelta(days=1))


# --- days said from today -------------------------------------------------------------------

# A fixed day, the last of a month in a leap year: a month back has no 31st.
TODAY = date(2024, 3, 31)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("today", "2024-03-31"),
        ("Today", "2024-03-31"),
        ("yesterday", "2024-03-30"),
        ("tomorrow", "2024-04-01"),
        ("1 day ago", "2024-03-30"),
        ("10 days ago", "2024-03-21"),
        ("0 days ago", "2024-03-31"),
        ("a week ago", "2024-03-24"),
        ("2 weeks ago", "2024-03-17"),
        ("1 month ago", "2024-02-29"),
        ("13 months ago", "2023-02-28"),
        ("6 months ago", "2023-09-30"),
        ("an year ago", "2023-03-31"),
        ("2 years ago", "2022-03-31"),
        ("  2  Years  ago ", "2022-03-31"),
    ],
)
def test_a_day_said_from_today(typed, expected):
    said = parse_user_date(typed, today=TODAY)
    assert (said.iso(), said.precision) == (expected, Precision.DAY)


def test_a_year_back_from_29_february_is_28_february():
    assert parse_user_date("1 year ago", today=date(2024, 2, 29)) == PartialDate(2023, 2, 28)
    assert parse_user_date("4 years ago", today=date(2024, 2, 29)) == PartialDate(2020, 2, 29)


@pytest.mark.parametrize(
    ("typed", "today", "message"),
    [
        ("3000 years ago", TODAY, "'3000 years ago' falls outside the years 1 to 9999"),
        ("tomorrow", date(9999, 12, 31), "'tomorrow' falls outside the years 1 to 9999"),
        ("2 fortnights ago", TODAY, f"'2 fortnights ago' is not a date; {HINT}"),
        ("in 2 days", TODAY, f"'in 2 days' is not a date; {HINT}"),
        (f"{ARABIC} days ago", TODAY, f"'{ARABIC} days ago' has digits other than 0-9; {HINT}"),
    ],
)
def test_a_day_said_from_today_refused(typed, today, message):
    with pytest.raises(ValueError) as caught:
        parse_user_date(typed, today=today)
    assert str(caught.value) == message


SINCE_TODAY = (
    "id,date,end_date,title\n"
    "two-years-back,2022-03-30,,Two years and a day before\n"
    "last-week,2024-03-24,2024-03-30,Last week\n"
    "today-2024,2024-03-31,,Today\n"
    "next-year,2025,,Next year\n"
)


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        ({"since": "today"}, ["today-2024", "next-year"]),
        ({"since": "2 years ago"}, ["last-week", "today-2024", "next-year"]),
        ({"until": "yesterday"}, ["two-years-back", "last-week"]),
        ({"since": "yesterday", "until": "yesterday"}, ["last-week"]),
        ({"since": "tomorrow"}, ["next-year"]),
        ({"when": "today"}, ["today-2024"]),
        ({"when": "a week ago"}, ["last-week"]),
    ],
)
def test_the_filters_take_days_said_from_today(tmp_path, filters, ids):
    from kzfp_cli.query import Filters

    dataset = own_data(tmp_path, SINCE_TODAY)
    chosen = build_filter(dataset, today=TODAY, **filters)
    assert [event.id for event in timeline(dataset, chosen)] == ids
    # The same through the filters a command builds.
    options = Filters(today=TODAY, **filters).event_filter(dataset)
    assert [event.id for event in timeline(dataset, options)] == ids


def test_org_list_on_a_day_said_from_today():
    from kzfp_cli.query import window_on

    assert window_on("yesterday", today=TODAY) == window_on("2024-03-30")


# Events on the first and the last day kzfp can write: whatever day the clock says, today
# is between them, so this tests the command line's wiring without a fixed clock.
ENDS = (
    "id,date,end_date,title\n"
    "first-day,0001-01-01,,First day\n"
    "whole-calendar,0001-01-01,9999-12-31,Everything\n"
    "last-day,9999-12-31,,Last day\n"
)


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (("timeline", "--since", "yesterday"), ["whole-calendar", "last-day"]),
        (("timeline", "--until", "2 years ago"), ["first-day", "whole-calendar"]),
        (("timeline", "--since", "tomorrow", "--until", "tomorrow"), ["whole-calendar"]),
        (("on", "today"), ["whole-calendar"]),
    ],
)
def test_the_command_line_takes_days_said_from_today(kzfp, in_tmp, args, ids):
    (in_tmp / "ends.csv").write_text(ENDS, encoding="utf-8")
    run = kzfp(*args, "--data", "ends.csv", "--no-builtin", "--fields", "id", "-f", "csv")
    assert (run.exit_code, run.stdout.split(), run.stderr) == (0, ["id", *ids], "")
    refused = kzfp("timeline", "--since", "3 fortnights ago")
    assert (refused.exit_code, refused.stderr) == (
        2,
        f"kzfp: error: --since: '3 fortnights ago' is not a date; {HINT}\n",
    )
