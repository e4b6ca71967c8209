"""Inline figures drawn once: the picture of IPython's ``bbox_inches="tight"`` PNG at about half the cost.

In a notebook, ``plt.show()`` hands each figure to IPython's PNG formatter, which saves it with
``bbox_inches="tight"``. Matplotlib then lays the whole figure out twice before drawing it: a full
draw with rendering switched off, then every text's extent, then the real draw. On the small,
text-heavy figures of this series the two layout passes cost as much as the drawing itself
(measured in shared notes: 35–50 % of each figure's time).

:func:`png` draws the figure **once** and crops the picture to its ink, the pixels that differ from
the figure's face colour, plus the same 0.1-inch margin (``savefig.pad_inches``). The result is the
tight picture. Where that would be wrong, the standard path runs instead:
- a text, legend or offset box reaches past the canvas (a legend placed outside, an axis label cut by
  the edge): "tight" grows the canvas to include it. Their boxes are known after the draw, so the
  figure is saved once more with that explicit box (two draws instead of three);
- ink touches an edge that no such artist explains: something else lies outside, IPython's path;
- the face colour is not opaque, the canvas is not matplotlib's Agg canvas, or the formatter was
  configured with other options (``%config InlineBackend.print_figure_kwargs``).

Importing :mod:`helpers` calls :func:`install` when a notebook has already imported
``matplotlib.pyplot`` (every notebook of the series imports pyplot before helpers). It replaces
IPython's PNG formatter for figures only while that formatter is the inline backend's default; a
later ``%matplotlib inline`` or ``%config InlineBackend…`` puts the default back.
"""

from __future__ import annotations

import functools
import io
from binascii import b2a_base64

import numpy as np

__all__ = ["png", "png_with_alt", "html_with_alt", "figure_html", "install", "ink_box"]

# The card a figure sits on in a text/html output: a white page with a grey rounded border, so that in
# JupyterLab's dark theme a figure is a framed card, not a white slab (and a thin frame in the light one).
CARD_STYLE = ("display:inline-block;background:#ffffff;border:1px solid #9e9e9e;border-radius:6px;"
              "padding:4px;max-width:calc(100% - 10px)")
_drawn: dict = {}     # the last figure drawn by html_with_alt, reused by png_with_alt in the same display


def ink_box(rgba: np.ndarray, face: np.ndarray) -> tuple[int, int, int, int] | None:
    """(top, bottom, left, right) pixel bounds (bottom/right exclusive) of the pixels of ``rgba``
    (H×W×4, uint8) that differ from the colour ``face`` (4 uint8); None if there is none."""
    ink = np.any(rgba != face, axis=2)
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return None
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def _placed_outside(fig) -> list:
    """The display-space boxes of the texts, legends and offset boxes (what people place outside on
    purpose, e.g. ``legend(bbox_to_anchor=(1.02, 1))``, or an axis label cut by the edge) that reach
    past the figure; their extents are known after a draw."""
    from matplotlib.legend import Legend
    from matplotlib.offsetbox import OffsetBox
    from matplotlib.text import Text

    kinds = (Text, Legend, OffsetBox)
    artists = [*fig.legends, *fig.texts]
    for ax in fig.axes:
        artists += [a for a in ax.get_children() if isinstance(a, kinds)] + [ax.xaxis.label, ax.yaxis.label]
    renderer = fig.canvas.get_renderer()
    frame = fig.bbox
    outside = []
    for artist in artists:
        if not artist.get_visible() or (isinstance(artist, Text) and not artist.get_text()):
            continue
        box = artist.get_window_extent(renderer)
        if box.x0 < frame.x0 or box.y0 < frame.y0 or box.x1 > frame.x1 or box.y1 > frame.y1:
            outside.append(box)
    return outside


def _grown(fig, box: tuple[int, int, int, int], shape: tuple[int, int], outside: list, pad: float) -> str | None:
    """Some text or legend lies past the canvas: save once more with an explicit box (the ink plus those
    artists, padded as "tight" pads), one draw instead of "tight"'s three. None when the ink touches an
    edge that no such artist explains (something else is outside: IPython's path finds it)."""
    from matplotlib.transforms import Bbox

    top, bottom, left, right = box
    height, width = shape                                                   # the drawn buffer's pixels
    ink = Bbox.from_extents(left, height - bottom, right, height - top)     # display space: y upwards
    union = Bbox.union([ink, *outside])
    touched = {"top": top == 0, "bottom": bottom == height, "left": left == 0, "right": right == width}
    reaches = {"top": union.y1 > height, "bottom": union.y0 < 0, "left": union.x0 < 0, "right": union.x1 > width}
    if any(touched[side] and not reaches[side] for side in touched):
        return None
    inches = Bbox.from_extents(*(union.extents / fig.dpi)).padded(pad)
    buffer = io.BytesIO()
    fig.canvas.print_figure(buffer, format="png", dpi=fig.dpi, facecolor=fig.get_facecolor(),
                            edgecolor=fig.get_edgecolor(), bbox_inches=inches)
    return b2a_base64(buffer.getvalue(), newline=False).decode("ascii")


def _standard(fig, **kwargs):
    from IPython.core.pylabtools import print_figure

    return print_figure(fig, fmt="png", base64=True, **kwargs)


