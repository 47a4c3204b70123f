"""kzfp search as people type it: questions, word forms, exact names first, partial matches.

Rankings are pinned on events of this file's own (read as --no-builtin reads them), so the
curated data can grow; partners and organizations still come from the built-in reference
data, whose texts may mention anything, so those tests compare the events alone or the
first hit. Only the two WTO questions run on the built-in events. The rankings are asked of
the library (kzfp_cli.search, printed as the command prints its hits); the command line is
run for what is its own: its arguments, its message about partial matches, its errors.
"""

from __future__ import annotations

import pytest
from library import as_json, own_data, warned

from kzfp_cli import load_dataset, store
from kzfp_cli.choices import Lang
from kzfp_cli.corpus import BATCH
from kzfp_cli.language import ENGLISH
from kzfp_cli.search import search, search_read
from kzfp_cli.translations import load_translations
from kzfp_cli.views import search_listing
from kzfp_cli.words import Wanted, words

EVENTS = """id,date,title,summary,partners,orgs
wto-membership-2015,2015-11-30,Kazakhstan becomes a WTO member,The 162nd member of the WTO.,,wto
wto-accession-approved-2015,2015-07-27,WTO General Council approves Kazakhstan's accession,\
Terms of entry agreed.,,wto
bush-meets-nazarbayev-2006,2006-09-29,Nazarbayev meets Bush,\
Bush backs Kazakhstan's bid to join the WTO.,usa,
oic-membership-1995,1995-12,Kazakhstan joins the OIC,Admitted as a full member.,,oic
eco-joining-1992,1992-11-28,Joining the ECO,At an extraordinary meeting.,,eco
crimea-2014,2014-03-18,Russia annexes Crimea,Kazakhstan abstains at the UN.,russia;ukraine,
emba-2016,2016-10-20,Russia gives up the Emba range,A lease ends.,russia,
russia-turkey-2016,2016-06-27,Russia and Turkey mend ties,Talks in Astana.,russia;turkey,
freedonia-embassy-2001,2001-04-02,Freedonia opens an embassy,In Almaty.,freedonia,
freedonia-consulate-2005,2005-05-01,Freedonia opens a consulate,In Aktau.,freedonia,
freedonia-mission-2005,2005-05-01,Freedonia opens a mission,In Astana.,freedonia,
"""

WTO_ANSWERS = ["wto-membership-2015", "wto-accession-approved-2015", "bush-meets-nazarbayev-2006"]
# After the events that say both words of a question about joining the WTO, those that
# say one: joining something else.
OTHER_JOINING = ["oic-membership-1995", "eco-joining-1992"]
# As the command reads them with --no-builtin, which these tests' events are read with.
TRANSLATIONS = [load_translations(lang).without_events() for lang in (Lang.ru, Lang.kk)]
JOINING = [
    "eco-joining-1992",
    "oic-membership-1995",
    "wto-membership-2015",
    "wto-accession-approved-2015",
    "bush-meets-nazarbayev-2006",
]


@pytest.fixture
def own(tmp_path):
    """The options that read EVENTS, which name a new partner, Freedonia: one warning."""
    path = tmp_path / "events.csv"
    path.write_text(EVENTS, encoding="utf-8")
    return ["--no-builtin", "--data", str(path)]


@pytest.fixture(scope="module")
def own_dataset(tmp_path_factory):
    return own_data(tmp_path_factory.mktemp("search"), EVENTS)


def found(dataset, text: str) -> list[dict]:
    """The hits of a search, as kzfp search -f json prints them: over the events' texts
    in every language, as the command searches them."""
    return as_json(search_listing(search(dataset, text, TRANSLATIONS).hits, ENGLISH))


def searched(kzfp, *args: str, told: str = "") -> list[dict]:
    """The hits kzfp search prints, which says nothing more on stderr than ``told``."""
    run = kzfp("search", *args, "-f", "json")
    assert (run.exit_code, run.stderr) == (0, told)
    return run.json()


def event_ids(hits: list[dict]) -> list[str]:
    return [hit["id"] for hit in hits if hit["kind"] == "event"]


@pytest.mark.parametrize(
    "question",
    ["when did Kazakhstan join the WTO", "join wto", "Did Kazakhstan join the WTO?"],
)
def test_a_question_ranks_the_event_that_answers_it_first(own_dataset, question):
    hits = found(own_dataset, question)
    assert hits[0]["id"] == "wto-membership-2015"
    assert event_ids(hits) == WTO_ANSWERS + OTHER_JOINING


