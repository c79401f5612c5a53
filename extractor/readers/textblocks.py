"""Turn the indented, hard-wrapped ``<textblock>`` text of legacy XML into paragraphs.

The XML export wraps lines at about 100 columns and indents everything. A sentence split over two
lines would break sentence segmentation and make a heading detector see fragments as lines, so
wrapped continuation lines are joined; blank-line paragraph breaks and list items stay as they are.
"""

from __future__ import annotations

import re

from extractor.sections import heading_section

#: A line that starts a list item: "-", "*", "•", "o " bullets, "1." / "1)" / "(1)" / "a." numbering.
_LIST_ITEM = re.compile(r"^(?:[-*•·o]\s+|\(?\d{1,3}[.)]\s+|\(?[a-zA-Z][.)]\s+|\([ivxIVX]+\)\s+)")
_MARKER_SPACES = re.compile(r"^([-*•·]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])\s{2,}")


def _starts_new_line(line: str, previous: str) -> bool:
    """Whether ``line`` (stripped) begins a line of its own rather than continuing ``previous``."""
    if _LIST_ITEM.match(line):
        return True
    # A heading-like line ("Inclusion Criteria:") keeps the following text on the next line.
    if heading_section(previous) is not None:
        return True
    return previous.endswith(":") and len(previous) <= 40


def reflow(text: str | None) -> str:
    """De-indented text with wrapped lines joined; paragraphs and list items on their own lines.

    Nested list items keep their nesting as two spaces a level (the export's own indents vary).
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Each line is [nesting prefix, content]; a paragraph is a list of lines.
    paragraphs: list[list[list[str]]] = [[]]
    item_indents: list[int] = []  # indents of the open list levels, outermost first
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        indent = len(raw) - len(raw.lstrip())
        line = _MARKER_SPACES.sub(r"\1 ", line)
        current = paragraphs[-1]
        if current and not _starts_new_line(line, current[-1][1]):
            current[-1][1] = f"{current[-1][1]} {line}"
            continue
        prefix = ""
        if _LIST_ITEM.match(line):
            while item_indents and item_indents[-1] > indent:
                item_indents.pop()
            if not item_indents or item_indents[-1] < indent:
                item_indents.append(indent)
            prefix = "  " * (len(item_indents) - 1)
        elif item_indents and indent < item_indents[0]:
            item_indents.clear()  # prose back at the outer margin ends the list
        current.append([prefix, line])
    out: list[str] = []
    previous: list[list[str]] = []
    for paragraph in paragraphs:
        if not paragraph:
            continue
        if out:
            # Consecutive list items are one list: the export puts a blank line after every item.
            in_list = _LIST_ITEM.match(previous[-1][1]) and _LIST_ITEM.match(paragraph[0][1])
            out.append("\n" if in_list else "\n\n")
        out.append("\n".join(prefix + line for prefix, line in paragraph))
        previous = paragraph
    return "".join(out)
