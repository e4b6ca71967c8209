"""The weight-stepping panel of notebook 04: the 2-2-2 network drawn with its numbers, the three
phases of one training step one button at a time, a slider per parameter, and a loss curve.

Plain-Python API (what the unit tests drive): :meth:`Panel222.forward`, :meth:`~Panel222.backward`,
:meth:`~Panel222.update`, :meth:`~Panel222.step`, :meth:`~Panel222.run`, :meth:`~Panel222.reset`,
:meth:`~Panel222.set` (one parameter), :meth:`~Panel222.set_learning_rate`,
:meth:`~Panel222.set_conventions` and the :attr:`~Panel222.state` dict. ``Panel222().widget`` is the
layout to display; every control and readout carries a ``bp-panel-…`` CSS class.
"""

from __future__ import annotations

import html
from collections import deque
from collections.abc import Callable

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator, NullLocator

from helpers import example222 as ex
from helpers._checks import as_scalar, check_choice, check_int, check_positive
from helpers.drawing.network import NetworkDiagram
from helpers.widgets.figure_image import FigureImage, readout

__all__ = ["Panel222"]

NODE_NAMES = [["i1", "i2"], ["h1", "h2"], ["o1", "o2"]]
SLIDER_LIMIT = 5.0
STYLE = {"description_width": "40px"}
DPI = 80
MAX_CURVE_POINTS = 2000


def _figure_image(width: float, height: float, css_class: str) -> FigureImage:
    """A FigureImage at the panel's resolution."""
    image = FigureImage(width, height, dpi=DPI, css_class=css_class)
    return image


