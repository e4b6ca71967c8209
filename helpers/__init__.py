"""helpers: the shared package of the "Backprop, step by step" notebook series.

Import the module a notebook teaches, e.g. ``from helpers import activations`` or
``from helpers.gradcheck import numerical_gradient``. Each module's docstring names the notebook
that introduces it. Importing ``helpers`` itself is cheap: submodules load on first use.
"""

import sys as _sys

from .i18n import language as _language

# The Korean edition's figures draw Hangul with NanumGothic, a pip-installed font (helpers/fonts.py).
if _language() == "ko":
    from .fonts import use_edition_font as _use_edition_font

    _use_edition_font()

__version__ = "0.1.0"

# In a notebook that has imported pyplot, inline figures are drawn once instead of three times
# (helpers/inline_png.py: the same picture as IPython's default, about twice as fast).
if "matplotlib.pyplot" in _sys.modules and "IPython" in _sys.modules:
    from .inline_png import install as _install_inline_png

    _install_inline_png()
