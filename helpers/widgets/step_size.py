"""Step-size explorer for notebook 01_chain_rule: move h on a log scale and watch the forward and
central differences' errors, with both error curves drawn log-log and a marker at the current h.

Plain-Python API (used by the unit tests): ``explorer.set_h(1e-6)``, ``explorer.state``.
CSS classes: ``bp-stepsize-slider``, ``bp-stepsize-h``, ``bp-stepsize-forward-error``,
``bp-stepsize-central-error``, ``bp-stepsize-message``, ``bp-stepsize-figure``.
h is printed as the slider prints it (``1.78e-4``); the exact value is in the readout's tooltip.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

from .._checks import as_scalar, check_callable, check_positive
from ..chain_rule import seed004_h, seed004_h_prime, step_size_errors
from ..fonts import use_edition_font
from ..gradcheck import central_difference, forward_difference
from ..i18n import _
from . import layout
from .base import WidgetBase
from .preview import WidgetBox

MIN_EXPONENT, MAX_EXPONENT, EXPONENT_STEP = -14.0, -1.0, 0.25


def format_error(value: float) -> str:
    """How the readouts print an error (shared with the tests so both sides format alike)."""
    return f"{value:.3e}"


def format_h(h: float) -> str:
    """How the readout prints h: like the slider's own readout (3 significant digits, e.g. 1.78e-4)."""
    return layout.e_format(h)


def _power_of_ten(value: float, _pos=None) -> str:
    return f"1e{round(math.log10(value))}"   # plain text: mathtext superscripts would be smaller than 11 px


