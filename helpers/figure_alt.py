"""A short text alternative for a matplotlib figure, computed from the figure itself (never typed).

:mod:`helpers.inline_png` stores it with every inline figure (the output's ``image/png`` metadata,
key ``alt``), and the web site (``make site``) writes it as the figure's ``<img alt>``: a reader who
cannot see the picture hears what it shows. For each axes it says the title, what is plotted against
what, each labelled line with the way it runs ("falls from 0.69 to 0.08 by epoch 300"), bars,
images and scatter points, and, for a drawing without data (a network diagram), the labels on it:

    >>> describe(fig)
    'Loss against epoch: training loss falls from 0.693 to 0.0812 by epoch 300.'
"""

from __future__ import annotations

import numpy as np

__all__ = ["describe", "MAX_CHARS"]

MAX_CHARS = 400        # a screen reader reads it all: say the essentials
MAX_SERIES = 4         # lines described per axes (the rest are counted)
MAX_LABELS = 8         # labels listed for a drawing


def _num(value: float) -> str:
    """Three significant figures, no exponent for everyday sizes: 0.0812, 300, 1.25e-05."""
    value = float(value)
    if value == 0 or 1e-3 <= abs(value) < 1e5:
        text = f"{value:.3g}" if abs(value) < 1e3 else f"{value:.0f}"
        return "0" if text in ("-0", "0") else text
    return f"{value:.2e}"


def _clean(text: str) -> str:
    """Figure text as read aloud: TeX dollars dropped, whitespace collapsed."""
    return " ".join(str(text).replace("$", "").replace("\\", "").split())


def _trend(x: np.ndarray, y: np.ndarray, xlabel: str) -> str:
    """How one line runs: rises/falls from its first to its last value, or its range if it turns."""
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    if y.size == 0:
        return "no finite values"
    if y.size == 1:
        return f"one point at {_num(y[0])}"
    first, last, low, high = y[0], y[-1], y.min(), y.max()
    where = f" by {xlabel or 'x'} {_num(x[-1])}" if x[-1] != x[0] else ""
    step = np.diff(y)
    if np.all(step <= 0) and first > last:
        return f"falls from {_num(first)} to {_num(last)}{where}"
    if np.all(step >= 0) and last > first:
        return f"rises from {_num(first)} to {_num(last)}{where}"
    if low == high:
        return f"stays at {_num(first)}"
    return f"goes from {_num(first)} to {_num(last)}{where}, between {_num(low)} and {_num(high)}"


def _lines(ax, xlabel: str) -> list[str]:
    from matplotlib.lines import Line2D

    lines = [ln for ln in ax.get_lines() if isinstance(ln, Line2D) and ln.get_visible()
             and np.asarray(ln.get_ydata(), dtype=float).size > 1]
    labelled = [ln for ln in lines if not str(ln.get_label()).startswith("_")]
    shown = labelled or lines[:1]
    parts = []
    for ln in shown[:MAX_SERIES]:
        x = np.asarray(ln.get_xdata(), dtype=float)
        y = np.asarray(ln.get_ydata(), dtype=float)
        name = _clean(ln.get_label()) if ln in labelled else "the curve"
        parts.append(f"{name} {_trend(x, y, xlabel)}")
    rest = len(labelled) - MAX_SERIES
    if rest > 0:
        parts.append(f"and {rest} more line{'s' if rest > 1 else ''}")
    return parts


def _other_artists(ax) -> list[str]:
    from matplotlib.collections import PathCollection
    from matplotlib.image import AxesImage
    from matplotlib.patches import Rectangle

    parts = []
    bars = [p for c in ax.containers for p in c if isinstance(p, Rectangle)]
    if bars:
        heights = np.array([p.get_height() for p in bars], dtype=float)
        parts.append(f"{len(bars)} bars from {_num(heights.min())} to {_num(heights.max())}")
    points = sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))
    if points:
        parts.append(f"{points} scattered points")
    for image in ax.get_images():
        if isinstance(image, AxesImage):
            data = np.asarray(image.get_array(), dtype=float)
            if data.ndim == 2 and data.size:
                parts.append(f"a {data.shape[0]}×{data.shape[1]} colour map from {_num(np.nanmin(data))} "
                             f"to {_num(np.nanmax(data))}")
    return parts


def _texts(ax) -> list[str]:
    labels = []
    for text in ax.texts:
        words = _clean(text.get_text())
        if text.get_visible() and words and words not in labels:
            labels.append(words)
    if not labels:
        return []
    more = f" and {len(labels) - MAX_LABELS} more" if len(labels) > MAX_LABELS else ""
    return ["labelled " + ", ".join(labels[:MAX_LABELS]) + more]


def _axes(ax) -> str:
    title = _clean(ax.get_title() or ax.get_title("left") or ax.get_title("right"))
    xlabel, ylabel = _clean(ax.get_xlabel()), _clean(ax.get_ylabel())
    head = title
    if ylabel and xlabel:
        head = f"{title}: {ylabel} against {xlabel}" if title else f"{ylabel} against {xlabel}"
    # a drawing (its axis switched off, e.g. a network diagram) is said by its labels, not its strokes
    parts = (_texts(ax) if not ax.axison else []) or _lines(ax, xlabel) + _other_artists(ax) or _texts(ax)
    body = "; ".join(parts)
    if head and body:
        return f"{head}: {body}"
    return head or body


def describe(fig) -> str:
    """One or a few sentences saying what ``fig`` shows, from its own titles, labels and data."""
    suptitle = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) is not None else ""
    panels = [ax for ax in fig.axes if ax.get_visible() and ax.get_label() != "<colorbar>"]
    said = [s for s in (_axes(ax) for ax in panels) if s]
    if len(said) > 1:
        said = [f"Panel {i}: {s}" for i, s in enumerate(said, 1)]
    text = ". ".join(([_clean(suptitle)] if suptitle else []) + said)
    if not text:
        text = f"A figure with {len(panels)} panel{'s' if len(panels) != 1 else ''} and no labels"
    text = text[0].upper() + text[1:]
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return text if text.endswith((".", "…")) else text + "."
