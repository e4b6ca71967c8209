"""The three figures of notebook 07's training explorer (:mod:`helpers.widgets.training_explorer`):
the data with the decision boundary, the loss per epoch, and the gradient size per layer.

Three separate images (not one wide figure): a narrow column puts them under each other instead of
shrinking them. The gradient legend sits under its axes, so it never covers a line; gradients that are
exactly 0 (every hidden ReLU dead) cannot be drawn on a log axis, so the panel says so in words.
"""

from __future__ import annotations

import numpy as np
from contourpy import contour_generator
from matplotlib.collections import LineCollection
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator

from ..fonts import use_edition_font
from ..i18n import _
from ..training import Trainer, predict_grid
from . import layout
from .figure_image import FigureImage

__all__ = ["TrainingFigures", "LAYER_COLORS", "zero_gradient_note", "zero_gradient_label"]

LAYER_COLORS = ("tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple", "tab:brown")


def zero_gradient_note(norms: np.ndarray | None, activation: str) -> str:
    """A sentence when some layer's gradient is exactly 0 (nothing to draw on a log axis), else ''."""
    if norms is None or np.all(norms > 0):
        return ""
    layers = _zero_layers(norms)
    if activation == "relu":
        return _("‖∂C/∂W‖ = 0 for {layers}: every hidden ReLU outputs 0 for every sample (they died: η too large?), "
                 "so no gradient flows; lower η and press Reset").format(layers=layers)
    return _("‖∂C/∂W‖ = 0 for {layers}: no gradient flows; lower η and press Reset").format(layers=layers)


def _zero_layers(norms: np.ndarray) -> str:
    """"W1, W3": the layers whose gradient is exactly 0."""
    return ", ".join(f"W{i + 1}" for i in np.flatnonzero(norms == 0))


def zero_gradient_label(norms: np.ndarray | None) -> str:
    """The short form drawn in the gradient panel ("‖∂C/∂W‖ = 0 for W1, W2"), or '' when every gradient
    is positive."""
    if norms is None or np.all(norms > 0):
        return ""
    return _("‖∂C/∂W‖ = 0 for {layers}").format(layers=_zero_layers(norms))


