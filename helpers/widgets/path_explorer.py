"""Path explorer for notebook 05 (node-by-node deltas): pick any weight of a small network; the diagram
highlights every path from it to the loss, the list gives each path's product of chain-rule factors,
and their sum is compared with the gradient from :func:`helpers.mlp.backprop`.

Plain-Python API (used by the tests): ``explorer.select(layer, j, k)`` (the weight W^layer[j, k], from
neuron k of layer−1 to neuron j of layer, indices from 0), ``explorer.show_path(None or p)``,
``explorer.state``. CSS classes: ``bp-paths`` (whole widget), ``bp-paths-weight`` (weight dropdown),
``bp-paths-path`` (path dropdown), ``bp-paths-list``, ``bp-paths-sum``, ``bp-paths-grad``,
``bp-paths-match``, ``bp-paths-message``, ``bp-paths-figure``.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets
import numpy as np

from .._checks import check_choice, check_int
from ..activations import ACTIVATION_NAMES, get_activation
from ..deltas import PathTerm, _name, weight_paths
from ..drawing.network import NetworkDiagram
from ..fonts import use_edition_font
from ..i18n import _, ngettext
from ..mlp import backprop, forward, init_network
from . import layout
from .base import WidgetBase
from .preview import WidgetBox

PATH_COLOR = "#ff7f0e"      # orange: edges on the shown path(s)
WEIGHT_COLOR = "#9467bd"    # purple: the chosen weight itself
AGREE = 1e-12


def format_value(value: float) -> str:
    """How the readouts print a number (shared with the tests so both sides format alike)."""
    return f"{value:.9e}"


def weight_label(layer: int, j: int, k: int) -> str:
    """The dropdown label of W^layer[j, k], e.g. 'w²₁₃ (neuron 3 of layer 1 → neuron 1 of layer 2)'."""
    return _("{weight} (neuron {source} of layer {source_layer} → neuron {target} of layer {layer})").format(
        weight=_name("w", layer, j, k), source=k + 1, source_layer=layer - 1, target=j + 1, layer=layer)


def paths_phrase(count: int) -> str:
    """'1 path', '2 paths' (the plural agrees with the number)."""
    return ngettext("{count} path", "{count} paths", count).format(count=count)


def check_layer_sizes(layer_sizes) -> list[int]:
    """2 to 5 layers of 1 to 6 neurons (what the diagram and the path list can show)."""
    if isinstance(layer_sizes, (str, bytes)) or not isinstance(layer_sizes, Sequence):
        raise TypeError(_("layer_sizes must be a list of layer sizes such as (2, 3, 2, 2); got {value}").format(
            value=repr(layer_sizes)))
    sizes = [check_int(f"layer_sizes[{i}]", n, minimum=1, maximum=6) for i, n in enumerate(layer_sizes)]
    if not 2 <= len(sizes) <= 5:
        raise ValueError(_("layer_sizes must have 2 to 5 layers (inputs first); got {count}").format(count=len(sizes)))
    return sizes


def example_network(layer_sizes: Sequence[int] = (2, 3, 2, 2), seed: int = 5):
    """The widget's network: seeded weights, biases 0.1, one input x and target t (a fresh copy)."""
    layer_sizes = check_layer_sizes(layer_sizes)
    rng = np.random.default_rng(check_int("seed", seed, minimum=0))
    weights, biases = init_network(list(layer_sizes), rng, scale=1.0)
    biases = [np.full(b.shape, 0.1) for b in biases]
    x = np.round(rng.uniform(-1, 1, layer_sizes[0]), 2)
    t = np.round(rng.uniform(0, 1, layer_sizes[-1]), 2)
    return weights, biases, x, t


