"""Jacobian explorer for notebook 03_vectors_matrices_jacobians: sliders for the entries of W (2×2)
and x (2,) in f = ‖W·x‖², with readouts of q, f, ∇q, ∇W and ∇x that follow every move.

Plain-Python API (used by the unit tests): ``explorer.set("W01", 0.3)``, ``explorer.state``.
CSS classes: ``bp-jac-slider-<name>`` for name in W00, W01, W10, W11, x0, x1; readouts
``bp-jac-q``, ``bp-jac-f``, ``bp-jac-gradq``, ``bp-jac-gradW``, ``bp-jac-gradx``; ``bp-jac-message``.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from .._checks import as_array, as_scalar, check_choice, check_shape
from ..i18n import _
from ..jacobians import norm_wx_backward, norm_wx_forward
from ..reference import CS231N_NORM_WX
from . import layout
from .base import WidgetBase
from .preview import WidgetBox

NAMES = ("W00", "W01", "W10", "W11", "x0", "x1")
LOW, HIGH, STEP = -1.0, 1.0, 0.01


def format_vector(values) -> str:
    """How the readouts print a vector or matrix: 6 decimals, rows in brackets (shared with tests)."""
    arr = np.asarray(values, dtype=float)
    if arr.ndim == 1:
        return "[" + ", ".join(f"{v:.6f}" for v in arr) + "]"
    return "[" + ", ".join(format_vector(row) for row in arr) + "]"


def _slider_name(name: str) -> str:
    """The accessible name of a slider: 'entry 0,1 of the matrix W', 'entry 1 of the input x'."""
    if name[0] == "W":
        return _("entry {row},{column} of the matrix W").format(row=name[1], column=name[2])
    return _("entry {index} of the input x").format(index=name[1])


class JacobianExplorer(WidgetBase):
    """Sliders for W and x of f = ‖W·x‖² and live readouts of the forward and backward pass.

    ``W``: shape (2, 2), ``x``: shape (2,), entries in [-1, 1]; both default to the published
    CS231n example (helpers.reference.CS231N_NORM_WX).
    """

    def __init__(self, W=None, x=None):
        self._setup("bp-jac")
        W = as_array("W", CS231N_NORM_WX["W"] if W is None else W, dtype=np.float64)
        x = as_array("x", CS231N_NORM_WX["x"] if x is None else x, dtype=np.float64)
        check_shape("W", W, (2, 2), _("(the explorer has a 2×2 weight matrix)"))
        check_shape("x", x, (2,), _("(the explorer has a 2-entry input)"))
        start = dict(zip(NAMES, [*W.ravel(), *x], strict=True))
        self.sliders: dict[str, widgets.FloatSlider] = {}
        for name in NAMES:
            value = self._check_value(name, start[name])
            slider = widgets.FloatSlider(value=value, min=LOW, max=HIGH, step=STEP, description=name,
                                         readout_format=".2f", continuous_update=True,
                                         style={"description_width": "3em"},
                                         layout=widgets.Layout(width="20em", min_width="14em"))
            slider.add_class(f"bp-jac-slider-{name}")
            layout.keep_width(slider)
            slider.observe(self.observer(lambda _change: self._update(), _("compute at these values")),
                           names="value")
            self.sliders[name] = slider
        self.labels = {key: layout.readout(f"bp-jac-{key}") for key in ("q", "f", "gradq", "gradW", "gradx")}
        w_box = layout.column([layout.readout("bp-jac-heading", "<b>W</b>")] + [self.sliders[n] for n in NAMES[:4]])
        x_box = layout.column([layout.readout("bp-jac-heading", "<b>x</b>")] + [self.sliders[n] for n in NAMES[4:]])
        readouts = layout.column(list(self.labels.values()) + [self.message])
        self.widget = WidgetBox([layout.row([w_box, x_box]), readouts], "bp-jac",
                                caption=_("▶ Run this notebook to move W and x yourself (the explorer's readouts)"),
                                lines=self._preview_lines, live=["bp-jac-f"],
                                names={f"bp-jac-slider-{n}": _slider_name(n) for n in NAMES})
        self._update()

    def _preview_lines(self) -> list[str]:
        """The readouts as plain text lines (the explorer has no figure)."""
        s = self._state
        return [f"W = {format_vector(s['W'])}   x = {format_vector(s['x'])}"] + [
            html.unescape(label.value) for label in self.labels.values()]

    @staticmethod
    def _check_value(name: str, value) -> float:
        value = as_scalar(name, value)
        if not LOW <= value <= HIGH:
            raise ValueError(_("{name} must lie between {low} and {high} (the slider's range); got {value}").format(
                name=name, low=LOW, high=HIGH, value=value))
        return value

    def _controls_follow_state(self) -> None:
        if self._state:
            values = [*self._state["W"].ravel(), *self._state["x"]]
            for name, value in zip(NAMES, values, strict=True):
                self.sliders[name].value = float(value)

    def _update(self) -> None:
        """Recompute the forward and backward pass from the sliders (a failure from a slider is shown
        by the base's callback policy)."""
        values = [float(self.sliders[n].value) for n in NAMES]
        W, x = np.array(values[:4]).reshape(2, 2), np.array(values[4:])
        q, f = norm_wx_forward(W, x)
        grads = norm_wx_backward(W, x)
        self._state = {"W": W, "x": x, "q": q, "f": f, **grads}
        self.labels["q"].value = f"q = W·x = {format_vector(q)}"
        self.labels["f"].value = f"f = ‖q‖² = {f:.6f}"
        self.labels["gradq"].value = f"∇q = 2q = {format_vector(grads['grad_q'])}"
        self.labels["gradW"].value = f"∇W = ∇q xᵀ = {format_vector(grads['grad_W'])}"
        self.labels["gradx"].value = f"∇x = Wᵀ ∇q = {format_vector(grads['grad_x'])}"
        self.message.value = ""

    def set(self, name: str, value: float) -> None:
        """Move one slider (``name`` in W00, W01, W10, W11, x0, x1) to ``value`` in [-1, 1]."""
        check_choice("name", name, NAMES)
        self.sliders[name].value = self._check_value(name, value)
