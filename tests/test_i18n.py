"""The message catalogue (helpers/i18n.py, helpers/locale/): complete, current, and safe to format.

- The .pot, .po and .mo are what `make catalogue` makes from the code now (nothing marked is missing,
  nothing stale is kept, the .mo is compiled from the .po).
- Every message has a Korean translation: no Korean learner meets an English fallback at run time.
- Every translation keeps its message's {placeholders} and their number formats, so both editions
  print the same numbers and differ only in words.
- Every marked call gets a literal string (an f-string or a variable cannot be extracted).
- The edition is chosen by the notebook's folder, overridden by BP_LANG; a missing entry is an error
  under BP_I18N_STRICT=1 (set for every test and for make regenerate).
"""

from __future__ import annotations

import ast
import json
import os
import string
import warnings
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from helpers import i18n
from tools import catalogue

ROOT = Path(__file__).resolve().parent.parent
MARKERS = {"_": 1, "N_": 1, "ngettext": 2, "pgettext": 2}


def _korean():
    with catalogue.PO.open("rb") as f:
        return read_po(f, locale="ko")


def test_catalogue_is_current():
    assert catalogue.check() == []


def test_every_message_has_a_korean_translation():
    untranslated = [m.id for m in _korean() if m.id and not (m.string if isinstance(m.string, str)
                                                                  else all(m.string))]
    assert untranslated == [], f"{len(untranslated)} messages without Korean, e.g. {untranslated[:5]}"


def test_no_translation_is_fuzzy():
    assert [m.id for m in _korean() if m.id and m.fuzzy] == []


def _fields(text: str) -> list[tuple[str, str, str]]:
    return sorted((name, spec or "", conv or "") for _, name, spec, conv in string.Formatter().parse(text)
                  if name is not None)


def test_translations_keep_placeholders_and_formats():
    wrong = []
    for m in _korean():
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, (list, tuple)) else (m.id,)
        strs = m.string if isinstance(m.string, (list, tuple)) else (m.string,)
        for translated in strs:
            if translated and _fields(translated) != _fields(ids[-1]) and _fields(translated) != _fields(ids[0]):
                wrong.append((ids[0], translated))
    assert wrong == []


def test_placeholder_check_can_fail():
    assert _fields("E = {E:.9f} after {n:,} updates") != _fields("E = {E:.6f}, {n:,}번 갱신 뒤")
    assert _fields("E = {E:.9f} after {n:,} updates") == _fields("{n:,}번 갱신 뒤 E = {E:.9f}")


def _marked_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS:
            yield node


def _sources():
    for path in sorted((ROOT / "helpers").rglob("*.py")):
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for i, cell in enumerate(nb["cells"]):
            if cell["cell_type"] == "code":
                source = "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                                   for line in "".join(cell["source"]).splitlines())
                yield f"{path.relative_to(ROOT)} cell {i}", source


def _literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _marked_elsewhere(node: ast.AST) -> bool:
    """`_(LABEL)`, `_(self.title)`, `_(NAMES[k])`: a string marked with N_() where it is defined (the
    strict lookup fails at run time on one that is not); an f-string, a + or a call is never allowed."""
    return isinstance(node, (ast.Name, ast.Attribute, ast.Subscript))


def test_every_marked_call_has_literal_strings():
    bad = []
    for where, source in _sources():
        for call in _marked_calls(ast.parse(source)):
            needed = MARKERS[call.func.id]
            ok = [_literal(a) or (call.func.id == "_" and _marked_elsewhere(a)) for a in call.args[:needed]]
            if len(call.args) < needed or not all(ok) or call.keywords:
                bad.append(f"{where}:{call.lineno}")
    assert bad == []


def test_literal_check_can_fail():
    tree = ast.parse('_(f"x {y}")\n_(name)\n_("ok")\nngettext("a", b, 2)\n_("a" + b)\n_(str(x))')
    calls = list(_marked_calls(tree))
    assert [all(_literal(a) for a in c.args[:MARKERS[c.func.id]]) for c in calls] == [False, False, True, False,
                                                                                       False, False]
    assert [_marked_elsewhere(c.args[0]) for c in calls] == [False, True, False, False, False, False]


