"""How much of what a Korean learner reads is English: the measure behind tests/test_korean_surface.py.

    python tools/korean_text.py                  # a table: every Korean notebook, after its stored Run All
    python tools/korean_text.py --words 04       # also list the English words counted in 04, where they are

What is read: every markdown cell (as rendered: links' text, images' alt text, no URLs) and every stored
output, in the form JupyterLab shows (text/html before text/markdown before text/plain; an image's alt
text; a stream as printed).

What is not English prose, and so not counted:
- code and math: fenced and inline code, <code>/<pre> in markdown, $…$ and $$…$$, URLs, file names;
- identifiers: a token with a digit, an underscore, a dot or a bracket in it, any single letter, every
  name the notebook's own code cells use (tokenize's NAME tokens: `sigmoid`, `forward`, `Value`), every
  string literal in them that is one identifier (a node's label such as 'xpy'), and the names of math
  functions (max, exp, log, …), differentials (dq, dW) and acronyms (JVP, MSE: written in Latin
  letters in Korean textbooks too);
- printed source code: an output that is Python source (it parses, and defines a function or class:
  what `inspect.getsource` prints), comments and docstrings included;
- names: the people, works, tools and interface words in NAMES below (they are written in their own
  language in Korean textbooks too);
- glosses: an English term in parentheses right after a Korean word, "역전파(backpropagation)" (or after a
  Korean title, with a space), which the series' convention puts beside each key term (counted
  separately and reported);
- library messages quoted verbatim in code spans (`overflow encountered in exp`), as code.

Everything else made of Latin letters is an English word. The share is English words over English plus
Korean words (a Korean word is a run of Hangul syllables).
"""

from __future__ import annotations

import html
import io
import json
import re
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KOREAN_DIR = ROOT / "notebooks" / "ko"

# Written as they are in Korean textbooks: people, works, tools, file formats and interface words that a
# Korean learner sees in English on screen (JupyterLab's own "+2 cells hidden" under lab-ko).
NAMES = (
    "A Step by Step Backpropagation Example", "Neural Networks and Deep Learning",
    "Calculus on Computational Graphs: Backpropagation", "What is backpropagation really doing?",
    "Backpropagation calculus", "Dive into Deep Learning", "Yes you should understand backprop",
    "Deep Learning", "CS231n", "Convolutional Neural Networks for Visual Recognition",
    "Matt Mazur", "Mazur", "Michael Nielsen", "Nielsen", "Andrej Karpathy", "Karpathy", "Christopher Olah",
    "Olah", "Goodfellow", "Bengio", "Courville", "Rumelhart", "Hinton", "Williams", "Stanford",
    "3Blue1Brown", "micrograd", "PyTorch", "JAX", "NumPy", "numpy", "SymPy", "sympy", "matplotlib",
    "ipywidgets", "JupyterLab", "JupyterHub", "Jupyter", "Binder", "nbviewer", "GitHub", "Python",
    "Chromium", "Playwright", "Windows", "macOS", "Linux", "Ubuntu", "conda", "pip", "make", "UCI",
    "Optical Recognition of Handwritten Digits", "MNIST", "NanumGothic", "ReLU", "tanh", "softmax",
    "sigmoid", "cells hidden", "Run All", "Markdown", "PDF", "PNG", "CSV", "API", "CPU", "GPU",
    "Backpropagation, Intuitions", "Autograd mechanics", "Saved tensors", "Hooks for autograd saved tensors",
    "KiB", "MiB", "GiB", "kB", "MB", "GB", "ms", "µs", "ns",
    "xpy", "sigx", "sigy", "num", "den", "neg", "xy",       # CS231n's node names in its circuit example
    "Initial commit",                                         # commit titles of Mazur's repository, quoted
    "Update backprop algorithm so that hidden layer weight updates use original weights",
    "nbgitpuller", "Alpaydin", "Kaynak", "CC BY", "Stochastic Gradient Descent", "Neural Networks Part", "Adam",
    "WCAG", "OK", "English", "Error displaying widget: model not found", "Error displaying widget",
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_HANGUL = re.compile(r"[\uac00-\ud7a3]+")
_GLOSS = re.compile(r"(?<=[\uac00-\ud7a3]) ?\(([A-Za-z0-9][A-Za-z0-9 ,:'’/\-–.·]{0,80})\)")
MATH_NAMES = frozenset("max min exp log ln sin cos tan tanh sqrt argmax argmin sum mean diag det abs sgn sign "
                       "softmax relu sigmoid identity nan inf True False None".split())
_REMOVE = [
    re.compile(r"```.*?```", re.S), re.compile(r"~~~.*?~~~", re.S),
    re.compile(r"<(code|pre|script|style)\b.*?</\1>", re.S | re.I),
    re.compile(r"`[^`]*`"), re.compile(r"\$\$.*?\$\$", re.S), re.compile(r"(?<!\\)\$[^$]*\$"),
    re.compile(r"\\\(.*?\\\)", re.S), re.compile(r"\\\[.*?\\\]", re.S),
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"\]\([^)]*\)"),                      # a link's target (its text stays)
    re.compile(r"https?://\S+"), re.compile(r"\b[\w./-]+\.(?:ipynb|py|md|txt|png|csv|gz|toml|yml|json|po|mo)\b"),
]
_TOKEN = re.compile(r"\S+")
_PUNCTUATION = "\"'“”‘’()[]{}<>,.;:!?*_|#>-–—·…«»"


