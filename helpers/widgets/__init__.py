"""Widget builders, one module per notebook. Each builder returns a ready widget object with a
plain-Python API (methods such as ``step()``, and a ``state`` dict) that unit tests drive without a
browser; every interactive part carries a stable CSS class for the browser tests.

``lecture_mode()`` (or ``BP_LECTURE=1`` in the environment JupyterLab starts from, read here at
import) makes every widget created afterwards draw 18 px figure text and larger readouts; see
:mod:`helpers.widgets.layout`.
"""

from .layout import _apply_env, is_lecture_mode, lecture_mode

__all__ = ["lecture_mode", "is_lecture_mode"]

_apply_env()
