"""helpers.glossary: every term is met in the series, the stored table of 00_welcome is current, the
"first met in" rule does what its docstring says, and the Korean terms are the ones CONVENTIONS.md fixes."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import nbformat
import pytest

from helpers import glossary
from helpers.glossary import TERMS, contains_term, first_met, first_met_all, glossary_table, markdown_text
from helpers.series import SERIES

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

# CONVENTIONS.md, "Korean terms": the series' Korean term for each concept (typed from the document).
CONVENTION_TERMS = {
    "backpropagation": "역전파", "backward pass": "역방향 패스", "forward pass": "순전파", "hidden layer": "은닉층",
    "hidden neuron": "은닉 뉴런", "output layer": "출력층", "chain rule": "연쇄 법칙", "gradient": "기울기",
    "gradient descent": "경사 하강법", "learning rate": "학습률", "weight": "가중치", "bias": "편향",
    "activation function": "활성화 함수", "loss function": "손실 함수", "error signal": "오차 신호",
    "Jacobian matrix": "야코비 행렬", "central difference": "중앙 차분", "sum over paths": "경로의 합",
    "matrix product": "행렬 곱", "computational graph": "계산 그래프", "update": "갱신", "target": "목표값",
    "net input": "순입력", "saturation": "포화", "mini-batch": "미니배치", "relative error": "상대 오차",
}
# Variants learners meet in Korean sources (see CONVENTIONS.md).
REQUIRED_VARIANTS = {
    "야코비 행렬": {"야코비안", "자코비안"}, "중앙 차분": {"중심 차분"}, "연쇄 법칙": {"체인룰", "합성함수 미분 법칙"},
    "기울기": {"그래디언트", "그라디언트"}, "순전파": {"순방향 패스"},
    # issue 20: the spellings learners meet in the seed notes and in Korean sources
    "갱신": {"업데이트"}, "에폭": {"에포크"}, "활성화 함수": {"활성함수"}, "손실 함수": {"비용 함수"},
    "은닉층": {"히든 레이어"}, "국소 기울기": {"국소적 미분"},
}
REQUIRED_VARIANTS["야코비 행렬"] |= {"자코비언"}


def _by_korean():
    return {t.korean: t for t in TERMS}


# ---- an independent implementation of the rule, to check the helper's column against -------------
def _is_hangul_syllable(ch: str) -> bool:
    return "가" <= ch <= "힣"


def _whole_word_in(text: str, term: str) -> bool:
    start = text.find(term)
    while start != -1:
        end = start + len(term)
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        if not _is_hangul_syllable(before) and not _is_hangul_syllable(after):
            return True
        start = text.find(term, start + 1)
    return False


def _without_navigation_bars(nb) -> list[str]:
    """The markdown sources of ``nb`` without its two navigation bars, found by place, not by text: the
    first line of the first cell and the last line of the last cell (tools/navbars.py puts them there)."""
    sources = [c.source if c.cell_type == "markdown" else None for c in nb.cells]
    if sources and sources[0] is not None:
        sources[0] = sources[0].split("\n", 1)[1] if "\n" in sources[0] else ""
    if sources and sources[-1] is not None:
        sources[-1] = sources[-1].rsplit("\n", 1)[0] if "\n" in sources[-1].strip() else ""
    return [s for s in sources if s is not None]


@cache
def _markdown_sources(filename: str) -> tuple[str, ...]:
    return tuple(_without_navigation_bars(nbformat.read(NOTEBOOKS / filename, as_version=4)))


def _first_met_independently(term: str) -> str | None:
    for lesson in SERIES:
        if lesson.number == "00" or not (NOTEBOOKS / lesson.filename).exists():
            continue
        if any(_whole_word_in(source, term) for source in _markdown_sources(lesson.filename)):
            return lesson.number
    return None


def test_every_term_is_met_in_some_notebook():
    met = first_met_all(t.korean for t in TERMS)
    never = sorted(k for k, number in met.items() if number is None)
    assert not never, f"glossary terms no notebook (01 onward) contains as a whole word: {never}"


def test_first_met_column_agrees_with_an_independent_scan():
    met = first_met_all(t.korean for t in TERMS)
    for t in TERMS:
        assert met[t.korean] == _first_met_independently(t.korean), t.korean


def test_stored_welcome_table_is_current():
    nb = nbformat.read(NOTEBOOKS / "00_welcome.ipynb", as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code" and "glossary_table()" in c.source]
    assert len(cells) == 1, "00_welcome needs exactly one code cell that displays glossary_table()"
    stored = [o["data"]["text/markdown"] for o in cells[0].outputs if "text/markdown" in o.get("data", {})]
    assert stored == [glossary_table()], "00_welcome's stored glossary is stale: run tools/regenerate.py on it"
    heading = nb.cells[nb.cells.index(cells[0]) - 1]
    assert heading.cell_type == "markdown" and heading.source.startswith("## Glossary")


def test_glossary_uses_the_conventions_korean_terms():
    korean = _by_korean()
    for english, term in CONVENTION_TERMS.items():
        assert term in korean, f"{english}: the glossary must list {term} (CONVENTIONS.md)"
        assert english.lower() in korean[term].english.lower(), (english, korean[term].english)


def test_variants_learners_meet_are_listed():
    korean = _by_korean()
    for term, variants in REQUIRED_VARIANTS.items():
        assert variants <= set(korean[term].variants), (term, korean[term].variants)


def test_terms_are_unique_complete_and_enough():
    assert len(TERMS) >= 20
    assert len({t.korean for t in TERMS}) == len(TERMS)
    assert len({t.english for t in TERMS}) == len(TERMS)
    every_spelling = [t.korean for t in TERMS] + [v for t in TERMS for v in t.variants]
    assert len(set(every_spelling)) == len(every_spelling), "a variant repeats a term or another variant"
    for t in TERMS:
        assert t.english and t.meaning and t.meaning_ko, t
        assert any(_is_hangul_syllable(ch) for ch in t.korean + t.meaning_ko), t


def test_table_has_one_row_per_term_and_three_cells_each():
    table = glossary_table()
    rows = table.split("\n")
    met = first_met_all(t.korean for t in TERMS)
    assert len(rows) == len(TERMS) + 2
    for row, term in zip(rows[2:], TERMS, strict=True):
        cells = row.replace("\\|", "").split("|")       # escaped pipes (|a − b|) stay inside a cell
        assert len(cells) == 5 and cells[0] == cells[-1] == "", row
        assert cells[1].strip().startswith(term.english.replace("_", "\\_") + "<br>**" + term.korean + "**")
        for variant in term.variants:
            assert variant in cells[1]
        assert cells[3].strip() == (met[term.korean] or "—")


# ---- the rule on notebooks written for the test ---------------------------------------------------
def _write(folder: Path, number: str, markdown: list[str], code: list[str] = ()) -> None:
    lesson = next(item for item in SERIES if item.number == number)
    cells = [{"cell_type": "markdown", "metadata": {}, "source": text} for text in markdown]
    cells += [{"cell_type": "code", "metadata": {}, "source": text, "outputs": [], "execution_count": None}
              for text in code]
    (folder / lesson.filename).write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4,
                                                      "nbformat_minor": 5}), encoding="utf-8")


def test_rule_on_made_up_notebooks(tmp_path):
    _write(tmp_path, "00", ["역전파 용어집 노드 기울기 행렬 곱"])          # 00 never counts
    _write(tmp_path, "01", ["no Korean here", "노드별 설명"], code=["# 역전파 in a code cell"])
    # 02 is missing: skipped
    _write(tmp_path, "03", ["the local gradient (국소 기울기)", "backpropagation (역전파)."])
    _write(tmp_path, "04", ["a node (노드)", "행렬 곱셈"])
    found = first_met_all(["역전파", "노드", "기울기", "국소 기울기", "행렬 곱", "용어집"], tmp_path)
    assert found == {"역전파": "03", "노드": "04", "기울기": "03", "국소 기울기": "03", "행렬 곱": None,
                     "용어집": None}
    assert first_met("역전파", tmp_path) == "03"


def test_rule_reads_list_or_string_sources(tmp_path):
    lesson = next(item for item in SERIES if item.number == "05")
    nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["a line\n", "델타 (δ)"]}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / lesson.filename).write_text(json.dumps(nb), encoding="utf-8")
    assert markdown_text(tmp_path / lesson.filename) == "a line\n델타 (δ)"
    assert first_met("델타", tmp_path) == "05"


@pytest.mark.parametrize(("text", "term", "expected"), [
    ("gradient (기울기)", "기울기", True), ("국소 기울기", "기울기", True), ("기울기를", "기울기", False),
    ("노드별", "노드", False), ("역전파.", "역전파", True), ("순전파", "전파", False), ("", "전파", False),
])
def test_contains_term_whole_words(text, term, expected):
    assert contains_term(text, term) is expected


def test_bad_input_is_refused_with_the_argument_named(tmp_path):
    with pytest.raises(ValueError, match="term"):
        contains_term("text", "")
    with pytest.raises(ValueError, match="term"):
        contains_term("text", None)
    with pytest.raises(TypeError, match="text"):
        contains_term(b"bytes", "노드")
    with pytest.raises(ValueError, match="path"):
        markdown_text(tmp_path / "missing.ipynb")


def test_module_docstring_states_the_rule():
    doc = glossary.__doc__
    assert "01" in doc and "markdown" in doc and "whole word" in doc and "Hangul" in doc


# ---- the Korean edition: its 00 shows where each term is first met in the Korean notebooks ----------
KOREAN = NOTEBOOKS / "ko"


def _starts_a_word_in(text: str, term: str) -> bool:
    """Independent of the helper: term occurs with no Hangul syllable right before it (a Korean
    particle may follow it: 기울기를)."""
    start = text.find(term)
    while start != -1:
        if start == 0 or not _is_hangul_syllable(text[start - 1]):
            return True
        start = text.find(term, start + 1)
    return False


def _korean_first_met_independently(term: str) -> str | None:
    for lesson in SERIES[1:]:
        nb = nbformat.read(KOREAN / lesson.filename, as_version=4)
        if any(_starts_a_word_in(source, term) for source in _without_navigation_bars(nb)):
            return lesson.number
    return None


def test_particles_may_follow_a_term_in_korean_prose_only():
    assert contains_term("기울기를 구합니다", "기울기", particles=True)
    assert not contains_term("기울기를 구합니다", "기울기")
    assert not contains_term("편미분을", "미분", particles=True)
    with pytest.raises(TypeError, match="particles"):
        contains_term("기울기", "기울기", particles="yes")


@pytest.mark.skipif(not KOREAN.is_dir(), reason="no Korean edition (tests/test_korean_edition.py requires it)")
def test_the_korean_edition_computes_its_own_first_met_column():
    met = first_met_all([t.korean for t in TERMS], KOREAN)
    assert all(met.values()), f"terms no Korean notebook contains: {[k for k, v in met.items() if not v]}"
    for t in TERMS:
        assert met[t.korean] == _korean_first_met_independently(t.korean), t.korean
    nb = nbformat.read(KOREAN / "00_welcome.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "glossary_table()" in c.source)
    stored = [o["data"]["text/markdown"] for o in cell.outputs if "text/markdown" in o.get("data", {})]
    assert stored == [glossary_table(KOREAN)], "ko/00_welcome's stored glossary is stale: regenerate it"


def test_glossary_table_reads_the_edition_it_runs_in(monkeypatch):
    monkeypatch.chdir(NOTEBOOKS)
    assert glossary_table() == glossary_table(NOTEBOOKS)
    if KOREAN.is_dir():
        monkeypatch.chdir(KOREAN)
        assert glossary_table() == glossary_table(KOREAN)


# ---- issue 20: the navigation bars are not where a learner meets a term ---------------------------
@pytest.mark.parametrize("folder", [NOTEBOOKS, KOREAN], ids=["en", "ko"])
def test_the_navigation_bars_do_not_count(folder):
    # 01's bar names 02 (계산 그래프와 게이트), 02's bar names 03 (… 야코비 행렬): counted, they gave 01 and 02
    met = first_met_all(["계산 그래프", "게이트", "야코비 행렬"], folder)
    assert met == {"계산 그래프": "02", "게이트": "02", "야코비 행렬": "03"}


def _series_with_bars(editions: dict[Path, dict[str, str]]) -> None:
    """Made-up notebooks 00-03 in each folder, each with its real navigation bars (helpers.series.nav_bar,
    which links the other edition when it exists: so every file is written first) around the given prose."""
    from helpers.series import nav_bar

    numbers = ("00", "01", "02", "03")
    for folder in editions:
        for number in numbers:
            _write(folder, number, ["x"])
    for folder, prose in editions.items():
        for number in numbers:
            slug = next(item.slug for item in SERIES if item.number == number)
            bar = nav_bar(slug, folder)
            _write(folder, number, [f"{bar}\n\n# title\n\n{prose.get(number, '')}", f"---\n{bar}"])


def test_a_term_in_the_next_notebooks_title_is_met_where_the_prose_has_it(tmp_path):
    english, korean = tmp_path / "en", tmp_path / "en" / "ko"
    korean.mkdir(parents=True)
    _series_with_bars({english: {"02": "Computational graphs and gates are drawn here."},
                       korean: {"02": "계산 그래프와 게이트를 그립니다.", "03": "야코비 행렬을 만듭니다."}})
    from helpers.series import nav_bar

    assert "Computational graphs and gates" in nav_bar("01_chain_rule", english)
    assert "계산 그래프와 게이트" in nav_bar("01_chain_rule", korean)
    assert first_met("Computational graphs", english) == "02"          # the old rule said 01 (the bar)
    assert first_met_all(["계산 그래프", "게이트", "야코비 행렬"], korean) == {
        "계산 그래프": "02", "게이트": "02", "야코비 행렬": "03"}              # the old rule: 01, 01, 02
    # prose that does name the term still counts, also in the first and last cells
    _write(korean, "01", [f"{nav_bar('01_chain_rule', korean)}\n\n계산 그래프는 02에서 봅니다.",
                          f"---\n{nav_bar('01_chain_rule', korean)}"])
    assert first_met("계산 그래프", korean) == "01"


# ---- issue 20: the Korean edition's table is Korean, with the English term as a gloss ----------------
def test_the_korean_table_has_a_korean_header_and_meanings():
    import sys

    sys.path.insert(0, str(NOTEBOOKS.parent))
    from tools.korean_text import english_words

    table = glossary_table(KOREAN)
    rows = table.split("\n")
    assert rows[0] == "| 용어 | 뜻 | 처음 나오는 곳 |"
    by_korean = _by_korean()
    for row in rows[2:]:
        cells = row.replace("\\|", "").split("|")
        korean = cells[1].strip().split("(", 1)[0].strip("* ")
        term = by_korean[korean]
        assert cells[1].strip().startswith(f"**{term.korean}("), row
        assert term.english.split(" (")[0] in cells[1], row              # the English term, beside the Korean
        assert term.meaning not in row, f"{korean}: the English meaning is shown in the Korean edition"
    words, glosses, _ = english_words(table)
    assert words == [], f"English outside the glosses of the Korean glossary: {words}"
    # every English term is a gloss (sigmoid too, which the measure counts as a name, not as a gloss)
    assert set(glosses) >= {glossary._english_gloss(t.english) for t in TERMS} - {"sigmoid"}
    assert "**시그모이드(sigmoid)**" in table
    assert "activation function" in glosses and "net input, weighted input, pre-activation" in glosses


def test_the_english_table_is_as_before():
    table = glossary_table(NOTEBOOKS)
    assert table.split("\n")[0] == "| term (용어) | meaning (뜻) | first met in (처음 나오는 곳) |"
    assert ("| backpropagation<br>**역전파** | computing every gradient of the loss by the chain rule, output to "
            "input<br>연쇄 법칙을 출력에서 입력 쪽으로 적용해 손실의 모든 기울기를 구하는 방법 | 01 |") in table


def test_the_backward_pass_says_how_it_relates_to_backpropagation():
    meaning = _by_korean()["역방향 패스"].meaning_ko
    assert "역전파" in meaning and "알고리즘 전체" in meaning
