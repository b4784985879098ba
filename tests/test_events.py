"""Events: who met whom, when, where, in what framework, held or planned."""

from __future__ import annotations

from datetime import date

from bilateral.model import RawDocument
from bilateral.pipeline import process


def events_of(text: str, published: date | None = None) -> list[dict]:
    return list(process(RawDocument("t", text, "t", published=published)).events)


def test_a_meeting_with_place_date_participants_and_framework():
    (e,) = events_of("Алматы - 3 февраля. Премьер-министр Казахстана Алихан Смаилов встретился "
                     "с Председателем Правительства России Михаилом Мишустиным в рамках "
                     "заседания ЕМПС в Алматы.", date(2023, 2, 3))
    assert e["type"] == "meeting" and e["status"] == "held"
    assert e["place"] == "Almaty"
    assert e["date"] == {"start": "2023-02-03", "end": "2023-02-03"}
    assert e["participants"] == ["Alikhan Smailov", "Mikhail Mishustin"]
    assert e["framework"] == "Eurasian Intergovernmental Council"


def test_a_working_visit_to_a_capital():
    (e,) = events_of("Олжас Бектенов по приглашению Михаила Мишустина совершил рабочий визит "
                     "в Москву. В ходе переговоров стороны обсудили договоренности между "
                     "президентами Касым-Жомартом Токаевым и Владимиром Путиным.")
    assert (e["type"], e["place"]) == ("visit", "Moscow")
    assert e["participants"] == ["Olzhas Bektenov", "Mikhail Mishustin"]


def test_planned_forum_and_decision_to_hold_a_session():
    events = events_of("2019 жылдың 6-7 қарашасында Омбы қаласында Қазақстан мен Ресейдің XVI "
                       "аймақаралық ынтымақтастық форумы өтеді. ҮАК келесі XXII отырысын 2020 "
                       "жылы Ресей Федерациясында өткізу шешімі қабылданды.")
    forum = next(e for e in events if e["type"] == "forum")
    assert forum["status"] == "planned" and forum["place"] == "Omsk"
    assert forum["date"] == {"start": "2019-11-06", "end": "2019-11-07"}
    session = next(e for e in events if e["type"] == "commission_session")
    assert session["status"] == "planned" and session["place"] is None
    assert session["date"] == {"start": "2020-01-01", "end": "2020-12-31"}


def test_a_capital_standing_for_its_government_is_not_a_place():
    events = events_of("Астана и Москва договорились о встрече министров.")
    assert all(e["place"] is None for e in events)


def test_a_past_visit_recalled_in_a_quote_is_not_an_event():
    events = events_of("«В ходе государственного визита в Казахстан Владимира Путина были "
                       "достигнуты важные договоренности о дальнейшем развитии наших "
                       "отношений», - заявил премьер.")
    assert events == []


def test_signed_documents_are_listed_on_the_event():
    (e,) = events_of("Қазақстан-Ресей үкіметаралық комиссиясының XXI отырысы Астанада өтті. Отырыс "
                     "қорытындысы бойынша Үкіметаралық комиссия отырысының хаттамасына қол "
                     "қойылды.")
    assert e["signed"] == ["protocol"]


def test_seed_events_and_persons_meet_the_gold(seeds, gold, tmp_path):
    from typer.testing import CliRunner

    from bilateral.cli import app
    from bilateral.evaluate import read_jsonl, score_events, score_persons
    from bilateral.store.db import Store

    db = tmp_path / "t.db"
    CliRunner().invoke(app, ["ingest", str(seeds), "--db", str(db)], catch_exceptions=False)
    store = Store(str(db))
    people: dict[str, set[str]] = {}
    for e in store.entities("person"):
        for d in e["docs"]:
            people.setdefault(d, set()).add(e["name"])
    persons, _, _ = score_persons(people, read_jsonl(gold / "seeds.persons.jsonl"))
    assert persons.f1 == 1.0
    events = score_events(list(store.events()), read_jsonl(gold / "seeds.events.jsonl"))
    assert events["score"].f1 >= 0.9
    assert events["attributes"]["place"] >= 0.9 and events["attributes"]["date"] >= 0.9


