"""The series glossary (notebook 00_welcome): for each key concept its English and Korean term, the
other spellings learners meet in Korean sources, a one-line meaning in both languages, and the
notebook where the Korean term is first met.

The "first met in" column is computed, never typed, so it cannot go stale. The rule
(:func:`first_met`): the first notebook of the series, in series order starting at 01 (00, the
welcome page that holds this glossary, is skipped), whose **markdown cells** (the navigation bars at
the top and bottom left out: they name the next notebook's title, which a learner has not read yet)
contain the Korean term as a whole word — an occurrence not directly preceded or followed by a Hangul syllable (가–힣).
So 노드 is not met in "노드별", while 기울기 is met in "국소 기울기" (a space separates them).
Only the main term counts; the variants are there for learners reading other sources.

In the Korean edition (``notebooks/ko/``) the prose is Korean, and Korean particles attach to the
word (기울기를, 은닉층의): there a term is met where it starts a word (not preceded by a Hangul
syllable), whatever follows. :func:`glossary_table` reads the edition its notebook runs in (a
kernel's working directory is its notebook's folder), so each edition's 00 shows its own column.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .i18n import _
from .series import KOREAN_DIR, NOTEBOOK_DIR, SERIES, Lesson, _directory, edition, nav_bar

__all__ = ["Term", "TERMS", "HEADER", "HEADER_KO", "contains_term", "markdown_text", "prose_text", "first_met",
           "first_met_all", "glossary_table"]


@dataclass(frozen=True)
class Term:
    english: str                    # the English term (a synonym may follow in parentheses)
    korean: str                     # the Korean term the series uses (CONVENTIONS: one per concept)
    variants: tuple[str, ...]       # other Korean spellings learners meet; () when none
    meaning: str                    # a one-line definition in English
    meaning_ko: str                 # the same definition in Korean


T = Term
TERMS: tuple[Term, ...] = (
    T("backpropagation", "역전파", (), "computing every gradient of the loss by the chain rule, output to input",
      "연쇄 법칙을 출력에서 입력 쪽으로 적용해 손실의 모든 기울기를 구하는 방법"),
    T("forward pass", "순전파", ("순방향 패스",), "computing every value from the inputs to the output",
      "입력에서 출력까지 모든 값을 차례로 계산하는 과정"),
    T("backward pass", "역방향 패스", (), "computing every gradient from the output back to the inputs",
      "출력에서 입력까지 한 번 거슬러 가며 모든 기울기를 계산하는 과정 (역전파는 알고리즘 전체, "
      "역방향 패스는 그 알고리즘이 한 번 거꾸로 훑는 계산)"),
    T("derivative", "미분", ("도함수",), "how fast an output changes per unit change of an input",
      "입력이 조금 변할 때 출력이 변하는 비율"),
    T("chain rule", "연쇄 법칙", ("체인룰", "합성함수 미분 법칙"), "the derivative of g(f(x)) is g′(f(x))·f′(x)",
      "g(f(x))의 미분은 g′(f(x))·f′(x)"),
    T("partial derivative", "편미분", (), "the derivative in one input while the others stay fixed",
      "다른 입력은 고정하고 한 입력에 대해서만 구한 미분"),
    T("gradient", "기울기", ("그래디언트", "그라디언트"),
      "all partial derivatives of one number, in the shape of the variable",
      "한 값을 각 변수로 편미분한 값들의 모음 (변수와 같은 모양)"),
    T("numerical differentiation", "수치 미분", (), "estimating a derivative from function values nearby",
      "가까운 점의 함숫값으로 미분을 어림하는 방법"),
    T("finite difference", "유한 차분", (), "a change in value divided by a small, finite step h",
      "작지만 0이 아닌 간격 h에 대한 값의 변화율"),
    T("central difference", "중앙 차분", ("중심 차분",), "(F(x+h) − F(x−h)) / 2h, error of order h²",
      "(F(x+h) − F(x−h)) / 2h, 오차는 h²에 비례"),
    T("relative error", "상대 오차", (), "|a − b| / (|a| + |b|): how far two gradients disagree",
      "|a − b| / (|a| + |b|): 두 기울기가 어긋난 정도"),
    T("sum over paths", "경로의 합", (), "a derivative adds one product of local derivatives per path",
      "미분은 경로마다 국소 미분의 곱을 구해 모두 더한 것"),
    T("activation function", "활성화 함수", ("활성함수",), "the function a neuron applies to its net input, e.g. σ",
      "뉴런이 순입력에 적용하는 함수 (예: σ)"),
    T("activation (the value)", "활성값", ("활성화 값",), "what a neuron outputs: a = σ(z), the value passed on",
      "뉴런이 내보내는 값: a = σ(z), 다음 층으로 전달되는 값"),
    T("hidden neuron", "은닉 뉴런", (), "a neuron that is neither an input nor an output",
      "입력도 출력도 아닌 중간의 뉴런"),
    T("error signal (delta)", "오차 신호", ("델타",), "δ = ∂C/∂z: how the loss moves with a neuron's net input",
      "δ = ∂C/∂z: 뉴런의 순입력에 대한 손실의 변화율"),
    T("computational graph", "계산 그래프", (), "a formula drawn as small operations joined by values",
      "식을 작은 연산과 그 사이의 값으로 나누어 그린 그래프"),
    T("node", "노드", (), "one value (or operation) of a computational graph",
      "계산 그래프의 값(또는 연산) 하나"),
    T("gate", "게이트", (), "one small operation of a graph: add, multiply, max, σ …",
      "그래프의 작은 연산 하나: 덧셈, 곱셈, `max`, σ …"),
    T("local gradient", "국소 기울기", ("국소적 미분",), "a gate's derivative of its output in one input",
      "게이트 출력을 그 입력으로 미분한 값"),
    T("upstream gradient", "상류 기울기", (), "the gradient arriving at a gate from the output side",
      "출력 쪽에서 게이트로 전해지는 기울기"),
    T("loss function", "손실 함수", ("비용 함수",), "the number training makes small, e.g. ½ Σ (a − y)²",
      "학습이 줄이려는 값, 예: ½ Σ (a − y)²"),
    T("topological order", "위상 순서", (), "an order of nodes in which each comes after its inputs",
      "모든 노드가 자기 입력보다 뒤에 오는 순서"),
    T("topological sort", "위상 정렬", (), "an algorithm that produces a topological order",
      "위상 순서를 만드는 알고리즘"),
    T("Jacobian matrix", "야코비 행렬", ("야코비안", "자코비안", "자코비언"),
      "all ∂y_i/∂x_j of a vector function, shape (n, d)",
      "벡터 함수의 모든 ∂y_i/∂x_j, 모양 (n, d)"),
    T("matrix product", "행렬 곱", (), "(AB)_ij = Σ_k A_ik B_kj", "(AB)_ij = Σ_k A_ik B_kj"),
    T("transpose", "전치", (), "Wᵀ swaps rows and columns: (Wᵀ)_jk = W_kj", "Wᵀ는 행과 열을 바꾼 것: (Wᵀ)_jk = W_kj"),
    T("weight", "가중치", (), "w^l_jk multiplies the input from neuron k into neuron j",
      "w^l_jk는 뉴런 k에서 뉴런 j로 가는 입력에 곱하는 값"),
    T("bias", "편향", (), "the constant b added to a neuron's weighted sum", "뉴런의 가중합에 더하는 상수 b"),
    T("net input (weighted input, pre-activation)", "순입력", ("가중 입력",), "z = Σ_k w_jk a_k + b_j, before σ",
      "σ를 적용하기 전의 값 z = Σ_k w_jk a_k + b_j"),
    T("sigmoid", "시그모이드", (), "σ(z) = 1 / (1 + e^(−z)), with σ′ = σ(1 − σ)",
      "σ(z) = 1 / (1 + e^(−z)), σ′ = σ(1 − σ)"),
    T("hidden layer", "은닉층", ("히든 레이어",), "a layer between the input and the output",
      "입력층과 출력층 사이의 층"),
    T("output layer", "출력층", (), "the last layer, whose values are the network's answer",
      "신경망의 답을 내는 마지막 층"),
    T("error", "오차", (), "a difference between a computed and a wanted (or exact) value",
      "계산한 값과 원하는 값(또는 정확한 값)의 차이"),
    T("target", "목표값", ("정답",), "the output y the network should produce", "신경망이 내야 하는 출력 y"),
    T("learning rate", "학습률", (), "η, the step size of gradient descent", "경사 하강법의 보폭 η"),
    T("update", "갱신", ("업데이트",), "w ← w − η ∂C/∂w, one step of gradient descent",
      "w ← w − η ∂C/∂w, 경사 하강법의 한 걸음"),
    T("gradient descent", "경사 하강법", (), "repeatedly stepping the parameters against the gradient",
      "기울기의 반대 방향으로 매개변수를 반복해 옮기는 방법"),
    T("mini-batch", "미니배치", (), "a few training examples used for one update", "갱신 한 번에 쓰는 몇 개의 샘플"),
    T("saturation", "포화", (), "σ near 0 or 1, where σ′ ≈ 0 and learning stalls",
      "σ가 0이나 1에 가까워 σ′ ≈ 0이 되고 학습이 멈추는 상태"),
    T("cross-entropy", "교차 엔트로피", (), "the loss −Σ y log a, common for classification",
      "분류에 흔히 쓰는 손실 −Σ y·log a"),
    T("epoch", "에폭", ("에포크",), "one pass over the whole training set", "학습 데이터 전체를 한 번 도는 것"),
    T("vanishing gradient", "기울기 소실", (), "gradients shrinking layer by layer toward the input",
      "입력 쪽으로 갈수록 기울기가 점점 작아지는 현상"),
    T("decision boundary", "결정 경계", (), "where a classifier's answer changes from one class to another",
      "분류기의 답이 한 클래스에서 다른 클래스로 바뀌는 경계"),
    T("accuracy", "정확도", (), "the fraction of examples classified correctly", "바르게 분류한 샘플의 비율"),
    T("confusion matrix", "혼동 행렬", (), "counts of (true class, predicted class) pairs",
      "(실제 클래스, 예측 클래스) 쌍의 개수를 센 표"),
)
del T

HEADER = ("| term (용어) | meaning (뜻) | first met in (처음 나오는 곳) |\n"
          "|---|---|---|")
#: The Korean edition's header: Korean only (the English term stays beside the Korean one, as a gloss).
HEADER_KO = ("| 용어 | 뜻 | 처음 나오는 곳 |\n"
             "|---|---|---|")
_HANGUL_SYLLABLE = "\uac00-\ud7a3"


def _cell(text: str) -> str:
    """``text`` made safe inside a markdown table cell: | would end the cell, _ and * start emphasis."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("_", "\\_").replace("*", "\\*")


