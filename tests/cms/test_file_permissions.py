"""var/ and the SQLite database in it are readable by their owner only (0700 and 0600, the
-wal and -shm files too), even for a process started with a permissive umask."""

import os
import stat
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

SCRIPT = """
import os
os.umask(0o022)
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE t (x integer)")
    cursor.execute("INSERT INTO t VALUES (1)")
# While the connection is open, its -wal and -shm files exist too.
name = connection.settings_dict["NAME"]
for suffix in ("", "-wal", "-shm"):
    print(suffix or "db", oct(os.stat(name + suffix).st_mode & 0o777))
"""


def _mode(path: Path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))


def test_var_and_the_database_files_are_the_owners_only(tmp_path):
    var = tmp_path / "var"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cms.settings",
            "VAR_DIR": str(var),
            "TESTING": "1",
        }
    )

    result = subprocess.run(  # noqa: S603 - this interpreter running the fixed SCRIPT
        [sys.executable, "-c", SCRIPT],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert _mode(var) == "0o700", f"{var} is {_mode(var)}"
    modes = dict(line.split() for line in result.stdout.split("\n") if line)
    assert modes.keys() == {"db", "-wal", "-shm"}, result.stdout
    assert set(modes.values()) == {"0o600"}, f"database files readable by others: {modes}"
