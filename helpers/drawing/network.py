"""Layered network diagrams redrawn in place (introduced in notebook 04, reused in notebook 05).

A :class:`NetworkDiagram` draws a fully connected feed-forward network on a matplotlib ``Axes``:
one column of circles per layer, one line per weight. Every artist is created once; the setters
(:meth:`~NetworkDiagram.set_weights`, :meth:`~NetworkDiagram.set_node_text`,
:meth:`~NetworkDiagram.set_edge_text`, :meth:`~NetworkDiagram.highlight_edges`) only change existing
artists, so a widget can redraw the diagram many times a second. Edge and layer labels are placed
when the figure is drawn, where they overlap no node (:mod:`helpers.drawing.placement`).

Indexing follows the series' matrix convention: layers are numbered 0 (inputs) … L; ``W^l`` has
shape ``(n_l, n_{l-1})`` and edge ``(l, j, k)`` is ``W^l[j, k]``, the weight into neuron ``j`` of
layer ``l`` from neuron ``k`` of layer ``l-1`` (``l >= 1``). Default node names are the prose's
symbols a⁰₁, a¹₂, … (neurons counted from 1 in names, from 0 in indices).

Big networks: a layer of more than ``max_neurons`` neurons shows its first and last few with ⋮
between, and at most ``max_edges`` edges are drawn (a fixed sample); the figure says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import is_color_like, to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Circle
from matplotlib.transforms import Bbox

from helpers._checks import as_array, as_scalar, check_int, check_shape
from helpers.drawing import placement
from helpers.drawing.fast_text import add_fast_text
from helpers.fonts import use_edition_font
from helpers.i18n import _

__all__ = ["NetworkDiagram", "weight_color", "weight_width", "neuron_symbol"]

POSITIVE = "#1f77b4"   # blue: positive weight
NEGATIVE = "#d62728"   # red: negative weight
ZERO = "#b0b0b0"
MIN_WIDTH, MAX_WIDTH = 0.6, 6.0
_BOX = {"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.9}
_SUP, _SUB = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"), str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def neuron_symbol(layer: int, index: int) -> str:
    """The prose's name of neuron ``index`` (from 0) of ``layer``: e.g. (0, 0) → 'a⁰₁'."""
    layer, index = check_int("layer", layer, minimum=0), check_int("index", index, minimum=0)
    return "a" + str(layer).translate(_SUP) + str(index + 1).translate(_SUB)


def weight_color(value: float) -> str:
    """Blue for a positive weight, red for a negative one, grey for exactly zero (``value`` finite)."""
    return _color(as_scalar("value", value))


def weight_width(value: float, scale: float) -> float:
    """Line width growing with ``|value| / scale`` from MIN_WIDTH to MAX_WIDTH; ``scale`` is the largest
    |weight| (>= 0; 0 when every weight is zero, which draws every line MIN_WIDTH wide)."""
    value, scale = as_scalar("value", value), as_scalar("scale", scale)
    if scale < 0:
        raise ValueError(_("scale must be >= 0 (the largest |weight|); got {scale:g}").format(scale=scale))
    return _width(value, scale)


def _color(value: float) -> str:
    return POSITIVE if value > 0 else NEGATIVE if value < 0 else ZERO


def _width(value: float, scale: float) -> float:
    frac = min(abs(value) / scale, 1.0) if scale > 0 else 0.0
    return MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * frac


def _shown_neurons(n: int, limit: int) -> list[int]:
    """All neurons of a layer, or its first and last limit/2 when it has more than ``limit``."""
    if n <= limit:
        return list(range(n))
    head = limit // 2
    return list(range(head)) + list(range(n - (limit - head), n))


