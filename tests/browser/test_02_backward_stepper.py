"""02_computational_graphs_and_gates in a real JupyterLab: click Next through the backward pass of the
CS231n sigmoid neuron and check each step's readout against what helpers compute in this process."""

from helpers import reference as ref
from helpers.autograd import backward_steps
from helpers.gates import sigmoid_neuron_circuit
from helpers.widgets.backward_stepper import node_names, step_formula
from tests.browser.harness import click_button, expect, open_and_run
from tests.browser.layout_checks import assert_good_at_every_size

NOTEBOOK = "02_computational_graphs_and_gates.ipynb"
STEPPER = ".bp-stepper"


def expected_steps():
    """(name, formula) for every step, computed here; the leaves' gradients checked against CS231n."""
    pub = ref.CS231N_SIGMOID_NEURON
    circuit = sigmoid_neuron_circuit(pub["w"], pub["x"])
    steps = backward_steps(circuit["f"])
    names = node_names(steps)
    grads = {names[id(s.node)]: s.grad for s in steps}
    for i, text in enumerate(pub["grad_w"]):
        assert abs(grads[f"w{i}"] - ref.value(text)) <= ref.published_tolerance(text)
    for i, text in enumerate(pub["grad_x"]):
        assert abs(grads[f"x{i}"] - ref.value(text)) <= ref.published_tolerance(text)
    output_name = names[id(circuit["f"])]
    return [(names[id(s.node)], step_formula(s, names, output_name)) for s in steps]


def test_next_walks_the_sigmoid_neuron_showing_upstream_times_local(lab, page):
    open_and_run(page, lab, NOTEBOOK)
    readout = page.locator(f"{STEPPER} .bp-stepper-readout")
    expect(page.locator(f"{STEPPER} .bp-stepper-figure")).to_be_visible()
    expected = expected_steps()
    expect(readout).to_contain_text(f"Step 0 of {len(expected)}")
    for k, (name, formula) in enumerate(expected, start=1):
        click_button(page, "Next", css=STEPPER)
        expect(readout).to_contain_text(f"Step {k} of {len(expected)}: node {name}")
        expect(readout).to_contain_text(formula)
    expect(readout).to_contain_text("the backward pass is complete")
    expect(page.locator(f"{STEPPER} .bp-stepper-next")).to_be_disabled()

    click_button(page, "Previous", css=STEPPER)
    name, formula = expected[-2]
    expect(readout).to_contain_text(f"node {name}")
    expect(readout).to_contain_text(formula)
    click_button(page, "Reset", css=STEPPER)
    expect(readout).to_contain_text(f"Step 0 of {len(expected)}")
    expect(page.locator(f"{STEPPER} .bp-stepper-prev")).to_be_disabled()


def test_stepper_layout_at_every_size(page):
    """At 1024×768 with the file browser open, at 150% zoom of 1280×800 and 1024×768, and at 1920×1080:
    every readout as wide as its text, no button label cut, no slider shrunk to a dot, no figure
    distorted or overlapping a readout, each figure at its natural size where the column has room
    (the stepper (its graph scrolls sideways at its natural size))."""
    assert_good_at_every_size(page)


def test_stepper_never_scrolls_sideways_at_1024x768_with_the_file_browser_open(page):
    """Issue 17: at 1024×768 with the file browser open the stepper's drawing fits the notebook column
    (its graph folds into bands), so neither the drawing's box nor the notebook scrolls sideways; the
    drawing is shown at its natural size. Runs after the tests above (same page, notebook already run)."""
    from tests.browser.layout_checks import SIZES, Size, ensure_file_browser, set_window

    try:
        set_window(page, SIZES["1024x768"])
        ensure_file_browser(page)
        page.wait_for_timeout(300)
        sizes = page.evaluate("""() => {
            const box = document.querySelector('.bp-stepper .bp-stepper-scroll');
            const img = box.querySelector('img');
            const panel = box.closest('.jp-WindowedPanel-outer, .jp-Notebook');
            return {box: box.clientWidth, content: box.scrollWidth, img: img.getBoundingClientRect().width,
                    natural: img.naturalWidth / (img.naturalWidth > 1000 ? 2 : 1),
                    panel: panel.clientWidth, panelContent: panel.scrollWidth};
        }""")
    finally:
        set_window(page, Size("default", 1280, 2200, 1.0))
    assert sizes["content"] <= sizes["box"] + 1, f"the stepper's drawing scrolls sideways: {sizes}"
    assert sizes["panelContent"] <= sizes["panel"] + 1, f"the notebook scrolls sideways: {sizes}"
