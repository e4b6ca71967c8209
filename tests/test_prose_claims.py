"""The prose claims only what is true: slips a reader once found (an identical-estimates claim, an
undefined relative error, a wrong "always") cannot come back.

Each test reads the notebooks' markdown (not the outputs), so a later edit that brings a slip back
fails here. The numbers behind the claims are asserted by the notebooks' own cells (nbval)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def markdown(stem: str, outside_quotes: bool = False) -> str:
    """The markdown of notebooks/<stem>*.ipynb; with outside_quotes, only lines not in a '>' box."""
    path = next(NOTEBOOKS.glob(f"{stem}*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    lines = [ln for c in nb.cells if c.cell_type == "markdown" for ln in c.source.split("\n")]
    if outside_quotes:
        lines = [ln for ln in lines if not ln.lstrip().startswith(">")]
    lines = [re.sub(r"^\s*>\s?", "", ln) for ln in lines]     # a box's text reads as one paragraph
    return re.sub(r"\s+", " ", "\n".join(lines))


def test_01_does_not_claim_forward_and_central_estimates_are_identical_for_tiny_h():
    text = markdown("01")
    assert "identical (the cell asserts it)" not in text
    assert not re.search(r"h ≤ 1e-10 the forward and central estimates are identical", text)
    assert '"identical for every tiny h" is false' in text      # the Going-deeper section says why


def test_01_defines_the_relative_error_where_it_is_first_used_and_names_cs231n_form():
    text = markdown("01")
    body = text[text.index("## 1."):]                 # after the header's list of goals
    first = body.index("relative error") + text.index("## 1.")
    definition = text.index(r"\operatorname{rel}(a, b) = \frac{|a - b|}{|a| + |b|}")
    assert definition - first < 2500, "01 uses the relative error long before it defines it"
    assert "max(|a|, |b|)" in text and "2×" in text


@pytest.mark.parametrize("stem", ["02", "04", "05", "06", "07"])
def test_later_notebooks_point_back_to_01_for_the_relative_error(stem):
    text = markdown(stem)
    if "relative error" in text:
        assert re.search(r"relative error.{0,200}(notebook 01|of 01)|(notebook 01|01's) relative error", text), stem


def test_02_says_when_a_second_backward_fails_not_that_it_always_does():
    text = markdown("02")
    assert "refuses a second backward" not in text
    assert "unless it is called with `retain_graph=True`" in text
    assert "runs backward a second time without that error" in text       # a chain of additions


def test_06_says_where_it_departs_from_nielsen():
    text = markdown("06")
    assert "Nielsen's input is layer 1" in text and "our W^l is Nielsen's W^{l+1}" in text
    assert "The conventions follow Michael Nielsen's" not in text


def test_07_says_its_digits_are_one_part_of_the_uci_set():
    text = markdown("07")
    assert "the 1,797 digits of the UCI" not in text
    assert "Ours is the test part" in text and "5,620" in text


@pytest.mark.parametrize("stem", ["04", "05"])
def test_korean_terms_follow_the_glossary(stem):
    text = markdown(stem, outside_quotes=True)
    for wrong in ("backward pass (역전파)", "hidden neurons (은닉층)", "hidden neuron (은닉층)"):
        assert wrong not in text, f"{stem}: {wrong!r}"


FROM_TO = re.compile(r"w_\{?(ij|jk|i\d+j\d+|j\d+k\d+)\}?")   # the seeds' order: first index = from


def test_05_indexes_weights_into_from_outside_quoted_boxes():
    lines = [ln for ln in markdown("05", outside_quotes=True).split(". ") if FROM_TO.search(ln) and "EX2[" not in ln]
    assert not lines, lines
    text = markdown("05", outside_quotes=True)
    assert "change of labels" not in text and "labels are Nielsen's" not in text
    assert r"w_{kj}" in text and r"w_{ji}" in text
