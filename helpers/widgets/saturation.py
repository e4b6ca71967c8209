"""Saturation explorer for notebook 06 (matrix-form backprop): seed 000's two insights on one sigmoid
neuron a = σ(w·x + b) with target y.

1. ∂C/∂w = δ·x: a small input activation x makes its weight learn slowly (∂C/∂b = δ does not care).
2. With the quadratic cost C = ½(a − y)², δ = (a − y)·σ'(z) is tiny once the neuron saturates
   (a ≈ 0 or 1), even when it is badly wrong; with cross-entropy δ = a − y: no σ' factor, no slow-down.

The readouts come from :func:`neuron_gradients`, which calls :func:`helpers.mlp.backprop` on the
1-1 network; the learning curves from :func:`learning_curves` (plain float gradient descent, tested
against :func:`helpers.mlp.train_step`).

Plain-Python API (used by the tests): ``explorer.set("x", 0.5)`` (names "x", "w", "b"),
``explorer.state``. CSS classes: ``bp-sat`` (the whole widget), sliders ``bp-sat-x``, ``bp-sat-w``,
``bp-sat-b``; readouts ``bp-sat-z``, ``bp-sat-a``, ``bp-sat-sigma-prime``, ``bp-sat-delta-mse``,
``bp-sat-delta-ce``, ``bp-sat-grad-w-mse``, ``bp-sat-grad-w-ce``, ``bp-sat-grad-b-mse``,
``bp-sat-grad-b-ce``, ``bp-sat-message``; the plot ``bp-sat-figure``.
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator

from .._checks import as_scalar, check_choice, check_int, check_positive
from ..core.neuron import neuron_gradient
from ..fonts import use_edition_font
from ..i18n import _
from ..mlp import backprop, forward
from . import layout
from .base import WidgetBase
from .preview import WidgetBox

SLIDERS = {"x": (0.0, 1.0, 0.05), "w": (-4.0, 4.0, 0.1), "b": (-4.0, 4.0, 0.1)}   # (low, high, step)
READOUTS = ("z", "a", "sigma_prime", "delta_mse", "delta_ce", "grad_w_mse", "grad_w_ce", "grad_b_mse",
            "grad_b_ce")


def slider_labels() -> dict[str, str]:
    """Each slider's label, in the edition's language."""
    return {"x": _("input activation x"), "w": _("weight w"), "b": _("bias b")}


def slider_names() -> dict[str, str]:
    """Each slider's accessible name (what it changes), in the edition's language."""
    return {"x": _("input activation x of the neuron"), "w": _("weight w of the neuron"),
            "b": _("bias b of the neuron")}


def readout_labels() -> dict[str, str]:
    """The label before each readout's value, in the edition's language (the symbols are the same in both)."""
    return {"z": "z = w·x + b", "a": "a = σ(z)", "sigma_prime": "σ'(z)", "delta_mse": _("δ (quadratic)"),
            "delta_ce": _("δ (cross-entropy)"), "grad_w_mse": _("∂C/∂w (quadratic)"),
            "grad_w_ce": _("∂C/∂w (cross-entropy)"), "grad_b_mse": _("∂C/∂b (quadratic)"),
            "grad_b_ce": _("∂C/∂b (cross-entropy)")}


def format_value(value: float) -> str:
    """How the readouts print a number (shared with the tests so both sides format alike)."""
    return f"{value:.6f}"


def css_name(key: str) -> str:
    """The CSS class of a readout, e.g. ``bp-sat-delta-mse`` for ``delta_mse``."""
    return "bp-sat-" + key.replace("_", "-")


def neuron_gradients(x: float, w: float, b: float, y: float = 0.0) -> dict[str, float]:
    """z, a, σ'(z), δ and ∂C/∂w, ∂C/∂b under both costs for one sigmoid neuron, via helpers.mlp."""
    W, B = [np.array([[as_scalar("w", w)]])], [np.array([[as_scalar("b", b)]])]
    X, Y = np.array([[as_scalar("x", x)]]), np.array([[as_scalar("y", y)]])
    zs, activations = forward(W, B, X)
    z, a = float(zs[0][0, 0]), float(activations[1][0, 0])
    out = {"z": z, "a": a, "sigma_prime": a * (1.0 - a)}
    for tag, loss in (("mse", "mse"), ("ce", "cross_entropy")):
        grads_W, grads_b = backprop(W, B, X, Y, loss=loss)
        out[f"grad_w_{tag}"] = float(grads_W[0][0, 0])
        out[f"grad_b_{tag}"] = float(grads_b[0][0, 0])
        out[f"delta_{tag}"] = out[f"grad_b_{tag}"]          # BP3: ∂C/∂b = δ
    return out


