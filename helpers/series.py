"""The series map: one record per notebook, used by 00_welcome's map, the navigation bars and the
hygiene tests (so the map, the links and the checks cannot drift apart).

Two editions share the stems: English in ``notebooks/``, Korean in ``notebooks/ko/``. A folder named
``ko`` holds the Korean edition; its bars and map are in Korean, and every bar links the notebook's
twin in the other language when it exists.
"""

from __future__ import annotations

import re
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
    question_ko: str = ""   # the question, in Korean (the Korean edition's map)

    @property
    def filename(self) -> str:
        return f"{self.slug}.ipynb"


SERIES: tuple[Lesson, ...] = (
    Lesson("00", "00_welcome", "Welcome", "환영합니다", "How do I use this series, and what do the symbols mean?",
           "all five",
           question_ko="이 시리즈는 어떻게 쓰고, 기호는 무엇을 뜻하는가?"),
    Lesson("01", "01_chain_rule", "The chain rule", "연쇄 법칙",
           "How does a change in x ripple through a composition of functions?", "003, 004",
           question_ko="x가 조금 바뀌면 합성함수를 따라 그 변화가 어떻게 퍼지는가?"),
    Lesson("02", "02_computational_graphs_and_gates", "Computational graphs and gates", "계산 그래프와 게이트",
           "How does each gate pass gradients backward, and how does an autograd engine do it?", "001",
           question_ko="게이트는 기울기를 어떻게 뒤로 전달하고, 자동 미분 엔진은 이를 어떻게 하는가?"),
    Lesson("03", "03_vectors_matrices_jacobians", "Vectors, matrices and Jacobians", "벡터, 행렬, 야코비 행렬",
           "Why is dL/dW = dq xᵀ, and why does nobody build the big Jacobian?", "001",
           question_ko="왜 dL/dW = dq xᵀ 이고, 왜 아무도 거대한 야코비 행렬을 만들지 않는가?"),
    Lesson("04", "04_worked_example_222", "The 2-2-2 sigmoid worked example", "2-2-2 시그모이드 예제",
           "What is every number of one forward pass, backward pass and update?", "004",
           question_ko="순전파, 역방향 패스, 갱신 한 번의 모든 숫자는 무엇인가?"),
    Lesson("05", "05_node_by_node_deltas", "Node-by-node deltas", "노드별 델타",
           "Where do δ_k and δ_j come from, index by index?", "002, 003",
           question_ko="δ_k와 δ_j는 인덱스 하나하나 어디에서 오는가?"),
    Lesson("06", "06_matrix_form", "Matrix-form backprop", "행렬 형태의 역전파",
           "How do the four equations BP1–BP4 train a whole batch with one product per layer?", "000, 003",
           question_ko="네 방정식 BP1–BP4는 층마다 행렬 곱 한 번으로 배치 전체를 어떻게 학습시키는가?"),
    Lesson("07", "07_training", "Gradient descent and training", "경사 하강법과 학습",
           "How do learning rate, width and activation shape a real training run?", "000, 002, 004",
           question_ko="학습률, 너비, 활성화 함수는 실제 학습을 어떻게 바꾸는가?"),
)

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"


KOREAN_DIR = NOTEBOOK_DIR / "ko"
EDITIONS = {"en": NOTEBOOK_DIR, "ko": KOREAN_DIR}


def edition(notebook_dir: Path = NOTEBOOK_DIR) -> str:
    """``"ko"`` for the Korean edition's folder (named ``ko``), else ``"en"``."""
    return "ko" if _directory(notebook_dir).name == "ko" else "en"