class TrainingFigures:
    """Decision boundary (``data``), loss (``loss``) and gradient norms (``grads``) figures."""

    def __init__(self) -> None:
        use_edition_font()
        m = layout.mode()
        width, tall = (270, 0.92) if m.name == "default" else (m.max_width, 0.7)   # lecture: one per row
        self.data = FigureImage(width, width * tall, css_class="bp-train-figure")
        self.loss = FigureImage(width, width * tall, css_class="bp-train-loss-figure")
        self.grads = FigureImage(width, width * (tall + 0.16), css_class="bp-train-grad-figure")
        self.ax_data = self.data.figure.add_subplot()
        self.ax_loss = self.loss.figure.add_subplot()
        self.ax_grad = self.grads.figure.add_subplot()
        for ax, title in ((self.ax_data, _("decision boundary")), (self.ax_loss, _("loss per sample")),
                          (self.ax_grad, _("gradient size per layer"))):
            ax.set_title(title, fontsize=m.title)
            ax.tick_params(labelsize=m.text)
        for ax in (self.ax_loss, self.ax_grad):
            ax.set_yscale("log")
            ax.set_xlabel(_("epoch"), fontsize=m.label)
            ax.yaxis.set_minor_locator(NullLocator())
            ax.yaxis.set_major_locator(LogLocator(subs=(1.0,)))   # few tick labels: text is the slow part
            ax.yaxis.set_major_formatter(FuncFormatter(layout.short_number))
            ax.xaxis.set_major_locator(MaxNLocator(3, integer=True))
        self.ax_data.set_xticks([])
        self.ax_data.set_yticks([])
        self.ax_grad.set_ylabel("‖∂C/∂W‖", fontsize=m.label)
        (self.loss_line,) = self.ax_loss.plot([], [], color="tab:red", lw=m.line)
        self.loss.set_moving([self.loss_line])
        self.zero_note = self.ax_grad.text(0.5, 0.5, "", transform=self.ax_grad.transAxes, ha="center",
                                           va="center", fontsize=m.text, color="#b71c1c", wrap=True)
        self.background = self.boundary = self.points = None
        self.grad_lines: list = []
        self.legend = None
        self._mode = m
        self.data.layout()
        self.loss.margins(left_chars=5, right_chars=3, title=True, ylabel=False)

    @property
    def images(self) -> list[FigureImage]:
        return [self.data, self.loss, self.grads]

    def draw_dataset(self, X: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float]:
        """Scatter the points (X: shape (2, m), y: shape (m,)); returns the plot extent."""
        pad = 0.3
        extent = (X[0].min() - pad, X[0].max() + pad, X[1].min() - pad, X[1].max() + pad)
        if self.background is None:
            self.background = self.ax_data.imshow(np.zeros((2, 2)), origin="lower", cmap="RdBu_r", vmin=0,
                                                  vmax=1, alpha=0.55, aspect="auto", interpolation="bilinear")
            self.boundary = self.ax_data.add_collection(LineCollection([], colors="black", linewidths=1.2))
            self.points = self.ax_data.scatter(X[0], X[1], c=y, cmap="RdBu_r", vmin=0, vmax=1,
                                               s=self._mode.text, edgecolors="black", linewidths=0.3)
            self.data.set_moving([self.background, self.boundary, self.points, *self.ax_data.spines.values()])
        self.points.set_offsets(X.T)
        self.points.set_array(y.astype(float))
        self.background.set_extent(extent)
        self.ax_data.set_xlim(*extent[:2])
        self.ax_data.set_ylim(*extent[2:])
        return extent

    def draw_layers(self, n_layers: int) -> None:
        """One gradient line per weight matrix, legend under the axes (never over a line)."""
        for line in self.grad_lines:
            line.remove()
        labels = [f"W{i + 1}" for i in range(n_layers - 1)] + [_("W{n} (out)").format(n=n_layers)]
        colors = [LAYER_COLORS[i % len(LAYER_COLORS)] for i in range(n_layers)]
        self.grad_lines = [self.ax_grad.plot([], [], color=c, lw=self._mode.line, label=label)[0]
                           for c, label in zip(colors, labels, strict=True)]
        self.grads.set_moving([*self.grad_lines, self.zero_note])
        self.ax_grad.set_ylim(1.0, 1.0 + 1e-9)          # new curves: limits set afresh at the next redraw
        if self.legend is not None:
            self.legend.remove()
        columns = min(n_layers, 3)
        rows = -(-n_layers // columns)
        self.grads.margins(left_chars=5, right_chars=3, title=True, bottom_px=(1.4 * rows + 0.6) * self._mode.text)
        axes_css_height = self.ax_grad.get_position().height * self.grads.css_height
        below = -(1.6 * self._mode.text + 1.4 * self._mode.label + 4) / axes_css_height   # under the x label
        self.legend = self.ax_grad.legend(loc="upper center", bbox_to_anchor=(0.5, below), ncol=columns,
                                          fontsize=self._mode.text, frameon=False, handlelength=1.2,
                                          columnspacing=0.8, borderaxespad=0.2)

    def redraw(self, trainer: Trainer, extent, activation: str) -> None:
        """Boundary, loss and gradient curves from ``trainer``'s history. A figure whose axes keep their
        limits (most epochs: limits move in steps) only redraws its curves over a cached picture."""
        P = predict_grid(trainer, extent[:2], extent[2:], n=50)[2]
        self.background.set_data(P)
        G1, G2 = np.meshgrid(np.linspace(*extent[:2], 50), np.linspace(*extent[2:], 50))
        lines = contour_generator(G1, G2, P).lines(0.5) if P.min() < 0.5 < P.max() else []
        self.boundary.set_segments([line for line in lines if len(line) > 1])
        self.data.blit()
        epochs = np.arange(1, len(trainer.losses) + 1)
        self.loss_line.set_data(epochs, trainer.losses)
        norms = np.array(trainer.grad_norms) if trainer.grad_norms else np.zeros((0, len(self.grad_lines)))
        for i, line in enumerate(self.grad_lines):
            line.set_data(epochs, np.where(norms[:, i] > 0, norms[:, i], np.nan))
        self.zero_note.set_text(zero_gradient_label(norms[-1] if len(norms) else None))
        for image, ax, values in ((self.loss, self.ax_loss, trainer.losses), (self.grads, self.ax_grad, norms)):
            if _set_limits(ax, len(trainer.losses), values):
                image.refresh()
            else:
                image.blit()


def _set_limits(ax, epochs: int, values) -> bool:
    """Give ``ax`` limits that hold ``values`` (log y) over ``epochs``, moving them only when the data
    leaves them: x to 10, 20, 50, 100, … epochs, y with room to fall. True if they changed."""
    values = np.asarray(values)
    positive = values[values > 0]
    low, high = (positive.min(), positive.max()) if positive.size else (0.1, 1.0)
    x_now, (y_low, y_high) = ax.get_xlim()[1], ax.get_ylim()
    if epochs <= x_now and y_low <= low and high <= y_high and (not positive.size or y_high / y_low < 100 * high / low):
        return False
    ax.set_xlim(0, layout.nice_ceiling(max(epochs, 10)))
    y_low, y_high = low / 3, high * 2
    ax.set_ylim(y_low, y_high)
    few = (1.0,) if y_high / y_low > 30 else (1.0, 2.0, 5.0)     # a handful of tick labels at any range
    ax.yaxis.set_major_locator(LogLocator(subs=few))
    return True
