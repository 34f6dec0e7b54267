"""Online backup: SQLite's backup API copies a consistent snapshot while others keep writing.

The copy is written to a temporary file beside the target, checked, flushed to disk and
only then moved into place, so an interrupted backup never leaves a half-written file
under the target's name. A backup killed outright (kill -9, power cut) leaves its temporary
file behind; the next backup to the same target removes those of processes no longer alive.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from zhili_cli.errors import UserError


def backup(source: sqlite3.Connection, source_path: Path, target: Path, *, force: bool = False) -> int:
    """Copy the open database `source` to `target`; returns the copy's size in bytes."""
    if target.is_dir():
        raise UserError("backup_is_dir", path=str(target))
    if target.exists():
        try:
            same = target.samefile(source_path)
        except OSError:
            same = False
        if same:
            raise UserError("backup_same_file", path=str(target))
        if not force:
            raise UserError("backup_exists", path=str(target))
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise UserError("backup_no_dir", path=str(parent))
    _remove_stale_parts(parent, target.name)
    tmp = parent / f".{target.name}.{os.getpid()}.part"
    try:
        dest = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            # One step: the whole snapshot is read inside a single read transaction, which in
            # WAL mode does not block writers and is not restarted by their commits.
            source.backup(dest, pages=-1)
            # the copy keeps the write-ahead log mode zhili creates its files in, so a restored
            # copy lets readers and a writer work side by side as before
            dest.execute("PRAGMA journal_mode = WAL")
            check = dest.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise UserError("backup_check_failed", path=str(target), error=check)
        finally:
            dest.close()
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        for leftover in (tmp, *(Path(str(tmp) + suffix) for suffix in ("-journal", "-wal", "-shm"))):
            try:
                leftover.unlink()
            except OSError:
                pass
        raise
    return target.stat().st_size


def _remove_stale_parts(parent: Path, name: str) -> None:
    """Temporary files of earlier backups to `name` whose process is gone."""
    for part in parent.glob(f".{name}.*.part*"):
        pid_text = part.name[len(name) + 2:].split(".part")[0]
        if not pid_text.isdigit() or _alive(int(pid_text)):
            continue
        try:
            part.unlink()
        except OSError:
            pass


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name != "posix":  # (Windows' os.kill would end the process)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists (another user's) or cannot tell: leave its file alone
    return True