def png(fig, **kwargs) -> str | None:
    """Base64 PNG of ``fig`` as IPython's inline formatter makes it (``bbox_inches="tight"``), drawn once
    and cropped to its ink; falls back to IPython's ``print_figure`` where cropping could differ."""
    from matplotlib import rcParams
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.colors import to_rgba
    from PIL import Image

    if not fig.axes and not fig.lines:
        return None                                   # IPython shows nothing for an empty figure
    from .fonts import use_edition_font

    use_edition_font()                                # Korean edition: Hangul in the figures made next too
    face = to_rgba(fig.get_facecolor())
    pad = rcParams["savefig.pad_inches"]
    if (kwargs != {"bbox_inches": "tight"} or face[3] < 1 or not isinstance(fig.canvas, FigureCanvasAgg)
            or pad in (None, "layout") or rcParams["savefig.transparent"]):
        return _standard(fig, **kwargs)
    fig.canvas.draw()
    rgba = np.asarray(fig.canvas.buffer_rgba())
    face_px = np.array([round(255 * c) for c in face], dtype=np.uint8)
    box = ink_box(rgba, face_px)
    height, width = rgba.shape[:2]
    if box is None:
        return _standard(fig, **kwargs)               # blank: let IPython decide what to show
    outside = _placed_outside(fig)
    if outside or box[0] == 0 or box[2] == 0 or box[1] == height or box[3] == width:
        grown = _grown(fig, box, (height, width), outside, float(pad)) if outside else None
        return grown if grown is not None else _standard(fig, **kwargs)
    margin = int(round(float(pad) * fig.dpi))
    top, bottom, left, right = box
    out = np.empty((bottom - top + 2 * margin, right - left + 2 * margin, 3), dtype=np.uint8)
    out[...] = face_px[:3]
    src = rgba[max(0, top - margin):bottom + margin, max(0, left - margin):right + margin, :3]
    y0, x0 = margin - (top - max(0, top - margin)), margin - (left - max(0, left - margin))
    out[y0:y0 + src.shape[0], x0:x0 + src.shape[1]] = src
    buffer = io.BytesIO()
    Image.fromarray(out).save(buffer, format="png")
    return b2a_base64(buffer.getvalue(), newline=False).decode("ascii")


def png_with_alt(fig, **kwargs):
    """What the installed formatter returns: :func:`png` and, as the output's metadata, the figure's text
    alternative (``{"alt": …}``, from :func:`helpers.figure_alt.describe`), which IPython stores under
    the output's ``metadata["image/png"]`` (the site writes it as ``<img alt>``; nbval ignores metadata)."""
    cached = _drawn.pop("last", None)
    if cached is not None and cached[0] is fig and cached[1] == kwargs:
        data, alt = cached[2], cached[3]
    else:
        data = png(fig, **kwargs)
        if data is None:
            return None
        from .figure_alt import describe

        alt = describe(fig)
    return data, {"alt": alt}


def figure_html(data: str, alt: str) -> str:
    """``<img>`` of a base64 PNG with its text alternative, on a card (:data:`CARD_STYLE`)."""
    import html

    return (f'<div class="bp-figure-card" style="{CARD_STYLE}"><img src="data:image/png;base64,{data}" '
            f'alt="{html.escape(alt, quote=True)}" style="display:block;max-width:100%;height:auto"></div>')


def html_with_alt(fig, **kwargs) -> str | None:
    """The figure as a ``text/html`` output: JupyterLab renders text/html before image/png and, unlike its
    image renderer, keeps an ``<img alt>`` (its sanitizer keeps ``data:`` images and ``alt`` in untrusted
    notebooks too). IPython formats text/html before image/png: the picture drawn here is handed to
    :func:`png_with_alt` for the image/png beside it (drawn once)."""
    data = png(fig, **kwargs)
    if data is None:
        return None
    from .figure_alt import describe

    alt = describe(fig)
    _drawn["last"] = (fig, kwargs, data, alt)
    return figure_html(data, alt)


def _is_default_png(entry) -> bool:
    """True for the formatter IPython registers for ``InlineBackend.figure_formats = {"png"}``."""
    from IPython.core.pylabtools import print_figure

    return (isinstance(entry, functools.partial) and entry.func is print_figure and not entry.args
            and entry.keywords == {"fmt": "png", "base64": True, "bbox_inches": "tight"})


def _inline_backend_selected() -> bool:
    import matplotlib

    try:
        backend = matplotlib.get_backend(auto_select=False)    # matplotlib >= 3.10: never resolves one
    except TypeError:
        backend = matplotlib.rcParams._get("backend")
    return backend in ("inline", "module://matplotlib_inline.backend_inline")


def install() -> bool:
    """Use :func:`png` for figures in the running IPython's PNG formatter, if that formatter is the
    inline backend's default. Returns True when installed (or already), False otherwise."""
    try:
        from IPython import get_ipython
        from matplotlib.figure import Figure
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return False
    if _inline_backend_selected():
        # pyplot loads its backend, which registers IPython's figure formatters, only when the first
        # figure is made: load it now (what that first figure would do) so there is one to replace.
        import matplotlib_inline.backend_inline  # noqa: F401
    formatters = shell.display_formatter.formatters
    formatter = formatters.get("image/png")
    current = formatter.type_printers.get(Figure) if formatter is not None else None
    if isinstance(current, functools.partial) and current.func in (png, png_with_alt):
        return True
    if not _is_default_png(current):
        return False
    formatter.for_type(Figure, functools.partial(png_with_alt, bbox_inches="tight"))
    if formatters.get("text/html") is not None:
        formatters["text/html"].for_type(Figure, functools.partial(html_with_alt, bbox_inches="tight"))
    return True
