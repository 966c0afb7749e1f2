"""Train the joint English + Chinese sentencepiece model shipped as models/enzh.model.

Reads only public-domain text from ../shared/bench (beside the checkout):
- bible-en-zh: King James Version (en) and Chinese Union Version (zh), CC0 corpus;
- prc-laws-zh-en: the PRC Constitution and the Assembly Law with their official English
  translations (public domain in China, Copyright Law art. 5).
The lines of both languages are shuffled together (seed 0). Writes models/enzh.model and
models/enzh.vocab beside this script.

    python models/train_spm.py [--vocab-size 8000] [--bench PATH]
"""

from __future__ import annotations

import argparse
import io
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_BENCH = HERE.parents[0].parent / "shared" / "bench"


def corpus_lines(bench: Path) -> tuple[list[str], list[str]]:
    """English and Chinese training lines from the public-domain parts of ``bench``."""
    en: list[str] = []
    zh: list[str] = []
    bible = bench / "bible-en-zh"
    en += (bible / "src" / "006").read_text(encoding="utf-8").splitlines()
    zh += (bible / "tgt" / "006").read_text(encoding="utf-8").splitlines()
    laws = bench / "prc-laws-zh-en" / "converted"
    for name in ("宪法", "集会游行示威法"):
        en += (laws / f"{name}.en").read_text(encoding="utf-8").splitlines()
        zh += (laws / f"{name}.zh").read_text(encoding="utf-8").splitlines()
    return [s for s in en if s.strip()], [s for s in zh if s.strip()]


def main() -> None:
    import sentencepiece as spm

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vocab-size", type=int, default=8000)
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--out", type=Path, default=HERE / "enzh")
    args = ap.parse_args()
    en, zh = corpus_lines(args.bench)
    lines = en + zh
    random.Random(0).shuffle(lines)
    # Fixed seed, one thread, lines from an iterator and the model written through a buffer: the
    # model file then records no temporary path and the same data gives the same bytes.
    spm.set_random_generator_seed(0)
    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=buf,
        model_type="unigram",
        vocab_size=args.vocab_size,
        # Chinese needs near-full coverage; rare characters become byte pieces.
        character_coverage=0.9995,
        byte_fallback=True,
        split_digits=True,
        normalization_rule_name="nmt_nfkc",
        input_sentence_size=200_000,
        shuffle_input_sentence=True,
        seed_sentencepiece_size=200_000,
        num_threads=1,
        minloglevel=2,
    )
    model = buf.getvalue()
    Path(f"{args.out}.model").write_bytes(model)
    sp = spm.SentencePieceProcessor(model_proto=model)
    vocab = "".join(
        f"{sp.id_to_piece(i)}\t{sp.get_score(i):g}\n" for i in range(sp.get_piece_size())
    )
    Path(f"{args.out}.vocab").write_text(vocab, encoding="utf-8")
    print(f"wrote {args.out}.model and {args.out}.vocab from {len(en)} en + {len(zh)} zh lines")


if __name__ == "__main__":
    main()
