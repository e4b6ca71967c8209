"""A still picture of each widget stored with the notebook, for every viewer that has no kernel.

A notebook saved with its outputs but without live widget state shows, where a widget was displayed,
whatever its output's other representations offer: JupyterLab before Run All (outputs not trusted),
GitHub and nbviewer (nbconvert) never run the widget. So :class:`WidgetBox` (the ``.widget`` every
builder returns) displays **two outputs**:

1. a PNG preview (``image/png``): the widget's own figures, or its readouts as text, under one line
   "▶ Run this notebook to use the …" drawn into the picture (so that every viewer shows the line);
2. the live widget (``application/vnd.jupyter.widget-view+json``) with an empty ``text/plain``
   (never the ``VBox(children=…`` repr).

When the live widget renders (a kernel ran the cell), a ``<style>`` rule that travels inside it
hides output 1 — the preview directly before the widget — so a live session shows the widget only.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

import ipywidgets as widgets
from PIL import Image, ImageDraw, ImageFont

from ..fonts import font_files, glyph_runs, use_edition_font, warn_missing
from .a11y import a11y_html

__all__ = ["WidgetBox", "preview_png", "HIDE_PREVIEW_CSS", "LIVE_CLASS"]

LIVE_CLASS = "bp-live"
# The output just before a live widget's output, if it is an image: our preview.
HIDE_PREVIEW_CSS = (".jp-OutputArea-child:is(:has(> .jp-OutputArea-output[data-mime-type='image/png']), "
                    ":has(> .jp-OutputArea-output .bp-figure-card))"
                    f":has(+ .jp-OutputArea-child > .jp-OutputArea-output > .{LIVE_CLASS}) {{display: none;}}")
MAX_ROW_WIDTH = 860        # preview px: figures side by side up to this width, then a new row
CAPTION_PX, TEXT_PX, PAD = 15, 13, 8


@lru_cache(maxsize=8)
def _font_file(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def _files(monospace: bool) -> tuple[str, ...]:
    """DejaVu Sans (Mono), then the other fonts matplotlib falls back to (the Korean edition's
    NanumGothic: a Korean caption or readout draws its Hangul, never boxes)."""
    use_edition_font()
    first = font_files("DejaVu Sans Mono" if monospace else "DejaVu Sans")[0]
    return tuple(dict.fromkeys([first, *font_files()]))


def _runs(text: str, monospace: bool, size: int) -> list[tuple[str, ImageFont.FreeTypeFont]]:
    """``text`` in runs of one font each; a glyph no font has is drawn with the first font, and warned about."""
    files = _files(monospace)
    runs = []
    for run, path in glyph_runs(text, files):
        if path is None:
            warn_missing(run[0], files)
        runs.append((run, _font_file(path or files[0], size)))
    return runs


def _length(text: str, monospace: bool, size: int) -> float:
    return sum(font.getlength(run) for run, font in _runs(text, monospace, size))


def _draw_text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, monospace: bool, size: int,
               fill: str) -> None:
    """``draw.text`` with per-glyph font fallback (the first run at ``xy``, as before, the rest after it)."""
    x, y = xy
    for run, font in _runs(text, monospace, size):
        draw.text((x, y), run, fill=fill, font=font)
        x += font.getlength(run)


def _shrink(png: bytes, css_width: int) -> Image.Image:
    """The figure at its CSS size (it was rendered at 1.5x or 2x)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if image.width == css_width:
        return image
    if image.width % css_width == 0:             # rendered at 2x: average each 2×2 block (10× faster)
        return image.reduce(image.width // css_width)
    size = (css_width, max(1, round(image.height * css_width / image.width)))
    return image.resize(size, Image.Resampling.LANCZOS)


def _text_block(lines: Sequence[str]) -> Image.Image:
    height = TEXT_PX + 5
    width = max((int(_length(line, True, TEXT_PX)) for line in lines), default=0) + 2 * PAD
    block = Image.new("RGB", (min(width, MAX_ROW_WIDTH), height * len(lines) + 2 * PAD), "white")
    draw = ImageDraw.Draw(block)
    for i, line in enumerate(lines):
        _draw_text(draw, (PAD, PAD + i * height), line, True, TEXT_PX, "#222222")
    return block


def _rows(images: list[Image.Image]) -> list[list[Image.Image]]:
    rows: list[list[Image.Image]] = [[]]
    for image in images:
        if rows[-1] and sum(i.width + PAD for i in rows[-1]) + image.width > MAX_ROW_WIDTH:
            rows.append([])
        rows[-1].append(image)
    return [r for r in rows if r]


def preview_png(figures: Sequence[tuple[bytes, int]], caption: str, lines: Sequence[str] = ()) -> bytes:
    """One PNG: ``caption`` on top, then ``lines`` of text, then the ``figures`` ((PNG bytes, CSS width)
    pairs, shown at their CSS width), side by side while they fit in 860 px."""
    parts = ([_text_block(lines)] if lines else []) + [_shrink(png, width) for png, width in figures]
    rows = _rows(parts)
    head = CAPTION_PX + 2 * PAD
    width = max([int(_length(caption, False, CAPTION_PX)) + 2 * PAD] + [sum(i.width + PAD for i in r) for r in rows])
    height = head + sum(max(i.height for i in r) + PAD for r in rows)
    canvas = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 0, width - 1, height - 1), outline="#9e9e9e")
    _draw_text(draw, (PAD, PAD), caption, False, CAPTION_PX, "#0d47a1")
    y = head
    for r in rows:
        x = PAD
        for image in r:
            canvas.paste(image, (x, y))
            x += image.width + PAD
        y += max(i.height for i in r) + PAD
    buffer = io.BytesIO()
    # 256 colours: a third of the bytes of full colour, and a plot has few. The fast octree quantizer
    # without optimize=True takes milliseconds where median cut with it took ~50 ms, and is smaller.
    canvas.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        buffer, format="png")
    return buffer.getvalue()


