"""02_computational_graphs_and_gates in a real JupyterLab, in both editions: click Next through the
backward pass of the CS231n sigmoid neuron and check each step's readout against what helpers compute in
this process; the stepper's layout at every size (the Korean labels are wider). The Korean notebook runs
from notebooks/ko/, so its kernel speaks Korean (helpers.i18n) under JupyterLab's English interface."""

import pytest

from helpers import reference as ref
from helpers.autograd import backward_steps
from helpers.gates import sigmoid_neuron_circuit
from helpers.widgets.backward_stepper import node_names, step_formula
from tests.browser.harness import click_button, expect, open_and_run
from tests.browser.layout_checks import assert_good_at_every_size

NOTEBOOK = "02_computational_graphs_and_gates.ipynb"
STEPPER = ".bp-stepper"

# What each edition's stepper says, written out here (not computed by the code under test).
WORDS = {
    "en": {"path": NOTEBOOK, "next": "Next", "previous": "Previous", "reset": "Reset",
           "start": "Step 0 of {total}", "step": "Step {k} of {total}: node {name}", "node": "node {name}",
           "complete": "the backward pass is complete"},
    "ko": {"path": f"ko/{NOTEBOOK}", "next": "다음", "previous": "이전", "reset": "처음으로",
           "start": "{total}단계 중 0단계", "step": "{total}단계 중 {k}단계: 노드 {name}", "node": "노드 {name}",
           "complete": "역방향 패스 완료"},
}


@pytest.fixture(scope="module", params=["en", "ko"])
def edition(request, lab):
    """Every test below runs once per edition, the English ones first (same page, module scope)."""
    lab.shutdown_kernels()
    return request.param


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


def test_next_walks_the_sigmoid_neuron_showing_upstream_times_local(lab, page, edition, monkeypatch):
    words = WORDS[edition]
    open_and_run(page, lab, words["path"])
    readout = page.locator(f"{STEPPER} .bp-stepper-readout")
    expect(page.locator(f"{STEPPER} .bp-stepper-figure")).to_be_visible()
    monkeypatch.setenv("BP_LANG", edition)                 # the formulas in the edition's words
    expected = expected_steps()
    total = len(expected)
    expect(readout).to_contain_text(words["start"].format(total=total))
    for k, (name, formula) in enumerate(expected, start=1):
        click_button(page, words["next"], css=STEPPER)
        expect(readout).to_contain_text(words["step"].format(k=k, total=total, name=name))
        expect(readout).to_contain_text(formula)
    expect(readout).to_contain_text(words["complete"])
    expect(page.locator(f"{STEPPER} .bp-stepper-next")).to_be_disabled()

    click_button(page, words["previous"], css=STEPPER)
    name, formula = expected[-2]
    expect(readout).to_contain_text(words["node"].format(name=name))
    expect(readout).to_contain_text(formula)
    click_button(page, words["reset"], css=STEPPER)
    expect(readout).to_contain_text(words["start"].format(total=total))
    expect(page.locator(f"{STEPPER} .bp-stepper-prev")).to_be_disabled()


def test_stepper_layout_at_every_size(page, edition):
    """At 1024×768 with the file browser open, at 150% zoom of 1280×800 and 1024×768, and at 1920×1080:
    every readout as wide as its text, no button label cut, no slider shrunk to a dot, no figure
    distorted or overlapping a readout, each figure at its natural size where the column has room
    (the stepper (its graph scrolls sideways at its natural size))."""
    assert_good_at_every_size(page)


def test_stepper_never_scrolls_sideways_at_1024x768_with_the_file_browser_open(page, edition):
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
