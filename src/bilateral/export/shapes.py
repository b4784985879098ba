"""The shape of each exported record kind: its fields in order and their types.

The JSON records (DESIGN.md) carry dates as "YYYY-MM-DD" strings; formats that have types
(a workbook, Parquet) read here which fields are dates, numbers, lists or nested records.
A type is one of the names below, a list `[type]`, or a nested record `{field: type}`.
"""

from __future__ import annotations

STR, FLOAT, INT, BOOL, DATE = "str", "float", "int", "bool", "date"

PERIOD = {"start": DATE, "end": DATE}
EVIDENCE = {"sentence": STR, "start": INT, "end": INT, "lang": STR}
SOURCE = {"doc_id": STR, "fact_id": STR, "value": FLOAT, "approx": STR, "published": DATE,
          "lang": STR, "copy_of": STR}
CLAIM = {"claim_id": STR, "indicator": STR, "measure": STR, "kind": STR, "period": PERIOD,
         "as_of": DATE, "status": STR, "direction": [STR], "parties": [STR], "deadline": DATE,
         "unit": STR, "value": FLOAT, "values": [FLOAT], "sources": [SOURCE],
         "independent_sources": INT, "conflict": BOOL}

SHAPES: dict[str, dict] = {
    "documents": {"doc_id": STR, "lang": STR, "published": DATE, "title": STR, "source": STR,
                  "url": STR, "place": STR, "text": STR, "sentences": INT},
    "sentences": {"doc_id": STR, "idx": INT, "start": INT, "end": INT, "text": STR,
                  "lang": STR, "repeats": INT},
    "facts": {"fact_id": STR, "doc_id": STR, "kind": STR, "indicator": STR, "measure": STR,
              "value": FLOAT, "unit": STR, "approx": STR, "status": STR, "direction": [STR],
              "parties": [STR], "period": PERIOD, "period_text": STR, "deadline": DATE,
              "base": {"period": PERIOD, "value": FLOAT}, "evidence": EVIDENCE},
    "events": {"event_id": STR, "doc_id": STR, "type": STR, "status": STR, "date": PERIOD,
               "place": STR, "participants": [STR], "framework": STR, "signed": [STR],
               "evidence": EVIDENCE},
    "entities": {"entity_id": STR, "type": STR, "name": STR, "aliases": [STR],
                 "wikidata": STR, "docs": [STR]},
    "claims": CLAIM,
    "conflicts": CLAIM,
    "timeline": {"indicator": STR, "measure": STR, "unit": STR, "status": STR,
                 "direction": [STR], "parties": [STR], "span": STR, "period": PERIOD,
                 "as_of": DATE, "start": DATE, "end": DATE, "at": DATE, "value": FLOAT,
                 "values": [FLOAT], "conflict": BOOL, "approx": [STR], "sources": [SOURCE]},
}
