"""Matrix-form multilayer perceptron: forward pass and backprop as the four equations BP1–BP4
(taught in notebook 06; used for training in notebook 07). The formulas live in
:mod:`helpers.core.mlp` (what notebook 06 prints); the functions here validate the arguments once,
run the core and check its result, so a bad input or an overflow is a clear error, never NaN.

Conventions: layer 0 is the input, layers 1..L have weights ``weights[l-1] = W^l`` of shape
(n_l, n_{l-1}) and biases ``biases[l-1] = b^l`` of shape (n_l, 1); ``W^l[j, k]`` is the weight into
neuron j of layer l from neuron k of layer l−1 (Nielsen's indices w^l_{jk}). The layer numbering
departs from Nielsen's: his input is layer 1 (x = a¹), ours is layer 0 (x = a⁰), so our W^l, b^l, z^l,
a^l and δ^l are his W^{l+1}, b^{l+1}, … (our ``weights[0]`` is his ``network.py``'s ``weights[0]``,
which he calls w²).
A batch is a matrix whose **columns are samples**: X has shape (n_0, m), Y has shape (n_L, m).

    z^l = W^l a^{l-1} + b^l,   a^l = σ(z^l),   a^0 = X

The loss is **summed** over the batch (each sample's loss C_x depends only on its a^L), so every
gradient here is the gradient of Σ_x C_x; :func:`train_step` divides by m (the mean update η/m Σ_x).
``biases=None`` gives a bias-free network x_l = f(W_l x_{l-1}) (seed 003's matrix form).
float32 and float64 both work: everything is computed in the dtype of ``weights[0]``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ._checks import as_array, check_finite_result, check_positive, check_same_shape, check_size, guarded
from ._mlp_checks import check_float_dtype, check_layer_sizes, check_names, check_network, check_rng
from .core import mlp as core
from .gradcheck import numerical_gradient
from .i18n import _
from .losses import _sigmoid_cross_entropy, get_loss

Arrays = list[np.ndarray]

__all__ = ["forward", "backprop", "backprop_per_sample", "train_step", "init_network", "total_loss",
           "output_error", "numerical_gradients", "gradient_check", "MAX_LEARNING_RATE"]

# A step η·∂C/∂w beyond this throws the weights to magnitudes no network recovers from (η = 1e308 gives
# weights of 1e305 that are still finite): refused up front. The notebooks use η from 0.01 to a few hundred.
MAX_LEARNING_RATE = 1e6


class _NoBiases(list):
    """Zero biases standing in for ``biases=None`` (a bias-free network): the core adds b = 0."""


def _network(weights, biases, X, Y=None, activation="sigmoid", loss="mse", output_activation=None,
             with_targets=True) -> dict:
    """The validated arguments of a core network function (names, shapes, dtypes; Y only if wanted)."""
    check_names(activation, output_activation, loss if with_targets else None)
    if with_targets:
        weights, checked, X, Y = check_network(weights, biases, X, Y, loss)
    else:
        weights, checked, X, _ = check_network(weights, biases, X)
    if checked is None:
        checked = _NoBiases(np.zeros((W.shape[0], 1), dtype=W.dtype) for W in weights)
    call = {"weights": weights, "biases": checked, "X": X, "activation": activation,
            "output_activation": output_activation}
    return call if not with_targets else {**call, "Y": Y, "loss": loss}


def _what(what: str) -> str:
    """What a result check names, in the edition's language ("forward" or "gradients")."""
    return _("the forward pass (z^l = W^l a^(l-1) + b^l)") if what == "forward" else _("the gradients")


def _finite(what: str):
    """A result check: every array finite, else a ValueError saying what overflowed and what to do;
    gradients of a bias-free network's stand-in biases are returned as None."""
    def check(result, call):
        advice = lambda: _("Use weights and inputs of a more moderate size (products must stay below "  # noqa: E731
                           "{limit:.1e}).").format(limit=float(np.finfo(call["X"].dtype).max))
        check_finite_result(lambda: _what(what), result, advice=advice)      # texts built only for an error
        if isinstance(call["biases"], _NoBiases) and what != "forward":
            return result[0], None
        return result
    return check


def _step(result, call):
    check_finite_result(lambda: _("the updated weights"), result, advice=lambda: _(
        "learning_rate = {lr:g} is too large for these weights and inputs; use a smaller one.").format(
        lr=call["learning_rate"]))
    return (result[0], None) if isinstance(call["biases"], _NoBiases) else result