def test_events_mentioned_in_passing_are_not_events():
    assert events_of("Вице-премьеры провели заседание рабочей группы в преддверии "
                     "государственного визита президента в Россию.") == []
    assert events_of("Президент поздравил коллегу с итогами встречи с президентом США.") == []
    assert events_of("Назарбаев пен Путин соңғы бір жылда алты рет кездесіп, сегіз рет телефон "
                     "арқылы сөйлескен.") == []
    assert events_of("Көрмеде мемлекет басшыларының ресми кездесулерінің фотоматериалдары "
                     "қойылды.") == []


def test_an_event_between_other_countries_is_not_recorded():
    events = events_of("Россия и Узбекистан провели первый форум межрегионального "
                       "сотрудничества в Ташкенте.", date(2018, 10, 22))
    assert events == []


def test_both_sides_of_a_meeting_come_from_the_sentence_and_the_one_before():
    (e,) = events_of("В Астане состоялась встреча Президента Касым-Жомарта Токаева с "
                     "премьер-министром Беларуси Александром Турчиным.", date(2025, 11, 4))
    assert e["participants"] == ["Kassym-Jomart Tokayev", "Alexander Turchin"]
    (e,) = events_of("Президент России Владимир Путин назвал Казахстан стратегическим "
                     "партнером. Такое заявление он сделал во время встречи с президентом "
                     "Нурсултаном Назарбаевым.", date(2017, 12, 27))
    assert set(e["participants"]) == {"Vladimir Putin", "Nursultan Nazarbayev"}


def test_weekdays_and_relative_days_are_dated_from_the_document():
    (e,) = events_of("Президент Владимир Путин в понедельник провел первую в 2017 году "
                     "рабочую встречу с президентом Нурсултаном Назарбаевым.", date(2017, 2, 28))
    assert e["date"] == {"start": "2017-02-27", "end": "2017-02-27"}
    (e,) = events_of("Бүгін Нұрсұлтан Назарбаев Владимир Путинмен телефон арқылы сөйлесті.",
                     date(2018, 3, 19))
    assert (e["type"], e["date"]) == ("call", {"start": "2018-03-19", "end": "2018-03-19"})


def test_a_bilateral_body_takes_the_partner_named_in_the_story():
    (e,) = events_of("Қазақстан мен Өзбекстан сауданы талқылады. Бүгін Алматыда үкіметаралық "
                     "комиссияның 21-ші отырысы өтті.", date(2024, 7, 12))
    assert e["type"] == "commission_session"
    assert e["framework"] == "Kazakhstan–Uzbekistan Intergovernmental Commission"


def test_an_event_needs_a_participant_a_body_or_a_date_and_place():
    assert events_of("Он также отметил хорошую организацию визита.") == []


def test_an_event_long_past_is_history_and_a_misspelt_call_is_still_a_call():
    events = events_of("Нурсултан Назарбаев провел телефон разговор с президентом России "
                       "Владимиром Путиным. Первый саммит состоялся в Ашхабаде в 2002 году.",
                       date(2018, 7, 10))
    assert [(e["type"], e["date"]) for e in events] == [("call", None)]


def test_a_name_that_holds_a_trigger_word_is_no_event():
    # "Сапарбекұлы" and "Сапар" hold "сапар" (visit): the ambassador's appointment is no visit
    assert events_of("Қазақстанның Түркиядағы елшісі Абзал Сапарбекұлы 2017 жылдың сәуір "
                     "айында қызметке тағайындалды.", date(2017, 9, 8)) == []
    assert events_of("Әкім Сапар Исқақов 5 наурызда Павлодарда жиналысты өткізді.",
                     date(2024, 3, 6)) == []
    # a named event stays one: "XVI Форум" is capitalised inside its sentence
    (e,) = events_of("Президенты приняли участие в XVI Форуме межрегионального сотрудничества "
                     "в Петропавловске 7 ноября.", date(2019, 11, 8))
    assert e["type"] == "forum"


