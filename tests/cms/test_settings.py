"""The one settings module: production refuses to start half-configured."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

from django.conf import settings

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def _production_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    env.pop("DEBUG", None)
    env.pop("CELERY_BROKER_URL", None)
    env.pop("SILENCED_SYSTEM_CHECKS", None)
    alphabet = string.ascii_letters + string.digits + string.punctuation.replace("$", "")
    env.update(
        {
            "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(60)),
            "ALLOWED_HOSTS": "example.org",
            "TESTING": "0",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
            "VAR_DIR": str(tmp_path / "var"),
            "FIELD_ENCRYPTION_KEYS": "ZmFrZS1wcm9kLWtleS1mb3ItdGVzdHMtb25seS0wMDA=",
            "FIELD_HASH_KEY": secrets.token_urlsafe(32),
            "CACHE_URL": "redis://127.0.0.1:6379/1",
        }
    )
    return env


def _check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = _check_deploy(_production_env(tmp_path))

    assert result.returncode == 0, (
        "manage.py check --deploy found problems with production settings:\n"
        + result.stdout
        + result.stderr
    )


def test_production_without_a_shared_cache_is_warned_of(tmp_path):
    env = _production_env(tmp_path)
    del env["CACHE_URL"]

    result = _check_deploy(env)

    assert result.returncode != 0, "check --deploy passed with each process's own cache"
    assert "cms.W001" in result.stderr and "CACHE_URL" in result.stderr, result.stderr


def test_production_without_secret_key_fails_naming_the_variable(tmp_path):
    env = _production_env(tmp_path)
    del env["SECRET_KEY"]

    result = _check_deploy(env)

    assert result.returncode != 0, "production started without a SECRET_KEY"
    assert "SECRET_KEY" in result.stderr, (
        f"the error does not say which variable is missing:\n{result.stderr}"
    )


@pytest.mark.parametrize("variable", ["FIELD_ENCRYPTION_KEYS", "FIELD_HASH_KEY"])
def test_production_without_child_data_keys_fails_naming_the_variable(tmp_path, variable):
    env = _production_env(tmp_path)
    del env[variable]

    result = _check_deploy(env)

    assert result.returncode != 0, f"production started without {variable}"
    assert variable in result.stderr, f"the error does not name {variable}:\n{result.stderr}"


@pytest.mark.parametrize(
    ("given", "missing"),
    [("WECHAT_APP_ID", "WECHAT_APP_SECRET"), ("WECHAT_APP_SECRET", "WECHAT_APP_ID")],
)
def test_wechat_sign_in_needs_both_variables(tmp_path, given, missing):
    env = _production_env(tmp_path) | {given: "wx-prod"}

    result = _check_deploy(env)

    assert result.returncode != 0, f"production started with {given} and no {missing}"
    assert missing in result.stderr, f"the error does not name {missing}:\n{result.stderr}"
    assert _check_deploy(env | {missing: "wx-prod-2"}).returncode == 0


def test_site_speaks_chinese_in_china_time():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ, "datetimes must be stored in UTC"


def test_sqlite_takes_the_write_lock_at_transaction_start():
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite only: PostgreSQL locks rows, not the database")
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE", (
        "without IMMEDIATE, concurrent SQLite writers fail with 'database is locked'"
    )


def test_tests_use_fast_hashing_and_in_memory_email():
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    assert settings.PASSWORD_HASHERS[0].endswith("MD5PasswordHasher")


@pytest.mark.parametrize(
    "variable",
    ["BOOKING_OFFER_HOLD_HOURS", "BOOKING_CANCEL_DEADLINE_HOURS", "BOOKING_REMINDER_HOURS"],
)
def test_booking_hours_come_from_the_environment(tmp_path, variable):
    env = _production_env(tmp_path) | {variable: "48"}
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed program
        [sys.executable, "-c", f"from cms import settings; print(settings.{variable})"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "48", result.stdout + result.stderr


def _database_options(env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-c", "from cms import settings; print(settings.DATABASES['default'])"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("switch, prepared", [(None, True), ("1", True), ("0", False)])
def test_postgresql_prepares_statements_unless_turned_off(tmp_path, switch, prepared):
    env = _production_env(tmp_path) | {"DATABASE_URL": "postgres://aixin@127.0.0.1:5432/aixin"}
    if switch is not None:
        env["DATABASE_PREPARED_STATEMENTS"] = switch
    options = _database_options(env)
    assert ("'server_side_binding': True" in options) is prepared, options
    assert ("'prepare_threshold': 5" in options) is prepared, options


def test_sqlite_is_not_given_postgresql_options(tmp_path):
    assert "server_side_binding" not in _database_options(_production_env(tmp_path))


@pytest.mark.django_db
@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="PostgreSQL only",
)
def test_the_postgresql_connection_binds_on_the_server_and_prepares():
    from django.db import connection

    connection.ensure_connection()
    assert connection.features.uses_server_side_binding
    assert connection.connection.prepare_threshold == 5