def _train_step_arguments(weights, biases, X, Y, learning_rate, activation="sigmoid", loss="mse",
                          output_activation=None) -> dict:
    eta = check_positive("learning_rate", learning_rate)
    if eta > MAX_LEARNING_RATE:
        raise ValueError(_("learning_rate must be at most {limit:g}; got {lr:g}: a step this large "
                           "throws every weight to about learning_rate × gradient (1e308 gives weights of 1e305), "
                           "where no network can learn. Use a learning rate between 0.01 and 10.").format(
            limit=MAX_LEARNING_RATE, lr=eta))
    return {**_network(weights, biases, X, Y, activation, loss, output_activation), "learning_rate": eta}


def _output_error_arguments(a_L, z_L, Y, loss="mse", output_activation="sigmoid") -> dict:
    a_L = as_array("a_L", a_L)
    z_L, Y = as_array("z_L", z_L, dtype=a_L.dtype), as_array("Y", Y, dtype=a_L.dtype)
    check_same_shape("a_L", a_L, "z_L", z_L)
    check_same_shape("a_L", a_L, "Y", Y)
    check_names(None, output_activation, loss)
    return {"a_L": a_L, "z_L": z_L, "Y": Y, "loss": loss, "output_activation": output_activation}


def _forward_arguments(weights, biases, X, activation="sigmoid", output_activation=None) -> dict:
    return _network(weights, biases, X, None, activation, None, output_activation, with_targets=False)


forward = guarded(core.forward, _forward_arguments, _finite("forward"),
                  doc="""Forward pass for a batch X of shape (n_0, m).

    Returns ``(zs, activations)``: ``zs[l-1] = z^l`` of shape (n_l, m) for l = 1..L, and
    ``activations[l] = a^l`` for l = 0..L (``activations[0]`` is X). ``output_activation``
    (default: ``activation``) is used for the last layer only. Core: :func:`helpers.core.mlp.forward`.
    """)

output_error = guarded(core.output_error, _output_error_arguments,
                       lambda delta, call: check_finite_result("δ^L", delta,
                                                               advice="Use a_L and Y of a more moderate size."),
                       doc="""BP1: δ^L = ∇_a C ⊙ σ'(z^L); a_L, z_L, Y of shape (n_L, m), result too (notebook 06).

    For a sigmoid output with cross-entropy, ∇_a C = (a − y)/(a(1 − a)) and σ'(z) = a(1 − a) cancel
    exactly, so δ^L = a^L − y is returned directly: the same number, without dividing by a saturated
    a(1 − a) ≈ 0. Core: :func:`helpers.core.mlp.output_error`.
    """)

backprop = guarded(core.backprop, _network, _finite("gradients"), doc="""Gradients of the loss **summed**
    over the batch, one matrix product per layer (notebook 06).

    X: (n_0, m), Y: (n_L, m). Returns ``(grads_W, grads_b)`` with ``grads_W[l-1]`` of W^l's shape
    (n_l, n_{l-1}) and ``grads_b[l-1]`` of shape (n_l, 1); ``grads_b`` is None when ``biases`` is None.
    Core: :func:`helpers.core.mlp.backprop` (BP1–BP4, one line each).
    """)

backprop_per_sample = guarded(core.backprop_per_sample, _network, _finite("gradients"), doc="""The same
    gradients as :func:`backprop`, by a Python loop over the m columns (one sample at a time, Nielsen's
    ``update_mini_batch`` style), summing each sample's gradients. Slow on purpose: notebook 06 compares
    it with the batched version.
    """)

train_step = guarded(core.train_step, _train_step_arguments, _step, doc="""One gradient-descent step on the
    batch's **mean** loss: w ← w − (η/m) Σ_x ∂C_x/∂w (notebook 06).

    Returns new lists ``(new_weights, new_biases)``; the inputs are not modified. ``learning_rate`` is
    at most :data:`MAX_LEARNING_RATE`. Core: :func:`helpers.core.mlp.train_step`.
    """)


def _loss(result, call) -> float:
    zs, activations = _finite("forward")(result, call)
    if call["loss"] == "cross_entropy":
        return _sigmoid_cross_entropy(zs[-1], call["Y"])
    return float(get_loss(call["loss"])[0](activations[-1], call["Y"]))


def total_loss(weights: Sequence, biases: Sequence | None, X, Y, activation: str = "sigmoid",
               loss: str = "mse", output_activation: str | None = None) -> float:
    """The loss summed over every sample (column) of the batch: Σ_x C_x, a Python float.

    Cross-entropy (sigmoid output) is computed from z^L (:func:`helpers.losses.sigmoid_cross_entropy`):
    exact even where σ(z^L) rounds to 0 or 1, in float32 as in float64.
    """
    call = _network(weights, biases, X, Y, activation, loss, output_activation)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        result = core.forward(call["weights"], call["biases"], call["X"], activation, output_activation)
    return _loss(result, call)


