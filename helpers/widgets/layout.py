"""Sizes and layout shared by every widget of the series, and the lecture switch.

Two modes (:func:`lecture_mode` switches; ``BP_LECTURE=1`` in the environment switches it on when
``helpers.widgets`` is first imported):

- **default**: every text drawn in a widget figure is at least 11 CSS px tall and every figure is at
  most 420 CSS px wide, so it is shown at exactly its natural size (display scale 1) from a 1024×768
  window with JupyterLab's file browser open (output column 592 px) up to 1920 px, and at 150% zoom
  of a 1280×800 screen (421 px). At 150% zoom of a 1024×768 screen with the file browser open
  (315 px) a figure scales down as a whole to ≥ 0.75, i.e. ≥ 8.25 CSS px = 12.4 screen px.
- **lecture**: figure text at least 18 px, figures at most 540 px wide (still scale 1 at 1024×768 with
  the file browser open, 592 px, and in JupyterLab's Presentation Mode there, 546 px), larger readouts
  and buttons; rows reflow into one column there.

Figures are drawn in CSS pixels (1 pt = 1 CSS px, i.e. 72 "dpi" per CSS inch) and rendered at
``render_scale`` × (2 in the default mode: sharp on high-DPI screens and at browser zoom; 1.5 in
lecture mode, whose text is big and whose bigger pictures must still redraw fast on a projector).

Rows wrap (``flex-flow: row wrap``) instead of squeezing their children; controls and readouts keep
at least their own text's width; images keep their aspect ratio (``max-width: 100%``, height auto).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import ipywidgets as widgets

from .._checks import check_bool

__all__ = ["Mode", "MODES", "RENDER_SCALE", "lecture_mode", "is_lecture_mode", "mode", "env_says_lecture",
           "row", "column", "button", "readout", "keep_width", "scroll_box", "message_html", "log_grid",
           "e_format", "nice_ceiling", "short_number"]

RENDER_SCALE = 2.0   # figure pixels per CSS pixel in the default mode (Mode.render_scale)


@dataclass(frozen=True)
class Mode:
    """Sizes of one mode. Text sizes are CSS px (= pt in a figure, see the module docstring)."""

    name: str
    text: float          # the smallest figure text: tick labels, edge labels, legends
    label: float         # axis labels, node names
    title: float         # axes titles
    max_width: int       # widest figure, CSS px
    readout_px: int      # HTML readouts and buttons, CSS px
    line: float          # plot line width, pt
    render_scale: float  # figure pixels per CSS px

    def size(self, aspect: float, width: int | None = None) -> tuple[int, int]:
        """(width, height) in CSS px of a figure ``width`` wide (default: the widest allowed) with
        height = aspect × width."""
        w = self.max_width if width is None else min(int(width), self.max_width)
        return w, int(round(w * aspect))


MODES = {
    "default": Mode("default", text=11.0, label=12.0, title=12.0, max_width=420, readout_px=13, line=1.5,
                    render_scale=2.0),
    "lecture": Mode("lecture", text=18.0, label=18.0, title=19.0, max_width=540, readout_px=20, line=2.5,
                    render_scale=1.5),
}
_state = {"mode": MODES["default"]}


def env_says_lecture(value: str | None) -> bool:
    """How ``BP_LECTURE`` is read: 1/true/yes/on (any case) switch lecture mode on; anything else,
    or no variable, leaves it off."""
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def lecture_mode(on: bool = True) -> None:
    """Switch lecture mode on (or off with ``False``) for every widget created **afterwards**:
    figure text ≥ 18 px, larger readouts and buttons, one column at 1024×768. Widgets already on
    screen keep their size: re-run their cells. Same as starting JupyterLab with ``BP_LECTURE=1``."""
    _state["mode"] = MODES["lecture" if check_bool("on", on) else "default"]


def is_lecture_mode() -> bool:
    """True when widgets created now use the lecture sizes."""
    return _state["mode"].name == "lecture"


def mode() -> Mode:
    """The sizes widgets created now use."""
    return _state["mode"]


def _apply_env() -> None:
    if env_says_lecture(os.environ.get("BP_LECTURE")):
        lecture_mode(True)


# ---- building blocks -------------------------------------------------------------------------------
def keep_width(widget: widgets.Widget, *, grow: bool = False) -> widgets.Widget:
    """Never squeeze ``widget`` below its content's width (it wraps to the next line instead)."""
    widget.layout.flex = "1 0 auto" if grow else "0 0 auto"
    widget.layout.max_width = "calc(100% - 4px)"      # ipywidgets' own 2 px margins stay inside the column
    return widget