def test_the_host_who_receives_a_visitor_takes_part_in_the_visit():
    (e,) = events_of("Мемлекет басшысы Нұрсұлтан Назарбаев Минскіге ресми сапармен барды. "
                     "Бұл туралы Ақорда хабарлады. Әуежайда Елбасыны Беларусь президенті "
                     "Александр Лукашенко қарсы алды.", date(2017, 11, 29))
    assert (e["type"], e["participants"]) == (
        "visit", ["Nursultan Nazarbayev", "Alexander Lukashenko"])
    # a person only spoken of after the visit is not its participant
    (e,) = events_of("Мемлекет басшысы Нұрсұлтан Назарбаев Минскіге ресми сапармен барды. "
                     "Бұл туралы Ақорда хабарлады. Александр Лукашенко бұрын Астанада болған.",
                     date(2017, 11, 29))
    assert e["participants"] == ["Nursultan Nazarbayev"]


def test_a_city_in_a_diplomats_title_is_not_the_venue():
    (e,) = events_of("Губернатор Тюменской области Александр Моор встретился с Генеральным "
                     "консулом Республики Казахстан в Екатеринбурге Жарасом Мамутбековым.",
                     date(2024, 2, 14))
    assert e["place"] is None
    (e,) = events_of("Губернатор Тюменской области Александр Моор встретился в Екатеринбурге с "
                     "консулом Жарасом Мамутбековым.", date(2024, 2, 14))
    assert e["place"] == "Yekaterinburg"


def test_two_people_who_discussed_together_met():
    (e,) = events_of("Президенты Казахстана и России Нурсултан Назарбаев и Владимир Путин в "
                     "понедельник в Алматы обсудили вопросы сотрудничества.", date(2017, 2, 27))
    assert (e["type"], e["date"], e["place"], e["participants"]) == (
        "meeting", {"start": "2017-02-27", "end": "2017-02-27"}, "Almaty",
        ["Nursultan Nazarbayev", "Vladimir Putin"])
    assert events_of("Стороны обсудили вопросы сотрудничества.", date(2017, 2, 27)) == []


def test_the_day_before_dates_an_event_but_the_eve_of_another_is_background():
    (e,) = events_of("Накануне на полях саммита СНГ Токаев и Путин провели отдельные "
                     "переговоры.", date(2025, 10, 10))
    assert e["date"] == {"start": "2025-10-09", "end": "2025-10-09"}
    assert e["participants"] == ["Kassym-Jomart Tokayev", "Vladimir Putin"]
    (e,) = events_of("Накануне визита Путина министры провели переговоры в Астане 9 октября.",
                     date(2025, 10, 10))
    assert "Vladimir Putin" not in e["participants"]


def test_an_arrival_is_a_visit_and_the_airport_greeting_is_part_of_it():
    (e,) = events_of("Вчера в столицу Казахстана прибыл Президент России Владимир Путин. "
                     "В аэропорту его встретил Касым-Жомарт Токаев.", date(2024, 11, 28))
    assert (e["type"], e["date"], e["participants"]) == (
        "visit", {"start": "2024-11-27", "end": "2024-11-27"},
        ["Vladimir Putin", "Kassym-Jomart Tokayev"])


def test_the_two_heads_of_state_are_the_presidents_of_the_pair_on_that_day():
    (_, e) = events_of("Бүгін Мемлекет басшысы Қасым-Жомарт Тоқаев мемлекеттік сапармен Ресейге "
                       "барды. Ертең екі ел басшылары кездесіп, құжаттарға қол қояды деп күтіліп "
                       "отыр.", date(2025, 11, 11))
    assert (e["type"], e["status"], e["participants"]) == (
        "meeting", "planned", ["Kassym-Jomart Tokayev", "Vladimir Putin"])
    # a story about Belarus: its president, not Russia's
    events = events_of("Назарбаев Минскіге ресми сапармен барды. Беларусьпен байланыс нығаяды. "
                       "Екі мемлекет басшыларының кездесуі Минскіде 29 қарашада өтті.",
                       date(2017, 11, 29))
    assert any(e["participants"] == ["Nursultan Nazarbayev", "Alexander Lukashenko"]
               for e in events)