# A title's words that count are those other than Kazakhstan, which every event is
# about. A text that says joining in more words says it more: "Kazakhstan joins the OIC;
# admitted as a full member" before "Joining the ECO", whose title is the word itself.
JOINED = ["oic-membership-1995", "eco-joining-1992", *JOINING[2:]]
# Without the word itself, the texts that say it in more words first.
MEMBERS = [
    "oic-membership-1995",
    "wto-membership-2015",
    "wto-accession-approved-2015",
    "eco-joining-1992",
    "bush-meets-nazarbayev-2006",
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # joined, joins, joining and join share a stem; member and accession mean joining
        ("joined", JOINED),
        ("joining", JOINED),
        ("join", JOINED),
        ("membership", MEMBERS),
        ("accede", MEMBERS),
    ],
)
def test_word_forms_and_synonyms_match(own_dataset, query, expected):
    assert event_ids(found(own_dataset, query)) == expected


def test_the_words_of_a_question_are_the_arguments_of_search(kzfp, own, own_dataset):
    question = "when did Kazakhstan join the WTO"
    hits = searched(kzfp, *question.split(), *own, told=warned(own[-1]))
    assert hits == found(own_dataset, question)
    assert event_ids(hits) == WTO_ANSWERS + OTHER_JOINING


def test_an_exact_partner_name_ranks_first_and_ties_go_newest_first(own_dataset):
    # The three events match alike (one word of a three-word title): the newest first,
    # and the two of one day by id.
    assert [(hit["kind"], hit["id"]) for hit in found(own_dataset, "freedonia")] == [
        ("partner", "freedonia"),
        ("event", "freedonia-consulate-2005"),
        ("event", "freedonia-mission-2005"),
        ("event", "freedonia-embassy-2001"),
    ]


def test_russia_puts_the_partner_first(own_dataset):
    hits = found(own_dataset, "russia")
    assert (hits[0]["kind"], hits[0]["id"]) == ("partner", "russia")
    # Then by how much of each title the word covers (1 of 3, 1 of 4, 1 of 4: "up" and
    # "and" do not count), and at that the newest first.
    assert event_ids(hits) == ["crimea-2014", "emba-2016", "russia-turkey-2016"]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("wto", ("org", "wto")),
        ("what is the World Trade Organization", ("org", "wto")),
        ("Russian Federation", ("partner", "russia")),
        ("wto-accession-approved-2015", ("event", "wto-accession-approved-2015")),
    ],
)
def test_an_exact_id_name_or_alias_ranks_first(own_dataset, query, first):
    hits = found(own_dataset, query)
    assert (hits[0]["kind"], hits[0]["id"]) == first


def test_when_nothing_holds_every_word_the_best_partial_matches_are_shown(kzfp, own, own_dataset):
    run = kzfp("search", "freedonia", "zeppelin", *own, "-f", "json")
    assert run.exit_code == 0
    assert run.stderr == (
        "Nothing holds all 2 words (freedonia, zeppelin); the best matches hold 1.\n"
        + warned(own[-1])
    )
    assert run.json() == found(own_dataset, "freedonia zeppelin")
    assert [hit["id"] for hit in run.json()] == [
        hit["id"] for hit in found(own_dataset, "freedonia")
    ]


def test_partial_matches_hold_the_most_words_they_can(own_dataset):
    results = search(own_dataset, "wto join zeppelin")
    assert (results.partial, results.words, results.held) == (True, ("wto", "join", "zeppelin"), 2)
    # What holds two words first, then what holds one.
    assert event_ids(found(own_dataset, "wto join zeppelin")) == WTO_ANSWERS + OTHER_JOINING


def test_a_query_of_stop_words_alone_is_searched_as_typed(own_dataset):
    # Titles first, then summaries; within each, the newest first.
    assert event_ids(found(own_dataset, "the")) == [
        "emba-2016",
        "oic-membership-1995",
        "eco-joining-1992",
        "wto-membership-2015",
        "crimea-2014",
        "bush-meets-nazarbayev-2006",
    ]


@pytest.mark.parametrize("question", ["when did Kazakhstan join the WTO", "join wto"])
def test_the_wto_questions_on_the_built_in_data(curated_dataset, question):
    assert found(curated_dataset, question)[0]["id"] == "wto-membership-2015"


@pytest.mark.parametrize(
    ("asked", "text", "said"),
    [
        ("joins", "joined", True),
        ("joining", "join", True),
        ("membership", "member", True),  # words of one meaning
        ("countries", "country", True),
        ("planned", "planning", True),
        ("kazakh", "Kazakhstan", True),  # the start of a longer word
        ("Türkmenistan", "Turkmenistan", True),
        ("war", "forward", False),  # never a piece of a word
        ("war", "towards", False),
        ("war", "Warsaw", False),
        ("gas", "Ga", False),
        ("вступил", "вступила", True),
        ("вступил", "вступление", True),
        ("вступил", "член", True),
        ("ёлка", "елка", True),
        ("независимость", "независимости", True),
        ("тәуелсіздігі", "тәуелсіздік", True),
        ("ШЫҰ-ға", "ШЫҰ", True),
        ("мүше", "мүшесі", True),
        ("мүше", "вступление", True),
        ("қашан", "қазан", False),
    ],
)
def test_a_word_asked_for_is_said_by_its_forms_and_meanings_only(asked, text, said):
    wanted = Wanted(words(asked)[0])
    assert wanted.said_by(words(text)) is said


