"""Layered network diagrams redrawn in place (introduced in notebook 04, reused in notebook 05).

A :class:`NetworkDiagram` draws a fully connected feed-forward network on a matplotlib ``Axes``:
one column of circles per layer, one line per weight. Every artist is created once; the setters
(:meth:`~NetworkDiagram.set_weights`, :meth:`~NetworkDiagram.set_node_text`,
:meth:`~NetworkDiagram.set_edge_text`, :meth:`~NetworkDiagram.highlight_edges`) only change existing
artists, so a widget can redraw the diagram many times a second.

Indexing follows the series' matrix convention: layers are numbered 0 (inputs) … L; ``W^l`` has
shape ``(n_l, n_{l-1})`` and edge ``(l, j, k)`` is ``W^l[j, k]``, the weight from neuron ``k`` of
layer ``l-1`` to neuron ``j`` of layer ``l`` (``l >= 1``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import is_color_like, to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

from helpers._checks import as_array, check_int, check_shape

__all__ = ["NetworkDiagram", "weight_color", "weight_width"]

POSITIVE = "#1f77b4"   # blue: positive weight
NEGATIVE = "#d62728"   # red: negative weight
ZERO = "#b0b0b0"
MIN_WIDTH, MAX_WIDTH = 0.6, 6.0
_BOX = {"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.85}


def weight_color(value: float) -> str:
    """Blue for a positive weight, red for a negative one, grey for exactly zero."""
    return POSITIVE if value > 0 else NEGATIVE if value < 0 else ZERO


def weight_width(value: float, scale: float) -> float:
    """Line width growing with ``|value| / scale`` from MIN_WIDTH to MAX_WIDTH (``scale > 0``)."""
    frac = min(abs(value) / scale, 1.0) if scale > 0 else 0.0
    return MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * frac


class NetworkDiagram:
    """A fully connected layered network drawn on ``ax``.

    ``layer_sizes``: neurons per layer, inputs first, e.g. ``[2, 2, 2]``.
    ``node_names``: optional list (one per layer) of lists of labels drawn inside the circles,
    e.g. ``[["i1", "i2"], ["h1", "h2"], ["o1", "o2"]]``; default ``"a^l_j"``-style labels.
    ``edge_label_position``: where along an edge (0 = source, 1 = target) its text sits;
    ``layer_gap``: horizontal distance between layers (neurons of a layer are 1 apart).
    """

    def __init__(self, ax: Axes, layer_sizes: Sequence[int],
                 node_names: Sequence[Sequence[str]] | None = None, *,
                 edge_label_position: float = 0.27, node_radius: float = 0.17, layer_gap: float = 2.0):
        if not isinstance(ax, Axes):
            raise TypeError(f"ax must be a matplotlib Axes; got {type(ax).__name__}")
        if (isinstance(layer_sizes, (str, bytes)) or not isinstance(layer_sizes, Sequence)
                or len(layer_sizes) < 2):
            raise ValueError(f"layer_sizes must be a list of at least 2 layer sizes; got {layer_sizes!r}")
        self.layer_sizes = [check_int(f"layer_sizes[{i}]", n, minimum=1) for i, n in enumerate(layer_sizes)]
        self.node_names = self._check_names(node_names)
        self.ax, self.radius, self.label_t = ax, float(node_radius), float(edge_label_position)
        self.layer_gap = float(layer_gap)
        self.positions = self._layout()
        self.edges: dict[tuple[int, int, int], Line2D] = {}
        self.edge_texts: dict[tuple[int, int, int], object] = {}
        self.nodes: dict[tuple[int, int], Circle] = {}
        self.node_texts: dict[tuple[int, int], object] = {}
        self.layer_texts: dict[int, object] = {}
        self._highlighted: set[tuple[int, int, int]] = set()
        self._draw()
        self.set_weights([np.ones((self.layer_sizes[li], self.layer_sizes[li - 1]))
                          for li in range(1, len(self.layer_sizes))])

    # ---- construction ------------------------------------------------------------------------
    def _check_names(self, node_names):
        if node_names is None:
            return [[f"a{li}_{j + 1}" for j in range(n)] for li, n in enumerate(self.layer_sizes)]
        if len(node_names) != len(self.layer_sizes):
            raise ValueError(f"node_names must have one list per layer ({len(self.layer_sizes)}); "
                             f"got {len(node_names)}")
        for li, (names, n) in enumerate(zip(node_names, self.layer_sizes, strict=True)):
            if len(names) != n:
                raise ValueError(f"node_names[{li}] must have {n} names to match layer_sizes[{li}]; "
                                 f"got {len(names)}")
        return [[str(s) for s in names] for names in node_names]

    def _layout(self) -> dict[tuple[int, int], tuple[float, float]]:
        """Layer l at x = l * layer_gap; neurons of a layer centred vertically, 1 unit apart, first on top."""
        pos = {}
        for li, n in enumerate(self.layer_sizes):
            for j in range(n):
                pos[(li, j)] = (self.layer_gap * li, (n - 1) / 2.0 - j)
        return pos

    def _draw(self) -> None:
        ax = self.ax
        for li in range(1, len(self.layer_sizes)):
            for j in range(self.layer_sizes[li]):
                for k in range(self.layer_sizes[li - 1]):
                    (x0, y0), (x1, y1) = self.positions[(li - 1, k)], self.positions[(li, j)]
                    line = Line2D([x0, x1], [y0, y1], color=ZERO, lw=1.0, zorder=1, solid_capstyle="round")
                    ax.add_line(line)
                    self.edges[(li, j, k)] = line
                    t = self.label_t
                    self.edge_texts[(li, j, k)] = ax.text(
                        x0 + t * (x1 - x0), y0 + t * (y1 - y0), "", fontsize=7, ha="center", va="center",
                        zorder=4, bbox=_BOX)
        for (li, j), (x, y) in self.positions.items():
            circle = Circle((x, y), self.radius, fc="white", ec="black", lw=1.2, zorder=3)
            ax.add_patch(circle)
            self.nodes[(li, j)] = circle
            ax.text(x, y, self.node_names[li][j], ha="center", va="center", fontsize=9, zorder=5)
            self.node_texts[(li, j)] = ax.text(x, y - self.radius - 0.04, "", ha="center", va="top",
                                               fontsize=7, zorder=5, bbox=_BOX)
        top = max((n - 1) / 2.0 for n in self.layer_sizes)
        for li in range(len(self.layer_sizes)):
            self.layer_texts[li] = ax.text(self.layer_gap * li, top + self.radius + 0.12, "", ha="center",
                                           va="bottom", fontsize=8)
        ax.set_xlim(-0.6, self.layer_gap * (len(self.layer_sizes) - 1) + 0.6)
        ax.set_ylim(-top - 0.75, top + 0.55)
        ax.set_aspect("equal", adjustable="box")
        ax.set_axis_off()

    # ---- index checks ------------------------------------------------------------------------
    def _edge_key(self, layer, j, k) -> tuple[int, int, int]:
        layer = check_int("layer", layer, minimum=1, maximum=len(self.layer_sizes) - 1)
        j = check_int("j", j, minimum=0, maximum=self.layer_sizes[layer] - 1)
        k = check_int("k", k, minimum=0, maximum=self.layer_sizes[layer - 1] - 1)
        return (layer, j, k)

    def _node_key(self, layer, index) -> tuple[int, int]:
        layer = check_int("layer", layer, minimum=0, maximum=len(self.layer_sizes) - 1)
        index = check_int("index", index, minimum=0, maximum=self.layer_sizes[layer] - 1)
        return (layer, index)

    # ---- setters -----------------------------------------------------------------------------
    def set_weights(self, weights: Sequence) -> None:
        """Set every edge's width and colour from ``weights``: a list with one array per layer l >= 1,
        ``weights[l-1]`` = W^l of shape ``(n_l, n_{l-1})``. Width grows with |w| relative to the
        largest |w|; blue = positive, red = negative. Highlighted edges keep their highlight colour."""
        if isinstance(weights, np.ndarray) or len(weights) != len(self.layer_sizes) - 1:
            raise ValueError(f"weights must be a list of {len(self.layer_sizes) - 1} arrays (W^1 … W^L)")
        mats = []
        for li, w in enumerate(weights, start=1):
            arr = as_array(f"weights[{li - 1}]", w, ndim=2)
            check_shape(f"weights[{li - 1}]", arr, (self.layer_sizes[li], self.layer_sizes[li - 1]),
                        f"(n_{li}, n_{li - 1}) for W^{li}")
            mats.append(arr)
        scale = max(float(np.max(np.abs(m))) for m in mats)
        for (li, j, k), line in self.edges.items():
            w = float(mats[li - 1][j, k])
            line.set_linewidth(weight_width(w, scale))
            if (li, j, k) not in self._highlighted:
                line.set_color(weight_color(w))
        self.weights = mats

    def set_node_text(self, layer: int, index: int, text: str) -> None:
        """Text under node ``index`` of ``layer`` (e.g. ``"net=0.3775\\nout=0.5933"``)."""
        self.node_texts[self._node_key(layer, index)].set_text(str(text))

    def set_edge_text(self, layer: int, j: int, k: int, text: str) -> None:
        """Text on edge (layer, j, k), i.e. the weight W^layer[j, k] (e.g. its value or ∂E/∂w)."""
        self.edge_texts[self._edge_key(layer, j, k)].set_text(str(text))

    def set_layer_text(self, layer: int, text: str) -> None:
        """Text above a layer's column (e.g. its bias ``"b1 = 0.35"``)."""
        layer = check_int("layer", layer, minimum=0, maximum=len(self.layer_sizes) - 1)
        self.layer_texts[layer].set_text(str(text))

    def highlight_edges(self, edges: Iterable[tuple[int, int, int]], color: str = "#ff7f0e") -> None:
        """Colour the given edges ``(l, j, k)`` (e.g. one backward path) and draw them on top."""
        if not is_color_like(color):
            raise ValueError(f"color must be a matplotlib colour such as 'orange' or '#ff7f0e'; "
                             f"got {color!r}")
        for edge in edges:
            if len(edge) != 3:
                raise ValueError(f"edges must contain (layer, j, k) triples; got {edge!r}")
            key = self._edge_key(*edge)
            self.edges[key].set_color(to_rgba(color))
            self.edges[key].set_zorder(2)
            self._highlighted.add(key)

    def clear_highlight(self) -> None:
        """Give every highlighted edge its weight colour back."""
        for key in self._highlighted:
            self.edges[key].set_color(weight_color(float(self.weights[key[0] - 1][key[1], key[2]])))
            self.edges[key].set_zorder(1)
        self._highlighted.clear()

    @property
    def highlighted(self) -> set[tuple[int, int, int]]:
        """The edges currently highlighted."""
        return set(self._highlighted)
