"""kzfp in English, Russian and Kazakh: --lang and KZFP_LANG on every command that prints
text, the words and dates of each language, the same keys and the same events in every
language, the exports, and catalogs that hold every word the code asks for.

The translations of the record are read from data/ru and data/kk. These tests pin the
text of a few of their rows only: the event wto-membership-2015, the partners russia and
china, the organizations sco, un and wto, and the theme security. The other rows a test
needs are read from the files, as a reader would see them.
"""

from __future__ import annotations

import ast
import csv
import json
import sqlite3
import string
from pathlib import Path

import pytest
import typer
from curated import curated
from library import own_data, printed, warned

from kzfp_cli import timeline
from kzfp_cli.choices import Lang
from kzfp_cli.cli import app
from kzfp_cli.dates import PartialDate, display_span, parse_iso
from kzfp_cli.language import ENGLISH, language
from kzfp_cli.lookup import stats
from kzfp_cli.translations import load_translations, localized
from kzfp_cli.views import event_listing, stats_detail

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "kzfp_cli"
RU = language(Lang.ru)
KK = language(Lang.kk)

# Events of a user's own, in English in every language; the partners, organizations
# and theme they name are the pinned ones (asean is new: a user's own too).
MINE = """\
id,date,end_date,title,summary,partners,orgs,themes
summit-2011,2011-06-14,2011-06-15,A summit,Leaders met.,russia;china,sco,security
join-2015,2015-11-30,,Joined,,,wto,
visit-2018,2018-03,,A visit,,china,asean,
"""

ROWS = {
    Lang.en: [
        "14–15 Jun 2011\tA summit\tRussia, China\tSCO\tsummit-2011",
        "30 Nov 2015\tJoined\t\tWTO\tjoin-2015",
        "Mar 2018\tA visit\tChina\tASEAN\tvisit-2018",
    ],
    Lang.ru: [
        "14–15 июн. 2011\tA summit\tРоссия, Китай\tШОС\tsummit-2011",
        "30 нояб. 2015\tJoined\t\tВТО\tjoin-2015",
        "март 2018\tA visit\tКитай\tASEAN\tvisit-2018",
    ],
    Lang.kk: [
        "2011 ж. 14–15 маусым\tA summit\tРесей, Қытай\tШЫҰ\tsummit-2011",
        "2015 ж. 30 қараша\tJoined\t\tДСҰ\tjoin-2015",
        "2018 ж. наурыз\tA visit\tҚытай\tASEAN\tvisit-2018",
    ],
}

WTO_TITLE = {
    Lang.en: "Kazakhstan becomes a WTO member",
    Lang.ru: "Казахстан стал членом ВТО",
    Lang.kk: "Қазақстан ДСҰ-ға мүше болды",
}


def translated(lang: Lang, table: str) -> dict[str, dict[str, str]]:
    """The rows of data/<lang>/<table>.csv, by id."""
    with (ROOT / "data" / lang.value / f"{table}.csv").open(encoding="utf-8") as file:
        return {row["id"]: row for row in csv.DictReader(file)}


