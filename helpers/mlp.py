"""Matrix-form multilayer perceptron: forward pass and backprop as the four equations BP1–BP4
(taught in notebook 06; used for training in notebook 07).

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

from ._checks import as_array, check_finite_result, check_positive, check_same_shape, check_size
from ._mlp_checks import check_float_dtype, check_layer_sizes, check_names, check_network, check_rng
from .activations import ACTIVATIONS, UNCHECKED
from .gradcheck import numerical_gradient
from .losses import _sigmoid_cross_entropy, get_loss

Arrays = list[np.ndarray]

__all__ = ["forward", "backprop", "backprop_per_sample", "train_step", "init_network", "total_loss",
           "output_error", "numerical_gradients", "gradient_check"]


def _functions(activation: str, output_activation: str | None):
    """The unchecked kernels for names the public functions have validated (with check_names)."""
    out_name = activation if output_activation is None else output_activation
    hidden = (UNCHECKED[activation], ACTIVATIONS[activation][1])
    output = (UNCHECKED[out_name], ACTIVATIONS[out_name][1])
    return hidden, output, out_name


# ---- forward and backward (no checks: the public functions check once) -----------------------------
# σ'(z^l) written through a^l = σ(z^l): BP2 reuses the forward pass's activations instead of
# evaluating σ again (the same numbers as get_activation(name)[1](z); tests/test_mlp.py checks it).
def _sigmoid_prime_from_output(a: np.ndarray) -> np.ndarray:
    s = np.subtract(1.0, a)                          # one temporary, then in place:
    s *= a                                           # σ'(z) = σ(z)(1 − σ(z)) = a(1 − a)
    return s


def _tanh_prime_from_output(a: np.ndarray) -> np.ndarray:
    s = np.multiply(a, a)
    np.subtract(1.0, s, out=s)                       # tanh'(z) = 1 − tanh²(z) = 1 − a²
    return s


PRIME_FROM_OUTPUT = {
    "sigmoid": _sigmoid_prime_from_output,
    "tanh": _tanh_prime_from_output,
    "relu": lambda a: (a > 0).astype(a.dtype),       # 1 where z > 0, which is exactly where a > 0
    "identity": lambda a: np.ones_like(a),
}


def _forward(weights: Arrays, biases: Arrays | None, X: np.ndarray, f, f_out) -> tuple[Arrays, Arrays]:
    zs, activations = [], [X]
    for i, W in enumerate(weights):                   # weights[i] is W^(i+1)
        z = W @ activations[-1]                       # one matrix product per layer, whole batch
        if biases is not None:
            z += biases[i]                            # b^l broadcasts over the m columns
        zs.append(z)
        activations.append((f_out if i == len(weights) - 1 else f)(z))
    return zs, activations


def _output_error(a_L, z_L, Y, loss: str, output_activation: str) -> np.ndarray:
    if loss == "cross_entropy":                       # (check_names allows it with a sigmoid output only)
        return a_L - Y                                # BP1 with σ' cancelled (stable at saturation)
    grad_a = a_L - Y                                  # ∇_a C for C = ½ Σ (a − y)²  (losses.mse_grad)
    grad_a *= PRIME_FROM_OUTPUT[output_activation](a_L)          # BP1: δ^L = ∇_a C ⊙ σ'(z^L), in place
    return grad_a


def output_error(a_L, z_L, Y, loss: str = "mse", output_activation: str = "sigmoid") -> np.ndarray:
    """BP1: δ^L = ∇_a C ⊙ σ'(z^L); a_L, z_L, Y of shape (n_L, m), result too (notebook 06).

    For a sigmoid output with cross-entropy, ∇_a C = (a − y)/(a(1 − a)) and σ'(z) = a(1 − a) cancel
    exactly, so δ^L = a^L − y is returned directly: the same number, without dividing by a saturated
    a(1 − a) ≈ 0.
    """
    a_L = as_array("a_L", a_L)
    z_L, Y = as_array("z_L", z_L, dtype=a_L.dtype), as_array("Y", Y, dtype=a_L.dtype)
    check_same_shape("a_L", a_L, "z_L", z_L)
    check_same_shape("a_L", a_L, "Y", Y)
    check_names(None, output_activation, loss)
    with np.errstate(over="ignore", invalid="ignore"):
        delta = _output_error(a_L, z_L, Y, loss, output_activation)
    return check_finite_result("δ^L", delta, advice="Use a_L and Y of a more moderate size.")


def _backward(weights, biases, X, Y, activation, output_activation, loss, kernels=None):
    """Backprop without checks. ``kernels``: ``(f, f_out, σ' from a, output name)`` already looked up
    (a training epoch looks them up once for all its mini-batches); by default looked up here."""
    if kernels is None:
        (f, _), (f_out, _), out_name = _functions(activation, output_activation)
        kernels = (f, f_out, PRIME_FROM_OUTPUT[activation], out_name)
    f, f_out, sigma_prime, out_name = kernels
    zs, activations = _forward(weights, biases, X, f, f_out)
    L = len(weights)
    grads_W: Arrays = [None] * L  # type: ignore[list-item]
    grads_b: Arrays = [None] * L  # type: ignore[list-item]
    delta = _output_error(activations[-1], zs[-1], Y, loss, out_name)   # BP1: δ^L = ∇_a C ⊙ σ'(z^L)
    for i in range(L - 1, -1, -1):               # python index i is layer l = i + 1: W^l = weights[i]
        if i < L - 1:
            # BP2: δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ σ'(z^l), with σ'(z^l) read off a^l
            delta = (weights[i + 1].T @ delta) * sigma_prime(activations[i + 1])  # BP2
        grads_b[i] = delta.sum(axis=1, keepdims=True)             # BP3: ∂C/∂b^l = δ^l (summed over samples)
        grads_W[i] = delta @ activations[i].T                     # BP4: ∂C/∂W^l = δ^l (a^{l-1})ᵀ
    return grads_W, (None if biases is None else grads_b)


# ---- public API -----------------------------------------------------------------------------------
_MODERATE = "Use weights and inputs of a more moderate size (products must stay below {:.1e})."


def _finite(what: str, value, dtype):
    """``value`` (arrays, lists of them) if all finite; else a ValueError: the network overflowed."""
    return check_finite_result(what, value, advice=_MODERATE.format(float(np.finfo(dtype).max)))


def forward(weights: Sequence, biases: Sequence | None, X, activation: str = "sigmoid",
            output_activation: str | None = None) -> tuple[Arrays, Arrays]:
    """Forward pass for a batch X of shape (n_0, m).

    Returns ``(zs, activations)``: ``zs[l-1] = z^l`` of shape (n_l, m) for l = 1..L, and
    ``activations[l] = a^l`` for l = 0..L (``activations[0]`` is X). ``output_activation``
    (default: ``activation``) is used for the last layer only.
    """
    check_names(activation, output_activation)
    weights, biases, X, _ = check_network(weights, biases, X)
    (f, _), (f_out, _), _ = _functions(activation, output_activation)
    with np.errstate(over="ignore", invalid="ignore"):
        zs, activations = _forward(weights, biases, X, f, f_out)
    _finite("the forward pass (z^l = W^l a^(l-1) + b^l)", (zs, activations[1:]), X.dtype)
    return zs, activations


def backprop(weights: Sequence, biases: Sequence | None, X, Y, activation: str = "sigmoid",
             loss: str = "mse", output_activation: str | None = None) -> tuple[Arrays, Arrays | None]:
    """Gradients of the loss **summed** over the batch, one matrix product per layer (notebook 06).

    X: (n_0, m), Y: (n_L, m). Returns ``(grads_W, grads_b)`` with ``grads_W[l-1]`` of W^l's shape
    (n_l, n_{l-1}) and ``grads_b[l-1]`` of shape (n_l, 1); ``grads_b`` is None when ``biases`` is None.
    """
    check_names(activation, output_activation, loss)
    weights, biases, X, Y = check_network(weights, biases, X, Y, loss)
    with np.errstate(over="ignore", invalid="ignore"):
        grads = _backward(weights, biases, X, Y, activation, output_activation, loss)
    return _finite("the gradients", grads, X.dtype)


def backprop_per_sample(weights: Sequence, biases: Sequence | None, X, Y, activation: str = "sigmoid",
                        loss: str = "mse",
                        output_activation: str | None = None) -> tuple[Arrays, Arrays | None]:
    """The same gradients as :func:`backprop`, by a Python loop over the m columns (one sample at a
    time, Nielsen's ``update_mini_batch`` style), summing each sample's gradients. Slow on purpose:
    notebook 06 compares it with the batched version.
    """
    check_names(activation, output_activation, loss)
    weights, biases, X, Y = check_network(weights, biases, X, Y, loss)
    grads_W = [np.zeros_like(W) for W in weights]
    grads_b = None if biases is None else [np.zeros_like(b) for b in biases]
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(X.shape[1]):
            gW, gb = _backward(weights, biases, X[:, i:i + 1], Y[:, i:i + 1], activation, output_activation, loss)
            for layer in range(len(weights)):
                grads_W[layer] += gW[layer]
                if grads_b is not None:
                    grads_b[layer] += gb[layer]
    return _finite("the gradients", (grads_W, grads_b), X.dtype)


def total_loss(weights: Sequence, biases: Sequence | None, X, Y, activation: str = "sigmoid",
               loss: str = "mse", output_activation: str | None = None) -> float:
    """The loss summed over every sample (column) of the batch: Σ_x C_x, a Python float.

    Cross-entropy (sigmoid output) is computed from z^L (:func:`helpers.losses.sigmoid_cross_entropy`):
    exact even where σ(z^L) rounds to 0 or 1, in float32 as in float64.
    """
    check_names(activation, output_activation, loss)
    weights, biases, X, Y = check_network(weights, biases, X, Y, loss)
    (f, _), (f_out, _), _ = _functions(activation, output_activation)
    with np.errstate(over="ignore", invalid="ignore"):
        zs, activations = _forward(weights, biases, X, f, f_out)
    _finite("the forward pass (z^l = W^l a^(l-1) + b^l)", (zs, activations[1:]), X.dtype)
    if loss == "cross_entropy":
        return _sigmoid_cross_entropy(zs[-1], Y)
    return float(get_loss(loss)[0](activations[-1], Y))


def train_step(weights: Sequence, biases: Sequence | None, X, Y, learning_rate: float,
               activation: str = "sigmoid", loss: str = "mse",
               output_activation: str | None = None) -> tuple[Arrays, Arrays | None]:
    """One gradient-descent step on the batch's **mean** loss: w ← w − (η/m) Σ_x ∂C_x/∂w (notebook 06).

    Returns new lists ``(new_weights, new_biases)``; the inputs are not modified.
    """
    eta = check_positive("learning_rate", learning_rate)
    check_names(activation, output_activation, loss)
    weights, biases, X, Y = check_network(weights, biases, X, Y, loss)
    step = eta / X.shape[1]
    with np.errstate(over="ignore", invalid="ignore"):
        grads_W, grads_b = _backward(weights, biases, X, Y, activation, output_activation, loss)
        new_weights = [_minus_scaled(W, step, gW) for W, gW in zip(weights, grads_W, strict=True)]
        new_biases = None if biases is None else [_minus_scaled(b, step, gb)
                                                  for b, gb in zip(biases, grads_b, strict=True)]
    return _finite("the updated weights", (new_weights, new_biases), X.dtype)


def _minus_scaled(w: np.ndarray, step: float, grad: np.ndarray) -> np.ndarray:
    """w − step·grad, written into grad's own (fresh, unshared) buffer: one pass, no temporaries."""
    grad *= -step
    grad += w
    return grad


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
    check_finite_result(f"scale = {scale} times a standard normal number", weights,
                        advice=f"Use a scale below about {float(np.finfo(dtype).max) / 10:.1e}.")
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
    why = "two forward passes per parameter would take minutes; check a smaller network or batch"
    check_size("numerical_gradients (one pair of forward passes per parameter)", n_params,
               limit=MAX_NUMERICAL_PARAMS, why=why)
    check_size(f"numerical_gradients of {n_params:,} parameters on {X.shape[1]:,} samples "
               "(parameters × parameters × samples)", n_params * n_params * X.shape[1], limit=MAX_NUMERICAL_WORK,
               why=why)
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
