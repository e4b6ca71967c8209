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

from .._checks import as_scalar
from ..autograd import BackwardStep, Value, backward_steps
from ..drawing.graph import GraphDrawing, figure_size
from ..i18n import _
from . import layout
from .base import WidgetBase
from .figure_image import CSS_DPI
from .preview import WidgetBox

__all__ = ["BackwardStepper", "node_names", "step_formula", "format_number", "MAX_WIDTH_PX", "FIT_WIDTH_PX",
           "bands_for"]

MAX_WIDTH_PX = 2400   # widest graph drawing the stepper shows (CSS px)
FIT_WIDTH_PX = 580    # the drawing folds its columns into bands no wider than this: at 1024×768 with the
                      # file browser open the stepper's column is 592 px wide (measured in Chromium), so the
                      # drawing never scrolls sideways there


def bands_for(text_px: float, width_px: float = FIT_WIDTH_PX) -> int:
    """How many graph columns fit one band of ``width_px`` with figure text of ``text_px`` (at least 1)."""
    grow = text_px / 8.0                          # helpers.drawing.graph.figure_size: 1.3 in per column at 8 pt
    return max(1, int((width_px / (CSS_DPI * grow) - 0.6) / 1.3))


def format_number(x: float) -> str:
    """How the readout prints a number: 6 decimals, negatives in parentheses inside products."""
    text = f"{as_scalar('x', x):.6f}"
    return f"({text})" if text.startswith("-") else text


def node_names(steps: list[BackwardStep]) -> dict[int, str]:
    """A unique display name per node (label, else operation), keyed by ``id(node)``; repeats get '#2'."""
    names: dict[int, str] = {}
    seen: dict[str, int] = {}
    for step in steps:
        base = step.node.label or step.node.op or _("node")
        seen[base] = seen.get(base, 0) + 1
        names[id(step.node)] = base if seen[base] == 1 else f"{base}#{seen[base]}"
    return names


def step_formula(step: BackwardStep, names: dict[int, str], output_name: str) -> str:
    """The chain-rule line for one step, symbolic then numeric, e.g.
    ``∂f/∂w2 = ∂f/∂dot × ∂dot/∂w2 = 0.196612 × 1.000000 = 0.196612``."""
    if not isinstance(step, BackwardStep):
        raise TypeError(_("step must be a BackwardStep (one item of helpers.autograd.backward_steps(output)); "
                          "got {kind}").format(kind=type(step).__name__))
    if not isinstance(names, dict) or id(step.node) not in names:
        raise TypeError(_("names must be the dict node_names(steps) made from the same steps (it has no name for "
                          "this step's node); got {kind}").format(kind=type(names).__name__))
    if not isinstance(output_name, str):
        raise TypeError(_("output_name must be a str (the output's display name); got {kind}").format(
            kind=type(output_name).__name__))
    me = names[id(step.node)]
    if not step.incoming:
        return _("∂{output}/∂{node} = 1 (the seed: the output's gradient with respect to itself)").format(
            output=output_name, node=me)
    symbolic = " + ".join(f"∂{output_name}/∂{names[id(t.other)]} × ∂{names[id(t.other)]}/∂{me}"
                          for t in step.incoming)
    numeric = " + ".join(f"{format_number(t.upstream)} × {format_number(t.local)}" for t in step.incoming)
    return f"∂{output_name}/∂{me} = {symbolic} = {numeric} = {step.grad:.6f}"


