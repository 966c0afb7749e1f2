"""The learned bead scorer: a bead cost that is a linear function of per-bead features.

The model (``models/bead_scorer.json``, card ``models/bead_scorer.md``, trained by
``python models/train_scorer.py`` on development gold only) is one of two kinds (see
:class:`ScorerModel`): a logistic model whose cost is ``−log p`` (the DP then finds the most
probable path), or — what ships, because it aligned better on dev — a cost fitted on the DP's
own decisions, whose ``Bead.score`` comes from the confidence model refitted on its dev beads.

Features are computed for whole arrays of DP cells at once from what :class:`BeadScorer`
already holds (window cosines from prefix sums, per-document channel calibration, the
Gale–Church length model), so the learned scorer costs a few vector operations more per cell
than the hand-set one. Inference is pure numpy; training (models/train_scorer.py) is too.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from bilingual.align.config import AlignConfig
from bilingual.align.dp import Band
from bilingual.align.features import BeadScorer, Calibration, SideFeatures
from bilingual.errors import ConfigError

if TYPE_CHECKING:
    pass

MODEL_FILE = "bead_scorer.json"

# The order of the columns of :func:`bead_features`; the model file names them too, and
# loading refuses a file whose names differ (a model trained on other features).
FEATURES: tuple[str, ...] = (
    "sem",  # window cosine, document-normalised (0 unrelated, 1 typical match)
    "sem_sq",
    "cos",  # raw window cosine
    "hub",  # mean local hubness of the members (CSLS-like), normalised like sem
    "sem_x_extra",  # sem times the extra segments: merges must earn their size
    "lex",  # lexical cosine, normalised, dictionary pairs (zh–en through CC-CEDICT)
    "lex_cov_src",  # share of the source window's lexical mass the target window covers
    "lex_cov_tgt",  # and the other way round
    "lex_empty",  # a side without any lexical key (the channel says nothing)
    "lex_prefix",  # lexical cosine for pairs without a dictionary (shared word prefixes)
    "len_cost",  # Gale–Church −log p, capped at 10
    "shape_1_1",
    "shape_1_2",
    "shape_2_1",
    "shape_2_2",
    "shape_1_3",  # 1:3 or 3:1
    "shape_big",  # anything larger
    "extra",  # a + b − 2
    "diag",  # distance of the bead's centre from the document's diagonal (fraction)
    "omit_src",  # 1:0
    "omit_tgt",  # 0:1
    "omit_quality",  # the omitted segment's best normalised match in the band, in [0, 1]
    "omit_loglen",  # log(1 + characters) of the omitted segment (source units)
)
_F = {name: k for k, name in enumerate(FEATURES)}


@dataclass(frozen=True)
class ScorerModel:
    """A linear function ``bias + weights · (x − mean) / scale`` over :data:`FEATURES`.

    ``kind="logistic"``: the function is the log-odds that the bead is in the gold and the
    bead cost is ``−log p``. ``kind="cost"``: the function is the bead cost itself (fitted on
    the DP's decisions) and ``p`` comes from ``platt``: ``sigmoid(a + b * cost)`` for links
    (first pair) and for omissions (second pair), fitted on the chosen dev beads.
    """

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    kind: str = "logistic"
    platt: tuple[float, float, float, float] = (0.0, -1.0, 0.0, -1.0)

    def probability_from_cost(self, cost: np.ndarray, omission: np.ndarray) -> np.ndarray:
        """``p`` of path beads given their costs (without the config's offset)."""
        if self.kind == "logistic":
            return np.clip(np.exp(-cost), 0.0, 1.0)
        a1, b1, a0, b0 = self.platt
        return _sigmoid(np.where(omission, a0 + b0 * cost, a1 + b1 * cost))

    def logit(self, x: np.ndarray) -> np.ndarray:
        """The log-odds of each row of ``x`` (rows are beads, columns :data:`FEATURES`)."""
        w = np.asarray(self.weights) / np.asarray(self.scale)
        b = self.bias - float(np.dot(w, np.asarray(self.mean)))
        return x @ w + b

    def to_json(self, extra: dict[str, object] | None = None) -> str:
        body: dict[str, object] = {
            "format": "bilingual-bead-scorer/1",
            "features": list(FEATURES),
            "mean": [round(v, 6) for v in self.mean],
            "scale": [round(v, 6) for v in self.scale],
            "weights": [round(v, 6) for v in self.weights],
            "bias": round(self.bias, 6),
            "kind": self.kind,
            "platt": [round(v, 6) for v in self.platt],
        }
        body.update(extra or {})
        return json.dumps(body, indent=1, ensure_ascii=False) + "\n"


def parse_model(text: str) -> ScorerModel:
    """A :class:`ScorerModel` from the JSON text of a model file (checked against FEATURES)."""
    data = json.loads(text)
    if data.get("format") != "bilingual-bead-scorer/1" or tuple(data["features"]) != FEATURES:
        raise ConfigError(
            "the bead scorer file does not match this version's features; retrain it with "
            "`python models/train_scorer.py` or use --scorer hand."
        )
    n = len(FEATURES)
    model = ScorerModel(
        tuple(float(v) for v in data["mean"]),
        tuple(float(v) for v in data["scale"]),
        tuple(float(v) for v in data["weights"]),
        float(data["bias"]),
        str(data.get("kind", "logistic")),
        tuple(float(v) for v in data.get("platt", (0.0, -1.0, 0.0, -1.0))),  # type: ignore[arg-type]
    )
    if model.kind not in ("logistic", "cost") or len(model.platt) != 4:
        raise ConfigError("the bead scorer file is damaged (unknown kind); reinstall it.")
    if not (len(model.mean) == len(model.scale) == len(model.weights) == n):
        raise ConfigError("the bead scorer file is damaged (vector sizes differ); reinstall it.")
    return model


@functools.cache
def shipped_model() -> ScorerModel:
    """The model shipped as bilingual/models/bead_scorer.json (read once per process)."""
    try:
        text = importlib.resources.files("bilingual.models").joinpath(MODEL_FILE).read_text()
    except FileNotFoundError as exc:
        raise ConfigError(
            f"the bead scorer bilingual/models/{MODEL_FILE} is missing from this installation; "
            "reinstall bilingual or use --scorer hand."
        ) from exc
    return parse_model(text)


@functools.lru_cache(maxsize=4)
def load_model(path: str) -> ScorerModel:
    """A model file other than the shipped one (``AlignConfig.scorer_model``), read once."""
    try:
        with open(path, encoding="utf-8") as fh:
            return parse_model(fh.read())
    except OSError as exc:
        raise ConfigError(f"cannot read the bead scorer {path!r}: {exc.strerror}.") from exc


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))


