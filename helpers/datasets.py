"""Seeded toy datasets and the bundled handwritten digits (notebook 07).

Every dataset follows the series' convention: **samples are columns**. A 2-D toy set is
``X`` of shape (2, m) and integer labels ``y`` of shape (m,); targets for a network come from
:func:`targets` (shape (1, m) for two classes, one-hot (k, m) for k classes).

- :func:`make_dataset` — ``"xor"``, ``"moons"``, ``"circles"``, ``"spirals"`` (2 classes each), generated
  here from a seed: nothing is downloaded.
- :func:`load_digits` — 8×8 handwritten digits: the test part (1,797 of 5,620) of the UCI "Optical
  Recognition of Handwritten Digits" set (Alpaydin & Kaynak; CC BY 4.0), written by 13 people other
  than the 30 of its training part; read from ``helpers/data/digits.csv.gz`` (provenance and checksum in
  ``helpers/data/README.md``; the published counts in ``helpers.reference.UCI_OPTDIGITS``).
- :func:`train_test_split` — a seeded, stratified split of columns.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import numpy as np

from ._checks import (
    MAX_ENTRIES,
    as_array,
    as_scalar,
    check_bool,
    check_choice,
    check_finite_result,
    check_int,
    check_size,
)
from .i18n import _

__all__ = ["DATASET_NAMES", "DIGITS_PATH", "DIGITS_SHA256", "make_dataset", "load_digits",
           "train_test_split", "targets", "file_sha256", "dataset_label"]

DATASET_NAMES = ("xor", "moons", "circles", "spirals")
DIGITS_PATH = Path(__file__).resolve().parent / "data" / "digits.csv.gz"
DIGITS_SHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"
DEFAULT_NOISE = {"xor": 0.25, "moons": 0.12, "circles": 0.08, "spirals": 0.04}
MAX_SAMPLES = 10_000_000   # make_dataset: 160 MB of coordinates; more is no longer a toy
MAX_CLASSES = 10_000       # targets: one row per class


def _xor(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Four Gaussian blobs at (±1, ±1); label 1 where the signs of x1 and x2 differ."""
    corners = np.array([[-1.0, -1.0], [1.0, 1.0], [-1.0, 1.0], [1.0, -1.0]])
    which = np.arange(n) % 4
    return corners[which].T.copy(), (which >= 2).astype(int)


