"""A short text alternative for a matplotlib figure, computed from the figure itself (never typed).

:mod:`helpers.inline_png` stores it with every inline figure (the output's ``image/png`` metadata,
key ``alt``), and the web site (``make site``) writes it as the figure's ``<img alt>``: a reader who
cannot see the picture hears what it shows. For each axes it says the title, what is plotted against
what, each labelled line with the way it runs ("falls from 0.69 to 0.08 by epoch 300"), bars,
images and scatter points, and, for a drawing without data (a network diagram), the labels on it:

    >>> describe(fig)
    'Loss against epoch: training loss falls from 0.693 to 0.0812 by epoch 300.'

The sentences are templates in the edition's language (:mod:`helpers.i18n`); the figure's own words
(titles, axis labels, legend entries) come from the figure, translated where it was drawn.
"""

from __future__ import annotations

import numpy as np

from .i18n import _, language, ngettext

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
        return _("no finite values")
    if y.size == 1:
        return _("one point at {value}").format(value=_num(y[0]))
    first, last, low, high = y[0], y[-1], y.min(), y.max()
    fields = {"first": _num(first), "last": _num(last), "low": _num(low), "high": _num(high),
              "xlabel": xlabel or "x", "x": _num(x[-1])}
    to_end = x[-1] != x[0]
    step = np.diff(y)
    if np.all(step <= 0) and first > last:
        return (_("falls from {first} to {last} by {xlabel} {x}") if to_end else _("falls from {first} to {last}")
                ).format(**fields)
    if np.all(step >= 0) and last > first:
        return (_("rises from {first} to {last} by {xlabel} {x}") if to_end else _("rises from {first} to {last}")
                ).format(**fields)
    if low == high:
        return _("stays at {value}").format(value=_num(first))
    return (_("goes from {first} to {last} by {xlabel} {x}, between {low} and {high}") if to_end
            else _("goes from {first} to {last}, between {low} and {high}")).format(**fields)


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
        name = _clean(ln.get_label()) if ln in labelled else _("the curve")
        parts.append(_("{name} {trend}").format(name=name, trend=_trend(x, y, xlabel)))
    rest = len(labelled) - MAX_SERIES
    if rest > 0:
        parts.append(ngettext("and {rest} more line", "and {rest} more lines", rest).format(rest=rest))
    return parts


def _other_artists(ax) -> list[str]:
    from matplotlib.collections import PathCollection
    from matplotlib.image import AxesImage
    from matplotlib.patches import Rectangle

    parts = []
    bars = [p for c in ax.containers for p in c if isinstance(p, Rectangle)]
    if bars:
        heights = np.array([p.get_height() for p in bars], dtype=float)
        parts.append(_("{n} bars from {low} to {high}").format(
            n=len(bars), low=_num(heights.min()), high=_num(heights.max())))
    points = sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))
    if points:
        parts.append(_("{n} scattered points").format(n=points))
    for image in ax.get_images():
        if isinstance(image, AxesImage):
            data = np.asarray(image.get_array(), dtype=float)
            if data.ndim == 2 and data.size:
                parts.append(_("a {rows}×{columns} colour map from {low} to {high}").format(
                    rows=data.shape[0], columns=data.shape[1], low=_num(np.nanmin(data)), high=_num(np.nanmax(data))))
    return parts


def _texts(ax) -> list[str]:
    labels = []
    for text in ax.texts:
        words = _clean(text.get_text())
        if text.get_visible() and words and words not in labels:
            labels.append(words)
    if not labels:
        return []
    shown = ", ".join(labels[:MAX_LABELS])
    if len(labels) > MAX_LABELS:
        return [_("labelled {labels} and {more} more").format(labels=shown, more=len(labels) - MAX_LABELS)]
    return [_("labelled {labels}").format(labels=shown)]


def _axes(ax) -> str:
    title = _clean(ax.get_title() or ax.get_title("left") or ax.get_title("right"))
    xlabel, ylabel = _clean(ax.get_xlabel()), _clean(ax.get_ylabel())
    head = title
    if ylabel and xlabel:
        head = (_("{title}: {ylabel} against {xlabel}") if title else _("{ylabel} against {xlabel}")).format(
            title=title, ylabel=ylabel, xlabel=xlabel)
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
        said = [_("Panel {i}: {text}").format(i=i, text=s) for i, s in enumerate(said, 1)]
    text = ". ".join(([_clean(suptitle)] if suptitle else []) + said)
    if not text:
        text = ngettext("A figure with {n} panel and no labels", "A figure with {n} panels and no labels",
                        len(panels)).format(n=len(panels))
    if language() != "ko":
        text = text[0].upper() + text[1:]             # an English sentence starts with a capital
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return text if text.endswith((".", "…")) else text + "."
