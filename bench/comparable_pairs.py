"""A seeded generator of comparable document pairs with the truth of every change.

Takes parallel NTREX-128 news documents (``bench_drift.load_ntrex``, read from ../shared/bench)
and rewrites the Chinese and English sides apart, the way two separately written versions of
one story differ:

  dropped     a Chinese sentence removed: its English sentence is English-only   (truth: src)
  dropped     an English sentence removed: its Chinese sentence is Chinese-only  (truth: tgt)
  added       an opinion sentence from another document added to one side       (truth: that side)
  quantity    a number written in digits in the Chinese changed (×2..×5 or +1..+9 years)
              while the English keeps it                                         (truth: both)
  summarised  a long Chinese sentence cut to its first clause (a real change, counted for
              precision, not recall: the rest may be said elsewhere)
  name        (``names=True`` only) in one Chinese sentence a name the English states too
              replaced by another name of the same document's Chinese (an actor or a
              place changed), drawn from a generator of its own so the other changes stay
              those of ``names=False``                                          (truth: both)
  rewritten   (``rewrites=True`` only) one Chinese paragraph told in other words in the same
              place: its clauses regrouped into new sentences across the old sentence
              boundaries (started mid-paragraph), a third of the clauses dropped, and
              each new sentence given one clause of another document (material of its
              own); the English keeps the paragraph. Drawn from a generator of its own;
              the rewritten paragraph
              is put back after the Chinese paragraph that holds the English paragraph
              before it (a rewrite replaces the passage where it stood), so the other changes
              stay those of ``rewrites=False`` (only that paragraph's place in the Chinese
              order differs)                                                   (truth: both)
  paragraph   (``paragraphs=True`` only) one English paragraph whose sentences the Chinese
              does not have (each also a ``dropped`` change), and one Chinese paragraph of
              three consecutive sentences of another document (each also ``added``); drawn
              from a second generator so the other changes stay those of ``paragraphs=False``
              (the noise below may fall differently)
  noise       two Chinese sentences of a paragraph merged, the Chinese paragraphs put in a
              random order, the sentences of some of them rotated, two paragraphs merged (no
              claim changes: a separately written version tells the story in its own order)

Paragraphs are runs of 3-4 sentences; a sentence without end punctuation (a headline or a
subhead) ends its line, as on a page. Everything is drawn from ``random.Random(seed + k)``
for document ``k``, so a pair and its truth depend only on the seed and the document.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from bench_drift import Doc, load_ntrex

from bilingual.numbers import extract_numbers, quantities_match

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
# a sentence that ends without one of these is a headline or a subhead (NTREX sentence 0 of a
# document is its headline): a page sets it on a line of its own, never runs it into the next
_ENDS = re.compile(r"[.!?。！？…\"”’')）:：;；,，]\s*$")


def _join(sentences: list[str], sep: str) -> str:
    """A paragraph's text: sentences joined by ``sep``, a headline-like one ending its line."""
    out = ""
    for k, s in enumerate(sentences):
        if k:
            out += sep if _ENDS.search(sentences[k - 1]) else "\n"
        out += s
    return out


@dataclass(frozen=True)
class Change:
    """One change with the sentence text(s) where it shows, per side ("" where none)."""

    kind: str  # dropped | added | quantity | summarised | paragraph | name | rewritten
    src: str
    tgt: str


@dataclass(frozen=True)
class Pair:
    name: str
    src_text: str  # English, paragraphs separated by blank lines
    tgt_text: str  # Chinese
    changes: tuple[Change, ...]


def _paragraphs(n: int, rng: random.Random) -> list[list[int]]:
    out, k = [], 0
    while k < n:
        size = rng.choice((3, 4))
        out.append(list(range(k, min(n, k + size))))
        k += size
    if len(out) > 1 and len(out[-1]) == 1:
        # pop first: ``out[-2] += out.pop()`` indexes before the pop and so overwrote the
        # first paragraph with a copy of the second (a third of the documents lost one)
        last = out.pop()
        out[-1] += last
    return out


def _change_number(en: str, zh: str, rng: random.Random) -> str | None:
    """``zh`` with one of its digit quantities changed, if the English states it too."""
    en_q = extract_numbers(en, "en")
    for q in extract_numbers(zh, "zh"):
        if not _DIGITS.search(q.text) or q.unit == "ordinal":
            continue
        if not any(quantities_match(p, q) for p in en_q):
            continue
        m = _DIGITS.search(q.text)
        assert m is not None
        value = float(m.group())
        if q.unit == "year":
            new = value + rng.randint(1, 9)
        else:
            new = value * rng.choice((2, 3, 5)) if value else 7
        text = f"{new:g}" if "." in m.group() else str(int(new))
        return zh[: q.start + m.start()] + text + zh[q.start + m.end() :]
    return None


