"""Computational graphs (계산 그래프) of :class:`helpers.autograd.Value` drawn with matplotlib only
(notebook 02).

Value nodes are rounded boxes showing ``label``, ``data`` and ``grad``; each operation is a small
circle just left of the value it makes. Columns run left → right by depth (inputs left, the output
right); within a column the nodes are ordered to keep edge crossings few, and an edge that skips
columns runs level through a free slot of each column it crosses, never behind a box.
:class:`GraphDrawing` creates every artist once and :meth:`GraphDrawing.update` only changes
texts and colours, so the backward-pass stepper can redraw it many times a second.
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from helpers._checks import as_scalar, check_int
from helpers.autograd import Value, topological_order
from helpers.drawing.fast_text import add_fast_text
from helpers.i18n import _

__all__ = ["GraphDrawing", "draw_graph", "op_symbol", "graph_layout", "edge_routes", "figure_size", "MAX_NODES"]

CURRENT = "#ffd54f"    # amber: the node the backward pass is at
VISITED = "#c8e6c9"    # green: gradient already known
PLAIN = "#ffffff"
OP_FACE = "#e3ecf7"
GAP = 1.1              # minimum vertical distance between two nodes of one column
ROUTE_REACH = 0.3      # a passing edge stays level from its column's operation to this far past the box centre
MAX_NODES = 60         # bigger graphs: no drawing (the layout grows as n³; 60 nodes take ~0.4 s, 200 take 27 s)
_SYMBOLS = {"+": "+", "-": "−", "*": "×", "/": "÷", "neg": "−x", "exp": "exp", "log": "ln",
            "tanh": "tanh", "sigmoid": "σ", "relu": "relu", "max": "max", "**-1": "1/x", "**2": "x²"}


def op_symbol(op: str) -> str:
    """The short text drawn inside an operation's circle ('*' → '×', '**3' → 'x^3')."""
    if not isinstance(op, str):
        raise TypeError(_("op must be an operation name (a string such as '*' or 'tanh', a Value's .op); "
                          "got {kind} {op!r}").format(kind=type(op).__name__, op=op)[:200])
    if op in _SYMBOLS:
        return _SYMBOLS[op]
    return f"x^{op[2:]}" if op.startswith("**") else op


def graph_layout(root: Value) -> dict[int, tuple[float, float]]:
    """(column, row) of every node, keyed by ``id(node)``; rows grow downwards.

    A computed node sits one column right of its deepest input; an input sits one column left of
    its first consumer. An edge that spans several columns passes through a free slot in each
    column between (see :func:`edge_routes`); the order within a column keeps edge crossings few.
    """
    return _layout(root)[0]


def edge_routes(root: Value) -> dict[tuple[int, int], list[tuple[float, float]]]:
    """The waypoints (column, row) of every edge that skips columns, keyed by ``(id(input), id(node))``.

    The edge runs horizontally at each waypoint's row through that column's slot, so it never passes
    behind a node's box; edges between neighbouring columns have no waypoints.
    """
    return _layout(root)[1]


def _columns(order: list[Value]) -> dict[int, int]:
    """Column of every node: one right of its deepest input; an input one left of its first use."""
    col: dict[int, int] = {}
    for node in order:
        col[id(node)] = 1 + max((col[id(c)] for c in node.children), default=-1)
    for node in order:
        uses = [col[id(n)] for n in order if node in n.children]
        if not node.children and uses:
            col[id(node)] = min(uses) - 1
    return col


def _layers(order: list[Value], col: dict[int, int]):
    """Columns of slot keys (id(node), or a waypoint tuple), the edges between neighbouring columns,
    and the chain of waypoint keys of every edge."""
    layers: list[list] = [[] for _ in range(1 + max(col.values()))]
    for node in order:
        layers[col[id(node)]].append(id(node))
    edges: set[tuple] = set()
    chains: dict[tuple[int, int], list[tuple]] = {}
    for node in order:
        for child in dict.fromkeys(node.children):
            a, b = id(child), id(node)
            chain = [(a, b, k) for k in range(col[a] + 1, col[b])]
            for key in chain:
                layers[key[2]].append(key)
            path = [a, *chain, b]
            edges.update(zip(path, path[1:], strict=False))
            chains[(a, b)] = chain
    return layers, edges, chains


def _crossings(layers: list[list], edges: set[tuple]) -> int:
    """How many pairs of edges between neighbouring columns cross."""
    where = {key: i for layer in layers for i, key in enumerate(layer)}
    count = 0
    for left in layers[:-1]:
        keys = set(left)
        spans = [(where[a], where[b]) for a, b in edges if a in keys]
        count += sum((p[0] - q[0]) * (p[1] - q[1]) < 0 for i, p in enumerate(spans) for q in spans[i + 1:])
    return count


