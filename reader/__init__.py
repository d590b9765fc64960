"""newsreader: a keyboard-first terminal news reader."""

# the one version of the running code (pyproject.toml's ``version`` says the same: a test checks
# it). Not read from the installed package's metadata, which an editable install or a stale
# build folder (*.egg-info beside the sources) can leave behind at an older version.
__version__ = "0.3.0"
