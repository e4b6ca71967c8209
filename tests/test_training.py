"""helpers.training: the mini-batch update, gradient norms, accuracy, confusion matrix, the digits run."""

import numpy as np
import pytest

from helpers.datasets import load_digits, make_dataset, targets, train_test_split
from helpers.gradcheck import numerical_gradient
from helpers.mlp import total_loss, train_step
from helpers.training import (
    Trainer,
    accuracy,
    confusion_matrix,
    gradient_norms,
    minibatch_indices,
    predict_grid,
)


@pytest.fixture
def moons():
    return make_dataset("moons", 120, seed=1)


def test_update_is_the_mean_gradient_step_of_mlp_train_step(moons):
    X, y = moons
    trainer = Trainer(X, y, hidden=[5], activation="tanh", learning_rate=0.7, seed=2)
    batch = np.arange(10)
    expected_W, expected_b = train_step(trainer.weights, trainer.biases, X[:, batch], targets(y[batch]), 0.7,
                                        activation="tanh", loss="cross_entropy", output_activation="sigmoid")
    trainer.update(batch)
    for got, want in zip(trainer.weights + trainer.biases, expected_W + expected_b, strict=True):
        assert np.allclose(got, want, atol=1e-14)


def test_gradient_norms_match_finite_differences(moons):
    X, y = moons
    trainer = Trainer(X, y, hidden=[4, 3], activation="sigmoid", seed=0)
    Xb, Yb = X[:, :16], targets(y[:16])
    expected = []
    for layer in range(3):
        def loss_of(W, layer=layer):
            weights = list(trainer.weights)
            weights[layer] = W
            return total_loss(weights, trainer.biases, Xb, Yb, "sigmoid", "cross_entropy", "sigmoid") / 16
        expected.append(np.linalg.norm(numerical_gradient(loss_of, trainer.weights[layer])))
    got = Trainer(X, y, hidden=[4, 3], activation="sigmoid", seed=0).update(np.arange(16))
    assert np.allclose(got, expected, rtol=1e-6)


def test_gradient_norms_divide_by_m():
    assert np.allclose(gradient_norms([np.full((2, 2), 3.0), np.ones((1, 2))], m=3), [2.0, np.sqrt(2) / 3])


def test_training_lowers_the_loss_and_is_deterministic(moons):
    X, y = moons
    a = Trainer(X, y, hidden=[8], activation="tanh", learning_rate=0.5, seed=0)
    b = Trainer(X, y, hidden=[8], activation="tanh", learning_rate=0.5, seed=0)
    start = a.mean_loss()
    a.train(100)
    b.train(100)
    assert a.losses[-1] < 0.5 * start
    assert a.losses == b.losses and a.accuracy() > 0.95
    assert a.state["epoch"] == 100 and a.state["grad_norms"].shape == (2,)


def test_sigmoid_gradients_shrink_toward_the_input_in_a_deep_net(moons):
    X, y = moons
    deep = Trainer(X, y, hidden=[8, 8, 8, 8], activation="sigmoid", learning_rate=0.5, seed=0)
    deep.train(5)
    norms = deep.grad_norms[-1]
    assert norms[0] < norms[-1] / 10   # vanishing: layer 1 learns far slower than the output layer


def test_minibatches_partition_the_samples():
    batches = minibatch_indices(10, 4, np.random.default_rng(0))
    assert [b.size for b in batches] == [4, 4, 2]
    assert sorted(np.concatenate(batches).tolist()) == list(range(10))


def test_accuracy_and_confusion_matrix_by_hand():
    labels, predicted = [0, 1, 2, 2, 1], [0, 2, 2, 2, 1]
    assert accuracy(predicted, labels) == pytest.approx(0.8)
    expected = np.array([[1, 0, 0], [0, 1, 1], [0, 0, 2]])
    assert np.array_equal(confusion_matrix(labels, predicted, 3), expected)


def test_digits_reach_95_percent_on_the_test_set():
    X, labels = load_digits()
    Xtr, ltr, Xte, lte = train_test_split(X, labels, 0.25, seed=0)
    trainer = Trainer(Xtr, ltr, hidden=[32], activation="sigmoid", learning_rate=2.0, batch_size=16, seed=0)
    trainer.train(30)
    predicted = trainer.predict(Xte)
    assert accuracy(predicted, lte) >= 0.95
    counts = confusion_matrix(lte, predicted, 10)
    assert counts.sum() == lte.size and np.trace(counts) == np.sum(predicted == lte)


def test_predict_grid_is_the_output_at_each_point(moons):
    X, y = moons
    trainer = Trainer(X, y, hidden=[3], seed=0)
    G1, G2, P = predict_grid(trainer, (-1, 1), (-2, 2), n=5)
    assert P.shape == (5, 5)
    assert P[4, 2] == pytest.approx(trainer.outputs(np.array([[G1[4, 2]], [G2[4, 2]]]))[0, 0])


@pytest.mark.parametrize("call, message", [
    (lambda X, y: Trainer(X, y[:-1]), "labels"),
    (lambda X, y: Trainer(X, y, activation="softplus"), "activation"),
    (lambda X, y: Trainer(X, y, learning_rate=0), "learning_rate"),
    (lambda X, y: Trainer(X, y, hidden="8"), "hidden"),
    (lambda X, y: Trainer(X, y, hidden=[0]), "hidden"),
    (lambda X, y: Trainer(X, y).train(-1), "epochs"),
    (lambda X, y: confusion_matrix([0, 3], [0, 1], 3), "labels"),
    (lambda X, y: accuracy([0, 1], [0, 1, 1]), "same shape"),
])
def test_bad_input_names_the_argument(moons, call, message):
    with pytest.raises((TypeError, ValueError), match=message):
        call(*moons)
