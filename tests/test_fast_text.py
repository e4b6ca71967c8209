"""FastText (helpers.drawing.fast_text): labels rasterised by Pillow with matplotlib's own font, drawn
where their extent says, as wide as matplotlib's own text, and ordinary text off the Agg renderer."""

from __future__ import annotations

import io

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from helpers.drawing.fast_text import FastText, add_fast_text


def canvas_with(text: str, **kwargs):
    fig = Figure(figsize=(4, 2), dpi=144)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    label = add_fast_text(ax, 0.5, 0.5, text, fontsize=11, **kwargs)
    fig.canvas.draw()
    return fig, ax, label


def ink(fig) -> tuple[float, float, float, float]:
    """Bounding box (x0, y0, x1, y1; y up, display px) of every non-white pixel."""
    rgb = np.asarray(fig.canvas.buffer_rgba())[::-1, :, :3]
    ys, xs = np.nonzero(np.any(rgb < 250, axis=-1))
    return xs.min(), ys.min(), xs.max() + 1, ys.max() + 1


@pytest.mark.parametrize("ha, va", [("center", "center"), ("left", "bottom"), ("right", "top")])
def test_ink_lies_inside_the_extent_it_reports(ha, va):
    fig, ax, label = canvas_with("∂E/∂w5 +0.0831", ha=ha, va=va)
    box = label.get_window_extent()
    x0, y0, x1, y1 = ink(fig)
    assert box.x0 - 1 <= x0 and x1 <= box.x1 + 1 and box.y0 - 1 <= y0 and y1 <= box.y1 + 1
    assert x1 - x0 >= 0.85 * box.width                 # and fills it sideways
    x, y = ax.transData.transform((0.5, 0.5))
    assert {"center": abs(box.x0 + box.width / 2 - x), "left": abs(box.x0 - x), "right": abs(box.x1 - x)}[ha] < 1
    assert {"center": abs(box.y0 + box.height / 2 - y), "bottom": abs(box.y0 - y), "top": abs(box.y1 - y)}[va] < 1


def test_as_wide_as_matplotlibs_own_text_and_lines_stack():
    fig, ax, label = canvas_with("net 0.3774\nout 0.5933", ha="center", va="top")
    plain = ax.text(0.5, 0.5, "net 0.3774\nout 0.5933", fontsize=11, ha="center", va="top")
    fast, slow = label.get_window_extent(), plain.get_window_extent(fig.canvas.get_renderer())
    assert fast.width == pytest.approx(slow.width, rel=0.08)
    assert fast.height == pytest.approx(slow.height, rel=0.15)


def test_a_bbox_patch_is_drawn_behind_the_text():
    fig, _, label = canvas_with("w5", bbox={"boxstyle": "round,pad=0.3", "fc": "yellow", "ec": "none"})
    rgb = np.asarray(fig.canvas.buffer_rgba())[..., :3]
    assert np.any(np.all(rgb == [255, 255, 0], axis=-1))
    assert label.get_bbox_patch().get_window_extent().width > label.get_window_extent().width


def test_other_renderers_and_rotated_text_fall_back_to_matplotlib():
    fig, ax, label = canvas_with("w5 +0.0831")
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    assert "w5" in buffer.getvalue() or "<path" in buffer.getvalue()
    rotated = add_fast_text(ax, 0.2, 0.2, "turned", rotation=90)
    fig.canvas.draw()
    box = rotated.get_window_extent()
    assert box.height > box.width and isinstance(rotated, Text) and isinstance(label, FastText)
