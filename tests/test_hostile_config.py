"""Hostile config values: a size cap so large it cannot be read into memory is refused when
the config is read, with the key and its limit, as other values out of range are."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import ConfigError, parse_config
from tests.processes import newsreader as run


def test_max_bytes_over_one_gib_is_refused_with_its_limit() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config("[refresh]\nmax_bytes = 1000000000000000000\n", Path("c.toml"))
    assert (
        str(caught.value) == "c.toml, line 2: refresh.max_bytes: must be at most 1073741824 (1 GiB)"
    )


def test_max_bytes_of_one_gib_is_accepted() -> None:
    config = parse_config("[refresh]\nmax_bytes = 1073741824\n", Path("c.toml"))
    assert config.refresh.max_bytes == 1073741824


def test_the_reader_uses_the_built_in_cap_instead_and_says_why() -> None:
    config = parse_config("[refresh]\nmax_bytes = 2000000000\n", Path("c.toml"), lenient=True)
    assert config.refresh.max_bytes == 10_000_000
    assert config.problems == (
        "c.toml, line 2: refresh.max_bytes: must be at most 1073741824 (1 GiB)",
    )


@pytest.mark.parametrize("command", ["extract", "summarize", "refresh"])
def test_commands_on_a_local_file_stop_with_a_config_error_not_a_memory_error(
    tmp_path: Path, command: str
) -> None:
    page = tmp_path / "page.txt"
    page.write_text("A sentence about the weather. Another one about the sea.\n")
    config = tmp_path / "config.toml"
    config.write_text(f'[refresh]\nmax_bytes = 1000000000000000000\n[[feeds]]\nurl = "{page}"\n')
    args = [command] if command == "refresh" else [command, str(page)]
    result = run("--config", str(config), "--db", str(tmp_path / "news.db"), *args)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        f"newsreader: config error: {config}, line 2: refresh.max_bytes: must be at most "
        "1073741824 (1 GiB)\n"
    )