def test_korean_notebook_code_is_the_english_code():
    """Both editions run the same code cells, so the catalogue extracted from the English notebooks
    holds every string the Korean ones mark."""
    for english in sorted((ROOT / "notebooks").glob("*.ipynb")):
        korean = ROOT / "notebooks" / "ko" / english.name
        code = [["".join(c["source"]) for c in json.loads(p.read_text(encoding="utf-8"))["cells"]
                 if c["cell_type"] == "code"] for p in (english, korean)]
        assert code[0] == code[1], english.name


@pytest.fixture
def edition(monkeypatch, tmp_path):
    def use(lang=None, cwd=None):
        if lang is None:
            monkeypatch.delenv("BP_LANG", raising=False)
        else:
            monkeypatch.setenv("BP_LANG", lang)
        if cwd is not None:
            monkeypatch.chdir(cwd)
    return use


def test_language_follows_the_notebook_folder(edition, tmp_path):
    (tmp_path / "ko").mkdir()
    edition(cwd=tmp_path / "ko")
    assert i18n.language() == "ko"
    edition(cwd=tmp_path)
    assert i18n.language() == "en"
    edition("ko", cwd=tmp_path)
    assert i18n.language() == "ko"
    edition("en", cwd=tmp_path / "ko")
    assert i18n.language() == "en"


def test_bad_language_is_named(edition):
    edition("fr")
    with pytest.raises(ValueError, match="BP_LANG must be one of en, ko; got 'fr'"):
        i18n.language()


def test_english_is_the_message_itself(edition):
    edition("en")
    assert i18n._("no such message, anywhere") == "no such message, anywhere"
    assert i18n.ngettext("{n} update", "{n} updates", 2) == "{n} updates"


def test_korean_missing_entry_is_an_error_when_strict(edition, monkeypatch):
    edition("ko")
    monkeypatch.setenv("BP_I18N_STRICT", "1")
    with pytest.raises(LookupError, match="no Korean entry for 'no such message, anywhere'"):
        i18n._("no such message, anywhere")
    monkeypatch.setenv("BP_I18N_STRICT", "0")
    assert i18n._("no such message, anywhere") == "no such message, anywhere"
    assert "no such message, anywhere" in i18n.missing
    i18n.missing.discard("no such message, anywhere")


def test_korean_entries_are_looked_up(edition):
    first = next((m for m in _korean() if m.id and isinstance(m.id, str) and m.string and not m.context), None)
    if first is None:
        pytest.skip("the catalogue is empty")
    edition("ko")
    assert i18n._(first.id) == first.string
    edition("en")
    assert i18n._(first.id) == first.id


def test_korean_figure_text_draws_without_glyph_warnings(edition):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from helpers.fonts import KOREAN_FAMILY, korean_font_path, use_edition_font

    assert korean_font_path().name == "NanumGothic.ttf"
    edition("ko")
    old = matplotlib.rcParams["font.family"]
    try:
        use_edition_font()
        assert list(matplotlib.rcParams["font.family"])[-1] == KOREAN_FAMILY
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            fig, ax = plt.subplots(figsize=(3, 2))
            ax.set_title("오차 E와 에폭 −0.5")
            ax.set_xlabel("발산", fontweight="bold")       # a findfont warning is logged, not warned: see below
            fig.canvas.draw()
            plt.close(fig)
    finally:
        matplotlib.rcParams["font.family"] = old


def test_bold_korean_finds_its_weight(edition, caplog):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager

    from helpers.fonts import use_edition_font

    edition("ko")
    old = matplotlib.rcParams["font.family"]
    try:
        use_edition_font()
        with caplog.at_level("WARNING", logger="matplotlib.font_manager"):
            path = font_manager.findfont(font_manager.FontProperties(family="NanumGothic", weight="bold"),
                                         rebuild_if_missing=False)
        assert path.endswith("NanumGothicExtraBold.ttf")
        assert [r.message for r in caplog.records] == []
    finally:
        matplotlib.rcParams["font.family"] = old


