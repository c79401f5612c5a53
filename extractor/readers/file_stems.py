"""Names for records that carry no trial id: the file's name, unique within a run.

A record with no NCT number and no ``id`` (page text without one, a JSONL line without an id) is named
after its file: ``notes.txt`` -> ``notes``, line 12 of ``records.jsonl`` -> ``records:12``. Two files of
one name in different folders (``a/notes.txt``, ``b/notes.txt``) would give two records one id, and
``--resume`` would then take the second for done. The first file keeps the short name; a later file of
the same name is named after its path (``b/notes``), so every file's records get ids of their own, the
same ones again whenever the same inputs are read in the same order.
"""

from __future__ import annotations

from pathlib import PurePath


def without_gz(name: str) -> str:
    """A file name without a final ".gz" (any case): "a.json.gz" -> "a.json"."""
    return name[:-3] if name.lower().endswith(".gz") else name


def file_stem(name: str) -> str:
    """File name without '.gz' and its extension: 'NCT0001.json.gz' -> 'NCT0001'."""
    base = without_gz(name)
    return PurePath(base).stem if base else "stdin"


def _path_stem(source: str) -> str:
    """``source`` (a path, or 'archive.zip!entry') without the last part's extension: 'b/notes.txt' -> 'b/notes'."""
    base = without_gz(source)
    suffix = PurePath(base).suffix
    return base[: -len(suffix)] if suffix else base


class FileStems:
    """Hands out one name per file (``source``) of a run, no two files the same."""

    def __init__(self) -> None:
        self._owners: dict[str, str] = {}

    def stem(self, source: str, name: str) -> str:
        """The name for records of ``source`` (its file name ``name``): the short stem when no other file
        of the run took it, else the stem of its path, numbered ('~2') in the rare case that is taken too."""
        for candidate in (file_stem(name), _path_stem(source)):
            if self._owners.setdefault(candidate, source) == source:
                return candidate
        base, number = _path_stem(source), 2
        while self._owners.setdefault(f"{base}~{number}", source) != source:
            number += 1
        return f"{base}~{number}"
