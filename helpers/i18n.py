"""The words a learner reads, in the edition's language: one gettext catalogue for all of ``helpers``.

Every learner-facing string (exercise feedback, widget labels and readouts, printed tables, figure
text, errors a learner meets) is written in English inside ``_()`` and looked up at run time in
``helpers/locale/ko/LC_MESSAGES/backprop.po`` (compiled to ``backprop.mo``) when the Korean edition
runs. The edition is picked the way the glossary picks it: a kernel's working directory is its
notebook's folder, and the Korean edition lives in a folder named ``ko``. ``BP_LANG=en`` or
``BP_LANG=ko`` overrides that (tests use it).

Numbers are formatted inside the message with ``str.format`` fields, so both editions print them the
same way and differ only in words::

    print(_("after one update: E = {E:.9f}").format(E=E))

``N_()`` marks a string for the catalogue without translating it (module-level constants; translate
with ``_()`` where it is shown). The catalogue is kept with ``make catalogue`` (tools/catalogue.py:
Babel extracts every marked string from helpers/ and the English notebooks, updates the Korean ``.po``
and compiles it). A Korean string missing from the catalogue is shown in English and remembered in
:data:`missing`; with ``BP_I18N_STRICT=1`` (set by the tests and by ``make regenerate``) it is an
error instead, so no Korean output falls back to English unnoticed.

Printed tables pad their words with :func:`pad` (or :func:`column`), not ``{name:12s}``: a format width
counts characters, but a Hangul syllable takes two columns of a monospace font, so a Korean label
padded by characters ends too far right. ``pad`` counts display columns, and for English (ASCII) text
it gives exactly what ``str.ljust``/``str.rjust`` (or ``{name:<12}``) give::

    print(_("{name} analytic {analytic}").format(name=pad(name, 12), analytic=analytic))
"""

from __future__ import annotations

import gettext as _gettext
import os
import sys
import unicodedata
from functools import cache
from pathlib import Path

__all__ = ["_", "N_", "ngettext", "pgettext", "language", "LANGUAGES", "missing", "text_width", "pad", "column"]

DOMAIN = "backprop"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("en", "ko")

#: Korean lookups that found no entry in this process (English was shown instead).
missing: set[str] = set()


def language() -> str:
    """``"ko"`` or ``"en"``: ``BP_LANG`` if set, else ``"ko"`` when the working directory is a folder
    named ``ko`` (the Korean edition's notebooks run there), else ``"en"``."""
    chosen = os.environ.get("BP_LANG", "").strip().lower()
    if chosen:
        if chosen not in LANGUAGES:
            raise ValueError(f"BP_LANG must be one of {', '.join(LANGUAGES)}; got {chosen[:40]!r}")
        return chosen
    try:
        return "ko" if os.path.basename(os.getcwd()) == "ko" else "en"
    except OSError:
        return "en"


class _Missing(_gettext.NullTranslations):
    """The fallback behind the Korean catalogue: a message with no Korean entry."""

    def gettext(self, message):
        return _miss(message)

    def ngettext(self, msgid1, msgid2, n):
        return _miss(msgid1 if n == 1 else msgid2)

    def pgettext(self, context, message):
        return _miss(message)

    def npgettext(self, context, msgid1, msgid2, n):
        return _miss(msgid1 if n == 1 else msgid2)


def _miss(message: str) -> str:
    if os.environ.get("BP_I18N_STRICT") == "1":
        raise LookupError(f"no Korean entry for {message[:120]!r} in helpers/locale/ko/LC_MESSAGES/"
                          f"{DOMAIN}.po: run `make catalogue` and translate it")
    missing.add(message)
    return message


@cache
def _translations(lang: str) -> _gettext.NullTranslations:
    if lang == "en":
        return _gettext.NullTranslations()
    found = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])
    found.add_fallback(_Missing())
    return found


def _(message: str) -> str:
    """``message`` in the running edition's language."""
    return _translations(language()).gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue; translate it later with ``_()``."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the running edition's language."""
    return _translations(language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` translated in ``context`` (the same English word that needs two Korean ones)."""
    return _translations(language()).pgettext(context, message)


def text_width(text: str) -> int:
    """How many columns ``text`` takes in a monospace font: 2 for a wide character (Hangul, CJK, full-width
    forms: East Asian Width W or F), 0 for a combining mark, 1 for any other character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


def pad(text: str, width: int, align: str = "<") -> str:
    """``text`` padded with spaces to ``width`` display columns (:func:`text_width`), for a printed table.

    ``align`` is ``"<"`` (pad on the right), ``">"`` (on the left) or ``"^"`` (both sides, the extra space on
    the right, as ``str.format`` does). Text already ``width`` columns wide or wider is returned unchanged.
    For text of one-column characters this is ``format(text, f"{align}{width}")``, so English tables print
    exactly as with ``{text:<12}``; a Korean word of 3 syllables counts 6 columns, so it gets 6 spaces to 12."""
    if align not in ("<", ">", "^"):
        raise ValueError(f'align must be "<", ">" or "^"; got {align!r}')
    spaces = max(0, width - text_width(text))
    if align == "<":
        return text + " " * spaces
    if align == ">":
        return " " * spaces + text
    return " " * (spaces // 2) + text + " " * (spaces - spaces // 2)


def column(texts, width: int = 0, align: str = "<") -> list[str]:
    """Each of ``texts`` padded (:func:`pad`) to one width: ``width``, or the widest text's display width if
    that is wider, so a column of labels lines up even when a translation is longer than the English."""
    texts = list(texts)
    widest = max([width, *map(text_width, texts)])
    return [pad(text, widest, align) for text in texts]


def _note_import(*_args) -> None:
    """After each cell: has the notebook imported ``_`` from here (``from helpers.i18n import _``)?"""
    shell = _shell()
    if shell is not None and shell.user_ns.get("_") is _:
        shell._bp_translator_imported = True


def _keep_underscore(*_args) -> None:
    """Before each cell: if the notebook imported ``_`` from here and a cell has since bound the name to
    something else (``for _ in range(3)``, a learner's ``_, b = pair``), bind it back, so the next
    ``_("…")`` translates instead of failing with "'int' object is not callable"."""
    shell = _shell()
    if shell is not None and getattr(shell, "_bp_translator_imported", False) and shell.user_ns.get("_") is not _:
        shell.user_ns["_"] = _


def _shell():
    ipython = sys.modules.get("IPython")
    return ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None


def _watch_notebook() -> None:
    """In a notebook kernel, keep ``_`` the translator from one cell to the next once it is imported."""
    shell = _shell()
    if shell is None or getattr(shell, "_bp_watching_underscore", False):
        return
    shell.events.register("pre_run_cell", _keep_underscore)
    shell.events.register("post_run_cell", _note_import)
    shell._bp_watching_underscore = True


_watch_notebook()
