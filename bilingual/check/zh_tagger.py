"""jieba's part-of-speech tagger with its HMM step over arrays: the same tags, faster.

``jieba.posseg`` hands every run of characters its dictionary does not know to a Viterbi
search over 256 (position, tag) states written as nested Python loops: ~90 % of the tagger's
time, and the tagger was most of a check's name work (issue 22). :class:`_Tagger` is jieba's
own ``POSTokenizer`` (the same dictionary, word tags and cutting) whose unknown-run step runs
:func:`viterbi` — the same sums in the same order over NumPy arrays, ties broken as jieba's
``max`` over ``(score, state)`` tuples breaks them — and remembers each run's result (a
book's unknown runs are mostly names met again and again). ``tests/test_zh_tagger.py``
compares it with jieba's tagger text by text.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import Any

import numpy as np

# jieba.posseg.viterbi.MIN_FLOAT: the emission score of a character a state never emits
_MIN_FLOAT = -3.14e100


@dataclass(frozen=True)
class _Tables:
    """jieba's HMM as arrays; state ``i`` is the ``i``-th state tuple in sorted order, so
    that "the largest index among equal scores" is jieba's tie-break (``max`` over
    ``(score, state)`` tuples)."""

    states: tuple[tuple[str, str], ...]
    start: np.ndarray  # (n,) log start probabilities
    trans: np.ndarray  # (n, n) log transition probabilities, -inf where jieba has none
    has_next: np.ndarray  # (n, n) bool: jieba's trans_p[x] has the key y
    leaves: np.ndarray  # (n,) bool: jieba's trans_p[x] is not empty
    char_states: dict[str, np.ndarray]  # a character's possible states (sorted indices)
    emit: dict[str, np.ndarray]  # (n,) per character, filled on first use


@functools.lru_cache(maxsize=1)
def _tables() -> _Tables:
    from jieba.posseg import char_state_tab_P, start_P, trans_P  # type: ignore

    states = tuple(sorted(trans_P))
    index = {s: i for i, s in enumerate(states)}
    n = len(states)
    trans = np.full((n, n), -np.inf)
    has_next = np.zeros((n, n), dtype=bool)
    for x, row in trans_P.items():
        for y, p in row.items():
            trans[index[x], index[y]] = p
            has_next[index[x], index[y]] = True
    char_states = {
        c: np.array(sorted(index[s] for s in ss), dtype=np.intp)
        for c, ss in char_state_tab_P.items()
    }
    return _Tables(
        states=states,
        start=np.array([start_P[s] for s in states]),
        trans=trans,
        has_next=has_next,
        leaves=np.array([bool(trans_P[s]) for s in states]),
        char_states=char_states,
        emit={},
    )


def _emit(tab: _Tables, char: str) -> np.ndarray:
    col = tab.emit.get(char)
    if col is None:
        from jieba.posseg import emit_P  # type: ignore

        col = np.array([emit_P[s].get(char, _MIN_FLOAT) for s in tab.states])
        tab.emit[char] = col
    return col


def viterbi(obs: str) -> list[tuple[str, str]]:
    """``jieba.posseg.viterbi.viterbi(obs, ...)``'s route (the state of each character).

    Every score is jieba's ``V[t-1][y0] + trans_p[y0].get(y, -inf) + emit_p[y].get(c,
    MIN_FLOAT)`` added in that order in float64, so the scores are bit for bit jieba's and
    the arg-max (largest state among equal scores) picks jieba's state.
    """
    tab = _tables()
    n = len(tab.states)
    every = np.arange(n, dtype=np.intp)
    active = tab.char_states.get(obs[0], every)
    scores = [tab.start[active] + _emit(tab, obs[0])[active]]
    actives = [active]
    back: list[np.ndarray] = [np.empty(0, dtype=np.intp)]
    for t in range(1, len(obs)):
        prev_mask = tab.leaves[active]
        prev = active[prev_mask]
        prev_v = scores[-1][prev_mask]
        expect = tab.has_next[prev].any(axis=0)
        mask = expect.copy()
        allowed = tab.char_states.get(obs[t])
        if allowed is not None:
            keep = np.zeros(n, dtype=bool)
            keep[allowed] = True
            mask &= keep
        if not mask.any():
            mask = expect if expect.any() else np.ones(n, dtype=bool)
        if len(prev) == 0:
            raise ValueError("max() arg is an empty sequence")  # as jieba's viterbi
        ys = np.flatnonzero(mask)
        s = (prev_v[:, None] + tab.trans[np.ix_(prev, ys)]) + _emit(tab, obs[t])[ys][None, :]
        # the last row among equal maxima: prev is sorted, so the largest state (jieba's max)
        k = len(prev) - 1 - np.argmax(s[::-1], axis=0)
        scores.append(s[k, np.arange(len(ys))])
        back.append(prev[k])
        actives.append(ys)
        active = ys
    last = scores[-1]
    best = np.flatnonzero(last == last.max())[-1] if len(last) else 0
    state = int(actives[-1][best])
    route = [0] * len(obs)
    for t in range(len(obs) - 1, -1, -1):
        route[t] = state
        if t:
            pos = int(np.searchsorted(actives[t], state))
            state = int(back[t][pos])
    return [tab.states[i] for i in route]


@functools.lru_cache(maxsize=65_536)
def _cut_han(run: str) -> tuple[tuple[str, str], ...]:
    """jieba's ``POSTokenizer.__cut`` of a run of Han characters (words and tags)."""
    route = viterbi(run)
    out: list[tuple[str, str]] = []
    begin = nexti = 0
    for i, char in enumerate(run):
        pos, tag = route[i]
        if pos == "B":
            begin = i
        elif pos == "E":
            out.append((run[begin : i + 1], tag))
            nexti = i + 1
        elif pos == "S":
            out.append((char, tag))
            nexti = i + 1
    if nexti < len(run):
        out.append((run[nexti:], route[nexti][1]))
    return tuple(out)


def _cut_detail(sentence: str) -> list[tuple[str, str]]:
    """jieba's ``POSTokenizer.__cut_detail``: an unknown run, cut and tagged (with jieba's
    own patterns: its Han range is not ours, ``lang/script``)."""
    from jieba.posseg import re_eng, re_han_detail, re_num, re_skip_detail  # type: ignore

    out: list[tuple[str, str]] = []
    for blk in re_han_detail.split(sentence):
        if re_han_detail.match(blk):
            out.extend(_cut_han(blk))
            continue
        for x in re_skip_detail.split(blk):
            if x:
                out.append((x, "m" if re_num.match(x) else "eng" if re_eng.match(x) else "x"))
    return out


@functools.lru_cache(maxsize=1)
def _tagger() -> Any:
    import jieba  # type: ignore[import-untyped]
    import jieba.posseg  # type: ignore[import-untyped]

    jieba.setLogLevel(logging.WARNING)

    class _Tagger(jieba.posseg.POSTokenizer):  # type: ignore[misc]
        # the name jieba's methods call (``self.__cut_detail``, mangled)
        def _POSTokenizer__cut_detail(self, sentence: str) -> Any:
            return (jieba.posseg.pair(w, t) for w, t in _cut_detail(sentence))

    # jieba's default tagger, sharing its dictionary and word tags (loaded once, at import)
    tagger = _Tagger.__new__(_Tagger)
    tagger.__dict__.update(jieba.posseg.dt.__dict__)
    return tagger


def tag(text: str) -> tuple[tuple[str, str], ...]:
    """``jieba.posseg.lcut(text)`` as (word, tag) pairs."""
    return tuple((p.word, p.flag) for p in _tagger().lcut(text))
