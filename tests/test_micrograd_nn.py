"""helpers.micrograd_nn: micrograd's Neuron/Layer/MLP on the scalar engine (notebook 02, Going deeper)."""

import numpy as np
import pytest

from helpers.gradcheck import numerical_gradient, relative_error
from helpers.micrograd_nn import MLP, squared_loss, train

XS = np.array([[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]])
YS = np.array([1.0, -1.0, -1.0, 1.0])


def numpy_loss(model, theta):
    """The same network with numpy (tanh hidden layers, linear output), parameters in model's order."""
    a, k = XS.T, 0
    for i, layer in enumerate(model.layers):
        n_out, n_in = len(layer.neurons), len(layer.neurons[0].w)
        Wb = theta[k:k + n_out * (n_in + 1)].reshape(n_out, n_in + 1)
        k += n_out * (n_in + 1)
        z = Wb[:, :n_in] @ a + Wb[:, n_in:]
        a = np.tanh(z) if i < len(model.layers) - 1 else z
    return float(np.sum((a.ravel() - YS) ** 2))


@pytest.mark.parametrize("sizes", [[1], [4, 1], [4, 4, 1], [2, 3, 1]])
def test_gradients_agree_with_central_differences_of_a_numpy_version(sizes):
    model = MLP(3, sizes, seed=3)
    loss = squared_loss(model, XS, YS)
    loss.backward()
    theta = np.array([p.data for p in model.parameters()])
    assert numpy_loss(model, theta) == pytest.approx(loss.data, rel=1e-12)
    numeric = numerical_gradient(lambda t: numpy_loss(model, t), theta)
    assert relative_error(np.array([p.grad for p in model.parameters()]), numeric) < 1e-7


def test_parameter_count_and_seed():
    model = MLP(3, [4, 4, 1], seed=1)
    assert len(model.parameters()) == 4 * 4 + 4 * 5 + 5
    again = MLP(3, [4, 4, 1], seed=1)
    assert [p.data for p in model.parameters()] == [p.data for p in again.parameters()]


def test_training_with_zero_grad_lowers_the_loss_and_without_it_does_not():
    right = train(MLP(3, [4, 4, 1], seed=1), XS, YS, 20, 0.05)
    slip = train(MLP(3, [4, 4, 1], seed=1), XS, YS, 20, 0.05, zero_grad=False)
    assert np.all(np.diff(right) < 0)
    assert slip[-1] > 10 * right[-1] and np.any(np.diff(slip) > 0)
    assert right[0] == slip[0]


def test_without_zero_grad_the_gradients_are_the_sum_of_every_step():
    model = MLP(3, [2, 1], seed=0)
    first = squared_loss(model, XS, YS)
    first.backward(accumulate=True)
    g1 = np.array([p.grad for p in model.parameters()])
    second = squared_loss(model, XS, YS)           # same parameters: the same gradient again
    second.backward(accumulate=True)
    assert np.allclose([p.grad for p in model.parameters()], 2 * g1)
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


@pytest.mark.parametrize(("call", "error"), [
    (lambda: MLP(0, [1]), ValueError),
    (lambda: MLP(3, [0]), ValueError),
    (lambda: MLP(3, [1], seed=-1), ValueError),
    (lambda: squared_loss(MLP(3, [1]), XS, YS[:2]), ValueError),
    (lambda: train(MLP(3, [1]), XS, YS, 0, 0.1), ValueError),
    (lambda: train(MLP(3, [1]), XS, YS, 1, 0.1, zero_grad="no"), TypeError),
])
def test_bad_inputs_raise_clear_errors(call, error):
    with pytest.raises(error):
        call()
