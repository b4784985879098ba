"""Cleaning: normalisation with a way back to the original, furniture removal, repeats."""

from __future__ import annotations

from bilateral.model import RawDocument
from bilateral.pipeline import process
from bilateral.text import boilerplate
from bilateral.text.normalize import normalize, to_original


def _doc(text: str, repeated: frozenset[str] = frozenset(), doc_id: str = "d"):
    return process(RawDocument(doc_id=doc_id, text=text, origin=doc_id), repeated).document


def test_dashes_quotes_and_odd_spaces_are_unified_and_traced_back():
    raw = "Казахстан \u2012 Россия:\u00a0\u00abСевер\u2009\u2014\u202fЮг\u00bb"
    t = normalize(raw)
    assert t.text == 'Казахстан - Россия: "Север - Юг"'
    # every cleaned character points at the character it came from
    for i, ch in enumerate(t.text):
        assert raw[t.origin[i]] in {ch, "\u2012", "\u2014", "\u00a0", "\u2009", "\u202f",
                                    "\u00ab", "\u00bb"}


def test_decomposed_letters_are_composed_nfc():
    raw = "Қаза\u0301қстан и\u0306"  # й as и + combining breve
    t = normalize(raw)
    assert "й" in t.text and len(t.text) == len(t.origin)


def test_offsets_in_document_text_map_to_the_same_words_in_the_original():
    raw = "  Заголовок статьи о торговле\r\n\r\nТоварооборот\u00a0вырос на 5\u2009%.  Это много.\n"
    doc = _doc(raw)
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text
        first = to_original(doc.offset_map, s.start)
        assert raw[first] == s.text[0]


def test_web_furniture_after_the_article_never_reaches_the_text():
    text = "\n".join([
        "Министры обсудили торговлю",
        "Министры торговли Казахстана и России обсудили рост товарооборота до 30 млрд долларов.",
        "Стороны договорились продолжить работу над совместными проектами в 2025 году.",
        "Ещё одно предложение статьи, чтобы статья была статьёй, а не заметкой.",
        "",
        "Басып шығару нұсқасы",
        "Соңғы жаңалықтар",
        "Алматыда 500 жаңа автобус іске қосылды",
        "Астанада жаңа мектеп ашылды",
        "Саясат   Қоғам   Экономика   Спорт",
        "© 2025 Барлық құқықтар қорғалған",
    ])
    doc = _doc(text)
    assert "автобус" not in doc.text and "мектеп" not in doc.text and "©" not in doc.text
    assert "30 млрд долларов" in doc.text
    reasons = " ".join(d.reason for d in doc.dropped)
    assert "end of article" in reasons


def test_furniture_lines_inside_an_article_are_dropped_one_by_one():
    text = "\n".join([
        "Премьер-министры встретились в Москве и обсудили промышленную кооперацию.",
        "Фото: пресс-служба Правительства",
        "Читайте также: Токаев встретился с Путиным",
        "12:45",
        "https://example.kz/news/123",
        "Стороны отметили рост взаимной торговли на 5%.",
    ])
    doc = _doc(text)
    assert "пресс-служба" not in doc.text and "Путиным" not in doc.text
    assert "12:45" not in doc.text and "example.kz" not in doc.text
    assert "рост взаимной торговли на 5%" in doc.text


def test_an_early_marker_word_does_not_cut_the_article_short():
    text = "\n".join([
        "© Фото: Акорда",
        "Президенты Казахстана и России провели переговоры в Астане.",
        "Товарооборот вырос до 28 млрд долларов, отметили стороны на встрече.",
    ])
    doc = _doc(text)
    assert "28 млрд долларов" in doc.text and "Акорда" not in doc.text


def test_lines_repeated_on_other_pages_of_a_source_are_dropped():
    footer = "Свидетельство о регистрации СМИ выдано Министерством информации"
    repeated = frozenset({boilerplate.line_key(footer)})
    doc = _doc(f"Товарооборот вырос на 5% за год.\n{footer}\n", repeated)
    assert "Свидетельство" not in doc.text


def test_repeated_sentence_appears_once_and_counts_its_repeats():
    lead = "Товарооборот между странами составил 24,2 млрд долларов."
    doc = _doc(f"{lead}\nСтороны обсудили сотрудничество.\n{lead[:-1]}\n")
    assert doc.text.count("24,2 млрд") == 1
    first = next(s for s in doc.sentences if "24,2" in s.text)
    assert first.repeats == 2
    assert any(d.reason.startswith("repeat of sentence") for d in doc.dropped)


def test_seed_002_keeps_its_article_and_none_of_its_furniture(seeds):
    from conftest import seed_text

    doc = _doc(seed_text("002"), doc_id="002")
    assert "Алихан Смаилов встретился" in doc.text
    assert "24 тыс. рабочих мест" in doc.text
    assert "ускорить создание новых производственных цепочек" in doc.text
    for junk in ("Версия для печати", "Последние новости", "НОК", "Герасименко",
                 "Абдраим", "Городко", "Все права защищены", "О агентстве", "Реклама",
                 "Политика", "9:09", "03.02.2023"):
        assert junk not in doc.text, junk


def test_seed_000_lead_sentence_collapses_to_one(seeds):
    from conftest import seed_text

    doc = _doc(seed_text("000"), doc_id="000")
    assert doc.text.count("бұл 2017 жылға қарағанда 13,1 процентке жоғары") == 1
