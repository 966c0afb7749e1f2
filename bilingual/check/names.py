"""Names, products and acronyms present on one side of a bead only.

English names are capitalised words inside a sentence, acronyms and tokens with digits
("GPT-4", "Opus 4.5"). One is found on a Chinese side when it appears there in Latin letters,
when a Chinese word there is glossed with it in CC-CEDICT (Google = 谷歌), or when a run of
transliteration characters sounds like it (Stokes = 斯托克斯: consonant skeletons compared).
Chinese-side names are Latin tokens and CC-CEDICT proper nouns.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from bilingual.check._cedict import cedict
from bilingual.check.context import CheckContext, finding, is_cjk
from bilingual.model import Evidence, Finding, Severity

_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9&+\-]*(?:[.\-][A-Za-z0-9]+)*(?: \d+(?:\.\d+)*\b)?")
# Capitalised words that are grammar, titles or calendar rather than names.
_NOT_NAMES = frozenset(
    "I A An The This That These Those It Its He She We They You His Her Our Their My Your "
    "But And Or "
    "If In On At For From With By Of To As So Not No Yes Mr Mrs Ms Dr Sir St Jr Sr Prof Mt "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December Lord God".split()
)
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
    # and those of the older (Chinese Union Version) tradition
    "便悯迦孚但何谟筛户书乃亥末番琐扫鸿亭甸革迈示玻璃暗俄掳弥忒拿鸿暗罢巴珊基列黎迦南赛"
)
_TRANSLIT_RUN = re.compile("[" + "".join(sorted(_TRANSLIT)) + "·]{2,}")

# Consonant classes shared by English spelling and pinyin initials.
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
_PY_INITIAL = re.compile(r"^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?([a-zü:]*?)(\d)?$")
_PY_CLASS = {
    "b": "p",
    "p": "p",
    "m": "m",
    "f": "f",
    "d": "t",
    "t": "t",
    "n": "n",
    "l": "l",
    "r": "l",
    "g": "k",
    "k": "k",
    "h": "h",
    "j": "s",
    "q": "s",
    "x": "s",
    "zh": "s",
    "ch": "s",
    "sh": "s",
    "z": "s",
    "c": "s",
    "s": "s",
    "y": "",
    "w": "",
}
_CONSONANT = set("pmftnlkhs")

MIN_SKELETON = 3
MATCH = 0.7


def en_skeleton(word: str) -> str:
    """Consonant classes of an English name, vowels dropped, repeats collapsed."""
    w = word.lower()
    for a, b in _EN_RULES:
        w = w.replace(a, b)
    out = [c for c in w if c in _CONSONANT]
    return "".join(c for i, c in enumerate(out) if i == 0 or c != out[i - 1])


def _py_skeleton(syllable: str) -> str:
    m = _PY_INITIAL.match(syllable)
    if not m:
        return ""
    initial, final = m.group(1) or "", m.group(2)
    out = _PY_CLASS.get(initial, "")
    if final == "er":
        out += "l"
    elif final.endswith(("n", "ng")) and len(final) > 1:
        out += "n"
    return out


def zh_skeleton(text: str) -> str:
    """Consonant classes of the pinyin of ``text`` (unknown characters contribute nothing)."""
    table = cedict().pinyin
    out = "".join(_py_skeleton(table.get(c, "").split(" ")[0]) for c in text)
    return "".join(c for i, c in enumerate(out) if i == 0 or c != out[i - 1])


def _edit(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def skeleton_similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return 1.0 - _edit(a, b) / max(len(a), len(b))


def transliteration_runs(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` written in transliteration characters (candidate foreign names)."""
    return [(m.start(), m.end()) for m in _TRANSLIT_RUN.finditer(text)]


@dataclass(frozen=True)
class NameMatch:
    """Where (and how) an English name was found in a Chinese text; ``how`` is '' when absent."""

    name: str
    how: str
    start: int = -1
    end: int = -1


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
        if _SENTENCE_START.search(text[: m.start()]) and not known_name(word):
            # A capital after a full stop says nothing; only a dictionary name counts there.
            # A capitalised ordinary word (Session, Parliament, Monday) is translated, not kept:
            # the term check follows those.
            continue
        out.append((tok, m.start(), m.end()))
    return out