def contains_term(text: str, term: str, particles: bool = False) -> bool:
    """True if ``term`` occurs in ``text`` not directly preceded or followed by a Hangul syllable;
    with ``particles=True`` (Korean prose) it may be followed by one (기울기를)."""
    if not isinstance(term, str) or not term.strip():
        raise ValueError(_("term must be a non-empty string; got {term!r}").format(term=term))
    if not isinstance(text, str):
        raise TypeError(_("text must be a string; got {kind}").format(kind=type(text).__name__))
    if not isinstance(particles, bool):
        raise TypeError(_("particles must be True or False; got {particles!r}").format(particles=particles))
    after = "" if particles else rf"(?![{_HANGUL_SYLLABLE}])"
    pattern = rf"(?<![{_HANGUL_SYLLABLE}]){re.escape(term)}{after}"
    return re.search(pattern, text) is not None


def _cells(path: Path) -> list:
    """The cells of the notebook at ``path`` (checked: an existing file holding a notebook)."""
    if not isinstance(path, (str, Path)):
        raise TypeError(_("path must be a notebook's file path (str or pathlib.Path); got {kind}").format(
            kind=type(path).__name__))
    path = Path(path)
    if not path.is_file():
        raise ValueError(_("path must name an existing notebook; got {path!r}").format(path=str(path)[:200]))
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (ValueError, AttributeError) as exc:          # not JSON, or JSON that is not a notebook
        raise ValueError(_("path must be a notebook (.ipynb, JSON with cells); {path!r} is not: {error}").format(
            path=str(path)[:200], error=type(exc).__name__)) from exc


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def markdown_text(path: Path) -> str:
    """All markdown cells of the notebook at ``path``, joined by blank lines (code cells and outputs left out)."""
    return "\n\n".join(_source(c) for c in _cells(path) if c.get("cell_type") == "markdown")


