"""Exercise checkers: ``check_*`` functions that give a learner specific, friendly feedback.

One module per notebook (``helpers.exercises.nb01`` …). :mod:`helpers.exercises.feedback` reads an
answer (a number, a count, a shape, an array) and replies with a
:class:`~helpers.exercises.feedback.Feedback`; :mod:`helpers.exercises.functions` calls, reads and
judges a function the learner wrote (the write-it-yourself exercises of notebooks 02, 04, 06, 07).
"""
