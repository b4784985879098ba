"""Is a number a level aimed at (a target) or a level reported (a figure)?

Read from the words that govern the number, not from the sentence as a whole: "товарооборот
превышает 28 млрд, а целью является выход на 30 млрд" reports 28 and aims at 30.

- a verb or noun of reaching right before the level ("довести товарооборот до", "выход на",
  "нарастить ... до") or, in Kazakh, after it ("30 млрд долларға жеткізу", "...-ға дейін
  арттыру"): a target, unless its form reports a result ("довели", "вышел на", "жеткізді") or
  a word before it does ("удалось довести");
- an aim noun naming the level ("цель - 30 млрд", "целевой показатель в 30 млрд");
- a level verb in the future or after a modal ("составит", "может достичь", "жетеді");
- the preposition of a level ("до 30 млрд", "на уровень") with an aim word in the clause
  ("поставлена задача", "мақсат", "жоспарлануда");
- a deadline in a clause that is not in the past tense.

Vocabulary: `lexicon/targets.json`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

from bilateral.model import PeriodMention, Quantity

_F = re.IGNORECASE | re.UNICODE
_WINDOW = 90  # how far before a number its governing verb may stand
_GAP = r"(?:\s+[^\s,;:.!?()\"]+){0,4}?"  # at most four words, no punctuation


def _alt(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class _Lexicon:
    reach_ru: re.Pattern
    done_ru: re.Pattern
    reach_after_ru: re.Pattern
    reach_kk: re.Pattern
    intent_kk: re.Pattern
    done_kk: re.Pattern
    achieved: re.Pattern
    aim: re.Pattern
    aim_level: re.Pattern
    future_ru: re.Pattern
    future_kk: re.Pattern
    prep_ru: re.Pattern
    past: re.Pattern


@cache
def _lexicon() -> _Lexicon:
    data = json.loads(files("bilateral.lexicon").joinpath("targets.json").read_text("utf-8"))

    def words(key: str) -> re.Pattern:
        return re.compile(rf"(?<!\w)(?:{_alt(data[key])})(?!\w)", _F)

    def whole(key: str) -> re.Pattern:
        return re.compile(rf"(?:{_alt(data[key])})", _F)

    reach = _alt([p.replace(" … ", f"{_GAP}\\s+") for p in data["reach_ru"]])
    level = (r"(?:\s+(?:уровн|отметк|рубеж|показател|объ[её]м|товарооборот|цифр|сумм)\w*)?"
             r"(?:\s+в)?")
    kk_dative = r"^\S*\s*(?:-?\s*(?:ға|ге|қа|ке|на|не|а|е))?\s*(?:дейін\s+)?"
    return _Lexicon(
        reach_ru=re.compile(rf"(?<!\w)(?:{reach}){level}\s*$", _F),
        done_ru=whole("done_ru"),
        # "заветная цифра - 30 миллиардов (долларов) достичь": the verb after its level
        reach_after_ru=re.compile(rf"^\s*(?:\([^)]{{0,40}}\)\s*)?(?:{_alt(data['reach_after_ru'])})"
                                  r"(?!\w)", _F),
        reach_kk=re.compile(rf"{kk_dative}(?:\S+\s+){{0,2}}?(?P<verb>(?:{_alt(data['reach_kk'])}))"
                            r"(?!\w)", _F),
        intent_kk=whole("intent_kk"),
        done_kk=whole("done_kk"),
        achieved=words("achieved"),
        aim=words("aim"),
        aim_level=re.compile(rf"(?<!\w)(?:{_alt(data['aim_level'])})\s*$", _F),
        future_ru=re.compile(rf"(?<!\w)(?:{_alt(data['future_level_ru'])}){_GAP}"
                             r"(?:\s+(?:до|на|в|к))?\s*$", _F),
        future_kk=re.compile(rf"{kk_dative}(?:{_alt(data['future_level_kk'])})(?!\w)", _F),
        prep_ru=re.compile(rf"(?<!\w)(?:{_alt(data['prep_ru'])})\s*$", _F),
        past=words("past"),
    )


def _reached_before(text: str, q: Quantity, clause: tuple[int, int]) -> bool | None:
    """A Russian verb of reaching before the number: True when it aims, False when it
    reports a result, None when there is none."""
    lex = _lexicon()
    before = text[max(clause[0], q.start - _WINDOW):q.start]
    m = lex.reach_ru.search(before)
    if m is None:
        return None
    verb, *between = m.group(0).split()
    if lex.past.search(" ".join(between)):
        return None  # "увеличение товарооборота составило ...": the nearer verb governs
    if lex.done_ru.fullmatch(verb):
        return False
    return not lex.achieved.search(before[:m.start()])


def _reached_after(text: str, q: Quantity, clause: tuple[int, int]) -> bool | None:
    """A Kazakh verb of reaching after the level in the dative ("...-ға жеткізу"), or a
    Russian infinitive after its level."""
    lex = _lexicon()
    if lex.reach_after_ru.match(text[q.end:q.end + _WINDOW]):
        return True
    m = lex.reach_kk.match(text[q.end:min(clause[1], q.end + _WINDOW)])
    if m is None:
        return None
    verb = m.group("verb")
    if lex.intent_kk.fullmatch(verb):
        return True
    if lex.done_kk.fullmatch(verb):
        return False
    return None


@lru_cache(maxsize=4096)
def _clause_says(ctext: str) -> tuple[bool, bool]:
    """(an aim word, a past-tense verb) in a clause: read once per clause, not per number."""
    lex = _lexicon()
    return bool(lex.aim.search(ctext)), bool(lex.past.search(ctext))


def is_target(text: str, q: Quantity, clause: tuple[int, int],
              deadline: PeriodMention | None) -> bool:
    """Does the clause aim at the number `q` rather than report it?"""
    lex = _lexicon()
    aim, past = _clause_says(text[clause[0]:clause[1]])
    before = text[max(clause[0], q.start - _WINDOW):q.start]
    for reached in (_reached_before(text, q, clause), _reached_after(text, q, clause)):
        if reached is not None:
            return reached
    # "целевой показатель - 32 млрд": the dash that names the level also ends a clause
    if lex.aim_level.search(text[max(0, q.start - _WINDOW):q.start]) or lex.future_ru.search(
            before):
        return True
    if lex.future_kk.match(text[q.end:min(clause[1], q.end + _WINDOW)]):
        return True
    if aim and lex.prep_ru.search(before):
        return True
    if deadline is not None and not past:
        # the deadline governs this number unless a comma separates them after the number
        between = text[q.end:deadline.start] if deadline.start > q.end else ""
        return "," not in between
    return False


def aims_at_level(text: str, q: Quantity, clause: tuple[int, int]) -> bool:
    """A bare number as the level of a verb of reaching ("довести количество проектов до
    200"), whose counted noun stands before the verb."""
    return bool(_reached_before(text, q, clause)) or (
        _clause_says(text[clause[0]:clause[1]])[0]
        and bool(_lexicon().prep_ru.search(text[max(clause[0], q.start - _WINDOW):q.start])))
