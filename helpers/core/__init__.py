"""The teaching code, check-free: the modules the notebooks print and point at.

Each module here is the idea and nothing else — no validation, no overflow scans, no speed paths —
so a learner can read it top to bottom. The public names the notebooks call (``helpers.mlp.backprop``,
``helpers.autograd.Value``, ``helpers.training.Trainer`` …) are thin façades over these functions: they
validate the arguments once, call the core, and check the result (``helpers._checks.guarded``).
"""
