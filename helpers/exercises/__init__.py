"""Exercise checkers: ``check_*`` functions that give a learner specific, friendly feedback.

One module per notebook (``helpers.exercises.nb01`` …); all of them build their replies with
:class:`helpers.exercises.feedback.Feedback`.
"""
