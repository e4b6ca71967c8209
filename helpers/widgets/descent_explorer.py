"""Learning-rate explorer for notebook 07_training: gradient descent on a loss surface you can see.

A log-scale slider sets η; the widget runs :func:`helpers.descent.gradient_descent` on the
two-parameter line fit (:class:`helpers.descent.LineFit`) and draws the path over the loss contours,
with the loss per step beside it. Too small crawls, near 1/λ_max zig-zags, above 2/λ_max diverges —
shown as "diverged after k steps", never as NaN or a warning.

Plain-Python API (used by the unit tests): ``explorer.set_learning_rate(0.3)``, ``explorer.state``.
CSS classes: ``bp-descent-lr``, ``bp-descent-readout``, ``bp-descent-message``, ``bp-descent-figure``
(the path over the contours), ``bp-descent-loss`` (the loss per step).
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator

from .._checks import as_array, check_int, check_positive
from ..descent import DescentPath, LineFit, describe_run, gradient_descent, outcome
from ..fonts import use_edition_font
from ..i18n import _
from . import layout
from .base import WidgetBase
from .preview import WidgetBox

MIN_EXPONENT, MAX_EXPONENT, EXPONENT_STEP = -3.0, 0.0, 0.05
W_RANGE, B_RANGE = (-2.0, 2.5), (-2.5, 3.0)


class DescentExplorer(WidgetBase):
    """A learning-rate slider, a one-line readout, and a contour plot with the descent path.

    ``problem``: a :class:`~helpers.descent.LineFit` (default seed 0); ``start``: (w, b) where every
    run begins; ``steps``: updates per run; ``learning_rate``: the starting η (0.001 to 1).
    """

    def __init__(self, problem: LineFit | None = None, start=(-1.5, 2.0), steps: int = 40,
                 learning_rate: float = 0.1):
        self._setup("bp-descent")
        self.problem = LineFit(seed=0) if problem is None else problem
        if not isinstance(self.problem, LineFit):
            raise TypeError(_("problem must be a helpers.descent.LineFit; got {kind}").format(
                kind=type(problem).__name__))
        self.start = as_array("start", start, ndim=1)
        if self.start.shape != (2,):
            raise ValueError(_("start must be (w, b), shape (2,); got shape {shape}").format(shape=self.start.shape))
        (w0, b0) = self.start
        if not (W_RANGE[0] <= w0 <= W_RANGE[1] and B_RANGE[0] <= b0 <= B_RANGE[1]):
            raise ValueError(_("start must lie inside the plotted window, w in [{w_low:g}, {w_high:g}] and b in "
                               "[{b_low:g}, {b_high:g}], so the path can be seen; got (w, b) = ({w:g}, {b:g}). "
                               "Pick a start such as (-1.5, 2.0)").format(
                w_low=W_RANGE[0], w_high=W_RANGE[1], b_low=B_RANGE[0], b_high=B_RANGE[1], w=w0, b=b0))
        self.steps = check_int("steps", steps, minimum=1, maximum=1000)
        learning_rate, note = self._check_lr(learning_rate)
        self.slider = widgets.FloatLogSlider(value=learning_rate, base=10, min=MIN_EXPONENT,
                                             max=MAX_EXPONENT, step=EXPONENT_STEP, description="η",
                                             readout_format=".3g", continuous_update=True,
                                             layout=widgets.Layout(width="26em", min_width="16em"))
        self.slider.add_class("bp-descent-lr")
        layout.keep_width(self.slider)
        self.readout = layout.readout("bp-descent-readout")
        m = layout.mode()
        width = 400 if m.name == "default" else m.max_width
        self.image = self.add_figure(width, width * 0.82, "bp-descent-figure")
        self.loss_image = self.add_figure(width, width * 0.82, "bp-descent-loss")
        self._build_plot(m)
        self.slider.observe(self.observer(lambda _change: self._update(), _("run at this learning rate")),
                            names="value")
        self.widget = WidgetBox([self.slider, self.readout, self.message,
                                 layout.row([self.image.widget, self.loss_image.widget])], "bp-descent",
                                caption=_("▶ Run this notebook to move η yourself (a picture of the explorer)"),
                                figures=lambda: [self.image, self.loss_image], live=["bp-descent-readout"],
                                names={"bp-descent-lr": _("learning rate η (log scale): reruns gradient descent")})
        self._update()
        self.show_note(note)

    @staticmethod
    def _check_lr(learning_rate: float, snap: bool = True) -> tuple[float, str]:
        """η in the slider's range, moved to its nearest notch 10^(k/20) (with a message) if asked."""
        lr = check_positive("learning_rate", learning_rate)
        low, high = 10.0 ** MIN_EXPONENT, 10.0 ** MAX_EXPONENT
        if not low * (1 - 1e-12) <= lr <= high * (1 + 1e-12):
            raise ValueError(_("learning_rate must lie between {low:g} and {high:g} (the slider's range); got "
                               "{lr:g}").format(low=low, high=high, lr=lr))
        snapped = layout.log_grid(lr, EXPONENT_STEP)
        if not snap or abs(snapped - lr) <= 1e-9 * lr:
            return lr, ""
        return snapped, _("η = {lr:g} is between two notches of the slider: moved to {snapped:.3g} (the slider's "
                          "steps are 10^(k/20))").format(lr=lr, snapped=snapped)

    def _build_plot(self, m: layout.Mode) -> None:
        use_edition_font()
        self.ax_surface = self.image.figure.add_subplot()
        self.ax_loss = self.loss_image.figure.add_subplot()
        W, B, L = self.problem.surface(W_RANGE, B_RANGE, n=60)
        best = self.problem.minimum()
        levels = self.problem.loss(best) + np.geomspace(0.01, L.max(), 14)
        self.ax_surface.contour(W, B, L, levels=levels, cmap="viridis", linewidths=0.8)
        self.ax_surface.plot(*best, "*", color="black", ms=m.text, label=_("minimum"))
        (self.path_line,) = self.ax_surface.plot([], [], ".-", color="tab:red", lw=m.line * 0.8, ms=m.text / 3,
                                                 label=_("path"))
        self.ax_surface.plot(*self.start, "o", color="tab:red", ms=m.text / 2)
        self.ax_surface.set_xlim(*W_RANGE)
        self.ax_surface.set_ylim(*B_RANGE)
        self.ax_surface.set_xlabel(_("w (slope)"), fontsize=m.label)
        self.ax_surface.set_ylabel(_("b (intercept)"), fontsize=m.label)
        self.ax_surface.legend(loc="upper right", fontsize=m.text)
        self.banner = self.ax_surface.text(0.03, 0.04, "", transform=self.ax_surface.transAxes, fontsize=m.label,
                                           color="darkred")   # no bold: the Korean font has one weight
        (self.loss_line,) = self.ax_loss.semilogy([], [], ".-", color="tab:red", lw=m.line * 0.8, ms=m.text / 4)
        self.ax_loss.axhline(self.problem.loss(best), color="black", lw=0.8, ls="--", label=_("minimum loss"))
        self.ax_loss.set_xlim(0, self.steps)
        self.ax_loss.set_ylim(self.problem.loss(best) * 0.5, 1e6)   # fixed: no re-ticking per redraw
        self.ax_loss.yaxis.set_minor_locator(NullLocator())
        self.ax_loss.yaxis.set_major_locator(LogLocator(numticks=4))   # few labels: text is slow
        self.ax_loss.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"1e{round(np.log10(v))}"))
        self.ax_loss.set_xlabel(_("step"), fontsize=m.label)
        self.ax_loss.set_ylabel(_("loss L(w, b)"), fontsize=m.label)
        self.ax_loss.legend(loc="upper right", fontsize=m.text)
        for ax in (self.ax_surface, self.ax_loss):
            ax.tick_params(labelsize=m.text)
            ax.xaxis.set_major_locator(MaxNLocator(4))
        self.ax_surface.yaxis.set_major_locator(MaxNLocator(4))
        self.image.layout()
        self.loss_image.layout()

    def run(self, learning_rate: float) -> DescentPath:
        """The descent path for ``learning_rate`` from this explorer's start (no drawing)."""
        return gradient_descent(self.problem.loss, self.problem.gradient, self.start,
                                self._check_lr(learning_rate, snap=False)[0], self.steps)

    def _update(self) -> None:
        """Run descent at the slider's η and redraw (a failure from the slider is shown by the
        base's callback policy)."""
        lr = float(self.slider.value)
        path = self.run(lr)
        text = describe_run(self.problem, path, lr)
        self._state = {"learning_rate": lr, "status": path.status, "steps": path.steps,
                       "final_loss": path.final_loss, "final": path.final.copy(), "description": text}
        self.readout.value = f"η = {lr:.3g}: {text}"
        self.path_line.set_data(path.points[:, 0], path.points[:, 1])
        self.loss_line.set_data(np.arange(path.steps + 1), path.losses)
        self.banner.set_text(outcome(path) if path.status == "diverged" else "")
        self.message.value = ""
        self.image.refresh()
        self.loss_image.refresh()

    def set_learning_rate(self, learning_rate: float) -> None:
        """Move the slider to ``learning_rate`` (0.001 to 1; a value between two notches moves to the
        nearest notch 10^(k/20), and the message says so); the readout and plot follow."""
        lr, note = self._check_lr(learning_rate)
        if lr == self.slider.value:
            self._update()
        else:
            self.slider.value = lr
        if note:
            self.show_note(note)

    def _controls_follow_state(self) -> None:
        if self._state:
            self.slider.value = self._state["learning_rate"]
