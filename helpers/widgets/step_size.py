"""Step-size explorer for notebook 01_chain_rule: move h on a log scale and watch the forward and
central differences' errors, with both error curves drawn log-log and a marker at the current h.

Plain-Python API (used by the unit tests): ``explorer.set_h(1e-6)``, ``explorer.state``.
CSS classes: ``bp-stepsize-slider``, ``bp-stepsize-h``, ``bp-stepsize-forward-error``,
``bp-stepsize-central-error``, ``bp-stepsize-message``, ``bp-stepsize-figure``.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets
import numpy as np

from .._checks import as_scalar, check_callable, check_positive
from ..chain_rule import seed004_h, seed004_h_prime, step_size_errors
from ..gradcheck import central_difference, forward_difference
from .figure_image import FigureImage, readout

MIN_EXPONENT, MAX_EXPONENT, EXPONENT_STEP = -14.0, -1.0, 0.25


def format_error(value: float) -> str:
    """How the readouts print an error (shared with the tests so both sides format alike)."""
    return f"{value:.3e}"


class StepSizeExplorer:
    """A log-scale slider for h, readouts of both differences' errors, and a log-log error plot.

    ``f``/``f_prime``: a scalar function and its exact derivative (default: seed 004's
    h(x) = g(f(x)) and its correct derivative), ``x``: the point, ``h``: the starting step.
    """

    def __init__(self, f: Callable[[float], float] = seed004_h,
                 f_prime: Callable[[float], float] = seed004_h_prime, x: float = 0.5, h: float = 1e-5):
        self.f = check_callable("f", f)
        self.f_prime = check_callable("f_prime", f_prime)
        self.x = as_scalar("x", x)
        self.exact = as_scalar("f_prime(x)", f_prime(self.x))
        h = self._check_h(h)
        self.slider = widgets.FloatLogSlider(value=h, base=10, min=MIN_EXPONENT, max=MAX_EXPONENT,
                                             step=EXPONENT_STEP, description="h", readout_format=".2e",
                                             continuous_update=True,
                                             layout=widgets.Layout(width="420px"))
        self.slider.add_class("bp-stepsize-slider")
        self.h_label = readout("bp-stepsize-h")
        self.forward_label = readout("bp-stepsize-forward-error")
        self.central_label = readout("bp-stepsize-central-error")
        self.message = readout("bp-stepsize-message")
        self.image = FigureImage(6.0, 3.6, dpi=80, css_class="bp-stepsize-figure")
        self._build_plot()
        self.slider.observe(self._on_change, names="value")
        readouts = widgets.VBox([self.h_label, self.forward_label, self.central_label, self.message])
        self.widget = widgets.VBox([self.slider, readouts, self.image.widget])
        self.widget.add_class("bp-stepsize")
        self._update()

    @staticmethod
    def _check_h(h: float) -> float:
        h = check_positive("h", h)
        low, high = 10.0**MIN_EXPONENT, 10.0**MAX_EXPONENT
        if not low <= h <= high:
            raise ValueError(f"h must lie between {low:g} and {high:g} (the slider's range); got {h:g}")
        return h

    def _build_plot(self) -> None:
        self.hs = np.logspace(MIN_EXPONENT, MAX_EXPONENT, 131)
        forward, central = step_size_errors(self.f, self.f_prime, self.x, self.hs)
        floor = 1e-17  # an exact 0 error cannot be drawn on a log axis
        ax = self.image.figure.add_subplot()
        ax.loglog(self.hs, np.maximum(forward, floor), color="tab:blue", label="forward difference")
        ax.loglog(self.hs, np.maximum(central, floor), color="tab:orange", label="central difference")
        self.vline = ax.axvline(self.slider.value, color="gray", lw=1, ls="--")
        (self.forward_marker,) = ax.plot([], [], "o", color="tab:blue", ms=8)
        (self.central_marker,) = ax.plot([], [], "s", color="tab:orange", ms=8)
        self._floor = floor
        ax.set_xlabel("step size h")
        ax.set_ylabel("absolute error")
        ax.set_title(f"error of the derivative estimate at x = {self.x:g}")
        ax.legend(loc="upper center", fontsize=8)
        self.image.layout()
        self._ax = ax
        # Only the h line and the two markers move: blit them over the cached log-log plot
        # (~10x faster than re-rendering it; ``self.image.png()`` still renders it in full).
        self.image.set_moving((self.vline, self.forward_marker, self.central_marker))

    def _on_change(self, change: dict) -> None:
        self._update()

    def _update(self) -> None:
        """Recompute both estimates at the slider's h and redraw; never raises into the browser."""
        try:
            h = float(self.slider.value)
            forward = abs(forward_difference(self.f, self.x, h) - self.exact)
            central = abs(central_difference(self.f, self.x, h) - self.exact)
        except (ValueError, TypeError, ArithmeticError) as exc:
            self.message.value = f"Cannot evaluate at this h: {exc}"
            return
        self._state = {"h": h, "forward_error": forward, "central_error": central}
        self.h_label.value = f"h = {h!r}"     # repr: the shortest text that reads back as exactly h
        self.forward_label.value = f"forward error: {format_error(forward)}"
        self.central_label.value = f"central error: {format_error(central)}"
        self.message.value = ""
        self.vline.set_xdata([h, h])
        self.forward_marker.set_data([h], [max(forward, self._floor)])
        self.central_marker.set_data([h], [max(central, self._floor)])
        self.image.blit()

    def set_h(self, h: float) -> None:
        """Move the slider to ``h`` (between 1e-14 and 0.1); the readouts and plot follow."""
        h = self._check_h(h)
        if h == self.slider.value:
            self._update()
        else:
            self.slider.value = h

    @property
    def state(self) -> dict[str, float]:
        """The numbers on display: h, forward_error, central_error."""
        return dict(self._state)
