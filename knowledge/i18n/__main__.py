"""``python -m knowledge.i18n extract``: write the catalog template (knowledge/locale/kneebot.pot).

Then Babel's own commands keep each language's catalog in step and compile it::

    pybabel update -i knowledge/locale/kneebot.pot -d knowledge/locale -D kneebot
    pybabel compile -d knowledge/locale -D kneebot

A changed English sentence is a new message id, so `update` marks its old translation fuzzy
until someone checks it again.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from knowledge.i18n.messages import collect

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
TEMPLATE = LOCALE_DIR / "kneebot.pot"
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def build_template() -> Catalog:
    catalog = Catalog(project="kneebot", domain="kneebot", fuzzy=False)
    for text, places in collect().items():
        flags = ("python-brace-format",) if _PLACEHOLDER.search(text) else ()
        catalog.add(text, auto_comments=places[:3], flags=flags)
    return catalog


def main(argv: list[str]) -> int:
    if argv != ["extract"]:
        print(__doc__)
        return 2
    LOCALE_DIR.mkdir(parents=True, exist_ok=True)
    with TEMPLATE.open("wb") as out:
        write_po(out, build_template(), width=100, omit_header=False, sort_output=False)
    print(f"wrote {TEMPLATE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
