"""Paragraph spans of a plain text: pure functions over the text, returning offsets.

Three layouts are recognised:

* blank-line separated blocks (English books hard-wrapped at ~70 columns): the lines of a
  block are one paragraph, unless most lines that are followed by another line in their
  block end a sentence (a one-paragraph-per-line file that also has a few blank lines, such
  as a title followed by a blank line);
* no blank lines, one paragraph per line (Chinese novels, often indented with ``　　``);
  if some lines are indented and others are not, an unindented line that follows a line
  ending mid-sentence continues it (a wrapped paragraph);
* Markdown headings (``# Title``) and lines indented with full-width spaces always open a
  paragraph of their own.
"""

from __future__ import annotations

import itertools
import re

# A line trimmed of surrounding whitespace: from its first to its last visible character.
_TRIMMED_LINE = re.compile(r"\S(?:[^\n]*\S)?")
_HEADING = re.compile(r"#{1,6}(?:\s|$)")
_ANY_HEADING = re.compile(r"(?m)^[^\S\n]*#{1,6}(?:[^\S\n]|$)")
# A sentence-final mark (with closing quotes) at the end of a line: the line ends a paragraph.
_ENDS_SENTENCE = re.compile(r"[.!?。！？…:：][\"'”’)）」』》\]]*$")
# The same without colons: a label line "Share:" does not make a file one-paragraph-per-line.
_ENDS_SENTENCE_STRICT = re.compile(r"[.!?。！？…][\"'”’)）」』》\]]*$")
_INDENT = ("\u3000", "  ", "\t")


def line_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of every non-blank line, trimmed: the ``presplit`` layout (one segment a line)."""
    return [m.span() for m in _TRIMMED_LINE.finditer(text)]


def _indent(text: str, start: int) -> str:
    """The whitespace between the beginning of the line and its first visible character."""
    return text[text.rfind("\n", 0, start) + 1 : start]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of the paragraphs of ``text``, trimmed of surrounding whitespace.

    Every non-whitespace character of ``text`` falls in exactly one span, in order.
    """
    lines = line_spans(text)
    if len(lines) < 2:
        return lines
    blank_after = [text.count("\n", e, s2) >= 2 for (_, e), (s2, _) in itertools.pairwise(lines)]
    blank_mode = any(blank_after)
    has_headings = _ANY_HEADING.search(text) is not None
    indents = [_indent(text, s) for s, _ in lines]
    indented = [i.startswith(_INDENT) or (len(i) >= 2 and "\u3000" in i) for i in indents]
    mixed_indent = not blank_mode and any(indented) and not all(indented)
    if blank_mode:
        inner = [k for k in range(len(lines) - 1) if not blank_after[k]]
        ending = sum(1 for k in inner if _ENDS_SENTENCE_STRICT.search(text, *lines[k]))
        if len(inner) >= 2 and ending >= 0.6 * len(inner):
            blank_mode = False
    if not blank_mode and not mixed_indent and not has_headings:
        return lines

    spans: list[tuple[int, int]] = []
    start, end = lines[0]
    prev_heading = has_headings and _HEADING.match(text, start) is not None
    for k in range(1, len(lines)):
        s, e = lines[k]
        heading = has_headings and _HEADING.match(text, s) is not None
        if blank_after[k - 1] or heading or prev_heading:
            new = True
        elif blank_mode:
            # Inside a blank-line block lines are wrapped text, unless a line is indented with
            # the full-width spaces that open Chinese paragraphs.
            new = "\u3000" in indents[k]
        elif mixed_indent:
            new = indented[k] or _ENDS_SENTENCE.search(text, start, end) is not None
        else:
            new = True
        if new:
            spans.append((start, end))
            start = s
        end = e
        prev_heading = heading
    spans.append((start, end))
    return spans