def init_network(layer_sizes: Sequence[int], rng: np.random.Generator | int, scale: float | None = None,
                 dtype=np.float64) -> tuple[Arrays, Arrays]:
    """Random weights W^l ~ N(0, s²) of shape (n_l, n_{l-1}) and zero biases (n_l, 1).

    ``layer_sizes`` = [n_0, n_1, …, n_L] (at least two entries). ``s`` defaults to 1/√n_{l-1}
    (the fan-in), which keeps z^l of order 1. ``rng`` is a ``np.random.Generator`` or an int seed >= 0.
    """
    sizes = check_layer_sizes(layer_sizes)
    rng = check_rng(rng)
    dtype = check_float_dtype(dtype)
    s_fixed = None if scale is None else check_positive("scale", scale)
    weights, biases = [], []
    with np.errstate(over="ignore"):
        for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
            s = 1.0 / np.sqrt(n_in) if s_fixed is None else s_fixed
            weights.append((s * rng.standard_normal((n_out, n_in))).astype(dtype))
            biases.append(np.zeros((n_out, 1), dtype=dtype))
    check_finite_result(_("scale = {scale} times a standard normal number").format(scale=scale), weights,
                        advice=_("Use a scale below about {limit:.1e}.").format(limit=float(np.finfo(dtype).max) / 10))
    return weights, biases


# numerical_gradients makes two forward passes per parameter (each about parameters × samples
# multiply-adds, plus ~50 µs of Python): these bound both, to well under a minute.
MAX_NUMERICAL_PARAMS = 100_000
MAX_NUMERICAL_WORK = 10_000_000_000


def numerical_gradients(weights: Sequence, biases: Sequence | None, X, Y, activation: str = "sigmoid",
                        loss: str = "mse", output_activation: str | None = None,
                        h: float = 1e-5) -> tuple[Arrays, Arrays | None]:
    """Central differences of :func:`total_loss` with respect to every entry of every W^l and b^l
    (two forward passes per parameter: slow, for checking only). Same shapes as :func:`backprop`."""
    check_names(activation, output_activation, loss)
    weights, biases, X, Y = check_network(weights, biases, X, Y, loss)
    n_params = sum(w.size for w in weights) + (0 if biases is None else sum(b.size for b in biases))
    why = _("two forward passes per parameter would take minutes; check a smaller network or batch")
    check_size(_("numerical_gradients (one pair of forward passes per parameter)"), n_params,
               limit=MAX_NUMERICAL_PARAMS, why=why)
    check_size(_("numerical_gradients of {params:,} parameters on {samples:,} samples "
                 "(parameters × parameters × samples)").format(params=n_params, samples=X.shape[1]),
               n_params * n_params * X.shape[1], limit=MAX_NUMERICAL_WORK, why=why)
    kw = {"activation": activation, "loss": loss, "output_activation": output_activation}
    num_W = [numerical_gradient(lambda w, i=i: total_loss(weights[:i] + [w] + weights[i + 1:], biases, X, Y,
                                                          **kw), weights[i], h) for i in range(len(weights))]
    if biases is None:
        return num_W, None
    num_b = [numerical_gradient(lambda b, i=i: total_loss(weights, biases[:i] + [b] + biases[i + 1:], X, Y,
                                                          **kw), biases[i], h) for i in range(len(biases))]
    return num_W, num_b


def gradient_check(weights: Sequence, biases: Sequence | None, X, Y, activation: str = "sigmoid",
                   loss: str = "mse", output_activation: str | None = None) -> float:
    """Relative error ‖g − n‖ / (‖g‖ + ‖n‖) between :func:`backprop` (g) and central differences (n),
    over all parameters at once; about 1e-7 or less means backprop is right (notebook 06)."""
    kw = {"activation": activation, "loss": loss, "output_activation": output_activation}
    grads_W, grads_b = backprop(weights, biases, X, Y, **kw)
    num_W, num_b = numerical_gradients(weights, biases, X, Y, **kw)
    g = np.concatenate([a.ravel() for a in grads_W + (grads_b or [])]).astype(np.float64)
    n = np.concatenate([a.ravel() for a in num_W + (num_b or [])])
    with np.errstate(over="ignore", invalid="ignore"):
        error = np.linalg.norm(g - n) / max(np.linalg.norm(g) + np.linalg.norm(n), 1e-300)
        if not np.isfinite(error):                # the norms overflowed: the same ratio, scaled down first
            scale = max(np.max(np.abs(g)), np.max(np.abs(n)))
            g, n = g / scale, n / scale
            error = np.linalg.norm(g - n) / max(np.linalg.norm(g) + np.linalg.norm(n), 1e-300)
    return float(error)
