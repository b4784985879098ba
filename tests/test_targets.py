"""Targets, approach, project status and comparison bases: how a clause governs its numbers."""

from __future__ import annotations

from datetime import date

import pytest

from test_facts import facts_of, period

PUB = date(2024, 5, 10)


def by_value(text: str, published: date | None = PUB) -> dict[float, dict]:
    return {f["value"]: f for f in facts_of(text, published)}


@pytest.mark.parametrize("text", [
    "Товарооборот превышает 28 млрд долларов, а целью является выход на 30 млрд долларов.",
    "Товарооборот составляет 28 млрд долларов, стороны рассчитывают выйти на 30 млрд долларов.",
    "Тауар айналымы 28 млрд доллардан асты, оны 30 млрд долларға жеткізу көзделіп отыр.",
])
def test_an_aim_beside_the_current_level_is_a_target_and_the_level_a_figure(text):
    found = by_value(text)
    assert found[28e9]["kind"] == "figure"
    assert found[30e9]["kind"] == "target"
    assert found[30e9]["indicator"] == "trade_turnover" and found[30e9]["period"] is None


@pytest.mark.parametrize(("text", "kind"), [
    ("Главы правительств поставили задачу нарастить взаимную торговлю до 35 млрд долларов.",
     "target"),
    ("Стороны намерены довести товарооборот до 35 млрд долларов.", "target"),
    ("Целевой показатель взаимной торговли - 35 млрд долларов.", "target"),
    ("По прогнозу, в этом году товарооборот составит 35 млрд долларов.", "target"),
    ("Товарооборот может достичь 35 млрд долларов.", "target"),
    ("В 2023 году удалось довести товарооборот до 35 млрд долларов.", "figure"),
    ("В 2023 году товарооборот достиг 35 млрд долларов.", "figure"),
    ("Өзара сауда көлемін 35 млрд долларға жеткізу мақсаты қойылды.", "target"),
    ("Тауар айналымын 35 млрд долларға дейін арттыру жоспарлануда.", "target"),
    ("Өткен жылы тауар айналымы 35 млрд долларға жетті.", "figure"),
])
def test_the_verb_that_governs_the_level_decides_target_or_figure(text, kind):
    (f,) = [f for f in facts_of(text, PUB) if f["value"] == 35e9]
    assert f["kind"] == kind, f
    assert f["indicator"] == "trade_turnover"


def test_a_verb_of_intention_in_a_title_makes_a_target():
    text = ("Казахстан и Россия намерены нарастить товарооборот до $40 млрд\n"
            "Об этом заявили главы правительств на встрече в Москве.")
    (f,) = facts_of(text, PUB)
    assert f["kind"] == "target" and f["value"] == 40e9


@pytest.mark.parametrize("text", [
    "Товарооборот подходит к отметке в 28 млрд долларов.",
    "Взаимная торговля близка к 28 млрд долларов.",
    "Товарооборот вплотную приблизился к 28 миллиардам долларов.",
    "Тауар айналымы 28 млрд долларға жақындап қалды.",
])
def test_a_verb_of_approach_makes_the_figure_almost_the_number(text):
    (f,) = facts_of(text, PUB)
    assert (f["kind"], f["value"], f["approx"]) == ("figure", 28e9, "almost")


@pytest.mark.parametrize(("text", "expected"), [
    ("Завершены 48 совместных проектов на сумму 5,7 млрд долларов, ведется строительство "
     "еще 31 совместного проекта.", {48: "implemented", 5.7e9: "implemented", 31: "ongoing"}),
    ("В стадии проработки находятся 25 совместных проектов. Ещё 12 проектов готовятся к "
     "запуску.", {25: "pipeline", 12: "pipeline"}),
    ("В общей сложности насчитывается 170 совместных проектов.", {170: "total"}),
    ("Фундаментом кооперации выступают более 170 совместных проектов.", {170: "total"}),
    ("Бірлескен 26 жоба іске қосылды, тағы 15 жоба салынып жатыр.",
     {26: "implemented", 15: "ongoing"}),
    ("Завершена реконструкция пяти пунктов пропуска.", {5: "implemented"}),
    ("На границе проводятся работы по реконструкции трех пунктов пропуска.", {3: "ongoing"}),
])
def test_each_number_takes_the_status_of_its_own_words(text, expected):
    found = by_value(text)
    assert {v: found[v]["status"] for v in expected} == expected