def check_target(y) -> float:
    """The target output y: a real number in [0, 1] (a sigmoid's output, and what cross-entropy needs)."""
    y = as_scalar("y", y)
    if not 0.0 <= y <= 1.0:
        raise ValueError(_("y must be a target in [0, 1] (a sigmoid neuron's output lies there, and "
                           "cross-entropy needs it); got {y:g}").format(y=y))
    return y


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def learning_curves(x: float, w: float, b: float, y: float = 0.0, learning_rate: float = 0.15,
                    epochs: int = 300) -> dict[str, np.ndarray]:
    """Gradient descent on one neuron from (w, b) under each cost: the output a after 0..epochs steps.

    Returns {"mse": array of epochs + 1 outputs, "ce": …}. Each step's gradient is
    :func:`helpers.core.neuron.neuron_gradient` (plain floats, ~0.2 ms in all); the same updates as
    ``helpers.mlp.train_step`` on the 1-1 network (tests/test_saturation_widget.py checks it).
    """
    x, y = as_scalar("x", x), check_target(y)
    eta = check_positive("learning_rate", learning_rate)
    epochs = check_int("epochs", epochs, minimum=1, maximum=100_000)
    curves = {}
    for cost in ("mse", "ce"):
        wc, bc = as_scalar("w", w), as_scalar("b", b)
        outputs = np.empty(epochs + 1)
        for n in range(epochs + 1):
            outputs[n], dC_dw, dC_db = neuron_gradient(x, wc, bc, y, cost)   # a, BP4, BP3 for this cost
            wc, bc = wc - eta * dC_dw, bc - eta * dC_db                      # the step
        curves[cost] = outputs
    return curves


