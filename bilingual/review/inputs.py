"""What ``bilingual review`` opens: two texts, one alignment JSONL, or a corpus folder's document.

The save file defaults to a place beside the input that is never an input itself:

- ``SRC TGT``            -> ``SRC`` with ``.review.jsonl`` for its suffix (aligned first);
- ``ALIGNMENT.jsonl``    -> ``ALIGNMENT.review.jsonl``; a file that is itself a review save
  (it has its ``.log`` beside it) is reopened and saved in place;
- ``OUT_DIR`` (corpus)   -> ``OUT_DIR/review/<doc id>.jsonl`` (outside ``alignments/``, so
  readers that glob ``alignments/**/*.jsonl`` do not take it for a document).

When the save file exists already, the review resumes from it (state and undo history).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bilingual.errors import ConfigError, InputError
from bilingual.model import Alignment
from bilingual.review.state import ReviewState, start_review
from bilingual.review.store import ReviewStore, load_alignment_state, log_path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReviewInput:
    """The inputs of one review and where it is saved."""

    inputs: tuple[Path, ...]
    save: Path
    doc_id: str | None = None


def corpus_documents(folder: Path) -> list[str]:
    """Document ids of a corpus output folder (``alignments/**/*.jsonl``), sorted."""
    root = folder / "alignments"
    return sorted(p.relative_to(root).with_suffix("").as_posix() for p in root.glob("**/*.jsonl"))


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def resolve_input(
    paths: Sequence[str],
    *,
    save: Path | None = None,
    doc: str | None = None,
    choose: Callable[[list[str]], str] | None = None,
) -> ReviewInput:
    """Which files the review reads and where it saves; InputError/ConfigError when unusable.

    ``choose`` picks a document of a corpus folder when ``doc`` is not given (the CLI
    prompts); without it a folder holding several documents is an error listing them.
    """
    if not 1 <= len(paths) <= 2:
        raise ConfigError("give SRC TGT, one ALIGNMENT.jsonl or one corpus folder.")
    first = Path(paths[0])
    doc_id: str | None = None
    if len(paths) == 2:
        inputs = (first, Path(paths[1]))
        for p in inputs:
            if not p.is_file():
                raise InputError(f"{p}: no such file; check the path.")
        default = first.with_name(first.name.split(".")[0] + ".review.jsonl")
        if any(_same(default, p) for p in inputs):
            default = first.with_name(first.name + ".review.jsonl")
    elif first.is_dir():
        docs = corpus_documents(first)
        if not docs:
            raise InputError(
                f"{first}: holds no alignments/**/*.jsonl; give a corpus folder written by "
                "the corpus command, an alignment JSONL, or SRC TGT."
            )
        if doc is None:
            if len(docs) == 1:
                doc = docs[0]
            elif choose is not None:
                doc = choose(docs)
            else:
                raise ConfigError(
                    f"{first} holds {len(docs)} documents; pick one with --doc "
                    f"(e.g. --doc {docs[0]}): {', '.join(docs[:20])}"
                    + (" ..." if len(docs) > 20 else "")
                )
        if doc not in docs:
            raise ConfigError(
                f"{first} has no document {doc!r}; use one of {', '.join(docs[:20])}."
            )
        doc_id = doc
        inputs = (first / "alignments" / f"{doc}.jsonl",)
        default = first / "review" / f"{doc}.jsonl"
    elif first.is_file():
        inputs = (first,)
        if log_path(first).exists():
            default = first  # a review save file: continue it
        else:
            default = first.with_name(first.name.removesuffix(".jsonl") + ".review.jsonl")
    else:
        raise InputError(f"{first}: no such file or folder; check the path.")
    target = save if save is not None else default
    if save is not None and any(_same(target, p) for p in inputs) and not log_path(target).exists():
        raise ConfigError(
            f"--save {target} is an input; the review never replaces its input, pick another path."
        )
    if not target.parent.is_dir():
        if save is None and doc_id is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
        else:
            raise InputError(f"{target}: the folder {target.parent} does not exist; create it.")
    return ReviewInput(inputs, target, doc_id)


def open_state(
    where: ReviewInput, align: Callable[[Path, Path], Alignment] | None = None
) -> tuple[ReviewState, ReviewStore]:
    """The state to review and its store: resumed from the save file when there is one.

    The store holds the save file's lock (one writer per review) until ``store.close()`` or
    the process ends.
    """
    store = ReviewStore(where.save)
    store.lock()  # before reading: a second server on this save file refuses here
    if where.save.exists():
        log.info("resuming the review saved in %s", where.save)
        return store.restore(), store
    if len(where.inputs) == 2:
        if align is None:
            raise ConfigError("aligning two texts needs an aligner.")
        state = start_review(align(*where.inputs))
    else:
        state = load_alignment_state(where.inputs[0])
    state = ReviewState(base=state.base, beads=state.beads, version=0)
    store.begin(state)
    return state, store