class NetworkDiagram:
    """A fully connected layered network drawn on ``ax``.

    ``layer_sizes``: neurons per layer, inputs first, e.g. ``[2, 2, 2]``.
    ``node_names``: optional list (one per layer) of lists of labels drawn inside the circles,
    e.g. ``[["i1", "i2"], ["h1", "h2"], ["o1", "o2"]]``; default the prose's symbols a⁰₁, a⁰₂, ….
    ``edge_label_position``: where along an edge (0 = source, 1 = target) its text prefers to sit;
    ``layer_gap``: horizontal distance between layers (neurons of a layer are 1 apart);
    ``fontsize`` (edge, node and layer texts) and ``name_fontsize`` (names in the circles), in pt;
    ``max_neurons`` per layer and ``max_edges`` drawn (bigger networks are drawn in part, and say so).
    """

    def __init__(self, ax: Axes, layer_sizes: Sequence[int],
                 node_names: Sequence[Sequence[str]] | None = None, *,
                 edge_label_position: float = 0.3, node_radius: float = 0.17, layer_gap: float = 2.0,
                 fontsize: float = 8.0, name_fontsize: float = 10.0, max_neurons: int = 12,
                 max_edges: int = 300):
        if not isinstance(ax, Axes):
            raise TypeError(_("ax must be a matplotlib Axes; got {kind}").format(kind=type(ax).__name__))
        if (isinstance(layer_sizes, (str, bytes)) or not isinstance(layer_sizes, Sequence)
                or len(layer_sizes) < 2):
            raise ValueError(_("layer_sizes must be a list of at least 2 layer sizes; got {given!r}").format(
                given=layer_sizes))
        self.layer_sizes = [check_int(f"layer_sizes[{i}]", n, minimum=1, maximum=100_000)
                            for i, n in enumerate(layer_sizes)]
        self.max_neurons = check_int("max_neurons", max_neurons, minimum=2, maximum=64)
        self.max_edges = check_int("max_edges", max_edges, minimum=1, maximum=5000)
        self.node_names = self._check_names(node_names)
        use_edition_font()
        self.ax = ax
        self.radius = self._positive("node_radius", node_radius, 1.0)
        self.label_t = self._positive("edge_label_position", edge_label_position, 0.9)
        self.layer_gap = self._positive("layer_gap", layer_gap, 100.0)
        self.fontsize = self._positive("fontsize", fontsize, 200.0)
        self.name_fontsize = self._positive("name_fontsize", name_fontsize, 200.0)
        self.shown = [_shown_neurons(n, self.max_neurons) for n in self.layer_sizes]
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

    @staticmethod
    def _positive(name: str, value, high: float) -> float:
        out = as_scalar(name, value)
        if not 0 < out <= high:
            raise ValueError(_("{name} must be > 0 and <= {high:g}; got {value:g}").format(name=name, high=high,
                                                                                            value=out))
        return out

    # ---- construction ------------------------------------------------------------------------
    def _check_names(self, node_names):
        if node_names is None:
            return [[neuron_symbol(li, j) for j in range(n)] for li, n in enumerate(self.layer_sizes)]
        if (isinstance(node_names, (str, bytes)) or not isinstance(node_names, Sequence)
                or len(node_names) != len(self.layer_sizes)):
            raise ValueError(_("node_names must have one list per layer ({n}); got {given}").format(
                n=len(self.layer_sizes), given=repr(node_names)[:160]))
        for li, (names, n) in enumerate(zip(node_names, self.layer_sizes, strict=True)):
            if isinstance(names, (str, bytes)) or not isinstance(names, Sequence) or len(names) != n:
                raise ValueError(_("node_names[{layer}] must be a list of {n} names to match layer_sizes[{layer}]; "
                                   "got {given}").format(layer=li, n=n, given=repr(names)[:120]))
        return [[str(s) for s in names] for names in node_names]

    def _layout(self) -> dict[tuple[int, int], tuple[float, float]]:
        """Layer l at x = l * layer_gap; shown neurons of a layer centred vertically, 1 unit apart
        (one extra unit for the ⋮ of a layer drawn in part), first on top."""
        pos = {}
        for li, shown in enumerate(self.shown):
            rows = len(shown) + (len(shown) < self.layer_sizes[li])
            slots = [i + (i >= len(shown) // 2 and len(shown) < self.layer_sizes[li]) for i in range(len(shown))]
            for j, slot in zip(shown, slots, strict=True):
                pos[(li, j)] = (self.layer_gap * li, (rows - 1) / 2.0 - slot)
        return pos

    def _drawn_edges(self) -> list[tuple[int, int, int]]:
        edges = [(li, j, k) for li in range(1, len(self.layer_sizes))
                 for j in self.shown[li] for k in self.shown[li - 1]]
        if len(edges) <= self.max_edges:
            return edges
        picked = np.random.default_rng(0).choice(len(edges), size=self.max_edges, replace=False)
        return [edges[i] for i in sorted(picked)]

    def _draw(self) -> None:
        ax, fs = self.ax, self.fontsize
        drawn = self._drawn_edges()
        for li, j, k in drawn:
            (x0, y0), (x1, y1) = self.positions[(li - 1, k)], self.positions[(li, j)]
            line = Line2D([x0, x1], [y0, y1], color=ZERO, lw=1.0, zorder=1, solid_capstyle="round")
            ax.add_line(line)
            self.edges[(li, j, k)] = line
            self.edge_texts[(li, j, k)] = add_fast_text(ax, x0, y0, "", fontsize=fs, ha="center", va="center",
                                                        zorder=4, bbox=_BOX)
        for (li, j), (x, y) in self.positions.items():
            circle = Circle((x, y), self.radius, fc="white", ec="black", lw=1.2, zorder=3)
            ax.add_patch(circle)
            self.nodes[(li, j)] = circle
            add_fast_text(ax, x, y, self.node_names[li][j], ha="center", va="center", fontsize=self.name_fontsize,
                          zorder=5)
            self.node_texts[(li, j)] = add_fast_text(ax, x, y - self.radius - 0.04, "", ha="center", va="top",
                                                     fontsize=fs, zorder=5, bbox=_BOX)
        top = max(y for _, y in self.positions.values())
        for li in range(len(self.layer_sizes)):
            self.layer_texts[li] = add_fast_text(ax, self.layer_gap * li, top + self.radius + 0.12, "",
                                                 ha="center", va="bottom", fontsize=fs, zorder=5)
        note_lines = self._draw_partial_marks(len(drawn), -top - 0.45)
        ax.set_xlim(-0.6, self.layer_gap * (len(self.layer_sizes) - 1) + 0.6)
        ax.set_ylim(-top - 0.75 - 0.45 * note_lines, top + 0.55)
        ax.set_aspect("equal", adjustable="box")
        ax.set_axis_off()
        placer = placement.LabelPlacer(self.place_labels)
        placer.set_in_layout(False)
        ax.add_artist(placer)

    def _draw_partial_marks(self, n_drawn: int, y: float) -> int:
        """⋮ in every layer drawn in part, and lines at height ``y`` saying what is left out (their
        number is returned)."""
        notes = []
        for li, shown in enumerate(self.shown):
            if len(shown) < self.layer_sizes[li]:
                upper = self.positions[(li, shown[len(shown) // 2 - 1])][1]
                self.ax.text(self.layer_gap * li, upper - 1.0, "⋮", ha="center", va="center",
                             fontsize=self.name_fontsize * 1.4, zorder=5)
                notes.append(_("layer {layer}: {shown} of {n:,} neurons").format(layer=li, shown=len(shown),
                                                                                   n=self.layer_sizes[li]))
        total = sum(a * b for a, b in zip(self.layer_sizes, self.layer_sizes[1:], strict=False))
        if n_drawn < total:
            notes.append(_("{drawn:,} of {total:,} weights drawn").format(drawn=n_drawn, total=total))
        if notes:
            self.ax.text(-0.5, y, _("Drawn in part:") + "\n" + "\n".join(notes), ha="left", va="top",
                         fontsize=self.fontsize, color="#555555", zorder=6)
        return len(notes) + 1 if notes else 0

    # ---- label placement (at draw time) -------------------------------------------------------
    def place_labels(self, renderer) -> None:
        """Put every non-empty layer and edge label where its box overlaps no node (nor, where
        possible, another label), inside the figure. Runs at every full draw."""
        margin = 1.0 * renderer.dpi / 72
        frame = Bbox.from_extents(*self.ax.figure.bbox.extents).padded(-2)
        to_display = self.ax.transData.transform
        r = self.radius
        nodes = [Bbox([to_display((x - r, y - r)), to_display((x + r, y + r))]).padded(margin)
                 for x, y in self.positions.values()]
        soft = [placement.text_box(t, renderer, margin) for t in self.node_texts.values() if t.get_text()]
        top = max(y for _, y in self.positions.values())
        for li, text in self.layer_texts.items():
            if text.get_text():
                text.set_position((self.layer_gap * li, top + self.radius + 0.12))
                soft.append(placement.keep_inside(text, renderer, frame, margin))
        for (li, j, k), text in self.edge_texts.items():
            if text.get_text():
                placement.along_edge(text, self.positions[(li - 1, k)], self.positions[(li, j)], self.label_t,
                                     renderer, nodes, soft, frame, margin)

    # ---- index checks ------------------------------------------------------------------------
    def _edge_key(self, layer, j, k) -> tuple[int, int, int]:
        layer = check_int("layer", layer, minimum=1, maximum=len(self.layer_sizes) - 1)
        j = check_int("j", j, minimum=0, maximum=self.layer_sizes[layer] - 1)
        k = check_int("k", k, minimum=0, maximum=self.layer_sizes[layer - 1] - 1)
        if (layer, j, k) not in self.edges:
            raise ValueError(_("edge ({layer}, {j}, {k}) is not drawn: this network is drawn in part "
                               "(see the note on the figure)").format(layer=layer, j=j, k=k))
        return (layer, j, k)

    def _node_key(self, layer, index) -> tuple[int, int]:
        layer = check_int("layer", layer, minimum=0, maximum=len(self.layer_sizes) - 1)
        index = check_int("index", index, minimum=0, maximum=self.layer_sizes[layer] - 1)
        if (layer, index) not in self.nodes:
            raise ValueError(_("neuron {index} of layer {layer} is not drawn: layer {layer} is drawn in part").format(
                index=index, layer=layer))
        return (layer, index)

    # ---- setters -----------------------------------------------------------------------------
    def set_weights(self, weights: Sequence) -> None:
        """Set every edge's width and colour from ``weights``: a list with one array per layer l >= 1,
        ``weights[l-1]`` = W^l of shape ``(n_l, n_{l-1})``. Width grows with |w| relative to the
        largest |w|; blue = positive, red = negative. Highlighted edges keep their highlight colour."""
        if (isinstance(weights, (np.ndarray, str, bytes)) or not isinstance(weights, Sequence)
                or len(weights) != len(self.layer_sizes) - 1):
            raise ValueError(_("weights must be a list of {n} arrays (W^1 … W^L)").format(n=len(self.layer_sizes) - 1))
        mats = []
        for li, w in enumerate(weights, start=1):
            arr = as_array(f"weights[{li - 1}]", w, ndim=2)
            check_shape(f"weights[{li - 1}]", arr, (self.layer_sizes[li], self.layer_sizes[li - 1]),
                        _("(n_{layer}, n_{previous}) for W^{layer}").format(layer=li, previous=li - 1))
            mats.append(arr)
        scale = max(float(np.max(np.abs(m))) for m in mats)
        thin = min(1.0, (24 / max(len(self.edges), 1)) ** 0.5)   # many edges: thinner lines
        for (li, j, k), line in self.edges.items():
            w = float(mats[li - 1][j, k])
            line.set_linewidth(_width(w, scale) * thin)     # mats were checked finite above
            if (li, j, k) not in self._highlighted:
                line.set_color(_color(w))
        self.weights = mats

    def set_node_text(self, layer: int, index: int, text: str) -> None:
        """Text under node ``index`` of ``layer`` (e.g. ``"net=0.3775\\nout=0.5933"``)."""
        self.node_texts[self._node_key(layer, index)].set_text(str(text))

    def set_edge_text(self, layer: int, j: int, k: int, text: str) -> None:
        """Text on edge (layer, j, k), i.e. the weight W^layer[j, k] (e.g. its value or ∂E/∂w); it is
        placed along the edge where it overlaps no node."""
        self.edge_texts[self._edge_key(layer, j, k)].set_text(str(text))

    def set_layer_text(self, layer: int, text: str) -> None:
        """Text above a layer's column (e.g. its bias ``"b1 = 0.35"``), kept inside the figure."""
        layer = check_int("layer", layer, minimum=0, maximum=len(self.layer_sizes) - 1)
        self.layer_texts[layer].set_text(str(text))

    def highlight_edges(self, edges: Iterable[tuple[int, int, int]], color: str = "#ff7f0e") -> None:
        """Colour the given edges ``(l, j, k)`` (e.g. one backward path) and draw them on top."""
        if not is_color_like(color):
            raise ValueError(_("color must be a matplotlib colour such as 'orange' or '#ff7f0e'; "
                               "got {given!r}").format(given=color))
        if isinstance(edges, (str, bytes)) or not isinstance(edges, Iterable):
            raise TypeError(_("edges must be a list of (layer, j, k) triples; got {kind} {given}").format(
                kind=type(edges).__name__, given=repr(edges)[:120]))
        for edge in edges:
            if isinstance(edge, (str, bytes)) or not isinstance(edge, Sequence) or len(edge) != 3:
                raise ValueError(_("edges must contain (layer, j, k) triples; got {given!r}").format(given=edge))
            key = self._edge_key(*edge)
            self.edges[key].set_color(to_rgba(color))
            self.edges[key].set_zorder(2)
            self._highlighted.add(key)

    def clear_highlight(self) -> None:
        """Give every highlighted edge its weight colour back."""
        for key in self._highlighted:
            self.edges[key].set_color(_color(float(self.weights[key[0] - 1][key[1], key[2]])))
            self.edges[key].set_zorder(1)
        self._highlighted.clear()

    @property
    def highlighted(self) -> set[tuple[int, int, int]]:
        """The edges currently highlighted."""
        return set(self._highlighted)
