"""helpers.descent: the two-parameter line fit, gradient descent and its graceful divergence."""

import warnings

import numpy as np
import pytest

from helpers.descent import LineFit, describe_run, gradient_descent, loss_grid
from helpers.gradcheck import numerical_gradient, relative_error
from helpers.reference import GRADCHECK_GOOD


@pytest.fixture
def problem():
    return LineFit(seed=0)


def test_gradient_matches_central_differences(problem):
    for p in ([-1.5, 2.0], [0.3, -0.7], [2.0, 1.0]):
        p = np.array(p)
        assert relative_error(problem.gradient(p), numerical_gradient(problem.loss, p)) < GRADCHECK_GOOD


def test_hessian_matches_differences_of_the_gradient(problem):
    h = 1e-5
    p = np.array([0.4, 0.2])
    columns = [(problem.gradient(p + h * e) - problem.gradient(p - h * e)) / (2 * h) for e in np.eye(2)]
    assert np.allclose(np.column_stack(columns), problem.hessian(), atol=1e-8)


def test_minimum_agrees_with_lstsq(problem):
    design = np.column_stack([problem.x, np.ones_like(problem.x)])
    expected, *_ = np.linalg.lstsq(design, problem.y, rcond=None)
    assert np.allclose(problem.minimum(), expected, atol=1e-12)
    assert np.linalg.norm(problem.gradient(problem.minimum())) < 1e-12


def test_good_learning_rate_reaches_the_minimum(problem):
    path = gradient_descent(problem.loss, problem.gradient, [-1.5, 2.0], 0.4, 2000)
    assert path.status == "converged"
    assert np.allclose(path.final, problem.minimum(), atol=1e-6)
    assert np.all(np.diff(path.losses) <= 1e-15)  # below 1/λ_max... not required, but loss must not rise here


def test_threshold_two_over_lambda_max_separates_convergence_from_divergence(problem):
    critical = 2.0 / np.linalg.eigvalsh(problem.hessian()).max()
    assert problem.critical_learning_rate() == pytest.approx(critical)
    below = gradient_descent(problem.loss, problem.gradient, [-1.5, 2.0], 0.97 * critical, 3000)
    above = gradient_descent(problem.loss, problem.gradient, [-1.5, 2.0], 1.03 * critical, 3000)
    assert below.status == "converged"
    assert above.status == "diverged"


def test_divergence_is_graceful_no_warning_no_nan(problem):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):  # any overflow inside would raise here
            path = gradient_descent(problem.loss, problem.gradient, [-1.5, 2.0], 50.0, 10_000)
    assert path.status == "diverged"
    assert np.all(np.isfinite(path.points)) and np.all(np.isfinite(path.losses))
    assert np.max(np.abs(path.points)) <= 1e6
    assert "diverged" in describe_run(problem, path, 50.0)


def test_divergence_of_an_exploding_function_is_caught():
    def loss(p):
        return float(np.exp(p[0]))

    def grad(p):
        return np.array([-np.exp(p[0]) * 1e300])

    path = gradient_descent(loss, grad, [1.0], 1.0, 10)
    assert path.status == "diverged" and path.steps == 0


def test_one_step_is_the_update_rule(problem):
    start = np.array([-1.5, 2.0])
    path = gradient_descent(problem.loss, problem.gradient, start, 0.1, 1)
    assert np.allclose(path.points[1], start - 0.1 * problem.gradient(start))
    assert path.losses[1] == pytest.approx(problem.loss(path.points[1]))


def test_small_learning_rate_crawls_and_zigzag_is_named(problem):
    slow = gradient_descent(problem.loss, problem.gradient, [-1.5, 2.0], 0.01, 50)
    assert slow.status == "stopped" and describe_run(problem, slow, 0.01).startswith("crawls")
    lr = 0.9 * problem.critical_learning_rate()
    fast = gradient_descent(problem.loss, problem.gradient, [-1.5, 2.0], lr, 50)
    assert "zig-zag" in describe_run(problem, fast, lr)
    steps = np.diff(fast.points, axis=0)
    along_max = steps @ np.linalg.eigh(problem.hessian())[1][:, 1]
    assert np.all(along_max[:-1] * along_max[1:] < 0)  # the steep component flips sign every step


def test_loss_grid_shapes_and_values(problem):
    W, B, L = loss_grid(problem.loss, (-1, 2), (-2, 3), n=7)
    assert W.shape == B.shape == L.shape == (7, 7)
    assert L[3, 5] == pytest.approx(problem.loss([W[3, 5], B[3, 5]]))


def test_vectorized_surface_equals_the_pointwise_grid(problem):
    W, B, L = loss_grid(problem.loss, (-1, 2), (-2, 3), n=9)
    W2, B2, L2 = problem.surface((-1, 2), (-2, 3), n=9)
    assert np.array_equal(W, W2) and np.array_equal(B, B2) and np.allclose(L, L2, rtol=1e-13)


def test_seeded_problem_is_deterministic():
    assert np.array_equal(LineFit(seed=3).x, LineFit(seed=3).x)
    assert not np.array_equal(LineFit(seed=3).x, LineFit(seed=4).x)


@pytest.mark.parametrize("call, message", [
    (lambda p: gradient_descent(p.loss, p.gradient, [0, 0], -0.1), "learning_rate"),
    (lambda p: gradient_descent(p.loss, p.gradient, [0, 0], 0.1, steps=-1), "steps"),
    (lambda p: gradient_descent(p.loss, "grad", [0, 0], 0.1), "grad"),
    (lambda p: gradient_descent(p.loss, p.gradient, [np.nan, 0], 0.1), "start"),
    (lambda p: p.loss([1.0, 2.0, 3.0]), "p must be the two parameters"),
    (lambda p: loss_grid(p.loss, (2, 1), (0, 1)), "w_range"),
    (lambda p: LineFit(x_low=3, x_high=1), "x_high"),
])
def test_bad_input_names_the_argument(problem, call, message):
    with pytest.raises((TypeError, ValueError), match=message):
        call(problem)


def test_a_run_still_inside_the_bound_but_growing_is_called_diverging(problem):
    lr = 1.05 * problem.critical_learning_rate()
    path = gradient_descent(problem.loss, problem.gradient, [-1.5, 2.0], lr, 20)
    assert path.status == "stopped" and path.final_loss > path.losses[0]
    assert describe_run(problem, path, lr).startswith("diverging")

