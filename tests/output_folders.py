"""What a run left in an output folder, for tests that compare two runs byte for byte."""

from __future__ import annotations

from pathlib import Path


def output_bytes(folder: Path) -> dict[str, bytes]:
    """Every file of ``folder`` (hidden ones too: a leftover temporary file is a difference), by name."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
