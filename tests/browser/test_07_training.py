"""07_training in a real JupyterLab, in both editions: Train runs without blocking the kernel (the loss
readout falls and the boundary redraws while Pause still gets through), changing the dataset resets, the
learning-rate slider of the descent explorer reports divergence, and both explorers fit at every size
(the Korean edition with its Korean labels and readouts)."""

import re

import pytest

from helpers.datasets import make_dataset
from helpers.descent import LineFit, describe_run, gradient_descent
from helpers.training import Trainer
from tests.browser.harness import click_button, expect, open_and_run, slider_set, text_of
from tests.browser.layout_checks import assert_good_at_every_size

READOUT = ".bp-train-loss"
FIGURE = ".bp-train-figure"
NOTEBOOK = {"en": "07_training.ipynb", "ko": "ko/07_training.ipynb"}
# the loss readout and the Train, Pause, Step buttons as each edition shows them
SHOWN = {"en": ("epoch {epoch} · loss {loss}", r"epoch (\d+) · loss ([0-9.]+) · accuracy"),
         "ko": ("에폭 {epoch} · 손실 {loss}", r"에폭 (\d+) · 손실 ([0-9.]+) · 정확도")}
BUTTONS = {"en": ("Train", "Pause", "Step"), "ko": ("학습", "일시 정지", "한 에폭")}
CIRCLES = {"en": "circles", "ko": "동심원"}        # the dataset menu's label for circles


@pytest.fixture(scope="module", params=["en", "ko"])
def edition(request) -> str:
    """Each test runs in the English edition, then all of them in the Korean one (one notebook open at a time)."""
    return request.param


def initial_loss(dataset: str) -> float:
    """What the notebook's explorer shows before training (its defaults: 200 points, 8 tanh, seed 0)."""
    X, y = make_dataset(dataset, 200, seed=0)
    return Trainer(X, y, hidden=[8], activation="tanh", learning_rate=0.5, batch_size=32, seed=0).mean_loss()


def shown(page, edition: str = "en") -> tuple[int, float]:
    match = re.match(SHOWN[edition][1], text_of(page, READOUT))
    assert match, text_of(page, READOUT)
    return int(match.group(1)), float(match.group(2))


def figure_src(page) -> str:
    return page.locator(f"{FIGURE}").first.get_attribute("src") or ""


def wait_for(page, condition, timeout_ms: int = 30_000, what: str = "") -> None:
    for _ in range(timeout_ms // 100):
        if condition():
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"timed out waiting for {what}; readout: {text_of(page, READOUT)}")


def test_train_pause_and_dataset_reset(lab, page, edition):
    open_and_run(page, lab, NOTEBOOK[edition])
    readout, _ = SHOWN[edition]
    train, pause, step = BUTTONS[edition]
    start = initial_loss("moons")
    expect(page.locator(READOUT)).to_contain_text(readout.format(epoch=0, loss=f"{start:.4f}"))
    before = figure_src(page)

    click_button(page, train)
    wait_for(page, lambda: shown(page, edition)[0] >= 10, what="10 epochs of training")
    epoch, loss = shown(page, edition)
    assert loss < start, (loss, start)                       # the loss readout falls
    assert figure_src(page) != before                        # the boundary/loss figure was redrawn

    click_button(page, pause)                                # must reach the kernel mid-run
    page.wait_for_timeout(500)
    paused_epoch, _ = shown(page, edition)
    page.wait_for_timeout(1000)
    assert shown(page, edition)[0] == paused_epoch < 500     # stopped before the run's 500 epochs
    progress = page.locator(".bp-train-progress progress, .bp-train-progress .progress-bar").first
    expect(progress).to_be_attached()

    page.locator(".bp-train-dataset select").select_option(label=CIRCLES[edition])
    expect(page.locator(READOUT)).to_contain_text(readout.format(epoch=0, loss=f"{initial_loss('circles'):.4f}"))

    click_button(page, step)
    expect(page.locator(READOUT)).to_contain_text(readout.format(epoch=1, loss=""))


def test_learning_rate_slider_reports_divergence(lab, page, edition, monkeypatch):
    monkeypatch.setenv("BP_LANG", edition)                   # the expected readout in the edition's words
    problem = LineFit(seed=0)
    lr = 10.0 ** -0.2                                        # on the slider's grid (exponent steps of 0.05)
    path = gradient_descent(problem.loss, problem.gradient, [-1.5, 2.0], lr, 40)
    slider_set(page, ".bp-descent-lr", f"{lr:.6f}")
    expect(page.locator(".bp-descent-readout")).to_have_text(f"η = {lr:.3g}: {describe_run(problem, path, lr)}")
    assert path.status == "diverged"


def test_descent_and_training_explorers_layout_at_every_size(page, edition):
    """At 1024×768 with the file browser open, at 150% zoom of 1280×800 and 1024×768, and at 1920×1080:
    every readout as wide as its text, no button label cut, no slider shrunk to a dot, no figure
    distorted or overlapping a readout, each figure at its natural size where the column has room
    (both explorers)."""
    assert_good_at_every_size(page)
