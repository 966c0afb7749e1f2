"""How often true translations disagree on their quantities (what a number check would flag).

For the 1-1 pairs of real translations (Tatoeba, NTREX, Bible 1-1 gold beads), extract the
quantities of both sides and compare them as multisets. Every unequal pair is a would-be false
alarm of a naive number check (or a real translation difference: NTREX has a few). Prints the
share of pairs with any quantity, the share of unequal pairs, and the most frequent leftovers.

    python bench/number_agreement.py
"""

from __future__ import annotations

import time
from collections import Counter

from lexical_retrieval import datasets

from bilingual.numbers import compare_quantities, extract_numbers


def main() -> None:
    print("| data | pairs | with quantities | unequal | unequal % | seconds | top leftovers |")
    print("|---|---|---|---|---|---|---|")
    for name, sl, src, tl, tgt in datasets():
        if tl != "zh":
            continue
        start = time.perf_counter()
        with_q = unequal = 0
        left: Counter[str] = Counter()
        for s, t in zip(src, tgt, strict=True):
            a, b = extract_numbers(s, sl), extract_numbers(t, tl)
            with_q += bool(a or b)
            diff = compare_quantities(a, b)
            if not diff.equal:
                unequal += 1
                left.update(f"{sl}:{q.text}" for q in diff.src_only)
                left.update(f"{tl}:{q.text}" for q in diff.tgt_only)
        secs = time.perf_counter() - start
        top = ", ".join(f"{k} ({v})" for k, v in left.most_common(5))
        print(
            f"| {name} | {len(src)} | {with_q} | {unequal} | {100 * unequal / len(src):.1f} | "
            f"{secs:.2f} | {top} |"
        )


if __name__ == "__main__":
    main()
