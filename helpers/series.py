"""The series map: one record per notebook, used by 00_welcome's map, the navigation bars and the
hygiene tests (so the map, the links and the checks cannot drift apart)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ._checks import check_str


@dataclass(frozen=True)
class Lesson:
    number: str      # "00" … "07"
    slug: str        # file name without .ipynb
    title: str       # English title
    korean: str      # the Korean term for the topic
    question: str    # the question the notebook answers
    seeds: str       # which seed notes it draws on

    @property
    def filename(self) -> str:
        return f"{self.slug}.ipynb"


SERIES: tuple[Lesson, ...] = (
    Lesson("00", "00_welcome", "Welcome", "환영합니다", "How do I use this series, and what do the symbols mean?",
           "all five"),
    Lesson("01", "01_chain_rule", "The chain rule", "연쇄 법칙",
           "How does a change in x ripple through a composition of functions?", "003, 004"),
    Lesson("02", "02_computational_graphs_and_gates", "Computational graphs and gates", "계산 그래프와 게이트",
           "How does each gate pass gradients backward, and how does an autograd engine do it?", "001"),
    Lesson("03", "03_vectors_matrices_jacobians", "Vectors, matrices and Jacobians", "벡터, 행렬, 야코비안",
           "Why is dL/dW = dq xᵀ, and why does nobody build the big Jacobian?", "001"),
    Lesson("04", "04_worked_example_222", "The 2-2-2 sigmoid worked example", "2-2-2 시그모이드 예제",
           "What is every number of one forward pass, backward pass and update?", "004"),
    Lesson("05", "05_node_by_node_deltas", "Node-by-node deltas", "노드별 델타",
           "Where do δ_k and δ_j come from, index by index?", "002, 003"),
    Lesson("06", "06_matrix_form", "Matrix-form backprop", "행렬 형태의 역전파",
           "How do the four equations BP1–BP4 train a whole batch with one product per layer?", "000, 003"),
    Lesson("07", "07_training", "Gradient descent and training", "경사 하강법과 학습",
           "How do learning rate, width and activation shape a real training run?", "000, 002, 004"),
)

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"


def lesson(slug_or_number: str) -> Lesson:
    """Find a lesson by its slug (``"04_worked_example_222"``) or number (``"04"``)."""
    check_str("slug_or_number", slug_or_number)
    for item in SERIES:
        if slug_or_number in (item.slug, item.number, item.filename):
            return item
    raise ValueError(f"slug_or_number must name a notebook of the series, e.g. '04'; got {slug_or_number!r}")


def available(notebook_dir: Path = NOTEBOOK_DIR) -> list[Lesson]:
    """The lessons whose notebook file exists (the navigation links only point at these)."""
    notebook_dir = _directory(notebook_dir)
    return [item for item in SERIES if (notebook_dir / item.filename).exists()]


def nav_bar(slug: str, notebook_dir: Path = NOTEBOOK_DIR) -> str:
    """The navigation line shared by a notebook's first and last cell: ← previous · index · next →."""
    check_str("slug", slug)
    present = available(notebook_dir)
    names = [item.slug for item in present]
    here = names.index(slug) if slug in names else None
    if here is None:
        raise ValueError(f"slug must be a notebook present in {notebook_dir}; got {slug!r}")
    parts = []
    if here > 0:
        prev = present[here - 1]
        parts.append(f"[← {prev.number} {prev.title}]({prev.filename})")
    parts.append("[Index](00_welcome.ipynb#The-map-of-the-series)")
    if here + 1 < len(present):
        nxt = present[here + 1]
        parts.append(f"[{nxt.number} {nxt.title} →]({nxt.filename})")
    return " · ".join(parts)


def _directory(notebook_dir) -> Path:
    if not isinstance(notebook_dir, (str, Path)):
        raise TypeError("notebook_dir must be a directory path (str or pathlib.Path); got "
                        f"{type(notebook_dir).__name__}")
    return Path(notebook_dir)


MAP_HEADING = "## The map of the series"


def map_table(notebook_dir: Path = NOTEBOOK_DIR) -> str:
    """The markdown map of 00_welcome: one row per lesson, linked when its notebook exists."""
    present = {item.slug for item in available(notebook_dir)}
    rows = ["| # | notebook | the question it answers | seed notes |", "|---|---|---|---|"]
    for item in SERIES:
        name = f"{item.title} ({item.korean})"
        cell = f"[{name}]({item.filename})" if item.slug in present else f"{name} — *in preparation*"
        rows.append(f"| {item.number} | {cell} | {item.question} | {item.seeds} |")
    return "\n".join(rows)
