"""Trainer skips re-checking the arrays it made itself (a speed-up for notebook 07): the numbers and the
errors must be exactly those of the fully checked path (backprop and total_loss with their input checks)."""

import numpy as np
import pytest

from helpers.datasets import make_dataset
from helpers.training import Trainer


def checked_only(trainer: Trainer) -> Trainer:
    """The same trainer, forced to take the fully checked path on every update and loss."""
    trainer._checked_before = lambda Xb, Yb: False
    return trainer


@pytest.mark.parametrize("activation, hidden", [("tanh", [8]), ("relu", [8, 8]), ("sigmoid", [8, 8, 8, 8])])
def test_fast_path_gives_bit_identical_training(activation, hidden):
    X, y = make_dataset("spirals", 120, seed=2)
    fast = Trainer(X, y, hidden=hidden, activation=activation, learning_rate=0.5, batch_size=16, seed=1)
    slow = checked_only(Trainer(X, y, hidden=hidden, activation=activation, learning_rate=0.5, batch_size=16,
                                seed=1))
    fast.train(15)
    slow.train(15)
    assert fast.losses == slow.losses
    assert all(np.array_equal(a, b) for a, b in zip(fast.grad_norms, slow.grad_norms, strict=True))
    assert all(np.array_equal(a, b) for a, b in zip(fast.weights + fast.biases, slow.weights + slow.biases,
                                                    strict=True))
    assert fast.mean_loss() == slow.mean_loss() and fast.mean_loss(X, y) == slow.mean_loss(X, y)


def test_the_fast_path_is_taken_after_the_first_update():
    X, y = make_dataset("moons", 64, seed=0)
    trainer = Trainer(X, y, hidden=[4], seed=0)
    assert not trainer._checked_before(X[:, :8], trainer.Y[:, :8])      # nothing made yet: check everything
    trainer.train(1)
    assert trainer._checked_before(X[:, :8], trainer.Y[:, :8])
    trainer.weights = list(trainer.weights)                              # arrays it did not make itself
    trainer.weights[0] = trainer.weights[0].copy()
    assert not trainer._checked_before(X[:, :8], trainer.Y[:, :8])


@pytest.mark.parametrize("damage", ["inf in place", "None", "wrong shapes"])
def test_damaged_weights_raise_the_checked_paths_clear_error(damage):
    X, y = make_dataset("moons", 64, seed=0)
    errors = []
    for force_checks in (False, True):
        trainer = Trainer(X, y, hidden=[4], seed=0)
        trainer.train(1)
        if force_checks:
            checked_only(trainer)
        if damage == "inf in place":
            trainer.weights[0][:] = np.inf
        elif damage == "None":
            trainer.weights = None
        else:
            trainer.weights = [np.ones((3, 2)), np.ones((1, 3))]
        with pytest.raises((TypeError, ValueError)) as info:
            trainer.run_epoch()
        errors.append((info.type, str(info.value)))
    assert errors[0] == errors[1]
    assert "weights" in errors[0][1] or "biases" in errors[0][1]


def test_an_epoch_that_would_overflow_stops_the_fast_updates_and_raises_the_checked_error():
    X, y = make_dataset("moons", 64, seed=0)
    outcomes = []
    for force_checks in (False, True):
        trainer = Trainer(X, y, hidden=[4], seed=0, batch_size=8)
        trainer.train(1)
        if force_checks:
            checked_only(trainer)
        trainer.learning_rate = 1e307                 # an update of this epoch overflows
        with pytest.raises(ValueError) as info:
            trainer.run_epoch()
        outcomes.append((str(info.value), [w.copy() for w in trainer.weights]))
    assert outcomes[0][0] == outcomes[1][0] and "too large" in outcomes[0][0]
    assert all(np.array_equal(a, b) for a, b in zip(outcomes[0][1], outcomes[1][1], strict=True))


def test_the_epoch_fast_path_does_every_batch_of_a_normal_epoch():
    X, y = make_dataset("moons", 64, seed=0)
    trainer = Trainer(X, y, hidden=[4], seed=0, batch_size=8)
    trainer.train(1)
    calls = []
    original = trainer.update
    trainer.update = lambda batch: calls.append(batch) or original(batch)
    trainer.run_epoch()
    assert calls == []                              # all 8 batches went through the fast updates
