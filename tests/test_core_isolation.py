"""The core must never depend on the UI: import every core module (those of its packages too)
with textual made unimportable. And the UI only presents and dispatches: it imports no database,
HTTP, HTML or feed library."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import reader

CORE = sorted(
    m.name
    for m in pkgutil.walk_packages(reader.__path__, "reader.")
    if m.name != "reader.tui" and not m.name.startswith("reader.tui.")
)
TUI = Path(reader.__file__).parent / "tui"
NOT_FOR_THE_UI = {"sqlite3", "httpx", "lxml", "feedparser", "trafilatura", "sumy", "defusedxml"}


def test_core_modules_are_listed() -> None:
    assert {"reader.config", "reader.store", "reader.models", "reader.cli"} <= set(CORE)
    # those of packages, which are loaded lazily and so never imported by the modules above
    assert {"reader.extract.bios", "reader.extract.main", "reader.related.index"} <= set(CORE)


def test_the_ui_imports_no_database_http_html_or_feed_library() -> None:
    found = []
    for path in sorted(TUI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            else:
                continue
            found += [
                f"{path.relative_to(TUI)}:{node.lineno} {name}"
                for name in names
                if name.split(".")[0] in NOT_FOR_THE_UI
            ]
    assert len(list(TUI.rglob("*.py"))) > 10 and found == []


def test_core_imports_without_textual() -> None:
    code = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'textual' or name.startswith('textual.'):\n"
        "            raise ImportError('textual is blocked in this test')\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules)\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
