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
    (e,) = events_of("Комиссияның XXI отырысы Астанада өтті. Отырыс қорытындысы бойынша "
                     "Үкіметаралық комиссия отырысының хаттамасына қол қойылды.")
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
