"""A document's cleaned text as HTML with its sentences, figures, names and meetings marked.

Built server-side from escaped pieces: every character of the article passes through
`markupsafe.escape`, and so does every attribute value, so an article that carries
`<script>` shows it as text. Marks may overlap (a name inside a figure's sentence, a meeting
trigger next to a name); the text is cut at every mark boundary and each piece is wrapped in
the marks that cover it, outermost first. A mark cut in two keeps its id on the first piece.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from markupsafe import Markup, escape

# outer before inner when two marks cover the same characters
_RANK = {"sentence": 0, "event": 1, "fact": 2, "mention": 3}


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str  # sentence | event | fact | mention
    id: str | None = None
    classes: str = ""
    title: str | None = None
    record: dict | None = None
    data: tuple[tuple[str, str], ...] = ()

    def open_tag(self, first: bool) -> str:
        classes = " ".join(x for x in ("mark", "mark-" + self.kind, self.classes) if x)
        attrs = [f'class="{escape(classes)}"']
        if first and self.id:
            attrs.append(f'id="{escape(self.id)}"')
        attrs.append(f'data-kind="{escape(self.kind)}"')
        if self.id:
            attrs.append(f'data-ref="{escape(self.id)}"')
        for k, v in self.data:
            attrs.append(f'data-{escape(k)}="{escape(v)}"')
        if self.title:
            attrs.append(f'title="{escape(self.title)}"')
        if self.record is not None:
            attrs.append(f'data-record="{escape(json.dumps(self.record, ensure_ascii=False))}"')
        if self.record is not None:  # focusable, so a keyboard can open its record
            attrs.append('tabindex="0"')
        return "<span " + " ".join(attrs) + ">"


def render(text: str, marks: list[Mark]) -> Markup:
    """`text` as HTML with `marks` (offsets into `text`) as nested spans."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    order = sorted(range(len(marks)),
                   key=lambda i: (marks[i].start, -marks[i].end, _RANK.get(marks[i].kind, 9)))
    rank = {i: n for n, i in enumerate(order)}
    cuts = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    out: list[str] = []
    stack: list[int] = []  # indices of open marks, outermost first
    opened: set[int] = set()
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = sorted((i for i, m in enumerate(marks) if m.start <= a and b <= m.end),
                        key=rank.__getitem__)
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] == active[keep]:
            keep += 1
        out.append("</span>" * (len(stack) - keep))
        del stack[keep:]
        for i in active[keep:]:
            out.append(marks[i].open_tag(first=i not in opened))
            opened.add(i)
            stack.append(i)
        out.append(str(escape(text[a:b])))
    out.append("</span>" * len(stack))
    return Markup("".join(out))
