"""The SVG pictures of a report page: the alignment path and the drift bar."""

from __future__ import annotations

import math
from dataclasses import dataclass

from bilingual.model import Alignment
from bilingual.report._format import colour as _colour
from bilingual.report._format import ids as _ids
from bilingual.report._format import num as _num
from bilingual.report._markup import Element, h


@dataclass(frozen=True)
class _Frame:
    """The plot's coordinate system: segment indices to SVG points (target index up)."""

    size: int
    sx: float
    sy: float
    pad: int = 34

    def x(self, i: float) -> float:
        return round(self.pad + i * self.sx, 2)

    def y(self, j: float) -> float:
        return round(10 + self.size - j * self.sy, 2)


def _bead_marks(alignment: Alignment, f: _Frame) -> tuple[list[Element], list[str]]:
    """One linked rectangle per bead, coloured by confidence, and the path through them."""
    shapes: list[Element] = []
    points: list[str] = [f"{f.x(0)},{f.y(0)}"]
    i0 = j0 = 0
    for k, bead in enumerate(alignment.beads):
        i1 = bead.src[-1] + 1 if bead.src else i0
        j1 = bead.tgt[-1] + 1 if bead.tgt else j0
        i_start = bead.src[0] if bead.src else i0
        j_start = bead.tgt[0] if bead.tgt else j0
        w = max(3.0, (i1 - i_start) * f.sx)
        ht = max(3.0, (j1 - j_start) * f.sy)
        label = (
            f"bead {k}: src {_ids(bead.src)} ↔ tgt {_ids(bead.tgt)}, confidence {_num(bead.score)}"
        )
        rect = {
            "x": f.x(i_start),
            "y": round(f.y(j_start) - ht, 2),
            "width": round(w, 2),
            "height": round(ht, 2),
            "fill": _colour(bead.score),
            "class_": "bead-mark",
        }
        shapes.append(h("a", {"href": f"#b{k}"}, h("rect", rect, h("title", None, label))))
        i0, j0 = i1, j1
        points.append(f"{f.x(i0)},{f.y(j0)}")
    return shapes, points


def _axes(alignment: Alignment, f: _Frame, points: list[str], height: float) -> list[Element]:
    """Background, diagonal, path line and the two axis labels."""
    size, pad = f.size, f.pad
    n_src, n_tgt = max(1, len(alignment.src)), max(1, len(alignment.tgt))
    diagonal = {"x1": f.x(0), "y1": f.y(0), "x2": f.x(n_src), "y2": f.y(n_tgt)}
    return [
        h(
            "rect",
            {"x": pad, "y": 10, "width": size, "height": size, "fill": "#fafafa", "stroke": "#ccc"},
        ),
        h("line", {**diagonal, "stroke": "#ddd", "stroke-dasharray": "4 3"}),
        h(
            "polyline",
            {"points": " ".join(points), "fill": "none", "stroke": "#555", "stroke-width": 0.8},
        ),
        h(
            "text",
            {"x": pad + size / 2, "y": height - 4, "text-anchor": "middle", "font-size": 11},
            f"source {alignment.level} (0–{len(alignment.src)})",
        ),
        h(
            "text",
            {
                "x": 11,
                "y": 10 + size / 2,
                "text-anchor": "middle",
                "font-size": 11,
                "transform": f"rotate(-90 11 {10 + size / 2})",
            },
            f"target {alignment.level} (0–{len(alignment.tgt)})",
        ),
    ]


def _caption() -> Element:
    return h(
        "figcaption",
        None,
        "Alignment path; each bead coloured by confidence ",
        h("span", {"class_": "swatch", "style": "background:" + _colour(0.0)}),
        "0 ",
        h("span", {"class_": "swatch", "style": "background:" + _colour(0.5)}),
        ".5 ",
        h("span", {"class_": "swatch", "style": "background:" + _colour(1.0)}),
        "1",
    )


def path_plot(alignment: Alignment, size: int = 280) -> Element:
    """SVG of the alignment path: source index across, target index up, beads by confidence."""
    n_src, n_tgt = max(1, len(alignment.src)), max(1, len(alignment.tgt))
    frame = _Frame(size, size / n_src, size / n_tgt)
    width, height = size + frame.pad + 10, size + frame.pad + 10
    shapes, points = _bead_marks(alignment, frame)
    axes = _axes(alignment, frame, points, height)
    svg = {
        "xmlns": "http://www.w3.org/2000/svg",
        "width": width,
        "height": height,
        "viewBox": f"0 0 {width} {height}",
        "role": "img",
        "aria-label": "alignment path",
        "class_": "path-plot",
    }
    return h("figure", None, h("svg", svg, axes[:2], shapes, axes[2:]), _caption())


def drift_bar(score: float) -> Element:
    fill = 0.0 if math.isnan(score) else min(100.0, max(0.0, score))
    return h(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": 160,
            "height": 12,
            "viewBox": "0 0 160 12",
            "class_": "drift-bar",
        },
        h("rect", {"width": 160, "height": 12, "fill": "#eee", "rx": 2}),
        h(
            "rect",
            {"width": round(1.6 * fill, 1), "height": 12, "rx": 2, "fill": _colour(1 - fill / 100)},
        ),
    )