class SaturationExplorer(WidgetBase):
    """Sliders for x, w, b of one sigmoid neuron (target ``y``); readouts of δ and the gradients under
    both costs; the output's learning curve under each cost from the current (w, b)."""

    def __init__(self, x: float = 1.0, w: float = 2.0, b: float = 2.0, y: float = 0.0,
                 learning_rate: float = 0.15, epochs: int = 300):
        self._setup("bp-sat")
        self.y = check_target(y)
        self.learning_rate = check_positive("learning_rate", learning_rate)
        self.epochs = check_int("epochs", epochs, minimum=1, maximum=10_000)
        self.sliders: dict[str, widgets.FloatSlider] = {}
        descriptions = slider_labels()
        for name, value in (("x", x), ("w", w), ("b", b)):
            low, high, step = SLIDERS[name]
            value = self._check(name, value)
            slider = widgets.FloatSlider(value=value, min=low, max=high, step=step, description=descriptions[name],
                                         readout_format=".2f", continuous_update=False,
                                         style={"description_width": "9em"},
                                         layout=widgets.Layout(width="30em", min_width="19em"))
            slider.add_class(f"bp-sat-{name}")
            layout.keep_width(slider)
            slider.observe(self.observer(lambda _change: self._update(), _("compute at these values")),
                           names="value")
            self.sliders[name] = slider
        self.labels = {key: layout.readout(css_name(key)) for key in READOUTS}
        m = layout.mode()
        self.image = self.add_figure(*m.size(0.66), "bp-sat-figure")
        self._build_plot(m)
        grid = layout.column([self.labels[k] for k in READOUTS])
        self.widget = WidgetBox([*self.sliders.values(), layout.row([grid, self.image.widget]), self.message],
                                "bp-sat", caption=_("▶ Run this notebook to move x, w and b yourself "
                                                    "(a picture of the explorer)"), figures=lambda: [self.image],
                                live=["bp-sat-delta-mse", "bp-sat-delta-ce"],
                                names={f"bp-sat-{n}": text for n, text in slider_names().items()})
        self._update()

    @staticmethod
    def _check(name: str, value) -> float:
        check_choice("name", name, tuple(SLIDERS))
        value = as_scalar(name, value)
        low, high, _step = SLIDERS[name]
        if not low <= value <= high:
            raise ValueError(_("{name} must lie between {low} and {high} (the slider's range); got {value}")
                             .format(name=name, low=low, high=high, value=value))
        return value

    def _build_plot(self, m: layout.Mode) -> None:
        use_edition_font()
        ax = self.image.figure.add_subplot()
        steps = np.arange(self.epochs + 1)
        (self.line_mse,) = ax.plot(steps, np.zeros_like(steps, dtype=float), color="tab:red", lw=m.line,
                                   label=_("quadratic cost"))      # labels: for the text alternative (no legend)
        # dashed as well as green: the two costs never differ by colour alone (red/green colour blindness)
        (self.line_ce,) = ax.plot(steps, np.zeros_like(steps, dtype=float), color="tab:green", lw=m.line, ls="--",
                                  label=_("cross-entropy cost"))
        ax.axhline(self.y, color="gray", lw=1, ls=":")
        ax.set_xlim(0, self.epochs)
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlabel(_("gradient-descent step (η = {eta:g})").format(eta=self.learning_rate), fontsize=m.label)
        ax.set_ylabel(_("output a"), fontsize=m.label)
        ax.tick_params(labelsize=m.text)
        ax.xaxis.set_major_locator(MaxNLocator(4, integer=True))
        ax.yaxis.set_major_locator(MaxNLocator(3))
        # Coloured text instead of a legend: a matplotlib legend triples the redraw time.
        for i, (text, color) in enumerate(((_("quadratic cost (solid)"), "tab:red"),
                                           (_("cross-entropy cost (dashed)"), "tab:green"),
                                           (_("target y = {y:g} (dotted)").format(y=self.y), "gray"))):
            ax.text(0.98, 0.95 - 0.12 * i, text, color=color, ha="right", va="top", fontsize=m.text,
                    transform=ax.transAxes, bbox={"fc": "white", "ec": "none", "alpha": 0.8, "pad": 1})
        self.image.layout()

    def _controls_follow_state(self) -> None:
        for name in ("x", "w", "b"):
            if name in self._state:
                self.sliders[name].value = self._state[name]

    def _update(self) -> None:
        """Recompute from the sliders and redraw (a failure from a slider is shown by the base's
        callback policy)."""
        x, w, b = (float(self.sliders[n].value) for n in ("x", "w", "b"))
        values = neuron_gradients(x, w, b, self.y)
        curves = learning_curves(x, w, b, self.y, self.learning_rate, self.epochs)
        self._state = {"x": x, "w": w, "b": b, **values, "final_a_mse": float(curves["mse"][-1]),
                       "final_a_ce": float(curves["ce"][-1])}
        labels = readout_labels()
        for key in READOUTS:
            self.labels[key].value = f"{labels[key]} = {format_value(values[key])}"
        self.message.value = _("after {epochs} steps: a = {a_mse} (quadratic), {a_ce} (cross-entropy)").format(
            epochs=self.epochs, a_mse=format_value(self._state["final_a_mse"]),
            a_ce=format_value(self._state["final_a_ce"]))
        self.line_mse.set_ydata(curves["mse"])
        self.line_ce.set_ydata(curves["ce"])
        self.image.refresh()

    def set(self, name: str, value: float) -> None:
        """Move slider ``name`` ("x", "w" or "b") to ``value``; readouts and plot follow."""
        value = self._check(name, value)
        if self.sliders[name].value == value:
            self._update()
        else:
            self.sliders[name].value = value
