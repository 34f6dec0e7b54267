"""Reading and checking a large register in a second process while this one stores it.

An import has two halves of similar cost: parsing and checking every cell (pure Python)
and storing the rows (SQLite and the audit hashes). With two or more cores, `chunks` runs
the first half in a forked child that sends the checked rows back through a pipe a chunk
at a time, and the parent stores each chunk as it arrives.

- The child only goes on iterating what the parent started: it never touches the database,
  and it leaves with `os._exit`, so no clean-up of the parent's objects runs in it (a forked
  copy of an open SQLite connection must never be closed).
- The pipe holds at most 1 MiB, a few chunks: the child runs that far ahead and then waits
  while the parent writes, so memory stays flat however long the file is.
- A user error in the child (a bad cell) travels back as data and is raised in the parent
  at the same point of the stream, so the import still stops at the first bad row and its
  transaction leaves nothing written.
- If the parent dies, the child's next write fails on the closed pipe and it exits.
"""

from __future__ import annotations

import os
import pickle
import sys
from typing import Any, Callable, Iterable, Iterator, TypeVar

from zhili_cli.errors import UserError

T = TypeVar("T")

# Below this many bytes the fork and the pipe cost more than they save.
MIN_BYTES = 1_000_000
PIPE_BYTES = 1 << 20  # Linux's default ceiling for an unprivileged process


def worthwhile(size: int) -> bool:
    """Whether a file of `size` bytes is read in a second process: on Linux (fork is cheap
    and safe there for a child that only reads a file), with a second core to run it on."""
    return (size >= MIN_BYTES and sys.platform.startswith("linux") and hasattr(os, "fork")
            and len(os.sched_getaffinity(0)) > 1)


def chunks(items: Iterable[T], size: int, position: Callable[[], tuple[int, int]] | None = None,
           ) -> Iterator[tuple[list[T], tuple[int, int] | None]]:
    """`items` in lists of `size`, each with `position()` (done, total) after it; the
    iteration happens in a child process. The first item is taken here, before the fork, so
    whatever the iteration imports or compiles lazily is ready before the child starts."""
    source = iter(items)
    try:
        first = [next(source)]
    except StopIteration:
        return
    read_end, write_end = os.pipe()
    _widen(write_end)
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        _produce(first, source, size, position, write_end)
    os.close(write_end)
    inp = os.fdopen(read_end, "rb")
    try:
        while True:
            try:
                kind, value, where = pickle.load(inp)
            except (EOFError, pickle.UnpicklingError):  # the reader was killed mid-way
                raise UserError("import_reader_stopped") from None
            if kind == "rows":
                yield value, where
            elif kind == "end":
                return
            elif kind == "error":
                raise _rebuilt(value)
            else:
                raise RuntimeError(f"import reader failed:\n{value}")
    finally:
        inp.close()  # a child still writing gets a broken pipe and leaves
        os.waitpid(pid, 0)


def _widen(fd: int) -> None:
    """Let the pipe hold a few chunks, so the child goes on reading while the parent writes
    (the default 64 KiB is less than one chunk and would make them take turns)."""
    import fcntl

    try:
        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
    except OSError:  # above /proc/sys/fs/pipe-max-size: keep the default
        pass


def _produce(batch: list[Any], source: Iterator[Any], size: int,
             position: Callable[[], tuple[int, int]] | None, fd: int) -> None:
    code = 0
    try:
        out = os.fdopen(fd, "wb", buffering=1 << 16)
        dump, protocol = pickle.dump, pickle.HIGHEST_PROTOCOL
        try:
            for item in source:
                batch.append(item)
                if len(batch) >= size:
                    dump(("rows", batch, position() if position else None), out, protocol)
                    batch = []
            if batch:
                dump(("rows", batch, position() if position else None), out, protocol)
            dump(("end", None, None), out, protocol)
        except UserError as exc:
            dump(("error", (type(exc), exc.key, dict(exc.__dict__)), None), out, protocol)
        except Exception:  # a bug, not a bad cell: the parent reports it with this traceback
            import traceback

            dump(("crash", traceback.format_exc(), None), out, protocol)
        out.flush()
    except BaseException:  # the parent has gone (broken pipe) or the user pressed Ctrl-C
        code = 1
    finally:
        os._exit(code)


def _rebuilt(state: tuple[type[UserError], str, dict[str, Any]]) -> UserError:
    cls, key, attributes = state
    exc = cls.__new__(cls)
    Exception.__init__(exc, key)
    exc.__dict__.update(attributes)
    return exc