def _gloss_heads(word: str) -> frozenset[str]:
    table = cedict().by_gloss
    w = word.lower()
    heads = table.get(w, frozenset())
    for suffix in ("'s", "’s", "s", "es", "n", "an", "ian", "ese"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            heads = heads | table.get(w[: -len(suffix)], frozenset())
    return heads


@functools.lru_cache(maxsize=4096)
def is_common_word(word: str) -> bool:
    """A capitalised English word that CC-CEDICT glosses in lower case (a translatable word)."""
    if word.isupper():
        return False
    w = word.lower().replace("’", "'")
    common = cedict().common
    forms = [w, w.removesuffix("'s")]
    for suffix in ("s", "es", "ed", "d", "ing", "ly", "ies"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            forms.append(w[: -len(suffix)] + ("y" if suffix == "ies" else ""))
    return any(f in common for f in forms)


def find_in_chinese(name: str, zh: str) -> NameMatch:
    """Locate English ``name`` in Chinese text ``zh`` by Latin form, gloss or sound."""
    low = zh.lower()
    word = name.split(" ")[0]
    if "." in word and word.replace(".", "").isupper():
        word = word.replace(".", "")  # U.S. = US
    pos = low.find(word.lower())
    if pos >= 0:
        return NameMatch(name, "latin", pos, pos + len(word))
    for head in sorted(_gloss_heads(word), key=len, reverse=True):
        pos = zh.find(head)
        if pos >= 0:
            return NameMatch(name, "gloss", pos, pos + len(head))
    skel = en_skeleton(word)
    if len(skel) >= MIN_SKELETON:
        best, span = 0.0, (-1, -1)
        for a, b in transliteration_runs(zh):
            for i in range(a, b):
                for j in range(i + 2, min(b, i + 2 * len(skel) + 2) + 1):
                    s = skeleton_similarity(skel, zh_skeleton(zh[i:j]))
                    if s > best:
                        best, span = s, (i, j)
        if best >= MATCH:
            return NameMatch(name, "pinyin", *span)
    return NameMatch(name, "")


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


def _name_severity(
    name: str, found: dict[str, int], missed: dict[str, int], context_zh: str
) -> Severity:
    """How sure a missing English name is a real mismatch.

    Sure (warning) for product and model names with digits ("GPT-4", "Opus 4.5"), for a name
    this document renders elsewhere, and for a name mentioned once that CC-CEDICT knows (it
    has a standard rendering). A name never found in the whole document is rendered in a way
    the matcher does not recognise (older transliterations, translated acronyms): info.
    """
    word = name.split(" ")[0]
    if find_in_chinese(name, context_zh).how:
        return "info"  # one bead off: an alignment border, not a lost name
    if any(c.isdigit() for c in word) or _VERSION.search(name):
        return "warning"
    if found.get(word, 0) > 0:
        return "warning"
    if missed.get(word, 0) <= 1 and known_name(word):
        return "warning"
    return "info"


def _check_pair(
    en: str,
    zh: str,
    context_en: str,
    context_zh: str,
    found: dict[str, int],
    missed: dict[str, int],
) -> tuple[list[str], list[str], Severity | None]:
    """Names of ``en`` missing from ``zh`` and Latin names of ``zh`` missing from ``en``."""
    order = {"info": 0, "warning": 1, "error": 2}
    missing_en: list[str] = []
    severity: Severity | None = None

    def raise_to(level: Severity) -> None:
        nonlocal severity
        if severity is None or order[level] > order[severity]:
            severity = level

    for name, _, _ in english_names(en):
        if find_in_chinese(name, zh).how:
            continue
        missing_en.append(name)
        raise_to(_name_severity(name, found, missed, context_zh))
    en_low = en.lower()
    missing_zh: list[str] = []
    for tok in latin_tokens(zh):
        first = tok.split(" ")[0].lower()
        if first not in en_low:
            missing_zh.append(tok)
            raise_to("warning" if first not in context_en.lower() else "info")
    return missing_en, missing_zh, severity


def name_mismatch(ctx: CheckContext) -> list[Finding]:
    """Paired beads where a name on one side is not found on the other."""
    if is_cjk(ctx.src_lang) == is_cjk(ctx.tgt_lang):
        return []
    en_is_src = not is_cjk(ctx.src_lang)
    views = ctx.beads
    # Names this document renders somewhere: missing one of them elsewhere is telling.
    found: dict[str, int] = {}
    missed: dict[str, int] = {}
    for v in views:
        if v.is_pair:
            en, zh = (v.src_text, v.tgt_text) if en_is_src else (v.tgt_text, v.src_text)
            for name, _, _ in english_names(en):
                tally = found if find_in_chinese(name, zh).how else missed
                word = name.split(" ")[0]
                tally[word] = tally.get(word, 0) + 1
    findings: list[Finding] = []
    for k, v in enumerate(views):
        if not v.is_pair:
            continue
        en, zh = (v.src_text, v.tgt_text) if en_is_src else (v.tgt_text, v.src_text)
        # Neighbouring beads: a name the aligner put one bead off is not a mismatch.
        near = [views[j] for j in range(max(0, k - 1), min(len(views), k + 2))]
        ctx_en = " ".join(n.src_text if en_is_src else n.tgt_text for n in near)
        ctx_zh = "".join(n.tgt_text if en_is_src else n.src_text for n in near)
        miss_en, miss_zh, severity = _check_pair(en, zh, ctx_en, ctx_zh, found, missed)
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