def twin(slug: str, notebook_dir: Path = NOTEBOOK_DIR) -> str | None:
    """The relative link to the same notebook in the other language, or None if it does not exist."""
    notebook_dir = _directory(notebook_dir)
    if not re.fullmatch(r"[\w-]{1,100}", check_str("slug", slug)):
        raise ValueError(f"slug must be a notebook's file name without .ipynb, e.g. '04_worked_example_222'; "
                         f"got {slug[:60]!r}")
    filename = f"{slug}.ipynb"
    if edition(notebook_dir) == "ko":
        return f"../{filename}" if (notebook_dir.parent / filename).exists() else None
    return f"ko/{filename}" if (notebook_dir / "ko" / filename).exists() else None


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
    """The navigation line shared by a notebook's first and last cell: ← previous · index · next →,
    then the twin in the other language (English notebooks: 한국어; Korean notebooks: English)."""
    check_str("slug", slug)
    present = available(_directory(notebook_dir))
    names = [item.slug for item in present]
    here = names.index(slug) if slug in names else None
    if here is None:
        raise ValueError(f"slug must be a notebook present in {notebook_dir}; got {slug!r}")
    korean = edition(notebook_dir) == "ko"
    title = (lambda item: item.korean) if korean else (lambda item: item.title)
    parts = []
    if here > 0:
        prev = present[here - 1]
        parts.append(f"[← {prev.number} {title(prev)}]({prev.filename})")
    index = f"[목차](00_welcome.ipynb#{MAP_ANCHOR})" if korean else f"[Index](00_welcome.ipynb#{MAP_ANCHOR})"
    parts.append(index)
    if here + 1 < len(present):
        nxt = present[here + 1]
        parts.append(f"[{nxt.number} {title(nxt)} →]({nxt.filename})")
    other = twin(slug, notebook_dir)
    if other:
        parts.append(f"[English]({other})" if korean else f"[한국어]({other})")
    return " · ".join(parts)


def _directory(notebook_dir) -> Path:
    if not isinstance(notebook_dir, (str, Path)):
        raise TypeError("notebook_dir must be a directory path (str or pathlib.Path); got "
                        f"{type(notebook_dir).__name__}")
    if not Path(notebook_dir).is_dir():
        raise FileNotFoundError(f"notebook_dir must be an existing folder of notebooks (e.g. notebooks/ or "
                                f"notebooks/ko/); {str(notebook_dir)[:200]!r} is not one")
    return Path(notebook_dir)


MAP_HEADING = "## The map of the series"
# An explicit anchor under the map's heading: heading ids differ between JupyterLab, GitHub and nbviewer
MAP_ANCHOR = "series-map"
MAP_HEADING_KO = "## 시리즈 지도"


def map_heading(notebook_dir: Path = NOTEBOOK_DIR) -> str:
    """The heading of 00_welcome's map cell in this edition."""
    return MAP_HEADING_KO if edition(notebook_dir) == "ko" else MAP_HEADING


def map_table(notebook_dir: Path = NOTEBOOK_DIR) -> str:
    """The markdown map of 00_welcome: one row per lesson, linked when its notebook exists."""
    present = {item.slug for item in available(notebook_dir)}
    if edition(notebook_dir) == "ko":
        rows = ["| # | 노트북 | 이 노트북이 답하는 질문 | 시드 노트 |", "|---|---|---|---|"]
        for item in SERIES:
            name = f"{item.korean}({item.title})"     # the English title as a gloss, as Korean textbooks write it
            cell = f"[{name}]({item.filename})" if item.slug in present else f"{name} — *준비 중*"
            seeds = "다섯 개 모두" if item.seeds == "all five" else item.seeds
            rows.append(f"| {item.number} | {cell} | {item.question_ko} | {seeds} |")
        return "\n".join(rows)
    rows = ["| # | notebook | the question it answers | seed notes |", "|---|---|---|---|"]
    for item in SERIES:
        name = f"{item.title} ({item.korean})"
        cell = f"[{name}]({item.filename})" if item.slug in present else f"{name} — *in preparation*"
        rows.append(f"| {item.number} | {cell} | {item.question} | {item.seeds} |")
    return "\n".join(rows)