class PathExplorer(WidgetBase):
    """Weight picker + network diagram + list of paths with their products, their sum and backprop's
    gradient, for one sample of a small sigmoid (or other activation) network with E = ½‖a^L − t‖²."""

    _kept = ("paths",)

    def __init__(self, layer_sizes: Sequence[int] = (2, 3, 2, 2), seed: int = 5, activation: str = "sigmoid"):
        self._setup("bp-paths")
        self.activation = check_choice("activation", activation, ACTIVATION_NAMES)
        self.sizes = check_layer_sizes(layer_sizes)
        self.weights, self.biases, self.x, self.t = example_network(self.sizes, seed)
        X, T = self.x.reshape(-1, 1), self.t.reshape(-1, 1)
        self.grads, _bias_grads = backprop(self.weights, self.biases, X, T, activation=self.activation)
        self.zs, self.acts = forward(self.weights, self.biases, X, self.activation)
        options = [(weight_label(q, j, k), (q, j, k)) for q in range(1, len(self.sizes))
                   for j in range(self.sizes[q]) for k in range(self.sizes[q - 1])]
        style = {"description_width": "4em"}
        self.weight_menu = widgets.Dropdown(options=options, value=options[0][1], description=_("weight"),
                                            style=style, layout=widgets.Layout(width="34em", min_width="14em"))
        self.weight_menu.add_class("bp-paths-weight")
        self.path_menu = widgets.Dropdown(options=[(_("all paths"), -1)], value=-1, description=_("show"),
                                          style=style, layout=widgets.Layout(width="14em", min_width="12em"))
        self.path_menu.add_class("bp-paths-path")
        self.labels = {name: layout.readout(f"bp-paths-{name}") for name in ("list", "sum", "grad", "match")}
        self.labels["message"] = self.message
        m = layout.mode()
        use_edition_font()
        self.image = self.add_figure(*m.size(0.72), "bp-paths-figure")
        ax = self.image.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        self.diagram = NetworkDiagram(ax, self.sizes, layer_gap=1.5, node_radius=0.27, fontsize=m.text,
                                      name_fontsize=m.label * 1.25, edge_label_position=0.45)
        self.diagram.set_weights(self.weights)
        self.weight_menu.observe(self.observer(lambda _c: self._update_weight(), _("follow the paths of this weight")),
                                 names="value")
        self.path_menu.observe(self.observer(lambda _c: self._redraw(), _("draw this path")), names="value")
        readouts = layout.column([self.labels[n] for n in ("sum", "grad", "match", "message")])
        menus = layout.row([layout.keep_width(self.weight_menu), layout.keep_width(self.path_menu)])
        self.widget = WidgetBox([menus, layout.row([self.image.widget, readouts]), self.labels["list"]],
                                "bp-paths", caption=_("▶ Run this notebook to pick a weight and follow its "
                                                      "paths (a picture of the explorer)"),
                                figures=lambda: [self.image], live=["bp-paths-sum", "bp-paths-match"],
                                names={"bp-paths-weight": _("weight whose paths to the loss are shown"),
                                       "bp-paths-path": _("which path to highlight")})
        self.paths: list[PathTerm] = []
        self._update_weight()

    # ---- callbacks (through the base's callback policy: never raise into the browser) ------------
    def _controls_follow_state(self) -> None:
        if not self._state:
            return
        self.weight_menu.value = self._state["weight"]
        self._path_options()
        self.path_menu.value = self._state.get("shown", -1)

    def _path_options(self) -> None:
        self.path_menu.options = [(_("all paths"), -1)] + [(_("path {number}").format(number=p + 1), p)
                                                          for p in range(len(self.paths))]

    def _update_weight(self) -> None:
        layer, j, k = self.weight_menu.value
        self.paths = weight_paths(self.weights, self.biases, self.x, self.t, layer, j, k, self.activation)
        self._fill_readouts(layer, j, k)
        self._quiet += 1
        try:
            self._path_options()
            self.path_menu.value = -1
        finally:
            self._quiet -= 1
        self._redraw()

    def _fill_readouts(self, layer: int, j: int, k: int) -> None:
        total = sum(p.value for p in self.paths)
        grad = float(self.grads[layer - 1][j, k])
        items = "".join(f"<li>{p.text} = {' × '.join(f'{v:.4f}' for _, v in p.factors)} = "
                        f"{format_value(p.value)}</li>" for p in self.paths)
        self.labels["list"].value = f"<ol>{items}</ol>"
        name = _name("w", layer, j, k)
        self.labels["sum"].value = ngettext("sum over {count} path = {total}", "sum over {count} paths = {total}",
                                            len(self.paths)).format(count=len(self.paths), total=format_value(total))
        self.labels["grad"].value = _("∂E/∂{weight} from backprop = {gradient}").format(
            weight=name, gradient=format_value(grad))
        agree = abs(total - grad) <= AGREE * max(1.0, abs(grad))
        self.labels["match"].value = _("they agree") if agree else _("they DIFFER")
        self.labels["message"].value = ""
        self._state = {"weight": (layer, j, k), "paths": [(p.text, p.value) for p in self.paths],
                       "sum": total, "gradient": grad, "agree": agree}

    def _redraw(self) -> None:
        shown = self.paths if self.path_menu.value == -1 else [self.paths[self.path_menu.value]]
        d = self.diagram
        d.clear_highlight()
        for key in d.edge_texts:
            d.set_edge_text(*key, "")
        for layer, n in enumerate(self.sizes):
            for i in range(n):
                d.set_node_text(layer, i, "")
        edges = {e for p in shown for e in p.edges}
        d.highlight_edges(edges, color=PATH_COLOR)
        d.highlight_edges([self.weight_menu.value], color=WEIGHT_COLOR)
        _g, g_p = get_activation(self.activation)
        symbol = "σ′" if self.activation == "sigmoid" else "g′"
        for layer, to, frm in edges:
            d.set_edge_text(layer, to, frm, f"{self.weights[layer - 1][to, frm]:.2f}")
            d.set_node_text(layer, to, f"{symbol}={float(g_p(self.zs[layer - 1][to, 0])):.3f}")
        self.image.refresh()
        self._state["highlighted"] = sorted(d.highlighted)
        self._state["shown"] = self.path_menu.value

    # ---- plain-Python API ----------------------------------------------------------------------
    def select(self, layer: int, j: int, k: int) -> None:
        """Choose the weight W^layer[j, k] (indices from 0); readouts and diagram follow."""
        key = (check_int("layer", layer, minimum=1, maximum=len(self.sizes) - 1),
               check_int("j", j, minimum=0, maximum=self.sizes[layer] - 1),
               check_int("k", k, minimum=0, maximum=self.sizes[layer - 1] - 1))
        if self.weight_menu.value == key:
            self._update_weight()
        else:
            self.weight_menu.value = key

    def show_path(self, index: int | None) -> None:
        """Highlight one path (0-based ``index``) or, with None, all of them."""
        value = -1 if index is None else check_int("index", index, minimum=0, maximum=len(self.paths) - 1)
        self.path_menu.value = value
