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
    """Move ``text`` (centred, data coordinates) along the segment start→end to the spot t in
    [0.12, 0.88] whose box overlaps no ``hard`` box (nodes), stays in ``frame`` and shares the least
    area with the ``soft`` boxes (other labels), nearest to ``t0`` among equals. Returns the chosen t;
    its box is added to ``soft``. (Plain tuples inside: this runs at every redraw.)"""
    (x0, y0), (x1, y1) = start, end
    to_display = text.get_transform().transform
    text.set_position((x0 + t0 * (x1 - x0), y0 + t0 * (y1 - y0)))
    base = text_box(text, renderer, margin)
    (ax, ay), (bx, by) = to_display([(x0, y0), (x1, y1)])
    half_w, half_h = base.width / 2, base.height / 2
    off_x, off_y = base.x0 + half_w - (ax + t0 * (bx - ax)), base.y0 + half_h - (ay + t0 * (by - ay))
    hard_t = [tuple(h.extents) for h in hard]
    soft_t = [tuple(b.extents) for b in soft]
    fx0, fy0, fx1, fy1 = frame.extents
    best = None
    for t in np.arange(T_MIN, T_MAX + T_STEP / 2, T_STEP):
        cx, cy = ax + t * (bx - ax) + off_x, ay + t * (by - ay) + off_y
        box = (cx - half_w, cy - half_h, cx + half_w, cy + half_h)
        if box[0] < fx0 or box[2] > fx1 or box[1] < fy0 or box[3] > fy1 \
                or any(box[0] < h[2] and h[0] < box[2] and box[1] < h[3] and h[1] < box[3] for h in hard_t):
            continue
        cost = (sum(_shared_area(box, o) for o in soft_t), abs(t - t0))
        if best is None or cost < best[0]:
            best = (cost, float(t), box)
    t, box = (best[1], Bbox.from_extents(*best[2])) if best is not None else (t0, base)
    text.set_position((x0 + t * (x1 - x0), y0 + t * (y1 - y0)))
    soft.append(box)
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
