"""Training explorer for notebook 07_training: train a small network on a toy dataset and watch it learn.

Controls: dataset, hidden width, hidden layers (depth), activation, learning rate; buttons Train,
Pause, Step, Reset. The figure shows the decision boundary, the loss curve and — what most
playgrounds hide — the size of each layer's gradient ‖∂C/∂W^l‖ per epoch (vanishing gradients show
up with sigmoid in deeper nets). A progress bar follows a long run.

**Train does not block the kernel**: it starts an asyncio task on the kernel's running event loop
that trains a short chunk of epochs, redraws, then ``await asyncio.sleep(...)``, so the kernel handles
other messages (a Pause click) between chunks.

Plain-Python API (used by the unit tests, synchronous): ``step(n=1)``, ``train(epochs)``, ``pause()``,
``set_dataset(name)``, ``set(name, value)``, ``reset()``, ``state``.
CSS classes: ``bp-train-train``, ``bp-train-pause``, ``bp-train-step``, ``bp-train-reset``,
``bp-train-dataset``, ``bp-train-width``, ``bp-train-depth``, ``bp-train-activation``, ``bp-train-lr``,
``bp-train-loss`` (readout), ``bp-train-gradients`` (readout), ``bp-train-message``,
``bp-train-progress``, ``bp-train-figure``.
"""

from __future__ import annotations

import asyncio
import time

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator, NullLocator

from .._checks import check_choice, check_int
from ..activations import ACTIVATION_NAMES
from ..datasets import DATASET_NAMES, make_dataset
from ..training import Trainer, predict_grid
from .figure_image import FigureImage

HIDDEN_ACTIVATIONS = tuple(name for name in ACTIVATION_NAMES if name != "identity")
CHUNK_SECONDS = 0.05      # train at most this long between redraws / yields to the event loop
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 2.0, 5.0, 10.0)   # the η slider's stops
MAX_CHUNK_EPOCHS = 5      # ... and at most this many epochs, so a run is an animation you can watch
RUN_EPOCHS = 500          # epochs per press of Train (the default run_epochs)
LAYER_COLORS = ("tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple", "tab:brown")


def _labelled(widget: widgets.Widget, css_class: str) -> widgets.Widget:
    widget.add_class(css_class)
    return widget