@pytest.fixture
def mine(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.csv").write_text(MINE, encoding="utf-8")
    return ("--no-builtin", "--data", "mine.csv")


# MINE names an organization kzfp does not know, ASEAN, to show a user's own in every
# language: a command that reads it ends with the count of that one warning.
MINE_TOLD = ("", warned("mine.csv"), warned("mine.csv", builtin=True))


def ok(run) -> str:
    """The output of a run that succeeded and said nothing on stderr but MINE's warning."""
    assert (run.exit_code, run.stderr in MINE_TOLD) == (0, True), run.stderr
    return run.stdout


# --- dates ------------------------------------------------------------------------------


def day(text: str) -> PartialDate:
    return parse_iso(text)


@pytest.mark.parametrize(
    ("start", "end", "english", "russian", "kazakh"),
    [
        ("2015-11-30", None, "30 Nov 2015", "30 нояб. 2015", "2015 ж. 30 қараша"),
        ("2015-05-01", None, "1 May 2015", "1 мая 2015", "2015 ж. 1 мамыр"),
        ("2018-03", None, "Mar 2018", "март 2018", "2018 ж. наурыз"),
        ("2006", None, "2006", "2006", "2006"),
        ("2011-06-14", "2011-06-15", "14–15 Jun 2011", "14–15 июн. 2011", "2011 ж. 14–15 маусым"),
        (
            "2017-10-10",
            "2017-12-25",
            "10 Oct – 25 Dec 2017",
            "10 окт. – 25 дек. 2017",
            "2017 ж. 10 қазан – 25 желтоқсан",
        ),
        ("2018-03", "2018-05", "Mar–May 2018", "март–май 2018", "2018 ж. наурыз–мамыр"),
        ("2017", "2018", "2017–2018", "2017–2018", "2017–2018"),
        (
            "2014-01-21",
            "2020-03-06",
            "21 Jan 2014 – 6 Mar 2020",
            "21 янв. 2014 – 6 мар. 2020",
            "2014 ж. 21 қаңтар – 2020 ж. 6 наурыз",
        ),
    ],
)
def test_dates_in_each_language(start, end, english, russian, kazakh):
    shown = [
        display_span(day(start), day(end) if end else None, words=lang.dates)
        for lang in (ENGLISH, RU, KK)
    ]
    assert shown == [english, russian, kazakh]


# --- the library: views take a language ---------------------------------------------------


def test_a_listing_has_its_headers_in_the_language(tmp_path):
    dataset = localized(own_data(tmp_path, MINE), load_translations(Lang.ru))
    events = timeline(dataset)
    assert printed(event_listing(events, dataset, RU), "md").splitlines()[:3] == [
        "| Дата | Событие | Партнёры | Орг. | ID |",
        "| --- | --- | --- | --- | --- |",
        "| 14–15 июн. 2011 | A summit | Россия, Китай | ШОС | summit-2011 |",
    ]
    assert printed(event_listing(events, dataset, KK), "md").splitlines()[0] == (
        "| Күні | Оқиға | Серіктестер | Ұйымдар | ID |"
    )


def test_a_detail_has_its_labels_and_sections_in_the_language(tmp_path):
    dataset = own_data(tmp_path, MINE)
    counts = stats(timeline(dataset))
    assert printed(stats_detail(counts, dataset, KK), "md").splitlines()[:3] == [
        "| Өріс | Мәні |",
        "| --- | --- |",
        "| Оқиғалар | 3 |",
    ]


# --- the command line -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", list(Lang))
def test_timeline_rows_in_each_language(kzfp, mine, lang):
    assert ok(kzfp("timeline", *mine, "--lang", lang.value)).splitlines() == ROWS[lang]


def aligned(starts: tuple[int, ...], *cells: str) -> str:
    """A line of a table whose columns start at ``starts``."""
    line = ""
    for start, cell in zip(starts, cells, strict=False):
        line = line.ljust(start) + cell
    return line


def test_a_table_in_russian(kzfp, mine):
    lines = ok(kzfp("timeline", *mine, "--lang", "ru", "-f", "table")).splitlines()
    at = (0, 18, 64, 95)
    assert [line.rstrip() for line in lines] == [
        aligned(at, "Дата", "Событие / ID", "Партнёры", "Орг."),
        "─" * 100,
        aligned(at, "14–15 июн. 2011", "A summit", "Россия, Китай", "ШОС"),
        aligned(at, "", "summit-2011"),
        aligned(at, "30 нояб. 2015", "Joined", "", "ВТО"),
        aligned(at, "", "join-2015"),
        aligned(at, "март 2018", "A visit", "Китай", "ASEAN"),
        aligned(at, "", "visit-2018"),
    ]


def test_a_table_in_kazakh_keeps_a_day_on_one_line(kzfp, mine):
    lines = ok(kzfp("timeline", *mine, "--lang", "kk", "-f", "table")).splitlines()
    assert lines[0].split() == ["Күні", "Оқиға", "/", "ID", "Серіктестер", "Ұйымдар"]
    assert [line.split("   ")[0] for line in lines[2::2]] == [
        "2011 ж. 14–15 маусым",
        "2015 ж. 30 қараша",
        "2018 ж. наурыз",
    ]


def test_stats_in_russian(kzfp, mine):
    assert ok(kzfp("stats", *mine, "--lang", "ru", "-f", "plain")) == (
        "События\t3\n"
        "\n"
        "События по годам (по году начала)\n"
        "2011\t1\n"
        "2012\t0\n"
        "2013\t0\n"
        "2014\t0\n"
        "2015\t1\n"
        "2016\t0\n"
        "2017\t0\n"
        "2018\t1\n"
        "\n"
        "События по партнёрам\n"
        "Китай\t2\n"
        "Россия\t1\n"
        "\n"
        "События по темам\n"
        "Безопасность\t1\n"
    )


def test_about_in_kazakh(kzfp, mine):
    lines = ok(kzfp("about", *mine, "--lang", "kk", "-f", "plain")).splitlines()
    labels = [line.split("\t")[0] for line in lines]
    assert labels == [
        "Нұсқасы",
        "Соңғы тексерілген күні",
        "Кезеңі",
        "Оқиғалар",
        "Серіктестер",
        "Ұйымдар",
        "Тақырыптар",
        "Дереккөздер",
        "Деректер қайдан алынған",
        "Лицензия",
        "Деректерге сілтеме беру үлгісі",
    ]
    assert lines[2] == "Кезеңі\t2011 ж. 14 маусым – 2018 ж. наурыз"
    assert lines[7] == "Дереккөздер\t0 мекенжайға сілтеме берілген"


@pytest.mark.parametrize(
    ("lang", "un", "asean"),
    [
        (
            "ru",
            "ООН\tОрганизация Объединённых Наций\tс 1945 г.\t2 мар. 1992\t",
            "ASEAN\tasean\t\tне состоит\t",
        ),
        (
            "kk",
            "БҰҰ\tБіріккен Ұлттар Ұйымы\t1945 жылдан бері\t1992 ж. 2 наурыз\t",
            "ASEAN\tasean\t\tмүше емес\t",
        ),
    ],
)
def test_org_list_words_and_dates(kzfp, mine, lang, un, asean):
    lines = ok(kzfp("org", "list", "--data", "mine.csv", "--lang", lang)).splitlines()
    assert any(line.startswith(un) for line in lines)
    assert asean in lines


@pytest.mark.parametrize("lang", [Lang.ru, Lang.kk])
def test_event_show_in_each_language(kzfp, lang):
    run = kzfp("event", "show", "wto-membership-2015", "--lang", lang.value, "-f", "plain")
    facts = dict(line.split("\t", 1) for line in ok(run).splitlines())
    # The event's themes, by their names in the language where they have one.
    themes = {row["id"]: row for row in curated("themes")} | translated(lang, "themes")
    names = ", ".join(themes[theme]["name"] for theme in ("economy", "multilateral"))
    expected = {
        Lang.ru: {
            "ID": "wto-membership-2015",
            "Дата": "30 нояб. 2015",
            "Точность": "день",
            "Заголовок": WTO_TITLE[Lang.ru],
            "Описание": translated(lang, "events")["wto-membership-2015"]["summary"],
            "Организации": "ВТО",
            "Темы": names,
        },
        Lang.kk: {
            "ID": "wto-membership-2015",
            "Күні": "2015 ж. 30 қараша",
            "Дәлдігі": "күн",
            "Атауы": WTO_TITLE[Lang.kk],
            "Сипаттамасы": translated(lang, "events")["wto-membership-2015"]["summary"],
            "Ұйымдар": "ДСҰ",
            "Тақырыптар": names,
        },
    }[lang]
    assert {label: facts[label] for label in expected} == expected
    # The section and the sources are the record's own, as written.
    assert len(facts) == len(expected) + 2


def test_a_show_in_markdown_has_its_header_in_the_language(kzfp):
    run = kzfp("event", "show", "wto-membership-2015", "--lang", "kk", "-f", "md")
    assert ok(run).splitlines()[:3] == [
        "| Өріс | Мәні |",
        "| --- | --- |",
        "| ID | wto-membership-2015 |",
    ]


def test_a_name_is_read_in_english_whatever_the_language(kzfp):
    china = kzfp("partner", "show", "China", "--lang", "kk", "-f", "json").json()
    assert (china["id"], china["name"]) == ("china", "Қытай")
    wto = kzfp("org", "show", "World Trade Organization", "--lang", "ru", "-f", "json").json()
    assert (wto["id"], wto["acronym"], wto["name"]) == (
        "wto",
        "ВТО",
        "Всемирная торговая организация",
    )
    sco = kzfp("org", "show", "ШОС", "--lang", "kk", "-f", "json").json()
    assert (sco["acronym"], sco["name"]) == ("ШЫҰ", "Шанхай ынтымақтастық ұйымы")


@pytest.mark.parametrize(
    "filters",
    [("--search", "WTO"), ("--partner", "China", "--year", "2019"), ("--org", "ШОС")],
)
def test_every_language_shows_the_same_events(kzfp, filters):
    def ids(lang: Lang) -> list[str]:
        run = kzfp("timeline", *filters, "--lang", lang.value, "--fields", "id", "-f", "csv")
        return ok(run).splitlines()[1:]

    english = ids(Lang.en)
    assert len(english) > 1
    assert ids(Lang.ru) == ids(Lang.kk) == english


def test_a_users_event_is_never_taken_for_the_built_in_one_of_its_id(kzfp, tmp_path):
    # Without the built-in events an id may be reused; its translation is not the user's.
    (tmp_path / "reuse.csv").write_text(
        "id,date,title,orgs\nwto-membership-2015,2015-11-30,Mine,wto\n", encoding="utf-8"
    )
    run = kzfp("timeline", "--no-builtin", "--data", str(tmp_path / "reuse.csv"), "--lang", "ru")
    assert ok(run) == "30 нояб. 2015\tMine\t\tВТО\twto-membership-2015\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("timeline", "--year", "1800"), "Ни одно событие не соответствует этим фильтрам."),
        (("chart", "--year", "1800"), "Ни одно событие не соответствует этим фильтрам."),
        (("export", "md", "--year", "1800"), None),
    ],
)
def test_no_match_is_told_in_the_language(kzfp, args, message):
    run = kzfp(*args, "--lang", "ru")
    assert run.exit_code == 0
    if message is None:  # an export says so in the file itself
        assert run.stdout == "# Внешняя политика Казахстана\n\nНет событий.\n"
    else:
        assert (run.stdout, run.stderr) == ("", f"{message}\n")


