"""One running review: the current state behind a lock, its store, its checks, its JSON views.

The state is pure (bilingual.review.state); this class is the one mutable place. Every
accepted change is saved (edit log, then save file) before the call returns, so a reply the
page has seen is on disk. Checks run in a background thread on the latest version and never
hold up an edit; findings name segment ids, so findings of an older version are shown on the
beads that now hold those segments until the new ones arrive. Documents above
``RECHECK_LIMIT`` beads are checked once, when the review opens (a re-check of a book encodes
every sentence again: minutes of CPU per edit).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from bilingual.encode.base import DEFAULT_ENCODER
from bilingual.errors import EditError, StaleVersionError
from bilingual.model import Alignment, Finding, Segmentation
from bilingual.precision import json_number, rounded
from bilingual.report.json import finding_to_dict
from bilingual.review.queue import doubt, findings_by_bead, page_chrome
from bilingual.review.state import (
    SIDES,
    Aligner,
    Confirm,
    Detach,
    Edit,
    Merge,
    Move,
    Realign,
    ReviewBead,
    ReviewState,
    Side,
    Split,
    Unconfirm,
    apply_edit,
    realign,
    redo,
    undo,
)
from bilingual.review.store import ReviewStore

log = logging.getLogger(__name__)

CheckRunner = Callable[[Alignment], Sequence[Finding]]
RECHECK_LIMIT = 5_000


def default_aligner(encoder: str = DEFAULT_ENCODER) -> Aligner:
    """The project's aligner (public API) with ``encoder``."""

    def run(src: Segmentation, tgt: Segmentation) -> Alignment:
        from bilingual.align import align_segmentations

        return align_segmentations(src, tgt, encoder=encoder)

    return run


def default_checks(encoder: str | None = DEFAULT_ENCODER) -> CheckRunner:
    """The project's drift checks (public API) with ``encoder`` (None: no embeddings)."""

    def run(alignment: Alignment) -> Sequence[Finding]:
        from bilingual.check import CheckConfig, check_alignment

        return check_alignment(alignment, config=CheckConfig(encoder=encoder)).findings

    return run


def _int(obj: Mapping[str, Any], key: str) -> int:
    value = obj.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise EditError(f"{key!r} must be an integer (got {value!r}).")
    return value


def _str(obj: Mapping[str, Any], key: str, choices: Sequence[str]) -> str:
    value = obj.get(key)
    if value not in choices:
        raise EditError(f"{key!r} must be one of {', '.join(choices)} (got {value!r}).")
    return str(value)


def _side(obj: Mapping[str, Any]) -> Side:
    return "src" if _str(obj, "side", SIDES) == "src" else "tgt"


def _range_of(obj: Mapping[str, Any], default_start: int | None) -> tuple[int, int]:
    if "start" in obj or "end" in obj:
        return _int(obj, "start"), _int(obj, "end")
    bead = _int(obj, "bead")
    return (bead if default_start is None else default_start), bead


def edit_from_json(obj: Mapping[str, Any]) -> Edit:
    """The edit a ``POST /api/edit`` body asks for (fields documented in the README)."""
    op = obj.get("op")
    if op == "merge":
        return Merge(_int(obj, "bead"))
    if op == "split":
        return Split(_int(obj, "bead"), _int(obj, "src_at"), _int(obj, "tgt_at"))
    if op == "move":
        to: Literal["prev", "next"] = (
            "prev" if _str(obj, "to", ("prev", "next")) == "prev" else "next"
        )
        return Move(_int(obj, "bead"), _side(obj), to)
    if op == "detach":
        return Detach(_int(obj, "bead"), _side(obj), _int(obj, "segment"))
    if op == "confirm":
        # Confirming a bead confirms everything above it too, unless a range is given.
        return Confirm(*_range_of(obj, 0))
    if op == "unconfirm":
        return Unconfirm(*_range_of(obj, None))
    raise EditError(
        f"unknown op {op!r}; use one of merge, split, move, detach, confirm, unconfirm."
    )


