"""Read an input file (a plan, a config) whatever the path names: never block on a FIFO
that nobody writes, never read a device without end, never raise past ``OSError``.

A FIFO is read when a writer holds it (``--plan <(curl ...)``); one without a writer
reads as empty. A folder, a symlink loop, a NUL byte in the path and a file larger
than ``MAX_INPUT_BYTES`` are ``OSError`` s with a message for the user.

``display`` is how such a path is named in messages and generated headers.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

#: The largest plan or config trackgen reads (the README states the budget for it).
MAX_INPUT_BYTES = 64 * 2**20


def read_input(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of ``path``; ``OSError`` (its ``strerror`` says why) when they
    cannot be read or pass ``limit``."""
    if "\0" in str(path):
        raise OSError(errno.EINVAL, "the path holds a NUL byte")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)  # a FIFO's open must not wait
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise OSError(errno.EISDIR, "it is a folder")
        chunks: list[bytes] = []
        if stat.S_ISFIFO(mode):
            try:
                first = os.read(fd, limit + 1)
            except BlockingIOError:  # a writer holds it and has not written yet: wait for it
                first = b""
            else:
                if not first:  # no writer: there is nothing to read
                    return b""
            chunks.append(first)
        os.set_blocking(fd, True)
        size = len(chunks[0]) if chunks else 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            size += len(chunk)
        raise OSError(errno.EFBIG, f"it is larger than {limit // 2**20} MB")
    finally:
        os.close(fd)


def real_path(path: Path) -> Path:
    """``path`` absolute, with symlinks resolved as far as they go: unlike
    ``Path.resolve`` (3.11), a symlink loop is not an exception here; using the path
    later gives the ``OSError`` that reports it."""
    return Path(os.path.realpath(path))


def display(path: Path, base: Path) -> str:
    """A path as shown in messages and headers: relative to ``base`` when inside it."""
    try:
        return real_path(path).relative_to(real_path(base)).as_posix()
    except ValueError:
        return path.as_posix()
