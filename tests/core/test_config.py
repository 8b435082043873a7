"""Configuration: one sentence naming file, key and expectation; documented precedence."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cicini_desktop.config import (
    ENV_CONFIG,
    ENV_DATA_DIR,
    ENV_MACHINE_CONFIG,
    SETTINGS,
    example_config_text,
    load_config,
    user_config_path,
)
from cicini_desktop.core.errors import ConfigError


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {ENV_MACHINE_CONFIG: str(tmp_path / "absent-machine.toml")}
    env.update(extra)
    return env


def _one_sentence(message: str) -> None:
    assert "\n" not in message
    assert message.endswith(".")


def test_defaults_without_any_file(tmp_path: Path) -> None:
    config = load_config(env=_env(tmp_path))
    assert config.idle_lock_minutes == 15
    assert config.key_file is None
    assert config.database_path.name == "cicini.db"
    assert config.sources == ()


def test_unknown_key_names_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("idle_lock_minute = 10\n")
    with pytest.raises(ConfigError) as caught:
        load_config(env=_env(tmp_path, **{ENV_CONFIG: str(path)}))
    message = caught.value.user_message
    assert str(path) in message
    assert "unknown key 'idle_lock_minute'" in message
    assert "idle_lock_minutes" in message  # what is expected
    _one_sentence(message)


def test_unknown_key_inside_a_table(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[sync]\nendpont = 'https://x.example'\n")
    with pytest.raises(ConfigError, match=r"unknown key 'sync\.endpont'"):
        load_config(env=_env(tmp_path, **{ENV_CONFIG: str(path)}))


def test_wrong_type(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('idle_lock_minutes = "ten"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(env=_env(tmp_path, **{ENV_CONFIG: str(path)}))
    message = caught.value.user_message
    assert str(path) in message
    assert "'idle_lock_minutes' must be a whole number" in message
    _one_sentence(message)


def test_a_boolean_is_not_a_number(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("idle_lock_minutes = true\n")
    with pytest.raises(ConfigError, match="whole number"):
        load_config(env=_env(tmp_path, **{ENV_CONFIG: str(path)}))


@pytest.mark.parametrize("value", [0, 61, -5])
def test_out_of_range_idle_timeout(tmp_path: Path, value: int) -> None:
    path = tmp_path / "c.toml"
    path.write_text(f"idle_lock_minutes = {value}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(env=_env(tmp_path, **{ENV_CONFIG: str(path)}))
    message = caught.value.user_message
    assert str(path) in message
    assert "'idle_lock_minutes' must be a whole number from 1 to 60" in message
    _one_sentence(message)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("idle_lock_minutes = 10\n")
    path.chmod(0)
    with pytest.raises(ConfigError, match="cannot be read") as caught:
        load_config(env=_env(tmp_path, **{ENV_CONFIG: str(path)}))
    assert str(path) in caught.value.user_message


def test_a_folder_in_place_of_the_file_cannot_be_read(tmp_path: Path) -> None:
    # Runs as root too: a directory cannot be read as a file by anyone.
    path = tmp_path / "c.toml"
    path.mkdir()
    with pytest.raises(ConfigError, match="cannot be read") as caught:
        load_config(env=_env(tmp_path, **{ENV_CONFIG: str(path)}))
    assert str(path) in caught.value.user_message
    _one_sentence(caught.value.user_message)


def test_invalid_toml_and_missing_explicit_file(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("idle_lock_minutes = = 3\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(env=_env(tmp_path, **{ENV_CONFIG: str(path)}))
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(env=_env(tmp_path, **{ENV_CONFIG: str(tmp_path / "nope.toml")}))


def test_precedence_defaults_machine_user_env_flag(tmp_path: Path) -> None:
    machine = tmp_path / "machine.toml"
    machine.write_text(
        f'data_dir = "{tmp_path / "m"}"\nidle_lock_minutes = 5\nlog_level = "warning"\n'
    )
    env = {ENV_MACHINE_CONFIG: str(machine)}
    config = load_config(env=env)
    assert config.data_dir == tmp_path / "m"
    assert config.idle_lock_minutes == 5

    user = user_config_path()  # the test HOME is private to this test
    user.parent.mkdir(parents=True, exist_ok=True)
    user.write_text(f'data_dir = "{tmp_path / "u"}"\nidle_lock_minutes = 7\n')
    config = load_config(env=env)
    assert config.data_dir == tmp_path / "u"
    assert config.idle_lock_minutes == 7
    assert config["log_level"] == "warning"  # not set by the user: the machine value stays
    assert config.sources == (machine, user)

    explicit = tmp_path / "explicit.toml"
    explicit.write_text("idle_lock_minutes = 9\n")
    config = load_config(env={**env, ENV_CONFIG: str(explicit)})
    assert config.idle_lock_minutes == 9
    assert config.data_dir == tmp_path / "m"  # CICINI_CONFIG replaces the user's file
    assert config.sources == (machine, explicit)

    config = load_config(env={**env, ENV_DATA_DIR: str(tmp_path / "e")})
    assert config.data_dir == tmp_path / "e"
    config = load_config(str(tmp_path / "f"), env={**env, ENV_DATA_DIR: str(tmp_path / "e")})
    assert config.data_dir == tmp_path / "f"


def test_every_setting_is_in_the_example_file() -> None:
    text = example_config_text()
    for setting in SETTINGS:
        assert f"# {setting.key.rpartition('.')[2]} = " in text