def _moons(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half circles (upper arc label 0, lower shifted arc label 1)."""
    y = np.arange(n) % 2
    t = np.pi * rng.uniform(0.0, 1.0, n)
    x1 = np.where(y == 0, np.cos(t), 1.0 - np.cos(t))
    x2 = np.where(y == 0, np.sin(t), 0.5 - np.sin(t))
    return np.vstack([x1 - 0.5, x2 - 0.25]), y


def _circles(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """A small disc (label 1) inside a ring (label 0)."""
    y = np.arange(n) % 2
    t = 2.0 * np.pi * rng.uniform(0.0, 1.0, n)
    r = np.where(y == 1, 0.5, 1.0)
    return np.vstack([r * np.cos(t), r * np.sin(t)]), y


def _spirals(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved spiral arms, one and a half turns each."""
    y = np.arange(n) % 2
    s = rng.uniform(0.05, 1.0, n)
    angle = 3.0 * np.pi * s + np.pi * y
    return np.vstack([s * np.cos(angle), s * np.sin(angle)]), y


_MAKERS = {"xor": _xor, "moons": _moons, "circles": _circles, "spirals": _spirals}


def make_dataset(name: str, n: int = 200, *, noise: float | None = None,
                 seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A seeded 2-D, two-class toy dataset.

    ``name`` is one of :data:`DATASET_NAMES`; ``n`` samples (classes balanced); Gaussian ``noise``
    (standard deviation, default per dataset in ``DEFAULT_NOISE``) added to every coordinate.
    Returns ``X`` of shape (2, n) (samples are columns) and labels ``y`` of shape (n,) in {0, 1}.
    The same ``seed`` always gives the same arrays.
    """
    check_choice("name", name, DATASET_NAMES)
    n = check_int("n", n, minimum=4, maximum=MAX_SAMPLES)
    seed = check_int("seed", seed, minimum=0)
    noise = DEFAULT_NOISE[name] if noise is None else as_scalar("noise", noise)
    if noise < 0:
        raise ValueError(_("noise must be >= 0 (a standard deviation); got {noise}").format(noise=noise))
    rng = np.random.default_rng(seed)
    X, y = _MAKERS[name](n, rng)
    with np.errstate(over="ignore", invalid="ignore"):
        X = X + noise * rng.standard_normal(X.shape)
    check_finite_result(_("the noisy coordinates"), X,
                        advice=_("noise = {noise:g} is too large; use a noise below 1e300.").format(noise=noise))
    order = rng.permutation(n)
    return X[:, order], y[order]


def dataset_label(name: str) -> str:
    """``name`` (one of :data:`DATASET_NAMES`) as the learner reads it in this edition's figures and tables (the
    Korean edition names the shape and keeps the identifier beside it: "두 반달(moons)")."""
    labels = {"xor": _("xor"), "moons": _("moons"), "circles": _("circles"), "spirals": _("spirals")}
    return labels[check_choice("name", name, DATASET_NAMES)]


def file_sha256(path: Path | str) -> str:
    """The hex SHA-256 digest of a file's bytes (used to check the bundled data)."""
    if not isinstance(path, (str, Path)):
        raise TypeError(_("path must be a file path (str or pathlib.Path); got {kind}").format(
            kind=type(path).__name__))
    if not Path(path).is_file():
        raise FileNotFoundError(_("path must be an existing file; {path} is missing").format(path=path))
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_digits(path: Path | str = DIGITS_PATH, *, check: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """The UCI handwritten digits, test part (1,797 of 5,620): pixels scaled to [0, 1] and labels.

    Returns ``X`` of shape (64, 1797), float64, each column an 8×8 image read row by row
    (``X[:, i].reshape(8, 8)`` shows it), original values 0–16 divided by 16; and ``labels`` of
    shape (1797,), integers 0–9. With ``check=True`` the file's SHA-256 must match
    :data:`DIGITS_SHA256` (the checksum recorded in ``helpers/data/README.md``).
    """
    if not isinstance(path, (str, Path)):
        raise TypeError(_("path must be a file path (str or pathlib.Path); got {kind}").format(
            kind=type(path).__name__))
    check = check_bool("check", check)
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(_("path must be the digits file (see helpers/data/README.md); {path} is "
                                  "missing").format(path=path))
    if check and file_sha256(path) != DIGITS_SHA256:
        raise ValueError(_("path {path} does not have the recorded SHA-256 {digest}: the file changed").format(
            path=path, digest=DIGITS_SHA256))
    try:
        with gzip.open(path, "rt", encoding="ascii") as handle:
            table = np.loadtxt(handle, delimiter=",", dtype=np.int64)
    except (OSError, EOFError, UnicodeDecodeError, ValueError) as exc:   # BadGzipFile is an OSError
        raise ValueError(_("path {path} must be the gzipped digits file (rows of 64 pixels and a label, comma "
                           "separated; see helpers/data/README.md); reading it failed: {problem}").format(
            path=path, problem=f"{type(exc).__name__}: {exc}"[:200])) from exc
    if table.ndim != 2 or table.shape[1] != 65:
        raise ValueError(_("path {path} must hold rows of 64 pixels and a label; got shape {shape}").format(
            path=path, shape=table.shape))
    return table[:, :64].T / 16.0, table[:, 64].copy()


def train_test_split(X, labels, test_fraction: float = 0.25, *,
                     seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Split the columns of ``X`` (shape (n_in, m)) and ``labels`` (shape (m,)) into train and test.

    Stratified: each class keeps (to rounding) the same share ``test_fraction`` in the test set.
    Seeded and deterministic. Returns ``X_train, labels_train, X_test, labels_test``.
    """
    X = as_array("X", X, ndim=2)
    labels = _whole_labels(labels)
    if labels.shape[0] != X.shape[1]:
        raise ValueError(_("labels must have one entry per column of X ({columns}); got {entries}").format(
            columns=X.shape[1], entries=labels.shape[0]))
    test_fraction = as_scalar("test_fraction", test_fraction)
    if not 0.0 < test_fraction < 1.0:
        raise ValueError(_("test_fraction must be between 0 and 1 (exclusive); got {fraction}").format(
            fraction=test_fraction))
    rng = np.random.default_rng(check_int("seed", seed, minimum=0))
    test = []
    for value in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == value))
        test.extend(members[: int(round(test_fraction * members.size))])
    if not 0 < len(test) < labels.size:
        empty = (_("test_fraction = {fraction:g} of {samples} samples leaves the test set empty (each class's share "
                   "is rounded); use a test_fraction between {low:.2g} and {high:.2g} or more samples") if not test else
                 _("test_fraction = {fraction:g} of {samples} samples leaves the training set empty (each class's "
                   "share is rounded); use a test_fraction between {low:.2g} and {high:.2g} or more samples"))
        raise ValueError(empty.format(fraction=test_fraction, samples=labels.size, low=0.5 / labels.size,
                                      high=1 - 0.5 / labels.size))
    is_test = np.zeros(labels.size, dtype=bool)
    is_test[test] = True
    train_idx, test_idx = rng.permutation(np.flatnonzero(~is_test)), rng.permutation(np.flatnonzero(is_test))
    as_int = labels.astype(int)
    return X[:, train_idx], as_int[train_idx], X[:, test_idx], as_int[test_idx]


def targets(labels, n_classes: int | None = None) -> np.ndarray:
    """Network targets from integer labels (shape (m,)).

    Two classes give shape (1, m) with values 0/1 (one sigmoid output); ``n_classes`` > 2 gives a
    one-hot matrix of shape (n_classes, m) (one sigmoid output per class, one-vs-rest).
    """
    as_int = _whole_labels(labels)
    # max(2, ...): labels that are all 0 (a one-class subset) are still two-class targets, all 0
    if n_classes is None:
        k = max(2, int(as_int.max()) + 1)
        if k > MAX_CLASSES:
            raise ValueError(_("labels must be class numbers below {limit:,}; got a label {label:,}").format(
                limit=MAX_CLASSES, label=k - 1))
    else:
        k = check_int("n_classes", n_classes, minimum=2, maximum=MAX_CLASSES)
    if as_int.max() >= k:
        raise ValueError(_("labels must be < n_classes ({k}); got a label {label}").format(
            k=k, label=int(as_int.max())))
    if k == 2:
        return as_int[None, :].astype(float)
    check_size(_("one-hot targets for {k:,} classes × {samples:,} samples").format(k=k, samples=as_int.size),
               k * as_int.size, limit=MAX_ENTRIES, why=_("they would not fit in memory"))
    return (np.arange(k)[:, None] == as_int[None, :]).astype(float)


def _whole_labels(labels) -> np.ndarray:
    """Class labels (shape (m,)) as whole numbers >= 0, int64; True/False count as 1/0."""
    arr = as_array("labels", labels, ndim=1, allow_bool=True)
    if np.any(arr != np.round(arr)) or np.any(arr < 0):
        bad = arr[(arr != np.round(arr)) | (arr < 0)][0]
        raise ValueError(_("labels must be whole numbers >= 0 (class numbers); got an entry {bad:g}").format(bad=bad))
    if arr.max() > np.iinfo(np.int64).max / 2:
        raise ValueError(_("labels must be class numbers; got an entry {big:.3g}").format(big=arr.max()))
    return arr.astype(np.int64)
