"""Mini-batch training built on the matrix-form backprop of :mod:`helpers.mlp` (notebook 07).

One update on a mini-batch of m columns is seed 000's rule

    W^l ← W^l − (η/m) Σ_x δ^{x,l} (a^{x,l−1})ᵀ,      b^l ← b^l − (η/m) Σ_x δ^{x,l}

where the sums are exactly what :func:`helpers.mlp.backprop` returns (gradients of the *summed*
loss). :class:`Trainer` runs epochs of shuffled mini-batches, and records after each epoch the mean
loss per sample and the size of each layer's gradient ‖∂C/∂W^l‖ (mean-loss gradient, Frobenius
norm, averaged over the epoch's mini-batches) — the numbers that show vanishing gradients.
Classification outputs are sigmoids trained with cross-entropy: one output for two classes, one
output per class (one-vs-rest) otherwise; or, with ``output="softmax"`` (three classes or more), a
softmax over the classes with its cross-entropy. Both give the same output error δ^L = a^L − y.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from ._checks import (
    MAX_ENTRIES,
    as_array,
    as_pair,
    check_callable,
    check_choice,
    check_finite_result,
    check_int,
    check_positive,
    check_size,
)
from ._checks import _all_finite as _all_finite_checked
from .activations import ACTIVATION_NAMES, _softmax_unguarded
from .core import mlp as core
from .datasets import MAX_CLASSES, _whole_labels, targets
from .i18n import _
from .losses import _sigmoid_cross_entropy, softmax_cross_entropy
from .mlp import MAX_LEARNING_RATE, forward, init_network, total_loss

__all__ = ["Trainer", "accuracy", "confusion_matrix", "gradient_norms", "minibatch_indices", "predict_grid"]

# Trainer.train: epochs × samples × parameters multiply-adds (three per weight per sample) beyond which
# a call runs for minutes, and the number of grid points predict_grid evaluates.
MAX_TRAINING_WORK = 3 * 10**11
MAX_GRID_POINTS = 1_000_000

Arrays = list[np.ndarray]
OUTPUTS = ("sigmoid", "softmax")


def _all_finite(*arrays: np.ndarray) -> bool:
    """True when every entry of every array is finite (helpers._checks' check: one pass over all of them
    joined when they are small, a pass per array when joining would copy much)."""
    return _all_finite_checked(arrays)


def gradient_norms(grads_W: Sequence[np.ndarray], m: int = 1) -> np.ndarray:
    """‖∂C/∂W^l‖ / m for each layer l = 1..L (Frobenius norms), shape (L,).

    ``grads_W`` as returned by :func:`helpers.mlp.backprop` (summed over m samples); dividing by ``m``
    gives the norm of the mean-loss gradient that the update actually uses.
    """
    m = check_int("m", m, minimum=1, maximum=MAX_ENTRIES)
    if isinstance(grads_W, np.ndarray) or not isinstance(grads_W, (list, tuple)) or not grads_W:
        raise TypeError(_("grads_W must be a non-empty list of arrays (the first result of backprop); got "
                          "{kind}").format(kind=type(grads_W).__name__))
    with np.errstate(over="ignore"):
        norms = [np.linalg.norm(as_array(f"grads_W[{i}]", g)) / m for i, g in enumerate(grads_W)]
    if not np.all(np.isfinite(norms)):           # the sum of squares overflowed: the same norm, scaled
        norms = [_scaled_norm(as_array(f"grads_W[{i}]", g)) / m for i, g in enumerate(grads_W)]
    return np.array(norms)


def _scaled_norm(g: np.ndarray) -> float:
    scale = float(np.max(np.abs(g)))
    return 0.0 if scale == 0 else scale * float(np.linalg.norm(g / scale))


def minibatch_indices(m: int, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """A shuffled partition of ``range(m)`` into mini-batches of ``batch_size`` (the last may be smaller)."""
    m = check_int("m", m, minimum=1, maximum=MAX_ENTRIES)
    batch_size = check_int("batch_size", batch_size, minimum=1)
    if not isinstance(rng, np.random.Generator):
        raise TypeError(_("rng must be a np.random.Generator; got {kind}").format(kind=type(rng).__name__))
    order = rng.permutation(m)
    return [order[i:i + batch_size] for i in range(0, m, batch_size)]


def accuracy(predicted, labels) -> float:
    """Fraction of entries where ``predicted`` equals ``labels`` (both shape (m,))."""
    predicted = as_array("predicted", predicted, ndim=1, allow_bool=True)
    labels = as_array("labels", labels, ndim=1, allow_bool=True)
    if predicted.shape != labels.shape:
        raise ValueError(_("predicted and labels must have the same shape; got {first} and {second}").format(
            first=predicted.shape, second=labels.shape))
    return float(np.mean(predicted == labels))


def confusion_matrix(labels, predicted, n_classes: int) -> np.ndarray:
    """Counts C[i, j] = number of samples of true class i predicted as class j; shape (k, k), ints."""
    labels = as_array("labels", labels, ndim=1, allow_bool=True)
    predicted = as_array("predicted", predicted, ndim=1, allow_bool=True)
    k = check_int("n_classes", n_classes, minimum=2, maximum=MAX_CLASSES)
    if labels.shape != predicted.shape:
        raise ValueError(_("labels and predicted must have the same shape; got {first} and {second}").format(
            first=labels.shape, second=predicted.shape))
    for name, arr in (("labels", labels), ("predicted", predicted)):
        if np.any(arr != np.round(arr)) or np.any(arr < 0) or np.any(arr >= k):
            raise ValueError(_("{name} must be whole numbers in 0..{last}").format(name=name, last=k - 1))
    counts = np.zeros((k, k), dtype=int)
    np.add.at(counts, (labels.astype(int), predicted.astype(int)), 1)
    return counts


class Trainer:
    """A small classifier trained by mini-batch gradient descent with :func:`helpers.mlp.backprop`.

    ``X`` shape (n_in, m) (samples are columns), ``labels`` shape (m,) integers 0..k−1. The network
    is ``[n_in, *hidden, n_out]`` with ``activation`` in the hidden layers and sigmoid outputs
    (n_out = 1 for two classes, k otherwise), loss cross-entropy; ``output="softmax"`` (k >= 3) puts a
    softmax over the k outputs instead, with the softmax cross-entropy. Seeded: the same arguments give
    the same weights, batches and numbers.

    After each epoch: ``losses`` (mean loss per sample on the training set) and ``grad_norms``
    (array of shape (L,) per epoch, see :func:`gradient_norms`).
    """

    def __init__(self, X, labels, hidden: Sequence[int] = (8,), activation: str = "tanh",
                 learning_rate: float = 0.5, batch_size: int = 32, seed: int = 0,
                 n_classes: int | None = None, output: str = "sigmoid"):
        self.X = as_array("X", X, ndim=2)
        self.labels = _whole_labels(labels)
        if self.labels.shape[0] != self.X.shape[1]:
            raise ValueError(_("labels must have one entry per column of X ({columns}); got {entries}").format(
                columns=self.X.shape[1], entries=self.labels.shape[0]))
        self.Y = targets(self.labels, n_classes)
        self.n_classes = max(2, self.Y.shape[0])
        self.output = check_choice("output", output, OUTPUTS)
        if self.output == "softmax" and self.Y.shape[0] < 3:
            raise ValueError(_("output='softmax' needs three classes or more; two classes use one sigmoid output"))
        self.activation = check_choice("activation", activation, ACTIVATION_NAMES)
        self.learning_rate = check_positive("learning_rate", learning_rate)
        if self.learning_rate > MAX_LEARNING_RATE:
            raise ValueError(_("learning_rate must be at most {limit:g}; got {lr:g}: use a learning rate between "
                               "0.01 and 10").format(limit=MAX_LEARNING_RATE, lr=self.learning_rate))
        self.batch_size = check_int("batch_size", batch_size, minimum=1)
        if isinstance(hidden, (str, bytes)) or not isinstance(hidden, Sequence):
            raise TypeError(_("hidden must be a list of hidden-layer widths, e.g. [8] or [16, 16]; got "
                              "{hidden!r}").format(hidden=hidden))
        hidden = [check_int(f"hidden[{i}]", h, minimum=1) for i, h in enumerate(hidden)]
        self.layer_sizes = [self.X.shape[0], *hidden, self.Y.shape[0]]
        self.seed = check_int("seed", seed, minimum=0)
        rng = np.random.default_rng(self.seed)
        self.weights, self.biases = init_network(self.layer_sizes, rng)
        self._rng = rng
        self.epoch = 0
        self.losses: list[float] = []
        self.grad_norms: list[np.ndarray] = []

    def _run_core(self, batches: list[np.ndarray]) -> np.ndarray:
        """:func:`helpers.core.mlp.sgd_epoch` on ``batches`` (valid by construction), then the result
        checked: weights that overflowed are refused with a clear error and the Trainer keeps the
        weights it had before."""
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            weights, biases, norms = core.sgd_epoch(self.weights, self.biases, self.X, self.Y, batches,
                                                    self.learning_rate, self.activation, self.output)
        if not _all_finite(*weights, *biases, norms):
            if not _all_finite(*self.weights, *self.biases):
                raise ValueError(_("the Trainer's weights or biases are not finite (they hold inf or NaN, set from "
                                   "outside the Trainer): make a new Trainer, or set them to finite arrays"))
            check_finite_result(_("the updated weights"), (weights, biases, norms),
                                advice=_("learning_rate = {lr:g} is too large for this network; the Trainer kept "
                                         "its weights from before this step. Use a smaller one.").format(
                                    lr=self.learning_rate))
        self.weights, self.biases = weights, biases
        return norms

    def update(self, batch) -> np.ndarray:
        """One mini-batch step on the columns ``batch``; returns the per-layer gradient norms, shape (L,)."""
        try:
            batch = np.asarray(batch)
        except ValueError as exc:
            raise TypeError(_("batch must be a 1-D array of column indices (integers)")) from exc
        if batch.ndim != 1 or batch.size == 0 or batch.dtype.kind not in "iu":
            raise TypeError(_("batch must be a non-empty 1-D array of column indices (integers); got {batch}").format(
                batch=repr(batch)[:120]))
        if batch.min() < 0 or batch.max() >= self.X.shape[1]:
            raise ValueError(_("batch must hold column indices in 0..{last}; got {low} to {high}").format(
                last=self.X.shape[1] - 1, low=batch.min(), high=batch.max()))
        return self._run_core([batch])

    def run_epoch(self) -> float:
        """One pass over the shuffled training set in mini-batches; returns the new mean loss."""
        norms = self._run_core(minibatch_indices(self.X.shape[1], self.batch_size, self._rng))
        self.epoch += 1
        self.grad_norms.append(norms)
        self.losses.append(self.mean_loss())
        return self.losses[-1]

    def train(self, epochs: int, callback: Callable[[Trainer], None] | None = None) -> float:
        """Run ``epochs`` epochs synchronously, ``callback(self)`` after each; returns the final mean loss."""
        epochs = check_int("epochs", epochs, minimum=0)
        if callback is not None:
            check_callable("callback", callback)
        n_weights = sum(w.size for w in self.weights)
        check_size(_("train({epochs:,}) on {samples:,} samples with {weights:,} weights (epochs × samples × "
                     "weights × 3 multiply-adds)").format(epochs=epochs, samples=self.X.shape[1], weights=n_weights),
                   3 * epochs * self.X.shape[1] * n_weights, limit=MAX_TRAINING_WORK,
                   why=_("it would run for minutes with the kernel busy; train in several shorter calls"))
        for _epoch in range(epochs):
            self.run_epoch()
            if callback is not None:
                callback(self)
        return self.losses[-1] if self.losses else self.mean_loss()

    def mean_loss(self, X=None, labels=None) -> float:
        """Cross-entropy per sample on (X, labels) (default: the training set)."""
        if (X is None) != (labels is None):
            raise TypeError(_("mean_loss needs both X and labels, or neither (the training set)"))
        if X is None:       # the training set, validated once in __init__; the weights were checked finite
            with np.errstate(over="ignore", invalid="ignore", under="ignore"):
                zs = core.forward(self.weights, self.biases, self.X, self.activation, "identity")[0]
            loss = softmax_cross_entropy if self.output == "softmax" else _sigmoid_cross_entropy
            return loss(zs[-1], self.Y) / self.X.shape[1]
        X, Y = as_array("X", X, ndim=2), targets(labels, self.n_classes)
        if self.output == "softmax":
            zs = forward(self.weights, self.biases, X, self.activation, "identity")[0]
            return softmax_cross_entropy(zs[-1], Y) / X.shape[1]
        return total_loss(self.weights, self.biases, X, Y, self.activation, "cross_entropy", "sigmoid") / X.shape[1]

    def outputs(self, X) -> np.ndarray:
        """The network's outputs a^L for X of shape (n_in, m): shape (n_out, m), values in (0, 1)
        (with a softmax output, each column adds up to 1)."""
        if self.output == "softmax":
            zs = forward(self.weights, self.biases, X, self.activation, "identity")[0]
            return _softmax_unguarded(zs[-1])
        activations = forward(self.weights, self.biases, X, self.activation, "sigmoid")[1]
        return activations[-1]

    def predict(self, X) -> np.ndarray:
        """Predicted labels, shape (m,): output > 0.5 for two classes, the largest output otherwise."""
        out = self.outputs(X)
        return (out[0] > 0.5).astype(int) if out.shape[0] == 1 else np.argmax(out, axis=0)

    def accuracy(self, X=None, labels=None) -> float:
        """Fraction classified correctly (default: the training set)."""
        if (X is None) != (labels is None):
            raise TypeError(_("accuracy needs both X and labels, or neither (the training set)"))
        X, labels = (self.X, self.labels) if X is None else (X, labels)
        return accuracy(self.predict(X), labels)

    @property
    def state(self) -> dict:
        """Epoch, latest loss, layer sizes, activation and the latest per-layer gradient norms."""
        return {"epoch": self.epoch, "loss": self.losses[-1] if self.losses else self.mean_loss(),
                "layer_sizes": list(self.layer_sizes), "activation": self.activation,
                "learning_rate": self.learning_rate, "output": self.output,
                "grad_norms": self.grad_norms[-1].copy() if self.grad_norms else None}


def predict_grid(trainer: Trainer, x_range: tuple[float, float], y_range: tuple[float, float],
                 n: int = 80) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The first output of a 2-input network on an n×n grid (for a decision-boundary plot).

    Returns ``G1, G2, P``, each shape (n, n); P is the output in (0, 1), whose 0.5 contour is the
    decision boundary of a two-class network.
    """
    if not isinstance(trainer, Trainer):
        raise TypeError(_("trainer must be a Trainer; got {kind}").format(kind=type(trainer).__name__))
    if trainer.layer_sizes[0] != 2:
        raise ValueError(_("trainer must be a Trainer on 2-D inputs (layer_sizes[0] == 2); got {sizes}").format(
            sizes=trainer.layer_sizes))
    n = check_int("n", n, minimum=2)
    check_size(_("the grid (n·n points)"), n * n, limit=MAX_GRID_POINTS,
               why=_("a decision-boundary plot needs a few thousand; each is a forward pass"))
    x_range, y_range = as_pair("x_range", x_range, increasing=True), as_pair("y_range", y_range, increasing=True)
    with np.errstate(over="ignore", invalid="ignore"):
        G1, G2 = np.meshgrid(np.linspace(*x_range, n), np.linspace(*y_range, n))
    if not (np.all(np.isfinite(G1)) and np.all(np.isfinite(G2))):
        raise ValueError(_("x_range and y_range must each be narrower than 1.8e308 (the grid spacing overflowed)"))
    P = trainer.outputs(np.vstack([G1.ravel(), G2.ravel()]))[0].reshape(n, n)
    return G1, G2, P
