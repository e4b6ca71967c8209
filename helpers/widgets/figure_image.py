"""A matplotlib figure shown inside a widget layout and redrawn in place, fast.

Why not ``%matplotlib widget``? A plain Agg figure rendered to PNG and pushed into an
``ipywidgets.Image`` needs no extra JupyterLab extension, behaves identically under JupyterLab,
nbclient and nbval, and never registers with pyplot (so no "too many open figures" warning).
Every widget of the series draws through :class:`FigureImage`.

Sizes are CSS pixels: a figure ``FigureImage(420, 300)`` is shown 420 px wide (or, in a narrower
column, scaled down as a whole, aspect kept), and 1 pt of font is 1 CSS px. It is rendered at
the mode's ``render_scale`` × (2, or 1.5 in lecture mode: sharp on high-DPI screens and at zoom).

Three things keep a redraw in the tens of milliseconds:
- :meth:`FigureImage.layout` lays the figure out once (``fig.tight_layout()`` would leave a layout
  engine on the figure that runs, and draws, again at every save);
- :meth:`FigureImage.refresh` encodes the PNG with light compression (the encoder, not the drawing,
  is often the slow part);
- :meth:`FigureImage.blit` redraws only the artists that move over a cached picture of the rest
  (declare them with :meth:`FigureImage.set_moving`).
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterable

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import TightLayoutEngine
from PIL import Image

from .._checks import as_scalar
from ..fonts import use_edition_font
from ..i18n import _
from .layout import mode
from .layout import readout as readout  # noqa: PLC0414 (re-exported: older imports use it from here)

__all__ = ["FigureImage", "readout", "CSS_DPI"]

CSS_DPI = 72.0   # 1 pt = 1 CSS px
MAX_PIXELS = 2_500_000


def _let_messages_out() -> None:
    """Let the kernel's IOPub thread send what is queued (readouts set just before a redraw) before the
    drawing and PNG encoding hold the interpreter for tens of milliseconds: the numbers reach the
    browser first, the picture follows."""
    time.sleep(0.002)


class FigureImage:
    """Own one matplotlib ``Figure`` and an ``Image`` widget showing it.

    ``width``, ``height``: the size shown, in CSS px; ``scale``: figure px per CSS px (default: the
    mode's ``render_scale``; very large figures get less, never below 1). Create once, change artists
    (``line.set_data(...)``, ``text.set_text(...)``), then call :meth:`refresh` (everything redrawn)
    or :meth:`blit` (only the moving artists redrawn).
    """

    def __init__(self, width: float, height: float, css_class: str = "bp-figure", *,
                 scale: float | None = None):
        self.css_width = int(round(as_scalar("width", width)))
        self.css_height = int(round(as_scalar("height", height)))
        if not (20 <= self.css_width <= 4000 and 20 <= self.css_height <= 4000):
            raise ValueError(_("width and height must be 20 to 4000 CSS px; got {width} × {height}").format(
                width=width, height=height))
        # Very large figures (the lecture-mode graph of notebook 02) render at less than 2x, so that a
        # redraw stays fast: at most MAX_PIXELS figure pixels, never less than 1x.
        self.scale = max(1.0, min(mode().render_scale if scale is None else as_scalar("scale", scale),
                                  (MAX_PIXELS / (self.css_width * self.css_height)) ** 0.5))
        use_edition_font()     # before any text is made: a Korean figure draws Hangul, never boxes
        self.figure = Figure(figsize=(self.css_width / CSS_DPI, self.css_height / CSS_DPI),
                             dpi=CSS_DPI * self.scale)
        self.canvas = FigureCanvasAgg(self.figure)
        # Width fixed at the natural size, height follows it: a narrow column scales the picture as a
        # whole (never squashed sideways); flex never stretches or shrinks it on its own.
        self.widget = widgets.Image(format="png", layout=widgets.Layout(
            width=f"{self.css_width}px", max_width="100%", height="auto", flex="0 0 auto",
            align_self="flex-start", margin="2px 0"))
        self.widget.add_class(css_class)
        self.widget.add_class("bp-figure-image")
        self.css_class = css_class
        self.alt = ""          # the text alternative of what is shown (helpers.figure_alt), kept current
        self.on_redraw = None  # called after each redraw (the WidgetBox passes the new alt to the browser)
        self.renders = 0
        self._moving: tuple[Artist, ...] = ()
        self._background = None

    def layout(self) -> None:
        """Tight layout, computed once now (call after adding axes, labels and titles)."""
        TightLayoutEngine(pad=0.6).execute(self.figure)
        self._background = None

    def margins(self, *, left_chars: float = 5, right_chars: float = 2, title: bool = False,
                xlabel: bool = True, ylabel: bool = True, bottom_px: float = 0.0) -> None:
        """Fixed margins around the single axes, wide enough for tick labels of up to ``left_chars``
        characters on the y axis and half of ``right_chars`` past the right end of the x axis, at the
        axes' own font sizes (plus ``bottom_px`` for a legend under the axes): unlike a tight layout
        computed once, nothing is clipped when the ticks change later."""
        ax = self.figure.axes[0]
        tick = ax.yaxis.get_ticklabels()[0].get_fontsize() if ax.yaxis.get_ticklabels() else 10.0
        label = ax.yaxis.label.get_fontsize()
        w, h = self.css_width, self.css_height
        left = (0.65 * tick * left_chars + (1.5 * label if ylabel else 0) + 10) / w
        right = 1 - (0.35 * tick * right_chars + 6) / w
        bottom = (1.6 * tick + (1.4 * label if xlabel else 0) + 8 + bottom_px) / h
        top = 1 - ((1.6 * ax.title.get_fontsize() if title else 0.6 * tick) + 6) / h
        self.figure.subplots_adjust(left=left, right=right, bottom=bottom, top=top)
        self._background = None

    def _encode(self) -> bytes:
        buffer = io.BytesIO()
        # RGB (the figure is opaque): a quarter less to compress and to send than RGBA
        Image.fromarray(np.asarray(self.canvas.buffer_rgba())).convert("RGB").save(buffer, format="png",
                                                                                  compress_level=1)
        return buffer.getvalue()

    def png(self) -> bytes:
        """Draw the whole figure and return PNG bytes."""
        self.canvas.draw()
        return self._encode()

    def refresh(self) -> None:
        """Redraw the whole figure into the Image widget (after changing any artist; the picture
        :meth:`blit` draws over is made again at its next call)."""
        _let_messages_out()
        self.widget.value = self.png()
        self._background = None
        self.renders += 1
        self._describe()

    def _describe(self) -> None:
        """Compute the text alternative of the picture now shown and tell the widget box."""
        from ..figure_alt import describe

        self.alt = describe(self.figure)
        if self.on_redraw is not None:
            self.on_redraw()

    def set_moving(self, artists: Iterable[Artist]) -> None:
        """Declare the artists that :meth:`blit` redraws; everything else becomes a cached background."""
        self._moving = tuple(sorted(artists, key=lambda a: a.get_zorder()))   # drawn in a full render's order
        self._background = None

    def blit(self) -> None:
        """Redraw only the moving artists over the cached background and show the result."""
        if not self._moving:
            raise ValueError(_("blit needs moving artists: call set_moving([...]) first"))
        _let_messages_out()
        if self._background is None:
            visible = [artist.get_visible() for artist in self._moving]
            for artist in self._moving:
                artist.set_visible(False)
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
            for artist, shown in zip(self._moving, visible, strict=True):
                artist.set_visible(shown)
        self.canvas.restore_region(self._background)
        for artist in self._moving:
            if artist.get_visible():
                self.figure.draw_artist(artist)
        self.widget.value = self._encode()
        self.renders += 1
        self._describe()