def _num(value: float) -> float | None:
    return json_number(value)


def side_json(seg: Segmentation) -> dict[str, Any]:
    return {
        "lang": seg.document.lang,
        "name": seg.document.name,
        "sentences": [s.text for s in seg.segments],
        "paragraphs": [s.paragraph for s in seg.segments],
    }


@dataclass(frozen=True)
class Published:
    """Findings of one checked version with their per-bead placement for the current beads."""

    findings_version: int | None
    findings: tuple[Finding, ...]
    per_bead: tuple[tuple[int, ...], ...]
    doubt: np.ndarray
    chrome: np.ndarray  # page chrome ("Share:"): last in the queue


class ReviewSession:
    """The running review (thread-safe): edits, undo/redo, realign, exports, JSON views."""

    def __init__(
        self,
        state: ReviewState,
        store: ReviewStore,
        *,
        aligner: Aligner | None = None,
        checks: CheckRunner | None = None,
        recheck_limit: int = RECHECK_LIMIT,
    ) -> None:
        self._lock = threading.RLock()
        self.state = state
        self.store = store
        self.aligner = aligner or default_aligner()
        self._checks = checks
        # Re-checking after every edit re-encodes the whole document once the encoder's
        # cache is full; above this many beads the checks run once, at the start.
        self._recheck = len(state.beads) <= recheck_limit
        self._findings: tuple[Finding, ...] = ()
        self._findings_version: int | None = None
        self._wanted = threading.Event()
        self._published = self._publish()
        if checks is not None:
            threading.Thread(target=self._check_loop, name="review-checks", daemon=True).start()
            self._wanted.set()

    # -- checks -------------------------------------------------------------------------

    def _check_loop(self) -> None:
        checks = self._checks
        if checks is None:
            return
        while True:
            self._wanted.wait()
            self._wanted.clear()
            with self._lock:
                state = self.state
            try:
                findings = tuple(checks(state.alignment()))
            except Exception:  # a failing check must not take the review down
                log.exception("the drift checks failed; the findings shown are older")
                findings = self._findings
            with self._lock:
                self._findings, self._findings_version = findings, state.version
                self._published = self._publish()

    def _publish(self) -> Published:
        per_bead = findings_by_bead(self.state, self._findings)
        return Published(
            self._findings_version,
            self._findings,
            tuple(tuple(x) for x in per_bead),
            doubt(self.state, self._findings, per_bead),
            page_chrome(self.state),
        )

    def warm_up(self, encoder: str) -> None:
        """Load ``encoder`` in the background so the first re-alignment does not wait for it."""

        def load() -> None:
            from bilingual.encode.base import get_encoder

            try:
                get_encoder(encoder)
            except Exception:  # the real error surfaces on the first re-alignment
                log.debug("could not preload encoder %s", encoder, exc_info=True)

        threading.Thread(target=load, name="review-warm-up", daemon=True).start()

    def wait_for_checks(self, timeout: float = 60.0) -> bool:
        """Block until the findings are of the current version (tests, benchmarks)."""
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                done = self._findings_version == self.state.version
                if (
                    self._checks is None
                    or done
                    or (self._findings_version is not None and not self._recheck)
                ):
                    return True
            time.sleep(0.05)
        return False

    # -- changes ------------------------------------------------------------------------

    def _check_version(self, version: object) -> None:
        if isinstance(version, bool) or not isinstance(version, int) or abs(version) > 2**53:
            raise EditError("'version' must be the integer version the edit was made on.")
        if version != self.state.version:
            raise StaleVersionError(
                f"the alignment is at version {self.state.version}, this edit was made on "
                f"version {version}; reload to see the current state."
            )

    def _accept(self, new: ReviewState, kind: str) -> dict[str, Any]:
        old = self.state
        # On disk before anyone sees the new version; raises when the change is not accepted.
        warning = self.store.record(new, kind)
        self.state = new
        self._published = self._publish()
        if self._checks is not None and self._recheck:
            self._wanted.set()
        out = self._change_json(old, new)
        if warning:
            out["warning"] = warning
        return out

    def edit(self, body: Mapping[str, Any]) -> dict[str, Any]:
        with self._lock:
            self._check_version(body.get("version"))
            return self._accept(apply_edit(self.state, edit_from_json(body)), "do")

    def undo(self, body: Mapping[str, Any]) -> dict[str, Any]:
        with self._lock:
            self._check_version(body.get("version"))
            return self._accept(undo(self.state), "undo")

    def redo(self, body: Mapping[str, Any]) -> dict[str, Any]:
        with self._lock:
            self._check_version(body.get("version"))
            return self._accept(redo(self.state), "redo")

    def realign(self, body: Mapping[str, Any]) -> dict[str, Any]:
        with self._lock:
            self._check_version(body.get("version"))
            span = Realign(_int(body, "start"), _int(body, "end"))
            return self._accept(realign(self.state, span, self.aligner), "do")

    # -- views --------------------------------------------------------------------------

    def _bead_json(self, k: int, b: ReviewBead, pub: Published) -> dict[str, Any]:
        return {
            "id": k,
            "src": list(b.src),
            "tgt": list(b.tgt),
            "status": b.status,
            "score": _num(b.bead.score),
            "doubt": rounded(pub.doubt[k]),
            "chrome": bool(pub.chrome[k]),
            "findings": list(pub.per_bead[k]),
        }

    def _meta_json(self) -> dict[str, Any]:
        s = self.state
        return {
            "version": s.version,
            "n_beads": len(s.beads),
            "n_confirmed": s.n_confirmed,
            "can_undo": bool(s.undo_stack),
            "can_redo": bool(s.redo_stack),
            "findings_version": self._published.findings_version,
            "checking": self._checks is not None
            and (self._published.findings_version is None or self._recheck)
            and self._published.findings_version != s.version,
        }

    def _change_json(self, old: ReviewState, new: ReviewState) -> dict[str, Any]:
        """The smallest splice turning ``old``'s beads into ``new``'s, for the page to patch."""
        a, b = old.beads, new.beads
        lo = 0
        n = min(len(a), len(b))
        while lo < n and a[lo] is b[lo]:
            lo += 1
        hi_a, hi_b = len(a), len(b)
        while hi_a > lo and hi_b > lo and a[hi_a - 1] is b[hi_b - 1]:
            hi_a -= 1
            hi_b -= 1
        pub = self._published
        beads = [self._bead_json(k, new.beads[k], pub) for k in range(lo, hi_b)]
        return {
            **self._meta_json(),
            "splice": {"start": lo, "delete": hi_a - lo, "beads": beads},
        }

    def alignment_json(self) -> dict[str, Any]:
        """``GET /api/alignment``: both sides' sentences, all beads, findings, version."""
        with self._lock:
            s, pub = self.state, self._published
            return {
                **self._meta_json(),
                "signature": s.base.signature,
                "save": str(self.store.save),
                "src": side_json(s.base.src),
                "tgt": side_json(s.base.tgt),
                "beads": [self._bead_json(k, b, pub) for k, b in enumerate(s.beads)],
                "findings": [finding_to_dict(f) for f in pub.findings],
            }

    def findings_json(self) -> dict[str, Any]:
        """``GET /api/findings``: the latest findings with doubt and placement per bead."""
        with self._lock:
            pub = self._published
            return {
                **self._meta_json(),
                "findings": [finding_to_dict(f) for f in pub.findings],
                "doubt": [rounded(d) for d in pub.doubt],
                "bead_findings": [list(x) for x in pub.per_bead],
            }

    def current_alignment(self) -> Alignment:
        with self._lock:
            return self.state.alignment()
