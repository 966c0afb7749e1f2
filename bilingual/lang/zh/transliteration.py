"""How foreign names sound in Chinese: transliteration characters, phones and their alignment.

The pinyin of each Chinese character becomes phones (initial and nasal coda), an English
spelling too, and a weighted edit distance aligns them (Kavanaugh = 卡瓦诺, Naphtali = 拿弗他利);
a coarse consonant skeleton tells two names apart. Used by the name check (finding a name on the
Chinese side), the term check (the rendering of a name) and the aligner's adaptive lexicon.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from bilingual.cedict import char_pinyin
from bilingual.lang.script import HAN

# Characters Chinese uses to transliterate foreign names (Xinhua tables, most frequent).
TRANSLIT_CHARS = frozenset(
    "阿埃艾爱安昂奥巴拜班邦保鲍贝本比彼毕宾波伯博布查达戴丹道德登迪蒂丁东杜敦多厄恩尔法凡范菲费"
    "芬丰弗福夫盖甘冈高戈格贡古瓜哈海汉豪赫黑亨胡华霍基吉加贾杰金卡凯坎康考柯科可克肯库奎拉莱赖"
    "兰朗劳勒雷蕾里利莉连林琳隆卢鲁路伦罗洛马迈麦曼梅门蒙米密明摩莫默穆纳奈南内尼妮涅纽努诺欧帕"
    "派潘佩彭皮珀普奇契乔切琴丘萨塞森沙莎尚舍圣施什史舒斯松苏索塔泰坦汤唐特提汀图托瓦万旺威韦维"
    "温沃乌伍西希锡夏谢辛休雅亚扬耶伊因英尤约泽扎詹兹佐撒拿以利亚该雅各押拔玛底哥非洛珥"
    "姆顿翰治瑟娜丽娅薇茨"
    # and those of the older (Chinese Union Version) tradition
    "便悯迦孚但何谟筛户书乃亥末番琐扫鸿亭甸革迈示玻璃暗俄掳弥忒拿鸿暗罢巴珊基列黎迦南赛"
)
_TRANSLIT_CLASS = "[" + "".join(sorted(TRANSLIT_CHARS)) + "]"
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


# The name check scores every English name against every span of its bead's Chinese side,
# and a book names the same people in the same characters again and again (155,000 calls on
# 5,000 Bible verses, 60 % of them again): a pure function of two tuples.
@functools.lru_cache(maxsize=65_536)
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


def zh_char_phones(zh: str) -> list[tuple[str, ...]]:
    """The phones of each character of ``zh`` (its first reading), one tuple per character."""
    return [_char_phones(ch) for ch in zh]


# A check asks for the same characters thousands of times (every name against every bead).
@functools.lru_cache(maxsize=65_536)
def _char_phones(char: str) -> tuple[str, ...]:
    return _syllable_phones(char_pinyin(char).split(" ")[0])


def best_span(
    name: str,
    zh: str,
    runs: list[tuple[int, int]],
    phones: list[tuple[str, ...]],
    inside: bool = False,
    accept: Callable[[int, int], bool] | None = None,
) -> tuple[float, int, int]:
    """The span of ``zh`` that sounds most like ``name``.

    Spans start at a transliteration character and may take in one other character (革顺
    Gershon, 拿弗他利 Naphtali), at a cost of :data:`_FOREIGN_CHAR`; with ``inside`` they stay
    within ``runs``. ``accept`` (start, end), when given, rules spans out (the caller's
    knowledge of words).
    """
    en = _en_phones(name)
    if not en:
        return 0.0, -1, -1
    # one character renders only a short name (但 Dan); a name of several syllables takes at
    # least two characters, of four or more at least three: the consonant skeleton alone let
    # one character stand for a whole name (Pyongyang P-N = 本 at 1.0, Alloa L = 拉)
    need = max(2 if len(en) > 2 else 1, min_characters(name))
    best, span = 0.0, (-1, -1)
    longest = len(en) + 3
    starts = {(i, b if inside else len(zh)) for a, b in runs for i in range(a, b)}
    if not inside:
        # The one other character may also open the name (腓利 Philip).
        starts |= {(a - 1, len(zh)) for a, _ in runs if a > 0 and HAN.match(zh[a - 1])}
    for i, stop in sorted(starts):
        if zh[i] == "·":
            continue
        seq: tuple[str, ...] = ()
        other = 0
        for j in range(i + 1, min(stop, i + longest) + 1):
            ch = zh[j - 1]
            if ch not in TRANSLIT_CHARS and ch != "·":
                if not HAN.match(ch) or other:
                    break
                other += 1
            seq = seq + phones[j - 1]
            if j - i < need:
                continue
            s = _phone_similarity(en, seq) - _FOREIGN_CHAR * other
            if s > best and (accept is None or accept(i, j)):
                best, span = s, (i, j)
    return best, *span


_VOWEL_GROUP = re.compile(r"[aeiou]+|(?<![aeiou])y(?![aeiou])")


def syllables(name: str) -> int:
    """Spoken syllables of an English name: vowel groups of its spelling, a silent final e
    (Pete, Rose) and a consonant y (Pyongyang, Yale) not counted."""
    w = name.lower()
    n = len(_VOWEL_GROUP.findall(w))
    if n > 1 and re.search(r"[^aeiou]e$", w):
        n -= 1
    return n


def min_characters(name: str) -> int:
    """The fewest Chinese characters a transliteration of ``name`` takes: one for a name of
    one syllable, two for two or three, three for four or more (Nebuchadnezzar 尼布甲尼撒;
    renderings drop weak syllables, never most of them)."""
    n = syllables(name)
    return 1 if n <= 1 else 2 if n <= 3 else 3


def sound_forms(word: str) -> list[str]:
    """The name and its bare stem: demonyms and plurals (Amalekites 亚玛力人, Syrians,
    Caphtorim 迦斐托人)."""
    forms = [word]
    w = word.lower()
    for suffix in ("ites", "ite", "ians", "ian", "ans", "an", "ese", "ish", "'s", "’s", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            forms.append(word[: -len(suffix)])
            break
    if w.endswith("im") and len(w) >= 8:
        # the Hebrew plural of a people (Caphtorim 迦斐托, Asshurim 亚书利; not Joachim):
        # the Chinese Union Version renders the stem (and adds 人 or 族)
        forms.append(word[:-2])
    return forms


def single_runs(zh: str) -> list[tuple[int, int]]:
    """Lone transliteration characters (但 Dan, 含 Ham): candidates for short names only."""
    return [(m.start(), m.end()) for m in _TRANSLIT_ONE.finditer(zh)]