def _order(layers: list[list], edges: set[tuple], sweeps: int = 4) -> list[list]:
    """Order every column by the mean position of its neighbours (barycentre sweeps, left→right
    then right→left), keeping the order with the fewest crossings."""
    preds: dict = {}
    succs: dict = {}
    for a, b in edges:
        succs.setdefault(a, []).append(b)
        preds.setdefault(b, []).append(a)
    best, best_count = [list(layer) for layer in layers], _crossings(layers, edges)
    current = [list(layer) for layer in layers]
    for sweep in range(2 * sweeps):
        forward = sweep % 2 == 0
        indices = range(1, len(current)) if forward else range(len(current) - 2, -1, -1)
        for i in indices:
            ref_layer = current[i - 1] if forward else current[i + 1]
            where = {key: j for j, key in enumerate(ref_layer)}
            links = preds if forward else succs
            old = {key: j for j, key in enumerate(current[i])}

            def centre(key, links=links, where=where, old=old):
                near = [where[k] for k in links.get(key, ())]
                return sum(near) / len(near) if near else old[key]
            current[i].sort(key=lambda k: (centre(k), old[k]))
        count = _crossings(current, edges)
        if count < best_count:
            best, best_count = [list(layer) for layer in current], count
    return best


def _gap(upper, lower) -> float:
    """Least vertical distance between two slots: boxes need GAP, a passing edge less."""
    boxes = (not isinstance(upper, tuple)) + (not isinstance(lower, tuple))
    return {2: GAP, 1: 0.65, 0: 0.35}[boxes]


