"""Computational graphs (계산 그래프) of :class:`helpers.autograd.Value` drawn with matplotlib only
(notebook 02).

Value nodes are rounded boxes showing ``label``, ``data`` and ``grad``; each operation is a small
circle just left of the value it makes. Columns run left → right by depth (inputs left, the output
right). :class:`GraphDrawing` creates every artist once and :meth:`GraphDrawing.update` only changes
texts and colours, so the backward-pass stepper can redraw it many times a second.
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from helpers.autograd import Value, topological_order

__all__ = ["GraphDrawing", "draw_graph", "op_symbol", "graph_layout"]

CURRENT = "#ffd54f"    # amber: the node the backward pass is at
VISITED = "#c8e6c9"    # green: gradient already known
PLAIN = "#ffffff"
OP_FACE = "#e3ecf7"
GAP = 1.1              # minimum vertical distance between two nodes of one column
_SYMBOLS = {"+": "+", "-": "−", "*": "×", "/": "÷", "neg": "−x", "exp": "exp", "log": "ln",
            "tanh": "tanh", "sigmoid": "σ", "relu": "relu", "max": "max", "**-1": "1/x", "**2": "x²"}


def op_symbol(op: str) -> str:
    """The short text drawn inside an operation's circle ('*' → '×', '**3' → 'x^3')."""
    if op in _SYMBOLS:
        return _SYMBOLS[op]
    return f"x^{op[2:]}" if op.startswith("**") else op


def graph_layout(root: Value) -> dict[int, tuple[float, float]]:
    """(column, row) of every node, keyed by ``id(node)``; rows grow downwards.

    A computed node sits one column right of its deepest input; an input sits one column left of
    its first consumer; rows follow the inputs' order and each node sits at the mean row of its inputs.
    """
    order = topological_order(root)
    col: dict[int, float] = {}
    for node in order:
        col[id(node)] = 1 + max((col[id(c)] for c in node.children), default=-1)
    first_use: dict[int, float] = {}
    for node in order:
        for c in node.children:
            first_use[id(c)] = min(first_use.get(id(c), col[id(node)]), col[id(node)])
    late = {id(n) for n in order if not n.children and first_use.get(id(n), 1) - 1 > 0}
    for key in late:
        col[key] = first_use[key] - 1
    row: dict[int, float] = {}
    rank = 0
    for node in order:
        if not node.children and id(node) not in late:
            row[id(node)], rank = float(rank), rank + 1
        elif node.children:
            known = [row[id(c)] for c in node.children if id(c) not in late]
            row[id(node)] = sum(known) / len(known) if known else 0.0
            for c in node.children:
                if id(c) in late and id(c) not in row:
                    row[id(c)] = row[id(node)] + GAP
    return _spread(order, col, row)


def _spread(order: list[Value], col: dict, row: dict) -> dict[int, tuple[float, float]]:
    """Push nodes of the same column apart so that no two are closer than GAP."""
    columns: dict[float, list[int]] = {}
    for node in order:
        columns.setdefault(col[id(node)], []).append(id(node))
    for keys in columns.values():
        keys.sort(key=lambda k: row[k])
        for above, below in zip(keys, keys[1:], strict=False):
            row[below] = max(row[below], row[above] + GAP)
    return {id(n): (col[id(n)], row[id(n)]) for n in order}


def _fmt(x: float) -> str:
    return f"{x:.4g}"


class GraphDrawing:
    """A ``Value`` graph drawn on ``ax`` with artists that can be updated in place.

    ``nodes``: every node in topological order. ``boxes[id(node)]``: the Text artist of a value node.
    Call :meth:`update` to choose which gradients are shown and which node is highlighted.
    """

    def __init__(self, root: Value, ax: Axes, *, fontsize: float = 8.0):
        if not isinstance(root, Value):
            raise TypeError(f"root must be a Value; got {type(root).__name__}")
        if not isinstance(ax, Axes):
            raise TypeError(f"ax must be a matplotlib Axes; got {type(ax).__name__}")
        self.root, self.ax = root, ax
        self.nodes = topological_order(root)
        self.positions = graph_layout(root)
        self.boxes, self.ops = {}, {}
        for node in self.nodes:
            self._draw_node(node, fontsize)
        cols = [c for c, _ in self.positions.values()]
        rows = [r for _, r in self.positions.values()]
        ax.set_xlim(min(cols) - 0.75, max(cols) + 0.75)
        ax.set_ylim(max(rows) + 0.9, min(rows) - 0.9)
        ax.axis("off")
        self.update()

    def _draw_node(self, node: Value, fontsize: float) -> None:
        x, y = self.positions[id(node)]
        self.boxes[id(node)] = self.ax.text(
            x, y, "", ha="center", va="center", fontsize=fontsize, zorder=3, family="monospace",
            bbox={"boxstyle": "round,pad=0.3", "fc": PLAIN, "ec": "#555555"})
        if not node.children:
            return
        ox, symbol = x - 0.5, op_symbol(node.op)
        size = fontsize + (1 if len(symbol) < 3 else -1)
        self.ops[id(node)] = self.ax.text(
            ox, y, symbol, ha="center", va="center", fontsize=size, zorder=3,
            bbox={"boxstyle": "circle,pad=0.25", "fc": OP_FACE, "ec": "#4a6fa5"})
        self.ax.add_line(Line2D([ox, x], [y, y], color="#777777", lw=1.0, zorder=1))
        for child in node.children:
            cx, cy = self.positions[id(child)]
            self.ax.add_line(Line2D([cx, ox], [cy, y], color="#777777", lw=1.0, zorder=1))

    def label_of(self, node: Value) -> str:
        """The name drawn for ``node``: its label, else its operation."""
        return node.label or node.op or "?"

    def update(self, grads: Mapping[Value, float] | None = None, highlight: Value | None = None) -> None:
        """Show ``grads`` (node → gradient; every node's ``.grad`` when ``None``) and highlight a node.

        Nodes missing from ``grads`` show ``grad ?``; visited nodes are green, ``highlight`` amber.
        """
        for node in self.nodes:
            if grads is None:
                grad_text, shown = _fmt(node.grad), False
            elif node in grads:
                grad_text, shown = _fmt(grads[node]), True
            else:
                grad_text, shown = "?", False
            box = self.boxes[id(node)]
            box.set_text(f"{self.label_of(node)}\ndata {_fmt(node.data)}\ngrad {grad_text}")
            face = CURRENT if node is highlight else VISITED if shown else PLAIN
            box.get_bbox_patch().set_facecolor(face)


def draw_graph(root: Value, ax: Axes | None = None, *, highlight: Value | None = None,
               grads: Mapping[Value, float] | None = None, title: str = "") -> Axes:
    """Draw ``root``'s graph (every ``.grad`` shown unless ``grads`` picks some) and return the Axes.

    Without ``ax`` a new pyplot figure is made, sized to the graph (finish the cell with ``plt.show()``).
    """
    if ax is None:
        layout = graph_layout(root)
        n_cols = 1 + max(c for c, _ in layout.values())
        n_rows = 1 + max(r for _, r in layout.values())
        _, ax = plt.subplots(figsize=(1.6 * n_cols + 0.6, 0.75 * n_rows + 0.9))
    drawing = GraphDrawing(root, ax)
    drawing.update(grads, highlight)
    if title:
        ax.set_title(title, fontsize=10)
    return ax
