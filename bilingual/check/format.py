"""Format and punctuation checks: the exact, cheap tests every reviewer expects of a QA tool.

Each test compares the two sides of a pair (or looks at one side) and yields a
:class:`FormatIssue` with the offending character range, so the report can point at it:

- ``format_mismatch``: placeholders (``{0}``, ``{{name}}``, ``%s``, ``%1$d``, ``%(n)s``,
  ``${x}``), inline tags (``<b>``, ``</b>``, ``<br/>``), character entities (``&nbsp;``), URLs
  and e-mail addresses that one side has and the other lacks;
- ``punctuation_mismatch``: brackets and quotes (Western and Chinese) left open on one side
  only, a different sentence-final mark (question/exclamation/full stop ...), full-width
  punctuation on the English side and half-width punctuation after Chinese text;
- ``typography``: double spaces, a word repeated by mistake, and leading/trailing whitespace
  that differs between the sides.

Brackets and quotes are compared by their *balance* (opened minus closed) rather than
checked alone, so a quotation that spans several sentences on both sides stays quiet.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from bilingual.check.context import CheckContext, finding, is_cjk, joiner, short
from bilingual.lang.script import HAN_CLASS
from bilingual.model import Evidence, Finding, FindingKind, Severity, Span

__all__ = ["FormatIssue", "compare_format", "format_checks"]

_HAN = HAN_CLASS

PLACEHOLDER = re.compile(
    r"\{\{\s*[\w.\-]+\s*\}\}"  # {{name}} (mustache / jinja)
    r"|\$\{[\w.\-]+\}"  # ${name}
    r"|\{[\w.\-]*(?::[^{}]*)?\}"  # {0}, {name}, {0:.2f}, {}
    r"|%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?[sdifuxXeEgGc@]"  # printf: %s %d %1$s %.2f %@
    r"|%\([\w]+\)[sdif]"  # python %(name)s
)
TAG = re.compile(r"</?[A-Za-z][\w:\-]*(?:\s+[^<>]*?)?\s*/?>")
ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#x[0-9A-Fa-f]{1,6});")
_URL_CHAR = rf"[^\s<>\"“”'，。；：？！（）【】、{_HAN}]"
URL = re.compile(rf"(?:https?|ftp)://{_URL_CHAR}+|www\.{_URL_CHAR}+")
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_URL_TRAIL = ".,;:!?)]}'\""

# bracket and quote classes: (name, openers, closers); straight double quotes toggle
_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("round bracket", "(（", ")）"),
    ("square bracket", "[【〔［", "]】〕］"),
    ("curly bracket", "{｛", "}｝"),
    ("title mark", "《〈", "》〉"),
    ("double quote", "“「", "”」"),
    ("corner quote", "『", "』"),
)

_FINAL_CLASS = {
    ".": "full stop",
    "。": "full stop",
    "．": "full stop",
    "?": "question mark",
    "？": "question mark",
    "!": "exclamation mark",
    "！": "exclamation mark",
    ":": "colon",
    "：": "colon",
    ";": "semicolon",
    "；": "semicolon",
    ",": "comma",
    "，": "comma",
    "、": "comma",
    "…": "ellipsis",
}
_CLOSERS = "\"'”’」』)）]】》〉*"

# full-width forms (U+FF01..U+FF5E) and Chinese punctuation that English text never uses
_FULL_WIDTH_ON_EN = re.compile(r"[\uff01-\uff5e，。；：？！、【】《》「」『』]")
# ASCII punctuation right after a Han character (3.5, 10:30, 1,000 keep their digits around)
_HALF_WIDTH_ON_ZH = re.compile(rf"(?<=[{_HAN}])[,;:?!]|(?<=[{_HAN}])\.(?=\s*$|\s*[{_HAN}])")
_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_HAN_CHAR = re.compile(rf"[{_HAN}]{{2}}")
_SPACE_IN_HAN = re.compile(rf"(?<=[{_HAN}]) +(?=[{_HAN}])")
_EN_WORD_REPEAT = re.compile(r"\b([A-Za-z]+)\s+\1\b", re.IGNORECASE)
# pairs of repeated words that English grammar allows
_EN_REPEAT_OK = frozenset({"had", "that", "do", "bye", "no", "very", "so", "ha", "la"})
# Chinese function characters that are never doubled (reduplication like 看看/常常 is normal)
_ZH_REPEAT = re.compile(r"(的|是|在|和|与|及|把|被|将|对|了)\1")
_ZH_REPEAT_OK = ("不了了之", "了了", "是是非非", "在在")


@dataclass(frozen=True)
class FormatIssue:
    """One format problem: its kind, which test found it, where, and what each side has."""

    kind: FindingKind
    check: str
    severity: Severity
    side: str  # "src" or "tgt": the side the span is on
    start: int
    end: int
    message: str
    src_items: tuple[str, ...] = ()
    tgt_items: tuple[str, ...] = ()


def _strip_url_trail(text: str) -> str:
    while text and text[-1] in _URL_TRAIL:
        text = text[:-1]
    return text


def _tokens(text: str) -> list[tuple[str, int, int, str]]:
    """Placeholders, tags, entities, URLs and e-mails of ``text``: (check, start, end, token)."""
    out: list[tuple[str, int, int, str]] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in URL.finditer(text):
        tok = _strip_url_trail(m.group())
        out.append(("url", m.start(), m.start() + len(tok), tok))
        taken.append((m.start(), m.start() + len(tok)))
    for m in EMAIL.finditer(text):
        if free(m.start(), m.end()):
            tok = _strip_url_trail(m.group())
            out.append(("email", m.start(), m.start() + len(tok), tok))
            taken.append((m.start(), m.end()))
    for check, pattern in (("tag", TAG), ("placeholder", PLACEHOLDER), ("entity", ENTITY)):
        for m in pattern.finditer(text):
            if free(m.start(), m.end()):
                tok = m.group()
                if check == "tag":
                    tok = _tag_key(tok)
                out.append((check, m.start(), m.end(), tok))
                taken.append((m.start(), m.end()))
    return sorted(out, key=lambda t: t[1])


def _tag_key(tag: str) -> str:
    """``<a href="x">`` -> ``<a>``: attributes may be translated (title, alt), names may not."""
    m = re.match(r"<(/?)([A-Za-z][\w:\-]*)[^>]*?(/?)>", tag)
    if m is None:
        return tag
    return f"<{m.group(1)}{m.group(2).lower()}{m.group(3)}>"


_TOKEN_NAME = {
    "url": "URL",
    "email": "e-mail address",
    "tag": "tag",
    "placeholder": "placeholder",
    "entity": "entity",
}


def _masked(text: str, tokens: list[tuple[str, int, int, str]]) -> str:
    """``text`` with every token blanked (same length), so punctuation inside them is ignored."""
    chars = list(text)
    for _, a, b, _ in tokens:
        for i in range(a, b):
            chars[i] = "x"
    return "".join(chars)


def _token_issues(src: str, tgt: str, st: list, tt: list) -> Iterator[FormatIssue]:
    for check in ("placeholder", "tag", "entity", "url", "email"):
        s_items = [t for t in st if t[0] == check]
        t_items = [t for t in tt if t[0] == check]
        sc, tc = Counter(t[3] for t in s_items), Counter(t[3] for t in t_items)
        if sc == tc:
            continue
        missing, extra = sc - tc, tc - sc
        name = _TOKEN_NAME[check]
        s_all, t_all = tuple(t[3] for t in s_items), tuple(t[3] for t in t_items)
        sides = (
            ("src", missing, s_items, "of the source is missing from the target"),
            ("tgt", extra, t_items, "of the target is not in the source"),
        )
        for side, toks, items, says in sides:
            for tok in toks:
                where = next(t for t in items if t[3] == tok)
                yield FormatIssue(
                    "format_mismatch",
                    check,
                    "error",
                    side,
                    where[1],
                    where[2],
                    f"{name} {tok} {says}",
                    s_all,
                    t_all,
                )


@dataclass(frozen=True)
class _Shape:
    """How a text leaves one bracket class: unmatched closers, unmatched openers, odd
    straight quotes, and the offset of the first unmatched mark (-1 when none)."""

    closers: int
    openers: int
    straight: int
    first: int

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.closers, self.openers, self.straight)


def _shape(text: str, opens: str, closes: str, straight: bool) -> _Shape:
    stack: list[int] = []
    strays: list[int] = []
    for i, c in enumerate(text):
        if c in opens:
            stack.append(i)
        elif c in closes:
            if stack:
                stack.pop()
            else:
                strays.append(i)
    quotes = [i for i, c in enumerate(text) if c == '"'] if straight else []
    odd = len(quotes) % 2
    marks = strays + stack + (quotes[-1:] if odd else [])
    return _Shape(len(strays), len(stack), odd, min(marks) if marks else -1)


def _pair_issues(src_m: str, tgt_m: str) -> Iterator[FormatIssue]:
    for name, opens, closes in _PAIRS:
        straight = name == "double quote"
        s = _shape(src_m, opens, closes, straight)
        t = _shape(tgt_m, opens, closes, straight)
        if straight and s.straight + s.openers + s.closers and t.straight + t.openers + t.closers:
            # straight quotes stand for curly ones on either side: compare open/closed only
            if (s.openers + s.straight > 0) == (t.openers + t.straight > 0):
                continue
        if s.key == t.key:
            continue
        side, shape = ("tgt", t) if t.first >= 0 else ("src", s)
        text = tgt_m if side == "tgt" else src_m
        where = "target" if side == "tgt" else "source"
        other = "source" if side == "tgt" else "target"
        at = shape.first
        theirs = s if side == "tgt" else t
        said = "pairs its own" if theirs.first < 0 else "leaves a different one open"
        # quotations run across sentences in documents (and English opens a quoted paragraph
        # without closing it): an unpaired quote is information, a bracket a warning
        yield FormatIssue(
            "punctuation_mismatch",
            "quotes" if "quote" in name else "brackets",
            "info" if "quote" in name else "warning",
            side,
            at,
            at + 1,
            f"unpaired {name} {text[at]} in the {where} (the {other} {said})",
        )


def _final(text: str) -> tuple[str, int]:
    """Class of the sentence-final mark (ignoring closing quotes/brackets) and its offset."""
    i = len(text.rstrip()) - 1
    while i >= 0 and text[i] in _CLOSERS:
        i -= 1
    if i < 0:
        return "none", -1
    if text.endswith("...", 0, i + 1) or text[i] == "…":
        return "ellipsis", i
    return _FINAL_CLASS.get(text[i], "none"), i


def _is_short(text: str, lang: str) -> bool:
    """A heading or list item rather than a sentence (8 Han characters, 25 letters)."""
    return len(text.strip()) < (8 if is_cjk(lang) else 25)


def _final_issue(src: str, tgt: str, src_lang: str, tgt_lang: str) -> Iterator[FormatIssue]:
    sc, si = _final(src)
    tc, ti = _final(tgt)
    if sc == tc:
        return
    if {sc, tc} <= {"full stop", "none"} and "none" in {sc, tc}:
        # a heading or a list item without a full stop on one side: common, left alone
        if _is_short(src, src_lang) or _is_short(tgt, tgt_lang):
            return
    side, at = ("tgt", ti) if ti >= 0 else ("src", si)
    if at < 0:
        return
    yield FormatIssue(
        "punctuation_mismatch",
        "final_punctuation",
        "info",
        side,
        at,
        at + 1,
        f"the source ends with a {sc} but the target with a {tc}".replace("a none", "nothing"),
    )


def _width_issues(text: str, side: str, lang: str) -> Iterator[FormatIssue]:
    where = "source" if side == "src" else "target"
    if is_cjk(lang):
        for m in _HALF_WIDTH_ON_ZH.finditer(text):
            yield FormatIssue(
                "punctuation_mismatch",
                "width",
                "info",
                side,
                m.start(),
                m.end(),
                f"half-width {m.group()} after Chinese text in the {where}; "
                "Chinese uses full-width punctuation",
            )
    else:
        for m in _FULL_WIDTH_ON_EN.finditer(text):
            yield FormatIssue(
                "punctuation_mismatch",
                "width",
                "info",
                side,
                m.start(),
                m.end(),
                f"full-width {m.group()} in the English {where}; use the half-width form",
            )


def _typography(text: str, side: str, lang: str) -> Iterator[FormatIssue]:
    where = "source" if side == "src" else "target"
    for m in _DOUBLE_SPACE.finditer(text):
        if is_cjk(lang) and _HAN_CHAR.match(text[m.start() - 1] + text[m.end()]):
            continue  # reported as a space between Chinese characters
        yield FormatIssue(
            "typography", "double_space", "info", side, m.start(), m.end(),
            f"{len(m.group())} spaces in a row in the {where}",
        )  # fmt: skip
    if is_cjk(lang):
        for m in _SPACE_IN_HAN.finditer(text):
            yield FormatIssue(
                "typography", "space_in_chinese", "info", side, m.start(), m.end(),
                f"a space between Chinese characters in the {where}",
            )  # fmt: skip
        for m in _ZH_REPEAT.finditer(text):
            around = text[max(0, m.start() - 1) : m.end() + 1]
            if any(ok in around for ok in _ZH_REPEAT_OK if len(ok) > 2) or m.group() == "在在":
                continue
            yield FormatIssue(
                "typography", "repeated_word", "warning", side, m.start(), m.end(),
                f"“{m.group(1)}” repeated in the {where}",
            )  # fmt: skip
    else:
        for m in _EN_WORD_REPEAT.finditer(text):
            if m.group(1).lower() in _EN_REPEAT_OK:
                continue
            yield FormatIssue(
                "typography", "repeated_word", "warning", side, m.start(), m.end(),
                f"“{m.group(1)}” repeated in the {where}",
            )  # fmt: skip


def _edge_whitespace(src: str, tgt: str) -> Iterator[FormatIssue]:
    s_lead, t_lead = len(src) - len(src.lstrip()), len(tgt) - len(tgt.lstrip())
    s_trail, t_trail = len(src) - len(src.rstrip()), len(tgt) - len(tgt.rstrip())
    if bool(s_lead) != bool(t_lead):
        side, n, text = ("src", s_lead, src) if s_lead else ("tgt", t_lead, tgt)
        yield FormatIssue(
            "typography", "leading_whitespace", "info", side, 0, n,
            f"only the {'source' if side == 'src' else 'target'} starts with whitespace",
        )  # fmt: skip
    if bool(s_trail) != bool(t_trail):
        side, n, text = ("src", s_trail, src) if s_trail else ("tgt", t_trail, tgt)
        yield FormatIssue(
            "typography", "trailing_whitespace", "info", side, len(text) - n, len(text),
            f"only the {'source' if side == 'src' else 'target'} ends with whitespace",
        )  # fmt: skip


def compare_format(src: str, tgt: str, src_lang: str, tgt_lang: str) -> list[FormatIssue]:
    """Every format issue of one pair, in the order the tests run (offsets into its side)."""
    st, tt = _tokens(src), _tokens(tgt)
    src_m, tgt_m = _masked(src, st), _masked(tgt, tt)
    issues = list(_token_issues(src, tgt, st, tt))
    issues += _pair_issues(src_m, tgt_m)
    issues += _final_issue(src_m, tgt_m, src_lang, tgt_lang)
    issues += _width_issues(src_m, "src", src_lang)
    issues += _width_issues(tgt_m, "tgt", tgt_lang)
    issues += _typography(src_m, "src", src_lang)
    issues += _typography(tgt_m, "tgt", tgt_lang)
    issues += _edge_whitespace(src, tgt)
    return issues


def _locate(
    ctx: CheckContext, side: str, ids: tuple[int, ...], start: int, end: int
) -> Span | None:
    """The Span of ``start:end`` (offsets in the bead side joined by the language's joiner)."""
    seg = ctx.alignment.src if side == "src" else ctx.alignment.tgt
    sep = len(joiner(seg.document.lang))
    pos = 0
    for i in ids:
        text = seg.segments[i].text
        if pos <= start < pos + len(text) or (start == pos + len(text) and end == start):
            a, b = start - pos, min(end - pos, len(text))
            return Span("src" if side == "src" else "tgt", i, a, b, text[a:b])
        pos += len(text) + sep
    return None


def format_checks(ctx: CheckContext) -> list[Finding]:
    """Format, punctuation and typography findings of every paired bead."""
    out: list[Finding] = []
    kinds = set(ctx.config.kinds)
    for v in ctx.beads:
        if not v.is_pair:
            continue
        for issue in compare_format(v.src_text, v.tgt_text, ctx.src_lang, ctx.tgt_lang):
            if issue.kind not in kinds:
                continue
            ids = v.bead.src if issue.side == "src" else v.bead.tgt
            span = _locate(ctx, issue.side, ids, issue.start, issue.end)
            text = v.src_text if issue.side == "src" else v.tgt_text
            evidence = [Evidence(issue.check, issue.src_items, issue.tgt_items)]
            out.append(
                finding(
                    v,
                    issue.kind,
                    issue.severity,
                    f"{issue.message}: “{short(text)}”",
                    evidence,
                )
            )
            if span is not None:
                out[-1] = replace(out[-1], spans=(span,))
    return out
