"""The built-in data: complete, consistent, sourced, and in our own words."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import missing
from curated import sources_by_id

from kzfp_cli.dates import parse_iso
from kzfp_cli.store import builtin_files

SEED_FOLDER = Path(__file__).resolve().parents[2] / "shared" / "seed"


def raw_rows(name: str) -> list[dict[str, str]]:
    _, data = builtin_files()[name]
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


@pytest.fixture
def dataset(curated_dataset):
    return curated_dataset


def test_ids_are_unique_in_every_table():
    for name in ("events", "partners", "orgs", "themes"):
        ids = [row["id"] for row in raw_rows(name)]
        assert len(ids) == len(set(ids)), name


def test_every_date_is_a_valid_partial_iso_date_and_periods_run_forward():
    for row in raw_rows("events"):
        start = parse_iso(row["date"])
        if row["end_date"]:
            assert parse_iso(row["end_date"]).last >= start.last, row["id"]


def test_every_reference_exists():
    known = {name: {row["id"] for row in raw_rows(name)} for name in ("partners", "orgs", "themes")}
    events = {row["id"]: row for row in raw_rows("events")}
    for row in events.values():
        for column, table in (("partners", "partners"), ("orgs", "orgs"), ("themes", "themes")):
            for ident in filter(None, row[column].split(";")):
                assert ident in known[table], (row["id"], column, ident)
    orgs = {org["id"]: org for org in raw_rows("orgs")}
    for org in orgs.values():
        # A membership carries across a renaming: the OSCE's is the CSCE's joining.
        lineage, ident = set(), org["id"]
        while ident and ident not in lineage:
            lineage.add(ident)
            ident = orgs[ident]["predecessor"]
        assert lineage & set(events[org["joined_event"]]["orgs"].split(";")), org["id"]
    for role in raw_rows("roles"):
        assert role["org"] in events[role["event"]]["orgs"].split(";"), role


# Pages that may stand beside a primary or an established source, never alone:
# encyclopedias and their mirrors, personal sites, partisan outlets.
SECONDARY_ONLY = (
    "wikipedia.org",
    "wikiwand.com",
    "wikimedia.org",
    "narod.ru",
    "theepochtimes.com",
    "tdminews",
)


def test_every_event_has_a_source_that_may_stand_alone(dataset):
    for event in dataset.events:
        assert event.sources, event.id
        hosts = [urlsplit(source.url or "").hostname or "" for source in event.sources]
        assert any(not any(mark in host for mark in SECONDARY_ONLY) for host in hosts), event.id


def test_every_source_is_a_well_formed_web_address_and_every_event_has_an_https_one():
    """https wherever the site serves it: a few pages are known only at an http address
    (archived embassy and agency pages), and never alone."""
    sources = {row["id"]: row for row in raw_rows("sources")}
    for row in sources.values():
        parts = urlsplit(row["url"])
        assert parts.scheme in ("http", "https"), row
        assert row["title"].strip() and "." in (parts.hostname or ""), row
    for table in ("events", "orgs"):
        for row in raw_rows(table):
            schemes = [urlsplit(sources[ident]["url"]).scheme for ident in cited_ids(row)]
            assert "https" in schemes, row["id"]


def cited_ids(row: dict[str, str]) -> list[str]:
    return [ident for ident in row["sources"].split(";") if ident]


def test_a_page_is_one_source_and_every_source_is_cited():
    # One record a page, however many events cite it; none left over.
    rows = raw_rows("sources")
    urls = [row["url"] for row in rows]
    assert sorted({url for url in urls if urls.count(url) > 1}) == []
    cited = {
        ident for table in ("events", "orgs") for row in raw_rows(table) for ident in cited_ids(row)
    }
    assert sorted(row["id"] for row in rows if row["id"] not in cited) == []


def test_every_source_says_who_published_it_in_the_language_of_its_page():
    for row in raw_rows("sources"):
        assert row["publisher"].strip(), row["id"]
        assert re.fullmatch(r"[a-z]{2,3}", row["language"]), row["id"]
        if re.search("[\u0430-\u044f\u0451]", row["title"], re.I):  # Cyrillic
            assert row["language"] in ("ru", "kk"), row["id"]
        assert row["checked"], row["id"]


PUBLISHERS = Path(__file__).parent / "publishers.txt"


def test_every_publisher_is_spelled_one_way():
    """Each publisher's one spelling is listed in tests/publishers.txt: a publisher new to
    the data, or a new spelling of one, shows up here in review. Add it there once it is
    the organization's own name."""
    listed = PUBLISHERS.read_text(encoding="utf-8").splitlines()
    found = sorted({row["publisher"] for row in raw_rows("sources")})
    assert [name for name in found if name not in listed] == []
    assert [name for name in listed if name not in found] == []