def test_event_show_points_to_search_when_no_id_is_close(kzfp, curated_dataset):
    run = kzfp("event", "show", "tokaev")
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == (
        "kzfp: error: unknown event 'tokaev'; no event id is close to it; try kzfp search tokaev\n"
    )
    # and it finds him
    assert "tokayev" in found(curated_dataset, "tokaev")[0]["title"].casefold()


def test_words_of_any_script_are_searched(kzfp, tmp_path):
    path = tmp_path / "cyrillic.csv"
    path.write_text("id,date,title\nvisit-2020,2020-01-02,Визит в Москву\n", encoding="utf-8")
    hits = searched(kzfp, "москву".upper(), "--no-builtin", "--data", str(path))
    assert event_ids(hits) == ["visit-2020"]


# --- one rule for what a text says: search, --search and names ----------------------------

WORDS = """id,date,title,summary
forward-2001,2001-05-01,A step forward,Talks move towards a deal.
award-2002,2002-05-01,Kazakhstan awarded a prize,For peace.
war-2003,2003-05-01,The war in Iraq,Kazakhstan sends engineers.
wars-2004,2004-05-01,Two wars,Both far away.
"""


@pytest.fixture
def worded(tmp_path):
    path = tmp_path / "words.csv"
    path.write_text(WORDS, encoding="utf-8")
    return ["--no-builtin", "--data", str(path)]


def test_search_option_matches_words_not_pieces_of_words(kzfp, worded):
    run = kzfp("timeline", "--search", "war", *worded, "-f", "csv")
    assert [row.split(",")[0] for row in run.stdout.splitlines()[1:]] == ["war-2003", "wars-2004"]
    # The word itself first, then its other forms.
    assert event_ids(searched(kzfp, "war", *worded)) == ["war-2003", "wars-2004"]
    assert event_ids(searched(kzfp, "wars", *worded)) == ["wars-2004", "war-2003"]


def test_search_option_reads_the_events_in_russian_and_kazakh(kzfp):
    for word in ("независимость", "тәуелсіздік", "independence"):
        run = kzfp("timeline", "--search", word, "--until", "1991", "-f", "csv")
        assert "independence-1991" in run.stdout, word


def test_a_name_is_folded_for_case_and_accents_as_text_is(kzfp):
    folded = kzfp("timeline", "--partner", "Türkmenistan", "-f", "csv")
    plain = kzfp("timeline", "--partner", "turkmenistan", "-f", "csv")
    assert (folded.exit_code, folded.stderr) == (0, "")
    assert folded.stdout == plain.stdout


def test_a_year_without_events_says_so_and_names_the_nearest(kzfp, own):
    # A year of the test's own data, which has events in 2001 and 2005 only.
    run = kzfp("search", "what", "happened", "in", "2003", *own, "-f", "table")
    assert (run.exit_code, run.stdout) == (0, "")
    assert run.stderr == (
        "No events in 2003; the nearest years with events: 2001 and 2005.\n" + warned(own[-1])
    )
    ru = kzfp(
        "search", "что", "произошло", "в", "2003", "году", *own, "--lang", "ru", "-f", "plain"
    )
    assert ru.stderr == (
        "2003: событий нет; ближайшие годы с событиями: 2001 и 2005.\n" + warned(own[-1])
    )
    before = kzfp("search", "what", "happened", "in", "1990", *own, "-f", "plain")
    assert before.stderr == (
        "No events in 1990; the nearest years with events: 1992.\n" + warned(own[-1])
    )
    # For programs, no events is an empty list, as when nothing matches.
    assert kzfp("search", "what", "happened", "in", "2003", *own, "-f", "json").stdout == "[]\n"


def test_a_year_or_a_month_narrows_the_answer(curated_dataset):
    def dates(question: str) -> set[str]:
        return {hit["date"][:7] for hit in found(curated_dataset, question)}

    assert {date[:4] for date in dates("what happened in 2010")} == {"2010"}
    assert dates("январь 2022") == {"2022-01"}
    assert dates("2022 жылғы қаңтар") == {"2022-01"}
    assert min(dates("russia since 2014")) >= "2014"
    assert max(dates("Россия до 1995 года")) <= "1995-12"


