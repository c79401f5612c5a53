"""Reading the package's lexicon and pattern files (TSV), from the package or from a saved pipeline.

Components compile their lexicons from these files when built, write copies next to their config when a
pipeline is saved (``nlp.to_disk``), and read those copies back when it is loaded (``spacy.load``), so a
saved pipeline under models/ carries its own patterns.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

Parts = TypeVar("Parts")

#: The package folder that holds lexicons and patterns.
PACKAGE_DIR = "extractor.data.lexicons"


def lexicon_text(name: str, directory: Path | None = None) -> str:
    """The text of lexicon file ``name``, from ``directory`` when given, else from the package."""
    if directory is not None:
        return (Path(directory) / name).read_text("utf-8")
    return resources.files(PACKAGE_DIR).joinpath(name).read_text("utf-8")


def lexicon_rows(name: str, directory: Path | None = None) -> list[list[str]]:
    """Tab-separated rows of a lexicon file, without blank lines and # comments."""
    text = lexicon_text(name, directory)
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def lexicon_parts(name: str, directory: Path | None = None) -> dict[str, str]:
    """A two-column lexicon file (part name, regular expression) as a dict."""
    return {row[0]: "\t".join(row[1:]) for row in lexicon_rows(name, directory)}


def compile_parts(cls: type[Parts], name: str, directory: Path | None = None, flags: int = re.IGNORECASE) -> Parts:
    """A dataclass of compiled patterns, one field per part of lexicon file ``name``."""
    parts = lexicon_parts(name, directory)
    return cls(**{field: re.compile(parts[field], flags) for field in cls.__dataclass_fields__})  # type: ignore[attr-defined]


class LexiconComponent:
    """Base for components whose behaviour comes from lexicon files.

    Subclasses list their ``files`` and implement :meth:`load` to compile them; saving and loading a
    pipeline then copies and reads those files.
    """

    files: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.directory: Path | None = None
        self.load(None)

    def load(self, directory: Path | None) -> None:
        """Compile the lexicons from ``directory`` (None: the package's own files)."""
        raise NotImplementedError

    def to_disk(self, path: str | Path, *, exclude: Any = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name in self.files:
            (path / name).write_text(lexicon_text(name, self.directory), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Any = ()) -> LexiconComponent:
        self.directory = Path(path)
        self.load(self.directory)
        return self
