"""Kazakh in the Latin alphabet is read as Kazakh: the same figures, people and events as its
Cyrillic twin, with evidence quoting the Latin original.

The Latin sentences are real (lat.egemen.kz, qz.inform.kz, adyrna.kz, 2010-2024, in the 2018
alphabet); their Cyrillic twins are written by hand. No outlet found publishes the 2021
alphabet, so its sentences are the same ones written by that alphabet's table, and one real
sentence in it (the 2021 example of English Wikipedia's "Kazakh alphabets").
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from bilateral.model import RawDocument
from bilateral.pipeline import process
from bilateral.text import latin_kk
from bilateral.text.language import detect
from bilateral.text.reading import read

LATIN_2018 = """\
Oljas Bektenovti Tájikstan Respýblıkasynyń Prezıdenti Emomalı Rahmon qabyldady.
Qolda bar zor áleýetti eskere otyryp, úkimetter aldyna taýar aınalymyn 2 esege – $2 mlrd-qa \
deıin arttyrý mindeti qoıyldy.
Aıtalyq, álemdi sharlaǵan daǵdarysqa qaramaı, saýda salasyndaǵy ekijaqty baılanys ótken jyly \
12,2 mıllıard dollardy qurapty.
Baspasóz ókilderimen dıdarlasqan Reseı Syrtqy ister mınıstri Sergeı Lavrov Qazaqstan \
basshysymen júzdesý jyly shyraıly jaǵdaıda ótkenin aıtty.
Erteń Kremlde Vladımır Pýtınmen kelissózder ótedi.
Keshe Premer-mınıstrdiń orynbasary – Saýda mınıstri Serik Jumanǵarın bastaǵan qazaqstandyq \
delegaııa Kabýl qalasynda boldy."""

LATIN_2021 = """\
Oljas Bektenovtı Täjıkstan Respublikasynyñ Prezidentı Emomali Rahmon qabyldady.
Qolda bar zor äleuettı eskere otyryp, ükımetter aldyna tauar ainalymyn 2 esege – $2 mlrd-qa \
deiın arttyru mındetı qoiyldy.
Aitalyq, älemdı şarlağan dağdarysqa qaramai, sauda salasyndağy ekıjaqty bailanys ötken jyly \
12,2 milliard dollardy qūrapty.
Baspasöz ökılderımen didarlasqan Resei Syrtqy ıster ministrı Sergei Lavrov Qazaqstan \
basşysymen jüzdesu jyly şyraily jağdaida ötkenın aitty.
Erteñ Kremlde Vladimir Putinmen kelıssözder ötedı.
Keşe Premer-ministrdıñ orynbasary – Sauda ministrı Serık Jūmanğarin bastağan qazaqstandyq \
delegaiia Kabul qalasynda boldy."""

CYRILLIC = """\
Олжас Бектеновті Тәжікстан Республикасының Президенті Эмомали Рахмон қабылдады.
Қолда бар зор әлеуетті ескере отырып, үкіметтер алдына тауар айналымын 2 есеге – $2 млрд-қа \
дейін арттыру міндеті қойылды.
Айталық, әлемді шарлаған дағдарысқа қарамай, сауда саласындағы екіжақты байланыс өткен жылы \
12,2 миллиард долларды құрапты.
Баспасөз өкілдерімен дидарласқан Ресей Сыртқы істер министрі Сергей Лавров Қазақстан \
басшысымен жүздесу жылы шырайлы жағдайда өткенін айтты.
Ертең Кремльде Владимир Путинмен келіссөздер өтеді.
Кеше Премьер-министрдің орынбасары – Сауда министрі Серік Жұманғарин бастаған қазақстандық \
делегация Кабул қаласында болды."""


def _run(text: str):
    return process(RawDocument("d", text, "d", published=date(2024, 5, 2)))


def _content(p) -> tuple[list, list, list]:
    """What a user compares: facts and events without their evidence, and the people."""
    facts = sorted(json.dumps({k: v for k, v in f.items() if k not in ("evidence", "period_text")},
                              ensure_ascii=False) for f in p.facts)
    events = sorted(json.dumps({k: v for k, v in e.items() if k != "evidence"},
                               ensure_ascii=False) for e in p.events)
    people = sorted(e["name"] for e in p.entities if e["type"] == "person")
    return facts, events, people


@pytest.mark.parametrize("latin", [LATIN_2018, LATIN_2021], ids=["2018", "2021"])
def test_latin_text_gives_what_its_cyrillic_twin_gives(latin):
    lat, cyr = _run(latin), _run(CYRILLIC)
    assert _content(lat) == _content(cyr)
    facts, events, people = _content(lat)
    assert any('"trade_turnover"' in f and '"target"' in f for f in facts)  # $2 bn, a goal
    assert any("12200000000.0" in f and '"2023-01-01"' in f for f in facts)  # "last year"
    assert events and "Vladimir Putin" in people and "Serik Zhumangarin" in people
    assert lat.document.lang == "kk" and {s.lang for s in lat.document.sentences} == {"kk"}


@pytest.mark.parametrize("latin", [LATIN_2018, LATIN_2021], ids=["2018", "2021"])
def test_evidence_quotes_and_points_into_the_latin_original(latin):
    p = _run(latin)
    doc = p.document
    # what the outlet wrote (cleaning only unified the dashes), not a rendering
    assert doc.text == latin.replace("\u2013", "-")
    sentences = {s.text for s in doc.sentences}
    for r in (*p.facts, *p.events):
        ev = r["evidence"]
        assert ev["sentence"] in sentences
        assert doc.text[ev["start"]:ev["end"]] in ev["sentence"]
    twelve = next(f for f in p.facts if f["value"] == 12.2e9)
    span = doc.text[twelve["evidence"]["start"]:twelve["evidence"]["end"]]
    assert span.startswith("12,2 m") and "dollardy" in span
    assert twelve["period_text"] in ("ótken jyly", "ötken jyly")
    putin = {doc.text[m["start"]:m["end"]] for m in p.mentions
             if m["entity_id"] == "person:Vladimir_Putin"}
    assert putin == {m["surface"] for m in p.mentions
                     if m["entity_id"] == "person:Vladimir_Putin"}
    assert putin <= {"Vladımır Pýtınmen", "Vladimir Putinmen"}


@pytest.mark.parametrize("text", [
    "Máskeýde Qazaqstan men Reseı dostastyǵyna arnalǵan skver ashyldy",  # qz.inform.kz
    "Tek 2022 jyldyń ózinde aýǵandarmen ekijaqty saýda kólemi rekordtyq kórsetkishke — "
    "987,9 mıllıon dollarǵa jetti, bul ótken jylmen salystyrǵanda 2,1 esege artty.",  # adyrna
    "Qazaqstan men Resei arasyndağy tauar ainalymy 9 aida 20 mlrd dollardan asty",
])
def test_latin_kazakh_is_kazakh(text):
    assert latin_kk.is_latin_kazakh(text)
    assert detect(text) == "kk"


@pytest.mark.parametrize("text", [
    # Turkmen (newsashgabat.com) and Azerbaijani (xalqcebhesi.az) as published; Uzbek, English
    # and Russian written for the test
    "Soňky ýyllarda Türkmenistan bilen Özbegistanyň arasyndaky haryt dolanyşygy 5 esse "
    "ýokarlanyp, geçen ýyl 902 million dollara ýetdi.",
    "Bu barədə Qazaxıstan Prezident Administrasiyasına (Ak Orda) mətbuat xidməti məlumat yayıb.",
    "Qozog'iston va Rossiya o'rtasidagi tovar aylanmasi 2023 yilda 28 milliard dollarni "
    "tashkil etdi.",
    "Trade between Kazakhstan and Russia reached 28 billion dollars in 2023.",
    "El comercio entre Kazajistán y Rusia creció en el 2023 hasta 28 mil millones de dólares.",
    "Kazakistan ile Rusya arasındaki ticaret hacmi 2023'te 28 milyar dolara ulaştı.",
    "Товарооборот между Казахстаном и Россией в 2023 году составил 28 млрд долларов.",
])
def test_other_languages_are_not_latin_kazakh(text):
    assert not latin_kk.is_latin_kazakh(text)


@pytest.mark.parametrize("latin, cyrillic", [
    ("Máskeýde Qazaqstan men Reseı dostastyǵyna arnalǵan skver ashyldy",
     "Мәскеуде Қазақстан мен Ресей достастығына арналған сквер ашылды"),
    # a capital I, я after a vowel and after ı, ю, ц, and the ь of a loanword
    ("Ishki ister, Imanǵalı, Iаsaýı, aıaq, Rossııa, bıýdjet, Federatsııa, Premer-mınıstr",
     "Ішкі істер, Иманғали, Ясауи, аяқ, Россия, бюджет, Федерация, Премьер-министр"),
    # ё of a loan name after и: "Мирзиёев"
    ("Shavkat Mırzııoevtiń sapary", "Шавкат Мирзиёевтің сапары"),
    # zanorda.kz types Cyrillic і inside Latin words; egemen a Cyrillic О with an accent
    ("Qazaqstan Respýblıkasy Úkіmetіnіń", "Қазақстан Республикасы Үкіметінің"),
    ("О\u0301tken jyldyń qyrkúıek aıynda", "Өткен жылдың қыркүйек айында"),
    # foreign words, outlets and addresses stay as written
    ("Foto: Facebook, habarlaıdy Kazinform, Egemen.kz", "Фото: Facebook, хабарлайды Kazinform, "
                                                       "Egemen.kz"),
])
def test_2018_alphabet_reads_back(latin, cyrillic):
    alphabet = latin_kk.alphabet_of([latin])
    assert alphabet.name == "2018"
    assert latin_kk.to_cyrillic(latin, alphabet).text == cyrillic


def test_2021_alphabet_reads_back():
    # the 2021 example sentence of English Wikipedia's "Kazakh alphabets"
    latin = "Būryñğy ötken zamanda, bır danyşpan kısı"
    alphabet = latin_kk.alphabet_of([latin])
    assert alphabet.name == "2021"
    assert latin_kk.to_cyrillic(latin, alphabet).text == "Бұрыңғы өткен заманда, бір данышпан кісі"


def test_every_cyrillic_letter_points_at_the_latin_it_came_from():
    latin = "Qazaqstan men Reseı arasyndaǵy taýar aınalymy, Mıhaıl Mıshýstın"
    traced = latin_kk.to_cyrillic(latin, latin_kk.alphabet_of([latin]))
    assert len(traced.origin) == len(traced.text)
    assert list(traced.origin) == sorted(traced.origin)
    words = traced.text.split()
    starts = [i for i, c in enumerate(traced.text) if c != " " and (i == 0 or
                                                                   traced.text[i - 1] == " ")]
    for word, at in zip(words, starts, strict=True):
        assert latin[traced.origin[at]] == latin.split()[words.index(word)][0]
    sh = traced.text.index("ш")
    assert latin[traced.origin[sh]:traced.origin[sh] + 2] == "sh"


def test_a_latin_date_line_dates_the_document_and_the_title_stays_latin():
    text = ("2019 jylǵy 12 maýsym\nQazaqstan men Reseı arasyndaǵy taýar aınalymy artty\n"
            "Bıylǵy jyldyń 4 aıynda Qazaqstan men Reseı arasyndaǵy taýar aınalymy "
            "6,1 mlrd dollardy qurady.")
    p = process(RawDocument("d", text, "d"))
    assert p.document.published == date(2019, 6, 12)
    assert p.document.title == "Qazaqstan men Reseı arasyndaǵy taýar aınalymy artty"
    (fact,) = [f for f in p.facts if f["value"] == 6.1e9]
    assert fact["period"] == {"start": "2019-01-01", "end": "2019-04-30"}


def test_cyrillic_documents_are_read_as_they_are():
    doc = process(RawDocument("d", "Товарооборот составил 28 млрд долларов. Source: Reuters, "
                                   "Trade between Kazakhstan and Russia grew.", "d")).document
    assert read(doc).same
