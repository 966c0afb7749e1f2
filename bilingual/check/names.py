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
inside Chinese that the English lacks are warnings.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass

from bilingual import cedict
from bilingual.cedict import char_pinyin
from bilingual.check.context import CheckContext, finding, is_cjk
from bilingual.model import Evidence, Finding, Severity
from bilingual.script import HAN

_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9&+\-]*(?:[.\-][A-Za-z0-9]+)*(?: \d+(?:\.\d+)*\b)?")
# Capitalised words that are grammar, titles or calendar rather than names.
_NOT_NAMES = frozenset(
    "I A An The This That These Those It Its He She We They You His Her Our Their My Your "
    "But And Or "
    "If In On At For From With By Of To As So Not No Yes Mr Mrs Ms Dr Sir St Jr Sr Prof Mt "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December Lord God".split()
)
# Titles written with a full stop (Rep. Maxine Waters): translated, not names.
_TITLES = frozenset("Rep Sen Gov Gen Col Capt Lt Sgt Rev Hon Maj Cpl Pres Supt Insp Det".split())
_ROMAN = re.compile(r"[IVXLCDM]+")
_VERSION = re.compile(r" \d+\.\d+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”‘’(\[]\s*|\n)\s*$")
_CAPS_STOP = frozenset(
    "a an the of and or in on at to for by with from as is are be not no all its it this that "
    "i".split()
)
# Characters Chinese uses to transliterate foreign names (Xinhua tables, most frequent).
_TRANSLIT = frozenset(
    "阿埃艾爱安昂奥巴拜班邦保鲍贝本比彼毕宾波伯博布查达戴丹道德登迪蒂丁东杜敦多厄恩尔法凡范菲费"
    "芬丰弗福夫盖甘冈高戈格贡古瓜哈海汉豪赫黑亨胡华霍基吉加贾杰金卡凯坎康考柯科可克肯库奎拉莱赖"
    "兰朗劳勒雷蕾里利莉连林琳隆卢鲁路伦罗洛马迈麦曼梅门蒙米密明摩莫默穆纳奈南内尼妮涅纽努诺欧帕"
    "派潘佩彭皮珀普奇契乔切琴丘萨塞森沙莎尚舍圣施什史舒斯松苏索塔泰坦汤唐特提汀图托瓦万旺威韦维"
    "温沃乌伍西希锡夏谢辛休雅亚扬耶伊因英尤约泽扎詹兹佐撒拿以利亚该雅各押拔玛底哥非洛珥"
    "姆顿翰治瑟娜丽娅薇茨"
    # and those of the older (Chinese Union Version) tradition
    "便悯迦孚但何谟筛户书乃亥末番琐扫鸿亭甸革迈示玻璃暗俄掳弥忒拿鸿暗罢巴珊基列黎迦南赛"
)
_TRANSLIT_CLASS = "[" + "".join(sorted(_TRANSLIT)) + "]"
_TRANSLIT_RUN = re.compile(_TRANSLIT_CLASS[:-1] + "·]{2,}")
_TRANSLIT_ONE = re.compile(f"(?<!{_TRANSLIT_CLASS}){_TRANSLIT_CLASS}(?!{_TRANSLIT_CLASS})")

# Consonant classes shared by English spelling and pinyin initials (the coarse skeleton the
# benchmark uses to tell two names apart; matching uses the finer phones below).
_EN_RULES = (
    ("ph", "f"),
    ("ck", "k"),
    ("sch", "s"),
    ("sh", "s"),
    ("ch", "s"),
    ("th", "t"),
    ("gh", ""),
    ("qu", "k"),
    ("x", "ks"),
    ("ce", "se"),
    ("ci", "si"),
    ("cy", "sy"),
    ("c", "k"),
    ("j", "s"),
    ("z", "s"),
    ("v", "f"),
    ("w", ""),
    ("y", ""),
    ("q", "k"),
    ("r", "l"),
    ("b", "p"),
    ("d", "t"),
    ("g", "k"),
)
_CONSONANT = set("pmftnlkhs")

_FOREIGN_CHAR = 0.12
_ONSET = 0.5
_HAN = HAN
# A Chinese span whose phones align with the English name at least this well renders it.
MATCH = 0.62
# Below this nothing in the bead sounds like the name: a missing name is then a sure finding.
ABSENT = 0.45


