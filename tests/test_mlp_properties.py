"""Property-based tests of helpers.mlp (hypothesis): for random depths 1–4, widths 1–8, batch sizes
1–16, every activation and both losses, with and without biases,

- ``backprop`` matches central differences of the summed loss (relative error < 1e-7 in float64), and
- the per-sample loop ``backprop_per_sample`` matches the batched version.

Relative error here is ‖g − n‖ / (‖g‖ + ‖n‖) over all parameters at once (the norm form used in
gradient checking). The entrywise form is not used because an entry a million times smaller than the
largest one is dominated by the finite difference's own round-off, ε·|E|/h, not by backprop.
ReLU networks are drawn away from the kink: every ReLU input satisfies |z| > 1e-3, far more than
a step h = 1e-5 can move it.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from helpers.activations import ACTIVATION_NAMES
from helpers.gradcheck import numerical_gradient
from helpers.losses import LOSS_NAMES
from helpers.mlp import backprop, backprop_per_sample, forward, total_loss

KINK_MARGIN = 1e-3
GOOD = 1e-7


@st.composite
def problems(draw):
    depth = draw(st.integers(1, 4))
    sizes = draw(st.lists(st.integers(1, 8), min_size=depth + 1, max_size=depth + 1))
    m = draw(st.integers(1, 16))
    activation = draw(st.sampled_from(ACTIVATION_NAMES))
    loss = draw(st.sampled_from(LOSS_NAMES))
    output_activation = "sigmoid" if loss == "cross_entropy" else draw(st.sampled_from(ACTIVATION_NAMES))
    with_bias = draw(st.booleans())
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    weights = [rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)
               for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)]
    biases = [0.5 * rng.standard_normal((n, 1)) for n in sizes[1:]] if with_bias else None
    X = rng.standard_normal((sizes[0], m))
    Y = rng.uniform(0, 1, (sizes[-1], m)) if loss == "cross_entropy" else rng.standard_normal((sizes[-1], m))
    kw = {"activation": activation, "loss": loss, "output_activation": output_activation}
    return weights, biases, X, Y, kw


def away_from_relu_kinks(weights, biases, X, kw) -> bool:
    zs, _ = forward(weights, biases, X, kw["activation"], kw["output_activation"])
    relu_layers = [i for i in range(len(zs))
                   if (kw["output_activation"] if i == len(zs) - 1 else kw["activation"]) == "relu"]
    return all(np.min(np.abs(zs[i])) > KINK_MARGIN for i in relu_layers)


def reference_loss(weights, biases, X, Y, kw) -> float:
    """The summed loss, computed without helpers.losses: ½Σ(a − y)² for MSE; for cross-entropy with a
    sigmoid output, from z^L as Σ[ln(1 + e^z) − y·z], which is exact even where a = σ(z) rounds to 0
    or 1 (there, 1 − a has lost its digits and helpers.losses clips a to stay finite, so differences of
    that loss cannot serve as the reference)."""
    zs, acts = forward(weights, biases, X, kw["activation"], kw["output_activation"])
    if kw["loss"] == "mse":
        return float(0.5 * np.sum((acts[-1] - Y) ** 2))
    return float(np.sum(np.logaddexp(0.0, zs[-1]) - Y * zs[-1]))


def numerical(weights, biases, X, Y, kw):
    out = []
    for i in range(len(weights)):
        out.append(numerical_gradient(
            lambda w, i=i: reference_loss(weights[:i] + [w] + weights[i + 1:], biases, X, Y, kw), weights[i]))
    for i in range(len(biases or [])):
        out.append(numerical_gradient(
            lambda b, i=i: reference_loss(weights, biases[:i] + [b] + biases[i + 1:], X, Y, kw), biases[i]))
    return out


def test_reference_loss_is_total_loss_away_from_saturation():
    rng = np.random.default_rng(0)
    weights = [rng.standard_normal((3, 2)) / 2, rng.standard_normal((2, 3)) / 2]
    X, Y = rng.standard_normal((2, 5)), rng.uniform(0, 1, (2, 5))
    for kw in ({"activation": "tanh", "loss": "mse", "output_activation": None},
               {"activation": "relu", "loss": "cross_entropy", "output_activation": "sigmoid"}):
        assert abs(reference_loss(weights, None, X, Y, {**kw, "output_activation": kw["output_activation"]})
                   - total_loss(weights, None, X, Y, **kw)) < 1e-12


def flat(arrays) -> np.ndarray:
    return np.concatenate([a.ravel() for a in arrays])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_backprop_matches_central_differences(problem):
    weights, biases, X, Y, kw = problem
    assume(away_from_relu_kinks(weights, biases, X, kw))
    grads_W, grads_b = backprop(weights, biases, X, Y, **kw)
    assert [g.shape for g in grads_W] == [w.shape for w in weights]
    assert (grads_b is None) == (biases is None)
    g = flat(grads_W + (grads_b or []))
    n = flat(numerical(weights, biases, X, Y, kw))
    error = np.linalg.norm(g - n) / max(np.linalg.norm(g) + np.linalg.norm(n), 1e-300)
    assert error < GOOD, f"relative error {error:.3g}"


@settings(max_examples=150, deadline=None)
@given(problems())
def test_per_sample_loop_matches_batched(problem):
    weights, biases, X, Y, kw = problem
    batched = backprop(weights, biases, X, Y, **kw)
    looped = backprop_per_sample(weights, biases, X, Y, **kw)
    assert (batched[1] is None) == (looped[1] is None)
    for a, b in zip(batched[0] + (batched[1] or []), looped[0] + (looped[1] or []), strict=True):
        assert a.shape == b.shape
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12)