def test_the_chart_in_kazakh(kzfp, mine):
    lines = ok(kzfp("chart", *mine, "--lang", "kk", "--by", "theme")).splitlines()
    assert lines[0] == "3 оқиға, 2011–2018, әр тақырыпқа бір жол"
    assert [line.split("|")[0].rstrip() for line in lines[2:4]] == [
        "Қауіпсіздік",
        "(тақырыпсыз)",
    ]
    assert lines[-1] == "o оқиға   === кезең   * бірнеше жақын оқиға"


# --- KZFP_LANG and the values --lang takes ---------------------------------------------------


def test_kzfp_lang_is_honoured_and_lang_overrides_it(kzfp, mine, monkeypatch):
    monkeypatch.setenv("KZFP_LANG", "kk")
    assert ok(kzfp("timeline", *mine)).splitlines() == ROWS[Lang.kk]
    assert ok(kzfp("timeline", *mine, "--lang", "ru")).splitlines() == ROWS[Lang.ru]
    assert ok(kzfp("timeline", *mine, "--lang", "EN")).splitlines() == ROWS[Lang.en]
    monkeypatch.setenv("KZFP_LANG", "RU")
    assert ok(kzfp("timeline", *mine)).splitlines() == ROWS[Lang.ru]


NOT_A_LANGUAGE = (
    "kzfp: error: Invalid value for '--lang' (env var: 'KZFP_LANG'): 'fr' is not one of "
    "'en', 'ru', 'kk'. (see 'kzfp timeline --help')\n"
)


