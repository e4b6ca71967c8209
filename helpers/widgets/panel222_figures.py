"""The two figures and the HTML readouts of notebook 04's weight-stepping panel
(:class:`helpers.widgets.panel222.Panel222`): the 2-2-2 network with its numbers, and the loss curve.

Texts on the diagram are short (each glyph costs render time, and every one is ≥ 11 px, 18 px in
lecture mode); the readouts beside it carry every number with all 9 decimals.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator, NullLocator

from helpers import example222 as ex
from helpers.drawing.network import NetworkDiagram
from helpers.fonts import use_edition_font
from helpers.i18n import _, ngettext, pgettext

from . import layout
from .figure_image import FigureImage

__all__ = ["PanelFigures", "readout_E_html", "table_html", "NODE_NAMES", "MAX_CURVE_POINTS"]

NODE_NAMES = [["i1", "i2"], ["h1", "h2"], ["o1", "o2"]]
MAX_CURVE_POINTS = 2000
LAYER_GAP = 1.35              # horizontal distance between layers, in neuron spacings
X_SPAN, Y_LIMITS = (-0.45, 2 * LAYER_GAP + 0.45), (-1.3, 1.2)   # the diagram's data window


class PanelFigures:
    """The network diagram (``net``) and the loss curve (``curve``) of the panel, sized for the
    current :func:`helpers.widgets.layout.mode`."""

    def __init__(self) -> None:
        use_edition_font()
        m = layout.mode()
        aspect = (Y_LIMITS[1] - Y_LIMITS[0]) / (X_SPAN[1] - X_SPAN[0])
        self.net = FigureImage(*m.size(aspect), css_class="bp-panel-figure")
        ax = self.net.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        self.diagram = NetworkDiagram(ax, [2, 2, 2], NODE_NAMES, layer_gap=LAYER_GAP, node_radius=0.19,
                                      fontsize=m.text, name_fontsize=m.label, edge_label_position=0.5)
        ax.set_xlim(*X_SPAN)
        ax.set_ylim(*Y_LIMITS)
        self.compact = m.name == "lecture"      # 18 px text: one line under each neuron (net is in the table)
        self.curve_image = FigureImage(*m.size(0.6), css_class="bp-panel-loss")
        self._build_curve(m)

    def _build_curve(self, m: layout.Mode) -> None:
        cax = self.curve_image.figure.add_subplot()
        (self.curve,) = cax.semilogy([0], [1.0], color="#1f77b4", lw=m.line)
        (self.curve_dot,) = cax.semilogy([0], [1.0], "o", color="#d62728", ms=m.text / 2)
        cax.set_xlabel(_("updates"), fontsize=m.label)
        cax.set_ylabel("E_total", fontsize=m.label)
        cax.tick_params(labelsize=m.text)
        self.tick_format = "{:.3g}"
        cax.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: self.tick_format.format(y)))  # no mathtext
        cax.yaxis.set_minor_locator(NullLocator())     # fewer ticks: each label costs render time
        cax.xaxis.set_major_locator(MaxNLocator(4, integer=True))
        self.curve_ax = cax
        self.curve_image.margins(left_chars=5, right_chars=3)   # room for '1e-05' and '10000' at any moment
        self.curve_image.set_moving([self.curve, self.curve_dot])

    def draw_network(self, params: Mapping[str, float], fwd: Mapping[str, float],
                     grads: Mapping[str, float] | None, used: bool, phase: str) -> None:
        """Edge widths/colours from the weights; on each edge its name and ∂E/∂w (``grads`` keyed
        'dE_d<name>', at the current weights or those the last update used: the readouts say which);
        net and out under the neurons in the forward and backward phases (out only in lecture mode);
        each bias (and ∂E/∂b) above its layer."""
        d = self.diagram
        d.set_weights(ex.weight_matrices(params))
        for name, (lay, j, k) in ex.EDGE_OF.items():
            d.set_edge_text(lay, j, k, f"{name} {grads['dE_d' + name]:+.4f}" if grads is not None else name)
        for j, i in enumerate(("i1", "i2")):
            d.set_node_text(0, j, f"{fwd[i]:.2f}")
        shown = phase in ("forward", "backward")
        for lay, names in ((1, ("h1", "h2")), (2, ("o1", "o2"))):
            for j, n in enumerate(names):
                out = pgettext("neuron", "out {value:.4f}").format(value=fwd["out_" + n])
                text = out if self.compact else \
                    pgettext("neuron", "net {value:.4f}").format(value=fwd["net_" + n]) + "\n" + out
                d.set_node_text(lay, j, text if shown else "")
        for lay, b in ((1, "b1"), (2, "b2")):
            extra = f"\n∂E/∂{b} {grads['dE_d' + b]:+.4f}" if grads is not None else ""
            d.set_layer_text(lay, f"{b} {params[b]:.4f}{extra}")
        self.net.refresh()

    def draw_curve(self, losses: list[float]) -> None:
        """The loss after every update so far (long runs thinned to MAX_CURVE_POINTS points), log scale
        with round-number ticks. The axes' limits move in steps (x to 5, 10, 20, 50, … updates; y with
        room to fall), so that most updates only redraw the line over a cached picture of the axes."""
        n = len(losses)
        xs = sorted(set(np.linspace(0, n - 1, min(n, MAX_CURVE_POINTS)).astype(int).tolist()))
        self.curve.set_data(xs, [losses[i] for i in xs])
        self.curve_dot.set_data([n - 1], [losses[-1]])
        low, high = min(losses), max(losses)
        x_max, (y_low, y_high) = self.curve_ax.get_xlim()[1], self.curve_ax.get_ylim()
        if n - 1 <= x_max and y_low <= low and high <= y_high and (y_high / y_low > 10) == (high / low > 10 / 1.3):
            self.curve_image.blit()
            return
        x_max = layout.nice_ceiling(max(n - 1, 5))
        y_low, y_high = low / 1.3, high * 1.15
        if y_high / y_low > 10:      # decades
            ticks, self.tick_format = [10.0 ** k for k in range(-20, 3)], "{:.0e}"
        else:                        # within one decade: a few round numbers
            ticks, self.tick_format = list(MaxNLocator(3).tick_values(y_low, y_high)), "{:.3g}"
        self.curve_ax.yaxis.set_major_locator(FixedLocator([t for t in ticks if y_low <= t <= y_high]))
        self.curve_ax.set_ylim(y_low, y_high)
        self.curve_ax.set_xlim(0, x_max)
        self.curve_image.refresh()


def readout_E_html(E_total: float, steps: int, phase: str, used: bool = False) -> str:
    """The big E_total line, the update count and phase, and (``used``) that the gradients on show are
    those the last update used."""
    after = ngettext("after {n} update", "after {n} updates", steps).format(n=steps)
    phase_name = {"start": pgettext("phase", "start"), "forward": pgettext("phase", "forward"),
                  "backward": pgettext("phase", "backward"), "update": pgettext("phase", "update")}.get(phase, phase)
    shown = _(" · ∂E/∂w on the edges: used by update {n}").format(n=steps) if used else ""
    phase_text = _("phase: {phase}").format(phase=phase_name)
    return (f"<div style='line-height:1.35'><span style='font-size:1.3em'><b>E_total = {E_total:.9f}</b>"
            f"</span><br>{after} · {phase_text}{shown}</div>")


def table_html(params: Mapping[str, float], fwd: Mapping[str, float], grads: Mapping[str, float] | None,
               used_by: int | None, learning_rate: float, update_biases: bool, hidden_uses_updated: bool) -> str:
    """Every parameter with its value and ∂E/∂p: at the current parameters, or (``used_by`` = k) the
    gradients update k used, labelled as such; '—' before any gradient exists."""
    head = "∂E/∂p" if used_by is None else _("∂E/∂p used by update {n}").format(n=used_by)
    cell = "<td style='text-align:right;padding:0 0.5em'>"
    rows = "".join(f"<tr><td>{n}</td>{cell}{params[n]:.9f}</td>{cell}"
                   f"{format(grads['dE_d' + n], '+.9f') if grads is not None else '—'}</td></tr>"
                   for n in ex.PARAM_NAMES)
    neuron, net, out, value = _("neuron"), pgettext("column", "net"), pgettext("column", "out"), _("value")
    rows += f"<tr><th>{neuron}</th><th>{net}</th><th>{out}</th></tr>" + "".join(
        f"<tr><td>{n}</td>{cell}{fwd['net_' + n]:.9f}</td>{cell}{fwd['out_' + n]:.9f}</td></tr>"
        for n in ("h1", "h2", "o1", "o2"))
    return ("<div style='line-height:1.3'><table style='font-family:monospace;font-size:0.92em;"
            f"border-collapse:collapse'><tr><th>p</th><th>{value}</th><th>{head}</th></tr>{rows}</table>"
            "<div style='font-size:0.85em'>"
            + _("inputs {i1:.2f}, {i2:.2f} · targets {t1:.2f}, {t2:.2f}").format(i1=fwd["i1"], i2=fwd["i2"],
                                                                                t1=fwd["t1"], t2=fwd["t2"])
            + "<br>η = " + f"{learning_rate:.2f} · "
            + (_("biases updated") if update_biases else _("biases fixed")) + "<br>"
            + (_("hidden gradients via updated w5..w8") if hidden_uses_updated
               else _("hidden gradients via old w5..w8")) + "</div></div>")
