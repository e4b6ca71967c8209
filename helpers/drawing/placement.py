"""Where a diagram's labels go: along their edge (or above their column) at the first spot whose box
overlaps no node, nor (if possible) another label; always inside the figure.

Used by :class:`helpers.drawing.network.NetworkDiagram` at draw time (the only moment the text's size
on screen is known): an invisible :class:`LabelPlacer` artist with the lowest z-order runs first in
every full draw and moves the labels before they are drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from matplotlib.artist import Artist
from matplotlib.text import Text
from matplotlib.transforms import Bbox

__all__ = ["LabelPlacer", "overlaps", "text_box", "along_edge", "keep_inside"]

T_MIN, T_MAX, T_STEP = 0.12, 0.88, 0.04   # the spots tried along an edge (0 = source, 1 = target)


def overlaps(a: Bbox, b: Bbox) -> bool:
    """True when two display boxes share any area."""
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def text_box(text: Text, renderer, margin: float) -> Bbox:
    """The display box of ``text`` (its bbox patch included), grown by ``margin`` px on every side."""
    box = text.get_window_extent(renderer)
    pad = margin + (text.get_fontsize() * 0.15 * renderer.dpi / 72 if text.get_bbox_patch() else 0)
    return Bbox.from_extents(box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad)


def _inside(box: Bbox, frame: Bbox) -> bool:
    return frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1


def _shared_area(a: tuple, b: tuple) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def along_edge(text: Text, start, end, t0: float, renderer, hard: Sequence[Bbox], soft: list[Bbox],
               frame: Bbox, margin: float) -> float:
    """Move ``text`` (centred, data coordinates) to the best spot along the segment start→end: on the
    edge at t in [0.12, 0.88], or beside it (1 to 3 half-label heights off, either side) when it does
    not fit on it. Best = inside ``frame``, least area shared with ``hard`` boxes (nodes: none wherever
    possible), then with ``soft`` boxes (other labels), then on the edge rather than beside it, then
    nearest to ``t0``. Returns the chosen t; the label's box is added to ``soft``. (Plain tuples inside:
    this runs at every redraw.)"""
    (x0, y0), (x1, y1) = start, end
    to_display = text.get_transform().transform
    text.set_position((x0 + t0 * (x1 - x0), y0 + t0 * (y1 - y0)))
    base = text_box(text, renderer, margin)
    (ax, ay), (bx, by) = to_display([(x0, y0), (x1, y1)])
    half_w, half_h = base.width / 2, base.height / 2
    anchor_x, anchor_y = ax + t0 * (bx - ax), ay + t0 * (by - ay)
    off_x, off_y = base.x0 + half_w - anchor_x, base.y0 + half_h - anchor_y   # box centre − anchor
    length = max(float(np.hypot(bx - ax, by - ay)), 1e-9)
    nx, ny = -(by - ay) / length, (bx - ax) / length                      # unit normal, display px
    side = abs(nx) * half_w + abs(ny) * half_h + margin                   # clears the edge's line
    hard_t = [tuple(h.extents) for h in hard]
    soft_t = [tuple(b.extents) for b in soft]
    fx0, fy0, fx1, fy1 = frame.extents
    best = None
    for t in np.arange(T_MIN, T_MAX + T_STEP / 2, T_STEP):
        for shift in (0.0, side, -side, 2 * side, -2 * side, 3 * side, -3 * side):
            cx, cy = ax + t * (bx - ax) + shift * nx + off_x, ay + t * (by - ay) + shift * ny + off_y
            box = (cx - half_w, cy - half_h, cx + half_w, cy + half_h)
            if box[0] < fx0 or box[2] > fx1 or box[1] < fy0 or box[3] > fy1:
                continue
            cost = (sum(_shared_area(box, h) for h in hard_t), sum(_shared_area(box, o) for o in soft_t),
                    abs(shift), abs(t - t0))
            if best is None or cost < best[0]:
                best = (cost, (cx - off_x, cy - off_y), box, float(t))
    if best is None:             # nowhere inside the frame: stay at t0
        return t0
    _, anchor, box, t = best
    text.set_position(text.get_transform().inverted().transform(anchor))
    soft.append(Bbox.from_extents(*box))
    return t


def keep_inside(text: Text, renderer, frame: Bbox, margin: float) -> Bbox:
    """Shift ``text`` sideways (display px → data) so that its box lies inside ``frame``."""
    box = text_box(text, renderer, margin)
    shift = max(frame.x0 - box.x0, 0.0) - max(box.x1 - frame.x1, 0.0)
    if shift:
        inverse = text.get_transform().inverted()
        x, y = text.get_position()
        px, py = text.get_transform().transform((x, y))
        text.set_position(inverse.transform((px + shift, py)))
        box = box.translated(shift, 0)
    return box


class LabelPlacer(Artist):
    """An invisible artist that calls ``place(renderer)`` whenever the figure is drawn in full."""

    def __init__(self, place: Callable[[object], None]):
        super().__init__()
        self._place = place
        self.set_zorder(-1e9)

    def draw(self, renderer) -> None:
        if self.get_visible():
            self._place(renderer)
