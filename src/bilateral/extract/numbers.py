"""Find the numbers that carry a figure in Kazakh and Russian news text.

`find_quantities` lower-cases a sentence once and jumps between candidates found by two cheap
searches: digits/currency signs, and number words (one prefix-factored regex). Around each
candidate small anchored regexes read the scale, unit, Kazakh case ending and approximator.
Everything language-specific (number words, scale and currency words, approximators, time
words, counted nouns) lives in `lexicon/numbers.json` and is compiled once at import, so a call
reads no files.

Why hand-written and not a grammar library: the two languages put things on opposite sides
(Russian "почти $1 млрд", Kazakh "$1 млрд-қа жуық"), Kazakh glues case endings to numbers,
scales and signs ("млрд-тан", "мыңға", "%-ға"), and whether "more than" is meant depends on
that ending ("100-ден астам" = over 100, "13,1 процентке жоғары" = higher BY 13.1 %).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from decimal import Decimal
from importlib.resources import files

from bilateral.model import Quantity

__all__ = ["find_quantities"]

_LEX: dict = json.loads(
    files("bilateral.lexicon").joinpath("numbers.json").read_text(encoding="utf-8")
)

# All patterns run on the lower-cased text (same offsets), so none needs re.IGNORECASE.
_L = r"[^\W\d_]"  # one letter, any script
_SP = r"[^\S\n]*"  # optional spaces (NBSP, thin space too), never across a line break
_SP1 = r"[^\S\n]+"
_DASH = "\\-\u2012\u2013\u2014\u2015\u2212"  # ASCII hyphen and the dashes a cleaner may miss
_DASHES = frozenset("-\u2012\u2013\u2014\u2015\u2212")
_GROUP_SEP = "[ \u00a0\u2009\u202f]"  # thousands separators: "1 200 000"

_KK_SUFFIXES: list[str] = _LEX["kk_suffixes"]
_KK_SUF_RX = "|".join(sorted(map(re.escape, _KK_SUFFIXES), key=len, reverse=True))


_TAILS = {
    "*": _L + r"*(?!\w)",  # 'доллар*': any letters, then the end of the word
    "~": f"(?:{_KK_SUF_RX})?(?!\\w)",  # 'мың~': an optional Kazakh ending
    "w": r"(?!\w)",  # a whole word: "г" is a year, "гектар" is not
    ".": "",  # ends on a non-letter ("%", "$", "млн."): a case ending may follow ("%-ға")
}


def _split_form(form: str) -> tuple[str, str]:
    """Lexicon form syntax (see numbers.json "_doc"): 'stem*', 'stem~', 'word', 'abbr.'."""
    if form[-1] in "*~":
        return form[:-1], form[-1]
    return form, "w" if form[-1].isalnum() else "."


def _trie_rx(forms: Iterable[str], *, tails: bool = True) -> str:
    """One regex for many lexicon forms, factored by prefix.

    Python's regex engine tries alternatives one by one; sharing prefixes keeps a lexicon of
    hundreds of words at about the cost of one, which is what keeps a call in microseconds.
    """
    root: dict = {}
    for form in forms:
        body, kind = _split_form(form)
        node = root
        for ch in body:
            node = node.setdefault(ch, {})
        node.setdefault("", set()).add(kind)

    def emit(node: dict) -> str:
        alts = [
            (_SP1 if ch == " " else re.escape(ch)) + emit(node[ch]) for ch in sorted(node) if ch
        ]
        if "" in node:
            alts += [_TAILS[k] for k in "*~w." if k in node[""]] if tails else [""]
        if len(alts) == 1:
            return alts[0]
        if alts[-1] == "":
            return "(?:" + "|".join(alts[:-1]) + ")?"
        return "(?:" + "|".join(alts) + ")"

    return emit(root)


class _Alt:
    """A compiled set of lexicon forms (one trie regex) that tells which entry matched."""

    __slots__ = ("exact", "memo", "rx", "stems")

    def __init__(self, entries: Iterable[tuple[object, str]], prefix: str = "") -> None:
        self.exact: dict[str, object] = {}
        self.stems: dict[str, object] = {}
        forms = []
        for key, form in entries:
            body, kind = _split_form(form)
            (self.stems if kind in "*~" else self.exact).setdefault(body, key)
            forms.append(form)
        self.rx = re.compile(f"{prefix}(?P<k>{_trie_rx(forms)})")
        self.memo: dict[str, object] = {}

    def key(self, found: str) -> object:
        """The entry of a matched form: exact forms first, then the longest stem."""
        key = self.memo.get(found)
        if key is None:
            key = self._lookup(found)
            if len(self.memo) > 50_000:  # stems match open-ended words: keep the memo bounded
                self.memo.clear()
            self.memo[found] = key
        return key

    def _lookup(self, found: str) -> object:
        if " " in found or not found.isalpha():
            found = " ".join(found.split())
        key = self.exact.get(found)
        if key is not None:
            return key
        for k in range(len(found), 0, -1):
            key = self.stems.get(found[:k])
            if key is not None:
                return key
        raise KeyError(found)

    def match(self, text: str, pos: int) -> tuple[object, re.Match[str]] | None:
        m = self.rx.match(text, pos)
        return None if m is None else (self.key(m.group("k")), m)


def _plain(forms: Iterable[str], prefix: str = "") -> re.Pattern[str]:
    return re.compile(prefix + "(?:" + _trie_rx(forms) + ")")


# --- number words -------------------------------------------------------------------------

# word -> (value, class, inflected); an inflected (case-suffixed) Kazakh word ends a number
_NUMWORDS: dict[str, tuple[Decimal, str, bool]] = {}
for _value, _cls, _forms in _LEX["numbers_ru"]:
    for _form in _forms:
        _NUMWORDS[_form] = (Decimal(str(_value)), _cls, False)
_KK_EXCLUDE = set(_LEX["numbers_kk_exclude"])
for _value, _cls, _stem in _LEX["numbers_kk"]:
    _NUMWORDS.setdefault(_stem, (Decimal(str(_value)), _cls, False))
    for _suf in _KK_SUFFIXES:
        if _stem + _suf not in _KK_EXCLUDE:
            _NUMWORDS.setdefault(_stem + _suf, (Decimal(str(_value)), _cls, True))

_SCALE_ENTRIES = [(Decimal(str(v)), f) for v, forms in _LEX["scales"] for f in forms]
_SCALE = _Alt(_SCALE_ENTRIES)
_SCALE_AFTER = _Alt(_SCALE_ENTRIES, prefix=_SP)
_SCALE_EXCLUDE = _plain(_LEX["scale_exclude"])
_SCALE_EXCLUDE_AFTER = _plain(_LEX["scale_exclude"], prefix=_SP)
_SCALE_VAGUE = {w.rstrip(".") for w in _LEX["scale_vague"]}
_HALF = _Alt((Decimal(str(v)), w) for w, v in _LEX["half_words"].items())
_DECIMAL_WORDS = set(_LEX["decimal_words"])
_DENOMINATORS = {w: Decimal(v) for w, v in _LEX["decimal_denominators"].items()}


def _scale_openers() -> set[str]:
    """Scale words that may open a number by themselves: "миллиард", "тысячу", "мың(нан)"."""
    out: set[str] = set()
    for _, form in _SCALE_ENTRIES:
        if form.endswith("*"):
            out.update(form[:-1] + e for e in _LEX["scale_implicit_endings"])
        elif form.endswith("~"):
            out.add(form[:-1])  # the Kazakh endings are added in _WORD_ANCHOR
        elif form[-1].isalpha():
            out.add(form)
    return out | _SCALE_VAGUE


# --- units, approximators, context ---------------------------------------------------------

_CUR_SYMBOLS = {sym.lower(): code for sym, code in _LEX["currency_symbols"].items()}
_CUR_SYM_RX = "|".join(sorted(map(re.escape, _CUR_SYMBOLS), key=len, reverse=True))
_CUR_PREFIX = re.compile(f"({_CUR_SYM_RX}){_SP}(?=\\d)")
_MODIFIERS = _trie_rx(_LEX["currency_modifiers"])
_UNIT = _Alt(
    [(code, f) for code, forms in _LEX["currencies"].items() for f in forms]
    + [("percent", f) for f in _LEX["percent"]],
    prefix=f"{_SP}(?:(?:{_MODIFIERS}){_SP1})?",
)
_CUR_TAIL = _plain(_LEX["currency_tails"], prefix=_SP1)
_PERCENT_HYPHEN = _plain(_LEX["percent_after_hyphen"], prefix=f"[{_DASH}]")
_HYPHEN_KK = re.compile(f"[{_DASH}](?:{_KK_SUF_RX})(?!\\w)")
_HYPHEN_WORD = re.compile(f"[{_DASH}]({_L}+)(?!\\w)")
_RU_NUMERAL_SUFFIXES = set(_LEX["ru_numeral_suffixes"])
_KK_SUFFIX_SET = set(_KK_SUFFIXES)


def _approx_before() -> tuple[re.Pattern[str], dict[str, tuple[str, frozenset[str]]]]:
    """Approximators before the number ("почти на", "более чем", "шамамен", "превысил").

    They are matched on the reversed text before the number: one anchored match instead of
    a search. Returns the pattern and {approximator: (approx, connectors it allows)}.
    """
    allowed = {a: frozenset(c) for a, c in _LEX["approx_connectors"].items()}
    words = {w: (a, allowed[a]) for w, a in _LEX["approx_before"].items()}
    words.update({w: (a, frozenset()) for w, a in _LEX["approx_before_verbs"].items()})
    connectors = {c for conns in allowed.values() for c in conns}
    rev = re.compile(
        f"{_SP1}(?:(?P<c>{_trie_rx(c[::-1] for c in connectors)}){_SP1})?"
        f"(?P<w>{_trie_rx(w[::-1] for w in words)})"
    )
    return rev, words


_APPROX_BEFORE, _APPROX_BEFORE_WORDS = _approx_before()
_APPROX_WINDOW = 48


def _approx_before_at(low: str, lead: int, pos: int) -> tuple[int, str] | None:
    """(start, approx) of an approximator ending right before the number at `lead`."""
    rev = low[max(pos, lead - _APPROX_WINDOW) : lead][::-1]
    m = _APPROX_BEFORE.match(rev)
    if m is None:
        return None
    approx, allowed = _APPROX_BEFORE_WORDS[" ".join(m.group("w")[::-1].split())]
    conn = m.group("c")
    if conn is not None and " ".join(conn[::-1].split()) not in allowed:
        return None  # "больше на 5%" is "bigger BY 5%", "превысил на" likewise
    return lead - m.end(), approx


_APPROACH = re.compile(
    f"(?<!\\w)(?:{'|'.join(_LEX['approach_before'])}){_SP1}к{_SP1}"
    f"(?:(?:{'|'.join(_LEX['approach_marks'])}){_SP1})?(?:в{_SP1})?$"
)
_APPROACH_WINDOW = 60


def _approaches(low: str, lead: int, pos: int) -> bool:
    """A verb of approach governs the number: "подходит к отметке в 28 млрд" is almost 28."""
    return _APPROACH.search(low, max(pos, lead - _APPROACH_WINDOW), lead) is not None


_APPROX_AFTER = _Alt((((a, case), w) for w, a, case in _LEX["approx_after"]), prefix=_SP1)
_CASE_ENDINGS = {case: tuple(ends) for case, ends in _LEX["case_endings"].items()}
_ABOUT_SUFFIXES = tuple(_LEX["approx_suffix_about"])

_TIME = _plain(_LEX["time_words"], prefix=_SP)
_COUNTED = _plain(_LEX["counted_nouns"], prefix=f"{_SP1}(?:{_L}+{_SP1})?")
_BEFORE_WORDS = frozenset(_LEX["before_words"])
_ORD = _LEX["ordinals"]
_ORDINAL = re.compile(
    f"{_SP1}(?:(?:"
    + _trie_rx(_ORD["ru_stems"], tails=False)
    + ")(?:"
    + "|".join(sorted(_ORD["ru_endings"], key=len, reverse=True))
    + ")|(?:"
    + _trie_rx([stem for _, _, stem in _LEX["numbers_kk"]] + _ORD["kk_stems"], tails=False)
    + ")(?:"
    + "|".join(sorted(_ORD["kk_endings"], key=len, reverse=True))
    + f")(?:{_KK_SUF_RX})?)(?!\\w)"
)


_SKIP_BEFORE = frozenset(_LEX["skip_before"])
_SKIP_GLUED = tuple(w for w in _LEX["skip_before"] if not w[0].isalnum())
_OPENING_PUNCT = "(\"'«„“"


def _word_before(low: str, pos: int) -> str:
    """The whitespace-delimited word that ends right before `pos` ("" at the start)."""
    before = low[max(0, pos - 16) : pos].rstrip()
    return before.rsplit(None, 1)[-1].lstrip(_OPENING_PUNCT) if before else ""


# --- digits ---------------------------------------------------------------------------------

_NUM_RX = (
    r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?(?!\d)"  # 1.844.036.360,12
    r"|\d{1,3}(?:\.\d{3})+,\d+"  # 1.844,5
    r"|\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?(?!\d)"  # 1,200,000.50
    rf"|\d{{1,3}}(?:{_GROUP_SEP}\d{{3}})+(?:,\d+)?(?!\d)"  # 1 200 000 / 12 500
    r"|\d+(?:[.,]\d+)?"
)
_NUM = re.compile(_NUM_RX)
_COMPOUND = re.compile(f"{_SP1}({_NUM_RX})")
# Things made of digits that are never figures: dates, times, phone numbers.
_MASK = re.compile(
    r"\d{1,2}([./])\d{1,2}\1\d{2,4}(?!\d)"  # 03.02.2023
    r"|(?:0?[1-9]|1[0-2])\.(?:19|20)\d\d(?![\d,])"  # 02.2023
    r"|\d{4}-\d\d-\d\d(?!\d)"  # 2023-02-03
    r"|\d{1,2}:\d\d(?::\d\d)?(?!\d)"  # 9:09
    r"|\+\d{1,3}[\s-]?\(?\d{3,5}\)?[\s-]?\d{2,3}[\s-]?\d\d[\s-]?\d\d(?!\d)"  # +7 727 123 45 67
    r"|\d[\s-]?\(\d{3,5}\)[\s-]?\d{2,3}[\s-]?\d\d[\s-]?\d\d(?!\d)"  # 8 (727) 123-45-67
    r"|8[\s-]\d{3}[\s-]\d{3}[\s-]\d\d[\s-]\d\d(?!\d)"  # 8 701 123 45 67
    r"|(?:\d{1,3}-)?(?:\d{3,4}-)?\d{2,3}-\d\d-\d\d(?!\d)"  # 123-45-67
)
_MASK_SEPARATORS = frozenset("./:-(")
_RANGE = re.compile(f"{_SP}[{_DASH}]{_SP}(?:({_CUR_SYM_RX}){_SP})?(?=\\d)")
_WORD_RANGE = re.compile(f"{_SP}[{_DASH}]{_SP}(?={_L})")
_PLAIN_YEAR = re.compile(r"(?:19|20)\d\d")
_SENTENCE_END = re.compile(r"\s*(?:$|[^\w\s]*[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])")
_LIST_MARK = re.compile(r"[.)][^\S\n]")
_WORD = re.compile(f"{_L}+")
_JUST_SPACE = re.compile(_SP1)
_GLUED_TAIL = re.compile(r"[\w\-]*")
_DIGIT_RUN = re.compile(r"\d*")
_SPACES = re.compile(r"\s")

# --- where a figure may begin ---------------------------------------------------------------

# Two searches instead of one: a plain character class lets the regex engine skip ahead fast.
_DIGIT_ANCHOR = re.compile("[0-9" + "".join(s for s in _CUR_SYMBOLS if len(s) == 1) + "]")
# Kazakh endings are matched as a shared tail rather than listed per stem: 20x smaller regex.
_WORD_ANCHOR = re.compile(
    r"\b(?:"
    + _trie_rx(
        {w for w, (_, _, inflected) in _NUMWORDS.items() if not inflected} | _scale_openers(),
        tails=False,
    )
    + f")(?:{_trie_rx(_KK_SUFFIXES, tails=False)})?(?!\\w)"
)

_ZERO = Decimal(0)
_ONE = Decimal(1)


def _to_decimal(s: str) -> Decimal:
    """'1.844.036.360,12' -> 1844036360.12; '1 200 000' -> 1200000; '18,5' -> 18.5."""
    if s.isdigit():
        return Decimal(s)
    if s.count(",") == 1 and "." not in s and not _SPACES.search(s):  # "0\u00a0000,5" too
        return Decimal(s.replace(",", "."))
    s = _SPACES.sub("", s)
    if s.count(".") > 1 or ("." in s and "," in s and s.index(".") < s.index(",")):
        s = s.replace(".", "").replace(",", ".")
    elif s.count(",") > 1 or ("," in s and "." in s):
        s = s.replace(",", "")
    else:
        s = s.replace(",", ".")
    return Decimal(s)


def _is_year(value: Decimal) -> bool:
    return 1900 <= value <= 2099 and value == value.to_integral_value()


def _has_case(low: str, end: int, case: str | None) -> bool:
    """Does the word ending at `end` carry the Kazakh case the approximator needs?"""
    return case is None or low[max(0, end - 4) : end].endswith(_CASE_ENDINGS[case])


def _match_scale(low: str, pos: int, *, after: bool) -> tuple[Decimal, re.Match[str]] | None:
    """A scale word at `pos` ("млрд", "миллиардов", "мыңға"), but not "миллионер"."""
    hit = (_SCALE_AFTER if after else _SCALE).match(low, pos)
    if hit is not None and (_SCALE_EXCLUDE_AFTER if after else _SCALE_EXCLUDE).match(low, pos):
        return None
    return hit  # type: ignore[return-value]


# --- numbers in words -----------------------------------------------------------------------


class _Words:
    """A number written in words as parsed; the caller decides whether it is a figure."""

    __slots__ = ("end", "implicit", "inflected", "ntok", "top_scale", "value")

    def __init__(self) -> None:
        self.value = _ZERO
        self.end = -1
        self.ntok = 0
        self.top_scale: Decimal | None = None
        self.implicit = False  # began with a bare scale word: "миллиард долларов" = 1e9
        self.inflected = False  # the last word carries a Kazakh case ending: nothing follows


def _parse_fraction(low: str, pos: int) -> tuple[Decimal, int, bool] | None:
    """After "бүтін": "[оннан] жеті" -> 0.7 (the denominator may be left out)."""
    sp = _JUST_SPACE.match(low, pos)
    if sp is None:
        return None
    pos = sp.end()
    denom = None
    wm = _WORD.match(low, pos)
    if wm is not None and wm.group() in _DENOMINATORS:
        denom = _DENOMINATORS[wm.group()]
        sp = _JUST_SPACE.match(low, wm.end())
        if sp is None:
            return None
        pos = sp.end()
    sub = _parse_words(low, pos, scales=False, implicit=False)
    if sub is None or sub.value != sub.value.to_integral_value():
        return None
    if denom is None:
        denom = Decimal(10) ** len(str(int(sub.value)))
    return sub.value / denom, sub.end, sub.inflected


def _parse_words(
    low: str, pos: int, *, scales: bool = True, implicit: bool = True, vague: bool = False
) -> _Words | None:
    """Read "двести пятьдесят тысяч", "бес жүз бес мың", "бір бүтін оннан жеті миллиард".

    A small state machine keeps the words in a valid order (hundreds, tens, units, then a
    smaller scale), so "екі тоқсан" (two quarters) stops after "екі".
    """
    res = _Words()
    total = group = _ZERO
    last: str | None = None  # class of the last word below the current scale
    closed = False  # after "жарым" / "бүтін ...": only a scale may follow
    prev_scale: Decimal | None = None
    while True:
        wm = _WORD.match(low, pos)
        if wm is None:
            break
        word = wm.group()
        ent = _NUMWORDS.get(word)
        if ent is not None:
            val, cls, inflected = ent
            tok_end = wm.end()
        elif scales and (hit := _match_scale(low, pos, after=False)) is not None:
            val, cls, inflected, tok_end = hit[0], "scale", False, hit[1].end()
        elif last is not None and not closed and (half := _HALF.match(low, pos)) is not None:
            val, cls, inflected, tok_end = half[0], "half", False, half[1].end()  # type: ignore[assignment]
        elif last is not None and not closed and word in _DECIMAL_WORDS:
            frac = _parse_fraction(low, wm.end())
            if frac is None:
                break
            val, tok_end, inflected = frac
            cls = "frac"
        else:
            break

        if cls == "scale":
            if prev_scale is not None and val >= prev_scale:
                break
            if res.ntok == 0:
                if not implicit or (word in _SCALE_VAGUE and not vague):
                    return None  # "миллиарды долларов" (billions), unless "более тысячи"
                res.implicit = True
            elif last is None and not closed:
                break  # "миллион тысяча": two scales with nothing between
            total += (group or _ONE) * val
            group = _ZERO
            last, closed, prev_scale = None, False, val
            if res.top_scale is None:
                res.top_scale = val
        elif cls in ("half", "frac"):
            group += val
            closed = True
        elif closed:
            break
        elif cls == "unit":
            if last not in (None, "ten", "hundred"):
                break
            group += val
            last = "unit"
        elif cls in ("teen", "ten"):
            if last not in (None, "hundred"):
                break
            group += val
            last = cls
        elif cls == "hundred":
            if last is not None:
                break
            group += val
            last = "hundred"
        else:  # "hundred_mult": Kazakh "жүз" multiplies the unit before it
            if last not in (None, "unit") or group >= 10:
                break
            group = (group or _ONE) * val
            last = "hundred"

        res.ntok += 1
        res.end = tok_end
        if inflected:
            res.inflected = True
            break
        sp = _JUST_SPACE.match(low, tok_end)
        if sp is None:
            break
        pos = sp.end()
    if res.ntok == 0:
        return None
    res.value = total + group
    return res


# --- what stands after the number -----------------------------------------------------------


def _tail(
    low: str, e: int, unit: str | None, approx: str, *, locked: bool
) -> tuple[int, str | None, str]:
    """Unit and trailing approximator: "... долларды", "... %-ға", "... мыңға жуық"."""
    if unit is None and not locked:
        hit = _UNIT.match(low, e)
        if hit is not None:
            unit, m = hit  # type: ignore[assignment]
            e = m.end()
            if unit == "USD" and (t := _CUR_TAIL.match(low, e)):
                e = t.end()
            if hk := _HYPHEN_KK.match(low, e):
                e = hk.end()
    after = _APPROX_AFTER.match(low, e)
    if after is not None:
        (a, case), m = after  # type: ignore[misc]
        if _has_case(low, e, case):
            if approx == "exact":
                approx = a
            e = m.end()
            if unit is None and not locked and (hit := _UNIT.match(low, e)):
                unit, e = hit[0], hit[1].end()  # type: ignore[assignment]  # "20 с лишним процентов"
    elif (
        approx == "exact"
        and low[e - 1 : e].isalpha()
        and low[max(0, e - 4) : e].endswith(_ABOUT_SUFFIXES)
    ):
        approx = "about"  # Kazakh similative "-дай": "мыңдай", "теңгедей"
    return e, unit, approx


def _quantity(
    text: str,
    start: int,
    end: int,
    value: Decimal,
    vmax: Decimal | None,
    unit: str | None,
    approx: str,
    in_words: bool,
) -> Quantity:
    if text[end - 1] == "." and _SENTENCE_END.match(text, end):
        end -= 1  # "... почти на $1 млрд. Дополнительно": that dot ends the sentence
    # positional: a frozen dataclass is slow to build and this runs for every figure
    return Quantity(
        float(value),
        unit,
        approx,
        start,
        end,
        text[start:end],
        None if vmax is None else float(vmax),
        in_words,
    )


def _digits(
    text: str,
    low: str,
    p: int,
    lead: int,
    start: int,
    approx: str,
    unit: str | None,
    before: str,
) -> tuple[Quantity | None, int]:
    """A number in digits at `p`; `lead` is where it begins with its currency sign.

    `before` is the word before `lead`: "№", "ст." make the number a label.
    """
    mp = p - 1 if p and low[p - 1] == "+" else p
    # Dates, times and phone numbers put a separator after 1-5 digits, or start with "+"/"8 ".
    run = _DIGIT_RUN.match(low, p).end()  # type: ignore[union-attr]
    if (mp < p or low[run : run + 1] in _MASK_SEPARATORS or low[p : p + 2] == "8 ") and (
        mm := _MASK.match(low, mp)
    ):
        return None, mm.end()
    m = _NUM.match(low, p)
    if m is None:  # a digit outside ASCII that the anchor let through
        return None, p + 1
    numtxt, e = m.group(), m.end()
    prev = low[lead - 1] if lead else ""
    if (
        prev.isalpha()
        or (prev and prev in "_/")
        or (prev in _DASHES and lead >= 2 and low[lead - 2].isalpha())
        or (low[e : e + 1] == "/" and low[e + 1 : e + 2].isdigit())
    ):
        # glued to a name or a code: "Су-30", "COVID-19", "A320", "24/7"
        return None, _GLUED_TAIL.match(low, e).end()  # type: ignore[union-attr]
    if before in _SKIP_BEFORE or before.endswith(_SKIP_GLUED):
        return None, e  # "№5", "№ 5", "ст. 15"
    if (lead == 0 or low[lead - 1] == "\n") and numtxt.isdigit() and _LIST_MARK.match(low, e):
        return None, e + 1  # "1. ..." at the start of a line

    value, vmax = _to_decimal(numtxt), None
    if r := _RANGE.match(low, e):
        m2 = _NUM.match(low, r.end())
        v2 = _to_decimal(m2.group()) if m2 else value
        if m2 and v2 > value:
            vmax, e = v2, m2.end()
            if unit is None and r.group(1):
                unit = _CUR_SYMBOLS[r.group(1)]
    if low[e : e + 1].isalpha() and not (
        _match_scale(low, e, after=True) or _UNIT.match(low, e) or _TIME.match(low, e)
    ):
        return None, _GLUED_TAIL.match(low, e).end()  # type: ignore[union-attr]  # "5G", "3D"

    locked = False  # a Kazakh case ending closes the number: only an approximator may follow
    if h := _HYPHEN_WORD.match(low, e):
        suffix = h.group(1)
        if suffix in _KK_SUFFIX_SET:
            locked, e = True, h.end()
        elif suffix in _RU_NUMERAL_SUFFIXES:
            e = h.end()
        elif pm := _PERCENT_HYPHEN.match(low, e):
            unit, locked, e = "percent", True, pm.end()
        else:
            return None, h.end()  # ordinal or compound: "5-й", "2018-ші", "30-летие"
    if _TIME.match(low, e):
        return None, e

    has_scale = False
    if not locked and (sc := _match_scale(low, e, after=True)):
        scale, sm = sc
        e, has_scale = sm.end(), True
        value *= scale
        if vmax is not None:
            vmax *= scale
        else:
            # "1 млн 200 тыс.": a smaller scale may follow; "$9 млрд 29 жоба" is two numbers
            while (cm := _COMPOUND.match(low, e)) and (
                sc2 := _match_scale(low, cm.end(), after=True)
            ):
                part = _to_decimal(cm.group(1))
                if sc2[0] >= scale or part >= 1000:
                    break
                value += part * sc2[0]
                scale, e = sc2[0], sc2[1].end()
        if hk := _HYPHEN_KK.match(low, e):
            locked, e = True, hk.end()

    e, unit, approx = _tail(low, e, unit, approx, locked=locked)
    if unit is None and not has_scale and _TIME.match(low, e):
        return None, e  # "30-ға жуық жылды", "10 шақты жыл"
    if (
        not has_scale
        and unit is None
        and approx == "exact"
        and _PLAIN_YEAR.fullmatch(numtxt)
        and (vmax is None or _is_year(vmax))
        and not _COUNTED.match(low, e)
    ):
        return None, e  # a bare year: "с 2018 по 2020", "©2025"
    return _quantity(text, start, e, value, vmax, unit, approx, False), e


def _words(text: str, low: str, p: int, start: int, approx: str) -> tuple[Quantity | None, int]:
    """A number in words at `p`, kept only when a scale, unit or counted noun follows."""
    w = _parse_words(low, p, vague=approx != "exact")
    if w is None:
        wm = _WORD.match(low, p)
        return None, wm.end() if wm else p + 1
    value, vmax, e = w.value, None, w.end
    has_scale = w.top_scale is not None
    if not w.inflected and (r := _WORD_RANGE.match(low, e)):
        w2 = _parse_words(low, r.end(), implicit=False)
        if w2 is not None and w2.value > value:
            if w2.top_scale is not None and not has_scale and value * w2.top_scale < w2.value:
                value *= w2.top_scale  # "шесть-семь миллиардов"
                has_scale = True
            vmax, e, w.inflected = w2.value, w2.end, w2.inflected
    if _TIME.match(low, e) or _ORDINAL.match(low, e):
        return None, e  # "екі жыл", "три года", "екі мың он алтыншы жылы"
    locked = w.inflected
    if not locked and (hk := _HYPHEN_KK.match(low, e)):
        locked, e = True, hk.end()
    end, unit, approx = _tail(low, e, None, approx, locked=locked)
    if unit is None:
        counted = _COUNTED.match(low, end) is not None
        if _TIME.match(low, end):
            ok = False  # "отызға жуық жылды"
        elif approx == "exact" and not counted and _is_year(value):
            ok = False  # "екі мың он жетіде" (in 2017)
        elif approx != "exact":
            ok = True  # "жүзден астам", "сексенге жуық", "более двухсот"
        elif w.implicit:
            ok = counted  # "тысяча рабочих мест", not "мың алғыс"
        elif has_scale:
            ok = True
        else:
            # "один"/"бір" alone is an article ("одна из", "бір жоба") unless a unit follows
            ok = counted and not (w.ntok == 1 and value == 1)
        if not ok:
            return None, e
    return _quantity(text, start, end, value, vmax, unit, approx, True), end


def _number_at(text: str, low: str, p: int, start: int, approx: str) -> tuple[Quantity | None, int]:
    """Read the figure that begins at `p` (currency sign, digits or number word)."""
    unit = None
    q = p
    if cm := _CUR_PREFIX.match(low, p):
        unit, q = _CUR_SYMBOLS[cm.group(1)], cm.end()
    before = _word_before(low, p)
    if low[q : q + 1].isdigit():
        found, nxt = _digits(text, low, q, p, start, approx, unit, before)
    elif unit is None and _WORD.match(low, q):
        found, nxt = _words(text, low, q, start, approx)
    else:
        return None, p + 1
    if found is not None and before in _BEFORE_WORDS:
        return None, nxt  # a day of the month or a clock time: "сәуірдің 29-ы", "сағат 7-ден"
    return found, nxt


def _lower(text: str) -> str:
    """Lower-case without moving offsets (a few characters, like "İ", grow when lowered)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


