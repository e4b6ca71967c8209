"""A Korean font for the Korean edition's figures, installed with pip: NanumGothic from koreanize-matplotlib.

matplotlib's default DejaVu Sans has no Hangul, and Binder, a class hub and CI have no system Korean
font. The package ``koreanize-matplotlib`` (MIT; the NanumGothic font files it carries are under the
SIL Open Font License) ships NanumGothic as plain TTF files. We do not import it (its import changes
matplotlib's settings for everything); :func:`use_edition_font` registers the one regular TTF with
matplotlib and, in the Korean edition only, puts it behind DejaVu Sans in ``font.family``. matplotlib
then draws Latin letters, digits and symbols with DejaVu Sans, exactly as in the English edition, and
falls back to NanumGothic for Hangul alone, so a Korean figure shows no missing-glyph boxes and
prints no glyph warnings.

Text that helpers rasterise with Pillow themselves (:class:`helpers.drawing.fast_text.FastText`, the
widget previews) follows the same rule with :func:`font_files` (matplotlib's font files for a font, in
fallback order) and :func:`glyph_runs` (a line cut into runs, each drawn with the first file that has
its glyphs), so it matches what matplotlib would draw.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import matplotlib
from matplotlib import font_manager

from .i18n import _, language

__all__ = ["KOREAN_FAMILY", "korean_font_path", "use_edition_font", "font_files", "glyph_runs"]

KOREAN_FAMILY = "NanumGothic"
LATIN_FAMILY = "DejaVu Sans"


@lru_cache(maxsize=1)
def korean_font_path() -> Path:
    """The NanumGothic TTF that koreanize-matplotlib installed (no import of the package itself)."""
    spec = find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(_("the Korean edition's figures need the package koreanize-matplotlib "
                                    "(it carries the NanumGothic font): run `make lab-ko`, or "
                                    "`python -m pip install -r requirements.txt`"))
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "NanumGothic.ttf"
    if not path.is_file():
        raise FileNotFoundError(_("koreanize-matplotlib is installed but has no {file} at {folder}; reinstall it: "
                                  "python -m pip install --force-reinstall koreanize-matplotlib").format(
            file=path.name, folder=path.parent))
    return path


@lru_cache(maxsize=1)
def _register() -> None:
    """NanumGothic regular (400), and the package's Bold (600) and ExtraBold (700) beside it, so bold
    Korean text (fontweight="bold" is 700) finds its weight instead of logging a findfont warning."""
    regular = korean_font_path()
    font_manager.fontManager.addfont(str(regular))
    for heavier in ("NanumGothicBold.ttf", "NanumGothicExtraBold.ttf"):
        if regular.with_name(heavier).is_file():
            font_manager.fontManager.addfont(str(regular.with_name(heavier)))


def use_edition_font() -> None:
    """In the Korean edition, let matplotlib draw Hangul (NanumGothic behind DejaVu Sans); in the English
    edition, leave matplotlib's settings alone. Cheap to call before every figure."""
    if language() != "ko":
        return
    _register()
    families = [LATIN_FAMILY, KOREAN_FAMILY]
    if list(matplotlib.rcParams["font.family"]) != families:
        matplotlib.rcParams["font.family"] = families


def font_files(prop=None) -> tuple[str, ...]:
    """The font files matplotlib draws ``prop`` (a FontProperties, a family name, or None: the default
    font) with, in fallback order: the first is ``findfont``'s, then the other families of
    ``font.family`` (NanumGothic in the Korean edition). A glyph is drawn with the first file that has it.
    Cached by the font's properties and matplotlib's font settings (a diagram asks at every redraw)."""
    if prop is None or isinstance(prop, str):
        prop = font_manager.FontProperties(family=prop)
    rc = dict.__getitem__     # matplotlib's settings, read without their validation (this runs per label)
    key = (hash(prop), *(tuple(rc(matplotlib.rcParams, k)) for k in _FONT_SETTINGS),
           len(font_manager.fontManager.ttflist))
    files = _FILES.get(key)
    if files is None:
        first = str(font_manager.findfont(prop))
        try:
            found = [str(p) for p in font_manager.fontManager._find_fonts_by_props(prop)]
        except AttributeError:          # a matplotlib without per-glyph fallback: the one file
            found = []
        files = _FILES[key] = tuple(dict.fromkeys([first, *found]))
    return files


_FILES: dict[tuple, tuple[str, ...]] = {}
_FONT_SETTINGS = ("font.family", "font.sans-serif", "font.serif", "font.monospace", "font.cursive", "font.fantasy")


@lru_cache(maxsize=16)
def _codepoints(path: str) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(path).get_charmap())


@lru_cache(maxsize=1024)
def glyph_runs(line: str, files: tuple[str, ...]) -> tuple[tuple[str, str | None], ...]:
    """``line`` cut into runs of characters drawn with the same file of ``files``: ((text, file), …),
    each character with the first file that has its glyph (what matplotlib does). A character no file
    has gets file None (the caller falls back to matplotlib, which warns about the missing glyph)."""
    runs: list[list] = []
    for char in line:
        path = next((f for f in files if ord(char) in _codepoints(f)), None)
        if runs and runs[-1][1] == path:
            runs[-1][0] += char
        else:
            runs.append([char, path])
    return tuple((text, path) for text, path in runs)


def warn_missing(char: str, files: tuple[str, ...]) -> None:
    """The warning matplotlib gives for a glyph no font has (so Pillow-drawn text never drops one silently)."""
    names = ", ".join(Path(f).stem for f in files)
    warnings.warn(f"Glyph {ord(char)} ({char!r}) missing from font(s) {names}.", UserWarning, stacklevel=3)
