"""The database connection, read from the environment: ``DATABASE_URL``, or SQLite under
``var/``. Kept out of ``cms/settings.py`` (which calls ``database``), like
``cms/account_settings.py``. Every variable is listed in README.md ("Configuration")."""

from pathlib import Path

import environ


def database(env: environ.Env, var_dir: Path) -> dict:
    """``DATABASES["default"]``.

    - SQLite takes the write lock at the start of a transaction (IMMEDIATE), so concurrent
      writers queue instead of failing; WAL lets readers go on meanwhile.
    - PostgreSQL binds parameters on the server and prepares a statement after its fifth run
      in a connection (``DATABASE_PREPARED_STATEMENTS``, on by default), so a booking's
      statements are not planned on every request. Turn it off behind PgBouncer older than
      1.21 in transaction mode, which cannot keep prepared statements.
    - Connections are kept between requests (``CONN_MAX_AGE``), SQLite's too: opening one
      costs 1.5-3 ms here (its functions registered, the WAL pragma), more than a page kept
      rendered costs otherwise.
    """
    config = env.db_url("DATABASE_URL", default=f"sqlite:///{var_dir / 'db.sqlite3'}")
    options = config.setdefault("OPTIONS", {})
    if config["ENGINE"] == "django.db.backends.sqlite3":
        options.update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 5,
                "init_command": "PRAGMA journal_mode=WAL;",
            }
        )
    elif config["ENGINE"] == "django.db.backends.postgresql" and env.bool(
        "DATABASE_PREPARED_STATEMENTS", default=True
    ):
        options.update({"server_side_binding": True, "prepare_threshold": 5})
    config["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    config["CONN_HEALTH_CHECKS"] = True
    return config