def _change_name(en: str, zh: str, others: list[str], rng: random.Random) -> str | None:
    """``zh`` with one name the English states too replaced by a different name of
    ``others`` (names of the same document), if there is one."""
    from bilingual.check.names import find_in_chinese
    from bilingual.check.zh_names import chinese_names
    from bilingual.lang.en.names import english_names

    spans = []
    for name, _, _ in english_names(en):
        m = find_in_chinese(name, zh)
        if m.how and (m.start, m.end) in set(chinese_names(zh)):
            spans.append((m.start, m.end))
    if not spans:
        return None
    a, b = rng.choice(sorted(set(spans)))
    choices = sorted({o for o in others if o != zh[a:b] and o not in zh})
    if not choices:
        return None
    return zh[:a] + rng.choice(choices) + zh[b:]


_CLAUSE = re.compile(r"(?<=[，；。！？])")


def _clauses(sentences: list[str]) -> list[str]:
    pieces = (c.rstrip("，；。！？") for s in sentences for c in _CLAUSE.split(s))
    return [c for c in pieces if c.strip()]


def _rewrite(
    sentences: list[str], rng: random.Random, foreign: list[str] | None = None
) -> list[str]:
    """``sentences`` (Chinese) told in other words: the same clauses, one in three dropped,
    regrouped into sentences of two or three clauses starting mid-paragraph, so most new
    sentences straddle two old ones; with ``foreign`` (clauses of another text), each new
    sentence also carries one of them (the writer's own material)."""
    clauses = _clauses(sentences)
    gone = set(rng.sample(range(len(clauses)), len(clauses) // 3))
    kept = [c for k, c in enumerate(clauses) if k not in gone]
    k = rng.randrange(1, len(kept)) if len(kept) > 1 else 0
    kept = kept[k:] + kept[:k]
    out, j = [], 0
    while j < len(kept):
        n = rng.choice((2, 3))
        group = kept[j : j + n]
        if foreign:
            group.insert(rng.randrange(len(group) + 1), rng.choice(foreign))
        out.append("，".join(group) + "。")
        j += n
    return out


def _paragraph_changes(
    doc: Doc,
    pool: list[Doc],
    paras: list[list[int]],
    zh: list[str | None],
    used: set[int],
    rng: random.Random,
) -> tuple[list[Change], list[str]]:
    """One English-only paragraph (its Chinese sentences set to None in ``zh``) and the
    sentences of one Chinese-only paragraph taken from another document."""
    changes: list[Change] = []
    free = [p for p in paras if len(p) >= 2 and not set(p) & used]
    if len(paras) >= 3 and free:
        p = rng.choice(free)
        for i in p:
            zh[i] = None
            changes.append(Change("dropped", doc.src[i], ""))
        used.update(p)
        changes.append(Change("paragraph", " ".join(doc.src[i] for i in p), ""))
    others = [d for d in pool if d.name != doc.name and len(d.tgt) >= 4]
    other = rng.choice(others)
    k = rng.randrange(len(other.tgt) - 2)
    added = list(other.tgt[k : k + 3])
    changes += [Change("added", "", t) for t in added]
    changes.append(Change("paragraph", "", "".join(added)))
    return changes, added


def make_pair(
    doc: Doc,
    pool: list[Doc],
    seed: int,
    paragraphs: bool = False,
    names: bool = False,
    rewrites: bool = False,
) -> Pair | None:
    """A comparable pair made from the 1-1 document ``doc`` (None when it is too short)."""
    rng = random.Random(seed)
    n = len(doc.src)
    if n < 6:
        return None
    en = list(doc.src)
    zh: list[str | None] = list(doc.tgt)
    enk: list[str | None] = list(doc.src)
    changes: list[Change] = []
    order = list(range(n))
    rng.shuffle(order)
    used: set[int] = set()

    def take(k: int) -> list[int]:
        got = [i for i in order if i not in used][:k]
        used.update(got)
        return got

    for i in take(max(1, round(0.12 * n))):
        changes.append(Change("dropped", en[i], ""))
        zh[i] = None
    for i in take(max(1, round(0.08 * n))):
        changes.append(Change("dropped", "", doc.tgt[i]))
        enk[i] = None
    for i in [i for i in order if i not in used]:
        new = _change_number(en[i], doc.tgt[i], rng)
        if new is not None:
            used.add(i)
            zh[i] = new
            changes.append(Change("quantity", en[i], new))
            break
    for i in [i for i in order if i not in used]:
        parts = re.split(r"(?<=[，；])", doc.tgt[i])
        if len(parts) >= 3 and len(doc.tgt[i]) > 40:
            used.add(i)
            zh[i] = parts[0].rstrip("，；") + "。"
            changes.append(Change("summarised", en[i], zh[i]))  # type: ignore[arg-type]
            break
    if names:
        from bilingual.check.zh_names import chinese_names

        nrng = random.Random(-seed - 3)
        pool_names = [t[a:b] for t in doc.tgt for a, b in chinese_names(t)]
        for i in nrng.sample(range(n), n):
            if i in used or zh[i] is None:
                continue
            new = _change_name(en[i], doc.tgt[i], pool_names, nrng)
            if new is not None:
                used.add(i)
                zh[i] = new
                changes.append(Change("name", en[i], new))
                break
    paras = _paragraphs(n, rng)
    extra: list[str] = []
    if paragraphs:
        more, extra = _paragraph_changes(doc, pool, paras, zh, used, random.Random(-seed - 1))
        changes += more
    src_pars = [[enk[i] for i in p if enk[i] is not None] for p in paras]
    tgt_pars = [[zh[i] for i in p if zh[i] is not None] for p in paras]
    rewritten: tuple[int, list[str]] | None = None
    if rewrites:
        rrng = random.Random(-seed - 4)
        # a paragraph with no other change, after the first (its place is read from the one
        # before it), of at least three sentences and four clauses
        free = [
            k
            for k, p in enumerate(paras)
            if k and len(p) >= 3 and not set(p) & used and len(_clauses(tgt_pars[k])) >= 4
        ]
        if free:
            k = rrng.choice(free)
            other = rrng.choice([d for d in pool if d.name != doc.name])
            new = _rewrite(tgt_pars[k], rrng, _clauses(list(other.tgt)))
            changes.append(Change("rewritten", " ".join(en[i] for i in paras[k]), "".join(new)))
            used.update(paras[k])
            rewritten = (k, new)
    # added opinion: a sentence of another document, on each side
    others = [d for d in pool if d.name != doc.name and len(d.src) >= 3]
    for side in ("src", "tgt"):
        other = rng.choice(others)
        k = rng.randrange(len(other.src))
        pars = src_pars if side == "src" else tgt_pars
        p = rng.randrange(len(pars))
        sent = other.src[k] if side == "src" else other.tgt[k]
        pars[p].insert(rng.randint(0, len(pars[p])), sent)
        changes.append(
            Change("added", sent if side == "src" else "", sent if side == "tgt" else "")
        )
    # noise on the Chinese side: merge two sentences, swap two paragraphs, merge two paragraphs
    long_par = [p for p in tgt_pars if len(p) >= 2]
    if long_par:
        p = rng.choice(long_par)
        j = rng.randrange(len(p) - 1)
        p[j : j + 2] = [p[j] + p[j + 1]]
    rng.shuffle(tgt_pars)
    for p in tgt_pars:
        if len(p) >= 2 and rng.random() < 0.5:
            p.append(p.pop(0))
    if len(tgt_pars) >= 4:
        j = rng.randrange(len(tgt_pars) - 1)
        tgt_pars[j : j + 2] = [tgt_pars[j] + tgt_pars[j + 1]]
    if rewritten is not None:
        # applied after the noise, so the noise draws what it drew without rewrites: the
        # old sentences (merged or not) leave their paragraph, and the rewrite stands in
        # their place, after the Chinese paragraph holding the English paragraph before it
        k, new = rewritten
        old = [t for i in paras[k] if (t := zh[i]) is not None]
        before = [t for i in paras[k - 1] if (t := zh[i]) is not None]
        for p in tgt_pars:
            for o in old:
                p[:] = [t.replace(o, "") for t in p]
        tgt_pars = [q for p in tgt_pars if (q := [t for t in p if t])]
        at = next(
            (j + 1 for j, p in enumerate(tgt_pars) if any(b in t for t in p for b in before)),
            len(tgt_pars),
        )
        tgt_pars.insert(at, new)
    if extra:
        # the Chinese-only paragraph stands on its own somewhere (after the noise: not merged)
        tgt_pars.insert(random.Random(-seed - 2).randint(0, len(tgt_pars)), extra)
    src_text = "\n\n".join(_join(p, " ") for p in src_pars if p)  # type: ignore[arg-type]
    tgt_text = "\n\n".join(_join(p, "") for p in tgt_pars if p)  # type: ignore[arg-type]
    return Pair(doc.name, src_text, tgt_text, tuple(changes))


def generate(
    seed: int = 21,
    limit: int | None = None,
    paragraphs: bool = False,
    names: bool = False,
    rewrites: bool = False,
) -> list[Pair]:
    """Comparable pairs from every NTREX document long enough (``limit``: the first n;
    ``paragraphs``: with one paragraph only in English and one only in Chinese; ``names``:
    with one name changed in the Chinese; ``rewrites``: with one Chinese paragraph told in
    other words in the same place)."""
    docs = load_ntrex()
    out = []
    for k, d in enumerate(docs):
        p = make_pair(d, docs, seed * 1000 + k, paragraphs, names, rewrites)
        if p is not None:
            out.append(p)
        if limit is not None and len(out) >= limit:
            break
    return out
