"""What every widget of the series shares: its ``state``, its message line, its figures, and one policy
for callbacks.

The callback policy (:meth:`WidgetBase.callback`): a click or a slider move runs its action; if the
action raises, **nothing reaches the browser**. Instead

1. the widget's model (the attributes named in ``_kept``, always including ``_state``) is put back as
   it was before the action, and :meth:`WidgetBase._controls_follow_state` moves the controls back to
   the values on display, quietly (their callbacks do not run), so controls, readouts and ``state``
   agree again;
2. the message area says what could not be done, in plain words (the error's own sentence for the
   clear errors the helpers raise; the kind of error otherwise);
3. the error is logged on the ``helpers.widgets`` logger (with its traceback) and kept in
   :attr:`WidgetBase.errors` for a test or an instructor to read.

The plain-Python API (``set``, ``step``, …) still raises its clear errors: a learner typing a call in a
cell should see them; only callbacks from the browser go through this policy.

The message is in the edition's language (:mod:`helpers.i18n`). ``doing`` (what could not be done) is
passed translated by the widget: ``self.callback(self.step, _("take a step"))`` — in English a verb
phrase that completes "Could not …", in Korean a noun phrase ("한 걸음 진행").
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable

import ipywidgets as widgets

from ..i18n import _
from . import layout
from .figure_image import FigureImage

__all__ = ["WidgetBase", "plain_words", "LOG"]

LOG = logging.getLogger("helpers.widgets")
LOG.addHandler(logging.NullHandler())      # a notebook shows problems in the widget, never on stderr
MAX_KEPT_ERRORS = 20


def plain_words(exc: BaseException) -> str:
    """What went wrong, as a sentence a learner can read: the message of the clear errors the helpers
    raise (ValueError, TypeError, ArithmeticError), the kind of error and its message otherwise."""
    text = str(exc).strip() or _("no details were given")
    if isinstance(exc, (ValueError, TypeError, ArithmeticError)):
        return text
    return _("an unexpected {error} ({text})").format(error=type(exc).__name__, text=text)


class WidgetBase:
    """Mix-in free base of the widget classes (composition: each widget *has* a message readout,
    figures and controls; the base owns only what they all share).

    A subclass calls :meth:`_setup` first in ``__init__``, creates its figures with :meth:`add_figure`,
    sets ``self._state`` (a dict of what is on display) whenever its display changes, and routes every
    browser callback through :meth:`callback` (or wraps an ``observe`` handler with :meth:`observer`).
    """

    _kept: tuple[str, ...] = ()        # more attributes restored after a failed callback (the model)

    def _setup(self, css: str) -> None:
        self._state: dict = {}
        self._images: list[FigureImage] = []
        self._quiet = 0
        self.errors: list[str] = []
        self.message = layout.readout(f"{css}-message")

    # ---- figures --------------------------------------------------------------------------------
    def add_figure(self, width: float, height: float, css: str) -> FigureImage:
        """A new :class:`FigureImage` of this widget (listed in :attr:`figure_images`)."""
        image = FigureImage(width, height, css_class=css)
        self._images.append(image)
        return image

    @property
    def figure_images(self) -> list[FigureImage]:
        """The figures this widget shows (for the text-size tests and the stored picture)."""
        return list(self._images)

    # ---- state ----------------------------------------------------------------------------------
    @property
    def state(self) -> dict:
        """What the widget shows now (a deep copy: changing it changes nothing on screen)."""
        return copy.deepcopy(self._state)

    def _controls_follow_state(self) -> None:
        """Move the controls back to the values in ``self._state`` (called quietly after a failed
        callback). Widgets whose controls hold values override it."""

    def quietly(self, control: widgets.Widget, name: str, value) -> None:
        """Set ``control.<name>`` from code without running this widget's callbacks."""
        self._quiet += 1
        try:
            setattr(control, name, value)
        finally:
            self._quiet -= 1

    @property
    def is_quiet(self) -> bool:
        """True while code (not the learner) is setting a control."""
        return self._quiet > 0

    # ---- messages -------------------------------------------------------------------------------
    def show_problem(self, text: str) -> None:
        self.message.value = layout.message_html(text)

    def show_note(self, text: str) -> None:
        self.message.value = layout.message_html(text, error=False) if text else ""

    # ---- the callback policy --------------------------------------------------------------------
    def callback(self, action: Callable[[], object], doing: str | None = None) -> bool:
        """Run ``action`` for a browser event under the policy of the module docstring. Returns True
        when it worked. ``doing`` completes "Could not …" in the message (translated by the caller;
        default "do that")."""
        if self.is_quiet:
            return True
        kept = {name: copy.deepcopy(getattr(self, name)) for name in ("_state", *self._kept)
                if hasattr(self, name)}
        try:
            action()
            return True
        except Exception as exc:  # noqa: BLE001 (the policy: a callback never raises into the browser)
            for name, value in kept.items():
                setattr(self, name, value)
            self._quiet += 1
            try:
                self._controls_follow_state()
            except Exception:  # noqa: BLE001 (the message below still tells the learner)
                LOG.exception("%s: controls could not be put back", type(self).__name__)
            finally:
                self._quiet -= 1
            words = plain_words(exc)
            self.errors = [*self.errors, words][-MAX_KEPT_ERRORS:]
            # i18n: what could not be done, completing "Could not …"; Korean: a noun phrase shown in parentheses
            doing = _("do that") if doing is None else doing
            LOG.warning("%s: could not %s", type(self).__name__, doing, exc_info=exc)
            self.show_problem(_("Could not {doing}: {problem}. Nothing was changed.").format(doing=doing,
                                                                                            problem=words))
            return False

    def observer(self, action: Callable[[dict], object], doing: str | None = None) -> Callable[[dict], None]:
        """An ``observe`` handler that runs ``action(change)`` under :meth:`callback`."""
        def handler(change: dict) -> None:
            self.callback(lambda: action(change), doing)
        return handler