def _pack(keys: list, wanted: dict) -> dict:
    """Rows as close as possible (least squares) to ``wanted`` keeping the order and the gaps."""
    offsets = [0.0]
    for upper, lower in zip(keys, keys[1:], strict=False):
        offsets.append(offsets[-1] + _gap(upper, lower))
    blocks: list[list[float]] = []          # pool adjacent violators: [mean, weight]
    for key, off in zip(keys, offsets, strict=True):
        blocks.append([wanted[key] - off, 1.0])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            (m1, w1), (m2, w2) = blocks.pop(-2), blocks.pop()
            blocks.append([(m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2])
    levels = [m for m, w in blocks for _ in range(int(w))]
    return {key: level + off for key, level, off in zip(keys, levels, offsets, strict=True)}


def _rows(layers: list[list], edges: set[tuple], passes: int = 7) -> dict:
    """Rows: each slot near the mean row of its neighbours, alternating left→right and right→left
    (an odd number of passes, so that the last one centres every node on its inputs)."""
    nbrs: dict = {}
    for a, b in edges:
        nbrs.setdefault(a, [[], []])[1].append(b)
        nbrs.setdefault(b, [[], []])[0].append(a)
    row: dict = {}
    for layer in layers:
        row.update(_pack(layer, {key: 0.0 for key in layer}))
    for p in range(passes):
        side = p % 2                         # 0: follow inputs (left), 1: follow consumers (right)
        for layer in layers if side == 0 else layers[::-1]:
            wanted = {}
            for key in layer:
                near = nbrs.get(key, [[], []])[side] or nbrs.get(key, [[], []])[1 - side]
                wanted[key] = sum(row[k] for k in near) / len(near) if near else row[key]
            row.update(_pack(layer, wanted))
    top = min(row.values())
    return {key: r - top for key, r in row.items()}


def _layout(root: Value):
    if not isinstance(root, Value):
        raise TypeError(_("root must be a Value (the result of a computation); got {kind}").format(
            kind=type(root).__name__))
    order = topological_order(root)
    if len(order) > MAX_NODES:
        raise ValueError(_("root's graph has {n:,} nodes; drawings show at most {limit} (beyond that neither the "
                           "layout nor the picture is of use): draw a smaller expression, or list the steps with "
                           "helpers.autograd.backward_steps(root)").format(n=len(order), limit=MAX_NODES))
    col = _columns(order)
    layers, edges, chains = _layers(order, col)
    row = _rows(_order(layers, edges), edges)
    positions = {id(n): (float(col[id(n)]), row[id(n)]) for n in order}
    routes = {edge: [(float(k[2]), row[k]) for k in chain] for edge, chain in chains.items() if chain}
    return positions, routes


BAND_GAP = 0.6          # extra rows between two bands of a wrapped drawing (a crossing edge runs there)


def _bands(positions, routes, per_band: int) -> dict[int, int]:
    """Band of every column when the columns are folded into bands of at most ``per_band`` columns.
    A band ends only where no edge skips across (a long edge stays inside one band)."""
    n_cols = 1 + int(max(c for c, _ in positions.values()))
    spans = [(int(min(c for c, _ in route)) - 1, int(max(c for c, _ in route)) + 1) for route in routes.values()]
    cut_ok = [all(not a <= c < b for a, b in spans) for c in range(n_cols)]   # cut between c and c + 1
    band, start, out = 0, 0, {}
    for c in range(n_cols):
        if c - start >= per_band:
            back = next((k for k in range(c - 1, start - 1, -1) if cut_ok[k]), None)
            if back is not None:
                for k in range(back + 1, c):
                    out[k] = band + 1
                band, start = band + 1, back + 1
        out[c] = band
    return out


def _wrap(positions, routes, per_band: int | None):
    """Positions and routes folded into bands stacked top to bottom (``per_band`` columns each, or one
    band when None), and the band of every node."""
    if per_band is not None:
        per_band = check_int("per_band", per_band, minimum=1, maximum=MAX_NODES)
    if not per_band:
        return positions, routes, {key: 0 for key in positions}
    band_of_col = _bands(positions, routes, per_band)
    first = {b: min(c for c, bb in band_of_col.items() if bb == b) for b in set(band_of_col.values())}
    rows = {b: [r for c, r in [*positions.values(), *(p for rt in routes.values() for p in rt)]
                if band_of_col[int(c)] == b] for b in first}
    offset, top = {}, 0.0
    for b in sorted(first):
        offset[b] = top - min(rows[b])
        top += max(rows[b]) - min(rows[b]) + 1 + BAND_GAP

    def move(c, r):
        b = band_of_col[int(c)]
        return c - first[b], r + offset[b]
    new_pos = {key: move(*p) for key, p in positions.items()}
    new_routes = {edge: [move(*p) for p in route] for edge, route in routes.items()}
    return new_pos, new_routes, {key: band_of_col[int(p[0])] for key, p in positions.items()}


def _between(name: str, value, low: float, high: float) -> float:
    out = as_scalar(name, value)
    if not low <= out <= high:
        raise ValueError(_("{name} must be between {low:g} and {high:g}; got {value:g}").format(
            name=name, low=low, high=high, value=out))
    return out


def _fmt(x: float) -> str:
    return f"{x:.4g}"


class GraphDrawing:
    """A ``Value`` graph drawn on ``ax`` with artists that can be updated in place.

    ``nodes``: every node in topological order. ``boxes[id(node)]``: the Text artist of a value node.
    Call :meth:`update` to choose which gradients are shown and which node is highlighted.
    ``per_band``: fold the columns into bands of at most that many columns, stacked top to bottom,
    so a wide graph fits a narrow screen; an edge from one band to the next runs in the gap between.
    """

    def __init__(self, root: Value, ax: Axes, *, fontsize: float = 8.0, per_band: int | None = None):
        if not isinstance(root, Value):
            raise TypeError(_("root must be a Value; got {kind}").format(kind=type(root).__name__))
        if not isinstance(ax, Axes):
            raise TypeError(_("ax must be a matplotlib Axes; got {kind}").format(kind=type(ax).__name__))
        fontsize = as_scalar("fontsize", fontsize)
        if not 4 <= fontsize <= 60:
            raise ValueError(_("fontsize must be between 4 and 60 pt; got {fontsize:g}").format(fontsize=fontsize))
        self.root, self.ax = root, ax
        self.positions, self.routes, self.band = _wrap(*_layout(root), per_band)
        self.nodes = topological_order(root)
        self.boxes, self.ops = {}, {}
        for node in self.nodes:
            self._draw_node(node, fontsize)
        points = [*self.positions.values(), *(p for route in self.routes.values() for p in route)]
        cols = [c for c, _ in points]
        rows = [r for _, r in points]
        ax.set_xlim(min(cols) - 0.75, max(cols) + 0.75)
        ax.set_ylim(max(rows) + 0.9, min(rows) - 0.9)
        ax.axis("off")
        self.update()

    def _draw_node(self, node: Value, fontsize: float) -> None:
        x, y = self.positions[id(node)]
        self.boxes[id(node)] = add_fast_text(
            self.ax, x, y, "", ha="center", va="center", fontsize=fontsize, zorder=3, family="monospace",
            bbox={"boxstyle": "round,pad=0.3", "fc": PLAIN, "ec": "#555555"})
        if not node.children:
            return
        ox, symbol = x - 0.5, op_symbol(node.op)
        size = fontsize + (1 if len(symbol) < 3 else 0)
        self.ops[id(node)] = add_fast_text(
            self.ax, ox, y, symbol, ha="center", va="center", fontsize=size, zorder=3,
            bbox={"boxstyle": "circle,pad=0.25", "fc": OP_FACE, "ec": "#4a6fa5"})
        self.ax.add_line(Line2D([ox, x], [y, y], color="#777777", lw=1.0, zorder=1))
        for child in dict.fromkeys(node.children):
            cx, cy = self.positions[id(child)]
            points = [(cx, cy), (cx + ROUTE_REACH, cy)]           # leave the box level, then turn
            for k, r in self.routes.get((id(child), id(node)), ()):
                points += [(k - 0.5, r), (k + ROUTE_REACH, r)]   # through the free slot of column k
            if self.band[id(child)] != self.band[id(node)]:       # wrapped: down into the gap, back left
                gap = max(r for key, (_, r) in self.positions.items() if self.band[key] == self.band[id(child)])
                gap += (1 + BAND_GAP) / 2
                points += [(cx + ROUTE_REACH, gap), (ox - 0.2, gap), (ox - 0.2, y)]
            points.append((ox, y))
            xs, ys = zip(*points, strict=True)
            self.ax.add_line(Line2D(xs, ys, color="#777777", lw=1.0, zorder=1))

    def label_of(self, node: Value) -> str:
        """The name drawn for ``node``: its label, else its operation."""
        return node.label or node.op or "?"

    def update(self, grads: Mapping[Value, float] | None = None, highlight: Value | None = None) -> None:
        """Show ``grads`` (node → gradient; every node's ``.grad`` when ``None``) and highlight a node.

        Nodes missing from ``grads`` show ``grad ?``; visited nodes are green, ``highlight`` amber.
        """
        if grads is not None and not isinstance(grads, Mapping):
            raise TypeError(_("grads must be a dict {{node: gradient}} (or None for every node's .grad); "
                              "got {kind}").format(kind=type(grads).__name__))
        if highlight is not None and not any(node is highlight for node in self.nodes):
            raise ValueError(_("highlight must be a node of this graph (a Value reached from root) or None; "
                               "got {kind} {node!r}").format(kind=type(highlight).__name__, node=highlight)[:200])
        for node in self.nodes:
            if grads is None:
                grad_text, shown = _fmt(node.grad), False
            elif node in grads:
                grad_text, shown = _fmt(as_scalar(f"grads[{self.label_of(node)}]", grads[node])), True
            else:
                grad_text, shown = "?", False
            box = self.boxes[id(node)]
            box.set_text(f"{self.label_of(node)}\ndata {_fmt(node.data)}\ngrad {grad_text}")
            face = CURRENT if node is highlight else VISITED if shown else PLAIN
            box.get_bbox_patch().set_facecolor(face)


def figure_size(root: Value, max_width: float = float("inf"), fontsize: float = 8.0,
                column_width: float = 1.6, per_band: int | None = None) -> tuple[float, float]:
    """(width, height) in inches that fits ``root``'s drawing with text of ``fontsize`` pt: at 8 pt
    ``column_width`` (1.3 is the tightest that keeps boxes apart) per column and 0.75 per row,
    growing in proportion to the font; ``per_band`` folds the columns into bands (see GraphDrawing)."""
    if not isinstance(root, Value):
        raise TypeError(_("root must be a Value (the result of a computation); got {kind}").format(
            kind=type(root).__name__))
    fontsize, column_width = _between("fontsize", fontsize, 4, 60), _between("column_width", column_width, 0.5, 10)
    if max_width != float("inf"):
        max_width = _between("max_width", max_width, 1, 100)
    positions, routes, _bands_of = _wrap(*_layout(root), per_band)
    points = [*positions.values(), *(p for route in routes.values() for p in route)]
    n_cols = 1 + max(c for c, _ in points)
    n_rows = 1 + max(r for _, r in points)
    grow = fontsize / 8.0
    return min((column_width * n_cols + 0.6) * grow, max_width), (0.75 * n_rows + 0.9) * grow


def draw_graph(root: Value, ax: Axes | None = None, *, highlight: Value | None = None,
               grads: Mapping[Value, float] | None = None, title: str = "") -> Axes:
    """Draw ``root``'s graph (every ``.grad`` shown unless ``grads`` picks some) and return the Axes.

    Without ``ax`` a new pyplot figure is made, sized to the graph (finish the cell with ``plt.show()``).
    """
    if not isinstance(title, str):
        raise TypeError(_("title must be a string; got {kind}").format(kind=type(title).__name__))
    if not isinstance(root, Value):
        raise TypeError(_("root must be a Value (the result of a computation); got {kind}").format(
            kind=type(root).__name__))
    if ax is None:
        ax = plt.subplots(figsize=figure_size(root))[1]
    drawing = GraphDrawing(root, ax)
    drawing.update(grads, highlight)
    if title:
        ax.set_title(title, fontsize=10)
    return ax
