"""``python -m knowledge.i18n extract|init CODE|update|compile|check``: the catalogs.

- ``init CODE`` starts the catalog of a new language from the template (pybabel init);
- ``extract`` writes the template (knowledge/locale/kneebot.pot) from the content;
- ``update`` runs Babel's ``pybabel update`` for every language, so a changed English
  sentence is a new message id and its old translation is kept only as obsolete until someone
  translates it again (`check` fails until then);
- ``compile`` runs ``pybabel compile`` (the .mo files the bot reads);
- ``check`` exits 1 when the template is out of date or a catalog has an untranslated or
  fuzzy entry.
"""

from __future__ import annotations

import io
import re
import sys

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

from knowledge.i18n import DEFAULT_LANGUAGE, DOMAIN, LANGUAGES, LOCALE_DIR
from knowledge.i18n.messages import collect

TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def build_template() -> Catalog:
    catalog = Catalog(project="kneebot", domain=DOMAIN, fuzzy=False)
    for text, places in collect().items():
        flags = ("python-brace-format",) if _PLACEHOLDER.search(text) else ()
        catalog.add(text, auto_comments=places[:3], flags=flags)
    return catalog


def _template_bytes() -> bytes:
    out = io.BytesIO()
    write_po(out, build_template(), width=100, omit_header=True, sort_output=False)
    return out.getvalue()


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])  # type: ignore[no-untyped-call]


def catalog_path(language: str) -> str:
    return str(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po")


def problems() -> list[str]:
    """What `check` reports: a stale template, untranslated or fuzzy entries."""
    found = []
    if not TEMPLATE.exists() or _template_bytes() not in TEMPLATE.read_bytes():
        found.append("the template is out of date: python -m knowledge.i18n extract")
    for code in LANGUAGES:
        if code == DEFAULT_LANGUAGE:
            continue
        with open(catalog_path(code), "rb") as handle:
            catalog = read_po(handle)
        ids = {message.id for message in build_template() if message.id}
        for message in catalog:
            if not message.id:
                continue
            if not message.string:
                found.append(f"{code}: untranslated: {message.id!r:.60}")
            elif message.fuzzy:
                found.append(f"{code}: fuzzy: {message.id!r:.60}")
        missing = ids - {m.id for m in catalog if m.id}
        found += [f"{code}: missing: {text!r:.60}" for text in sorted(missing)]
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if len(argv) == 1 else ""
    if len(argv) == 2 and argv[0] == "init" and re.fullmatch(r"[a-z]{2,3}", argv[1]):
        _pybabel("init", "-i", str(TEMPLATE), "-d", str(LOCALE_DIR), "-D", DOMAIN, "-l", argv[1])
        print(f"wrote {catalog_path(argv[1])}")
    elif command == "extract":
        LOCALE_DIR.mkdir(parents=True, exist_ok=True)
        with TEMPLATE.open("wb") as out:
            write_po(out, build_template(), width=100, omit_header=False, sort_output=False)
        print(f"wrote {TEMPLATE}")
    elif command == "update":
        _pybabel("update", "-i", str(TEMPLATE), "-d", str(LOCALE_DIR), "-D", DOMAIN, "-w", "100")
    elif command == "compile":
        _pybabel("compile", "-d", str(LOCALE_DIR), "-D", DOMAIN)
    elif command == "check":
        found = problems()
        print("\n".join(found) or "catalogs complete")
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
