"""A Korean font for the Korean edition's figures, installed with pip: NanumGothic from koreanize-matplotlib.

matplotlib's default DejaVu Sans has no Hangul, and Binder, a class hub and CI have no system Korean
font. The package ``koreanize-matplotlib`` (MIT; the NanumGothic font files it carries are under the
SIL Open Font License) ships NanumGothic as plain TTF files. We do not import it (its import changes
matplotlib's settings for everything); :func:`use_edition_font` registers the one regular TTF with
matplotlib and, in the Korean edition only, puts it behind DejaVu Sans in ``font.family``. matplotlib
then draws Latin letters, digits and symbols with DejaVu Sans, exactly as in the English edition, and
falls back to NanumGothic for Hangul alone, so a Korean figure shows no missing-glyph boxes and
prints no glyph warnings.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from .i18n import language

__all__ = ["KOREAN_FAMILY", "korean_font_path", "use_edition_font"]

KOREAN_FAMILY = "NanumGothic"
LATIN_FAMILY = "DejaVu Sans"


@lru_cache(maxsize=1)
def korean_font_path() -> Path:
    """The NanumGothic TTF that koreanize-matplotlib installed (no import of the package itself)."""
    spec = find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the Korean edition's figures need the package koreanize-matplotlib "
                                  "(it carries the NanumGothic font): run `make lab-ko`, or "
                                  "`python -m pip install -r requirements.txt`")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "NanumGothic.ttf"
    if not path.is_file():
        raise FileNotFoundError(f"koreanize-matplotlib is installed but has no {path.name} at {path.parent}; "
                                f"reinstall it: python -m pip install --force-reinstall koreanize-matplotlib")
    return path


@lru_cache(maxsize=1)
def _register() -> None:
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(korean_font_path()))


def use_edition_font() -> None:
    """In the Korean edition, let matplotlib draw Hangul (NanumGothic behind DejaVu Sans); in the English
    edition, leave matplotlib's settings alone. Cheap to call before every figure."""
    if language() != "ko":
        return
    import matplotlib

    _register()
    families = [LATIN_FAMILY, KOREAN_FAMILY]
    if list(matplotlib.rcParams["font.family"]) != families:
        matplotlib.rcParams["font.family"] = families
