"""Input checks of :mod:`helpers.mlp` (weights, biases, batches, names), run once per public call so
the kernels inside can work on validated arrays. Every error names the argument, the expected shape
and where the expectation comes from."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ._checks import MAX_ENTRIES, as_array, check_choice, check_int, check_size
from .activations import ACTIVATION_NAMES
from .i18n import _
from .losses import LOSS_NAMES

Arrays = list[np.ndarray]


def check_weights(weights: Sequence) -> Arrays:
    if isinstance(weights, np.ndarray) or not isinstance(weights, (list, tuple)) or len(weights) == 0:
        raise TypeError(_("weights must be a non-empty list of 2-D arrays [W^1, …, W^L], W^l of shape "
                          "(n_l, n_(l-1)); got {kind}").format(kind=type(weights).__name__))
    first = as_array("weights[0] (W^1)", weights[0], ndim=2)
    out = [first] + [as_array(f"weights[{i}] (W^{i + 1})", w, ndim=2, dtype=first.dtype)
                     for i, w in enumerate(weights) if i > 0]
    for i in range(1, len(out)):
        n_prev = out[i - 1].shape[0]
        if out[i].shape[1] != n_prev:
            raise ValueError(_("weights[{i}] (W^{layer}) must have shape ({rows}, {n}): {n} columns, one per "
                               "neuron of layer {i} (W^{i} has {n} rows); got {shape}").format(
                i=i, layer=i + 1, rows=out[i].shape[0], n=n_prev, shape=out[i].shape))
    return out


def check_biases(biases: Sequence | None, weights: Arrays) -> Arrays | None:
    if biases is None:
        return None
    if isinstance(biases, np.ndarray) or not isinstance(biases, (list, tuple)) or len(biases) != len(weights):
        must = _("biases must be None (a bias-free network) or a list of {n} column arrays [b^1, …, b^L]").format(
            n=len(weights))
        if isinstance(biases, (list, tuple)):
            raise TypeError(_("{must}; got {kind} of length {length}").format(
                must=must, kind=type(biases).__name__, length=len(biases)))
        raise TypeError(_("{must}; got {kind}").format(must=must, kind=type(biases).__name__))
    out = []
    for i, (b, w) in enumerate(zip(biases, weights, strict=True)):
        arr = as_array(f"biases[{i}] (b^{i + 1})", b, dtype=w.dtype)
        if arr.shape != (w.shape[0], 1):
            raise ValueError(_("biases[{i}] (b^{layer}) must have shape ({rows}, 1): a column with one "
                               "entry per neuron of layer {layer}; got {shape}").format(
                i=i, layer=i + 1, rows=w.shape[0], shape=arr.shape))
        out.append(arr)
    return out


def check_batch(name: str, value, n_rows: int, what, dtype, m: int | None = None) -> np.ndarray:
    """``value`` as a batch of shape (n_rows, m); ``what`` (a text, or a function that builds it only for
    the error) says where n_rows comes from."""
    arr = as_array(name, value, dtype=dtype)
    if arr.ndim != 2 or arr.shape[0] != n_rows or (m is not None and arr.shape[1] != m):
        cols = "m" if m is None else str(m)
        what = what() if callable(what) else what
        if arr.ndim == 2 and arr.shape[1] == n_rows:
            raise ValueError(_("{name} must have shape ({rows}, {cols}): {what}, one column per sample "
                               "(samples go in columns: transpose it?); got {shape}").format(
                name=name, rows=n_rows, cols=cols, what=what, shape=arr.shape))
        raise ValueError(_("{name} must have shape ({rows}, {cols}): {what}, one column per sample; "
                           "got {shape}").format(name=name, rows=n_rows, cols=cols, what=what, shape=arr.shape))
    return arr


_NO_TARGETS = object()


def check_network(weights, biases, X, Y=_NO_TARGETS, loss: str | None = None):
    """Validated (weights, biases, X, Y), all in the dtype of weights[0]; Y in [0, 1] for cross-entropy
    (leave Y out for a forward pass: it is then returned as None). The activations the pass will store
    (Σ_l n_l·m entries) are limited to MAX_ENTRIES."""
    weights = check_weights(weights)
    biases = check_biases(biases, weights)
    # Messages are built only for an error (lambdas): this runs on every call of backprop and train_step.
    X = check_batch("X", X, weights[0].shape[1], lambda: _("{n} inputs to match W^1").format(n=weights[0].shape[1]),
                    weights[0].dtype)
    check_size(lambda: _("the activations of {m:,} samples through layers of {sizes} neurons (Σ_l n_l·m)").format(
                   m=X.shape[1], sizes=[w.shape[0] for w in weights]), X.shape[1] * sum(w.shape[0] for w in weights),
               why=lambda: _("the forward pass stores every z^l and a^l; split X into smaller batches"))
    if Y is _NO_TARGETS:
        return weights, biases, X, None
    Y = check_batch("Y", Y, weights[-1].shape[0], lambda: _("{n} outputs to match W^{layer}").format(
        n=weights[-1].shape[0], layer=len(weights)), weights[0].dtype, X.shape[1])
    if loss == "cross_entropy" and np.any((Y < 0) | (Y > 1)):
        raise ValueError(_("Y must hold targets in [0, 1] for loss='cross_entropy'; got values from "
                           "{low:.4g} to {high:.4g}").format(low=Y.min(), high=Y.max()))
    return weights, biases, X, Y


def check_names(activation: str | None, output_activation: str | None, loss: str | None = None) -> str:
    """Validate the activation/loss names (``activation`` None: only the output layer's); returns the
    output layer's activation name."""
    if activation is not None:
        check_choice("activation", activation, ACTIVATION_NAMES)
    output_activation = activation if output_activation is None else output_activation
    check_choice("output_activation", output_activation, ACTIVATION_NAMES)
    if loss is not None:
        check_choice("loss", loss, LOSS_NAMES)
        if loss == "cross_entropy" and output_activation != "sigmoid":
            raise ValueError(_("loss='cross_entropy' needs outputs in (0, 1): use output_activation='sigmoid' "
                               "(got output_activation={given!r})").format(given=output_activation))
    return output_activation


def check_layer_sizes(layer_sizes) -> list[int]:
    if isinstance(layer_sizes, (str, bytes)) or not isinstance(layer_sizes, Sequence) or len(layer_sizes) < 2:
        raise TypeError(_("layer_sizes must be a list of at least two layer widths [n_0, …, n_L]; "
                          "got {given}").format(given=repr(layer_sizes)[:140]))
    sizes = [check_int(f"layer_sizes[{i}]", n, minimum=1) for i, n in enumerate(layer_sizes)]
    check_size(_("layer_sizes {sizes}: the weights of this network (Σ_l n_l·n_(l-1))").format(
                   sizes=str(sizes)[:120]),
               sum(a * b for a, b in zip(sizes[:-1], sizes[1:], strict=True)), limit=MAX_ENTRIES,
               why=_("they would not fit in a laptop's memory"))
    return sizes


def check_rng(rng) -> np.random.Generator:
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, bool) or not isinstance(rng, (int, np.integer)):
        raise TypeError(_("rng must be a np.random.Generator or an int seed >= 0; got {given}").format(
            given=type(rng).__name__))
    if rng < 0:
        raise ValueError(_("rng must be a np.random.Generator or an int seed >= 0; got {given}").format(given=rng))
    return np.random.default_rng(int(rng))


def check_float_dtype(dtype) -> np.dtype:
    try:
        out = np.dtype(dtype)
    except TypeError as exc:
        raise TypeError(_("dtype must be np.float32 or np.float64; got {given}").format(
            given=repr(dtype)[:160])) from exc
    if out not in (np.float32, np.float64):
        raise ValueError(_("dtype must be np.float32 or np.float64; got {given}").format(given=out))
    return out