class BackwardStepper(WidgetBase):
    """Next / Previous / Reset buttons, a readout and the graph drawing for ``output``'s backward pass.

    ``output``: the Value whose gradients are computed (``output.backward()`` is called once here).
    ``position`` counts visited nodes: 0 before the first step, ``len(steps)`` when all are visited.
    The drawing is shown at its natural size (text ≥ 11 px, 18 in lecture mode); a column narrower
    than the graph scrolls sideways. Graphs of more than ``helpers.drawing.graph.MAX_NODES`` nodes,
    or wider than ``MAX_WIDTH_PX``, are refused with a clear error.
    """

    _kept = ("position",)

    def __init__(self, output: Value):
        self._setup("bp-stepper")
        if not isinstance(output, Value):
            raise TypeError(_("output must be a Value (the result of a computation); got {kind}").format(
                kind=type(output).__name__))
        m = layout.mode()
        per_band = bands_for(m.text)
        width, height = figure_size(output, fontsize=m.text, column_width=1.3, per_band=per_band)
        if width * CSS_DPI > MAX_WIDTH_PX:
            raise ValueError(_("output's graph is too wide to step through ({width:,.0f} px at {text:g} px text; "
                               "at most {limit:,}): use a smaller expression").format(
                                   width=width * CSS_DPI, text=m.text, limit=MAX_WIDTH_PX))
        self.output = output
        self.steps = backward_steps(output)
        self.names = node_names(self.steps)
        self.output_name = self.names[id(output)]
        self.position = 0
        act = self.callback
        doing = {"prev": _("go back a step"), "next": _("take the next step"), "reset": _("reset the stepper")}
        self.prev_button = layout.button(_("Previous"), "bp-stepper-prev",
                                         lambda: act(self.previous, doing["prev"]), icon="arrow-left")
        self.next_button = layout.button(_("Next"), "bp-stepper-next", lambda: act(self.next, doing["next"]),
                                         icon="arrow-right", style="primary")
        self.reset_button = layout.button(_("Reset"), "bp-stepper-reset", lambda: act(self.reset, doing["reset"]),
                                          icon="undo")
        self.readout = layout.readout("bp-stepper-readout")
        self.image = self.add_figure(width * CSS_DPI, height * CSS_DPI, "bp-stepper-figure")
        self.image.widget.layout.max_width = "none"      # natural size always: the box around it scrolls
        self.drawing = GraphDrawing(output, self.image.figure.add_axes((0.0, 0.0, 1.0, 1.0)), fontsize=m.text,
                                    per_band=per_band)
        self.image.set_moving(self.drawing.boxes.values())
        self.widget = WidgetBox(
            [layout.row([self.prev_button, self.next_button, self.reset_button]), self.readout, self.message,
             layout.scroll_box(self.image.widget, "bp-stepper-scroll")], "bp-stepper",
            caption=_("▶ Run this notebook to step through the backward pass yourself (a picture of the stepper)"),
            figures=lambda: [self.image], live=["bp-stepper-readout"],
            regions={"bp-stepper-scroll": _("graph of the computation (scroll sideways with the arrow keys)")})
        self._render()

    def _controls_follow_state(self) -> None:
        self._render()       # the restored position, drawn again

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
            return _("Step 0 of {total}: press Next to start the backward pass at the output {output}.").format(
                total=len(self.steps), output=self.output_name)
        return step_formula(self.current, self.names, self.output_name)

    def _state_now(self) -> dict:
        """step (nodes visited), total, current (its name or None), shown ({name: gradient}), readout."""
        shown = {self.names[id(s.node)]: s.grad for s in self.steps[:self.position]}
        current = self.names[id(self.current.node)] if self.current else None
        return {"step": self.position, "total": len(self.steps), "current": current, "shown": shown,
                "readout": self.readout_text}

    # ---- drawing ---------------------------------------------------------------------------------
    def _render(self) -> None:
        step = self.current
        if step is None:
            heading = _("Before the backward pass")
        elif self.position < len(self.steps):
            heading = _("Step {step} of {total}: node {node}")
        else:
            heading = _("Step {step} of {total}: node {node} (the backward pass is complete)")
        heading = heading.format(step=self.position, total=len(self.steps), node=self.names[id(step.node)] if step
                                 else "")
        self.readout.value = (f"<div><b>{html.escape(heading)}</b></div>"
                              f"<div style='font-family:monospace;white-space:normal'>"
                              f"{html.escape(self.readout_text)}</div>")
        grads = {s.node: s.grad for s in self.steps[:self.position]}
        self.drawing.update(grads, step.node if step else None)
        self.prev_button.disabled = self.position == 0
        self.next_button.disabled = self.position == len(self.steps)
        self.image.blit()  # edges and operations are cached; only the value boxes are redrawn
        self._state = self._state_now()
        self.message.value = ""

    def png(self) -> bytes:
        """The drawing as PNG bytes, rendered in full (the widget itself is updated by blitting)."""
        return self.image.png()