def en_skeleton(word: str) -> str:
    """Consonant classes of an English name, vowels dropped, repeats collapsed."""
    w = word.lower()
    for a, b in _EN_RULES:
        w = w.replace(a, b)
    out = [c for c in w if c in _CONSONANT]
    return "".join(c for i, c in enumerate(out) if i == 0 or c != out[i - 1])


# Phones: P (p b), T (t d), K (k hard c/g q), F (f ph), V (v), W, H, J (j soft g zh),
# Q (ch), X (sh, palatal x), S, Z (z ts, pinyin z c), L (l), R (r; pinyin er), M, N (n ng), Y.
# English spelling -> phones, longest spellings first.
_EN_PHONES = (
    ("tch", "Q"),
    ("sch", "X"),
    ("dg", "J"),
    ("ch", "Q"),
    ("sh", "X"),
    ("ph", "F"),
    ("th", "T"),
    ("ck", "K"),
    ("qu", "KW"),
    ("ts", "Z"),
    ("tz", "Z"),
    ("zh", "J"),
    ("kh", "H"),
    ("wh", "W"),
    ("ng", "N"),
    ("x", "KS"),
    ("j", "J"),
    ("z", "Z"),
    ("s", "S"),
    ("p", "P"),
    ("b", "P"),
    ("t", "T"),
    ("d", "T"),
    ("k", "K"),
    ("q", "K"),
    ("f", "F"),
    ("v", "V"),
    ("w", "W"),
    ("h", "H"),
    ("y", "Y"),
    ("l", "L"),
    ("r", "R"),
    ("m", "M"),
    ("n", "N"),
)
_VOWELS = frozenset("aeiouy")
_WEAK = 0.2
_PY_PHONE = {
    "b": "P",
    "p": "P",
    "d": "T",
    "t": "T",
    "g": "K",
    "k": "K",
    "f": "F",
    "h": "H",
    "j": "J",
    "q": "Q",
    "x": "X",
    "zh": "J",
    "ch": "Q",
    "sh": "X",
    "z": "Z",
    "c": "Z",
    "s": "S",
    "l": "L",
    "r": "L",
    "m": "M",
    "n": "N",
    "w": "W",
    "y": "Y",
}
_PY_SYLLABLE = re.compile(r"^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?([a-zü:]*?)\d?$")
# Sounds transliteration treats as one (cost 0.3): voicing is already merged; v is rendered
# with w or f, Hebrew j and y meet (耶 for Je-), the sibilants and palatals shade into each
# other (乔 for Geo-, 西 for Si-), l and r are one sound in Chinese, m and n close a syllable.
_NEAR = {
    frozenset(p)
    for p in (
        "FV", "VW", "FP", "VP", "WH", "KH", "KJ", "KQ", "JQ", "JX", "JZ", "JS", "JY",
        "QX", "QZ", "QS", "XS", "XZ", "SZ", "TZ", "LR", "MN", "WY",
        "GK", "GJ", "GQ", "GX",
    )
}  # fmt: skip
# English sounds Chinese often leaves out (silent h, w, y; r after a vowel) cost little.
_EN_WEAK = frozenset("HWY")
# Chinese glide initials (亚 ya, 瓦 wa for a vowel-initial sound) and the 尔 of a final l or
# r cost little when the English has no consonant there.
_ZH_WEAK = frozenset("YWHR")