_FRACTION = [(re.compile(rf"(?<!\w)(?:{p})(?!\w)"), v) for p, v in _LEX["fractions"].items()]


def find_fractions(text: str) -> list[Quantity]:
    """Fractions in words, as percentages: "почти пятая часть" is almost 20 %. They are not
    in `find_quantities`: "две трети проектов" is a vague quantity until a share is named."""
    low = _lower(text)
    out = []
    for rx, value in _FRACTION:
        for m in rx.finditer(low):
            start, approx = m.start(), "exact"
            if hit := _approx_before_at(low, m.start(), 0):
                start, approx = hit
            out.append(Quantity(float(value), "percent", approx, start, m.end(),
                                text[start:m.end()], None, True))
    return out


def find_quantities(text: str) -> list[Quantity]:
    """All numbers in `text` carrying a figure, in order, non-overlapping.

    Dates, times, years, durations ("17 жылда"), ordinals, codes ("Су-30", "№5") and phone
    numbers are left out; a figure's span covers its approximator, scale, unit and case ending.
    """
    low = _lower(text)
    out: list[Quantity] = []
    pos = 0
    dm = _DIGIT_ANCHOR.search(low)
    wm = _WORD_ANCHOR.search(low)
    while dm is not None or wm is not None:
        if dm is not None and wm is not None:
            m = dm if dm.start() <= wm.start() else wm
        else:
            m = dm or wm
        s = m.start()  # type: ignore[union-attr]
        if m is dm and s and low[s - 1].isdigit():
            nxt = _DIGIT_RUN.match(low, s).end()  # type: ignore[union-attr]
        else:
            lead = s
            if m is dm and low[s] == "$" and low[max(0, s - 2) : s] == "us":
                lead = s - 2  # "US$"
            start, approx = lead, "exact"
            if hit := _approx_before_at(low, lead, pos):
                start, approx = hit
            elif _approaches(low, lead, pos):
                approx = "almost"
            q, nxt = _number_at(text, low, lead, start, approx)
            if q is not None and math.isfinite(q.value) and math.isfinite(q.value_max or 0):
                out.append(q)  # a run of 400 digits is no figure, and infinity no value
        pos = max(nxt, s + 1)
        if dm is not None and dm.start() < pos:
            dm = _DIGIT_ANCHOR.search(low, pos)
        if wm is not None and wm.start() < pos:
            wm = _WORD_ANCHOR.search(low, pos)
    return out
