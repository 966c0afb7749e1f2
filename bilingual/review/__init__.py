"""Reviewing an alignment in the browser: pure edit state, autosave store, doubt queue, web app.

``bilingual review`` starts :func:`bilingual.review.app.serve`; the pieces are usable alone:
:mod:`~bilingual.review.state` (edits as pure functions with undo/redo),
:mod:`~bilingual.review.store` (save file + edit log), :mod:`~bilingual.review.queue`
(doubt ordering), :mod:`~bilingual.review.session` and :mod:`~bilingual.review.server`
(the JSON API). Importing this package loads neither Starlette nor a model.
"""

from bilingual.review.state import (
    Confirm,
    Detach,
    Merge,
    Move,
    Realign,
    ReviewBead,
    ReviewState,
    Split,
    Unconfirm,
    apply_edit,
    realign,
    redo,
    start_review,
    undo,
)

__all__ = [
    "Confirm",
    "Detach",
    "Merge",
    "Move",
    "Realign",
    "ReviewBead",
    "ReviewState",
    "Split",
    "Unconfirm",
    "apply_edit",
    "realign",
    "redo",
    "start_review",
    "undo",
]