def row(children: Iterable[widgets.Widget], css: str = "", *, align: str = "flex-start") -> widgets.HBox:
    """A row that wraps its children onto the next line when the column is too narrow."""
    box = widgets.HBox(list(children), layout=widgets.Layout(flex_flow="row wrap", align_items=align,
                                                             max_width="100%"))
    if css:
        box.add_class(css)
    return box


def column(children: Iterable[widgets.Widget], css: str = "") -> widgets.VBox:
    """A column whose children keep their own width (never stretched, never squeezed)."""
    box = widgets.VBox(list(children), layout=widgets.Layout(align_items="flex-start", max_width="100%"))
    if css:
        box.add_class(css)
    return box


def button(label: str, css: str, on_click: Callable[[], None], *, icon: str = "", style: str = "",
           tooltip: str = "") -> widgets.Button:
    """A button as wide as its label (never ellipsised); ``on_click()`` gets no argument."""
    m = mode()
    b = widgets.Button(description=label, icon=icon, button_style=style, tooltip=tooltip or label,
                       layout=widgets.Layout(width="auto", min_width="max-content", height="auto",
                                             padding="2px 12px", margin="2px 4px 2px 0"))
    b.style.font_size = f"{m.readout_px}px"
    b.add_class(css)
    b.on_click(lambda _b: on_click())
    return keep_width(b)


def readout(css: str, value: str = "") -> widgets.HTML:
    """An HTML readout with a stable CSS class, at the mode's readout size, never squeezed."""
    label = widgets.HTML(value, layout=widgets.Layout(margin="2px 14px 2px 0"))
    label.style.font_size = f"{mode().readout_px}px"
    label.add_class(css)
    label.add_class("bp-readout")
    return keep_width(label)


def scroll_box(child: widgets.Widget, css: str = "") -> widgets.Box:
    """A box as wide as the column that scrolls sideways when ``child`` is wider (the child keeps its
    natural size: nothing is scaled down)."""
    box = widgets.Box([child], layout=widgets.Layout(overflow="auto hidden", max_width="100%",
                                                     width="100%", flex="0 0 auto"))
    if css:
        box.add_class(css)
    return box


def message_html(text: str, *, error: bool = True) -> str:
    """HTML for a one-line message in a widget (escaped); red with ⚠ for problems."""
    import html

    body = html.escape(text)
    return f"<span style='color:#b71c1c'>⚠ {body}</span>" if error else body


def log_grid(value: float, step: float) -> float:
    """The point of a log slider's grid (exponents k·step, base 10) nearest to ``value`` > 0: what the
    browser would snap ``value`` to (and send back)."""
    import math

    return 10.0 ** (round(math.log10(value) / step) * step)


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5, 10, 20, 50, … that is >= ``value`` (> 0): where an axis limit moves to."""
    import math

    decade = 10.0 ** math.floor(math.log10(value))
    return next(m * decade for m in (1, 2, 5, 10) if m * decade >= value * (1 - 1e-12))


def short_number(value: float, _pos=None) -> str:
    """A tick label without mathtext (whose superscripts would be drawn smaller than the limit):
    0.25, 3, 40, or 1e-5 / 2e+4 beyond [0.001, 10000)."""
    if value == 0 or 1e-3 <= abs(value) < 1e4:
        return f"{value:.2g}"
    return e_format(value, 0)


def e_format(value: float, digits: int = 2) -> str:
    """``value`` as a slider's ``.2e`` readout shows it: 1.78e-4 (no leading zero in the exponent)."""
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"{mantissa}e{int(exponent)}"
