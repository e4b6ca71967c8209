"""Labels that draw in microseconds: :class:`FastText`, a matplotlib ``Text`` rendered with Pillow.

matplotlib 3.11 renders text glyph by glyph in Python (about 0.3 ms per glyph at 2x): a diagram with
250 glyphs of labels spends ~85 ms of a ~95 ms redraw on its text. :class:`FastText` rasterises each
line with Pillow's FreeType (the same font file matplotlib picks, the same size in pixels) into a
small image, caches it by (text, font, size, colour), and hands it to the Agg renderer in one call.
On any other renderer (PDF, SVG) and for rotated text it is an ordinary ``Text``.

Metrics come from the same font: :meth:`FastText.get_window_extent` is the box actually drawn, so
layout and label placement agree with the picture. Alignment: ``ha`` left/center/right, ``va``
top/center/bottom/baseline; lines are aligned like ``ha`` and 1.2 em apart.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.colors import to_rgba
from matplotlib.text import Text
from matplotlib.transforms import Affine2D, Bbox
from PIL import Image, ImageDraw, ImageFont

from helpers._checks import as_scalar

__all__ = ["FastText", "add_fast_text"]

LINE_PITCH = 1.2      # line spacing, in font sizes


@lru_cache(maxsize=64)
def _font(path: str, size_px: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size_px)


@lru_cache(maxsize=4096)
def _line_image(line: str, path: str, size_px: float, rgba: tuple) -> np.ndarray:
    """One line of text as an RGBA array (rows bottom-up, as RendererAgg.draw_image wants)."""
    font = _font(path, size_px)
    width = max(1, int(np.ceil(font.getlength(line))) + 2)
    ascent, descent = font.getmetrics()
    mask = Image.new("L", (width, ascent + descent))
    ImageDraw.Draw(mask).text((1, ascent), line, font=font, fill=255, anchor="ls")
    out = np.empty((ascent + descent, width, 4), dtype=np.uint8)
    out[..., :3] = np.round(np.array(rgba[:3]) * 255).astype(np.uint8)
    out[..., 3] = (np.asarray(mask, dtype=np.float32) * rgba[3]).round().astype(np.uint8)
    out.setflags(write=False)
    return out[::-1]


_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


def _font_path(properties, text: str) -> str:
    """The font file for ``text``: matplotlib's pick, or (the Korean edition's text holds Hangul, which
    Pillow cannot take from a fallback font) NanumGothic for the whole text."""
    if _HANGUL.search(text):
        from helpers.fonts import korean_font_path

        return str(korean_font_path())
    return font_manager.findfont(properties)


class FastText(Text):
    """A ``Text`` drawn through Pillow on the Agg renderer (see the module docstring)."""

    def _fast(self, renderer) -> bool:
        return isinstance(renderer, RendererAgg) and self.get_rotation() % 360 == 0 and not self.get_usetex()

    def _layout_px(self, renderer):
        """(block box in display px, [(line image, x, y)]) for the current text and position."""
        size_px = self.get_fontsize() * renderer.dpi / 72
        path = _font_path(self.get_fontproperties(), self.get_text())
        font = _font(path, size_px)
        ascent, descent = font.getmetrics()
        lines = self.get_text().split("\n")
        widths = [font.getlength(line) + 2 for line in lines]
        width = max(widths)
        pitch = LINE_PITCH * size_px
        height = (len(lines) - 1) * pitch + ascent + descent
        x, y = self.get_transform().transform(self.get_unitless_position())
        ha, va = self.get_horizontalalignment(), self.get_verticalalignment()
        left = x - {"left": 0.0, "center": width / 2, "right": width}[ha]
        top = {"top": y, "bottom": y + height, "center": y + height / 2}.get(va, y + ascent)
        placed = []
        for i, (line, w) in enumerate(zip(lines, widths, strict=True)):
            lx = left + {"left": 0.0, "center": (width - w) / 2, "right": width - w}[ha]
            image = _line_image(line, path, size_px, tuple(to_rgba(self.get_color(), self.get_alpha())))
            placed.append((image, round(lx), round(top - i * pitch - ascent - descent)))
        return Bbox.from_bounds(left, top - height, width, height), placed

    def get_window_extent(self, renderer=None, dpi=None):
        renderer = renderer or self.get_figure(root=True)._get_renderer()
        if not self.get_text() or not self._fast(renderer) or dpi is not None:
            return super().get_window_extent(renderer, dpi)
        return self._layout_px(renderer)[0]

    def draw(self, renderer) -> None:
        if not self.get_visible() or not self.get_text():
            return
        if not self._fast(renderer):
            super().draw(renderer)
            return
        renderer.open_group("text", self.get_gid())
        box, placed = self._layout_px(renderer)
        patch = self.get_bbox_patch()
        if patch is not None:
            patch.set_bounds(0.0, 0.0, box.width, box.height)
            patch.set_transform(Affine2D().translate(box.x0, box.y0))
            patch.set_mutation_scale(renderer.points_to_pixels(self.get_fontsize()))
            patch.draw(renderer)
        gc = renderer.new_gc()
        self._set_gc_clip(gc)
        for image, x, y in placed:
            renderer.draw_image(gc, x, y, image)
        gc.restore()
        renderer.close_group("text")
        self.stale = False


def add_fast_text(ax, x: float, y: float, text: str, **kwargs) -> FastText:
    """Like ``ax.text(x, y, text, **kwargs)`` (data coordinates unless ``transform`` is given), drawn
    as a :class:`FastText`. ``x`` and ``y`` are finite numbers; ``text`` is a string."""
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes; got {type(ax).__name__}")
    x, y = as_scalar("x", x), as_scalar("y", y)
    if not isinstance(text, str):
        raise TypeError(f"text must be a string; got {type(text).__name__} {text!r}"[:200])
    kwargs.setdefault("transform", ax.transData)
    label = FastText(x, y, text, **kwargs)
    ax.add_artist(label)
    label.set_clip_on(False)
    return label