class WidgetBox(widgets.VBox):
    """The VBox a builder returns as ``.widget``: a live widget where a kernel runs the cell, and a
    stored still picture (see the module docstring) for every viewer without one.

    ``caption``: the line drawn over the picture; ``figures()``: the widget's FigureImages;
    ``lines()``: readout lines shown as text (for widgets without a figure). Accessibility
    (:mod:`helpers.widgets.a11y`): ``names`` maps a control's CSS class to its accessible name (what it
    changes); ``live``: CSS classes of readouts announced politely when they change; ``regions``: CSS
    class → name of a box that scrolls (made a keyboard stop). Each figure's ``alt`` is its text
    alternative, kept current as the figure redraws.

    Everything passed in is shown as it is: a builder passes ``caption``, ``names``, ``regions`` and the
    readout ``lines`` translated (``caption=_("▶ Run this notebook to …")``). The picture draws any
    script: a glyph DejaVu Sans lacks (Hangul) comes from the next font matplotlib falls back to.
    """

    def __init__(self, children: Sequence[widgets.Widget], css: str, *, caption: str,
                 figures: Callable[[], Sequence] = tuple, lines: Callable[[], Sequence[str]] = tuple,
                 names: Mapping[str, str] | None = None, live: Sequence[str] = (),
                 regions: Mapping[str, str] | None = None):
        self.names, self.live = dict(names or {}), [f"{css}-message", *live]
        self.regions = dict(regions or {})
        self.a11y = widgets.HTML("", layout=widgets.Layout(display="none"))
        self.a11y.add_class("bp-a11y")
        style = widgets.HTML(f"<style>{HIDE_PREVIEW_CSS}</style>", layout=widgets.Layout(display="none"))
        super().__init__([*children, style, self.a11y], layout=widgets.Layout(align_items="flex-start",
                                                                              max_width="100%"))
        self.add_class(css)
        self.add_class(LIVE_CLASS)
        self.caption, self._figures, self._lines = caption, figures, lines
        for figure in self._figure_list():
            figure.on_redraw = self.update_a11y
        self.update_a11y()

    def _figure_list(self) -> list:
        try:
            return list(self._figures())
        except Exception:  # noqa: BLE001 (figures that cannot be listed must never hide the widget)
            return []

    def alts(self) -> dict[str, str]:
        """Each figure's CSS class → its current text alternative."""
        return {f.css_class: f.alt for f in self._figure_list() if f.alt}

    def update_a11y(self) -> None:
        """Give the browser the current names and text alternatives (only when they changed)."""
        value = a11y_html(self.names, self.alts(), self.live, self.regions)
        if self.a11y.value != value:
            self.a11y.value = value

    def preview_png(self) -> bytes:
        """The still picture: caption, readout lines, figures (as they are now)."""
        shown = [(bytes(f.widget.value), f.css_width) for f in self._figures() if f.widget.value]
        return preview_png(shown, self.caption, list(self._lines()))

    def preview_bundle(self) -> dict:
        """Output 1: the picture, with the caption as its plain-text form and, as text/html (what
        JupyterLab shows), the picture with its text alternative: the caption, then each figure's."""
        from ..inline_png import figure_html

        data = base64.b64encode(self.preview_png()).decode("ascii")
        alt = " ".join([self.caption.lstrip("▶ ").rstrip(".") + ".", *self.alts().values(),
                        *(line.strip() for line in self._lines())])
        return {"image/png": data, "text/html": figure_html(data, alt), "text/plain": self.caption}

    def widget_bundle(self) -> dict:
        """Output 2: the live widget, with an empty plain-text form (never the VBox repr)."""
        data = widgets.VBox._repr_mimebundle_(self)
        data["text/plain"] = ""
        return data

    def _ipython_display_(self, **kwargs) -> None:
        from IPython.display import display

        try:
            preview = self.preview_bundle()
        except Exception:  # noqa: BLE001 (a picture that cannot be made must never hide the widget)
            preview = None
        if preview is not None:
            display(preview, raw=True)
        display(self.widget_bundle(), raw=True)
