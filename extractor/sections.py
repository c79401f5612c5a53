"""Find the named sections of a trial document from its heading lines.

One function serves every input: rendered registry records, page text copied from a browser and
hand-annotated texts. Text before the first heading is the title section.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from importlib import resources

from extractor.records import Section

#: Lines longer than this are prose, never a heading.
_MAX_HEADING_CHARS = 60


@lru_cache(maxsize=1)
def heading_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(section, compiled whole-line pattern) pairs from the package's heading lexicon."""
    text = resources.files("extractor.data.lexicons").joinpath("section_headings.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, pattern = line.split("\t", 1)
        rows.append((name.strip(), re.compile(rf"(?:{pattern.strip()})", re.IGNORECASE)))
    return tuple(rows)


def heading_section(line: str) -> str | None:
    """The section a line opens, or None when it is not a heading."""
    stripped = line.strip().rstrip(":").strip()
    if not stripped or len(stripped) > _MAX_HEADING_CHARS:
        return None
    for name, pattern in heading_patterns():
        if pattern.fullmatch(stripped):
            return name
    return None


def detect_sections(text: str) -> list[Section]:
    """Split ``text`` into consecutive sections that cover it from start to end."""
    sections: list[Section] = []
    name, heading, start = "title", "", 0
    pos = 0
    for line in text.splitlines(keepends=True):
        found = heading_section(line)
        if found is not None:
            if pos > start:
                sections.append(Section(name, start, pos, heading))
            name, heading, start = found, line.strip().rstrip(":").strip(), pos
        pos += len(line)
    if pos > start or not sections:
        sections.append(Section(name, start, pos, heading))
    return sections


class SectionIndex:
    """Fast lookup of the section that holds a character offset."""

    def __init__(self, sections: list[Section]) -> None:
        self.sections = sorted(sections, key=lambda s: s.start)
        self._starts = [s.start for s in self.sections]

    def at(self, offset: int) -> Section | None:
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        section = self.sections[i]
        return section if offset < section.end or i == len(self.sections) - 1 else None
