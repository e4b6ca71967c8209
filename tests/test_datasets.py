"""helpers.datasets: seeded toy sets, the bundled UCI digits (checksum, shape, provenance), splits."""

import gzip
import hashlib
from pathlib import Path

import numpy as np
import pytest

from helpers.datasets import (
    DATASET_NAMES,
    DIGITS_PATH,
    DIGITS_SHA256,
    file_sha256,
    load_digits,
    make_dataset,
    targets,
    train_test_split,
)

README = Path(DIGITS_PATH).parent / "README.md"


def test_digits_file_has_the_recorded_sha256():
    digest = hashlib.sha256(DIGITS_PATH.read_bytes()).hexdigest()  # independent of file_sha256
    assert digest == DIGITS_SHA256
    assert file_sha256(DIGITS_PATH) == digest


def test_readme_states_provenance_license_and_the_same_checksum():
    text = README.read_text(encoding="utf-8")
    for phrase in ("Optical Recognition of Handwritten Digits", "Alpaydin", "Kaynak", "CC BY 4.0",
                   "scikit-learn", DIGITS_SHA256):
        assert phrase in text


def test_digits_shape_range_and_class_counts():
    X, labels = load_digits()
    assert X.shape == (64, 1797) and labels.shape == (1797,)
    assert X.min() == 0.0 and X.max() == 1.0
    assert np.allclose(X * 16, np.round(X * 16))          # original integers 0..16
    assert set(np.unique(labels)) == set(range(10))
    assert np.all(np.bincount(labels) >= 170)             # roughly 180 of each digit


def test_digits_columns_are_the_csv_rows():
    with gzip.open(DIGITS_PATH, "rt") as handle:
        first = [int(v) for v in handle.readline().split(",")]
    X, labels = load_digits()
    assert np.array_equal(X[:, 0] * 16, first[:64]) and labels[0] == first[64]


def test_a_changed_digits_file_is_refused(tmp_path):
    bad = tmp_path / "digits.csv.gz"
    bad.write_bytes(gzip.compress(b"0,1\n"))
    with pytest.raises(ValueError, match="SHA-256"):
        load_digits(bad)
    with pytest.raises(FileNotFoundError, match="path"):
        load_digits(tmp_path / "missing.csv.gz")


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_toy_sets_are_seeded_balanced_columns(name):
    X, y = make_dataset(name, 200, seed=3)
    X2, y2 = make_dataset(name, 200, seed=3)
    X3, _ = make_dataset(name, 200, seed=4)
    assert X.shape == (2, 200) and y.shape == (200,)
    assert np.array_equal(X, X2) and np.array_equal(y, y2) and not np.array_equal(X, X3)
    assert np.bincount(y).tolist() == [100, 100]


def test_toy_sets_have_their_shape_without_noise():
    X, y = make_dataset("xor", 40, noise=0.0)
    assert np.array_equal(y, (np.sign(X[0]) != np.sign(X[1])).astype(int))
    X, y = make_dataset("circles", 40, noise=0.0)
    assert np.allclose(np.hypot(*X), np.where(y == 1, 0.5, 1.0))
    X, y = make_dataset("spirals", 40, noise=0.0)
    assert np.all(np.hypot(*X) <= 1.0 + 1e-12)


def test_split_is_stratified_disjoint_and_complete():
    X, labels = load_digits()
    Xtr, ltr, Xte, lte = train_test_split(X, labels, 0.25, seed=0)
    assert Xtr.shape[1] + Xte.shape[1] == 1797 and ltr.size + lte.size == 1797
    counts, test_counts = np.bincount(labels), np.bincount(lte, minlength=10)
    assert np.all(np.abs(test_counts - 0.25 * counts) <= 0.5)
    train_cols = {tuple(c) for c in (Xtr.T * 16).astype(int)}
    test_cols = {tuple(c) for c in (Xte.T * 16).astype(int)}
    assert len(train_cols & test_cols) <= 5  # only exact duplicate images may appear in both
    again = train_test_split(X, labels, 0.25, seed=0)
    assert np.array_equal(again[3], lte)


def test_targets_binary_and_one_hot():
    assert targets([0, 1, 1]).tolist() == [[0.0, 1.0, 1.0]]
    one_hot = targets([2, 0, 1], 3)
    assert one_hot.shape == (3, 3) and np.array_equal(one_hot.argmax(axis=0), [2, 0, 1])
    assert np.all(one_hot.sum(axis=0) == 1)


@pytest.mark.parametrize("call, message", [
    (lambda: make_dataset("squares"), "name"),
    (lambda: make_dataset("xor", n=2), "n"),
    (lambda: make_dataset("xor", noise=-1), "noise"),
    (lambda: train_test_split(np.zeros((2, 4)), [0, 1, 0], 0.5), "labels"),
    (lambda: train_test_split(np.zeros((2, 4)), [0, 1, 0, 1], 1.5), "test_fraction"),
    (lambda: targets([0, 1.5]), "labels"),
    (lambda: targets([0, 3], 3), "n_classes"),
])
def test_bad_input_names_the_argument(call, message):
    with pytest.raises((TypeError, ValueError), match=message):
        call()
