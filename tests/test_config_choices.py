"""Config keys with a fixed set of values (summary method and language, key preset): a value
outside the set is named with the key, the value and the values allowed, as other config errors
are (scripts stop with exit 2; the reader starts with the built-in value and says why)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import Config, ConfigError, load_config
from reader.summarize import ALGORITHMS, LANGUAGES
from tests.processes import newsreader

CHOICES = [
    ("summary", "algorithm", "magic", ALGORITHMS),
    ("summary", "language", "klingon", LANGUAGES),
    ("reader", "keymap", "emacs", ("default", "newsboat")),
]


@pytest.mark.parametrize(("section", "key", "bad", "allowed"), CHOICES)
def test_a_value_outside_its_set_names_key_value_and_choices(
    config_file, section: str, key: str, bad: str, allowed: tuple[str, ...]
) -> None:
    path = config_file(f'[{section}]\n{key} = "{bad}"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert f"{path}, line 2: {section}.{key}: " in message
    assert repr(bad) in message
    assert all(name in message for name in allowed)


BESIDE = {"summary": ("show", False), "reader": ("show_read", False)}  # a good key next to it


@pytest.mark.parametrize(("section", "key", "bad", "allowed"), CHOICES)
def test_the_reader_starts_with_the_built_in_value_and_the_problem_said(
    config_file, section: str, key: str, bad: str, allowed: tuple[str, ...]
) -> None:
    other, value = BESIDE[section]
    path = config_file(f'[{section}]\n{key} = "{bad}"\n{other} = {str(value).lower()}\n')
    config = load_config(path, lenient=True)
    (problem,) = config.problems
    assert f"{section}.{key}" in problem and repr(bad) in problem
    built_in = getattr(Config(), section)
    assert getattr(getattr(config, section), key) == getattr(built_in, key)
    assert getattr(getattr(config, section), other) is value  # the rest is read as written


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("algorithm", "default"),
        ("algorithm", "Lex-Rank"),
        ("algorithm", "kl-sum"),
        ("algorithm", "EDMUNDSON"),
        ("algorithm", ""),
        ("language", "auto"),
        ("language", "de"),
        ("language", "pt_BR"),
        ("language", "German"),
        ("language", "en-GB"),
        ("language", "english"),
    ],
)
def test_every_spelling_the_summariser_takes_is_accepted(config_file, key: str, value: str) -> None:
    config = load_config(config_file(f'[summary]\n{key} = "{value}"\n'))
    assert getattr(config.summary, key) == value
    assert config.problems == ()


def test_every_method_on_offer_is_accepted(config_file) -> None:
    for name in ALGORITHMS:
        assert load_config(config_file(f'[summary]\nalgorithm = "{name}"\n')).problems == ()


def test_a_script_stops_with_exit_2_naming_the_bad_value(tmp_path: Path, config_file) -> None:
    path = config_file('[summary]\nalgorithm = "magic"\n')
    result = newsreader("--config", str(path), "stats")
    assert result.returncode == 2
    assert "summary.algorithm" in result.stderr and "'magic'" in result.stderr
    assert all(name in result.stderr for name in ALGORITHMS)
    assert not (tmp_path / "news.db").exists()
