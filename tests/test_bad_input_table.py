"""Issue 11: a table of concrete bad inputs to the numerical helpers, one row each.

Every row calls one public function or method with one bad argument and states the exception type and
the words its message must contain: the argument's name and what was expected (or, for an overflow,
that the value is too large for the computation). Rows marked ``# issue 11`` are the cases the issue
lists. The widgets' and exercises' rows live in their own test files.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from helpers import _checks as checks
from helpers import (
    activations,
    autograd,
    chain_rule,
    datasets,
    deltas,
    descent,
    example222,
    gates,
    gradcheck,
    jacobians,
    losses,
    mlp,
    reference,
    series,
    training,
)

TOO_LARGE = "too large for this computation"
W2, B2 = mlp.init_network([2, 3, 2], 0)
X2, Y2 = np.ones((2, 4)), np.full((2, 4), 0.5)
LINE = descent.LineFit()
NET = deltas.symbolic_network(2, 2, 1)


def square(p):
    return float(np.sum(np.asarray(p) ** 2))


def double(p):
    return 2 * np.asarray(p)


def trainer():
    return training.Trainer(np.random.default_rng(0).standard_normal((2, 8)), [0, 1] * 4, hidden=[3])


def value_with_overflowing_gradient():
    x = autograd.Value(1e-300, "x")
    y = (x * 1e300) * 1e300         # forward: 1e-300 → 1 → 1e300, all finite; ∂y/∂x = 1e600 is not
    y.backward()


def grad_forgot_return(p):
    2 * np.asarray(p)               # the slip: no `return`


CASES = [
    # ---- _checks (the shared checks themselves) -------------------------------------------------------
    ("as_array-str", lambda: checks.as_array("w", "1.5"), TypeError, ["w", "number"]),
    ("as_array-bool", lambda: checks.as_array("w", [True, False]), TypeError, ["w", "not True/False"]),
    ("as_array-ragged", lambda: checks.as_array("w", [[1, 2], [3]]), ValueError, ["w", "rectangular"]),
    ("as_array-complex", lambda: checks.as_array("w", [1j]), TypeError, ["w", "real"]),
    ("as_array-nan", lambda: checks.as_array("w", [1.0, np.nan]), ValueError, ["w", "finite"]),
    ("as_array-empty", lambda: checks.as_array("w", []), ValueError, ["w", "empty"]),
    ("as_array-dict", lambda: checks.as_array("w", {"a": 1}), TypeError, ["w", "number"]),
    ("as_array-float32-overflow", lambda: checks.as_array("w", [1e300], dtype=np.float32), ValueError,
     ["w", "too large", "float32"]),
    ("as_array-huge-int", lambda: checks.as_array("w", [10**400]), ValueError, ["w", "too large"]),
    ("as_scalar-true", lambda: checks.as_scalar("eta", True), TypeError, ["eta", "real number"]),
    ("as_scalar-complex", lambda: checks.as_scalar("eta", 1 + 2j), TypeError, ["eta", "real number"]),
    ("as_scalar-list", lambda: checks.as_scalar("eta", [0.5]), TypeError, ["eta", "real number"]),
    ("as_scalar-inf", lambda: checks.as_scalar("eta", float("inf")), ValueError, ["eta", "finite"]),
    ("check_bool-no", lambda: checks.check_bool("flag", "no"), TypeError, ["flag", "True or False"]),
    ("check_bool-one", lambda: checks.check_bool("flag", 1), TypeError, ["flag", "True or False"]),
    ("check_int-float", lambda: checks.check_int("n", 3.0), TypeError, ["n", "whole number"]),
    ("check_int-bool", lambda: checks.check_int("n", True), TypeError, ["n", "whole number"]),
    ("check_choice-unhashable", lambda: checks.check_choice("mode", [], ("a", "b")), ValueError,
     ["mode", "one of 'a', 'b'"]),
    ("check_choice-array", lambda: checks.check_choice("mode", np.array(["a"]), ("a", "b")), ValueError,
     ["mode", "one of"]),
    ("as_pair-three", lambda: checks.as_pair("span", (1, 2, 3)), TypeError, ["span", "pair of two numbers"]),
    ("as_pair-decreasing", lambda: checks.as_pair("span", (2, 1), increasing=True), ValueError,
     ["span", "low < high"]),
    ("check_size", lambda: checks.check_size("grid", 10**9), ValueError, ["grid", "limit"]),
    # ---- activations, losses, gradcheck ------------------------------------------------------------------
    ("sigmoid-bool", lambda: activations.sigmoid(True), TypeError, ["z", "not True/False"]),
    ("sigmoid-str", lambda: activations.sigmoid("0.5"), TypeError, ["z", "number"]),
    ("sigmoid-huge-int", lambda: activations.sigmoid(10**400), ValueError, ["z", "too large"]),
    ("tanh_prime-complex", lambda: activations.tanh_prime([1j]), TypeError, ["z", "real"]),
    ("relu_prime-nan", lambda: activations.relu_prime([np.nan]), ValueError, ["z", "finite"]),
    ("get_activation-list", lambda: activations.get_activation([]), ValueError,  # issue 11
     ["activation", "one of 'sigmoid'"]),
    ("get_activation-none", lambda: activations.get_activation(None), ValueError, ["activation", "one of"]),
    ("get_activation-array", lambda: activations.get_activation(np.array(["tanh"])), ValueError,
     ["activation", "one of"]),
    ("mse-overflow", lambda: losses.mse([1e200], [-1e200]), ValueError, ["½Σ(a − y)²", TOO_LARGE]),  # issue 11
    ("mse_grad-overflow", lambda: losses.mse_grad([1e308], [-1e308]), ValueError, ["a − y", TOO_LARGE]),
    ("mse-shapes", lambda: losses.mse([0.1, 0.2], [0.1]), ValueError, ["a", "y", "same shape"]),
    ("cross_entropy-range", lambda: losses.cross_entropy([1.2], [1.0]), ValueError, ["a", "[0, 1]"]),
    ("cross_entropy_grad-y", lambda: losses.cross_entropy_grad([0.5], [-0.1]), ValueError, ["y", "[0, 1]"]),
    ("sigmoid_cross_entropy-y", lambda: losses.sigmoid_cross_entropy([3.0], [2.0]), ValueError, ["y", "[0, 1]"]),
    ("get_loss-tuple", lambda: losses.get_loss(("mse",)), ValueError, ["loss", "one of 'mse'"]),
    ("forward_difference-h-tiny", lambda: gradcheck.forward_difference(np.sin, 1e6, 1e-12), ValueError,
     ["h", "larger than the gap between floats"]),
    ("central_difference-f-none", lambda: gradcheck.central_difference(lambda x: None, 0.5), TypeError,
     ["f", "single number"]),
    ("central_difference-x-bool", lambda: gradcheck.central_difference(np.sin, True), TypeError,
     ["x", "real number"]),
    ("numerical_gradient-f-overflow", lambda: gradcheck.numerical_gradient(lambda v: float(np.exp(v[0])), [800.0]),
     ValueError, ["f", "non-finite"]),
    ("numerical_gradient-size", lambda: gradcheck.numerical_gradient(square, np.zeros(1_000_001)), ValueError,
     ["x", "limit"]),
    ("relative_error-shapes", lambda: gradcheck.relative_error([1.0, 2.0], [[1.0, 2.0]]), ValueError,
     ["a", "b", "same shape"]),
    # ---- autograd --------------------------------------------------------------------------------------
    ("Value-pow-overflow", lambda: autograd.Value(10.0) ** 400, ValueError, ["**400", TOO_LARGE]),  # issue 11
    ("Value-pow-slope-overflow", lambda: autograd.Value(1e-200) ** -2, ValueError, ["**-2", TOO_LARGE]),
    ("Value-div-overflow", lambda: autograd.Value(1e300) / 1e-300, ValueError, ["'/'", TOO_LARGE]),  # issue 11
    ("Value-div-slope-overflow", lambda: autograd.Value(1.0) / 1e-200, ValueError,
     ["local gradient of '/'", "too large"]),
    ("Value-backward-overflow", value_with_overflowing_gradient, ValueError,  # issue 11
     ["gradient of x", TOO_LARGE]),
    ("Value-backward-accumulate-no", lambda: autograd.Value(1.0).backward(accumulate="no"), TypeError,  # issue 11
     ["accumulate", "True or False"]),
    ("Value-backward-accumulate-1", lambda: autograd.Value(1.0).backward(accumulate=1), TypeError,
     ["accumulate", "True or False"]),
    ("Value-data-true", lambda: autograd.Value(True), TypeError, ["data", "real number"]),
    ("Value-label-int", lambda: autograd.Value(1.0, 3), TypeError, ["label", "string"]),
    ("Value-add-str", lambda: autograd.Value(1.0) + "2", TypeError, ["other operand", "real number"]),
    ("Value-rpow", lambda: 2 ** autograd.Value(1.0), TypeError, ["exponent", "plain number"]),
    ("Value-exp-overflow", lambda: autograd.Value(800.0).exp(), ValueError, ["exp(800.0)", "overflows"]),
    ("Value-log-zero", lambda: autograd.Value(0.0).log(), ValueError, ["log", "positive input"]),
    ("topological_order-float", lambda: autograd.topological_order(1.0), TypeError, ["root", "Value"]),
    ("backward_steps-none", lambda: autograd.backward_steps(None), TypeError, ["root", "Value"]),
    ("maximum-str", lambda: autograd.maximum(1.0, "2"), TypeError, ["other operand", "real number"]),
    # ---- chain_rule ------------------------------------------------------------------------------------
    ("seed004_h-overflow", lambda: chain_rule.seed004_h(1e100), ValueError, ["seed004_h(x)", TOO_LARGE]),  # issue 11
    ("seed004_f-overflow", lambda: chain_rule.seed004_f(1e200), ValueError, ["seed004_f(x)", TOO_LARGE]),  # issue 11
    ("seed004_h_prime-overflow", lambda: chain_rule.seed004_h_prime(1e100), ValueError,  # issue 11
     ["seed004_h_prime(x)", TOO_LARGE]),
    ("seed004_h_prime_slip-overflow", lambda: chain_rule.seed004_h_prime_slip(1e200), ValueError,  # issue 11
     ["seed004_h_prime_slip(x)", TOO_LARGE]),
    ("seed004_g-array-overflow", lambda: chain_rule.seed004_g(np.array([1e200])), ValueError,
     ["seed004_g(u)", TOO_LARGE]),
    ("seed004_f-ragged", lambda: chain_rule.seed004_f([[1.0], [2.0, 3.0]]), ValueError, ["x", "rectangular"]),
    ("two_path_example-overflow", lambda: chain_rule.two_path_example(1e200), ValueError, ["u = x²", TOO_LARGE]),
    ("sum_over_paths-overflow", lambda: chain_rule.sum_over_paths([1e200, 1e200], [1e200, 1e200]), ValueError,
     ["sum over paths", TOO_LARGE]),
    ("sum_over_paths-lengths", lambda: chain_rule.sum_over_paths([1.0, 2.0], [1.0]), ValueError,
     ["outer_partials", "inner_derivatives", "same paths"]),
    ("step_size_errors-overflow", lambda: chain_rule.step_size_errors(chain_rule.seed004_h, chain_rule.seed004_h_prime,
                                                                      1e60, [1e50]), ValueError, [TOO_LARGE]),
    ("step_size_errors-hs", lambda: chain_rule.step_size_errors(np.sin, np.cos, 0.5, [1e-3, -1e-3]), ValueError,
     ["hs", "positive"]),
    ("best_step-window", lambda: chain_rule.best_step([1e-3, 1e-2, 1e-1], [1.0, 0.5, 2.0], 5), ValueError,
     ["window", "<= 3"]),
    ("best_step-negative-error", lambda: chain_rule.best_step([1e-3, 1e-2], [1.0, -0.5], 1), ValueError,
     ["errors", ">= 0"]),
    ("theoretical_best_step-method", lambda: chain_rule.theoretical_best_step("backward", 1.0, 1.0), ValueError,
     ["method", "one of 'forward', 'central'"]),
    # ---- gates -----------------------------------------------------------------------------------------
    ("multiply_forward-overflow", lambda: gates.multiply_forward(1e200, 1e200), ValueError, ["x · y", TOO_LARGE]),
    ("add_forward-overflow", lambda: gates.add_forward(1e308, 1e308), ValueError, ["x + y", TOO_LARGE]),
    ("multiply_backward-cache", lambda: gates.multiply_backward(1.0, "ab"), TypeError,
     ["cache", "tuple of 2", "multiply_forward"]),
    ("max_backward-cache", lambda: gates.max_backward(1.0, ("yes",)), TypeError, ["x_won", "True or False"]),
    ("reciprocal_backward-underflow", lambda: gates.reciprocal_backward(1.0, (1e-200,)), ValueError,  # issue 11
     ["−1/x²", TOO_LARGE]),
    ("reciprocal_backward-zero", lambda: gates.reciprocal_backward(1.0, (0.0,)), ValueError,  # issue 11
     ["cache[0] (x)", "non-zero"]),
    ("reciprocal_forward-zero", lambda: gates.reciprocal_forward(0.0), ValueError, ["x", "non-zero"]),
    ("copy_forward-huge", lambda: gates.copy_forward(1.0, 10**10), ValueError, ["n", "<= 1000000"]),
    ("copy_backward-length", lambda: gates.copy_backward([1.0], (2,)), ValueError, ["douts", "2 upstream"]),
    ("exp_forward-overflow", lambda: gates.exp_forward(710.0), ValueError, ["x", "at most 709.78"]),
    ("sigmoid_backward-cache", lambda: gates.sigmoid_backward(1.0, (1.5,)), ValueError, ["σ(x)", "[0, 1]"]),
    ("add_mul_circuit-x", lambda: gates.add_mul_circuit("a", 1.0, 2.0), TypeError,  # issue 11
     ["x must be a real number"]),
    ("gate_patterns_circuit-w", lambda: gates.gate_patterns_circuit(1.0, 2.0, 3.0, None), TypeError,  # issue 11
     ["w must be a real number"]),
    ("staged_circuit-y", lambda: gates.staged_circuit(1.0, [2.0]), TypeError, ["y must be a real number"]),  # issue 11
    ("sigmoid_neuron_circuit-w", lambda: gates.sigmoid_neuron_circuit([1.0, 2.0], [1.0, 2.0]), ValueError,
     ["w must have 3 entries; got 2"]),
    ("sigmoid_neuron_circuit-collapsed", lambda: gates.sigmoid_neuron_circuit([1, 2, 3], [1, 2], "no"), TypeError,
     ["collapsed", "True or False"]),
    ("staged_circuit-overflow", lambda: gates.staged_circuit(1e200, 1e200), ValueError, ["**2", TOO_LARGE]),
    # ---- jacobians -------------------------------------------------------------------------------------
    ("elementwise_jacobian-huge", lambda: jacobians.elementwise_jacobian(activations.relu_prime,  # issue 11
                                                                         np.zeros(100_000)), ValueError,
     ["Jacobian", "limit", "elementwise"]),
    ("dq_dW_tensor-huge", lambda: jacobians.dq_dW_tensor(np.ones((200, 200)), np.ones(200)), ValueError,
     ["dq_dW_tensor", "limit", "entry by entry"]),
    ("numerical_jacobian-f-shape", lambda: jacobians.numerical_jacobian(lambda x: np.ones((2, 2)), [1.0]),
     ValueError, ["f(x)", "dimension"]),
    ("norm_wx_forward-overflow", lambda: jacobians.norm_wx_forward(np.full((2, 2), 1e200), [1e200, 1.0]),
     ValueError, ["q = W·x", TOO_LARGE]),
    ("norm_wx_backward-shape", lambda: jacobians.norm_wx_backward(np.ones((2, 3)), [1.0, 2.0]), ValueError,
     ["W", "columns"]),
    ("linear_backward-dq", lambda: jacobians.linear_backward([1.0], [1.0, 2.0], np.ones((2, 2))), ValueError,
     ["dq", "one entry per row of W"]),
    ("contract_upstream-shape", lambda: jacobians.contract_upstream([1.0, 2.0, 3.0], np.ones((2, 2, 2))), ValueError,
     ["tensor", "grad_q"]),
    ("jacobian_entries-bool", lambda: jacobians.jacobian_entries(True, 3), TypeError, ["n_out", "whole number"]),
    # ---- example222 ------------------------------------------------------------------------------------
    ("ex.forward-overflow", lambda: example222.forward({**example222.start_params(), "w1": 1e308},  # issue 11
                                                       inputs=(1e10, 0.1)), ValueError, ["net_h1", TOO_LARGE]),
    ("ex.forward-targets-overflow", lambda: example222.forward(None, targets=(1e200, 0.99)), ValueError,
     [TOO_LARGE]),
    ("ex.forward-list", lambda: example222.forward([0.15] * 10), TypeError, ["params", "dict"]),
    ("ex.backward-fwd-keys", lambda: example222.backward(None, {"a": 1}), ValueError,  # issue 11 (was KeyError 't1')
     ["fwd", "forward() returns", "missing"]),
    ("ex.backward-fwd-list", lambda: example222.backward(None, [1]), TypeError, ["fwd", "dict"]),  # issue 11
    ("ex.update-fwd-keys", lambda: example222.update(None, fwd={"x": 1}), ValueError,  # issue 11 (was KeyError 't1')
     ["fwd", "missing"]),
    ("ex.update-grads-keys", lambda: example222.update(None, grads={"dE_dw1": 1.0}), ValueError,
     ["grads", "backward() returns", "missing"]),
    ("ex.update-biases-no", lambda: example222.update(None, update_biases="no"), TypeError,  # issue 11
     ["update_biases", "True or False"]),
    ("ex.update-hidden-1", lambda: example222.update(None, hidden_uses_updated=1), TypeError,  # issue 11
     ["hidden_uses_updated", "True or False"]),
    ("ex.update-eta-true", lambda: example222.update(None, True), TypeError, ["learning_rate", "real number"]),
    ("ex.train-steps-huge", lambda: example222.train(None, 10**9), ValueError, ["steps", "<= 1000000"]),
    ("ex.train-eta-negative", lambda: example222.train(None, 10, -0.5), ValueError, ["learning_rate", "> 0"]),
    ("ex.train-callback", lambda: example222.train(None, 1, callback="print"), TypeError, ["callback", "callable"]),
    ("ex.weight_matrices-missing", lambda: example222.weight_matrices({"w1": 1.0}), ValueError,
     ["params", "missing"]),
    # ---- deltas ----------------------------------------------------------------------------------------
    ("symbolic_formulas-str", lambda: deltas.symbolic_formulas("net"), TypeError,  # issue 11 (was AttributeError)
     ["net", "SymbolicNetwork"]),
    ("random_values-str", lambda: deltas.random_values("net"), TypeError, ["net", "SymbolicNetwork"]),
    ("compact-int", lambda: deltas.compact(1, "net"), TypeError, ["net", "SymbolicNetwork"]),
    ("is_zero-str", lambda: deltas.is_zero("x - x"), TypeError, ["expr", "sympy expression"]),
    ("g_prime-g", lambda: deltas.g_prime(np.tanh, sp.Symbol("z")), TypeError, ["g", "sympy Function"]),
    ("symbolic_network-l", lambda: deltas.symbolic_network(7), ValueError, ["l", "<= 6"]),
    ("verify_formulas-sigmoid-big", lambda: deltas.verify_formulas(deltas.symbolic_network(4, 4, 4, "sigmoid")),
     ValueError, ["verify_formulas", "limit", "sympy"]),
    ("node_by_node-overflow", lambda: deltas.node_by_node([1e200], [[1e200]], [0], [[1]], [0], [0], "identity"),
     ValueError, [TOO_LARGE]),
    ("node_by_node-t_k", lambda: deltas.node_by_node([1.0], [[1.0]], [0.0], [[1.0]], [0.0], [0.0, 1.0]),
     ValueError, ["t_k", "shape (1,)"]),
    ("node_by_node-w_ji-transposed", lambda: deltas.node_by_node([1.0, 2.0], np.ones((2, 3)), [0.0] * 3,
                                                                 np.ones((2, 3)), [0.0] * 2, [0.0] * 2),
     ValueError, ["w_ji", "shape (3, 2)", "transpose", "into hidden neuron j from input i"]),
    ("node_by_node-w_kj-transposed", lambda: deltas.node_by_node([1.0, 2.0], np.ones((3, 2)), [0.0] * 3,
                                                                 np.ones((3, 2)), [0.0] * 2, [0.0] * 2),
     ValueError, ["w_kj", "shape (2, 3)", "transpose", "into output k from hidden neuron j"]),
    ("to_matrix_form-shapes", lambda: deltas.to_matrix_form(np.ones((3, 2)), [0.0] * 2, np.ones((2, 3)), [0, 0]),
     ValueError, ["w_ji", "shape (2, 2)"]),
    ("weight_paths-t", lambda: deltas.weight_paths(W2, B2, [1.0, 1.0], [0.0, 0.0, 0.0], 1, 0, 0), ValueError,
     ["t", "one target per output"]),
    ("weight_paths-huge", lambda: deltas.weight_paths(*mlp.init_network([2] + [50] * 5 + [2], 0), [1, 1], [0, 0],
                                                      1, 0, 0), ValueError, ["weight_paths", "limit"]),
    ("seed000_bp4_slip-sizes", lambda: deltas.seed000_bp4_slip([1.0, 2.0], [1.0]), ValueError,
     ["delta", "a_prev", "same length"]),
    # ---- mlp -------------------------------------------------------------------------------------------
    ("init_network-rng-negative", lambda: mlp.init_network([2, 2], -1), ValueError, ["rng", ">= 0"]),  # issue 11
    ("init_network-rng-bool", lambda: mlp.init_network([2, 2], True), TypeError, ["rng", "Generator"]),
    ("init_network-huge", lambda: mlp.init_network([100_000, 100_000], 0), ValueError,  # issue 11
     ["layer_sizes", "weights", "limit"]),
    ("init_network-dtype", lambda: mlp.init_network([2, 2], 0, dtype="float16"), ValueError,
     ["dtype", "float32 or np.float64"]),
    ("init_network-dtype-nonsense", lambda: mlp.init_network([2, 2], 0, dtype="foo"), TypeError, ["dtype"]),
    ("init_network-scale-true", lambda: mlp.init_network([2, 2], 0, scale=True), TypeError,
     ["scale", "real number"]),
    ("train_step-eta-true", lambda: mlp.train_step(W2, B2, X2, Y2, True), TypeError,  # issue 11
     ["learning_rate", "real number"]),
    ("backprop-Y-none", lambda: mlp.backprop(W2, B2, X2, None), TypeError, ["Y", "number"]),
    ("backprop-overflow", lambda: mlp.backprop([np.full((3, 2), 1e200), np.ones((2, 3))], None, X2, Y2,  # issue 11
                                               "identity"), ValueError, ["gradients", TOO_LARGE]),
    ("forward-overflow", lambda: mlp.forward([np.full((3, 2), 1e200), np.ones((2, 3))], None, X2 * 1e200,  # issue 11
                                             "identity"), ValueError, ["forward pass", TOO_LARGE]),
    ("backprop-ce-targets", lambda: mlp.backprop(W2, B2, X2, Y2 + 1, loss="cross_entropy"), ValueError,
     ["Y", "[0, 1]"]),
    ("total_loss-activation", lambda: mlp.total_loss(W2, B2, X2, Y2, activation="softmax"), ValueError,
     ["activation", "one of"]),
    ("output_error-output_activation", lambda: mlp.output_error(Y2, Y2, Y2, output_activation="soft"), ValueError,
     ["output_activation", "one of"]),
    ("numerical_gradients-size", lambda: mlp.numerical_gradients(*mlp.init_network([784, 256, 10], 0),
                                                                 np.zeros((784, 2)), np.zeros((10, 2))),
     ValueError, ["numerical_gradients", "limit"]),
    ("forward-activations-size", lambda: mlp.forward([np.ones((100_000, 1))], None, np.ones((1, 1000))),
     ValueError, ["activations", "limit"]),
    ("backprop_per_sample-X-transposed", lambda: mlp.backprop_per_sample(W2, B2, X2.T, Y2), ValueError,
     ["X", "shape (2, m)"]),
    # ---- descent ---------------------------------------------------------------------------------------
    ("gradient_descent-grad-none", lambda: descent.gradient_descent(square, grad_forgot_return,  # issue 11
                                                                    [1.0, 1.0], 0.1), TypeError,
     ["grad returned None", "return"]),
    ("gradient_descent-loss-nan", lambda: descent.gradient_descent(lambda p: float("nan"), double,  # issue 11
                                                                   [1.0, 1.0], 0.1), ValueError,
     ["loss returned nan", "finite number"]),
    ("gradient_descent-loss-none", lambda: descent.gradient_descent(lambda p: None, double, [1.0, 1.0], 0.1),
     TypeError, ["loss returned None", "return"]),
    ("gradient_descent-grad-shape", lambda: descent.gradient_descent(square, lambda p: np.ones(3),  # issue 11
                                                                     [1.0, 1.0], 0.1), ValueError,
     ["grad", "shape (2,)"]),
    ("gradient_descent-huge-start", lambda: descent.gradient_descent(square, double, [1e200, 1e200], 0.1,  # issue 11
                                                                     bound=1e300), ValueError,
     ["loss returned inf", "start"]),
    ("gradient_descent-start-bound", lambda: descent.gradient_descent(square, double, [1e200, 1e200], 0.1),
     ValueError, ["start", "bound"]),
    ("gradient_descent-eta-true", lambda: descent.gradient_descent(square, double, [1.0], True), TypeError,  # issue 11
     ["learning_rate", "real number"]),
    ("gradient_descent-steps", lambda: descent.gradient_descent(square, double, [1.0], 0.1, 10**8), ValueError,
     ["steps", "<= 20000", "fewer steps"]),
    ("LineFit.loss-overflow", lambda: LINE.loss([1e200, 1e200]), ValueError, ["the loss", TOO_LARGE]),  # issue 11
    ("LineFit.gradient-overflow", lambda: LINE.gradient([1e308, 1e308]), ValueError, ["gradient", TOO_LARGE]),
    ("LineFit-data-overflow", lambda: descent.LineFit(slope=1e308, x_high=10.0), ValueError, ["data", TOO_LARGE]),
    ("LineFit-noise", lambda: descent.LineFit(noise=-1.0), ValueError, ["noise", ">= 0"]),
    ("LineFit.surface-size", lambda: LINE.surface((0, 1), (0, 1), 5000), ValueError, ["grid", "limit"]),
    ("loss_grid-range", lambda: descent.loss_grid(LINE.loss, (0, 1, 2), (0, 1)), TypeError,
     ["w_range", "pair of two numbers"]),
    ("describe_run-path", lambda: descent.describe_run(LINE, "path", 0.1), TypeError, ["path", "DescentPath"]),
    # ---- datasets and training -------------------------------------------------------------------------
    ("train_test_split-tiny-fraction",  # issue 11
     lambda: datasets.train_test_split(np.ones((2, 10)), np.arange(10) % 2, 0.001), ValueError,
     ["test_fraction", "test set empty"]),
    ("train_test_split-labels", lambda: datasets.train_test_split(np.ones((2, 3)), [0.5, 1, 0]), ValueError,
     ["labels", "whole numbers"]),
    ("targets-n_classes", lambda: datasets.targets([0, 1], 10**6), ValueError, ["n_classes", "<= 10000"]),
    ("targets-negative", lambda: datasets.targets([0, -1]), ValueError, ["labels", "whole numbers >= 0"]),
    ("make_dataset-noise", lambda: datasets.make_dataset("xor", 20, noise=1e308), ValueError,
     ["noise", "too large"]),
    ("make_dataset-n", lambda: datasets.make_dataset("xor", 10**10), ValueError, ["n", "<= 10000000"]),
    ("load_digits-check-no", lambda: datasets.load_digits(check="no"), TypeError, ["check", "True or False"]),
    ("load_digits-path-int", lambda: datasets.load_digits(3), TypeError, ["path", "file path"]),
    ("file_sha256-path-none", lambda: datasets.file_sha256(None), TypeError, ["path", "file path"]),
    ("Trainer-labels-fraction", lambda: training.Trainer(np.ones((2, 4)), [0.5, 1, 0, 1]), ValueError,
     ["labels", "whole numbers"]),
    ("Trainer-hidden-str", lambda: training.Trainer(np.ones((2, 4)), [0, 1, 0, 1], hidden="8"), TypeError,
     ["hidden", "list"]),
    ("Trainer.train-huge", lambda: trainer().train(10**12), ValueError, ["train", "limit"]),
    ("Trainer.update-batch", lambda: trainer().update(np.array([0.5])), TypeError, ["batch", "indices"]),
    ("Trainer.update-batch-range", lambda: trainer().update(np.array([100])), ValueError, ["batch", "0..7"]),
    ("Trainer.mean_loss-one", lambda: trainer().mean_loss(np.ones((2, 3))), TypeError, ["X and labels"]),
    ("predict_grid-x_range", lambda: training.predict_grid(trainer(), "ab", (0, 1)), TypeError,  # issue 11
     ["x_range", "pair of two numbers"]),
    ("predict_grid-trainer", lambda: training.predict_grid("trainer", (0, 1), (0, 1)), TypeError,
     ["trainer", "Trainer"]),
    ("predict_grid-n", lambda: training.predict_grid(trainer(), (0, 1), (0, 1), 10**5), ValueError,
     ["grid", "limit"]),
    ("confusion_matrix-n_classes", lambda: training.confusion_matrix([0, 1], [0, 1], 10**6), ValueError,
     ["n_classes", "<= 10000"]),
    ("minibatch_indices-m", lambda: training.minibatch_indices(10**12, 1, np.random.default_rng(0)), ValueError,
     ["m", "<="]),
    ("minibatch_indices-rng", lambda: training.minibatch_indices(10, 3, 0), TypeError, ["rng", "Generator"]),
    ("gradient_norms-array", lambda: training.gradient_norms(np.ones((2, 2))), TypeError, ["grads_W", "list"]),
    ("accuracy-shapes", lambda: training.accuracy([0, 1], [0]), ValueError, ["predicted", "labels", "same shape"]),
    # ---- series and reference --------------------------------------------------------------------------
    ("lesson-int", lambda: series.lesson(4), TypeError, ["slug_or_number", "string"]),  # issue 11
    ("nav_bar-list", lambda: series.nav_bar(["04"]), TypeError, ["slug", "string"]),
    ("available-int", lambda: series.available(3), TypeError, ["notebook_dir", "directory path"]),
    ("map_table-none", lambda: series.map_table(None), TypeError, ["notebook_dir", "directory path"]),
    ("published_tolerance-float", lambda: reference.published_tolerance(0.5), TypeError,  # issue 11
     ["text", "string"]),
    ("value-word", lambda: reference.value("half"), ValueError, ["text", "number written as a string"]),
]


def _function_of(case_id: str) -> str:
    """The function a row exercises: its id up to the first '-' (e.g. 'Value-pow-overflow' -> 'Value')."""
    return case_id.split("-")[0]


@pytest.mark.parametrize("call, exc, words", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_gets_a_clear_named_error(call, exc, words):
    with pytest.raises(exc) as info:
        call()
    assert type(info.value) is exc, f"expected exactly {exc.__name__}, got {type(info.value).__name__}"
    message = str(info.value)
    for word in words:
        assert word in message, f"message {message!r} should mention {word!r}"


def test_the_table_is_big_and_broad():
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids)), "every row has its own id"
    assert len(CASES) >= 110
    assert len({_function_of(i) for i in ids}) >= 30


def test_sigmoid_takes_any_real_number_type():
    """Issue 11: a sympy Float, a Fraction or 10**20 given to sigmoid is a number, not an error."""
    for z, expected in ((sp.Float(0.5), 0.6224593312018546), (Fraction(1, 2), 0.6224593312018546),
                        (10**20, 1.0), (sp.Rational(-1, 2), 1 - 0.6224593312018546)):
        assert activations.sigmoid(z) == pytest.approx(expected, rel=1e-15)
