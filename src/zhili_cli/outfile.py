"""Writing an output file (`--out`) without ever clobbering what matters.

The database (and its -wal/-shm/-journal files) and the rules file are always refused; any
other existing file only with `force`. The data goes to a temporary file beside the target,
is flushed to disk and then renamed into place, so a failure (a full disk, a kill) leaves the
old file as it was.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Iterable

from zhili_cli.errors import UserError

_SIDECARS = ("", "-wal", "-shm", "-journal")


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def check_target(path: Path, *, force: bool, protected: Iterable[Path] = ()) -> None:
    """Refuse a target that is the database, its sidecar files, the rules file or (without
    `force`) any existing file; refuse a directory, anything else that is not a regular file (a
    device, a FIFO), or a missing folder."""
    resolved = path.resolve()
    for keep in protected:
        for suffix in _SIDECARS:
            other = Path(str(keep) + suffix)
            if resolved == other.resolve() or _same(path, other):
                raise UserError("out_protected", path=str(path))
    if path.is_dir():
        raise UserError("out_is_dir", path=str(path))
    if path.exists() and not path.is_file():
        # a device (/dev/null, NUL), a FIFO or a socket: renaming over it would replace it
        raise UserError("out_not_file", path=str(path))
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise UserError("out_no_dir", path=str(parent))
    if path.exists() and not force:
        raise UserError("out_exists", path=str(path))


def write_atomic(path: Path, data: bytes | str, *, force: bool = False,
                 protected: Iterable[Path] = ()) -> Path:
    """Write `data` to `path` through a temporary file renamed into place."""
    protected = list(protected)
    check_target(path, force=force, protected=protected)
    if isinstance(data, str):
        data = data.encode("utf-8")
    parent = path.parent if str(path.parent) else Path(".")
    tmp = parent / f".{path.name}.{os.getpid()}.part"
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        if exc.errno == errno.ENOSPC:
            raise UserError("out_disk_full", path=str(path)) from None
        raise UserError("out_failed", path=str(path), error=exc.strerror or str(exc)) from None
    return path