def _en_phones(word: str) -> tuple[tuple[str, float], ...]:
    """Phones of an English name, each with the cost of Chinese leaving it out.

    Silent-prone h, w, y and an r after a vowel (Carter 卡特) cost little; a final s or d
    (Paris 巴黎, David 大卫) costs half.
    """
    w = word.lower()
    out: list[tuple[str, float]] = []
    i = 0
    while i < len(w):
        c = w[i]
        if c in _VOWELS:
            if c == "y" and i == 0 and len(w) > 1 and w[1] in "aeiou":
                out.append(("Y", _WEAK))
            i += 1
            continue
        if not c.isalpha():
            i += 1
            continue
        nxt = w[i + 1] if i + 1 < len(w) else ""
        if c == "g" and nxt == "h":
            i += 2  # silent (Kavanaugh) or f (Laughlin): Chinese mostly drops it
            continue
        phones, step = "", 1
        for spelling, ph in _EN_PHONES:
            if w.startswith(spelling, i):
                phones, step = ph, len(spelling)
                break
        if not phones:
            if c == "c":
                phones = "S" if nxt in ("e", "i", "y") else "K"
            elif c == "g":
                phones = "G" if nxt in ("e", "i", "y") else "K"
        after = w[i + step] if i + step < len(w) else ""
        final = all(ch in "es'" for ch in w[i + step :])
        for ph in phones:
            if ph in _EN_WEAK or (ph == "R" and after not in _VOWELS):
                cost = _WEAK
            elif final and ph in "ST" and out:
                cost = 0.5
            else:
                cost = 1.0
            if out and out[-1][0] == ph:
                continue  # doubled letters
            out.append((ph, cost))
        i += step
    return tuple(out)


@functools.lru_cache(maxsize=65_536)
def _syllable_phones(syllable: str) -> tuple[str, ...]:
    """Phones of one pinyin syllable: its initial and a closing n/ng (or the r of 'er')."""
    m = _PY_SYLLABLE.match(syllable)
    if not m:
        return ()
    initial, final = m.group(1) or "", m.group(2)
    if not initial and final in ("er", "r"):
        return ("R",)
    out = [_PY_PHONE[initial]] if initial else []
    if final.endswith("n") or final.endswith("ng"):
        if len(final) > 1:
            out.append("N")
    return tuple(out)


