"""Publishing a run's tables together: a crash part-way through moves all of them or, on the next run, the rest.

Each table is finished in a temporary file beside its target, then moved into place (``os.replace``).
The moves of one publication are written down first, in an intent file in the output folder; a run
killed between two moves (SIGKILL, out of memory) leaves tables that disagree, some with the latest
records and some without, and ``--resume`` would skip records whose rows are missing from some tables.
The next run in that folder reads the intent file and makes the moves left undone (every file it names
was complete before the first move) before it reads anything.

Durable, too: the files' data is flushed to the disk (``fsync``) before the intent is written, the intent
before the first move, and the folder after the moves, so that after a power loss a table is the old one
or the new one, whole, never a name pointing at data the disk never got.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import Protocol

#: The intent file of a publication in progress, in the output folder.
INTENT_NAME = ".protocol-facts-publishing.json"


class FinishedFile(Protocol):
    """A table's temporary file (``part``), finished, and where it goes (``path``)."""

    part: Path
    path: Path

    def publish(self) -> Path: ...


def sync_file(path: Path) -> None:
    """Flush ``path``'s data to the disk (``fsync`` acts on the file, whichever descriptor asks)."""
    with path.open("r+b") as fh:  # open for writing: Windows commits only through such a handle
        os.fsync(fh.fileno())


def sync_folder(folder: Path) -> None:
    """Flush ``folder``'s entries (the moves made in it) to the disk; where a folder cannot be opened
    (Windows), its file system is left to do so."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems refuse fsync on a folder; nothing more can be done there
        pass
    finally:
        os.close(fd)


def _temporary(intent: Path) -> Path:
    return intent.with_name(intent.name + ".tmp")


def _write_atomically(path: Path, text: str) -> None:
    temporary = _temporary(path)
    with temporary.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())  # the intent must be on disk before the first move it announces
    os.replace(temporary, path)
    sync_folder(path.parent)


def publish_together(out_dir: Path, files: Iterable[FinishedFile]) -> list[Path]:
    """Move every finished file into place; the moves are written down first (see the module's docstring)."""
    files = list(files)
    intent = Path(out_dir) / INTENT_NAME
    if any(not f.part.parent == intent.parent == f.path.parent for f in files):
        raise ValueError(f"a publication moves files within {out_dir} only")  # the intent names them so
    for f in files:
        sync_file(f.part)  # no move may reach the disk before the data it moves
    moves = [[f.part.name, f.path.name] for f in files]
    _write_atomically(intent, json.dumps({"moves": moves}))
    try:
        published = [f.publish() for f in files]
    except BaseException:
        # A second Ctrl-C or a failed move part-way: the other moves are made now, or by the next run.
        with suppress(OSError):  # if a move fails again, the intent stays, with the files it names
            complete_publication(out_dir)
        raise
    sync_folder(intent.parent)  # the moves, before the intent that would redo them goes
    intent.unlink()
    return published


def publication_pending(out_dir: Path) -> bool:
    """True when a publication in ``out_dir`` was started and not finished: its files must be kept."""
    return (Path(out_dir) / INTENT_NAME).exists()


def complete_publication(out_dir: Path) -> list[Path]:
    """Make the moves an interrupted publication in ``out_dir`` left undone; returns the tables moved now.

    Does nothing when no publication was interrupted. An intent file that cannot be read (it is written
    atomically, so only a hand could damage it) is left alone, as are the files it names.
    """
    intent = Path(out_dir) / INTENT_NAME
    _temporary(intent).unlink(missing_ok=True)  # killed while writing the intent: no move was made yet
    if not intent.exists():
        return []
    try:
        moves = json.loads(intent.read_text(encoding="utf-8"))["moves"]
        pairs = [(str(part), str(target)) for part, target in moves]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    moved = []
    for part, target in pairs:
        if Path(part).name != part or Path(target).name != target:
            continue  # only plain names in this folder: a file written by hand must not move files elsewhere
        source = intent.parent / part
        if source.exists():
            os.replace(source, intent.parent / target)
            moved.append(intent.parent / target)
    sync_folder(intent.parent)
    intent.unlink()
    return moved