class StepSizeExplorer(WidgetBase):
    """A log-scale slider for h, readouts of both differences' errors, and a log-log error plot.

    ``f``/``f_prime``: a scalar function and its exact derivative (default: seed 004's
    h(x) = g(f(x)) and its correct derivative), ``x``: the point, ``h``: the starting step (moved to
    the slider's grid, 10^(k/4), if it is not on it; a message says so).
    """

    def __init__(self, f: Callable[[float], float] = seed004_h,
                 f_prime: Callable[[float], float] = seed004_h_prime, x: float = 0.5, h: float = 1e-5):
        self._setup("bp-stepsize")
        self.f = check_callable("f", f)
        self.f_prime = check_callable("f_prime", f_prime)
        self.x = as_scalar("x", x)
        self.exact = as_scalar("f_prime(x)", f_prime(self.x))
        h, note = self._check_h(h)
        m = layout.mode()
        self.slider = widgets.FloatLogSlider(value=h, base=10, min=MIN_EXPONENT, max=MAX_EXPONENT,
                                             step=EXPONENT_STEP, description="h", readout_format=".2e",
                                             continuous_update=True,
                                             layout=widgets.Layout(width="26em", min_width="16em"))
        self.slider.add_class("bp-stepsize-slider")
        layout.keep_width(self.slider)
        self.h_label = layout.readout("bp-stepsize-h")
        self.forward_label = layout.readout("bp-stepsize-forward-error")
        self.central_label = layout.readout("bp-stepsize-central-error")
        self.image = self.add_figure(*m.size(0.72), "bp-stepsize-figure")
        self._build_plot(m)
        self.slider.observe(self.observer(lambda _change: self._update(), "evaluate at this h"), names="value")
        readouts = layout.column([self.h_label, self.forward_label, self.central_label, self.message])
        self.widget = WidgetBox([self.slider, layout.row([self.image.widget, readouts])], "bp-stepsize",
                                caption=_("▶ Run this notebook to move h yourself (a picture of the explorer)"),
                                figures=lambda: [self.image],
                                live=["bp-stepsize-forward-error", "bp-stepsize-central-error"],
                                names={"bp-stepsize-slider": _("step size h (log scale) of both difference estimates")})
        self._update()
        self._note(note)

    @staticmethod
    def _check_h(h: float) -> tuple[float, str]:
        """h on the slider's grid, and a message if it had to move there."""
        h = check_positive("h", h)
        low, high = 10.0**MIN_EXPONENT, 10.0**MAX_EXPONENT
        if not low * (1 - 1e-12) <= h <= high * (1 + 1e-12):
            raise ValueError(_("h must lie between {low:g} and {high:g} (the slider's range); got {h:g}").format(
                low=low, high=high, h=h))
        snapped = layout.log_grid(h, EXPONENT_STEP)
        if math.isclose(snapped, h, rel_tol=1e-9):
            return h, ""
        return snapped, _("h = {h:g} is between two notches of the slider: moved to {moved} "
                          "(the slider's steps are 10^(k/4))").format(h=h, moved=format_h(snapped))

    def _build_plot(self, m: layout.Mode) -> None:
        self.hs = np.logspace(MIN_EXPONENT, MAX_EXPONENT, 131)
        try:
            forward, central = step_size_errors(self.f, self.f_prime, self.x, self.hs)
        except (ArithmeticError, ValueError, TypeError) as exc:
            raise ValueError(_("f must be defined at x ± h for every h from 1e-14 to 0.1 (the plot's grid); "
                               "evaluating it at x = {x:g} failed: {error}").format(x=self.x, error=exc)) from exc
        floor = 1e-17  # an exact 0 error cannot be drawn on a log axis
        use_edition_font()
        ax = self.image.figure.add_subplot()
        ax.loglog(self.hs, np.maximum(forward, floor), color="tab:blue", lw=m.line, label=_("forward difference"))
        ax.loglog(self.hs, np.maximum(central, floor), color="tab:orange", lw=m.line, label=_("central difference"))
        self.vline = ax.axvline(self.slider.value, color="gray", lw=1, ls="--")
        (self.forward_marker,) = ax.plot([], [], "o", color="tab:blue", ms=m.text * 0.7)
        (self.central_marker,) = ax.plot([], [], "s", color="tab:orange", ms=m.text * 0.7)
        self._floor = floor
        ax.set_xlabel(_("step size h"), fontsize=m.label)
        ax.set_ylabel(_("absolute error"), fontsize=m.label)
        ax.set_title(_("error of the estimate of f′({x:g})").format(x=self.x), fontsize=m.title)
        low = max(float(np.min(np.maximum(np.minimum(forward, central), floor))), floor)
        for axis, ticks in ((ax.xaxis, range(-14, 0, 3 if m.name == "default" else 4)),
                            (ax.yaxis, range(math.floor(math.log10(low)), 2, 4))):
            axis.set_major_locator(FixedLocator([10.0 ** k for k in ticks]))
            axis.set_major_formatter(FuncFormatter(_power_of_ten))
            axis.set_minor_locator(NullLocator())
        ax.tick_params(labelsize=m.text)
        ax.legend(loc="lower left", fontsize=m.text, framealpha=0.9)
        self.image.layout()
        self._ax = ax
        # Only the h line and the two markers move: blit them over the cached log-log plot
        # (~10x faster than re-rendering it; ``self.image.png()`` still renders it in full).
        self.image.set_moving((self.vline, self.forward_marker, self.central_marker))

    def _note(self, text: str) -> None:
        if text:
            self.show_note(text)

    def _controls_follow_state(self) -> None:
        if self._state:
            self.slider.value = self._state["h"]

    def _update(self) -> None:
        """Recompute both estimates at the slider's h and redraw (a failure from the slider is shown
        by the base's callback policy)."""
        h = float(self.slider.value)
        forward = abs(forward_difference(self.f, self.x, h) - self.exact)
        central = abs(central_difference(self.f, self.x, h) - self.exact)
        self._state = {"h": h, "forward_error": forward, "central_error": central}
        exact = html.escape(_("exact: {value}").format(value=repr(h)))
        self.h_label.value = f"<span title='{exact}'>h = {format_h(h)}</span>"
        self.forward_label.value = _("forward error: {error}").format(error=format_error(forward))
        self.central_label.value = _("central error: {error}").format(error=format_error(central))
        self.message.value = ""
        self.vline.set_xdata([h, h])
        self.forward_marker.set_data([h], [max(forward, self._floor)])
        self.central_marker.set_data([h], [max(central, self._floor)])
        self.image.blit()

    def set_h(self, h: float) -> None:
        """Move the slider to ``h`` (between 1e-14 and 0.1; an h between two notches moves to the
        nearest notch 10^(k/4), and the message says so); the readouts and plot follow."""
        h, note = self._check_h(h)
        if h == self.slider.value:
            self._update()
        else:
            self.slider.value = h
        self._note(note)