def prose_text(path: Path) -> str:
    """:func:`markdown_text` without the navigation bars (the line ``series.nav_bar`` writes at the top
    and bottom of every notebook): a bar names the next notebook's title (02's "계산 그래프와 게이트"),
    which is not where a learner meets the term."""
    path = Path(path) if isinstance(path, str) else path
    cells = _cells(path)
    try:
        bar = nav_bar(path.stem, path.parent)
    except ValueError:                                   # a notebook outside the series: no bar to skip
        bar = None
    return "\n\n".join("\n".join(line for line in _source(c).split("\n") if bar is None or line.strip() != bar)
                        for c in cells if c.get("cell_type") == "markdown")


def _lessons_after_welcome(notebook_dir: Path) -> list[tuple[Lesson, str]]:
    """(lesson, prose without the navigation bars) for 01 onward, in series order, for the notebooks
    present in ``notebook_dir``."""
    return [(item, prose_text(notebook_dir / item.filename)) for item in SERIES[1:]
            if (notebook_dir / item.filename).exists()]


def first_met(term: str, notebook_dir: Path = NOTEBOOK_DIR) -> str | None:
    """The number ("01" … "07") of the first notebook from 01 whose markdown (navigation bars left out)
    contains ``term`` as a whole word (see the module docstring), or None if no notebook does."""
    return first_met_all([term], notebook_dir)[term]


