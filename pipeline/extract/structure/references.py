"""Back matter and citations: numbered or author-year reference lists split into entries, the heading-less
numbered list some journals print, abbreviation lists (two-column or inline), and citation markers ([34],
[53–55]) expanded to reference numbers."""

from __future__ import annotations

import re
import statistics

from pipeline.extract.structure.blocks import Block
from pipeline.extract.structure.conventions import BRACKET_CITATION, TERMINAL
from pipeline.extract.structure.reading_order import Line
from pipeline.records import Citation, Reference

REFERENCE_START = re.compile(r"^\s*(?:\[(\d{1,4})\]|(\d{1,4})\.|(\d{1,4})\s)\s*(?=\S)")


def expand_numbers(body: str) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", body.strip()):
        bounds = re.split(r"\s*[-–—]\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            low, high = int(bounds[0]), int(bounds[1])
            if low <= high and high - low <= 200:
                numbers.extend(range(low, high + 1))
            else:
                numbers.extend([low, high])
        elif part.isdigit():
            numbers.append(int(part))
    return numbers


def find_citations(text: str, max_reference: int | None) -> list[Citation]:
    citations = []
    for match in BRACKET_CITATION.finditer(text):
        numbers = expand_numbers(match.group(1))
        if not numbers or (max_reference and max(numbers) > max_reference):
            continue
        citations.append(Citation(marker=match.group(0), numbers=numbers, start=match.start(), end=match.end()))
    return citations


def split_references(lines: list[Line], numbered: bool = True) -> list[tuple[int, list[Line]]]:
    """Numbered entries ("1.", "[1]", "1 ") in sequence; unnumbered lists (or all, with `numbered` False) split at
    hanging indents."""
    entries: list[tuple[int, list[Line]]] = []
    expected = None
    for line in lines if numbered else []:
        match = REFERENCE_START.match(line.text)
        number = int(next(g for g in match.groups() if g)) if match else None
        # in sequence; a number or two may be lost to the layout (set apart from its entry)
        if number is not None and (
            expected is None and number <= 3 or expected is not None and expected <= number <= expected + 2
        ):
            entries.append((number, [line]))
            expected = number + 1
        elif entries:
            entries[-1][1].append(line)
    if entries:
        return entries
    # author-year lists: an entry starts at the region's left edge, its continuation lines are indented
    for line in lines:
        if not entries or (line.x0 <= line.left + 0.3 * line.size and TERMINAL.search(entries[-1][1][-1].text)):
            entries.append((len(entries) + 1, [line]))
        else:
            entries[-1][1].append(line)
    return entries


def reference_number(line: Line) -> int | None:
    match = REFERENCE_START.match(line.text)
    return int(next(g for g in match.groups() if g)) if match else None


# kinds a reference entry may have been given before it is known to be one (numbers and DOIs look like figure text
# or metadata)
LISTED_KINDS = ("paragraph", "footnote", "metadata", "figure_text")


def headingless_reference_blocks(blocks: list[Block]) -> set[int]:
    """Indices of blocks that hold the longest list numbered 1, 2, 3, ... (at least five entries) not under a
    heading: journals such as the BMJ print their reference list without one."""
    best: list[int] = []
    i = 0
    while i < len(blocks):
        if blocks[i].kind not in LISTED_KINDS or reference_number(blocks[i].lines[0]) != 1:
            i += 1
            continue
        expected, run, kept, misses, j = 1, [], [], 0, i
        while j < len(blocks) and blocks[j].kind != "title" and misses <= 3:
            if blocks[j].kind in LISTED_KINDS:
                found = False
                for line in blocks[j].lines:
                    number = reference_number(line)
                    if number is not None and expected <= number <= expected + 2:  # a number may be lost
                        expected, found = number + 1, True
                run.append(j)
                misses = 0 if found else misses + 1
                if found:
                    kept = list(run)
            j += 1
        if expected - 1 >= 5 and len(kept) > len(best):
            best = kept
        i = max(j - misses, i + 1)
    return set(best)


def parse_abbreviation_lines(lines: list[Line]) -> list[tuple[str, str, Line]]:
    """Two-column lists (short form, gap, long form); a line without the gap continues the long form."""
    pairs: list[tuple[str, str, Line]] = []
    long_starts: list[float] = []
    for line in lines:
        words = [w for w in line.words if w.text.strip()]
        if not words:
            continue
        split = None
        widest = 0.0
        for i in range(1, len(words)):
            gap = words[i].x0 - words[i - 1].x1
            if gap > widest:
                widest, split = gap, i
        typical_long_x = statistics.median(long_starts) if long_starts else None
        if widest >= 0.8 * line.size and split is not None:
            short = " ".join(w.text for w in words[:split])
            long = " ".join(w.text for w in words[split:])
            long_starts.append(words[split].x0)
        elif pairs and typical_long_x is not None and words[0].x0 >= typical_long_x - 2:
            short0, long0, line0 = pairs[-1]
            pairs[-1] = (short0, long0 + " " + line.text, line0)
            continue
        else:
            inline = re.match(r"^(\S{1,20}?)\s*[:,=–—]\s+(.+)$", line.text) or re.match(
                r"^(\S{1,20})\s+(.+)$", line.text
            )
            if not inline:
                continue
            short, long = inline.group(1), inline.group(2)
        short, long = short.strip(" :,;"), long.strip(" ;.")
        if short and long and len(short) <= 25:
            pairs.append((short, long, line))
    return pairs


def parse_inline_abbreviations(text: str) -> dict[str, str]:
    """'Abbreviations: AD, Alzheimer's disease; BBB, blood-brain barrier.' style lists."""
    body = re.sub(r"^\s*(?:list of )?abbreviations?\s*(?:used)?\s*[:.]?\s*", "", text, flags=re.IGNORECASE)
    result = {}
    for item in re.split(r"\s*;\s*", body):
        match = re.match(r"^(\S{1,25}?)\s*[,:=]\s+(.+?)\.?$", item)
        if match:
            result[match.group(1)] = match.group(2)
    return result


def first_entry_per_number(references: list[Reference]) -> list[Reference]:
    """Keep the first entry for each number (a second list, e.g. of notes, would otherwise shadow it)."""
    seen: set[int] = set()
    kept = []
    for reference in references:
        if reference.number not in seen:
            seen.add(reference.number)
            kept.append(reference)
    return kept