def _zh_phones(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for ch in text:
        out.extend(_syllable_phones(char_pinyin(ch).split(" ")[0]))
    return tuple(out)


def _sub_cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    return 0.3 if frozenset((a, b)) in _NEAR else 1.0


def phonetic_similarity(name: str, zh: str) -> float:
    """How well the pinyin of Chinese ``zh`` renders the sounds of English ``name`` (0..1).

    A weighted edit distance between the consonant phones of both (vowels carry little in
    transliteration): near sounds cost 0.3, sounds one side habitually leaves out 0.3, others
    1; normalised by the longer side.
    """
    return _phone_similarity(_en_phones(name), _zh_phones(zh))


def _zh_cost(z: str) -> float:
    return _WEAK if z in _ZH_WEAK else 1.0


def _phone_similarity(en: tuple[tuple[str, float], ...], zh: tuple[str, ...]) -> float:
    if not en or not zh:
        return 0.0
    m = len(zh)
    prev = [0.0] * (m + 1)
    for j in range(1, m + 1):
        prev[j] = prev[j - 1] + _zh_cost(zh[j - 1])
    for ph, drop in en:
        cur = [prev[0] + drop] + [0.0] * m
        for j in range(1, m + 1):
            z = zh[j - 1]
            cur[j] = min(
                prev[j] + drop,
                cur[j - 1] + _zh_cost(z),
                prev[j - 1] + _sub_cost(ph, z),
            )
        prev = cur
    cost = prev[m]
    (first, drop), z0 = en[0], zh[0]
    if drop == 1.0 and z0 not in _ZH_WEAK and _sub_cost(first, z0) == 1.0:
        cost += _ONSET  # transliteration keeps the first sound of a name
    size = max(sum(c for _, c in en), sum(map(_zh_cost, zh)), 1.0)
    return max(0.0, 1.0 - cost / size)


def skeleton_similarity(a: str, b: str) -> float:
    """Edit similarity of two consonant skeletons (1 = identical)."""
    if not a or not b:
        return 0.0
    return 1.0 - _edit(a, b) / max(len(a), len(b))


def _edit(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def transliteration_runs(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` written in transliteration characters (candidate foreign names)."""
    return [(m.start(), m.end()) for m in _TRANSLIT_RUN.finditer(text)]


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


def english_names(text: str) -> list[tuple[str, int, int]]:
    """Name-like tokens of English ``text`` with their spans."""
    out = []
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        word = tok.split(" ")[0]
        if len(word) < 2 or not word[0].isupper():
            continue
        if any(c.isdigit() for c in word):  # GPT-4, A320, 5G
            out.append((tok, m.start(), m.end()))
            continue
        if word.isupper():
            # Acronyms, except headings in capitals ("CONSTITUTION OF THE ...") and roman
            # numerals (chapter numbers are the number check's business).
            if (
                word.lower() not in _CAPS_STOP
                and not _ROMAN.fullmatch(word)
                and not is_common_word(word.capitalize())
            ):
                out.append((tok, m.start(), m.end()))
            continue
        if word in _NOT_NAMES or is_common_word(word) or is_common_word(word.split("-")[0]):
            continue
        if text[m.end() : m.end() + 1] == "." and word in _TITLES:
            continue
        if _SENTENCE_START.search(text[: m.start()]) and not known_name(word):
            # A capital after a full stop says nothing; only a dictionary name counts there.
            # A capitalised ordinary word (Session, Parliament, Monday) is translated, not kept:
            # the term check follows those.
            continue
        out.append((tok, m.start(), m.end()))
    return out


def _gloss_heads(word: str) -> frozenset[str]:
    w = word.lower().replace("’", "'")
    heads = cedict.gloss_heads(w)
    for suffix in ("'s", "s", "es", "n", "ns", "an", "ian", "ians", "ese", "ites", "ite", "ish"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            heads = heads | cedict.gloss_heads(w[: -len(suffix)])
    return heads


@functools.lru_cache(maxsize=4096)
def is_common_word(word: str) -> bool:
    """A capitalised English word that CC-CEDICT glosses in lower case (a translatable word)."""
    if word.isupper():
        return False
    w = word.lower().replace("’", "'")
    forms = [w, w.removesuffix("'s")]
    for suffix in ("s", "es", "ed", "d", "ing", "ly", "ies"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            forms.append(w[: -len(suffix)] + ("y" if suffix == "ies" else ""))
    return any(cedict.is_common_gloss(f) for f in forms)


def _zh_char_phones(zh: str) -> list[tuple[str, ...]]:
    return [_syllable_phones(char_pinyin(ch).split(" ")[0]) for ch in zh]


def _best_span(
    name: str,
    zh: str,
    runs: list[tuple[int, int]],
    phones: list[tuple[str, ...]],
    inside: bool = False,
) -> tuple[float, int, int]:
    """The span of ``zh`` that sounds most like ``name``.

    Spans start at a transliteration character and may take in one other character (革顺
    Gershon, 拿弗他利 Naphtali), at a cost of :data:`_FOREIGN_CHAR`; with ``inside`` they stay
    within ``runs``.
    """
    en = _en_phones(name)
    if not en:
        return 0.0, -1, -1
    best, span = 0.0, (-1, -1)
    longest = len(en) + 3
    starts = {(i, b if inside else len(zh)) for a, b in runs for i in range(a, b)}
    if not inside:
        # The one other character may also open the name (腓利 Philip).
        starts |= {(a - 1, len(zh)) for a, _ in runs if a > 0 and _HAN.match(zh[a - 1])}
    for i, stop in sorted(starts):
        if zh[i] == "·":
            continue
        seq: tuple[str, ...] = ()
        other = 0
        for j in range(i + 1, min(stop, i + longest) + 1):
            ch = zh[j - 1]
            if ch not in _TRANSLIT and ch != "·":
                if not _HAN.match(ch) or other:
                    break
                other += 1
            seq = seq + phones[j - 1]
            if j - i < 2 and len(en) > 2:
                continue  # one character renders only a short name (但 Dan)
            s = _phone_similarity(en, seq) - _FOREIGN_CHAR * other
            if s > best:
                best, span = s, (i, j)
    return best, *span


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
    found = [(-len(h), p, h) for h in _gloss_heads(word) if (p := zh.find(h)) >= 0]
    if found:
        _, pos, head = min(found)
        return NameMatch(name, "gloss", pos, pos + len(head), 1.0)
    if word.isupper() and len(word) >= 2:
        # A translated acronym: a proper noun whose gloss spells it (联合国 United Nations).
        for a, b in chinese_names(zh):
            if _acronym_of(zh[a:b]).startswith(word):
                return NameMatch(name, "gloss", a, b, 1.0)
    if word.isupper() or any(c.isdigit() for c in word):
        return NameMatch(name, "")  # acronyms and models are kept or translated, not sounded
    runs = transliteration_runs(zh) + _single_runs(zh)
    phones = _zh_char_phones(zh)
    best, a, b = -1.0, -1, -1
    for form in _sound_forms(word):
        score, fa, fb = _best_span(form, zh, runs, phones)
        if score > best:
            best, a, b = score, fa, fb
    if best >= MATCH:
        return NameMatch(name, "pinyin", a, b, best)
    return NameMatch(name, "", a, b, best)


def _sound_forms(word: str) -> list[str]:
    """The name and its bare stem: demonyms and plurals (Amalekites 亚玛力人, Syrians)."""
    forms = [word]
    w = word.lower()
    for suffix in ("ites", "ite", "ians", "ian", "ans", "an", "ese", "ish", "'s", "’s", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            forms.append(word[: -len(suffix)])
            break
    return forms


def _single_runs(zh: str) -> list[tuple[int, int]]:
    """Lone transliteration characters (但 Dan, 含 Ham): candidates for short names only."""
    return [(m.start(), m.end()) for m in _TRANSLIT_ONE.finditer(zh)]


def latin_tokens(zh: str) -> list[str]:
    """Latin-script tokens (names, products, acronyms) inside Chinese text."""
    # Lower-case words are untranslated text (the untranslated check), not names.
    return [
        m.group(0)
        for m in _TOKEN.finditer(zh)
        if len(m.group(0)) >= 2 and any(c.isupper() or c.isdigit() for c in m.group(0))
    ]


def known_name(word: str) -> bool:
    """CC-CEDICT glosses ``word`` as a proper name (Merkel, Google, Moses): it has a standard
    Chinese rendering."""
    return bool(_gloss_heads(word)) and not is_common_word(word)


@functools.lru_cache(maxsize=1)
def _posseg() -> object:
    import jieba  # type: ignore[import-untyped]
    import jieba.posseg  # type: ignore[import-untyped]

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg


# jieba's part-of-speech tags for names of people, places, organisations and other proper nouns.
_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})


def _is_proper(head: str) -> bool:
    """A CC-CEDICT proper noun that names something (not 周四 'Thursday') and is not also an
    ordinary word (安抚 'to placate' is a county too)."""
    if not any(g not in _NOT_NAMES for g in cedict.proper_glosses(head)):
        return False
    return not _is_common_zh(head)


@functools.lru_cache(maxsize=65_536)
def _is_common_zh(word: str) -> bool:
    return any(not e.is_proper for e in cedict.entries(word))


def chinese_names(zh: str) -> list[tuple[int, int]]:
    """Spans of ``zh`` that are names: jieba words of two characters or more that CC-CEDICT
    lists as proper nouns, or that jieba tags as names and are written like a
    transliteration (jieba's tags are guesses: 水里 'in the water' is no name)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for word, tag in _posseg().lcut(zh):  # type: ignore[attr-defined]
        start, pos = pos, pos + len(word)
        if len(word) < 2 or not _HAN.match(word):
            continue
        if _is_proper(word) or (
            tag in _NAME_TAGS
            and sum(c not in _TRANSLIT for c in word) <= 1
            and not _is_common_zh(word)
        ):
            spans.append((start, pos))
        elif len(word) >= 3 and not _is_common_zh(word):
            # A name jieba glued to a word (英国总统): a proper noun opening or closing it.
            for size in range(len(word) - 1, 1, -1):
                if _is_proper(word[:size]):
                    spans.append((start, start + size))
                    break
                if _is_proper(word[-size:]):
                    spans.append((pos - size, pos))
                    break
    taken = [False] * len(zh)
    for a, b in spans:
        taken[a:b] = [True] * (b - a)
    for a, b in transliteration_runs(zh):
        # A run of transliteration characters holding no ordinary word: an unknown name.
        run = zh[a:b]
        if "·" in run or any(taken[a:b]) or _holds_common_word(run):
            continue
        spans.append((a, b))
    return sorted(spans)


def _holds_common_word(run: str) -> bool:
    return any(_is_common_zh(run[i:j]) for i in range(len(run)) for j in range(i + 2, len(run) + 1))


def _acronym_of(head: str) -> str:
    """Initials of the capitalised gloss words of a proper noun: 联合国 -> UN."""
    return "".join(g[0] for g in cedict.proper_glosses(head) if g[0].isupper())


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
    phones = _zh_char_phones(zh)
    plausible = [
        (m.start, m.end)
        for m in (find_in_chinese(n, zh) for n in missing)
        if m.score >= ABSENT and m.start >= 0
    ]
    for a, b in chinese_names(zh):
        if any(a < fb and fa < b for fa, fb in found):
            continue
        piece = zh[a:b]
        if piece in recurring:
            continue
        glosses = cedict.proper_glosses(piece)
        if any(g.lower() in en_low for g in glosses):
            continue
        if any(g.lower()[:4] in en_low for g in glosses if len(g) >= 5):
            continue  # Egypt/Egyptians, Israel/Israelite
        if any(_best_span(n, zh, [(a, b)], phones, inside=True)[0] >= ABSENT for n in missing):
            continue
        if any(fa < b and a < fb for fa, fb in plausible):
            continue  # part of a span that sounds like a missing name (基博罗哈他瓦)
        out.append(piece)
    return out


def _missing_english(
    en: str, zh: str, context_zh: str, recurring: frozenset[str] = frozenset()
) -> list[_Missing]:
    """English names of ``en`` with no rendering in ``zh``, each with a severity."""
    lost: list[tuple[str, NameMatch]] = []
    found: list[tuple[int, int]] = []
    for group in _groups(en):
        matches = [find_in_chinese(n, zh) for n in group]
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
    for name, match in lost:
        word = name.split(" ")[0]
        if orphans is None:
            orphans = _orphans(zh, en, [n for n, _ in lost], found, recurring)
        if orphans and match.score < ABSENT:
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
) -> tuple[list[str], list[str], Severity | None]:
    """Names of ``en`` missing from ``zh`` and Latin names of ``zh`` missing from ``en``."""
    order = {"info": 0, "warning": 1, "error": 2}
    severity: Severity | None = None

    def raise_to(level: Severity) -> None:
        nonlocal severity
        if severity is None or order[level] > order[severity]:
            severity = level

    missing = _missing_english(en, zh, context_zh, recurring)
    for m in missing:
        raise_to(m.severity)
    en_low = en.lower()
    missing_zh: list[str] = []
    for tok in latin_tokens(zh):
        first = tok.split(" ")[0].lower()
        if first not in en_low:
            missing_zh.append(tok)
            raise_to("warning" if first not in context_en.lower() else "info")
    return [m.name for m in missing], missing_zh, severity


RECURRING = 3


def recurring_names(zh_texts: list[str]) -> frozenset[str]:
    """Chinese names written in at least :data:`RECURRING` of ``zh_texts``."""
    seen: dict[str, int] = {}
    for zh in zh_texts:
        if not zh:
            continue
        for piece in {zh[a:b] for a, b in chinese_names(zh)}:
            seen[piece] = seen.get(piece, 0) + 1
    return frozenset(p for p, n in seen.items() if n >= RECURRING)


def name_mismatch(ctx: CheckContext) -> list[Finding]:
    """Paired beads where a name on one side is not found on the other."""
    if is_cjk(ctx.src_lang) == is_cjk(ctx.tgt_lang):
        return []
    en_is_src = not is_cjk(ctx.src_lang)
    views = ctx.beads
    zh_side = [v.tgt_text if en_is_src else v.src_text for v in views]
    recurring = recurring_names(zh_side)
    findings: list[Finding] = []
    for k, v in enumerate(views):
        if not v.is_pair:
            continue
        en, zh = (v.src_text, v.tgt_text) if en_is_src else (v.tgt_text, v.src_text)
        # Neighbouring beads: a name the aligner put one bead off is not a mismatch.
        near = [views[j] for j in range(max(0, k - 1), min(len(views), k + 2))]
        ctx_en = " ".join(n.src_text if en_is_src else n.tgt_text for n in near)
        ctx_zh = "".join(n.tgt_text if en_is_src else n.src_text for n in near)
        miss_en, miss_zh, severity = _check_pair(en, zh, ctx_en, ctx_zh, recurring)
        if severity is None:
            continue
        src_missing, tgt_missing = (miss_en, miss_zh) if en_is_src else (miss_zh, miss_en)
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
