"""Names, products and acronyms present on one side of a bead only.

English names are capitalised words inside a sentence (not ordinary words CC-CEDICT glosses in
lower case), acronyms and tokens with digits ("GPT-4", "Opus 4.5"); consecutive ones are one
person, who may keep only the surname in Chinese. One is found on a Chinese side when it appears
there in Latin letters, when a Chinese word there is glossed with it in CC-CEDICT (Google = 谷歌;
an acronym by the initials of a proper noun's gloss, 联合国 = UN), or when a span of
transliteration characters sounds like it: the pinyin of each character becomes phones (initial
and nasal coda), the English spelling too, and a weighted edit distance aligns them (Kavanaugh =
卡瓦诺, Naphtali = 拿弗他利).

Severity follows confidence. A missing name is a warning when nothing in the bead sounds like it
(score below :data:`ABSENT`) and another name stands there that renders no name of the English
(a substitution), or when it carries digits; otherwise it is information: translations leave
names out, translate acronyms and demonyms, and use renderings no matcher knows. Latin tokens
inside Chinese that the English lacks are warnings. The phonetics live in
:mod:`bilingual.lang.zh.transliteration` (shared with the term check and the aligner).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from bilingual import cedict
from bilingual.check.context import CheckContext, finding, is_cjk
from bilingual.check.zh_names import acronym_of, chinese_names, is_common_zh, is_proper
from bilingual.lang import get as get_language
from bilingual.lang.pair import pair_sides
from bilingual.lang.script import HAN_RUN
from bilingual.model import Evidence, Finding, Severity

__all__ = [  # the phonetic helpers are lang/zh's Transliteration; kept importable from here
    "ABSENT",
    "MATCH",
    "NameMatch",
    "chinese_names",
    "en_skeleton",
    "english_names",
    "find_in_chinese",
    "is_common_word",
    "known_name",
    "latin_tokens",
    "learned_renderings",
    "name_mismatch",
    "phonetic_similarity",
    "recurring_names",
    "skeleton_similarity",
    "transliteration_runs",
]

# The name rules read the Latin-script side with the English lists and the Chinese side with
# the transliteration of lang/zh/ (through the language registry; the check runs only on a
# pair with one CJK side).
_EN = get_language("en")
_TRANSLIT = get_language("zh").transliterator()
_EN_NAMES = _EN.name_rules()
_VERSION = re.compile(r" \d+\.\d+")
english_names = _EN_NAMES.spans
is_common_word = _EN_NAMES.is_common_word
known_name = _EN_NAMES.is_known_name
TRANSLIT_CHARS = _TRANSLIT.chars
best_span = _TRANSLIT.best_span
en_skeleton = _TRANSLIT.skeleton
phonetic_similarity = _TRANSLIT.phonetic_similarity
single_runs = _TRANSLIT.single_runs
skeleton_similarity = _TRANSLIT.skeleton_similarity
sound_forms = _TRANSLIT.sound_forms
min_characters = _TRANSLIT.min_characters
transliteration_runs = _TRANSLIT.runs
zh_char_phones = _TRANSLIT.char_phones

# A Chinese span whose phones align with the English name at least this well renders it.
MATCH = 0.62
# Below this nothing in the bead sounds like the name: a missing name is then a sure finding.
ABSENT = 0.45
# A name of the bead on the span that sounds most like a missing name, at least this well,
# may be its rendering (亚基 for Arkite at .42, 耶和华以勒 for Jehovahjireh): not a name put in
# its place (a name put in sounds like the lost one only by chance)
PLAUSIBLE = 0.40


@dataclass(frozen=True)
class NameMatch:
    """Where (and how) an English name was found in a Chinese text; ``how`` is '' when absent.

    ``score`` is the phonetic similarity of the best candidate span (1.0 for a Latin or
    dictionary match), also when it fell short of :data:`MATCH`.
    """

    name: str
    how: str
    start: int = -1
    end: int = -1
    score: float = 0.0


@functools.lru_cache(maxsize=65_536)
def find_in_chinese(name: str, zh: str) -> NameMatch:
    """Locate English ``name`` in Chinese text ``zh`` by Latin form, gloss or sound."""
    low = zh.lower()
    word = name.split(" ")[0]
    if "." in word and word.replace(".", "").isupper():
        word = word.replace(".", "")  # U.S. = US
    pos = low.find(word.lower())
    if pos >= 0:
        return NameMatch(name, "latin", pos, pos + len(word), 1.0)
    # The longest gloss found, then the earliest: a set's order must not pick the span.
    found = [(-len(h), p, h) for h in _EN_NAMES.gloss_heads(word) if (p := zh.find(h)) >= 0]
    if found:
        _, pos, head = min(found)
        return NameMatch(name, "gloss", pos, pos + len(head), 1.0)
    if word.isupper() and len(word) >= 2:
        # A translated acronym: a proper noun whose gloss spells it (联合国 United Nations).
        for a, b in chinese_names(zh):
            if acronym_of(zh[a:b]).startswith(word):
                return NameMatch(name, "gloss", a, b, 1.0)
    if word.isupper() or any(c.isdigit() for c in word):
        return NameMatch(name, "")  # acronyms and models are kept or translated, not sounded
    spelt = _spelt_in_pinyin(word, zh)
    if spelt is not None:
        return NameMatch(name, "pinyin", spelt[0], spelt[1], 1.0)
    runs = transliteration_runs(zh) + single_runs(zh)
    phones = zh_char_phones(zh)
    best, a, b = -1.0, -1, -1
    accept = functools.partial(_may_render, zh, min_characters(word), _proper_spans(zh))
    for form in sound_forms(word):
        score, fa, fb = best_span(form, zh, runs, phones, accept=accept)
        if score > best:
            best, a, b = score, fa, fb
    if best >= MATCH:
        return NameMatch(name, "pinyin", a, b, best)
    return NameMatch(name, "", a, b, best)


# a Chinese name romanised letter for letter (Qiyao 琦瑶, Xiaosi 小四): two or three syllables,
# at least this many letters (shorter ones, Dan or Li, spell too many ordinary characters)
PINYIN_MIN_LETTERS = 5


def _spelt_in_pinyin(word: str, zh: str) -> tuple[int, int] | None:
    """The span of two or three characters of ``zh`` whose usual readings, without tones,
    spell ``word`` (a Chinese name in pinyin, which sounds like nothing English)."""
    w = word.lower()
    if len(w) < PINYIN_MIN_LETTERS or not w.isascii() or not w.isalpha():
        return None
    readings = [cedict.char_pinyin(c).rstrip("012345") for c in zh]
    for n in (2, 3):
        for a in range(len(zh) - n + 1):
            if all(readings[a : a + n]) and "".join(readings[a : a + n]) == w:
                return a, a + n
    return None


def _proper_spans(zh: str) -> tuple[tuple[int, int], ...]:
    """The spans of ``zh`` CC-CEDICT lists as proper names (英格兰, 沃伦)."""
    return tuple((a, b) for a, b in chinese_names(zh) if is_proper(zh[a:b]))


def _may_render(zh: str, fewest: int, names: tuple[tuple[int, int], ...], a: int, b: int) -> bool:
    """Whether ``zh[a:b]`` may render an English name by sound: at least ``fewest``
    characters for the whole word (a stem's form let 末 stand for Moses), no piece of a
    dictionary name it does not cover (在英 of 在英格兰 is not Zion, 伦 of 沃伦 not Ryan) nor of
    a longer ordinary word (尔夫 of 高尔夫 is not Europe), and :func:`_no_word_cut`."""
    if b - a < fewest:
        return False
    if any(x < b and a < y and not (a <= x and y <= b) for x, y in names):
        return False
    for x in range(max(0, a - 2), a + 1):
        for y in range(b, min(len(zh), b + 2) + 1):
            if (x, y) != (a, b) and y - x >= 3 and is_common_zh(zh[x:y]):
                return False
    return _no_word_cut(zh, a, b)


def _no_word_cut(zh: str, a: int, b: int) -> bool:
    """Whether ``zh[a:b]`` may be a transliterated name: not itself an ordinary word (本月,
    利用) and not cutting one at an edge that is no transliteration character (是哈 of 于是哈谢;
    法勒斯 after 叫 stays). Sound alone links a name to any characters that share its
    consonants: Pyongyang to 本月, Jehu to 是哈, Iran to 利用."""
    if b - a >= 2 and is_common_zh(zh[a:b]):
        return False
    if a > 0 and zh[a] not in TRANSLIT_CHARS and is_common_zh(zh[a - 1 : a + 1]):
        return False
    return not (b < len(zh) and zh[b - 1] not in TRANSLIT_CHARS and is_common_zh(zh[b - 1 : b + 1]))


def latin_tokens(zh: str) -> list[str]:
    """Latin-script tokens (names, products, acronyms) inside Chinese text."""
    # Lower-case words are untranslated text (the untranslated check), not names.
    return [
        m.group(0)
        for m in _EN_NAMES.token.finditer(zh)
        if len(m.group(0)) >= 2 and any(c.isupper() or c.isdigit() for c in m.group(0))
    ]


@dataclass(frozen=True)
class _Missing:
    """An English name not found in its bead, and how sure that is."""

    name: str
    severity: Severity


def _groups(en: str) -> list[list[str]]:
    """English names, consecutive ones (Angela Merkel) grouped as one person."""
    groups: list[list[str]] = []
    last_end = -10
    for name, a, b in english_names(en):
        if groups and en[last_end:a] == " " and not name.isupper():
            groups[-1].append(name)
        else:
            groups.append([name])
        last_end = b
    return groups


def _orphans(
    zh: str,
    en: str,
    missing: list[str],
    found: list[tuple[int, int]],
    recurring: frozenset[str] = frozenset(),
) -> list[str]:
    """Names of ``zh`` that render no name of ``en``: not where a found name is, sharing no
    gloss with ``en``, sounding like none of the ``missing`` names, and not one of the
    ``recurring`` names of the document (a rendering used throughout, 耶和华 for LORD, is the
    translation's convention, not a substitution)."""
    out = []
    en_low = en.lower()
    phones = zh_char_phones(zh)
    plausible = [
        (m.start, m.end)
        for m in (find_in_chinese(n, zh) for n in missing)
        if m.score >= PLAUSIBLE and m.start >= 0
    ]
    for a, b in standing_names(zh):
        if any(a < fb and fa < b for fa, fb in found):
            continue
        piece = zh[a:b]
        if piece in recurring:
            continue
        glosses = cedict.proper_glosses(piece)
        # whole words: 华盛顿's gloss "US" is not the "us" of "because"
        if any(re.search(rf"\b{re.escape(g.lower())}\b", en_low) for g in glosses):
            continue
        if any(re.search(rf"\b{re.escape(g.lower()[:4])}", en_low) for g in glosses if len(g) >= 5):
            continue  # Egypt/Egyptians, Israel/Israelite
        if any(best_span(n, zh, [(a, b)], phones, inside=True)[0] >= ABSENT for n in missing):
            continue
        if any(fa < b and a < fb for fa, fb in plausible):
            continue  # part of a span that sounds like a missing name (基博罗哈他瓦)
        out.append(piece)
    return out


def standing_names(zh: str) -> list[tuple[int, int]]:
    """The name spans of ``zh`` that can stand in for another name: not the tagger's guess cut
    out of a common word (但因 of 但因为, 子里 of 草棚子里, 多路 of 许多路人), unless CC-CEDICT
    lists it as a name; a piece of a longer transliteration (沙比 of 哈沙比) still is one."""
    return [
        (a, b) for a, b in chinese_names(zh) if is_proper(zh[a:b]) or not _cuts_a_word(zh, a, b)
    ]


# A rendering the document teaches: an English name missing from at least LEARN_MIN beads, and
# a Chinese string that stands in (nearly) the same beads (Dice coefficient at least LEARN_DICE).
LEARN_MIN = 2
LEARN_DICE = 0.6
# ... or a string in at least LEARN_SHARE of the name's beads (and LEARN_SHARE_MIN of them),
# LEARN_LIFT times as frequent there as in the document's beads at large
LEARN_SHARE = 0.7
LEARN_SHARE_MIN = 3
LEARN_LIFT = 1.5
_HAN_GRAM = HAN_RUN


def learned_renderings(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """English names and the Chinese string the translation consistently writes for them.

    Older and Hebrew-based transliterations (Rachel = 拉结, Chedorlaomer = 基大老玛) sound too
    unlike their English spelling for the phonetic matcher; but a translation that renders a
    name renders it the same way wherever it occurs. A two- or three-character string present
    in the beads that lack the name and rare elsewhere is its rendering; a name replaced by
    another in one bead co-occurs with nothing.
    """
    grams: list[frozenset[str]] = []
    where: dict[str, list[int]] = {}
    for k, (en, zh) in enumerate(pairs):
        rest = zh
        for name, _, _ in english_names(en):
            m = find_in_chinese(name, zh)
            if m.how:  # the renderings of the names found are no candidates (雅各 = Jacob)
                rest = rest.replace(zh[m.start : m.end], " ")
            else:
                where.setdefault(name.split(" ")[0], []).append(k)
        runs = _HAN_GRAM.findall(rest)
        grams.append(
            frozenset(r[i : i + n] for r in runs for n in (2, 3) for i in range(len(r) - n + 1))
        )
    learnable = {w: ks for w, ks in where.items() if len(set(ks)) >= LEARN_MIN}
    if not learnable:
        return {}
    df: dict[str, int] = {}
    for g in grams:
        for x in g:
            df[x] = df.get(x, 0) + 1
    out: dict[str, str] = {}
    for word, ks in learnable.items():
        beads = sorted(set(ks))
        together: dict[str, int] = {}
        for k in beads:
            for x in grams[k]:
                together[x] = together.get(x, 0) + 1
        best = max(
            (
                (2 * c / (len(beads) + df[x]), len(x), x)
                for x, c in together.items()
                if c >= LEARN_MIN
            ),
            default=None,
        )
        if best is not None and best[0] >= LEARN_DICE:
            out[word] = best[2]
            continue
        # A translation that writes the name where the English says "he" (MAC-Dev: 韦小宝 in
        # 97 beads, "Trinket" in 81) stands in the name's beads but also in many others: the
        # Dice coefficient misses it. It still stands in most beads that lack the name and
        # is far more frequent there than elsewhere, and it is no ordinary word.
        usual = {
            x: c
            for x, c in together.items()
            if c >= LEARN_SHARE_MIN
            and c >= LEARN_SHARE * len(beads)
            and (c / len(beads)) >= LEARN_LIFT * df[x] / len(pairs)
            and not is_common_zh(x)
        }
        if usual:
            out[word] = max(usual, key=lambda x: (usual[x], len(x)))
    return out


def _find(name: str, zh: str, learned: dict[str, str]) -> NameMatch:
    """``find_in_chinese``, and the rendering the document teaches for ``name``."""
    m = find_in_chinese(name, zh)
    if m.how:
        return m
    rendering = learned.get(name.split(" ")[0], "")
    pos = zh.find(rendering) if rendering else -1
    return NameMatch(name, "learned", pos, pos + len(rendering), 1.0) if pos >= 0 else m


# how a name can be found that leaves no doubt about the span (a written form, a gloss)
_SURE = frozenset({"latin", "gloss", "learned"})


def _masked(zh: str, spans: list[tuple[int, int]]) -> str:
    """``zh`` with ``spans`` blanked out (same length: offsets stay valid)."""
    chars = list(zh)
    for a, b in spans:
        chars[a:b] = "\u3000" * (b - a)
    return "".join(chars)


def _missing_english(
    en: str,
    zh: str,
    context_zh: str,
    recurring: frozenset[str] = frozenset(),
    learned: dict[str, str] | None = None,
) -> list[_Missing]:
    """English names of ``en`` with no rendering in ``zh``, each with a severity."""
    lost: list[tuple[str, NameMatch]] = []
    found: list[tuple[int, int]] = []
    groups = _groups(en)
    matched = [[_find(n, zh, learned or {}) for n in group] for group in groups]
    # Sound is weaker evidence than a written form or a gloss: a span another name of the
    # sentence is written or glossed as (苏格兰 = Scotland, 奥斯维辛 = Auschwitz) does not also
    # sound like Ross or Jew; such a name is looked up again with those spans blanked out.
    # (Sound against sound is left alone: in a genealogy list 陀迦玛 or 伊施巴 sound like two
    # names, and giving each span to the closer one lost the other, 8 more warnings on
    # Genesis.)
    sure = [(m.start, m.end, m.name) for ms in matched for m in ms if m.how in _SURE]
    for ms in matched:
        for k, m in enumerate(ms):
            if m.how == "pinyin" and any(
                a < m.end and m.start < b and n != m.name for a, b, n in sure
            ):
                ms[k] = find_in_chinese(m.name, _masked(zh, [(a, b) for a, b, _ in sure]))
    for group, matches in zip(groups, matched, strict=True):
        for m in matches:
            if m.how:
                # Every occurrence of a found rendering is taken (西西拉 twice in one verse).
                piece = zh[m.start : m.end]
                found.extend((k.start(), k.end()) for k in re.finditer(re.escape(piece), zh))
        if any(m.how for m in matches):
            last = next(m for m in reversed(matches) if m.how)
            # Chinese often keeps only the surname; a full name written out (X·Y) must match
            # in every part.
            if "·" not in zh[max(0, last.start - 1) : last.end + 1]:
                continue
        lost.extend((n, m) for n, m in zip(group, matches, strict=True) if not m.how)
    missing: list[_Missing] = []
    orphans: list[str] | None = None
    # what sounds like a lost name is looked for outside the names written or glossed: 摩西
    # (Moses) does not also half-sound like Merari (sound against sound is left alone, as
    # above: in a genealogy 亚萨列 found for Jaasiel may be Azareel's)
    sure_spans = [k.span() for a, b, _ in sure for k in re.finditer(re.escape(zh[a:b]), zh)]
    rest = _masked(zh, sure_spans) if sure_spans else zh
    for name, match in lost:
        word = name.split(" ")[0]
        if orphans is None:
            orphans = _orphans(zh, en, [n for n, _ in lost], found, recurring)
        score = find_in_chinese(name, rest).score if sure_spans else match.score
        if orphans and score < ABSENT and not word.isupper():
            # (An acronym is translated by meaning, 议员 for MP, 共和党 for GOP: another name in
            # the bead is no sign that it was replaced.)
            # Nothing sounds like this name, and another name stands where it should be.
            level: Severity = "warning"
        elif find_in_chinese(name, context_zh).how:
            level = "info"  # one bead off: an alignment border, not a lost name
        elif any(c.isdigit() for c in word) or _VERSION.search(name):
            level = "warning"
        else:
            # The translation left the name out or renders it in a way the matcher does not
            # know (a translated acronym, a demonym, an older transliteration).
            level = "info"
        missing.append(_Missing(name, level))
    return missing


def _check_pair(
    en: str,
    zh: str,
    context_en: str,
    context_zh: str,
    recurring: frozenset[str] = frozenset(),
    learned: dict[str, str] | None = None,
    elsewhere: frozenset[str] = frozenset(),
    document_en: str = "",
) -> tuple[list[str], list[str], Severity | None]:
    """Names of ``en`` missing from ``zh`` and Latin names of ``zh`` missing from ``en``
    (``document_en``: the whole English side, where a Latin name of ``zh`` may be written)."""
    order = {"info": 0, "warning": 1, "error": 2}
    severity: Severity | None = None

    def raise_to(level: Severity) -> None:
        nonlocal severity
        if severity is None or order[level] > order[severity]:
            severity = level

    missing = _missing_english(en, zh, context_zh, recurring, learned)
    for m in missing:
        raise_to(m.severity)
    en_low = en.lower()
    missing_zh: list[str] = []
    if not missing:
        # Every English name is rendered, and a Chinese name stands there besides: a name put
        # in (David 大卫 ... 大卫 with one 大卫 replaced by 华盛顿), unless the neighbouring
        # English names or glosses it (explicitation: "the country" rendered 叙利亚).
        for piece in _extra_names(en, zh, context_en, recurring | elsewhere, learned or {}):
            missing_zh.append(piece)
            raise_to("warning")
    for tok in latin_tokens(zh):
        first = tok.split(" ")[0].lower()
        if first not in en_low:
            missing_zh.append(tok)
            # a name the English document writes elsewhere, put in here by the translator
            # (Wayde 的死亡 for "the cause of death"): explicitation, not a substitution
            # (a whole word: "AI" in a neighbour's "said" is not the name written there)
            known = _writes(context_en, first) or _writes(document_en, tok)
            raise_to("info" if known else "warning")
    return [m.name for m in missing], missing_zh, severity


def _writes(text: str, name: str) -> bool:
    """Whether ``text`` writes ``name`` as a whole token (any case, a plural or possessive
    ending allowed: "Agent" kept in Latin letters for "agents"); "White House" is not
    written by "a white wall", which a first-word test took it for."""
    return (
        re.search(rf"(?<![\w'’-]){re.escape(name)}(?:s|es|'s|’s)?(?![\w'’-])", text, re.I)
        is not None
    )


def _extra_names(
    en: str, zh: str, context_en: str, recurring: frozenset[str], learned: dict[str, str]
) -> list[str]:
    """Chinese names of ``zh`` that render no name of ``en`` nor of the nearby ``context_en``.

    Only names sure to be names count: CC-CEDICT proper nouns written in transliteration
    characters (雅各 Jacob, 华盛顿 Washington; not 美国, 水里), not jieba's guesses, and not a
    rendering the document uses elsewhere (``recurring``: the caller passes the names of
    every other bead; a translation names again whom it has named before, 西拉 for "them").
    """
    found: list[tuple[int, int]] = []
    for name, _, _ in english_names(en):
        m = _find(name, zh, learned)
        if m.how:
            piece = zh[m.start : m.end]
            found.extend((k.start(), k.end()) for k in re.finditer(re.escape(piece), zh))
    # the nearby names this bead may render: one it renders already (Ryan = 莱恩) does not also
    # excuse another name by sound (沃伦 put in for 华盛顿)
    near = [n for n, _, _ in english_names(context_en) if not _find(n, zh, learned).how]
    out = []
    for piece in _orphans(zh, context_en, near, found, recurring):
        if not is_proper(piece) or piece in out or any(c not in TRANSLIT_CHARS for c in piece):
            continue
        if any(find_in_chinese(n, piece).how for n in near):
            continue
        if any(_inside_word(zh, k.start(), k.end()) for k in re.finditer(re.escape(piece), zh)):
            continue
        out.append(piece)
    return out


def _inside_word(zh: str, a: int, b: int) -> bool:
    """Whether ``zh[a:b]`` is a piece of a longer name or word: a transliteration character
    continues it (玛利亚 in 撒玛利亚, 哈伯 in 拉哈伯) or its edge character makes a word with its
    neighbour (康保 in 健康保险)."""
    before, after = zh[a - 1 : a] if a else "", zh[b : b + 1]
    if (before and before in TRANSLIT_CHARS) or (after and after in TRANSLIT_CHARS):
        return True
    return _cuts_a_word(zh, a, b)


def _cuts_a_word(zh: str, a: int, b: int) -> bool:
    """Whether an edge character of ``zh[a:b]`` makes a common word with its neighbour (但因
    of 但因为, 多路 of 许多路人)."""
    before, after = zh[a - 1 : a] if a else "", zh[b : b + 1]
    return bool(before and is_common_zh(before + zh[a])) or bool(
        after and is_common_zh(zh[b - 1] + after)
    )


RECURRING = 3


def recurring_names(zh_texts: list[str], at_least: int = RECURRING) -> frozenset[str]:
    """Chinese names written in at least ``at_least`` of ``zh_texts``."""
    seen: dict[str, int] = {}
    for zh in zh_texts:
        if not zh:
            continue
        for piece in {zh[a:b] for a, b in chinese_names(zh)}:
            seen[piece] = seen.get(piece, 0) + 1
    return frozenset(p for p, n in seen.items() if n >= at_least)


def name_mismatch(ctx: CheckContext) -> list[Finding]:
    """Paired beads where a name on one side is not found on the other."""
    if is_cjk(ctx.src_lang) == is_cjk(ctx.tgt_lang):
        return []
    sides = pair_sides(ctx.src_lang, ctx.tgt_lang)
    views = ctx.beads
    zh_side = [sides.chinese_of(v.src_text, v.tgt_text) for v in views]
    recurring = recurring_names(zh_side)
    # names the translation writes in more than one bead: known to the document
    elsewhere = recurring_names(zh_side, at_least=2)
    learned = learned_renderings(
        [sides.latin_chinese(v.src_text, v.tgt_text) for v in views if v.is_pair]
    )
    document_en = "\n".join(sides.latin_of(v.src_text, v.tgt_text) for v in views)
    findings: list[Finding] = []
    for k, v in enumerate(views):
        if not v.is_pair:
            continue
        en, zh = sides.latin_chinese(v.src_text, v.tgt_text)
        # Neighbouring beads: a name the aligner put one bead off is not a mismatch.
        near = [views[j] for j in range(max(0, k - 1), min(len(views), k + 2))]
        ctx_en = " ".join(sides.latin_of(n.src_text, n.tgt_text) for n in near)
        ctx_zh = "".join(sides.chinese_of(n.src_text, n.tgt_text) for n in near)
        miss_en, miss_zh, severity = _check_pair(
            en, zh, ctx_en, ctx_zh, recurring, learned, elsewhere, document_en
        )
        if severity is None:
            continue
        src_missing, tgt_missing = sides.src_of(miss_en, miss_zh), sides.tgt_of(miss_en, miss_zh)
        parts = []
        if src_missing:
            parts.append(f"source names not in the target: {', '.join(src_missing)}")
        if tgt_missing:
            parts.append(f"target names not in the source: {', '.join(tgt_missing)}")
        findings.append(
            finding(
                v,
                "name_mismatch",
                severity,
                "; ".join(parts),
                [Evidence("names_on_one_side", src=tuple(src_missing), tgt=tuple(tgt_missing))],
            )
        )
    return findings