def test_every_theme_is_used(dataset):
    used = {theme for event in dataset.events for theme in event.themes}
    assert used == set(dataset.themes)


def test_the_article_facts_named_in_the_brief_are_there(dataset):
    dates = {
        event.id: (event.date.iso(), event.end_date.iso() if event.end_date else None)
        for event in dataset.events
    }
    assert sorted(dates) == sorted(row["id"] for row in raw_rows("events"))
    assert dates["steppe-eagle-pfp-2006"] == ("2006-09", None)
    # A concept stays in force until the next replaces it, an event of its own: no end.
    assert dates["foreign-policy-concept-2014"] == ("2014-01-21", None)
    assert dates["eu-epca-signed-2015"] == ("2015-12-21", None)
    assert dates["wto-membership-2015"] == ("2015-11-30", None)
    assert dates["unsc-term-2017"] == ("2017-01-01", "2018-12-31")
    assert dates["central-asia-summit-astana-2018"] == ("2018-03-15", None)
    assert dates["tokayev-elected-2019"] == ("2019-06-09", None)
    assert dates["us-central-asia-strategy-2020"] == ("2020-02-05", None)
    assert dates["osce-chairmanship-2010"] == ("2010-01-01", "2010-12-31")


def test_every_organization_of_the_article_has_a_membership(dataset):
    article = {"un", "eco", "osce", "oic", "wto", "cis", "sco", "csto", "eaeu"}
    assert article <= set(dataset.orgs)
    for ident in article:
        assert dataset.orgs[ident].joined_event in dataset.events_by_id


