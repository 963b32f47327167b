"""Splitting a Chinese policy document's text into its numbered clauses. Pure Python, no Django.

Two layouts occur in the seeds (see docs/decisions/0901):

* ``numbered`` — chapters ``一、…`` grouping articles numbered ``1.`` … ``14.`` straight through
  (京发改规〔2026〕1号, the 怀柔 draft). Each article is a clause labelled ``第N条``, the way the
  policy engine cites them; the chapter is kept as the clause's heading. A closing paragraph that
  starts with ``本措施/本方案/…`` after the last article becomes the clause ``末段``.
* ``outline`` — ``一、`` > ``(一)`` > ``1.`` (中山科发〔2025〕73号, 嘉经信技装〔2025〕47号, the
  interpretation). Clauses are the leaves of the outline, labelled by their path the way the
  engine cites them: ``一``, ``五（二）``, ``二（一）6``.

Text before the first marker is the preamble (the notice that issues the document).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CHINESE_NUMERALS = "一二三四五六七八九十"
_CHAPTER = re.compile(rf"^([{CHINESE_NUMERALS}]+)、\s*(.*)$")
_SECTION = re.compile(rf"^[（(]([{CHINESE_NUMERALS}]+)[)）]\s*(.*)$")
_ITEM = re.compile(r"^(\d{1,2})[\.．、]\s*(?!\d)(.*)$")
_CLOSING = re.compile(r"^本(措施|方案|实施方案|意见|实施意见|办法|通知)")

LAYOUTS = ("numbered", "outline")


@dataclass
class Clause:
    label: str  # how citations name it: 第1条, 二（一）6, 五（二）, 一, 末段
    heading: str  # the enclosing chapter / section titles, e.g. "一、围绕首都现代化产业体系布局中试平台"
    title: str  # the clause's own title: its first sentence or its marker line
    text: str  # the clause's full text, marker line included, paragraphs separated by blank lines
    lines: list[str] = field(default_factory=list, repr=False)


@dataclass
class ParsedDocument:
    preamble: str
    clauses: list[Clause]


def _first_sentence(text: str) -> str:
    match = re.match(r"^(.{1,80}?[。；;])", text)
    return (match.group(1) if match else text[:80]).rstrip("。；;")


def _paragraphs(raw: str) -> list[str]:
    return [line.strip() for line in raw.replace("\r\n", "\n").split("\n") if line.strip()]


def parse_policy_text(raw: str, *, layout: str) -> ParsedDocument:
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {LAYOUTS}")
    if layout == "numbered":
        return _parse_numbered(_paragraphs(raw))
    return _parse_outline(_paragraphs(raw))


def _finish(clauses: list[Clause]) -> list[Clause]:
    for clause in clauses:
        clause.text = "\n\n".join(clause.lines)
    return clauses


def _parse_numbered(lines: list[str]) -> ParsedDocument:
    preamble: list[str] = []
    clauses: list[Clause] = []
    chapter = ""
    expected = 1
    current: Clause | None = None
    for line in lines:
        chapter_match = _CHAPTER.match(line)
        item_match = _ITEM.match(line)
        if chapter_match:
            chapter = line
            current = None
            continue
        if item_match and int(item_match.group(1)) == expected:
            # Only the next number in sequence opens an article: "2030年" or a stray "3." inside
            # an article's text does not.
            expected += 1
            current = Clause(label=f"第{item_match.group(1)}条", heading=chapter,
                             title=_first_sentence(item_match.group(2)), text="", lines=[line])
            clauses.append(current)
            continue
        if clauses and _CLOSING.match(line):
            current = Clause(label="末段", heading="", title=_first_sentence(line), text="", lines=[line])
            clauses.append(current)
            continue
        if current is not None:
            current.lines.append(line)
        elif not clauses and not chapter:
            preamble.append(line)
        # A chapter's own introductory paragraph (between "一、…" and "1.") belongs to no article.
    return ParsedDocument(preamble="\n\n".join(preamble), clauses=_finish(clauses))


def _parse_outline(lines: list[str]) -> ParsedDocument:
    preamble: list[str] = []
    clauses: list[Clause] = []
    chapter_label = chapter_title = section_label = section_title = ""
    current: Clause | None = None
    # Leaves are known only once the next marker is seen: a chapter followed directly by its
    # sections is a heading, not a clause; one with an introductory paragraph keeps that paragraph
    # as its own clause (citable as "二"), so no text is lost.
    for line in lines:
        chapter_match = _CHAPTER.match(line)
        section_match = _SECTION.match(line)
        item_match = _ITEM.match(line)
        if chapter_match:
            chapter_label, chapter_title = chapter_match.group(1), line
            section_label = section_title = ""
            current = Clause(label=chapter_label, heading="", title=chapter_match.group(2).rstrip("。"),
                             text="", lines=[line])
            clauses.append(current)
            continue
        if section_match and chapter_label:
            if current is not None and current.label == chapter_label and len(current.lines) == 1:
                clauses.remove(current)  # the chapter has sections: it is a heading, not a leaf
            section_label = f"{chapter_label}（{section_match.group(1)}）"
            section_title = line
            current = Clause(label=section_label, heading=chapter_title,
                             title=section_match.group(2).rstrip("。"), text="", lines=[line])
            clauses.append(current)
            continue
        if item_match and section_label:
            if current is not None and current.label == section_label and len(current.lines) == 1:
                clauses.remove(current)  # the section has numbered items: they are the leaves
            current = Clause(label=f"{section_label}{item_match.group(1)}",
                             heading=f"{chapter_title} {section_title}".strip(),
                             title=_first_sentence(item_match.group(2)), text="", lines=[line])
            clauses.append(current)
            continue
        if current is not None:
            current.lines.append(line)
        else:
            preamble.append(line)
    return ParsedDocument(preamble="\n\n".join(preamble), clauses=_finish(clauses))