class Panel222:
    """Step the 2-2-2 example's weights by hand and watch every number move.

    ``learning_rate``: η (published: 0.5). ``update_biases`` / ``hidden_uses_updated``: the two
    conventions of :func:`helpers.example222.update` (published walk-through: both False).
    """

    def __init__(self, learning_rate: float = ex.LEARNING_RATE, *, update_biases: bool = False,
                 hidden_uses_updated: bool = False, run_steps: int = 1000):
        self.learning_rate = check_positive("learning_rate", learning_rate)
        self.update_biases, self.hidden_uses_updated = bool(update_biases), bool(hidden_uses_updated)
        self._syncing = False
        self._sent = {name: deque(maxlen=8) for name in ex.PARAM_NAMES}   # values we set, per slider
        self._build_figures()
        self._build_controls(check_int("run_steps", run_steps, minimum=1, maximum=100_000))
        self.reset()

    # ---- plain-Python API ----------------------------------------------------------------------
    def reset(self) -> None:
        """Back to the published starting weights, no updates, empty loss curve."""
        self.params = ex.start_params()
        self.fwd = ex.forward(self.params)
        self.grads: dict[str, float] | None = None
        self.phase, self.steps, self.losses = "start", 0, [self.fwd["E_total"]]
        self._show_progress(0, self.n_box.value)
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
        """Phase 3: p ← p − η·∂E/∂p with the current conventions (computes the gradients if needed)."""
        self._apply_update()
        self.phase = "update"
        self._refresh(curve=True)

    def step(self) -> None:
        """Forward, backward and update in one go; then show the forward pass at the new weights."""
        self.fwd = ex.forward(self.params)
        self.grads = None
        self._apply_update()
        self.phase = "forward"
        self._refresh(curve=True)

    def _apply_update(self) -> None:
        if self.grads is None:
            self.grads = ex.backward(self.params, self.fwd)
        self.params, _ = ex.update(self.params, self.learning_rate, update_biases=self.update_biases,
                                   hidden_uses_updated=self.hidden_uses_updated, fwd=self.fwd,
                                   grads=self.grads)
        self.fwd, self.grads = ex.forward(self.params), None   # E readout: the error after the update
        self.steps += 1
        self.losses.append(self.fwd["E_total"])

    def run(self, n: int | None = None, chunks: int = 20) -> None:
        """``n`` updates (default: the panel's N box) in ``chunks`` pieces, moving the progress bar."""
        n = self.n_box.value if n is None else check_int("n", n, minimum=1, maximum=1_000_000)
        chunks = check_int("chunks", chunks, minimum=1)
        self._show_progress(0, n)
        done = 0
        for i in range(chunks):
            size = n * (i + 1) // chunks - done
            if size:
                self.params, losses = ex.train(self.params, size, self.learning_rate,
                                               update_biases=self.update_biases,
                                               hidden_uses_updated=self.hidden_uses_updated)
                self.losses.extend(losses[1:])
                done += size
                self._show_progress(done, n)
        self.steps += n
        self.fwd, self.grads, self.phase = ex.forward(self.params), None, "forward"
        self._refresh(curve=True)

    def set(self, name: str, value: float) -> None:
        """Set one parameter (w1..w8, b1, b2); E and every gradient are recomputed at once."""
        check_choice("name", name, ex.PARAM_NAMES)
        self.params[name] = as_scalar("value", value)
        self.fwd = ex.forward(self.params)
        self.grads = ex.backward(self.params, self.fwd)
        self.phase = "backward"
        self._refresh()   # the loss curve records updates only

    def set_learning_rate(self, learning_rate: float) -> None:
        """η used by the next updates."""
        self.learning_rate = check_positive("learning_rate", learning_rate)
        self._sync(self.lr_slider, self.learning_rate)
        self._readouts()

    def set_conventions(self, *, update_biases: bool | None = None,
                        hidden_uses_updated: bool | None = None) -> None:
        """Choose the conventions used by the next updates (None leaves one unchanged)."""
        if update_biases is not None:
            self.update_biases = bool(update_biases)
            self._sync(self.bias_box, self.update_biases)
        if hidden_uses_updated is not None:
            self.hidden_uses_updated = bool(hidden_uses_updated)
            self._sync(self.hidden_box, self.hidden_uses_updated)
        self._readouts()

    @property
    def state(self) -> dict:
        """A snapshot: params, E_total, forward values, grads (name → ∂E/∂p, or None), steps, phase,
        losses, learning_rate and the two conventions."""
        grads = None if self.grads is None else {n: self.grads[f"dE_d{n}"] for n in ex.PARAM_NAMES}
        return {"params": dict(self.params), "E_total": self.fwd["E_total"], "forward": dict(self.fwd),
                "grads": grads, "steps": self.steps, "phase": self.phase, "losses": list(self.losses),
                "learning_rate": self.learning_rate, "update_biases": self.update_biases,
                "hidden_uses_updated": self.hidden_uses_updated}

    # ---- building ------------------------------------------------------------------------------
    def _build_figures(self) -> None:
        self.net_image = _figure_image(7.6, 3.2, "bp-panel-figure")
        ax = self.net_image.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        self.diagram = NetworkDiagram(ax, [2, 2, 2], NODE_NAMES)
        self.curve_image = _figure_image(4.2, 2.6, "bp-panel-loss")
        cax = self.curve_image.figure.add_axes((0.2, 0.2, 0.75, 0.7))
        (self.curve,) = cax.semilogy([0], [1.0], color="#1f77b4", lw=1.5)
        (self.curve_dot,) = cax.semilogy([0], [1.0], "o", color="#d62728", ms=4)
        cax.set_xlabel("updates", fontsize=8)
        cax.set_ylabel("E_total", fontsize=8)
        cax.tick_params(labelsize=7)
        self._tick_format = "{:.3g}"
        cax.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: self._tick_format.format(y)))  # no mathtext
        cax.yaxis.set_minor_locator(NullLocator())     # fewer ticks: each label costs render time
        cax.xaxis.set_major_locator(MaxNLocator(4, integer=True))
        self.curve_ax = cax

    def _button(self, label: str, css: str, action: Callable[[], None]) -> widgets.Button:
        button = widgets.Button(description=label, layout=widgets.Layout(width="100px"))
        button.add_class(f"bp-panel-{css}")
        button.on_click(lambda _b: self._safely(action))
        return button

    def _build_controls(self, run_steps: int) -> None:
        self._build_run_row(run_steps)
        self._build_settings_row()
        self._build_sliders()
        self.readout_E, self.readout_params, self.message = (
            readout(f"bp-panel-{c}") for c in ("readout-E", "readout-params", "message"))
        top_aligned = widgets.Layout(align_items="flex-start")   # never stretch the figures
        self.widget = widgets.VBox([
            widgets.HBox(self.buttons),
            widgets.HBox([self.n_box, self.progress, self.progress_text, self.lr_slider]),
            widgets.HBox([self.bias_box, self.hidden_box]),
            widgets.HBox([self.net_image.widget, widgets.VBox([self.readout_E, self.readout_params])],
                         layout=top_aligned),
            widgets.HBox([widgets.VBox(list(self.sliders.values())), self.curve_image.widget],
                         layout=top_aligned),
            self.message])
        self.widget.add_class("bp-panel")

    @staticmethod
    def _css(widget: widgets.Widget, css: str) -> widgets.Widget:
        widget.add_class(css)
        return widget

    def _build_run_row(self, run_steps: int) -> None:
        self.buttons = [self._button(label, css, action) for label, css, action in (
            ("Forward", "forward", self.forward), ("Backward", "backward", self.backward),
            ("Update", "update", self.update), ("Step", "step", self.step),
            ("Run N", "runn", self.run), ("Reset", "reset", self.reset))]
        self.n_box = self._css(widgets.BoundedIntText(value=run_steps, min=1, max=100_000, description="N",
                                                      layout=widgets.Layout(width="150px"), style=STYLE),
                               "bp-panel-n")
        self.n_box.observe(lambda ch: self._on_control(lambda v: self._show_progress(0, v), ch["new"]), "value")
        self.progress = self._css(widgets.IntProgress(value=0, min=0, max=run_steps,
                                                      layout=widgets.Layout(width="140px")), "bp-panel-progress")
        self.progress_text = readout("bp-panel-progress-text")
        self.progress_text.layout.width = "110px"

    def _build_settings_row(self) -> None:
        self.lr_slider = self._css(widgets.FloatSlider(value=self.learning_rate, min=0.05, max=5.0, step=0.05,
                                                       description="η", readout_format=".2f", style=STYLE),
                                   "bp-panel-lr")
        self.lr_slider.observe(lambda ch: self._on_control(self.set_learning_rate, ch["new"]), "value")
        self.bias_box = self._css(widgets.Checkbox(value=self.update_biases, indent=False,
                                                   description="update biases b1, b2"),
                                  "bp-panel-update-biases")
        self.bias_box.observe(lambda ch: self._on_control(
            lambda v: self.set_conventions(update_biases=v), ch["new"]), "value")
        self.hidden_box = self._css(widgets.Checkbox(value=self.hidden_uses_updated, indent=False,
                                                     description="hidden gradients through updated w5..w8"),
                                    "bp-panel-hidden-uses-updated")
        self.hidden_box.observe(lambda ch: self._on_control(
            lambda v: self.set_conventions(hidden_uses_updated=v), ch["new"]), "value")

    def _build_sliders(self) -> None:
        self.sliders = {}
        for name in ex.PARAM_NAMES:
            slider = widgets.FloatSlider(value=0.0, min=-SLIDER_LIMIT, max=SLIDER_LIMIT, step=0.001,
                                         description=name, readout_format=".3f", continuous_update=True,
                                         style=STYLE, layout=widgets.Layout(width="330px"))
            slider.add_class(f"bp-panel-slider-{name}")
            slider.observe(lambda ch, n=name: self._on_slider(n, ch["new"]), "value")
            self.sliders[name] = slider

    # ---- callbacks -----------------------------------------------------------------------------
    def _safely(self, action: Callable[[], None]) -> None:
        """Run a callback; show any error in the panel instead of raising into the browser."""
        try:
            self.message.value = ""
            action()
        except Exception as exc:  # noqa: BLE001 (a callback must never raise into the browser)
            self.message.value = f"<span style='color:#d62728'>⚠ {html.escape(str(exc))}</span>"

    def _on_control(self, action: Callable, new_value) -> None:
        if not self._syncing:
            self._safely(lambda: action(new_value))

    def _show_progress(self, done: int, n: int) -> None:
        """The progress bar and its 'done / N' label (it also shows that a new N has arrived)."""
        self.progress.max, self.progress.value = n, done
        self.progress_text.value = f"{done} / {n}"

    def _on_slider(self, name: str, new_value: float) -> None:
        """A parameter slider moved. The browser snaps each value we set (e.g. 0.35891648) to the
        slider's grid (0.359) and sends it back, sometimes late: a value within half a step of one
        we set recently is such an echo, not a move, and is ignored."""
        half = 0.5 * self.sliders[name].step + 1e-12
        if self._syncing or any(abs(new_value - v) <= half for v in (self.params[name], *self._sent[name])):
            return
        self._safely(lambda: self.set(name, new_value))

    def _sync(self, control: widgets.Widget, value) -> None:
        """Set a control's value from code without triggering its callback."""
        self._syncing = True
        try:
            if isinstance(control, widgets.FloatSlider) and control is not self.lr_slider:
                limit = max(SLIDER_LIMIT, abs(value) * 1.25)
                if abs(value) > control.max:
                    control.min, control.max = -limit, limit
                if control.value != value:
                    self._sent[control.description].append(value)
            control.value = value
        finally:
            self._syncing = False

    # ---- drawing -------------------------------------------------------------------------------
    def _refresh(self, curve: bool = False) -> None:
        """Redraw the diagram, the readouts, the sliders and (if asked) the loss curve. Texts on the
        diagram are kept short (each glyph costs render time); the readout has all 9 decimals."""
        p, f, g = self.params, self.fwd, self.grads
        self.diagram.set_weights(ex.weight_matrices(p))
        shown = self.phase in ("forward", "backward")
        for name, (layer, j, k) in ex.EDGE_OF.items():   # the weight itself: edge width and colour
            text = f"∂E/∂{name}={g['dE_d' + name]:+.5f}" if g is not None else name
            self.diagram.set_edge_text(layer, j, k, text)
        for j, i in enumerate(("i1", "i2")):
            self.diagram.set_node_text(0, j, f"{f[i]:.2f}")
        for layer, names in ((1, ("h1", "h2")), (2, ("o1", "o2"))):
            for j, n in enumerate(names):
                text = f"net {f['net_' + n]:.4f}\nout {f['out_' + n]:.4f}" if shown else ""
                self.diagram.set_node_text(layer, j, text)
        for layer, b in ((1, "b1"), (2, "b2")):
            extra = f"  ∂E/∂{b}={g['dE_d' + b]:+.5f}" if g is not None else ""
            self.diagram.set_layer_text(layer, f"{b}={p[b]:.4f}{extra}")
        self._readouts()            # the numbers first (cheap), then the picture
        self.net_image.refresh()
        for name, slider in self.sliders.items():
            self._sync(slider, p[name])
        if curve:
            self._redraw_curve()

    def _readouts(self) -> None:
        p, f, g = self.params, self.fwd, self.grads
        self.readout_E.value = (f"<div style='line-height:1.3'><span style='font-size:1.3em'><b>E_total = "
                                f"{f['E_total']:.9f}</b></span><br>after {self.steps} update(s) · "
                                f"phase: {self.phase}</div>")
        cell = "<td style='text-align:right;padding:0 6px'>"
        rows = "".join(f"<tr><td>{n}</td>{cell}{p[n]:.9f}</td>{cell}"
                       f"{format(g['dE_d' + n], '+.9f') if g is not None else '—'}</td></tr>"
                       for n in ex.PARAM_NAMES)
        self.readout_params.value = (
            "<div style='line-height:1.25'><table style='font-family:monospace;font-size:12px;"
            "border-collapse:collapse'><tr><th>p</th><th>value</th><th>∂E/∂p</th></tr>"
            f"{rows}</table><small>inputs {f['i1']:.2f}, {f['i2']:.2f} · targets {f['t1']:.2f}, "
            f"{f['t2']:.2f} · η = {self.learning_rate:.2f}<br>updates: biases "
            f"{'updated' if self.update_biases else 'fixed'} · hidden gradients via "
            f"{'updated' if self.hidden_uses_updated else 'old'} w5..w8</small></div>")

    def _redraw_curve(self) -> None:
        n = len(self.losses)
        xs = sorted(set(np.linspace(0, n - 1, min(n, MAX_CURVE_POINTS)).astype(int).tolist()))  # long runs: thin
        self.curve.set_data(xs, [self.losses[i] for i in xs])
        self.curve_dot.set_data([len(self.losses) - 1], [self.losses[-1]])
        low, high = min(self.losses), max(self.losses)
        if high > 10 * low:      # decades
            ticks, self._tick_format = [10.0 ** k for k in range(-20, 3)], "{:.0e}"
        else:                    # within one decade: a few round numbers
            ticks, self._tick_format = list(MaxNLocator(4).tick_values(low / 1.15, high * 1.15)), "{:.3g}"
        self.curve_ax.yaxis.set_major_locator(FixedLocator([t for t in ticks if low / 1.15 <= t <= high * 1.15]))
        self.curve_ax.set_ylim(low / 1.15, high * 1.15)
        self.curve_ax.set_xlim(0, max(1, len(self.losses) - 1))
        self.curve_image.refresh()
