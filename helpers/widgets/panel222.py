"""The weight-stepping panel of notebook 04: the 2-2-2 network drawn with its numbers, the three
phases of one training step one button at a time, a slider per parameter, and a loss curve.

Plain-Python API (what the unit tests drive): :meth:`Panel222.forward`, :meth:`~Panel222.backward`,
:meth:`~Panel222.update`, :meth:`~Panel222.step`, :meth:`~Panel222.run`, :meth:`~Panel222.reset`,
:meth:`~Panel222.set` (one parameter), :meth:`~Panel222.set_learning_rate`,
:meth:`~Panel222.set_conventions` and the :attr:`~Panel222.state` dict. ``Panel222().widget`` is the
layout to display; every control and readout carries a ``bp-panel-…`` CSS class.

Limits, stated: η between 0.01 and 5 in steps of 0.01 (the η slider's range and grid: anything else
is refused, so the slider and the updates never disagree); Run N at most ``MAX_RUN`` = 100,000
updates per press (about 3 s; larger requests are refused before any work).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

import ipywidgets as widgets

from helpers import example222 as ex
from helpers._checks import check_bool, check_choice, check_int
from helpers.i18n import _

from .base import WidgetBase
from .panel222_controls import (
    LR_MAX,
    LR_MIN,
    LR_STEP,
    MAX_PARAMETER,
    MAX_RUN,
    SLIDER_LIMIT,
    PanelControls,
    check_learning_rate,
    check_parameter,
)
from .panel222_figures import PanelFigures, readout_E_html, table_html

__all__ = ["Panel222", "MAX_RUN", "LR_MIN", "LR_MAX", "LR_STEP", "MAX_PARAMETER"]


class Panel222(WidgetBase):
    """Step the 2-2-2 example's weights by hand and watch every number move.

    ``learning_rate``: η (published: 0.5). ``update_biases`` / ``hidden_uses_updated``: the two
    conventions of :func:`helpers.example222.update` (published walk-through: both False).
    ``run_steps``: the N of Run N at start (1 to ``MAX_RUN``).
    """

    def __init__(self, learning_rate: float = ex.LEARNING_RATE, *, update_biases: bool = False,
                 hidden_uses_updated: bool = False, run_steps: int = 1000):
        self._setup("bp-panel")
        self.learning_rate = check_learning_rate(learning_rate)
        self.update_biases = check_bool("update_biases", update_biases)
        self.hidden_uses_updated = check_bool("hidden_uses_updated", hidden_uses_updated)
        run_steps = check_int("run_steps", run_steps, minimum=1, maximum=MAX_RUN)
        self._sent = {name: deque(maxlen=8) for name in ex.PARAM_NAMES}   # values we set, per parameter
        self.figures = PanelFigures()
        self.diagram, self.curve_ax = self.figures.diagram, self.figures.curve_ax
        self.net_image, self.curve_image = self.figures.net, self.figures.curve_image
        self._images = [self.net_image, self.curve_image]
        c = self.controls = PanelControls(self, run_steps, self.figures)
        self.buttons, self.sliders, self.lr_slider, self.n_box = c.buttons, c.sliders, c.lr_slider, c.n_box
        self.bias_box, self.hidden_box, self.progress, self.progress_text = (c.bias_box, c.hidden_box,
                                                                             c.progress, c.progress_text)
        self.readout_E, self.readout_params, self.widget = c.readout_E, c.readout_params, c.widget
        self.reset()

    _kept = ("params", "fwd", "grads", "used_grads", "phase", "steps", "losses", "learning_rate",
             "update_biases", "hidden_uses_updated")

    def _controls_follow_state(self) -> None:
        """After a failed callback: every control and picture shows the restored model again."""
        self._sync(self.lr_slider, self.learning_rate)
        self._sync(self.bias_box, self.update_biases)
        self._sync(self.hidden_box, self.hidden_uses_updated)
        self._refresh(curve=True)

    # ---- plain-Python API ----------------------------------------------------------------------
    def reset(self) -> None:
        """Back to the published starting weights, no updates, empty loss curve."""
        self.params = ex.start_params()
        self.fwd = ex.forward(self.params)
        self.grads: dict[str, float] | None = None
        self.used_grads: dict[str, float] | None = None
        self.phase, self.steps, self.losses = "start", 0, [self.fwd["E_total"]]
        self.show_progress(0, self.n_box.value)
        self._refresh(curve=True)

    def forward(self) -> None:
        """Phase 1: the forward pass at the current parameters (net and out of every neuron, E)."""
        self.fwd = ex.forward(self.params)
        self.phase = "forward"
        self._refresh()

    def backward(self) -> None:
        """Phase 2: every gradient ∂E/∂p at the current parameters (runs the forward pass if needed)."""
        self.grads = ex.backward(self.params, self.fwd)
        self.phase = "backward"
        self._refresh()

    def update(self) -> None:
        """Phase 3: p ← p − η·∂E/∂p with the current conventions (computes the gradients if needed).
        The gradients it used stay on show, labelled as used by this update."""
        self._apply_update()
        self.phase = "update"
        self._refresh(curve=True)

    def step(self) -> None:
        """Forward, backward and update in one go; then show the forward pass at the new weights
        (and the gradients the update used)."""
        self.fwd = ex.forward(self.params)
        self.grads = None
        self._apply_update()
        self.phase = "forward"
        self._refresh(curve=True)

    def _apply_update(self) -> None:
        if self.grads is None:
            self.grads = ex.backward(self.params, self.fwd)
        self.params, self.used_grads = ex.update(
            self.params, self.learning_rate, update_biases=self.update_biases,
            hidden_uses_updated=self.hidden_uses_updated, fwd=self.fwd, grads=self.grads)
        self.fwd, self.grads = ex.forward(self.params), None   # E readout: the error after the update
        self.steps += 1
        self.losses.append(self.fwd["E_total"])

    def run(self, n: int | None = None, chunks: int = 20) -> None:
        """``n`` updates (default: the panel's N box; at most ``MAX_RUN``) in ``chunks`` pieces, moving
        the progress bar; the last update's gradients stay on show."""
        n = self.n_box.value if n is None else self._check_run(n)
        chunks = check_int("chunks", chunks, minimum=1, maximum=1000)
        self.show_progress(0, n)
        done = 0
        for i in range(chunks):
            size = (n - 1) * (i + 1) // chunks - done     # the last update is done alone, below
            if size:
                self.params, losses = ex.train(self.params, size, self.learning_rate,
                                               update_biases=self.update_biases,
                                               hidden_uses_updated=self.hidden_uses_updated)
                self.losses.extend(losses[1:])
                done += size
                self.show_progress(done, n)
        self.steps += done
        self.fwd, self.grads = ex.forward(self.params), None
        self._apply_update()
        self.show_progress(n, n)
        self.phase = "forward"
        self._refresh(curve=True)

    @staticmethod
    def _check_run(n) -> int:
        n = check_int("n", n, minimum=1)
        if n > MAX_RUN:
            raise ValueError(_("n must be at most {limit:,} updates per run (about 3 s; a longer run would "
                               "freeze the kernel); got {n:,}. Press Run N again to go on.").format(limit=MAX_RUN, n=n))
        return n

    def set(self, name: str, value: float) -> None:
        """Set one parameter (w1..w8, b1, b2) to a value of magnitude at most ``MAX_PARAMETER``; E and
        every gradient are recomputed at once."""
        check_choice("name", name, ex.PARAM_NAMES)
        value = check_parameter(name, value)
        self.params = {**self.params, name: value}
        self.fwd = ex.forward(self.params)
        self.grads = ex.backward(self.params, self.fwd)
        self.phase = "backward"
        self._refresh()   # the loss curve records updates only

    def set_learning_rate(self, learning_rate: float) -> None:
        """η used by the next updates: 0.01 to 5 in steps of 0.01 (the η slider's grid)."""
        self.learning_rate = check_learning_rate(learning_rate)
        self._sync(self.lr_slider, self.learning_rate)
        self._readouts()

    def set_conventions(self, *, update_biases: bool | None = None,
                        hidden_uses_updated: bool | None = None) -> None:
        """Choose the conventions used by the next updates (None leaves one unchanged)."""
        if update_biases is not None:
            self.update_biases = check_bool("update_biases", update_biases)
            self._sync(self.bias_box, self.update_biases)
        if hidden_uses_updated is not None:
            self.hidden_uses_updated = check_bool("hidden_uses_updated", hidden_uses_updated)
            self._sync(self.hidden_box, self.hidden_uses_updated)
        self._readouts()

    @property
    def state(self) -> dict:
        """A snapshot: params, E_total, forward values, grads (name → ∂E/∂p at the current params, or
        None), used_grads (those the last update used, or None), steps, phase, losses, learning_rate
        and the two conventions."""
        def by_name(g):
            return None if g is None else {n: g[f"dE_d{n}"] for n in ex.PARAM_NAMES}
        return {"params": dict(self.params), "E_total": self.fwd["E_total"], "forward": dict(self.fwd),
                "grads": by_name(self.grads), "used_grads": by_name(self.used_grads), "steps": self.steps,
                "phase": self.phase, "losses": list(self.losses), "learning_rate": self.learning_rate,
                "update_biases": self.update_biases, "hidden_uses_updated": self.hidden_uses_updated}

    # ---- callbacks (through the base's callback policy: never raise into the browser) -------------
    def callback(self, action: Callable[[], object], doing: str = "do that") -> bool:
        """The base's policy; a new action first clears the last message."""
        if not self.is_quiet:
            self.message.value = ""
        return super().callback(action, doing)

    def on_control(self, action: Callable, new_value) -> None:
        self.callback(lambda: action(new_value), _("change that setting"))

    def on_lr(self, new_value: float) -> None:
        """The η slider moved (or the browser echoed a value we set, snapped to its grid: ignored)."""
        if not self.is_quiet and abs(new_value - self.learning_rate) > LR_STEP / 2:
            self.callback(lambda: self.set_learning_rate(round(new_value, 2)), _("set η"))

    def show_progress(self, done: int, n: int) -> None:
        """The progress bar and its 'done / N' label (it also shows that a new N has arrived)."""
        self.progress.max, self.progress.value = n, done
        self.progress_text.value = f"{done} / {n}"

    def on_slider(self, name: str, new_value: float) -> None:
        """A parameter slider moved. The browser snaps each value we set off the slider's grid (e.g.
        0.35891648) to the grid (0.359) and sends it back once, sometimes late: the first value within
        half a step of such a pending value is its echo (ignored, and no longer pending); so is a value
        within half a step of the current one. Anything else is a move, even back to where an echo
        landed before (a value set on the grid, e.g. the start value 0.45, is never echoed)."""
        if self.is_quiet:
            return
        half = 0.5 * self.sliders[name].step + 1e-12
        pending = self._sent[name]
        echo = next((v for v in pending if abs(new_value - v) <= half), None)
        if echo is not None:
            pending.remove(echo)
            return
        if abs(new_value - self.params[name]) > half:
            self.callback(lambda: self.set(name, new_value), _("set {name}").format(name=name))

    def _sync(self, control: widgets.Widget, value, parameter: str | None = None) -> None:
        """Set a control's value from code without triggering its callback (``parameter``: the name of
        the parameter a slider shows, whose browser echo is then expected)."""
        self._quiet += 1
        try:
            if parameter is not None:
                limit = max(SLIDER_LIMIT, abs(value) * 1.25)
                if abs(value) > control.max:
                    control.min, control.max = -limit, limit
                steps = value / control.step
                if control.value != value and abs(steps - round(steps)) > 1e-6:   # off the grid: an echo will come
                    self._sent[parameter].append(value)
            control.value = value
        finally:
            self._quiet -= 1

    # ---- drawing -------------------------------------------------------------------------------
    def _refresh(self, curve: bool = False) -> None:
        """The readouts first (cheap, and what the browser tests read), then the diagram, the
        sliders and (if asked) the loss curve."""
        self._readouts()
        grads, used = (self.grads, False) if self.grads is not None else (self.used_grads, True)
        self.figures.draw_network(self.params, self.fwd, grads, used, self.phase)
        for name, slider in self.sliders.items():
            self._sync(slider, self.params[name], parameter=name)
        if curve:
            self.figures.draw_curve(self.losses)

    def _readouts(self) -> None:
        self.readout_E.value = readout_E_html(self.fwd["E_total"], self.steps, self.phase,
                                              used=self.grads is None and self.used_grads is not None)
        grads, used_by = (self.grads, None) if self.grads is not None or self.used_grads is None \
            else (self.used_grads, self.steps)
        self.readout_params.value = table_html(self.params, self.fwd, grads, used_by, self.learning_rate,
                                               self.update_biases, self.hidden_uses_updated)
