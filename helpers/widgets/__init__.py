"""Widget builders, one module per notebook. Each builder returns a ready widget object with a
plain-Python API (methods such as ``step()``, and a ``state`` dict) that unit tests drive without a
browser; every interactive part carries a stable CSS class for the browser tests."""
