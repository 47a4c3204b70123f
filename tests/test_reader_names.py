"""Names in the reader's language: Russian and Kazakh (Cyrillic and Latin) names of
partners, organizations, themes and people work like the English ones."""

from __future__ import annotations

import functools
import re

import pytest
from conftest import invoke
from curated import cells, curated

from kzfp_cli import timeline
from kzfp_cli.query import build_filter

CYRILLIC = re.compile("[\u0400-\u04ff]")


NAMES = [
    ("--partner", "Россия", "russia"),
    ("--partner", "Ресей", "russia"),
    ("--partner", "Қытай", "china"),
    ("--partner", "США", "usa"),
    ("--partner", "АҚШ", "usa"),
    ("--org", "ВТО", "wto"),
    ("--org", "ДСҰ", "wto"),
    ("--org", "ШОС", "sco"),
    ("--org", "ШЫҰ", "sco"),
    ("--org", "ОДКБ", "csto"),
    ("--org", "ҰҚШҰ", "csto"),
    ("--org", "ЕАЭС", "eaeu"),
    ("--org", "ЕАЭО", "eaeu"),
    ("--org", "СНГ", "cis"),
    ("--org", "ТМД", "cis"),
    ("--theme", "безопасность", "security"),
]
KEYWORD = {"--partner": "partners", "--org": "orgs", "--theme": "themes"}


def selected(dataset, option: str, name: str) -> list[str]:
    events = timeline(dataset, build_filter(dataset, **{KEYWORD[option]: [name]}))
    return [event.id for event in events]


@pytest.mark.parametrize(("option", "typed", "english"), NAMES)
def test_a_name_in_russian_or_kazakh_selects_what_the_english_one_does(
    curated_dataset, option, typed, english
):
    assert (
        selected(curated_dataset, option, typed) == selected(curated_dataset, option, english) != []
    )


def test_a_name_in_russian_or_kazakh_works_on_the_command_line(kzfp, curated_dataset):
    option, typed, english = NAMES[0]
    mine = kzfp("timeline", option, typed, "-f", "json")
    assert (mine.exit_code, mine.stderr) == (0, "")
    assert [event["id"] for event in mine.json()] == selected(curated_dataset, option, english)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("typed", "english"),
    [
        ("Токаев", "Tokayev"),
        ("Тоқаев", "Tokayev"),
        ("Toqaev", "Tokayev"),
        ("Қасым-Жомарт Тоқаев", "Tokayev"),
        ("Назарбаев", "Nazarbayev"),
        ("Россия", "Russia"),
        ("ШОС", "SCO"),
    ],
)
def test_search_reads_a_name_in_russian_or_kazakh_as_the_english_one(typed, english):
    # The same events, partners and organizations; a Russian or Kazakh name is weighed in
    # those languages' texts, so the order may differ.
    found = {(hit["kind"], hit["id"]) for hit in searched(typed)}
    assert found == {(hit["kind"], hit["id"]) for hit in searched(english)} != set()


@functools.cache
def searched(text: str) -> list[dict[str, object]]:
    """What kzfp search prints for the built-in data, as JSON; each English name is
    searched once, whichever of its translations asks (a search takes 0.3 s)."""
    run = invoke("search", text, "-f", "json")
    assert (run.exit_code, run.stderr) == (0, "")
    return run.json()


def test_a_typo_in_a_cyrillic_name_gets_a_suggestion(kzfp):
    run = kzfp("timeline", "--partner", "Росия")
    assert (run.exit_code, run.stderr) == (
        2,
        "kzfp: error: unknown partner 'Росия'; did you mean 'russia'?\n",
    )


def test_every_partner_and_organization_has_a_cyrillic_name():
    for table in ("partners", "orgs"):
        for row in curated(table):
            assert any(CYRILLIC.search(alias) for alias in cells(row, "aliases")), row["id"]


def folded(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def test_no_name_stands_for_two_things():
    owner: dict[str, tuple[str, str]] = {}
    for table in ("partners", "orgs", "themes"):
        for row in curated(table):
            names = [row["id"], row["name"], row.get("acronym", ""), *cells(row, "aliases")]
            for name in filter(None, names):
                assert owner.setdefault(folded(name), (table, row["id"])) == (table, row["id"]), (
                    name
                )


def test_every_person_is_named_in_the_events_as_spelled():
    text = " ".join(
        " ".join((row["title"], row["summary"], row["note"])) for row in curated("events")
    )
    for person in curated("people"):
        assert person["name"] in text, person["name"]
        assert cells(person, "aliases"), person["name"]
