"""helpers: the shared package of the "Backprop, step by step" notebook series.

Import the module a notebook teaches, e.g. ``from helpers import activations`` or
``from helpers.gradcheck import numerical_gradient``. Each module's docstring names the notebook
that introduces it. Importing ``helpers`` itself is cheap: submodules load on first use.
"""

import sys as _sys

__version__ = "0.1.0"

# In a notebook that has imported pyplot, inline figures are drawn once instead of three times
# (helpers/inline_png.py: the same picture as IPython's default, about twice as fast).
if "matplotlib.pyplot" in _sys.modules and "IPython" in _sys.modules:
    from .inline_png import install as _install_inline_png

    _install_inline_png()