def _alt_texts(markup: str) -> str:
    found = re.findall(r'\b(?:alt|aria-label|title)\s*=\s*"([^"]*)"', markup)
    return " ".join(html.unescape(a) for a in found)


def _html_text(markup: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", body)) + " " + _alt_texts(markup)


def code_names(nb: dict) -> set[str]:
    """Every NAME token in the notebook's code cells (variables, functions, modules, keywords)."""
    names: set[str] = set()
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "\n".join("" if ln.lstrip().startswith(("%", "!")) else ln
                           for ln in "".join(cell["source"]).splitlines())
        try:
            for tok in tokenize.generate_tokens(io.StringIO(source).readline):
                if tok.type == tokenize.NAME:
                    names.add(tok.string)
                elif tok.type == tokenize.STRING and re.fullmatch(r"[rbuRBU]?(['\"])[A-Za-z_]\w{0,30}\1", tok.string):
                    names.add(tok.string.strip("rbuRBU")[1:-1])
        except (tokenize.TokenError, IndentationError, SyntaxError):
            names.update(re.findall(r"[A-Za-z_]\w*", source))
    return names


def _is_source(text: str) -> bool:
    """True for printed Python source (what inspect.getsource prints): it parses and defines something."""
    if not re.match(r"\s*(@|def |class |async def )", text):
        return False
    import ast
    import textwrap
    try:
        ast.parse(textwrap.dedent(text))
    except SyntaxError:
        return False
    return True


def readable_texts(nb: dict):
    """(where, kind, text) for everything a learner reads: markdown cells and stored outputs."""
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "markdown":
            source = "".join(cell["source"])
            yield f"cell {i}", "markdown", _html_text(source) if "<" in source else source
            continue
        if cell["cell_type"] != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                text = "".join(output["text"])
                if not _is_source(text):
                    yield f"cell {i}", "output", text
                continue
            if output.get("output_type") == "error":
                yield f"cell {i}", "output", f"{output.get('ename')}: {output.get('evalue')}"
                continue
            data = output.get("data", {})
            for mime in ("text/html", "text/markdown", "text/plain"):
                if mime in data:
                    text = "".join(data[mime])
                    yield f"cell {i}", "output", _html_text(text) if mime == "text/html" else text
                    break


def _strip(text: str) -> str:
    for pattern in _REMOVE:
        text = pattern.sub(" ", text)
    for name in sorted(NAMES, key=len, reverse=True):
        text = re.sub(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", " ", text)
    return text


def english_words(text: str, names: set[str] = frozenset()) -> tuple[list[str], list[str], int]:
    """(English words counted, glosses, Korean words) in ``text``."""
    text = _strip(text)
    glosses = _GLOSS.findall(text)
    text = _GLOSS.sub("", text)
    korean = len(_HANGUL.findall(text))
    words = []
    for token in _TOKEN.findall(text):
        core = token.strip(_PUNCTUATION)
        if not core or re.search(r"[\d_.\[\]()=/\\]", core) or not re.fullmatch(r"[A-Za-z][A-Za-z'’]*", core):
            continue                          # identifiers, numbers, symbols, mixed tokens
        if (len(core) == 1 or core in names or core in MATH_NAMES or re.fullmatch(r"[a-z]+[A-Z]\w*", core)
                or re.fullmatch(r"d[A-Za-z]", core)      # camelCase; a differential such as dq, dW
                or re.fullmatch(r"[A-Z]{2,5}s?", core)):  # an acronym: JVP, VJPs, MSE, SGD
            continue                          # single letters, the notebook's code names, camelCase
        words.append(core)
    return words, glosses, korean


def english_in(texts) -> list[str]:
    """The English words of ``texts`` (markup tags dropped, as a browser shows them): what a widget's or a
    figure's texts should not hold in the Korean edition."""
    return [word for text in texts for word in english_words(re.sub(r"<[^>]+>", " ", text))[0]]


def widget_texts(widget) -> list[str]:
    """Every string a widget tree shows or names: descriptions, values of labels and HTML, options,
    tooltips, placeholders, aria labels (walks ``children``, and a WidgetBase's ``.view``)."""
    seen, out, stack = set(), [], [getattr(widget, "view", widget)]
    while stack:
        w = stack.pop()
        if id(w) in seen:
            continue
        seen.add(id(w))
        for trait in ("description", "tooltip", "placeholder", "button_style_text"):
            value = getattr(w, trait, None)
            if isinstance(value, str) and value:
                out.append(value)
        if type(w).__name__ in ("Label", "HTML", "HTMLMath", "Valid"):
            out.append(_html_text(w.value) if "<" in str(w.value) else str(w.value))
        options = getattr(w, "_options_labels", None) or ()
        out.extend(str(o) for o in options)
        stack.extend(getattr(w, "children", ()) or ())
    return out


def figure_texts(fig) -> list[str]:
    """Every string drawn in a matplotlib figure: titles, axis labels, tick labels, legends, annotations."""
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text) if t.get_text() and t.get_visible()]