class TrainingExplorer:
    """Train a 2-input classifier on a seeded toy dataset, in chunks that keep the kernel responsive.

    ``dataset`` in ``DATASET_NAMES``, ``width`` neurons in each of ``depth`` hidden layers,
    ``activation`` for the hidden layers, ``learning_rate`` η (one of ``LEARNING_RATES``, the stops of the
    η slider), ``run_epochs`` epochs per Train press,
    ``n`` samples, ``seed`` for data and weights.
    """

    def __init__(self, dataset: str = "moons", width: int = 8, depth: int = 1, activation: str = "tanh",
                 learning_rate: float = 0.5, run_epochs: int = RUN_EPOCHS, n: int = 200, seed: int = 0,
                 batch_size: int = 32):
        self.n, self.seed = check_int("n", n, minimum=8), check_int("seed", seed, minimum=0)
        self.batch_size = check_int("batch_size", batch_size, minimum=1)
        self.run_epochs = check_int("run_epochs", run_epochs, minimum=1)
        check_choice("dataset", dataset, DATASET_NAMES)
        check_choice("activation", activation, HIDDEN_ACTIVATIONS)
        check_choice("learning_rate", learning_rate, LEARNING_RATES)
        width = check_int("width", width, minimum=1, maximum=32)
        depth = check_int("depth", depth, minimum=1, maximum=4)
        self.controls = {
            "dataset": widgets.Dropdown(options=DATASET_NAMES, value=dataset, description="data"),
            "width": widgets.IntSlider(value=width, min=1, max=32, description="width"),
            "depth": widgets.IntSlider(value=depth, min=1, max=4, description="layers"),
            "activation": widgets.Dropdown(options=HIDDEN_ACTIVATIONS, value=activation,
                                           description="activation"),
            "learning_rate": widgets.SelectionSlider(options=LEARNING_RATES, value=learning_rate,
                                                     description="η"),
        }
        for name, css in (("dataset", "dataset"), ("width", "width"), ("depth", "depth"),
                          ("activation", "activation"), ("learning_rate", "lr")):
            self.controls[name].add_class(f"bp-train-{css}")
        self.buttons = {name: _labelled(widgets.Button(description=name), f"bp-train-{name.lower()}")
                        for name in ("Train", "Pause", "Step", "Reset")}
        self.loss_label = _labelled(widgets.HTML(), "bp-train-loss")
        self.gradient_label = _labelled(widgets.HTML(), "bp-train-gradients")
        self.message = _labelled(widgets.HTML(), "bp-train-message")
        self.progress = _labelled(widgets.IntProgress(value=0, min=0, max=self.run_epochs, description="run"),
                                  "bp-train-progress")
        self.image = FigureImage(10.5, 3.3, dpi=72, css_class="bp-train-figure")
        self._task: asyncio.Task | None = None
        self._running = False
        self._build_figure()
        for control in self.controls.values():
            control.observe(self._on_control, names="value")
        self.buttons["Train"].on_click(lambda _: self._guard(self.start))
        self.buttons["Pause"].on_click(lambda _: self._guard(self.pause))
        self.buttons["Step"].on_click(lambda _: self._guard(self.step))
        self.buttons["Reset"].on_click(lambda _: self._guard(self.reset))
        row1 = widgets.HBox([self.controls[k] for k in ("dataset", "activation", "learning_rate")])
        row2 = widgets.HBox([self.controls["width"], self.controls["depth"]])
        row3 = widgets.HBox([*self.buttons.values(), self.progress])
        readouts = widgets.VBox([self.loss_label, self.gradient_label, self.message])
        self.widget = _labelled(widgets.VBox([row1, row2, row3, readouts, self.image.widget]), "bp-train")
        self.reset()

    # ---- building and drawing -------------------------------------------------------------------
    def _build_figure(self) -> None:
        self.ax_data, self.ax_loss, self.ax_grad = self.image.figure.subplots(1, 3)
        self.ax_data.set_title("decision boundary", fontsize=10)
        self.ax_loss.set_title("loss per sample", fontsize=10)
        self.ax_grad.set_title("gradient size per layer", fontsize=10)
        for ax in (self.ax_loss, self.ax_grad):
            ax.set_yscale("log")
            ax.set_xlabel("epoch")
            ax.yaxis.set_minor_locator(NullLocator())
            ax.xaxis.set_major_locator(MaxNLocator(4, integer=True))   # few tick labels: text is the slow part
        self.ax_data.set_xticks([])
        self.ax_data.set_yticks([])
        self.ax_grad.set_ylabel("‖∂C/∂W‖")
        (self.loss_line,) = self.ax_loss.plot([], [], color="tab:red")
        self.background = None
        self.boundary = None
        self.points = None
        self.grad_lines: list = []
        self.image.layout()

    def _draw_dataset(self) -> None:
        X, y = self.X, self.y
        pad = 0.3
        self.extent = (X[0].min() - pad, X[0].max() + pad, X[1].min() - pad, X[1].max() + pad)
        if self.background is None:
            self.background = self.ax_data.imshow(np.zeros((2, 2)), origin="lower", cmap="RdBu_r", vmin=0,
                                                  vmax=1, alpha=0.55, aspect="auto",
                                                  interpolation="bilinear")
            self.points = self.ax_data.scatter(X[0], X[1], c=y, cmap="RdBu_r", vmin=0, vmax=1, s=12,
                                               edgecolors="black", linewidths=0.3)
        self.points.set_offsets(X.T)
        self.points.set_array(y.astype(float))
        self.background.set_extent(self.extent)
        self.ax_data.set_xlim(*self.extent[:2])
        self.ax_data.set_ylim(*self.extent[2:])

    def _draw_layers(self) -> None:
        for line in self.grad_lines:
            line.remove()
        n_layers = len(self.trainer.layer_sizes) - 1
        labels = [f"W{i + 1}" for i in range(n_layers - 1)] + [f"W{n_layers} (output)"]
        colors = [LAYER_COLORS[i % len(LAYER_COLORS)] for i in range(n_layers)]
        self.grad_lines = [self.ax_grad.plot([], [], color=c, label=label)[0]
                           for c, label in zip(colors, labels, strict=True)]
        self.ax_grad.legend(loc="upper right", fontsize=7)

    def _redraw(self) -> None:
        trainer = self.trainer
        _, _, P = predict_grid(trainer, self.extent[:2], self.extent[2:], n=50)
        self.background.set_data(P)
        if self.boundary is not None:
            self.boundary.remove()
        G1, G2 = np.meshgrid(np.linspace(*self.extent[:2], 50), np.linspace(*self.extent[2:], 50))
        self.boundary = self.ax_data.contour(G1, G2, P, levels=[0.5], colors="black", linewidths=1.2) \
            if P.min() < 0.5 < P.max() else None
        epochs = np.arange(1, len(trainer.losses) + 1)
        self.loss_line.set_data(epochs, trainer.losses)
        norms = np.array(trainer.grad_norms) if trainer.grad_norms else np.zeros((0, len(self.grad_lines)))
        for i, line in enumerate(self.grad_lines):
            line.set_data(epochs, np.maximum(norms[:, i], 1e-12))
        for ax, values in ((self.ax_loss, trainer.losses), (self.ax_grad, norms)):
            ax.set_xlim(0, max(10, len(trainer.losses)))
            if len(trainer.losses):
                positive = np.asarray(values)[np.asarray(values) > 0]
                low, high = (positive.min(), positive.max()) if positive.size else (1e-3, 1.0)
                ax.set_ylim(low / 2, high * 2)
        self._update_readouts()
        self.image.refresh()

    def _update_readouts(self) -> None:
        state = self.state
        self.loss_label.value = (f"epoch {state['epoch']} · loss {state['loss']:.4f} · "
                                 f"accuracy {100 * state['accuracy']:.1f}%")
        norms = state["grad_norms"]
        self.gradient_label.value = "gradient size: " + ("(train to see)" if norms is None else " · ".join(
            f"‖∂C/∂W{i + 1}‖ = {v:.2e}" for i, v in enumerate(norms)))

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
        self._draw_dataset()
        self._draw_layers()
        self._redraw()

    def set(self, name: str, value) -> None:
        """Set a control (``dataset``, ``width``, ``depth``, ``activation``, ``learning_rate``).

        A new learning rate applies to the next epochs; any other change resets the network.
        """
        check_choice("name", name, list(self.controls))
        self.controls[name].value = value

    def set_dataset(self, name: str) -> None:
        """Switch to another toy dataset (resets the network)."""
        self.set("dataset", check_choice("name", name, DATASET_NAMES))

    def _on_control(self, change: dict) -> None:
        if change["owner"] is self.controls["learning_rate"]:
            self._guard(lambda: setattr(self.trainer, "learning_rate", float(change["new"])))
        else:
            self._guard(self.reset)

    def _train_epochs(self, n: int) -> None:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            self.trainer.train(n)
        if not np.isfinite(self.trainer.losses[-1]):
            raise ArithmeticError("the loss is no longer finite")

    def step(self, n: int = 1) -> None:
        """Train ``n`` epochs now (synchronously) and redraw."""
        self._train_epochs(check_int("n", n, minimum=1))
        self._redraw()

    def train(self, epochs: int) -> None:
        """Train ``epochs`` epochs synchronously (for tests and plain cells), redrawing once at the end."""
        self.step(check_int("epochs", epochs, minimum=1))

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
        except (ValueError, ArithmeticError) as exc:
            self.message.value = f"Training stopped: {exc}. Lower the learning rate and press Reset."
        finally:
            self._running = False

    def _guard(self, action) -> None:
        """Run a callback; show any error in the widget instead of raising into the browser."""
        try:
            action()
        except (ValueError, TypeError, ArithmeticError) as exc:
            self._running = False
            self.message.value = f"Cannot do that: {exc}"

    @property
    def running(self) -> bool:
        """True while a Train run is in progress."""
        return self._running

    @property
    def state(self) -> dict:
        """Epoch, loss, accuracy, dataset, controls and the latest gradient norm per layer."""
        state = self.trainer.state
        state.update({c: control.value for c, control in self.controls.items()})
        state["accuracy"] = self.trainer.accuracy()
        state["running"] = self._running
        return state
