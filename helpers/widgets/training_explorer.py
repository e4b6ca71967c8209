"""Training explorer for notebook 07_training: train a small network on a toy dataset and watch it learn.

Controls: dataset, hidden width, hidden layers (depth), activation, learning rate; buttons Train,
Pause, Step, Reset. Three figures (:mod:`helpers.widgets.training_figures`) show the decision
boundary, the loss curve and — what most playgrounds hide — the size of each layer's gradient
‖∂C/∂W^l‖ per epoch (vanishing gradients show up with sigmoid in deeper nets; gradients that are
exactly 0, e.g. every ReLU dead at η = 10, are said in words). A progress bar follows a long run.

**Train does not block the kernel**: it starts an asyncio task on the kernel's running event loop
that trains a short chunk of epochs, redraws, then ``await asyncio.sleep(...)``, so the kernel handles
other messages (a Pause click) between chunks.

Plain-Python API (used by the unit tests, synchronous): ``step(n=1)``, ``train(epochs)``, ``pause()``,
``set_dataset(name)``, ``set(name, value)``, ``reset()``, ``state``.
CSS classes: ``bp-train-train``, ``bp-train-pause``, ``bp-train-step``, ``bp-train-reset``,
``bp-train-dataset``, ``bp-train-width``, ``bp-train-depth``, ``bp-train-activation``, ``bp-train-lr``,
``bp-train-loss`` (readout), ``bp-train-gradients`` (readout), ``bp-train-message``,
``bp-train-progress``, figures ``bp-train-figure`` (boundary), ``bp-train-loss-figure``,
``bp-train-grad-figure``.
"""

from __future__ import annotations

import asyncio
import time

import ipywidgets as widgets
import numpy as np

from .._checks import as_scalar, check_choice, check_int
from ..activations import ACTIVATION_NAMES
from ..datasets import DATASET_NAMES, dataset_label, make_dataset
from ..i18n import _, pgettext
from ..training import Trainer
from . import layout
from .base import WidgetBase
from .figure_image import FigureImage
from .preview import WidgetBox
from .training_figures import TrainingFigures, zero_gradient_note

HIDDEN_ACTIVATIONS = tuple(name for name in ACTIVATION_NAMES if name != "identity")
CHUNK_SECONDS = 0.05      # train at most this long between redraws / yields to the event loop
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 2.0, 5.0, 10.0)   # the η slider's stops
MAX_CHUNK_EPOCHS = 5      # ... and at most this many epochs, so a run is an animation you can watch
RUN_EPOCHS = 500          # epochs per press of Train (the default run_epochs)
MAX_WIDTH, MAX_DEPTH = 32, 4
MAX_STEP_EPOCHS = 500   # epochs per step()/train() call (one Train press): ~3 s at width 32, depth 4; more is refused


def check_setting(name: str, value):
    """A control's value checked as the widget would take it: dataset and activation by name, width
    1 to 32 and depth 1 to 4 as whole numbers, learning_rate one of the η slider's stops (a real
    number, not a bool). Returns the value to set; raises a clear error naming ``name`` otherwise."""
    check_choice("name", name, ("dataset", "width", "depth", "activation", "learning_rate"))
    if name == "dataset":
        return check_choice("dataset", value, DATASET_NAMES)
    if name == "activation":
        return check_choice("activation", value, HIDDEN_ACTIVATIONS)
    if name == "width":
        return check_int("width", value, minimum=1, maximum=MAX_WIDTH)
    if name == "depth":
        return check_int("depth", value, minimum=1, maximum=MAX_DEPTH)
    lr = as_scalar("learning_rate", value)
    if lr not in LEARNING_RATES:
        raise ValueError(_("learning_rate must be one of the η slider's stops {stops}; got {lr:g}").format(
            stops=", ".join(f"{v:g}" for v in LEARNING_RATES), lr=lr))
    return lr


