"""A matplotlib figure shown inside a widget layout and redrawn in place.

Why not ``%matplotlib widget``? A plain Agg figure rendered to PNG and pushed into an
``ipywidgets.Image`` redraws in ~15 ms, needs no extra JupyterLab extension, behaves identically under
JupyterLab, nbclient and nbval, and never registers with pyplot (so no "too many open figures"
warning). Widgets across the series build their plots on :class:`FigureImage`.
"""

from __future__ import annotations

import io

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


class FigureImage:
    """Own one matplotlib ``Figure`` and an ``Image`` widget showing it.

    Create once, change artists (``line.set_data(...)``, ``text.set_text(...)``), then call
    :meth:`refresh` to re-render the PNG in place. ``figure`` is a normal matplotlib Figure.
    """

    def __init__(self, width: float = 6.0, height: float = 4.0, dpi: int = 80, css_class: str = "bp-figure"):
        self.figure = Figure(figsize=(width, height), dpi=dpi)
        FigureCanvasAgg(self.figure)
        self.widget = widgets.Image(format="png", layout=widgets.Layout(width=f"{int(width * dpi)}px"))
        self.widget.add_class(css_class)
        self.renders = 0

    def png(self) -> bytes:
        """Render the figure and return PNG bytes."""
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png")
        return buffer.getvalue()

    def refresh(self) -> None:
        """Re-render the figure into the Image widget (call after changing artists)."""
        self.widget.value = self.png()
        self.renders += 1
