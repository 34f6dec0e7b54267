"""Helpers shared by the reliability tests: the installed console script, table dumps."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def zhili_exe() -> str:
    """The installed `zhili` console script of this interpreter's environment."""
    local = BIN / "zhili"
    if local.exists():
        return str(local)
    found = shutil.which("zhili")
    assert found, "the zhili console script is not installed"
    return found


def run_zhili(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 120,
              input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([zhili_exe(), *map(str, args)], cwd=cwd, env={**os.environ, **(env or {})},
                          capture_output=True, text=True, timeout=timeout, input=input)


def run_python(code: str, *args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.Popen:
    """Start `python -c code args…` (this interpreter), piping its output."""
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], cwd=cwd, env=dict(os.environ),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows in id order (SQLite's own tables left out), read-only. The audit log's
    real write time, and so its hashes, differ between two runs of one command: left out."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'search_%' ORDER BY name")]  # search_*: the derived FTS index
        out = {}
        for n in names:
            cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{n}")')]
            if n == "audit_log":
                cols = [c for c in cols if c not in ("recorded_at", "hash", "prev_hash")]
            select = ", ".join(f'"{c}"' for c in cols)
            out[n] = conn.execute(f'SELECT {select} FROM "{n}" ORDER BY rowid').fetchall()
        return out
    finally:
        conn.close()


def copy_db(src: Path, dst: Path) -> Path:
    """A closed, checkpointed database file copied with its WAL/SHM leftovers removed."""
    for suffix in ("", "-wal", "-shm"):
        target = Path(str(dst) + suffix)
        if target.exists():
            target.unlink()
    shutil.copyfile(src, dst)
    return dst


def checkpoint(path: Path) -> None:
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def one_line_error(result) -> str:
    """The refusal of a finished process: exit 1 or 2, one line on stderr, no traceback."""
    assert result.returncode in (1, 2), (result.returncode, result.stdout, result.stderr)
    err = result.stderr.strip()
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    assert err and len(err.splitlines()) == 1, f"want one line on stderr, got: {err!r}"
    return err
