"""05_node_by_node_deltas in a real JupyterLab: picking a weight in the path explorer lists its paths and
shows their sum and backprop's gradient, equal to what helpers compute in this process."""

from helpers.deltas import weight_paths
from helpers.mlp import backprop
from helpers.widgets.path_explorer import example_network, format_value, weight_label
from tests.browser.harness import expect, open_and_run
from tests.browser.layout_checks import assert_good_at_every_size

NOTEBOOK = "05_node_by_node_deltas.ipynb"


def expected(layer, j, k):
    weights, biases, x, t = example_network()
    paths = weight_paths(weights, biases, x, t, layer, j, k)
    grad = float(backprop(weights, biases, x.reshape(-1, 1), t.reshape(-1, 1))[0][layer - 1][j, k])
    return paths, grad


def expect_weight(page, layer, j, k, korean=False):
    paths, grad = expected(layer, j, k)
    total = sum(p.value for p in paths)
    if korean:
        expect(page.locator(".bp-paths-sum")).to_have_text(f"경로 {len(paths)}개의 합 = {format_value(total)}")
        expect(page.locator(".bp-paths-grad")).to_contain_text("역전파로 구한 ∂E/∂")
        expect(page.locator(".bp-paths-grad")).to_contain_text(f" = {format_value(grad)}")
        expect(page.locator(".bp-paths-match")).to_have_text("두 값이 일치합니다")
    else:
        expect(page.locator(".bp-paths-sum")).to_have_text(f"sum over {len(paths)} paths = {format_value(total)}")
        expect(page.locator(".bp-paths-grad")).to_contain_text(f"from backprop = {format_value(grad)}")
        expect(page.locator(".bp-paths-match")).to_have_text("they agree")
    expect(page.locator(".bp-paths-list li")).to_have_count(len(paths))
    for n, p in enumerate(paths):
        expect(page.locator(".bp-paths-list li").nth(n)).to_contain_text(format_value(p.value))


def test_picking_weights_shows_their_paths_and_gradient(lab, page):
    open_and_run(page, lab, NOTEBOOK)
    expect(page.locator(".bp-paths-figure")).to_be_visible()
    expect_weight(page, 1, 0, 0)                                  # the first weight is selected at start

    page.locator(".bp-paths-weight select").select_option(label=weight_label(2, 1, 2))
    expect_weight(page, 2, 1, 2)

    page.locator(".bp-paths-weight select").select_option(label=weight_label(1, 2, 1))
    expect_weight(page, 1, 2, 1)
    page.locator(".bp-paths-path select").select_option(label="path 3")   # one path: readouts unchanged
    expect_weight(page, 1, 2, 1)


def test_path_explorer_layout_at_every_size(page):
    """At 1024×768 with the file browser open, at 150% zoom of 1280×800 and 1024×768, and at 1920×1080:
    every readout as wide as its text, no button label cut, no slider shrunk to a dot, no figure
    distorted or overlapping a readout, each figure at its natural size where the column has room
    (the path explorer)."""
    assert_good_at_every_size(page)


def test_the_korean_edition_picks_weights_in_korean_and_fits(lab, page):
    """ko/05 (the kernel runs in notebooks/ko, so helpers speak Korean): the menus offer Korean labels,
    the readouts are Korean with the same numbers, and the explorer passes the same layout checks
    (1024×768 with the file browser open among them)."""
    open_and_run(page, lab, "ko/" + NOTEBOOK)
    expect(page.locator(".bp-paths-figure")).to_be_visible()
    expect_weight(page, 1, 0, 0, korean=True)
    page.locator(".bp-paths-weight select").select_option(label="w²₂₃ (1층 뉴런 3 → 2층 뉴런 2)")
    expect_weight(page, 2, 1, 2, korean=True)
    page.locator(".bp-paths-weight select").select_option(label="w¹₃₂ (0층 뉴런 2 → 1층 뉴런 3)")
    expect_weight(page, 1, 2, 1, korean=True)
    page.locator(".bp-paths-path select").select_option(label="경로 3")
    expect_weight(page, 1, 2, 1, korean=True)
    assert_good_at_every_size(page)
