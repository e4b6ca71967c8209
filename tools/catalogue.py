"""Keep the message catalogue (helpers/i18n.py) in step with the code: ``make catalogue``.

    python tools/catalogue.py            # extract, update the Korean .po, compile the .mo
    python tools/catalogue.py --check    # exit 1 if the .pot, .po or .mo is out of date (the tests call check())

Babel extracts every string marked with ``_()``, ``N_()``, ``ngettext()`` or ``pgettext()`` from
``helpers/`` and from the code cells of the English notebooks (the Korean edition's code cells are the
same), into ``helpers/locale/backprop.pot``. The Korean catalogue ``helpers/locale/ko/LC_MESSAGES/
backprop.po`` is updated from it: new messages arrive untranslated, messages no longer in the code are
dropped, translations are kept. The ``.mo`` Python's gettext reads is compiled from the ``.po``.
Translate in the ``.po`` (any PO editor, or a text editor), then run this again.
"""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "helpers" / "locale"
POT = LOCALE / "backprop.pot"
PO = LOCALE / "ko" / "LC_MESSAGES" / "backprop.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {k: DEFAULT_KEYWORDS[k] for k in ("_", "N_", "ngettext", "pgettext")}


def extract_notebook(fileobj, keywords, comment_tags, options):
    """Babel extractor for .ipynb: the code cells, one after another, read as Python (IPython magics
    and shell lines blanked, so line numbers stay those of the joined source)."""
    nb = json.load(fileobj)
    lines: list[str] = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", []))
        lines.extend("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())
        lines.append("")
    yield from extract_python(io.BytesIO("\n".join(lines).encode()), keywords, comment_tags, options)


def template() -> Catalog:
    """Every marked string, from helpers/ and the English notebooks, with where it is used."""
    catalog = Catalog(project="backprop-step-by-step", version=None,
                      copyright_holder="the Backprop, step by step authors", msgid_bugs_address="see CONTRIBUTING.md",
                      last_translator="see CONTRIBUTING.md", charset="utf-8")
    sources = [
        (ROOT / "helpers", [("**.py", "python")]),
        (ROOT / "notebooks", [("*.ipynb", "tools.catalogue:extract_notebook")]),
    ]
    sys.path.insert(0, str(ROOT))
    for folder, method_map in sources:
        for filename, lineno, message, comments, context in extract_from_dir(
                folder, method_map, keywords=KEYWORDS, comment_tags=("i18n:",), strip_comment_tags=True,
                directory_filter=lambda d: "ko" not in Path(d).parts and "__pycache__" not in d):
            where = (str((folder / filename).relative_to(ROOT)), lineno)
            catalog.add(message, locations=[where], auto_comments=comments, context=context)
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    # File names without line numbers: a change that moves code does not rewrite the catalogue.
    write_po(out, catalog, width=100, omit_header=False, sort_by_file=False, ignore_obsolete=True,
             include_previous=False, include_lineno=False)
    return out.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _stable(catalog: Catalog) -> Catalog:
    # Fixed header dates keep the files byte-identical from run to run (diffs show only real changes).
    catalog.creation_date = catalog.revision_date = datetime(2026, 12, 7, tzinfo=UTC)
    catalog.fuzzy = False
    catalog.header_comment = ("# The Korean edition's words for every learner-facing string of helpers/ and "
                              "the notebooks.\n"
                              "# Kept by `make catalogue` (tools/catalogue.py); translate msgstr, review it like "
                              "prose.\n"
                              "# Placeholders in {braces} and the numbers' formats stay exactly as in msgid.")
    return catalog


def build() -> dict[Path, bytes]:
    """The .pot, .po and .mo as they should be, from the code and the current .po's translations."""
    pot = _stable(template())
    if PO.exists():
        with PO.open("rb") as f:
            po = read_po(f, locale="ko")
    else:
        po = Catalog(locale="ko", project=pot.project, copyright_holder=pot.copyright_holder,
                     msgid_bugs_address=pot.msgid_bugs_address, last_translator=pot.last_translator,
                     charset="utf-8")
    po.update(pot, no_fuzzy_matching=True)
    po.obsolete.clear()
    po.language_team = "Korean edition <see CONTRIBUTING.md>"
    _stable(po)
    return {POT: _po_bytes(pot), PO: _po_bytes(po), MO: _mo_bytes(po)}


def check() -> list[str]:
    """What is out of date, as sentences (empty when everything is current)."""
    problems = []
    for path, wanted in build().items():
        if not path.exists() or path.read_bytes() != wanted:
            problems.append(f"{path.relative_to(ROOT)} is out of date: run `make catalogue`")
    return problems


def main(argv: list[str]) -> int:
    if argv[1:] == ["--check"]:
        problems = check()
        print("\n".join(problems) or "catalogue up to date")
        return 1 if problems else 0
    for path, data in build().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    with PO.open("rb") as f:
        po = read_po(f, locale="ko")
    todo = [m.id for m in po if m.id and not m.string]
    print(f"{sum(1 for m in po if m.id)} messages; {len(todo)} without a Korean translation in {PO.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