def first_met_all(terms: Iterable[str], notebook_dir: Path = NOTEBOOK_DIR) -> dict[str, str | None]:
    """:func:`first_met` for many terms, reading each notebook once. Returns {term: number or None}."""
    if isinstance(terms, (str, bytes)) or not isinstance(terms, Iterable):
        raise TypeError(_("terms must be a list of terms (strings); got {kind} {terms!r}").format(
            kind=type(terms).__name__, terms=terms)[:200])
    terms = list(terms)
    bad = [t for t in terms if not isinstance(t, str)][:1]
    if bad:
        raise TypeError(_("terms must contain strings; got an entry {kind} {entry!r}").format(
            kind=type(bad[0]).__name__, entry=bad[0])[:200])
    notebook_dir = _directory(notebook_dir)
    lessons = _lessons_after_welcome(notebook_dir)
    particles = edition(notebook_dir) == "ko"
    found: dict[str, str | None] = {}
    for term in terms:
        found[term] = next((item.number for item, text in lessons if contains_term(text, term, particles)), None)
    return found


def _running_edition() -> Path:
    """The edition folder the caller runs in: notebooks/ko/ when the working directory is it, else notebooks/."""
    try:
        return KOREAN_DIR if Path.cwd().resolve() == KOREAN_DIR.resolve() else NOTEBOOK_DIR
    except OSError:
        return NOTEBOOK_DIR


def _english_gloss(english: str) -> str:
    """The English term as a gloss after the Korean one: a synonym in parentheses becomes one more
    comma-separated name ("net input (weighted input, pre-activation)" -> "net input, weighted input,
    pre-activation"), so the gloss is one parenthesis."""
    return english.replace(" (", ", ").replace(")", "")


def glossary_table(notebook_dir: Path | None = None, terms: tuple[Term, ...] = TERMS) -> str:
    """The glossary as one markdown table; "first met in" is computed from the notebooks of
    ``notebook_dir`` (default: the edition the caller runs in). A term no notebook contains shows "—"
    (tests/test_glossary.py fails on it). Three columns, so the table fits a narrow notebook column.

    English edition: the English term over the Korean term (bold) and its variants (in parentheses, on
    the line below); the meaning in English over Korean. Korean edition: the Korean term (bold) with the
    English term as a gloss beside it, ``**역전파(backpropagation)**``, then the variants; the header and
    the meaning in Korean only.
    """
    if isinstance(terms, (str, bytes)) or not isinstance(terms, (tuple, list)) or not all(
            isinstance(t, Term) for t in terms):
        raise TypeError(_("terms must be a tuple of glossary Terms (default glossary.TERMS); got {terms!r}").format(
            terms=terms)[:200])
    where = _running_edition() if notebook_dir is None else _directory(notebook_dir)
    korean = edition(where) == "ko"
    met = first_met_all([t.korean for t in terms], where)
    rows = [HEADER_KO if korean else HEADER]
    for t in terms:
        if korean:
            term = f"**{_cell(t.korean)}({_cell(_english_gloss(t.english))})**"
            meaning = _cell(t.meaning_ko)
        else:
            term = f"{_cell(t.english)}<br>**{_cell(t.korean)}**"
            meaning = f"{_cell(t.meaning)}<br>{_cell(t.meaning_ko)}"
        if t.variants:
            term += "<br>(" + ", ".join(_cell(v) for v in t.variants) + ")"
        rows.append(f"| {term} | {meaning} | {met[t.korean] or '—'} |")
    return "\n".join(rows)
