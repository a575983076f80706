"""A throwaway PostgreSQL cluster for the tests: Debian's postgresql, started in a temp directory.

`initdb` into the directory, `pg_ctl start` listening on 127.0.0.1 on a free port (its unix
socket in the directory too), `stop()` takes it down and removes everything. initdb refuses to
run as root: as root the cluster runs as the `postgres` user the package made, which then owns
the directory. Authentication is `trust` on loopback: the cluster lives as long as a test
session and holds nothing but test rows.

`require_postgres()` skips a test when PostgreSQL is not installed, but fails under CI
(CI set): .ci/run installs it.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.support.imapserver import free_port

BIN_DIRS = tuple(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True))
SERVICE_USER = "postgres"


def postgres_bin() -> Path | None:
    """The newest installed server's bin directory (Debian keeps each major version apart)."""
    for directory in BIN_DIRS:
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists():
            return directory
    return None


def require_postgres() -> Path:
    found = postgres_bin()
    if found is not None:
        return found
    reason = "PostgreSQL is not installed (Debian: apt-get install postgresql; .ci/run does)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the PostgreSQL tests")
    pytest.skip(reason)


class PgCluster:
    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.dir = Path(tempfile.mkdtemp(prefix="blockwatch-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self._user = SERVICE_USER if os.geteuid() == 0 else None
        self._serial = 0

    @property
    def admin_url(self) -> str:
        return self.url("postgres")

    def url(self, database: str) -> str:
        user = self._user or pwd.getpwuid(os.geteuid()).pw_name
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        if self._user is not None:
            entry = pwd.getpwnam(self._user)
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)
        self._run(
            "initdb", "-D", str(self.data), "-A", "trust", "-U", self._user or "",
            "--locale=C.UTF-8", "-E", "UTF8", "--no-sync",
        )  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port}"
            f" -c unix_socket_directories={self.dir} -c fsync=off -c full_page_writes=off"
            " -c synchronous_commit=off -c max_connections=200"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"),
            "-w", "-t", "60", "start",
        )  # fmt: skip

    def create_database(self, template: str | None = None) -> str:
        """A new, empty database (a copy of `template`); its URL."""
        self._serial += 1
        name = f"t{os.getpid()}_{self._serial}"
        self.sql(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        return self.url(name)

    def sql(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(statement.encode())

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)

    def log(self) -> str:
        path = self.dir / "log"
        return path.read_text(errors="replace") if path.exists() else ""

    def _run(self, program: str, *args: str) -> None:
        command: Sequence[str] = [str(self.bin_dir / program), *(a for a in args if a)]
        if args[-1] == "" or ("-U" in args and not self._user):
            command = [c for c in command if c != "-U"]
        if self._user is not None:
            command = ["runuser", "-u", self._user, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120, cwd=self.dir)
