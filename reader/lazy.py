"""Libraries imported on first use, one thread at a time.

The reader imports its heavy libraries (the summariser, the extractor, the fetcher) only when
first needed, so that its first frame does not wait for them. A warm-up worker, the screen's
thread and the page loads may then all ask for the same package first; two threads importing a
package at once can see it half made ("ImportError: cannot import name … from partially
initialized module"), which stopped the reader when a story was opened in its first second.
"""

from __future__ import annotations

import importlib
import sys
import threading
from types import ModuleType

_LOCK = threading.RLock()


def loaded(name: str) -> bool:
    """Whether ``name`` is imported in full already (``load`` then costs nothing): a thread that
    must not wait for an import (the reader's screen) asks before it uses one."""
    module = sys.modules.get(name)
    return module is not None and not getattr(module.__spec__, "_initializing", False)


def load(name: str) -> ModuleType:
    """The module ``name``, imported (with its package) under one lock the first time; after
    that, ``from name import …`` is safe in any thread."""
    if loaded(name):
        return sys.modules[name]
    with _LOCK:
        return importlib.import_module(name)