def test_a_comparison_base_takes_its_own_period_and_is_no_second_value():
    found = by_value("В 2024 году товарооборот составил 27,8 млрд долларов по сравнению с "
                     "26,1 млрд годом ранее.", date(2025, 2, 1))
    assert found[27.8e9]["period"] == period("2024-01-01", "2024-12-31")
    assert found[26.1e9]["period"] == period("2023-01-01", "2023-12-31")
    found = by_value("Өткен жылы тауар айналымы 2016 жылғы 9 млрд доллармен салыстырғанда "
                     "25 млрд долларға жетті.")
    assert found[9e9]["period"] == period("2016-01-01", "2016-12-31")
    assert found[25e9]["period"] == period("2023-01-01", "2023-12-31")
    found = by_value("Товарооборот в 2023 году вырос на 8% и составил 26 млрд долларов против "
                     "24 млрд долларов в 2022 году.")
    assert found[26e9]["period"] == period("2023-01-01", "2023-12-31")
    assert found[24e9]["period"] == period("2022-01-01", "2022-12-31")
    assert found[8]["base"] == {"period": period("2022-01-01", "2022-12-31"), "value": 24e9}


def test_a_base_with_no_period_of_its_own_is_not_reported():
    found = by_value("Товарооборот вырос на 8% по сравнению с 24 млрд долларов.")
    assert 24e9 not in found


def test_a_headline_that_repeats_a_body_figure_adds_no_fact_but_a_headline_alone_is_read():
    facts = facts_of("Товарооборот с Китаем превысил 44 млрд долларов\n"
                     "В 2024 году товарооборот Казахстана и Китая составил 44,1 млрд долларов.",
                     PUB)
    assert [(f["value"], f["period"]) for f in facts] == [
        (44.1e9, period("2024-01-01", "2024-12-31"))]
    (f,) = facts_of("Казахстан и Узбекистан договорились увеличить товарооборот до $10 млрд\n"
                    "Лидеры обсудили развитие сотрудничества в экономике.", PUB)
    assert (f["kind"], f["value"]) == ("target", 10e9)


def test_figures_of_a_story_about_another_pair_are_that_pairs():
    found = by_value("Казахстан и Узбекистан обсудили торговлю\n"
                     "Товарооборот между двумя странами в 2017 году составил 2 млрд долларов.")
    assert found[2e9]["parties"] == ["KZ", "UZ"]
    found = by_value("Товарооборот Казахстана и Татарстана вырос\n"
                     "По итогам 2021 года он составил $423 млн.", PUB)
    assert (found[423e6]["indicator"], found[423e6]["parties"]) == (
        "trade_turnover", ["KZ", "Tatarstan"])


def test_a_story_that_names_another_country_throughout_is_about_that_pair():
    # no headline pair, but the article is about Kyrgyzstan: its "bilateral trade" is KZ–KG
    found = by_value("Қазақ — қырғыз достығы нығая түсті\n"
                     "Қырғызстан басшысы Астанаға келді. Қырғызстан делегациясы келіссөз "
                     "жүргізді.\n"
                     "Былтыр екіжақты тауар айналымы 1,5 миллиард долларды құрады.")
    assert found[1.5e9]["parties"] == ["KZ", "KG"]
    # Russia named as often: a Kazakhstan–Russia story keeps its pair
    found = by_value("Премьеры России и Китая обсудили поставки. Россия и Китай подписали "
                     "соглашение. Товарооборот между странами вырос до 24 млрд долларов.")
    assert found[24e9]["parties"] == ["KZ", "RU"]


