"""helpers.modes: forward mode (JVP) and reverse mode (VJP) give the Jacobian of a tanh chain that central
differences give, and cost what notebook 03 says: one matrix-vector product per layer per JVP or VJP."""

import numpy as np
import pytest

from helpers.gradcheck import relative_error
from helpers.jacobians import numerical_jacobian
from helpers.modes import chain_forward, jacobian_by_jvps, jacobian_by_vjps, jvp, vjp


def chain(widths, seed=0):
    rng = np.random.default_rng(seed)
    weights = [rng.normal(size=(o, i)) / np.sqrt(i) for i, o in zip(widths[:-1], widths[1:], strict=True)]
    return weights, rng.normal(size=widths[0])


@pytest.mark.parametrize("widths", [(3, 4, 2), (5, 1), (2, 6, 6, 3), (1, 3, 4)])
def test_both_modes_give_the_central_difference_jacobian(widths):
    Ws, x = chain(widths)
    J = numerical_jacobian(lambda v: chain_forward(Ws, v)[-1], x)
    assert relative_error(jacobian_by_jvps(Ws, x), J) < 1e-7 and relative_error(jacobian_by_vjps(Ws, x), J) < 1e-7


def test_a_jvp_and_a_vjp_agree_on_u_transposed_j_v():
    Ws, x = chain((4, 5, 3), seed=1)
    rng = np.random.default_rng(2)
    v, u = rng.normal(size=4), rng.normal(size=3)
    assert np.isclose(u @ jvp(Ws, x, v), vjp(Ws, x, u) @ v, rtol=1e-12)


def test_the_counts_are_one_product_per_layer_per_jvp_or_vjp():
    Ws, x = chain((7, 4, 4, 2))
    forward_count, reverse_count = {}, {}
    jacobian_by_jvps(Ws, x, forward_count)
    jacobian_by_vjps(Ws, x, reverse_count)
    sizes = sum(W.size for W in Ws)
    assert forward_count == {"products": 7 * 3, "multiply_adds": 7 * sizes}
    assert reverse_count == {"products": 2 * 3, "multiply_adds": 2 * sizes}


def test_bad_input_names_the_argument():
    Ws, x = chain((3, 2))
    with pytest.raises(ValueError, match="weights\\[0\\] must have 4 columns"):
        chain_forward(Ws, np.ones(4))
    with pytest.raises(ValueError, match="v must have x's shape"):
        jvp(Ws, x, np.ones(2))
    with pytest.raises(ValueError, match="u must have the output's shape"):
        vjp(Ws, x, np.ones(3))
