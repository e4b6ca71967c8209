"""helpers: the shared package of the "Backprop, step by step" notebook series.

Import the module a notebook teaches, e.g. ``from helpers import activations`` or
``from helpers.gradcheck import numerical_gradient``. Each module's docstring names the notebook
that introduces it. Importing ``helpers`` itself is cheap: submodules load on first use.
"""

__version__ = "0.1.0"
