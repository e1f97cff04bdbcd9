"""Local state readable by its owner only: the SQLite database (with its -wal and -shm
files) holds children's records, so no other account on the machine may read it."""

import os
from pathlib import Path

OWNER_ONLY_FILE = 0o600
DATABASE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def restrict_sqlite_files(sender, connection, **kwargs) -> None:
    """On each new SQLite connection (``connection_created``): make the database file and
    its companions 0600. SQLite creates -wal and -shm with the database file's mode, so once
    the file is 0600 they are too; those made earlier are tightened here as well."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict["NAME"])
    if connection.is_in_memory_db() or not name:
        return
    for suffix in DATABASE_SUFFIXES:
        path = Path(name + suffix)
        try:
            if path.stat().st_mode & 0o777 != OWNER_ONLY_FILE:
                os.chmod(path, OWNER_ONLY_FILE)
        except FileNotFoundError:
            continue


def secret_from_env_or_file(name: str, path: Path, *, test_value: str = "") -> str:
    """A secret setting: the environment variable ``name``, else the file at ``path`` (the
    development keys ``make run`` writes to var/), else ``test_value`` (given under pytest
    only); with none of them the site refuses to start, saying how to set it."""
    from django.core.exceptions import ImproperlyConfigured

    value = os.environ.get(name, "").strip()
    if not value and path.exists():
        value = path.read_text().strip()
    value = value or test_value
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set. Set the {name} environment variable "
            f"(or run `make run`, which writes a development key to var/{path.name})."
        )
    return value
