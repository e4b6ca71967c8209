"""Step a backward pass node by node (notebook 02, computational graphs and gates).

:class:`BackwardStepper` walks the nodes of a :class:`helpers.autograd.Value` graph in reverse
topological order, the order ``backward()`` uses. At each step the drawing highlights the current node,
shows the gradients of the nodes already visited (only those), and the readout spells out
``upstream × local = gradient`` for the current node, one product per use of the node.

Plain-Python API (used by the unit tests): ``stepper.next()``, ``stepper.previous()``,
``stepper.reset()``, ``stepper.state``.
CSS classes: ``bp-stepper-next``, ``bp-stepper-prev``, ``bp-stepper-reset``, ``bp-stepper-readout``,
``bp-stepper-figure`` (and ``bp-stepper`` on the whole widget).
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..autograd import BackwardStep, Value, backward_steps
from ..drawing.graph import GraphDrawing, figure_size
from .figure_image import FigureImage

__all__ = ["BackwardStepper", "node_names", "step_formula", "format_number"]


def format_number(x: float) -> str:
    """How the readout prints a number: 6 decimals, negatives in parentheses inside products."""
    text = f"{x:.6f}"
    return f"({text})" if text.startswith("-") else text


def node_names(steps: list[BackwardStep]) -> dict[int, str]:
    """A unique display name per node (label, else operation), keyed by ``id(node)``; repeats get '#2'."""
    names: dict[int, str] = {}
    seen: dict[str, int] = {}
    for step in steps:
        base = step.node.label or step.node.op or "node"
        seen[base] = seen.get(base, 0) + 1
        names[id(step.node)] = base if seen[base] == 1 else f"{base}#{seen[base]}"
    return names


def step_formula(step: BackwardStep, names: dict[int, str], output_name: str) -> str:
    """The chain-rule line for one step, symbolic then numeric, e.g.
    ``∂f/∂w2 = ∂f/∂dot × ∂dot/∂w2 = 0.196612 × 1.000000 = 0.196612``."""
    me = names[id(step.node)]
    if not step.incoming:
        return f"∂{output_name}/∂{me} = 1 (the seed: the output's gradient with respect to itself)"
    symbolic = " + ".join(f"∂{output_name}/∂{names[id(t.other)]} × ∂{names[id(t.other)]}/∂{me}"
                          for t in step.incoming)
    numeric = " + ".join(f"{format_number(t.upstream)} × {format_number(t.local)}" for t in step.incoming)
    return f"∂{output_name}/∂{me} = {symbolic} = {numeric} = {step.grad:.6f}"


class BackwardStepper:
    """Next / Previous / Reset buttons, a readout and the graph drawing for ``output``'s backward pass.

    ``output``: the Value whose gradients are computed (``output.backward()`` is called once here).
    ``position`` counts visited nodes: 0 before the first step, ``len(steps)`` when all are visited.
    """

    def __init__(self, output: Value, *, dpi: int = 80):
        if not isinstance(output, Value):
            raise TypeError(f"output must be a Value (the result of a computation); "
                            f"got {type(output).__name__}")
        self.output = output
        self.steps = backward_steps(output)
        self.names = node_names(self.steps)
        self.output_name = self.names[id(output)]
        self.position = 0
        self.next_button = self._button("Next", "bp-stepper-next", self.next)
        self.prev_button = self._button("Previous", "bp-stepper-prev", self.previous)
        self.reset_button = self._button("Reset", "bp-stepper-reset", self.reset)
        self.readout = widgets.HTML()
        self.readout.add_class("bp-stepper-readout")
        width, height = figure_size(output, max_width=12.0)
        self.image = FigureImage(width, height, dpi=dpi, css_class="bp-stepper-figure")
        self.drawing = GraphDrawing(output, self.image.figure.add_axes((0.0, 0.0, 1.0, 1.0)), fontsize=9.0)
        self.image.set_moving(self.drawing.boxes.values())
        buttons = widgets.HBox([self.prev_button, self.next_button, self.reset_button])
        self.widget = widgets.VBox([buttons, self.readout, self.image.widget])
        self.widget.add_class("bp-stepper")
        self._render()

    def _button(self, text: str, css_class: str, action) -> widgets.Button:
        button = widgets.Button(description=text, layout=widgets.Layout(width="110px"))
        button.add_class(css_class)
        button.on_click(lambda _: self._safely(action))
        return button

    def _safely(self, action) -> None:
        """Run a button's action; show any error in the readout instead of raising into the browser."""
        try:
            action()
        except Exception as exc:  # noqa: BLE001 - a callback must never raise into the browser
            self.readout.value = f"<b>Something went wrong:</b> {html.escape(str(exc))}"

    # ---- plain-Python API ------------------------------------------------------------------------
    def next(self) -> None:
        """Visit the next node (no-op once every node is visited)."""
        self.position = min(self.position + 1, len(self.steps))
        self._render()

    def previous(self) -> None:
        """Go back one node (no-op before the first step)."""
        self.position = max(self.position - 1, 0)
        self._render()

    def reset(self) -> None:
        """Back to the start: no gradient shown."""
        self.position = 0
        self._render()

    @property
    def current(self) -> BackwardStep | None:
        return self.steps[self.position - 1] if self.position else None

    @property
    def readout_text(self) -> str:
        """The chain-rule line shown for the current step (plain text)."""
        if self.current is None:
            return (f"Step 0 of {len(self.steps)}: press Next to start the backward pass at "
                    f"the output {self.output_name}.")
        return step_formula(self.current, self.names, self.output_name)

    @property
    def state(self) -> dict:
        """step (nodes visited), total, current (its name or None), shown ({name: gradient}), readout."""
        shown = {self.names[id(s.node)]: s.grad for s in self.steps[:self.position]}
        current = self.names[id(self.current.node)] if self.current else None
        return {"step": self.position, "total": len(self.steps), "current": current, "shown": shown,
                "readout": self.readout_text}

    # ---- drawing ---------------------------------------------------------------------------------
    def _render(self) -> None:
        step = self.current
        heading = ("Before the backward pass" if step is None else
                   f"Step {self.position} of {len(self.steps)}: node {self.names[id(step.node)]}")
        if self.position == len(self.steps):
            heading += " (the backward pass is complete)"
        self.readout.value = (f"<div><b>{html.escape(heading)}</b></div>"
                              f"<div style='font-family:monospace'>{html.escape(self.readout_text)}</div>")
        grads = {s.node: s.grad for s in self.steps[:self.position]}
        self.drawing.update(grads, step.node if step else None)
        self.prev_button.disabled = self.position == 0
        self.next_button.disabled = self.position == len(self.steps)
        self.image.blit()  # edges and operations are cached; only the value boxes are redrawn

    def png(self) -> bytes:
        """The drawing as PNG bytes, rendered in full (the widget itself is updated by blitting)."""
        return self.image.png()
