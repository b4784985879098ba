"""When two reported values are the same figure: rounding and approximation as ranges.

"$18,5 млрд" stands for anything that rounds to 18.5 bn (18.45–18.55); "почти 20" for a little
under 20; "более 3,2" for a little over. Two values agree when their ranges meet, so 18.5 and
18.55 agree and 18.5 and 19.1 conflict; nothing is ever averaged.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# how far a qualifier reaches: "почти 20" is taken as 18..20, "более 3,2" as 3.2..3.52
APPROX_REACH = {"almost": (-0.10, 0.0), "about": (-0.10, 0.10), "over": (0.0, 0.10),
                "under": (-0.10, 0.0), "exact": (0.0, 0.0)}
_DIGITS = re.compile(r"\d+(?:[ \u00a0\u2009.]\d{3})*(?:[.,]\d+)?")


@dataclass(frozen=True, slots=True)
class Range:
    low: float
    high: float

    def meets(self, other: Range) -> bool:
        return self.low <= other.high and other.low <= self.high


def step(value: float, surface: str | None) -> float:
    """Half the last written digit's unit, scaled like the value ("18,5 млрд" -> 0.05e9)."""
    if value == 0:
        return 0.0
    if surface:
        m = _DIGITS.search(surface)
        if m:
            digits = m.group()
            written = float(re.sub(r"[ \u00a0\u2009]", "", digits).replace(",", ".")
                            if digits.count(",") <= 1 and digits.count(".") <= 1
                            else re.sub(r"\D", "", digits))
            decimals = len(re.split(r"[.,]", digits)[-1]) if re.search(r"[.,]\d+$", digits) \
                and not re.search(r"[.,]\d{3}$", digits) else 0
            if written:
                scale = value / written
                return 0.5 * 10 ** (-decimals) * abs(scale)
    # no surface: assume three significant digits
    magnitude = 10 ** (math.floor(math.log10(abs(value))) - 2)
    return 0.5 * magnitude


def value_range(value: float, approx: str, surface: str | None = None) -> Range:
    half = step(value, surface)
    lo_reach, hi_reach = APPROX_REACH.get(approx, (0.0, 0.0))
    # "более 20" is above 20 and "почти 20" below it, whatever the rounding
    low = value if approx == "over" else value - half + lo_reach * abs(value)
    high = value if approx in ("almost", "under") else value + half + hi_reach * abs(value)
    return Range(min(low, high), max(low, high))


def agree(a: Range, b: Range) -> bool:
    return a.meets(b)
