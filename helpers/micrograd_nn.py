"""micrograd's small neural-network library on the scalar engine: :class:`Neuron`, :class:`Layer`,
:class:`MLP` (notebook 02, Going deeper: a neural network on the scalar engine).

Written the way micrograd's ``nn.py`` is: a neuron is ``tanh(w·x + b)`` built from :class:`Value`
operations, a layer is a list of neurons, an MLP a list of layers; ``parameters()`` lists every weight
and bias, so one ``backward()`` of the loss fills every ``.grad`` and a training step is
``p.data -= learning_rate * p.grad`` for each parameter.

Our engine's ``backward()`` resets the graph's gradients first (see :mod:`helpers.autograd`); micrograd
and PyTorch add into ``.grad`` instead, so they need ``zero_grad()`` before each backward pass. :func:`train`
uses ``backward(accumulate=True)``, their behaviour, so that forgetting ``zero_grad()`` shows what it does.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from helpers._checks import as_array, check_bool, check_int, check_positive
from helpers.autograd import Value
from helpers.i18n import _

__all__ = ["Neuron", "Layer", "MLP", "squared_loss", "train"]

MAX_INPUTS = 10_000      # one Value per weight: a neuron with more inputs is slow to build and to run


class Module:
    def parameters(self) -> list[Value]:
        return []

    def zero_grad(self) -> None:
        for p in self.parameters():
            p.grad = 0.0


class Neuron(Module):
    """tanh(w·x + b) (or w·x + b for a linear neuron), weights drawn uniformly from [−1, 1]."""

    def __init__(self, nin: int, rng: np.random.Generator, nonlin: bool = True):
        nin, rng, nonlin = _checked_sizes(nin=nin)[0], _checked_rng(rng), check_bool("nonlin", nonlin)
        self.w = [Value(float(rng.uniform(-1, 1)), "w") for _ in range(nin)]
        self.b = Value(0.0, "b")
        self.nonlin = nonlin

    def __call__(self, x: Sequence[Value | float]) -> Value:
        x = _checked_input(x, len(self.w))
        act = sum((wi * xi for wi, xi in zip(self.w, x, strict=True)), self.b)
        return act.tanh() if self.nonlin else act

    def parameters(self) -> list[Value]:
        return self.w + [self.b]


class Layer(Module):
    """``nout`` neurons, each reading the same ``nin`` inputs."""

    def __init__(self, nin: int, nout: int, rng: np.random.Generator, nonlin: bool = True):
        nin, nout = _checked_sizes(nin=nin, nout=nout)
        self.neurons = [Neuron(nin, rng, nonlin) for _ in range(nout)]

    def __call__(self, x: Sequence[Value | float]) -> list[Value] | Value:
        out = [n(x) for n in self.neurons]
        return out[0] if len(out) == 1 else out

    def parameters(self) -> list[Value]:
        return [p for n in self.neurons for p in n.parameters()]


class MLP(Module):
    """Layers of sizes ``nouts`` after ``nin`` inputs; tanh in every layer but the last (linear), as in
    micrograd. ``seed`` makes the starting weights reproducible."""

    def __init__(self, nin: int, nouts: Sequence[int], seed: int = 0):
        nin = _checked_sizes(nin=nin)[0]
        if isinstance(nouts, (str, bytes)) or not isinstance(nouts, Sequence) or len(nouts) == 0:
            raise TypeError(_("nouts must be a non-empty list of layer sizes such as [4, 4, 1]; got {nouts!r}")
                            .format(nouts=nouts)[:200])
        sizes = [nin] + [check_int(_("each layer size in nouts"), n, minimum=1, maximum=64) for n in nouts]
        rng = np.random.default_rng(check_int("seed", seed, minimum=0))
        self.layers = [Layer(sizes[i], sizes[i + 1], rng, nonlin=i != len(nouts) - 1) for i in range(len(nouts))]

    def __call__(self, x: Sequence[Value | float]) -> list[Value] | Value:
        x = _checked_input(x, len(self.layers[0].neurons[0].w))
        for layer in self.layers:
            x = layer(x if isinstance(x, list) else [x])
        return x

    def parameters(self) -> list[Value]:
        return [p for layer in self.layers for p in layer.parameters()]


def squared_loss(model: MLP, xs, ys) -> Value:
    """Σ over samples of (model(x) − y)², one output per sample (micrograd's demo loss)."""
    xs, ys = _checked_data(model, xs, ys)
    try:
        return sum(((model([float(v) for v in x]) - float(y)) ** 2 for x, y in zip(xs, ys, strict=True)),
                   Value(0.0))
    except ValueError as exc:                 # an overflow in the engine, said in terms of xs and ys
        raise ValueError(_("squared_loss of these xs and ys is too large to compute ({problem}); use xs and ys of "
                           "a more moderate size").format(problem=exc)) from exc


def train(model: MLP, xs, ys, steps: int, learning_rate: float, *, zero_grad: bool = True) -> list[float]:
    """``steps`` steps of gradient descent on :func:`squared_loss`, micrograd's loop: forward, zero the
    gradients (unless ``zero_grad`` is False: the slip), backward adding into ``.grad`` as micrograd and
    PyTorch do, update. Returns the loss before each update."""
    steps = check_int("steps", steps, minimum=1, maximum=10_000)
    learning_rate = check_positive("learning_rate", learning_rate)
    zero_grad = check_bool("zero_grad", zero_grad)
    xs, ys = _checked_data(model, xs, ys)
    losses = []
    for step in range(steps):
        try:
            loss = squared_loss(model, xs, ys)
        except ValueError as exc:
            if step == 0:
                raise
            raise ValueError(_("training diverged at step {step}: the loss left the float range with "
                               "learning_rate = {learning_rate:g}; use a smaller learning_rate").format(
                                   step=step + 1, learning_rate=learning_rate)) from exc
        if zero_grad:
            model.zero_grad()
        loss.backward(accumulate=True)
        for p in model.parameters():
            p.data -= learning_rate * p.grad
        if not all(np.isfinite(p.data) for p in model.parameters()):
            raise ValueError(_("training diverged at step {step}: a weight left the float range with "
                               "learning_rate = {learning_rate:g}; use a smaller learning_rate").format(
                                   step=step + 1, learning_rate=learning_rate))
        losses.append(loss.data)
    return losses


# ---- input checks (the guard; the library above is micrograd's) -------------------------------------
def _checked_sizes(**sizes) -> list[int]:
    return [check_int(name, n, minimum=1, maximum=MAX_INPUTS) for name, n in sizes.items()]


def _checked_rng(rng) -> np.random.Generator:
    if not isinstance(rng, np.random.Generator):
        raise TypeError(_("rng must be a numpy Generator such as np.random.default_rng(0); got {kind}").format(
            kind=type(rng).__name__))
    return rng


def _checked_input(x, nin: int) -> list:
    """x as a list of nin Values or numbers (a numpy row becomes a list of floats)."""
    if isinstance(x, np.ndarray):
        x = [float(v) for v in as_array("x", x, ndim=1)]
    if isinstance(x, (Value, int, float)) and nin == 1:
        x = [x]
    if not isinstance(x, (list, tuple)) or len(x) != nin:
        raise ValueError(_("x must be a list of {nin} inputs (numbers or Values), one per weight; got {x!r}")
                         .format(nin=nin, x=x)[:200])
    bad = [v for v in x if isinstance(v, bool) or not isinstance(v, (Value, int, float, np.integer, np.floating))]
    if bad:
        raise TypeError(_("x must hold numbers or Values; got an entry {kind} {entry!r}").format(
            kind=type(bad[0]).__name__, entry=bad[0])[:200])
    return list(x)


def _checked_data(model, xs, ys) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(model, MLP):
        raise TypeError(_("model must be an MLP such as MLP(2, [4, 1]); got {kind}").format(kind=type(model).__name__))
    xs, ys = as_array("xs", xs, ndim=2), as_array("ys", ys, ndim=1)
    if len(xs) != len(ys):
        raise ValueError(_("xs and ys must hold the same number of samples; got {n_xs} and {n_ys}").format(
            n_xs=len(xs), n_ys=len(ys)))
    nin = len(model.layers[0].neurons[0].w)
    if xs.shape[1] != nin:
        raise ValueError(_("xs must have {nin} columns, one per input of the model; got shape {shape}").format(
            nin=nin, shape=xs.shape))
    return xs, ys
