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

from helpers.i18n import _

__all__ = ["LabelPlacer", "text_box", "along_edge", "keep_inside"]

T_MIN, T_MAX, T_STEP = 0.12, 0.88, 0.04   # the spots tried along an edge (0 = source, 1 = target)


def text_box(text: Text, renderer, margin: float) -> Bbox:
    """The display box of ``text`` (its bbox patch included), grown by ``margin`` px on every side."""
    _check_text(text)
    box = text.get_window_extent(renderer)
    pad = margin + (text.get_fontsize() * 0.15 * renderer.dpi / 72 if text.get_bbox_patch() else 0)
    return Bbox.from_extents(box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad)


def _check_text(text) -> None:
    if not isinstance(text, Text):
        raise TypeError(_("text must be a matplotlib Text artist (e.g. from add_fast_text); got {kind}").format(
            kind=type(text).__name__))


def _inside(box: Bbox, frame: Bbox) -> bool:
    return frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1


def _shared_areas(boxes: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Total area each of ``boxes`` (N, 4: x0, y0, x1, y1) shares with ``others`` (M, 4): shape (N,)."""
    if not len(others):
        return np.zeros(len(boxes))
    w = np.minimum(boxes[:, None, 2], others[None, :, 2]) - np.maximum(boxes[:, None, 0], others[None, :, 0])
    h = np.minimum(boxes[:, None, 3], others[None, :, 3]) - np.maximum(boxes[:, None, 1], others[None, :, 1])
    return (np.clip(w, 0, None) * np.clip(h, 0, None)).sum(axis=1)


SHIFTS = np.array([0.0, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0])   # beside the edge, in units of the label's clearance


def along_edge(text: Text, start, end, t0: float, renderer, hard: Sequence[Bbox], soft: list[Bbox],
               frame: Bbox, margin: float) -> float:
    """Move ``text`` (centred, data coordinates) to the best spot along the segment start→end: on the
    edge at t in [0.12, 0.88], or beside it (1 to 3 half-label heights off, either side) when it does
    not fit on it. Best = inside ``frame``, least area shared with ``hard`` boxes (nodes: none wherever
    possible), then with ``soft`` boxes (other labels), then nearest to the edge, then to ``t0``.
    Returns the chosen t; the label's box is added to ``soft``. (All candidates at once, with numpy:
    this runs at every redraw.)"""
    _check_text(text)
    (x0, y0), (x1, y1) = start, end
    to_display = text.get_transform().transform
    text.set_position((x0 + t0 * (x1 - x0), y0 + t0 * (y1 - y0)))
    base = text_box(text, renderer, margin)
    (ax, ay), (bx, by) = to_display([(x0, y0), (x1, y1)])
    half_w, half_h = base.width / 2, base.height / 2
    off_x, off_y = base.x0 + half_w - (ax + t0 * (bx - ax)), base.y0 + half_h - (ay + t0 * (by - ay))
    length = max(float(np.hypot(bx - ax, by - ay)), 1e-9)
    nx, ny = -(by - ay) / length, (bx - ax) / length                      # unit normal, display px
    side = abs(nx) * half_w + abs(ny) * half_h + margin                   # clears the edge's line
    t, shift = np.meshgrid(np.arange(T_MIN, T_MAX + T_STEP / 2, T_STEP), SHIFTS * side)
    t, shift = t.ravel(), shift.ravel()
    cx = ax + t * (bx - ax) + shift * nx + off_x
    cy = ay + t * (by - ay) + shift * ny + off_y
    boxes = np.column_stack([cx - half_w, cy - half_h, cx + half_w, cy + half_h])
    fx0, fy0, fx1, fy1 = frame.extents
    inside = (boxes[:, 0] >= fx0) & (boxes[:, 2] <= fx1) & (boxes[:, 1] >= fy0) & (boxes[:, 3] <= fy1)
    if not inside.any():                 # nowhere inside the frame: stay at t0
        return t0
    costs = np.lexsort((np.abs(t - t0), np.abs(shift),
                        _shared_areas(boxes, np.array([b.extents for b in soft]).reshape(-1, 4)),
                        _shared_areas(boxes, np.array([h.extents for h in hard]).reshape(-1, 4)),
                        ~inside))
    best = costs[0]
    text.set_position(text.get_transform().inverted().transform((cx[best] - off_x, cy[best] - off_y)))
    soft.append(Bbox.from_extents(*boxes[best]))
    return float(t[best])


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