def test_an_unknown_language_is_a_usage_error(kzfp, monkeypatch):
    run = kzfp("timeline", "--lang", "fr")
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", NOT_A_LANGUAGE)
    monkeypatch.setenv("KZFP_LANG", "fr")
    run = kzfp("timeline")
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", NOT_A_LANGUAGE)


def test_the_languages_complete():
    from typer.testing import CliRunner

    env = {"_KZFP_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "kzfp timeline --lang "}
    offered = CliRunner().invoke(app, [], env=env, prog_name="kzfp").stdout
    assert [line.split('"')[1] for line in offered.splitlines() if '"' in line] == [
        "en",
        "ru",
        "kk",
    ]


TEXT_COMMANDS = {
    "kzfp timeline",
    "kzfp on",
    "kzfp event show",
    "kzfp search",
    "kzfp stats",
    "kzfp chart",
    "kzfp about",
    "kzfp partner list",
    "kzfp partner show",
    "kzfp org list",
    "kzfp org show",
    "kzfp theme list",
    "kzfp export timelinejs",
    "kzfp export ics",
    "kzfp export html",
    "kzfp export md",
    "kzfp export sqlite",
}


def test_every_command_that_prints_text_takes_lang():
    taking = set()

    def walk(command, path: str) -> None:
        if any("--lang" in getattr(param, "opts", ()) for param in command.params):
            taking.add(path)
        for name, child in getattr(command, "commands", {}).items():
            walk(child, f"{path} {name}")

    walk(typer.main.get_command(app), "kzfp")
    assert taking == TEXT_COMMANDS


# --- the output contract is the same in every language -------------------------------------


def shape(value: object) -> object:
    """The keys of a JSON value, at every depth, and the type of each leaf; a list of
    records by their ids (a listing by name is in each language's order)."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        if all(isinstance(item, dict) and "id" in item for item in value):
            value = sorted(value, key=lambda item: item["id"])
        return [shape(item) for item in value]
    return type(value).__name__


@pytest.mark.parametrize(
    "command",
    [
        ("timeline", "--org", "sco"),
        ("event", "show", "wto-membership-2015"),
        ("search", "wto"),
        ("stats", "--partner", "russia"),
        ("about",),
        ("partner", "list"),
        ("partner", "show", "russia"),
        ("org", "list"),
        ("org", "show", "un"),
        ("theme", "list"),
    ],
    ids=" ".join,
)
def test_json_keys_are_the_same_in_every_language(kzfp, command):
    documents = [kzfp(*command, "--lang", lang.value, "-f", "json").json() for lang in Lang]
    english, *others = documents
    for other in others:
        assert shape(other) == shape(english)


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_csv_headers_and_dates_stay_as_they_are(kzfp, mine, fmt):
    english, russian = (
        ok(kzfp("timeline", *mine, "--lang", lang, "-f", fmt)) for lang in ("en", "ru")
    )
    assert russian == english  # a user's own events: no text is translated


# --- exports ---------------------------------------------------------------------------------


def test_export_md_in_kazakh(kzfp, mine):
    assert ok(kzfp("export", "md", *mine, "--lang", "kk")) == (
        "# Қазақстанның сыртқы саясаты\n"
        "\n"
        "## 2011\n"
        "\n"
        "- **2011 ж. 14–15 маусым**: A summit. Leaders met. "
        "_Серіктестер: Ресей, Қытай · Ұйымдар: ШЫҰ._\n"
        "\n"
        "## 2015\n"
        "\n"
        "- **2015 ж. 30 қараша**: Joined. _Ұйымдар: ДСҰ._\n"
        "\n"
        "## 2018\n"
        "\n"
        "- **2018 ж. наурыз**: A visit. _Серіктестер: Қытай · Ұйымдар: ASEAN._\n"
    )


def test_export_html_in_russian(kzfp, mine):
    page = ok(kzfp("export", "html", *mine, "--lang", "ru"))
    lines = page.splitlines()
    assert '<html lang="ru">' in lines
    assert "<title>Внешняя политика Казахстана</title>" in lines
    assert "<h1>Внешняя политика Казахстана</h1>" in lines
    assert (
        '<p class="lead">Хронология, составленная с помощью kzfp. '
        "У каждого события указаны источники.</p>"
    ) in lines
    assert '<p class="count" id="count">Событий: 3</p>' in lines
    assert '  var SHOWN = "Показано: {shown} из {total}";' in lines
    assert (
        '  var UNKNOWN = "{filter}: «{value}» нет на этой странице, поэтому показаны все события.";'
    ) in lines
    assert (
        '  var LABELS = {"partner":"Партнёр","org":"Организация","theme":"Тема","year":"Год"};'
    ) in lines
    assert (
        '<li class="event" id="summit-2011" data-partners="russia china" data-orgs="sco"'
        ' data-themes="security" data-from="2011" data-to="2011">'
        '<a class="date" href="#summit-2011"><time datetime="2011-06-14">14–15 июн. 2011</time></a>'
        "<h2>A summit</h2>"
        '<p>Leaders met.</p><p class="meta">Партнёры: Россия, Китай · Организации: ШОС</p></li>'
    ) in lines
    form = next(line for line in lines if line.startswith('<form id="filters">'))
    for label in ("Партнёр", "Организация", "Тема", "Год", "Слова"):
        assert f"<label>{label}<" in form
    assert form.count('<option value="">Все</option>') == 4
    assert 'placeholder="заголовок, описание"' in form


def test_export_html_in_english_keeps_its_words(kzfp, mine):
    page = ok(kzfp("export", "html", *mine))
    assert '<html lang="en">' in page
    assert '  var SHOWN = "{shown} of {total} events";' in page.splitlines()


def test_export_ics_in_russian(kzfp, mine):
    # The runner reads CR LF as a line break, as a text file does.
    calendar = ok(kzfp("export", "ics", *mine, "--lang", "ru")).splitlines()
    assert "X-WR-CALNAME:Внешняя политика Казахстана" in calendar
    assert "DESCRIPTION:Leaders met.\\nПартнёры: Россия\\, Китай" in calendar
    built_in = ok(kzfp("export", "ics", "--org", "wto", "--lang", "kk")).splitlines()
    assert f"SUMMARY:{WTO_TITLE[Lang.kk]}" in built_in


def test_export_timelinejs_in_kazakh(kzfp, mine):
    document = json.loads(ok(kzfp("export", "timelinejs", *mine, "--lang", "kk")))
    assert document["title"]["text"] == {
        "headline": "Қазақстанның сыртқы саясаты",
        "text": "<p>3 оқиға, 2011–2018. kzfp арқылы жасалған.</p>",
    }
    summit = document["events"][0]
    assert summit["display_date"] == "2011 ж. 14–15 маусым"
    assert summit["start_date"]["display_date"] == "2011 ж. 14 маусым"
    assert summit["text"]["text"] == "<p>Leaders met.</p><p>Серіктестер: Ресей, Қытай</p>"
    sheet = ok(kzfp("export", "timelinejs", *mine, "--lang", "kk", "--sheet")).splitlines()
    assert sheet[4] == "2018,3,,,,,,,2018 ж. наурыз,A visit,<p>Серіктестер: Қытай</p>,,,,,,,"


def test_timelinejs_groups_have_their_names_in_the_language(kzfp, tmp_path):
    (tmp_path / "alone.csv").write_text("id,date,title\nalone-2020,2020,Alone\n", "utf-8")
    source = ("--no-builtin", "--data", str(tmp_path / "alone.csv"), "--lang", "ru")
    groups = []
    for grouping in ("partner", "org", "theme"):
        run = kzfp("export", "timelinejs", *source, "--group-by", grouping)
        groups.append(json.loads(ok(run))["events"][0]["group"])
    assert groups == ["Прочее", "Прочее", "Прочее"]


# --- export sqlite: the chosen language, and every language --------------------------------


def query(path: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


@pytest.fixture
def database(kzfp, tmp_path):
    def export(*options: str, told: str = "") -> Path:
        path = tmp_path / "kzfp.db"
        run = kzfp("export", "sqlite", str(path), "--force", *options)
        assert (run.exit_code, run.stdout, run.stderr) == (0, "", told)
        return path

    return export


TEXTS = {
    "event_texts": ("event_id", "events", ("title", "summary")),
    "partner_texts": (
        "partner_id",
        "partners",
        ("name", "profile", "shared_interests", "tensions"),
    ),
    "org_texts": ("org_id", "orgs", ("acronym", "name")),
    "theme_texts": ("theme_id", "themes", ("name", "description")),
}


def test_sqlite_holds_the_chosen_language_and_every_language(database):
    path = database("--org", "wto", "--lang", "ru")
    assert query(path, "SELECT title FROM events WHERE id = 'wto-membership-2015'") == [
        (WTO_TITLE[Lang.ru],)
    ]
    assert query(path, "SELECT name FROM partners WHERE id = 'russia'") == [("Россия",)]
    assert query(
        path,
        "SELECT lang, title FROM event_texts WHERE event_id = 'wto-membership-2015' ORDER BY lang",
    ) == sorted((lang.value, WTO_TITLE[lang]) for lang in Lang)
    assert query(
        path, "SELECT lang, acronym FROM org_texts WHERE org_id = 'sco' ORDER BY lang"
    ) == [
        ("en", "SCO"),
        ("kk", "ШЫҰ"),
        ("ru", "ШОС"),
    ]
    exported = [event for (event,) in query(path, "SELECT id FROM events ORDER BY rowid")]
    references = {
        "events": exported,
        "partners": [row["id"] for row in curated("partners")],
        "orgs": [row["id"] for row in curated("orgs")],
        "themes": [row["id"] for row in curated("themes")],
    }
    for table, (key, source, _columns) in TEXTS.items():
        rows = query(path, f"SELECT {key}, lang FROM {table}")
        assert sorted(ident for ident, lang in rows if lang == "en") == sorted(references[source])
        for lang in (Lang.ru, Lang.kk):
            in_file = set(translated(lang, source)) & set(references[source])
            assert {ident for ident, code in rows if code == lang.value} == in_file, table
    assert query(path, "PRAGMA foreign_key_check") == []


def test_sqlite_texts_are_the_same_whichever_language_is_chosen(database):
    every = {}
    for lang in Lang:
        path = database("--partner", "china", "--lang", lang.value)
        every[lang] = {
            table: query(path, f"SELECT * FROM {table} ORDER BY 1, 2") for table in TEXTS
        }
    assert every[Lang.en] == every[Lang.ru] == every[Lang.kk]
    # The English rows hold what an English export's own tables do.
    path = database("--partner", "china")
    english = [row for row in every[Lang.en]["theme_texts"] if row[1] == "en"]
    assert english == query(path, "SELECT id, 'en', name, description FROM themes ORDER BY id")


def test_sqlite_keys_and_descriptions_of_the_texts_tables(database):
    path = database("--org", "sco")
    for table, (key, _source, columns) in TEXTS.items():
        info = query(path, f"PRAGMA table_info({table})")
        assert [row[1] for row in info] == [key, "lang", *columns]
        assert [row[1] for row in sorted(info, key=lambda row: row[5]) if row[5]] == [key, "lang"]
    metadata = json.loads(Path(f"{path}.metadata.json").read_text(encoding="utf-8"))
    tables = metadata["databases"]["kzfp"]["tables"]
    for table, (key, _source, columns) in TEXTS.items():
        assert list(tables[table]["columns"]) == [key, "lang", *columns]
        assert all(tables[table]["columns"].values())
    assert tables["events"]["columns"]["title"] == (
        "one-line title, in the language chosen with --lang (English by default)"
    )


def test_a_users_own_events_have_english_texts_only(database, tmp_path):
    (tmp_path / "mine.csv").write_text(MINE, encoding="utf-8")
    mine = str(tmp_path / "mine.csv")
    path = database("--data", mine, "--org", "sco", "--lang", "kk", told=warned(mine, builtin=True))
    assert query(
        path, "SELECT event_id, lang, title FROM event_texts WHERE event_id = 'summit-2011'"
    ) == [("summit-2011", "en", "A summit")]
    assert query(path, "SELECT title FROM events WHERE id = 'summit-2011'") == [("A summit",)]


# --- the catalogs -----------------------------------------------------------------------------

# Words a translation writes as English does: acronyms and proper names.
SAME_IN_EVERY_LANGUAGE = {"ID"}


def asked_for() -> dict[str, str]:
    """Every text the code asks a catalog for (``_("...")``, ``lang.gettext("...")``),
    with where it is asked first."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            function, first = node.func, node.args[0]
            named = isinstance(function, ast.Name) and function.id == "_"
            method = isinstance(function, ast.Attribute) and function.attr == "gettext"
            if (named or method) and isinstance(first, ast.Constant):
                assert isinstance(first.value, str), f"{path}:{node.lineno}"
                found.setdefault(first.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_scan_finds_the_words_of_every_layer():
    found = asked_for()
    assert {"Date", "No events match these filters.", "since {date}", "(others)"} <= set(found)
    assert "Kazakhstan's foreign policy" in found  # export/__init__.py: lang.gettext(...)


@pytest.mark.parametrize("lang", [Lang.ru, Lang.kk])
def test_a_catalog_holds_every_word_asked_for_and_nothing_else(lang):
    catalog = json.loads((PACKAGE / "locale" / f"{lang.value}.json").read_text("utf-8"))
    messages = catalog["messages"]
    found = asked_for()
    missing = {text: where for text, where in found.items() if text not in messages}
    assert missing == {}
    assert sorted(set(messages) - set(found)) == []  # nothing unused
    for english, text in messages.items():
        assert text.strip() == text and text, english
        if english not in SAME_IN_EVERY_LANGUAGE:
            assert text != english, english
        assert fields(text) == fields(english), english
    dates = catalog["dates"]
    assert len(dates["months"]) == len(dates["months_alone"]) == 12
    assert all(dates["months"]) and all(dates["months_alone"])