class FeatureScorer(BeadScorer):
    """A :class:`BeadScorer` that also computes the learned model's features of beads."""

    def __init__(
        self,
        src: SideFeatures,
        tgt: SideFeatures,
        types: tuple[tuple[int, int], ...],
        config: AlignConfig,
        band: Band,
        calibration: Calibration | None = None,
        *,
        dictionary_pair: bool = True,
    ) -> None:
        # The hand-set weights play no part here, but a non-zero lexical weight makes the base
        # class prepare the lexical channel for every pair that has lexical vectors.
        base = config if config.lex_weight else _with_lexical(config)
        super().__init__(src, tgt, types, base, band, calibration)
        self.dictionary_pair = dictionary_pair
        self.band = band

    def bead_features(
        self, i: np.ndarray, j: np.ndarray, a: int, b: int, cos_sem: np.ndarray | None = None
    ) -> np.ndarray:
        """Feature rows (columns :data:`FEATURES`) of beads ``(a, b)`` ending at cells.

        ``cos_sem`` replaces the semantic window cosine (merged-text re-scoring).
        """
        x = np.zeros((len(i), len(FEATURES)))
        if a == 0 or b == 0:
            best = self.calibration.best_src[i - 1] if a else self.calibration.best_tgt[j - 1]
            quality = np.clip(self.sem_stats.normalise(np.nan_to_num(best, nan=1.0)), 0.0, 1.0)
            if a:
                length = self.len_cum_s[i] - self.len_cum_s[i - a]
            else:
                length = (self.len_cum_t[j] - self.len_cum_t[j - b]) / self.calibration.len_ratio
            x[:, _F["omit_src" if a else "omit_tgt"]] = 1.0
            x[:, _F["omit_quality"]] = quality
            x[:, _F["omit_loglen"]] = np.log1p(np.maximum(length, 0.0))
            return x
        summed, cos_lex = self.window_cosines(i, j, a, b)
        cos_sem = summed if cos_sem is None else cos_sem
        sem = self.sem_stats.normalise(cos_sem)
        hub = (
            (self.hub_cum_s[i] - self.hub_cum_s[i - a]) / a
            + (self.hub_cum_t[j] - self.hub_cum_t[j - b]) / b
        ) / 2.0
        extra = a + b - 2
        x[:, _F["sem"]] = sem
        x[:, _F["sem_sq"]] = np.clip(sem, -2.0, 3.0) ** 2
        x[:, _F["cos"]] = cos_sem
        x[:, _F["hub"]] = hub
        x[:, _F["sem_x_extra"]] = sem * extra
        if cos_lex is not None:
            ns = self.lex_norm_s[a, i]
            nt = self.lex_norm_t[b, j]
            empty = (ns < 1e-9) | (nt < 1e-9)
            if self.dictionary_pair:
                ratio = np.sqrt(np.maximum(nt, 1e-12) / np.maximum(ns, 1e-12))
                x[:, _F["lex"]] = self.lex_stats.normalise(cos_lex)
                x[:, _F["lex_cov_src"]] = np.where(empty, 0.0, np.clip(cos_lex * ratio, -1, 2))
                x[:, _F["lex_cov_tgt"]] = np.where(empty, 0.0, np.clip(cos_lex / ratio, -1, 2))
            else:
                x[:, _F["lex_prefix"]] = self.lex_stats.normalise(cos_lex)
            x[:, _F["lex_empty"]] = empty
        else:
            x[:, _F["lex_empty"]] = 1.0
        x[:, _F["len_cost"]] = np.minimum(self.length_cost(i, j, a, b), 10.0)
        shape = {
            (1, 1): "shape_1_1",
            (1, 2): "shape_1_2",
            (2, 1): "shape_2_1",
            (2, 2): "shape_2_2",
            (1, 3): "shape_1_3",
            (3, 1): "shape_1_3",
        }.get((a, b), "shape_big")
        x[:, _F[shape]] = 1.0
        x[:, _F["extra"]] = extra
        n, m = max(len(self.src), 1), max(len(self.tgt), 1)
        x[:, _F["diag"]] = np.minimum(np.abs((i - a / 2.0) / n - (j - b / 2.0) / m), 1.0)
        return x