def activation_label(name: str) -> str:
    """How a hidden activation is named in the activation menu (the Korean edition: 시그모이드, tanh, ReLU)."""
    labels = {"sigmoid": _("sigmoid"), "tanh": _("tanh"), "relu": _("relu")}
    return labels[check_choice("activation", name, HIDDEN_ACTIVATIONS)]


def _labelled(widget: widgets.Widget, css_class: str) -> widgets.Widget:
    widget.add_class(css_class)
    return layout.keep_width(widget)


def _epochs_asked(name: str, value: int) -> int:
    """``value`` epochs for one synchronous call: a whole number from 1 to ``MAX_STEP_EPOCHS``."""
    value = check_int(name, value, minimum=1)
    if value > MAX_STEP_EPOCHS:
        raise ValueError(_("{name} must be at most {limit:,} epochs per call (a few seconds; more would hold the "
                           "kernel); got {n:,}. Call it again to go on, or press Train").format(
            name=name, limit=MAX_STEP_EPOCHS, n=value))
    return value


class TrainingExplorer(WidgetBase):
    """Train a 2-input classifier on a seeded toy dataset, in chunks that keep the kernel responsive.

    ``dataset`` in ``DATASET_NAMES``, ``width`` (1 to 32) neurons in each of ``depth`` (1 to 4) hidden
    layers, ``activation`` for the hidden layers, ``learning_rate`` η (one of ``LEARNING_RATES``, the
    stops of the η slider), ``run_epochs`` epochs per Train press, ``n`` samples, ``seed`` for data
    and weights.
    """

    def __init__(self, dataset: str = "moons", width: int = 8, depth: int = 1, activation: str = "tanh",
                 learning_rate: float = 0.5, run_epochs: int = RUN_EPOCHS, n: int = 200, seed: int = 0,
                 batch_size: int = 32):
        self._setup("bp-train")
        self.n = check_int("n", n, minimum=8, maximum=100_000)
        self.seed = check_int("seed", seed, minimum=0)
        self.batch_size = check_int("batch_size", batch_size, minimum=1)
        self.run_epochs = check_int("run_epochs", run_epochs, minimum=1, maximum=100_000)
        start = {name: check_setting(name, value) for name, value in (
            ("dataset", dataset), ("width", width), ("depth", depth), ("activation", activation),
            ("learning_rate", learning_rate))}
        self._build_controls(start)
        self.figures = TrainingFigures()
        self._task: asyncio.Task | None = None
        self._running = False
        for control in self.controls.values():
            control.observe(self.observer(self._on_control, _("change that setting")), names="value")
        readouts = layout.column([self.loss_label, self.gradient_label, self.message])
        images = [image.widget for image in self.figures.images]
        self.widget = WidgetBox([self.rows[0], self.rows[1], self.rows[2], readouts, layout.row(images)],
                                "bp-train", caption=_("▶ Run this notebook to train the network yourself "
                                                      "(a picture of the explorer)"),
                                figures=lambda: self.figures.images, live=["bp-train-loss"],
                                names={"bp-train-dataset": _("toy dataset to train on (resets the network)"),
                                       "bp-train-width": _("neurons per hidden layer (resets the network)"),
                                       "bp-train-depth": _("number of hidden layers (resets the network)"),
                                       "bp-train-activation": _("activation of the hidden layers (resets the "
                                                                "network)"),
                                       "bp-train-lr": _("learning rate η of the next epochs"),
                                       "bp-train-progress": _("progress of the run")})
        self.reset()

    def _build_controls(self, start: dict) -> None:
        wide = {"description_width": "5em"}
        self.controls = {
            "dataset": widgets.Dropdown(options=[(dataset_label(n), n) for n in DATASET_NAMES],
                                        value=start["dataset"], description=_("data"),
                                        style=wide, layout=widgets.Layout(width="15em")),
            "width": widgets.IntSlider(value=start["width"], min=1, max=MAX_WIDTH, description=_("width"), style=wide,
                                       layout=widgets.Layout(width="20em", min_width="14em")),
            "depth": widgets.IntSlider(value=start["depth"], min=1, max=MAX_DEPTH,
                                       description=pgettext("slider: how many layers", "layers"),
                                       style=wide, layout=widgets.Layout(width="20em", min_width="14em")),
            "activation": widgets.Dropdown(options=[(activation_label(a), a) for a in HIDDEN_ACTIVATIONS],
                                           value=start["activation"], description=_("activation"), style=wide,
                                           layout=widgets.Layout(width="15em")),
            "learning_rate": widgets.SelectionSlider(options=LEARNING_RATES, value=start["learning_rate"],
                                                     description="η", style=wide,
                                                     layout=widgets.Layout(width="20em", min_width="14em")),
        }
        for name, css in (("dataset", "dataset"), ("width", "width"), ("depth", "depth"),
                          ("activation", "activation"), ("learning_rate", "lr")):
            _labelled(self.controls[name], f"bp-train-{css}")
        self.buttons = {
            "Train": layout.button(_("Train"), "bp-train-train", lambda: self.callback(self.start, _("start training")),
                                   icon="play", style="primary"),
            "Pause": layout.button(_("Pause"), "bp-train-pause", lambda: self.callback(self.pause, _("pause")),
                                   icon="pause"),
            "Step": layout.button(pgettext("button: train one epoch", "Step"), "bp-train-step",
                                  lambda: self.callback(self.step, _("train one epoch")),
                                  tooltip=_("one epoch")),
            "Reset": layout.button(_("Reset"), "bp-train-reset", lambda: self.callback(self.reset, _("reset")),
                                   icon="undo", style="warning")}
        self.loss_label = layout.readout("bp-train-loss")
        self.gradient_label = layout.readout("bp-train-gradients")
        self.progress = _labelled(widgets.IntProgress(value=0, min=0, max=self.run_epochs, description=_("run"),
                                                      layout=widgets.Layout(width="14em")), "bp-train-progress")
        self.rows = [layout.row([self.controls[k] for k in ("dataset", "activation", "learning_rate")]),
                     layout.row([self.controls["width"], self.controls["depth"]]),
                     layout.row([*self.buttons.values(), self.progress], align="center")]

    _kept = ("trainer", "X", "y", "extent", "_settings", "_running")

    @property
    def figure_images(self) -> list[FigureImage]:
        """The figures this widget shows (for the text-size tests)."""
        return self.figures.images

    def _controls_follow_state(self) -> None:
        for name, value in self._settings.items():
            self.controls[name].value = value
        self._redraw()

    # the figure's artists, as the tests knew them
    image = property(lambda self: self.figures.data)
    loss_line = property(lambda self: self.figures.loss_line)
    points = property(lambda self: self.figures.points)
    grad_lines = property(lambda self: self.figures.grad_lines)

    def _redraw(self) -> None:
        self._update_readouts()
        self.figures.redraw(self.trainer, self.extent, self.controls["activation"].value)

    def _update_readouts(self) -> None:
        state = self.state
        self.loss_label.value = _("epoch {epoch} · loss {loss:.4f} · accuracy {percent:.1f}%").format(
            epoch=state["epoch"], loss=state["loss"], percent=100 * state["accuracy"])
        norms = state["grad_norms"]
        self.gradient_label.value = (_("gradient size: (train to see)") if norms is None else
                                     _("gradient size: {norms}").format(norms=" · ".join(
                                         f"‖∂C/∂W{i + 1}‖ = {v:.2e}" for i, v in enumerate(norms))))
        note = zero_gradient_note(norms, state["activation"])
        if note:
            self.message.value = layout.message_html(note)

    # ---- plain-Python API -----------------------------------------------------------------------
    def reset(self) -> None:
        """Stop any run; new data and freshly initialised weights from the current controls."""
        self.pause()
        c = {name: control.value for name, control in self.controls.items()}
        self.X, self.y = make_dataset(c["dataset"], self.n, seed=self.seed)
        self.trainer = Trainer(self.X, self.y, hidden=[c["width"]] * c["depth"], activation=c["activation"],
                               learning_rate=c["learning_rate"], batch_size=self.batch_size, seed=self.seed)
        self.progress.value = 0
        self.message.value = ""
        self._settings = c
        self.extent = self.figures.draw_dataset(self.X, self.y)
        self.figures.draw_layers(len(self.trainer.layer_sizes) - 1)
        self._redraw()

    def set(self, name: str, value) -> None:
        """Set a control (``dataset``, ``width``, ``depth``, ``activation``, ``learning_rate``) to a value
        it can take (see :func:`check_setting`; anything else is a clear error, never clamped).

        A new learning rate applies to the next epochs; any other change resets the network.
        """
        value = check_setting(name, value)       # checks the name first
        self.controls[name].value = value

    def set_dataset(self, name: str) -> None:
        """Switch to another toy dataset (resets the network)."""
        self.set("dataset", check_choice("name", name, DATASET_NAMES))

    def _on_control(self, change: dict) -> None:
        if change["owner"] is self.controls["learning_rate"]:
            self.trainer.learning_rate = float(change["new"])
            self._settings = {**self._settings, "learning_rate": float(change["new"])}
        else:
            self.reset()

    def _train_epochs(self, n: int) -> None:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            self.trainer.train(n)
        if not np.isfinite(self.trainer.losses[-1]):
            raise ArithmeticError(_("the loss is no longer finite"))

    def step(self, n: int = 1) -> None:
        """Train ``n`` epochs now (synchronously, at most ``MAX_STEP_EPOCHS``) and redraw."""
        self._train_epochs(_epochs_asked("n", n))
        self._redraw()

    def train(self, epochs: int) -> None:
        """Train ``epochs`` epochs synchronously (for tests and plain cells, at most ``MAX_STEP_EPOCHS``),
        redrawing once at the end."""
        self._train_epochs(_epochs_asked("epochs", epochs))
        self._redraw()

    def pause(self) -> None:
        """Stop a running Train after its current chunk."""
        self._running = False
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None

    def start(self) -> None:
        """Begin a run of ``run_epochs`` epochs as an asyncio task on the running event loop."""
        if self._running:
            return
        self._running = True
        self.progress.max, self.progress.value = self.run_epochs, 0
        self._task = asyncio.get_event_loop().create_task(self._run())

    async def _run(self) -> None:
        done, per_chunk = 0, 1
        try:
            while self._running and done < self.run_epochs:
                n = min(per_chunk, self.run_epochs - done)
                started = time.perf_counter()
                self._train_epochs(n)
                elapsed = max(time.perf_counter() - started, 1e-4)
                per_chunk = int(np.clip(per_chunk * CHUNK_SECONDS / elapsed, 1, MAX_CHUNK_EPOCHS))
                done += n
                self.progress.value = done
                self._redraw()
                await asyncio.sleep(0.01)       # let the kernel handle a Pause click
        except asyncio.CancelledError:
            pass
        except Exception as exc:  # noqa: BLE001 (a run in the background never raises into the browser)
            self.errors = [*self.errors, str(exc)]
            self.show_problem(_("Training stopped: {problem}. Lower the learning rate and press Reset.").format(
                problem=exc))
        finally:
            self._running = False

    @property
    def running(self) -> bool:
        """True while a Train run is in progress."""
        return self._running

    @property
    def state(self) -> dict:
        """Epoch, loss, accuracy, dataset, controls and the latest gradient norm per layer."""
        state = self.trainer.state
        state.update({c: control.value for c, control in self.controls.items()})
        state["activation"] = self.controls["activation"].value
        state["accuracy"] = self.trainer.accuracy()
        state["running"] = self._running
        return state
