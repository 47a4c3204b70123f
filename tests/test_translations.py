"""The record in Russian and Kazakh: every event, partner, organization and theme reads
in both, written in that language (not left in English, Kazakh not written as Russian),
with the names people.csv gives for the people the English names."""

from __future__ import annotations

import re

import pytest

from kzfp_cli.choices import Lang
from kzfp_cli.model import Dataset
from kzfp_cli.translations import TRANSLATED, load_translations
from kzfp_cli.words import words

LANGUAGES = (Lang.ru, Lang.kk)
# Letters of the Kazakh alphabet that Russian has not.
KAZAKH_LETTERS = re.compile("[әғқңөұүһӘҒҚҢӨҰҮҺ]")
LATIN_WORD = re.compile(r"[A-Za-z]+")
ROMAN_NUMERAL = re.compile("[IVXLCDM]+")


def records(dataset: Dataset, table: str) -> dict[str, object]:
    """The English records of a translated table, by id."""
    return {
        "events": dataset.events_by_id,
        "partners": dataset.partners,
        "orgs": dataset.orgs,
        "themes": dataset.themes,
    }[table]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("table", TRANSLATED)
def test_every_text_of_the_record_reads_in_the_language(curated_dataset, lang, table):
    texts = load_translations(lang).texts(table)
    english = records(curated_dataset, table)
    assert sorted(texts) == sorted(english), "one row an id, no more and no fewer"
    for ident, record in english.items():
        for column in TRANSLATED[table]:
            if getattr(record, column):
                assert texts[ident].get(column), (lang.value, table, ident, column)


def translated_texts(lang: Lang) -> list[tuple[str, str, str]]:
    """Every translated text, as (table, id, text)."""
    translations = load_translations(lang)
    return [
        (table, ident, text)
        for table in TRANSLATED
        for ident, columns in translations.texts(table).items()
        for text in columns.values()
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_translation_is_left_in_english(lang):
    # Roman numerals (Иоанн Павел II) are the one Latin the languages write.
    for table, ident, text in translated_texts(lang):
        latin = [word for word in LATIN_WORD.findall(text) if not ROMAN_NUMERAL.fullmatch(word)]
        assert not latin, (table, ident, latin)


def test_kazakh_is_written_in_the_kazakh_alphabet_and_russian_in_the_russian():
    # Every Kazakh summary uses a letter of its own; Russian uses none (Қасым-Жомарт
    # Тоқаев is Касым-Жомарт Токаев in Russian).
    kazakh = load_translations(Lang.kk).texts("events")
    assert [i for i, texts in kazakh.items() if not KAZAKH_LETTERS.search(texts["summary"])] == []
    russian = translated_texts(Lang.ru)
    assert [(table, i) for table, i, text in russian if KAZAKH_LETTERS.search(text)] == []


def surname_stem(name: str) -> str:
    """The part of a surname that stays when it is inflected: Токаев, Токаева, Токаевым;
    Тоқаев, Тоқаевтың."""
    last = words(name)[-1]
    return last[: max(3, len(last) - 2)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_people_are_named_as_people_csv_names_them(curated_dataset, lang):
    texts = load_translations(lang).texts("events")
    english = {
        event.id: set(words(f"{event.title} {event.summary}")) for event in curated_dataset.events
    }
    wrong = []
    for person in curated_dataset.people:
        cyrillic = [alias for alias in person.aliases if re.search("[а-яА-ЯёЁ]", alias)]
        kazakh = [alias for alias in cyrillic if KAZAKH_LETTERS.search(alias)]
        # Kazakh uses a Kazakh form where there is one; Russian never does.
        if lang is Lang.kk and kazakh:
            expected = kazakh
        else:
            expected = [alias for alias in cyrillic if alias not in kazakh]
        stems = {surname_stem(alias) for alias in expected}
        english_name = words(person.name)
        for ident, said in english.items():
            if not set(english_name) <= said:
                continue
            found = words(" ".join(texts[ident].values()))
            if not any(word.startswith(stem) for word in found for stem in stems):
                wrong.append((ident, person.name))
    assert wrong == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_elbasy_is_a_title_never_a_name(lang):
    # Елбасы ("Leader of the Nation") is a title; the texts name Nazarbayev.
    assert [(t, i) for t, i, text in translated_texts(lang) if "Елбасы" in text] == []
