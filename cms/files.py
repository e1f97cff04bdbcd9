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