def test_hits_are_titled_in_the_language_shown(kzfp):
    ru = kzfp("search", "когда", "Казахстан", "вступил", "в", "ВТО", "--lang", "ru", "-f", "json")
    first = ru.json()[0]
    assert (first["id"], first["title"]) == ("wto-membership-2015", "Казахстан стал членом ВТО")
    en = kzfp("search", "когда", "Казахстан", "вступил", "в", "ВТО", "-f", "json")
    assert en.json()[0]["title"] == "Kazakhstan becomes a WTO member"


def test_a_place_is_found_by_its_other_names(curated_dataset):
    for question in (
        "capital moved to Akmola",
        "capital moved to Astana",
        "столицу перенесли в Акмолу",
    ):
        assert found(curated_dataset, question)[0]["id"] == "capital-moved-akmola-1997", question


def test_a_long_query_is_named_in_one_short_line(kzfp, own):
    many = ["freedonia", *(f"zeppelin{n}" for n in range(63))]
    run = kzfp("search", *many, *own, "-f", "json")
    assert run.exit_code == 0
    assert run.json()[0]["id"] == "freedonia"
    assert run.stderr == (
        "Nothing holds all 64 words (freedonia, zeppelin0, zeppelin1, zeppelin2, "
        "zeppelin3, zeppelin4, zeppelin5, zeppelin6 and 56 more); the best matches hold 1.\n"
        + warned(own[-1])
    )


LIMIT_LINE = "kzfp: error: a search reads at most 64 different words; this one has {count}\n"


@pytest.mark.parametrize("command", [("search",), ("timeline", "--search")])
def test_a_query_of_more_than_64_different_words_is_refused_with_one_line(kzfp, command):
    many = [f"word{number}" for number in range(2000)]
    query = many if command == ("search",) else [" ".join(many)]
    run = kzfp(*command, *query)
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", LIMIT_LINE.format(count="2,000"))
    # Repeats are one word: 64 different words, however many times each, are read.
    repeated = [f"word{number % 64}" for number in range(640)]
    query = repeated if command == ("search",) else [" ".join(repeated)]
    assert kzfp(*command, *query, "-f", "json").exit_code == 0


def test_a_typo_over_standard_input_is_read_as_the_nearest_word(kzfp, own_dataset):
    # No text says "fredonia": the events are read a second time for "freedonia", standard
    # input from the copy kzfp kept of it.
    run = kzfp("search", "Fredonia", "--no-builtin", "--data", "-", "-f", "json", input=EVENTS)
    told = "kzfp: 1 warning in <stdin>; kzfp validate --no-builtin - lists it\n"
    assert (run.exit_code, run.stderr) == (0, told)
    assert run.json() == found(own_dataset, "Fredonia")
    assert [hit["id"] for hit in run.json()] == [
        "freedonia",
        "freedonia-consulate-2005",
        "freedonia-mission-2005",
        "freedonia-embassy-2001",
    ]


# Events of more than two batches (search reads a user's events BATCH at a time), whose
# words are common, rare or in between, so that how rare a word is counts in every score.
TOPICS = ["energy", "trade", "security", "transit", "grain"]
PARTNERS = ["russia", "china", "usa", "", "turkey", "russia;china"]


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    path = tmp_path_factory.mktemp("many") / "many.csv"
    rows = ["id,date,title,summary,partners"]
    for n in range(2 * BATCH + 37):
        topic, other = TOPICS[n % 5], TOPICS[n % 3]
        summary = f"Talks on {other}" + (" and oil" if n % 97 == 0 else "")
        rows.append(
            f"e-{n},{2000 + n % 23}-0{1 + n % 9},{topic} talks {n},{summary},{PARTNERS[n % 6]}"
        )
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def many_dataset(many):
    return load_dataset([many], builtin=False)


# Words of every rarity, a word no text says (read again as "energy"), a time.
@pytest.mark.parametrize("query", ["russia energy oil", "enrgy", "in 2010 grain"])
def test_a_file_is_searched_as_it_is_read_with_the_ranking_of_a_whole_dataset(
    kzfp, many, many_dataset, query
):
    run = kzfp("search", query, "--no-builtin", "--data", many, "-f", "json")
    assert run.exit_code == 0
    hits = search(many_dataset, query, TRANSLATIONS).hits
    assert run.json() == as_json(search_listing(hits, ENGLISH))
    assert run.json()  # each query finds something


def test_search_holds_none_of_a_users_events_but_those_an_answer_may_be(many):
    loading = store.begin([many], builtin=False)
    held = []

    def read(selection):
        dataset = loading.load(selection)
        held.extend(dataset.events)
        return dataset

    results = search_read(loading.known, "energy talks", read, TRANSLATIONS)
    assert held == []
    assert results.hits[0].title.startswith("energy talks")