def words_in(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def test_no_sentence_of_the_source_article_is_copied(dataset):
    """No run of eight consecutive words of the seed article appears in our text."""
    seeds = sorted(SEED_FOLDER.glob("*.txt"))
    if not seeds and not SEED_FOLDER.parent.is_dir():
        # The article belongs to the workspace, not to the repository: a clone made
        # elsewhere (git clone . /tmp/try) cannot have it.
        pytest.skip(f"the checkout is not in its workspace: no {SEED_FOLDER.parent} beside it")
    if not seeds:
        missing(f"the source article is not at {SEED_FOLDER}")
    run = 8
    seed_runs: set[tuple[str, ...]] = set()
    for seed in seeds:
        words = words_in(seed.read_text(encoding="utf-8"))
        seed_runs.update(tuple(words[i : i + run]) for i in range(len(words) - run + 1))
    copied = []
    for event in dataset.events:
        for field in (event.title, event.summary, event.note):
            words = words_in(field)
            for i in range(len(words) - run + 1):
                if tuple(words[i : i + run]) in seed_runs:
                    copied.append((event.id, " ".join(words[i : i + run])))
    assert copied == []


def test_the_builtin_data_has_no_warnings_either():
    from kzfp_cli.store import check

    dataset, problems = check()
    assert dataset is not None
    assert [str(problem) for problem in problems.ordered()] == []


def test_country_codes_agree_with_the_iso_3166_register(dataset):
    import pycountry

    countries = [p for p in dataset.partners.values() if p.kind == "country"]
    listed = [row["id"] for row in raw_rows("partners") if row["kind"] == "country"]
    assert sorted(partner.id for partner in countries) == sorted(listed)
    for partner in countries:
        country = pycountry.countries.get(alpha_2=partner.iso2)
        assert country is not None, partner.id
        assert (partner.iso2, partner.iso3) == (country.alpha_2, country.alpha_3), partner.id
        # The code is this country's and not a neighbour's: its register name shares a
        # word with ours ("Russian Federation" for Russia, "Korea, Republic of"...).
        register = {country.name, getattr(country, "common_name", country.name)}
        ours = {partner.name, *partner.aliases}
        words = {word for name in ours for word in re.findall(r"\w+", name.casefold())}
        assert any(set(re.findall(r"\w+", name.casefold())) & words for name in register), (
            partner.id,
            register,
        )


def test_every_partner_and_organization_has_its_standard_identifiers(dataset):
    for partner in dataset.partners.values():
        if partner.kind == "country":
            # The Correlates of War list has no code for a few states (the Holy See).
            assert partner.iso2 and partner.iso3, partner.id
        else:  # the EU and NATO are not states: no ISO or COW code
            assert (partner.iso2, partner.iso3, partner.cow) == ("", "", None), partner.id
    wikidata = [p.wikidata for p in dataset.partners.values()]
    assert all(wikidata)
    # An organization's item is left empty where none could be confirmed, never guessed.
    wikidata += [o.wikidata for o in dataset.orgs.values() if o.wikidata]
    assert len(set(wikidata)) == len(wikidata)
    for code in ("iso2", "iso3", "cow"):
        values = [getattr(p, code) for p in dataset.partners.values() if getattr(p, code)]
        assert len(set(values)) == len(values), code
    # Spot checks against codes easy to confuse: Germany is 255 (West Germany was 260),
    # China's item is the People's Republic (Q148), the CSTO's is the organization's.
    assert dataset.partners["germany"].cow == 255
    assert dataset.partners["china"].wikidata == "Q148"
    assert dataset.partners["usa"].cow == 2
    assert dataset.orgs["csto"].wikidata == "Q318693"


def test_the_changes_of_the_data_begin_with_its_version():
    # Every change goes in data/CHANGES.md, and the version kzfp about shows moves with it.
    version = raw_rows("about")[0]["version"]
    changes = (Path(__file__).parent.parent / "data" / "CHANGES.md").read_text(encoding="utf-8")
    first = next(line for line in changes.splitlines() if line.startswith("## "))
    assert first.startswith(f"## {version}:"), first


# Hosts that are not sources: content farms, press-release wires, mirrors and copies of
# other sites' pages. A fact they carry is cited from where it was first published.
REFUSED_HOSTS = {
    "oddonion.com",
    "squidthefuse.com",
    "otenge.com",
    "bestprofi.com",
    "laitimes.com",
    "einpresswire.com",
    "news.yahoo.com",
    "staging.rferl.org",
    "mirror.akorda.kz",
    "m.oananews.org",
    "ir-ia.com",
    "wn.com",
    "menafn.com",
    "worldreportnow.com",
    "glavpost.com",
    # Copies of agency and newspaper reports on other sites, and blogs that reprint them.
    "tiue.org", "doczz.net", "blogen.wiki", "totalwonkerr.net", "coozer.blogspot.com",
    "61ed.com", "sauress.com", "xebersaati.com", "radiofree.org", "redorbit.com",
    "noqta.news", "anedelya.ru", "armenianclub.com", "eu-china-infso.org", "rmrb.online",
    "politicapress.com", "businesspravo.ru", "monitoruldestiri.ro", "stiripesurse.ro",
    "thevotingnews.com", "bangla2000.com", "muslimnetwork.tv", "diplomaticinfo.com",
    "activenews.co.uk", "denederlandsegrondwet.nl", "amerinews.tv", "world2day.net",
}  # fmt: skip
ENCYCLOPEDIAS = ("wikipedia.org", "britannica.com", "wikisource.org")


def hosts(row: dict[str, str]) -> list[str]:
    by_id = sources_by_id()
    found = []
    for ident in cited_ids(row):
        host = urlsplit(by_id[ident]["url"]).hostname or ""
        found.append(host.removeprefix("www."))
    return found


def test_no_source_is_from_a_refused_host():
    cited = {(row["id"], host) for row in raw_rows("events") for host in hosts(row)}
    assert sorted((i, h) for i, h in cited if h in REFUSED_HOSTS) == []


def test_an_encyclopedia_never_stands_alone():
    alone = [
        row["id"]
        for row in raw_rows("events")
        if all(host.endswith(ENCYCLOPEDIAS) for host in hosts(row))
    ]
    assert alone == []


def test_every_year_since_independence_has_five_events_or_more():
    # A floor, not a count: the record grows.
    years: dict[int, int] = {}
    for row in raw_rows("events"):
        years[int(row["date"][:4])] = years.get(int(row["date"][:4]), 0) + 1
    reviewed = int(raw_rows("about")[0]["reviewed"][:4])
    thin = {year: years.get(year, 0) for year in range(1991, reviewed) if years.get(year, 0) < 5}
    assert thin == {}
    assert sum(years.values()) >= 350


# Words of our own curation, which a reader cannot know the meaning of: a text names the
# source instead.
PROCESS_WORDS = re.compile(
    r"\b(seed|stored (?:page|copy|copies|report|source)s?|cited before|the article|"
    r"machine-translated|source article)\b",
    re.I,
)


@pytest.mark.parametrize(
    ("table", "columns"),
    [
        ("events", ("title", "summary", "note")),
        ("partners", ("profile", "shared_interests", "tensions")),
        ("orgs", ("note",)),
    ],
)
def test_what_readers_read_never_speaks_of_our_process(table, columns):
    found = [
        (row["id"], column, match.group())
        for row in raw_rows(table)
        for column in columns
        for match in PROCESS_WORDS.finditer(row[column])
    ]
    assert found == []
