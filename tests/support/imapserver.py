"""A real IMAP server (Debian's dovecot-imapd) on 127.0.0.1 for the mailbox adapter's tests.

Each ImapServer is its own dovecot: a config, a passwd-file, Maildirs, sockets, state and log in a
fresh temporary directory, and a random loopback port, so it never meets a system dovecot.

Running without privileges took this:
- as a normal user every service runs as that user (dovecot cannot switch users anyway);
- as root (CI) the master stays root but imap-login refuses to run as root and the mail process
  refuses uid 0, so logins, internal services and mail all run as "nobody", which owns the
  Maildirs; the temporary directory is made traversable (0711) so "nobody" reaches its sockets;
- no chroot (that needs root and a prepared tree), ssl = no unless asked, plaintext auth allowed.

The helpers talk IMAP with the stdlib imaplib: dovecot is another process, so a blocking call
from an async test cannot deadlock it, and no file in the Maildir is touched behind its back.
"""

from __future__ import annotations

import contextlib
import grp
import imaplib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import pytest

DOVECOT = "/usr/sbin/dovecot"
HOST = "127.0.0.1"
USER = "blockwatch"
PASSWORD = "p@ss/w rd"  # needs percent-encoding in the URL (a ":" cannot be in a passwd-file)
_START_TIMEOUT = 10.0

_CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = {host}
ssl = {ssl}
{ssl_files}
disable_plaintext_auth = no
auth_failure_delay = 0
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
default_login_user = {user}
default_internal_user = {user}
default_internal_group = {group}
first_valid_uid = {uid}
last_valid_uid = {uid}
passdb {{
  driver = passwd-file
  args = {root}/passwd
}}
userdb {{
  driver = passwd-file
  args = {root}/passwd
  default_fields = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = {host}
    port = {port}
  }}
  inet_listener imaps {{
    address = {host}
    port = {tls_port}
  }}
}}
service anvil {{
  chroot =
}}
"""


def require_dovecot() -> None:
    """Skip the test when dovecot is missing, except under CI (CI=true): there it is a failure,
    so a broken install step in .ci/run cannot pass as a run of skipped tests."""
    if os.access(DOVECOT, os.X_OK):
        return
    if os.environ.get("CI"):
        pytest.fail(f"{DOVECOT} is missing: .ci/run should have installed dovecot-imapd")
    pytest.skip(f"{DOVECOT} is missing: apt-get install dovecot-imapd (CI installs it)")


def free_port() -> int:
    """A port on 127.0.0.1 with nothing listening (a moment ago)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
    return port


class ImapServer:
    """One dovecot instance. `start()`, then `url`, `deliver(raw)`, `flags(uid)`; `stop()`."""

    def __init__(self, *, tls: bool = False) -> None:
        self.tls = tls  # also listen with implicit TLS on tls_port (a self-signed certificate)
        self.root = Path(tempfile.mkdtemp(prefix="blockwatch-dovecot-"))
        self.port = 0
        self.tls_port = 0
        self.cert_file = self.root / "cert.pem"  # trust this to verify the TLS listener
        self.user = USER
        self.password = PASSWORD
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """IMAP_URL for the plain listener and the INBOX."""
        return f"imap://{self.user}:{quote(self.password, safe='')}@{HOST}:{self.port}/INBOX"

    @property
    def tls_url(self) -> str:
        return f"imaps://{self.user}:{quote(self.password, safe='')}@{HOST}:{self.tls_port}/INBOX"

    def start(self) -> None:
        self.port, self.tls_port = free_port(), free_port() if self.tls else 0
        self._write_files()
        self._process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.root / "dovecot.conf")],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group: stop() ends master and children
        )
        self._wait_ready()

    def stop(self) -> None:
        """Kill this dovecot's process group and remove its directory.

        SIGKILL, not SIGTERM: a terminated master lingers a second for its children, a second
        per test; nothing it holds outlives the test's temporary directory anyway.
        """
        process, self._process = self._process, None
        if process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            if process.stderr is not None:
                process.stderr.close()
        shutil.rmtree(self.root, ignore_errors=True)

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def deliver(self, raw: bytes, *, flags: str = "") -> int:
        """Append one message to the INBOX (as an MTA would deliver it); return its UID."""
        with self._session() as imap:
            status, data = imap.append("INBOX", f"({flags})" if flags else None, None, raw)
            assert status == "OK", data
            found = re.search(rb"APPENDUID \d+ (\d+)", data[0] or b"")
            assert found, data
            return int(found.group(1))

    def flags(self, uid: int) -> set[str]:
        """The flags and keywords of the message with this UID, e.g. {"\\Seen", "$Blockwatch"}."""
        with self._session() as imap:
            imap.select("INBOX", readonly=True)
            status, data = imap.uid("FETCH", str(uid), "(FLAGS)")
            assert status == "OK" and data and data[0], (status, data)
            assert isinstance(data[0], bytes)
            found = re.search(rb"FLAGS \(([^)]*)\)", data[0])
            assert found, data
            return set(found.group(1).decode().split()) - {"\\Recent"}

    def set_flags(self, uid: int, *flags: str) -> None:
        """Add flags to a message, as another mail client would."""
        with self._session() as imap:
            imap.select("INBOX")
            status, data = imap.uid("STORE", str(uid), "+FLAGS", f"({' '.join(flags)})")
            assert status == "OK", data

    def _session(self) -> imaplib.IMAP4:
        imap = imaplib.IMAP4(HOST, self.port, timeout=10)
        imap.login(self.user, self.password)
        return imap

    def _write_files(self) -> None:
        account = _service_account()
        os.chmod(self.root, 0o711)  # "nobody" must reach run/ through it when we are root
        (self.root / "passwd").write_text(f"{self.user}:{{PLAIN}}{self.password}::::::\n")
        mail = self.root / "mail"
        mail.mkdir()
        os.chown(mail, account.pw_uid, account.pw_gid)  # a no-op unless we are root
        ssl_files = ""
        if self.tls:
            _make_certificate(self.cert_file, self.root / "key.pem")
            ssl_files = f"ssl_cert = <{self.cert_file}\nssl_key = <{self.root / 'key.pem'}"
        (self.root / "dovecot.conf").write_text(
            _CONFIG.format(
                root=self.root,
                host=HOST,
                port=self.port,
                tls_port=self.tls_port,
                ssl="yes" if self.tls else "no",
                ssl_files=ssl_files,
                user=account.pw_name,
                group=_group_name(account.pw_gid),
                uid=account.pw_uid,
                gid=account.pw_gid,
            )
        )

    def _wait_ready(self) -> None:
        """Until the greeting arrives; fail with dovecot's own words if it dies or hangs."""
        assert self._process is not None
        deadline = time.monotonic() + _START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                stderr = self._process.stderr.read().decode() if self._process.stderr else ""
                raise RuntimeError(f"dovecot exited: {stderr}\n{self.log()}")
            try:
                with socket.create_connection((HOST, self.port), timeout=1) as sock:
                    if sock.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"dovecot did not answer within {_START_TIMEOUT}s:\n{self.log()}")


def _service_account() -> pwd.struct_passwd:
    """Who dovecot's services run as: ourselves, or "nobody" when we are root."""
    if os.geteuid() == 0:
        return pwd.getpwnam("nobody")
    return pwd.getpwuid(os.geteuid())


def _group_name(gid: int) -> str:
    return grp.getgrgid(gid).gr_name


def _make_certificate(cert: Path, key: Path) -> None:
    """A self-signed certificate for 127.0.0.1 (openssl comes with dovecot's dependencies)."""
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
