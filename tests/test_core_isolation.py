"""The core must never depend on the UI: import every core module with textual made unimportable."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import reader

CORE = sorted(
    m.name for m in pkgutil.iter_modules(reader.__path__, "reader.") if m.name != "reader.tui"
)


def test_core_modules_are_listed() -> None:
    assert {"reader.config", "reader.store", "reader.models", "reader.cli"} <= set(CORE)


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