class LearnedScorer(FeatureScorer):
    """Bead cost ``−log p`` from a :class:`ScorerModel` (plus the config's per-bead offset)."""

    def __init__(
        self,
        src: SideFeatures,
        tgt: SideFeatures,
        types: tuple[tuple[int, int], ...],
        config: AlignConfig,
        band: Band,
        calibration: Calibration | None = None,
        *,
        dictionary_pair: bool = True,
        model: ScorerModel | None = None,
    ) -> None:
        super().__init__(
            src, tgt, types, config, band, calibration, dictionary_pair=dictionary_pair
        )
        self.model = model if model is not None else shipped_model()

    def probability(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
        """P(the bead ``(a, b)`` ending at each cell is in the gold), in [0, 1]."""
        z = self.model.logit(self.bead_features(i, j, a, b))
        if self.model.kind == "cost":
            return self.model.probability_from_cost(z, np.full(len(z), a == 0 or b == 0))
        return _sigmoid(z)

    def __call__(self, i: np.ndarray, j: np.ndarray, k: int) -> np.ndarray:
        a, b = self.types[k]
        return self.bead_cost(i, j, a, b)

    def bead_cost(
        self, i: np.ndarray, j: np.ndarray, a: int, b: int, cos_sem: np.ndarray | None = None
    ) -> np.ndarray:
        """Cost of beads ``(a, b)`` ending at cells (``cos_sem``: see :meth:`bead_features`)."""
        x = self.bead_features(i, j, a, b, cos_sem)
        z = self.model.logit(x)
        window = x[:, _F["cos"]] if cos_sem is None else None
        extra = self.config.learned_bead_offset + self.member_penalty(i, j, a, b, window)
        if self.model.kind == "cost":
            return z + extra
        # −log sigmoid(z), stable for large |z|.
        return np.logaddexp(0.0, -z) + extra

    def member_penalty(
        self, i: np.ndarray, j: np.ndarray, a: int, b: int, window: np.ndarray | None = None
    ) -> np.ndarray | float:
        """``config.member_weight`` for merged beads whose weakest edge member adds nothing
        (see :class:`~bilingual.align.config.AlignConfig`), else 0; ``window``: the beads'
        raw semantic window cosines if already computed."""
        cfg = self.config
        if cfg.member_weight <= 0 or a == 0 or b == 0 or (a <= 1 and b <= 1) or len(i) == 0:
            return 0.0
        if a + b > cfg.member_max_size:
            return 0.0
        # Cheapest test first (lengths only), the lexical one last: each on the cells left.
        out = np.zeros(len(i))
        gain = self.edge_length_gain(i, j, a, b, positive_only=cfg.member_len_margin >= 0)
        cand = np.flatnonzero(gain > cfg.member_len_margin)
        if len(cand):
            w = None if window is None else window[cand]
            keep = self.edge_cosine_gain(i[cand], j[cand], a, b, w) > cfg.member_margin
            cand = cand[keep]
        if len(cand):
            keep = self._edge_lexical(i[cand], j[cand], a, b) < cfg.member_lex_floor
            out[cand[keep]] = cfg.member_weight
        return out


def make_scorer(
    src: SideFeatures,
    tgt: SideFeatures,
    types: tuple[tuple[int, int], ...],
    config: AlignConfig,
    band: Band,
    calibration: Calibration | None = None,
) -> BeadScorer:
    """The bead scorer ``config.scorer`` names ("hand" or "learned")."""
    if config.scorer == "hand":
        return BeadScorer(src, tgt, types, config, band, calibration)
    if config.scorer == "learned":
        model = load_model(config.scorer_model) if config.scorer_model else None
        return LearnedScorer(
            src,
            tgt,
            types,
            config,
            band,
            calibration,
            dictionary_pair=config.dictionary_pair,
            model=model,
        )
    raise ConfigError(f"unknown bead scorer {config.scorer!r}; use hand or learned.")


def _with_lexical(config: AlignConfig) -> AlignConfig:
    from dataclasses import replace

    return replace(config, lex_weight=1.0)
