from __future__ import annotations

from datetime import date

import pytest

from kzfp_cli.dates import (
    PartialDate,
    Precision,
    display_span,
    parse_iso,
    parse_user_date,
    parse_year,
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
    for bad in ("abc", "20155", "0", "2015-01", ""):
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
