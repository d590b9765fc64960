"""newsreader: a keyboard-first terminal news reader."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsreader")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.1.0"
