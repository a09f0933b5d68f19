"""Replace an output folder as a whole: a reader sees the old tree or the new one, never a mix.

The new tree is built beside the old one, in ``.<name>.trackgen-new``: files trackgen
did not write (a user's ``README``, a ``.gitignore``) are hard-linked into it, so they
stay the same files, and so are generated files that did not change. Then one call to
``renameat2(RENAME_EXCHANGE)`` swaps the two directory entries, and the old tree is
deleted. Where the kernel cannot exchange (not Linux, or a file system without it)
the old tree is first moved aside to ``.<name>.trackgen-old``: for that moment the
folder is missing, never half written.

A build killed at any point leaves at most those two folders beside the output (and,
from an in-place write, ``.<file>.trackgen-tmp`` files inside it); ``recover`` puts
things right on the next build and ``leftovers`` names them for ``trackgen check``.
Concurrent builds take ``locked`` on the output's parent folder first, so they run
one after the other.

Folders that cannot be swapped (a mount point, the working directory or one of its
parents) are written in place, file by file (``write_in_place``).
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path

#: Called with the name of each step of a write (``"staging"``, ``"staged"``,
#: ``"swapped"``, ``"moved-aside"``, ``"renaming"``); tests set it to kill the process
#: there. ``None`` in normal use.
FAULT: Callable[[str], None] | None = None

_TMP_SUFFIX = ".trackgen-tmp"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _fault(step: str) -> None:
    if FAULT is not None:
        FAULT(step)


def staging_path(root: Path) -> Path:
    return root.with_name(f".{root.name}.trackgen-new")


def aside_path(root: Path) -> Path:
    return root.with_name(f".{root.name}.trackgen-old")


def tmp_path(dest: Path) -> Path:
    return dest.with_name(f".{dest.name}{_TMP_SUFFIX}")


@contextmanager
def locked(roots: Iterable[Path]) -> Iterator[list[Path]]:
    """Hold an exclusive lock on the parent folder of each root (``flock``, taken in
    path order, so two builds cannot deadlock). Creates missing parents and yields
    the folders it created, which the caller may remove again if it writes nothing."""
    created: list[Path] = []
    with ExitStack() as stack:
        for parent in sorted({root.parent for root in roots}):
            missing = [p for p in (parent, *parent.parents) if not p.exists()]
            parent.mkdir(parents=True, exist_ok=True)
            created += reversed(missing)
            stack.enter_context(_flock(parent))
        yield created


@contextmanager
def _flock(folder: Path) -> Iterator[None]:
    while True:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            # Another build may have swapped this folder while we waited (when it is
            # itself an output folder): then the lock is on a deleted tree; take it again.
            now, held = os.stat(folder), os.fstat(fd)
            if (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        yield
    finally:
        os.close(fd)  # closing releases the lock


def leftovers(root: Path, paths: Iterable[str]) -> list[Path]:
    """What a killed build left: the staging and set-aside trees beside ``root`` and
    temporary files beside any of ``paths`` (relative to ``root``)."""
    found = [p for p in (staging_path(root), aside_path(root)) if os.path.lexists(p)]
    found += [t for t in (tmp_path(root / p) for p in paths) if os.path.lexists(t)]
    return sorted(found)


def recover(root: Path, paths: Iterable[str]) -> list[Path]:
    """Finish or undo a build that was killed while writing ``root``, then delete its
    leftovers; returns them. Call it holding the lock."""
    new, old = staging_path(root), aside_path(root)
    if not os.path.lexists(root) and old.is_dir():
        # Killed between moving the old tree aside and moving the new one in: the new
        # tree was complete (staging ends before the first rename), so finish.
        os.rename(new if new.is_dir() else old, root)
    found = leftovers(root, paths)
    for path in found:
        _remove(path)
    return found


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def can_swap(root: Path) -> bool:
    """Whether ``root`` can be replaced as a whole: not a mount point, not the working
    directory or one of its parents (a process standing in it would end up in a
    deleted folder)."""
    if os.path.ismount(root):
        return False
    return not Path.cwd().resolve().is_relative_to(root)


def replace_tree(root: Path, keep: Callable[[str], bool], files: Mapping[str, str | bytes | None]) -> None:
    """Make ``root`` hold ``files`` (relative path: new content, text written as
    UTF-8, or ``None`` for "the same as now") plus every existing entry whose relative
    path ``keep`` accepts, in one swap. ``root`` must be a resolved path; hold the lock."""
    new = staging_path(root)
    exists = root.is_dir()
    if os.path.lexists(new):
        _remove(new)
    os.mkdir(new)
    try:
        if exists:
            shutil.copymode(root, new)
            _link_tree(root, new, "", keep)
        _fault("staging")
        for rel, data in files.items():
            dest = new / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            if data is None:
                _link(root / rel, dest)
            else:
                _write(dest, data, "x")
        _fault("staged")
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    if not exists:
        os.rename(new, root)
        return
    if _exchange(new, root):
        _fault("swapped")
        shutil.rmtree(new)
        return
    old = aside_path(root)
    os.rename(root, old)
    _fault("moved-aside")
    os.rename(new, root)
    shutil.rmtree(old)


def _link_tree(src: Path, dst: Path, prefix: str, keep: Callable[[str], bool]) -> None:
    with os.scandir(src) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                sub = dst / entry.name
                os.mkdir(sub)
                shutil.copymode(entry.path, sub)
                _link_tree(Path(entry.path), sub, rel + "/", keep)
                if not any(sub.iterdir()) and any(Path(entry.path).iterdir()):
                    sub.rmdir()  # it held only generated files, none kept: it goes with them
            elif keep(rel):
                _link(Path(entry.path), dst / entry.name)


def _link(src: Path, dst: Path) -> None:
    """``dst`` as the same file as ``src`` (a hard link), or a copy where linking is refused."""
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directory entries atomically; ``False`` where the system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _renameat2() -> Callable[..., int] | None:
    try:
        function: Callable[..., int] = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    return function


def _write(path: Path, data: str | bytes, mode: str) -> None:
    """``data`` into a new file (``mode`` "x" or "w"); text as UTF-8, its line ends as
    they are, encoded as it is written (not copied whole into bytes first)."""
    if isinstance(data, bytes):
        with open(path, mode + "b") as fh:
            fh.write(data)
    else:
        with open(path, mode, encoding="utf-8", newline="") as text:
            text.write(data)


def write_in_place(changes: Iterable[tuple[Path, str | bytes]]) -> None:
    """Write each file beside its destination, then rename them into place one by one:
    a failed write changes nothing, but a reader may see old and new files together."""
    staged: list[tuple[Path, Path]] = []
    try:
        for dest, data in changes:
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp = tmp_path(dest)
            staged.append((tmp, dest))
            _write(tmp, data, "w")
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, dest in staged:
        _fault("renaming")
        os.replace(tmp, dest)