def measure(path: Path) -> dict:
    """The counts for one Korean notebook: English words in markdown and in outputs, glosses, Korean words."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    names = code_names(nb)
    result = {"markdown": [], "output": [], "glosses": 0, "korean": 0}
    for where, kind, text in readable_texts(nb):
        words, glosses, korean = english_words(text, names)
        result[kind].extend((where, w) for w in words)
        result["glosses"] += len(glosses)
        result["korean"] += korean
    english = len(result["markdown"]) + len(result["output"])
    result["share"] = english / max(1, english + result["korean"])
    return result


def main(argv: list[str]) -> int:
    show = argv[2] if argv[1:2] == ["--words"] and len(argv) > 2 else None
    print(f"{'notebook':42} {'Korean':>7} {'English':>8} {'in output':>9} {'glosses':>8} {'share':>6}")
    for path in sorted(KOREAN_DIR.glob("*.ipynb")):
        m = measure(path)
        english = len(m["markdown"]) + len(m["output"])
        print(f"{path.name:42} {m['korean']:7d} {english:8d} {len(m['output']):9d} {m['glosses']:8d} "
              f"{m['share']:6.1%}")
        if show and path.name.startswith(show):
            for kind in ("markdown", "output"):
                for where, word in m[kind]:
                    print(f"    {kind:8} {where:8} {word}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
