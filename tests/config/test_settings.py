import importlib.util
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.celery import build_config
from tests.conftest import ROOT

SETTINGS_ENV = [
    "ENVIRONMENT",
    "SECRET_KEY",
    "DEBUG",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "REDIS_URL",
    "ALLOWED_HOSTS",
    "EMAIL_BACKEND",
]


def load_settings(monkeypatch, **env):
    """Execute config/settings.py afresh under the given environment."""
    for name in SETTINGS_ENV:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("fresh_settings", ROOT / "config" / "settings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_embedded_defaults(monkeypatch):
    s = load_settings(monkeypatch)
    assert s.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert str(s.DATABASES["default"]["NAME"]).endswith("db.sqlite3")
    assert s.CELERY_BROKER_URL == ""
    assert build_config(s)["task_always_eager"] is True
    assert s.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    assert s.EMAIL_BACKEND.endswith("console.EmailBackend")
    assert s.DEBUG is True and s.PRODUCTION is False


def test_postgres_and_redis_urls_are_parsed(monkeypatch):
    s = load_settings(
        monkeypatch,
        DATABASE_URL="postgres://netra:s3cret@db.internal:6432/netralitas",
        CELERY_BROKER_URL="redis://cache.internal:6379/0",
        REDIS_URL="redis://cache.internal:6379/1",
    )
    db = s.DATABASES["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["PORT"], db["NAME"], db["USER"], db["PASSWORD"]) == (
        "db.internal",
        6432,
        "netralitas",
        "netra",
        "s3cret",
    )
    assert db["CONN_HEALTH_CHECKS"] is True
    assert s.CACHES["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/1",
    }
    config = build_config(s)
    assert config["task_always_eager"] is False
    assert config["broker_url"] == config["result_backend"] == "redis://cache.internal:6379/0"


def test_production_refuses_to_start_without_secret(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        load_settings(monkeypatch, ENVIRONMENT="production")


def test_unknown_environment_is_named(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="'staging'"):
        load_settings(monkeypatch, ENVIRONMENT="staging")


def test_production_mode_is_secure(monkeypatch):
    s = load_settings(monkeypatch, ENVIRONMENT="production", SECRET_KEY="x" * 60)
    assert s.DEBUG is False
    assert s.SESSION_COOKIE_SECURE and s.CSRF_COOKIE_SECURE and s.SECURE_SSL_REDIRECT
    assert s.SECURE_HSTS_SECONDS >= 31536000
    assert s.EMAIL_BACKEND.endswith("smtp.EmailBackend")


def check_deploy(**extra) -> subprocess.CompletedProcess:
    env = {
        "ENVIRONMENT": "production",
        "ALLOWED_HOSTS": "netralitas.example.go.id",
        "SECRET_KEY": "kq3J9v!xR2m@Lp7Z#tW5nB8cY1hF4gD6sA0eU%iO9rT2wQ-zX3vC7bN5mK8jH1lP",
        "PATH": "/usr/bin:/bin",
        **extra,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_check_deploy_passes_in_production_mode(tmp_path):
    key_file = tmp_path / "audit.key"
    key_file.write_text("p9Zr4LwQx7Tb2Vn8Kc5Hm3Jd6Fs1Gy0A\n")
    result = check_deploy(AUDIT_SIGNING_KEY_FILE=str(key_file))
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_warns_when_the_audit_key_comes_from_secret_key():
    result = check_deploy()
    assert result.returncode != 0
    assert "netralitas.W001" in result.stderr and "AUDIT_SIGNING_KEY is not set" in result.stderr


def test_missing_secret_is_a_clear_startup_error():
    env = {"ENVIRONMENT": "production", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when ENVIRONMENT=production" in result.stderr