def test_a_regional_story_keeps_its_region_for_unnamed_trade():
    found = by_value("Батыс Қазақстан облысы Ресеймен байланысын кеңейтуде\n"
                     "Батыс Қазақстан облысының әкімі делегациямен кездесті. Кездесуде көп "
                     "мәселе талқыланды. Соңғы үш жылда облыстың Ресеймен сауда айналымы 2 млрд "
                     "доллардан асты.")
    assert found[2e9]["parties"] == ["West Kazakhstan Region", "RU"]
    found = by_value("Губернатор Омской области встретился с делегацией Казахстана\n"
                     "Омская область принимает гостей. Стороны обсудили логистику. "
                     "За три года объем товарооборота увеличился в 1,5 раза.")
    assert found[50]["parties"] == ["KZ", "Omsk Oblast"]
    # a forum's host city is a venue: national figures of the forum stay national
    found = by_value("Форум прошел в Омске\nВ Омске открылся форум. "
                     "Товарооборот вырос до 28 млрд долларов.")
    assert found[28e9]["parties"] == ["KZ", "RU"]


def test_trade_with_a_group_of_countries_is_not_a_pairs_trade():
    found = by_value("Өткен жылы ТМД елдері сауда айналымының жалпы көлемі 8 пайыз ұлғайып, "
                     "110 миллиард долларға жетті.")
    assert {found[110e9]["indicator"], found[8]["indicator"]} == {"other"}
    (f,) = facts_of("Орталық Азиядағы барлық сауданың 57% біздің елдерімізге тиесілі.", PUB)
    assert (f["indicator"], f["measure"]) == ("other", "share_pct")


def test_a_percentage_of_nothing_tracked_is_not_a_fact():
    assert facts_of("Өңірде 2 мыңнан астам компания жұмыс істесе, соның 50 пайызы - ресейлік "
                    "компаниялар.", PUB) == []


def test_each_target_takes_the_deadline_next_to_it():
    found = by_value("Стороны договорились обеспечить рост товарооборота до 3 млрд долларов в "
                     "2018 году и до 5 млрд долларов к 2020 году.", date(2018, 3, 14))
    assert (found[3e9]["deadline"], found[5e9]["deadline"]) == ("2018-12-31", "2020-12-31")


def test_an_export_or_import_keeps_the_direction_of_its_paragraph():
    found = by_value("Импорт рыбы из России в Казахстан за январь-август снизился на 14%. "
                     "В денежном выражении поставки выросли на 2,5% и превысили 16 млн долларов.")
    assert found[16e6]["direction"] == ["RU", "KZ"] and found[2.5]["direction"] == ["RU", "KZ"]


@pytest.mark.parametrize(("text", "value", "approx"), [
    ("При этом на Россию приходится почти пятая часть внешнеторгового оборота Казахстана.",
     20, "almost"),
    ("Сыртқы сауда айналымындағы Ресейдің үлесі үштен бірін құрайды.", 33.3, "exact"),
])
def test_a_fraction_in_words_beside_a_share_word_is_a_share(text, value, approx):
    (f,) = facts_of(text, PUB)
    assert (f["indicator"], f["measure"], f["value"], f["approx"]) == (
        "trade_share", "share_pct", value, approx)


def test_a_countrys_inflow_from_everyone_is_no_bilateral_investment():
    found = by_value("Привлеченные прямые инвестиции за первое полугодие составили 14,5 млрд "
                     "долларов США.", date(2022, 7, 20))
    assert (found[14.5e9]["indicator"], found[14.5e9]["parties"]) == ("other", None)
    found = by_value("Российские инвестиции в экономику Казахстана составили 1,7 млрд долларов.")
    assert found[1.7e9]["indicator"] == "investment"
    assert found[1.7e9]["direction"] == ["RU", "KZ"]


def test_a_pronoun_for_companies_lends_no_indicator():
    facts = facts_of("Товарооборот области с Россией вырос на 31%. Нәтижесінде олар бюджетке "
                     "20 млрд теңгеден астам салық төлеген.", PUB)
    assert all(f["value"] != 20e9 for f in facts)


def test_projects_are_joint_only_in_an_article_that_names_a_partnership():
    facts = facts_of("Құны 30 трлн теңге болатын 850 инвестициялық жобадан тұратын жалпыұлттық "
                     "пул 131 мың жаңа жұмыс орнын ашты.", PUB)
    assert not any(f["indicator"] == "coop_projects" for f in facts), facts
    found = by_value("Россия остается ключевым партнером. Реализуются 84 проекта на $23 млрд.")
    assert (found[84]["indicator"], found[84]["status"]) == ("coop_projects", "ongoing")