def test_hangul_without_the_korean_font_warns():
    """The check above can fail: DejaVu Sans alone has no Hangul, and matplotlib says so."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}), warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.set_title("오차")
        fig.canvas.draw()
        plt.close(fig)
    assert any("missing from font" in str(w.message) for w in seen)


def test_english_edition_leaves_matplotlib_alone(edition):
    import matplotlib

    from helpers.fonts import use_edition_font

    edition("en")
    before = list(matplotlib.rcParams["font.family"])
    use_edition_font()
    assert list(matplotlib.rcParams["font.family"]) == before


def test_environment_is_strict_in_tests():
    assert os.environ.get("BP_I18N_STRICT") == "1"


def test_a_cell_that_rebinds_underscore_does_not_break_the_next_translation(edition):
    """A learner's `for _ in range(3)` would turn every later `_("…")` into "'int' object is not callable";
    helpers.i18n binds `_` back before the next cell, once the notebook has imported it."""
    from IPython.core.interactiveshell import InteractiveShell

    edition("en")
    shell = InteractiveShell.instance()
    try:
        shell.run_cell("import helpers.i18n as i18n_module; i18n_module._watch_notebook()")
        shell.run_cell("_ = 5")                          # before any import: the learner's own, left alone
        shell.run_cell("kept = _")
        assert shell.user_ns["kept"] == 5
        shell.run_cell("from helpers.i18n import _")
        shell.run_cell("for _ in range(3):\n    pass")
        result = shell.run_cell('said = _("after one update")')
        assert result.success and shell.user_ns["said"] == "after one update"
        result = shell.run_cell('for _ in range(2):\n    pass\nsame_cell = _')   # inside one cell: the learner's
        assert shell.user_ns["same_cell"] == 1
    finally:
        InteractiveShell.clear_instance()


def test_the_korean_labels_table_for_instructors_is_current():
    """docs/teaching/korean-labels.md: every widget control's English and Korean name, read off the widgets."""
    from tools import korean_labels

    assert korean_labels.main(["korean_labels.py", "--check"]) == 0
    text = korean_labels.TABLE.read_text(encoding="utf-8")
    assert "| 04 | Panel222 | Step | 한 걸음 |" in text and "| 07 | TrainingExplorer | Step | 한 에폭 |" in text


def test_pad_counts_hangul_as_two_columns():
    assert i18n.text_width("softmax") == 7
    assert i18n.text_width("소프트맥스") == 10
    assert i18n.text_width("시드 003의 z_j") == 14
    assert i18n.text_width("σ′(x) ⊙ upstream") == 16          # Greek and math signs take one column
    assert i18n.pad("소프트맥스", 12) == "소프트맥스  "
    assert i18n.pad("층", 6, ">") == "    층"
    assert i18n.pad("양", 7, "^") == "  양   "
    assert i18n.pad("시그모이드 10개", 12) == "시그모이드 10개"  # wider than the column: unchanged
    assert i18n.column(["시그모이드 10개", "소프트맥스"], 12) == ["시그모이드 10개", "소프트맥스     "]
    assert i18n.column(["ten sigmoids", "softmax"]) == ["ten sigmoids", "softmax     "]
    with pytest.raises(ValueError, match='align must be "<", ">" or "\\^"'):
        i18n.pad("x", 3, "=")


def test_pad_is_str_format_for_english():
    """The English edition's tables print byte for byte as they did with {name:12s} / {name:>31}."""
    for text in ("", "add", "ten sigmoids", "σ′(x) ⊙ upstream, no J", "∂C/∂W^l", "·a (a = -1)"):
        for width in range(0, 26):
            for align in "<>^":
                assert i18n.pad(text, width, align) == format(text, f"{align}{width}"), (text, width, align)
        assert i18n.column([text, "x"], 8) == [format(text, "<8"), format("x", f"<{max(8, len(text))}")]


def test_pad_check_can_fail():
    """Character counting (what {name:12s} does) is exactly what misaligns a Korean column."""
    padded = [i18n.pad(label, 12) + "|" for label in ("덧셈", "1/x", "시그모이드")]
    assert [i18n.text_width(line) for line in padded] == [13, 13, 13]
    by_characters = [f"{label:12s}|" for label in ("덧셈", "1/x", "시그모이드")]
    assert [i18n.text_width(line) for line in by_characters] == [15, 13, 18]
    assert by_characters != padded
