"""Language of documents and sentences."""

from __future__ import annotations

from bilateral.model import RawDocument
from bilateral.pipeline import process
from bilateral.text.language import detect


def test_kazakh_and_russian_sentences():
    assert detect("Қазақстан мен Ресей арасындағы сауда көлемі өсті.") == "kk"
    assert detect("Товарооборот между Казахстаном и Россией вырос.") == "ru"
    # Kazakh without any Kazakh-only letters still goes to lingua, not to Russian by default
    assert detect("Премьер-министр Мишустинмен кездесті.") == "kk"
    assert detect("12345 ... !!!") is None


def test_mixed_document_keeps_per_sentence_languages():
    text = ("Премьер-министры Казахстана и России провели переговоры в Москве.\n"
            "Тараптар сауда-экономикалық ынтымақтастық мәселелерін талқылады.\n"
            "Стороны договорились о новых проектах в промышленности.")
    doc = process(RawDocument("mixed", text, "mixed")).document
    assert [s.lang for s in doc.sentences] == ["ru", "kk", "ru"]
    assert doc.lang == "ru"


def test_seed_languages(seeds):
    langs = {}
    for path in sorted(seeds.glob("*.txt")):
        doc = process(RawDocument(path.stem, path.read_text("utf-8"), str(path))).document
        langs[path.stem[:3]] = doc.lang
        expected = "kk" if path.stem[:3] in ("000", "001") else "ru"
        wrong = [s.text for s in doc.sentences if s.lang != expected]
        assert not wrong, wrong
    assert langs == {"000": "kk", "001": "kk", "002": "ru", "003": "ru", "004": "ru"}
