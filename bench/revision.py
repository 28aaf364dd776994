"""The free-text reader as it was at an older git revision, imported as its own module.

Apart from `bench.freetext` so that a process can load an old reader without importing today's
(`bench.freetext --memory` compares the memory each takes).
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from types import ModuleType

__all__ = ["load_revision"]


def load_revision(rev: str) -> ModuleType:
    """The free-text reader as it was at git revision `rev`, imported as its own module: the
    single file ``knowledge/freetext.py`` of older revisions, or the package
    ``knowledge/freetext/`` (its own imports renamed to the copy's name)."""
    root = Path(__file__).resolve().parent.parent
    name = "freetext_at_" + "".join(c if c.isalnum() else "_" for c in rev)
    single = subprocess.run(
        ["git", "cat-file", "-e", f"{rev}:knowledge/freetext.py"], cwd=root, capture_output=True
    )
    if single.returncode != 0:
        return _load_package(root, rev, name)
    source = subprocess.run(
        ["git", "show", f"{rev}:knowledge/freetext.py"],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.py"
        path.write_text(source, encoding="utf-8")
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while being created
        spec.loader.exec_module(module)
    return module


def _load_package(root: Path, rev: str, name: str) -> ModuleType:
    """``knowledge/freetext/`` at `rev`, copied out of git as the package `name`."""
    folder = Path(tempfile.mkdtemp(prefix="kneebench-"))
    archive = subprocess.run(
        ["git", "archive", rev, "knowledge/freetext"], cwd=root, check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    package = folder / name
    (folder / "knowledge" / "freetext").rename(package)
    for path in package.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("knowledge.freetext", name), encoding="utf-8")
    sys.path.insert(0, str(folder))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(folder))
