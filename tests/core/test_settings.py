import pytest

from kiosk.core.errors import InputError
from kiosk.core.settings import SETTINGS_FILE, Settings, load_settings, save_settings


def test_round_trip(tmp_path):
    s = Settings(hub_url="https://hub.example.invalid", sync_interval_seconds=90)
    save_settings(tmp_path, s)
    assert load_settings(tmp_path) == s
    assert (tmp_path / SETTINGS_FILE).stat().st_mode & 0o777 == 0o600
    assert not list(tmp_path.glob(".*.tmp")), "temp file left behind"


def test_missing_file_gives_defaults(tmp_path):
    assert load_settings(tmp_path).language == "zh_CN"


def test_unknown_keys_are_ignored(tmp_path):
    (tmp_path / SETTINGS_FILE).write_text('language = "en"\nfuture_option = 3\n')
    assert load_settings(tmp_path).language == "en"


def test_wrong_type_is_a_clear_error(tmp_path):
    (tmp_path / SETTINGS_FILE).write_text('sync_interval_seconds = "often"\n')
    with pytest.raises(InputError) as err:
        load_settings(tmp_path)
    assert "sync_interval_seconds" in err.value.zh


def test_corrupt_file_is_a_clear_error(tmp_path):
    (tmp_path / SETTINGS_FILE).write_text("language = [unclosed\n")
    with pytest.raises(InputError) as err:
        load_settings(tmp_path)
    assert "已损坏" in err.value.zh
