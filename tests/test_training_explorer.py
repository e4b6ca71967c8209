"""The training explorer of notebook 07, driven through its plain-Python API (and its asyncio Train)."""

import asyncio

import numpy as np
import pytest

from helpers.datasets import make_dataset
from helpers.training import Trainer
from helpers.widgets.training_explorer import TrainingExplorer


@pytest.fixture
def explorer():
    return TrainingExplorer(dataset="moons", width=8, depth=1, activation="tanh", learning_rate=0.5,
                            run_epochs=40)


def same_run(epochs, dataset="moons", hidden=(8,), activation="tanh", lr=0.5):
    X, y = make_dataset(dataset, 200, seed=0)
    trainer = Trainer(X, y, hidden=list(hidden), activation=activation, learning_rate=lr, batch_size=32,
                      seed=0)
    trainer.train(epochs)
    return trainer


def test_train_matches_a_plain_trainer_and_the_readout_shows_it(explorer):
    explorer.train(30)
    reference = same_run(30)
    assert explorer.state["epoch"] == 30
    assert explorer.state["loss"] == reference.losses[-1]
    assert np.allclose(explorer.state["grad_norms"], reference.grad_norms[-1])
    assert explorer.loss_label.value.startswith(f"epoch 30 · loss {reference.losses[-1]:.4f}")
    assert f"‖∂C/∂W2‖ = {reference.grad_norms[-1][1]:.2e}" in explorer.gradient_label.value


def test_step_trains_one_epoch_and_redraws(explorer):
    renders = explorer.image.renders
    explorer.step()
    explorer.step(2)
    assert explorer.state["epoch"] == 3 and explorer.image.renders == renders + 2
    assert len(explorer.loss_line.get_xdata()) == 3


def test_changing_the_dataset_resets(explorer):
    explorer.train(5)
    explorer.set_dataset("circles")
    assert explorer.state["epoch"] == 0 and explorer.state["dataset"] == "circles"
    X, _ = make_dataset("circles", 200, seed=0)
    assert np.array_equal(explorer.points.get_offsets(), X.T)
    assert explorer.loss_label.value.startswith("epoch 0 ")


def test_depth_and_activation_rebuild_the_network(explorer):
    explorer.set("depth", 3)
    explorer.set("activation", "sigmoid")
    assert explorer.trainer.layer_sizes == [2, 8, 8, 8, 1]
    assert len(explorer.grad_lines) == 4
    explorer.train(3)
    assert explorer.state["grad_norms"].shape == (4,)


def test_learning_rate_change_keeps_the_weights(explorer):
    explorer.train(5)
    explorer.set("learning_rate", 0.1)
    assert explorer.state["epoch"] == 5 and explorer.trainer.learning_rate == pytest.approx(0.1)


def test_a_too_large_learning_rate_never_raises_or_warns():
    explorer = TrainingExplorer(activation="relu", learning_rate=10.0, width=32, depth=4)
    for _ in range(30):
        explorer.buttons["Step"].click()             # through the callback guard, as the browser does
    assert explorer.state["epoch"] >= 1
    assert np.isfinite(explorer.state["loss"])
    assert "Could not" not in explorer.message.value


def test_dead_relus_at_eta_10_are_said_in_words_not_a_blank_gradient_panel():
    explorer = TrainingExplorer(activation="relu", learning_rate=10.0)       # width 8, one hidden layer
    explorer.step(3)
    assert explorer.message.value == "" and np.all(explorer.state["grad_norms"] > 0)
    explorer.step(2)                                  # epoch 4: every hidden ReLU is dead (seeded run)
    assert np.all(explorer.state["grad_norms"] == 0)
    assert "every hidden ReLU outputs 0 for every sample" in explorer.message.value
    assert "lower η and press Reset" in explorer.message.value
    assert explorer.figures.zero_note.get_text() == "‖∂C/∂W‖ = 0 for W1, W2"
    explorer.reset()
    assert explorer.message.value == "" and explorer.figures.zero_note.get_text() == ""


def test_weights_blown_up_show_a_message_instead_of_raising(explorer):
    explorer.trainer.weights[0][:] = np.inf          # what a diverged run leaves behind
    explorer.buttons["Step"].click()
    assert "Could not train one epoch" in explorer.message.value and "finite" in explorer.message.value

    async def scenario():
        explorer.start()
        while explorer.running:
            await asyncio.sleep(0.01)

    asyncio.run(scenario())
    assert "Training stopped" in explorer.message.value and not explorer.running


def test_train_button_runs_in_chunks_and_pause_stops_it(explorer):
    explorer.run_epochs = 2000

    async def scenario():
        explorer.buttons["Train"].click()
        assert explorer.running
        for _ in range(400):
            await asyncio.sleep(0.01)
            if explorer.state["epoch"] >= 3:
                break
        explorer.buttons["Pause"].click()
        at_pause = explorer.state["epoch"]
        await asyncio.sleep(0.05)
        return at_pause

    at_pause = asyncio.run(scenario())
    assert 3 <= at_pause < 2000                      # the task yielded between chunks: Pause got in
    assert explorer.state["epoch"] == at_pause and not explorer.running
    assert explorer.progress.value == at_pause


def test_a_full_run_fills_the_progress_bar(explorer):
    async def scenario():
        explorer.start()
        while explorer.running:
            await asyncio.sleep(0.01)

    asyncio.run(scenario())
    assert explorer.state["epoch"] == 40 and explorer.progress.value == explorer.progress.max == 40


def test_bad_settings_are_refused(explorer):
    with pytest.raises(ValueError, match="name"):
        explorer.set_dataset("squares")
    with pytest.raises(ValueError, match="name"):
        explorer.set("colour", 1)
    with pytest.raises(ValueError, match="width"):
        TrainingExplorer(width=0)
    with pytest.raises(ValueError, match="learning_rate"):
        TrainingExplorer(learning_rate=0.7)            # not one of the η slider's stops


def test_sigmoid_in_a_deep_net_shows_vanishing_gradients_in_the_readout():
    explorer = TrainingExplorer(activation="sigmoid", depth=4, learning_rate=0.5)
    explorer.step()
    norms = explorer.state["grad_norms"]
    assert norms[0] < norms[-1] / 10
    assert explorer.gradient_label.value.startswith(f"gradient size: ‖∂C/∂W1‖ = {norms[0]:.2e}")


def test_fast_redraws_show_what_a_full_render_shows():
    import io

    from PIL import Image

    explorer = TrainingExplorer()
    explorer.train(12)                      # limits settle: the next epochs redraw curves only
    explorer.step()
    for image in explorer.figure_images:
        fast = np.asarray(Image.open(io.BytesIO(image.widget.value)).convert("RGB"), dtype=int)
        full = np.asarray(Image.open(io.BytesIO(image.png())).convert("RGB"), dtype=int)
        assert fast.shape == full.shape
        assert np.mean(np.any(fast != full, axis=-1)) < 0.002, image.widget._dom_classes


def test_the_gradient_legend_sits_under_its_axes_never_over_a_line():
    explorer = TrainingExplorer(depth=4, activation="sigmoid")      # five layers: five legend entries
    explorer.train(3)
    renderer = explorer.figures.grads.figure.canvas.get_renderer()
    legend = explorer.figures.legend.get_window_extent(renderer)
    axes = explorer.figures.ax_grad.get_window_extent(renderer)
    assert legend.y1 <= axes.y0 and len(explorer.figures.legend.get_texts()) == 5
    assert explorer.figures.legend.get_texts()[-1].get_text() == "W5 (out)"
