"""The settings hook of ``python -m skill serve``: a named function's dict, or a clear error."""

from __future__ import annotations

import pytest

from skill.web.settings import load_settings


def test_no_settings_means_no_extra_arguments() -> None:
    assert load_settings(None) == {} and load_settings("") == {}


def test_a_settings_function_gives_create_app_arguments() -> None:
    assert load_settings("web_settings_for_tests:verification_off") == {
        "verify_signature": False,
        "verify_timestamp": False,
    }


@pytest.mark.parametrize(
    ("spec", "error"),
    [
        ("no_colon_here", ValueError),
        ("web_settings_for_tests:", ValueError),
        ("web_settings_for_tests:missing", AttributeError),
        ("no_such_module_anywhere:settings", ModuleNotFoundError),
        ("json:dumps", TypeError),
    ],
)
def test_a_bad_settings_hook_fails_at_start_up_with_a_clear_error(spec: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        load_settings(spec)
