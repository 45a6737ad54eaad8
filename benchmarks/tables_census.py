"""Table census: every captioned table found, and no table that is not one, on PDFs without table gold.

    .venv/bin/python benchmarks/tables_census.py [DIR_OR_PDF ...] [--show]
        (default: the repository's PDFs without table gold to check against: gold/dev's papers with claims, which hold
        the corpus-dev and corpus-real reviews and research papers that are not held out, benchmarks/papers and
        corpus/; any other folder, e.g. a copy of corpus-real, can be given; read-only)

For each PDF: the table numbers captioned in the text layer (a line that opens with "Table N" followed by caption
punctuation or nothing, "TABLE IV." and "Table 3 (continued)" included; "Table 2 shows …" in prose is not a
caption), the numbers of the tables the pipeline found (ingest, structure, tables: the stages `reviewminer run`
uses before the NLP), and per PDF (the held-out split's PDFs are left out wherever they are given: their outputs are
never looked at):
- found: captioned numbers with a table of that number;
- missed: captioned numbers without one;
- unexpected: tables numbered with no such caption line;
- uncaptioned: tables without a number, each listed with its page, size and first cells, to be judged by eye
  (a real uncaptioned grid, or a false table: prose, a figure's labels, an alignment of R output).
`--show` prints each table's first rows. The totals line counts captions, found, missed, unexpected, uncaptioned.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract import ingest, structure  # noqa: E402
from pipeline.extract.tables import assemble_tables  # noqa: E402
from pipeline.extract.tables.captions import CAPTION_PATTERN  # noqa: E402

# The repository stands alone: the defaults are its own folders (gold/dev's claims papers are the corpus-dev and
# corpus-real PDFs that are not held out; the table-only robust_* sheets are scored against their grids instead).
DEFAULT_DIRS = sorted(
    p.parent / p.name.replace(".claims.tsv", ".pdf") for p in (ROOT / "gold" / "dev").glob("*.claims.tsv")
) + [
    ROOT / "benchmarks" / "papers",
    ROOT / "corpus",
]
CAPTION_LINE = re.compile(r"^(?:Table|TABLE)\s+([A-Z]?\d+[a-z]?|[IVXL]+)(?!\.\d)(?=\s*(?:[.:|—–]|\(|$|[A-Z][a-z]))")
# (the label may stand alone on its line, "TABLE 2" over the title: the line's letters end after the number)
TURNED_CAPTION = re.compile(r"^(?:Table|TABLE)([A-Z]?\d+[a-z]?|[IVXL]+)(?=[.:|]|$)")
LINE_TOLERANCE = 2.0  # points: words whose tops differ less are on one line


def caption_numbers(pdf, passages) -> dict[str, int]:
    """Table numbers opening an upright line of the text layer, or a caption passage of the structure stage (which
    reads turned pages too), with the first page each is on."""
    numbers: dict[str, int] = {}
    for page in pdf.pages:
        lines: list[list] = []
        for word in sorted((w for w in page.words if w.upright), key=lambda w: (round(w.top), w.x0)):
            if lines and abs(lines[-1][0].top - word.top) <= LINE_TOLERANCE and word.x0 >= lines[-1][-1].x0:
                lines[-1].append(word)
            else:
                lines.append([word])
        # Turned text (a table rotated on its page): lines run down or up the page, one per x.
        turned: dict[int, list] = {}
        for word in (w for w in page.words if not w.upright):
            turned.setdefault(round(word.x0 / LINE_TOLERANCE), []).append(word)
        for column in turned.values():
            # Turned text may come as single glyphs: read the line's letters without spaces.
            for ordered in (sorted(column, key=lambda w: w.top), sorted(column, key=lambda w: -w.top)):
                letters = "".join(w.text for w in ordered)
                match = TURNED_CAPTION.match(letters) or TURNED_CAPTION.match(
                    "".join(w.text[::-1] for w in ordered)  # glyph runs of turned text may come in reverse
                )
                if match:
                    numbers.setdefault(match.group(1), page.number)
        for line in lines:
            text = " ".join(w.text for w in line)
            match = CAPTION_LINE.match(text)
            # Prose that wraps to put "Table 2" first on a line goes on in lower case ("shows", "lists").
            rest = text[match.end() :].split() if match else []
            if match and not (rest and rest[0][:1].islower()):
                numbers.setdefault(match.group(1), page.number)
    for passage in passages:
        match = CAPTION_PATTERN.match(passage.text) if passage.kind == "caption" else None
        if match:
            numbers.setdefault(match.group(1), passage.page)
    return numbers


def held_out(path: Path) -> bool:
    """A PDF of the held-out split (gold/heldout holds a file of its stem): never looked at, so not counted here."""
    return any((ROOT / "gold" / "heldout").glob(f"{path.stem}.*"))


def census(path: Path, show: bool) -> tuple[int, int, int, int, int]:
    pdf = ingest.read_pdf(path)
    document = structure.build_document(pdf)
    tables = assemble_tables(pdf, document.passages)
    captions = caption_numbers(pdf, document.passages)
    numbered = {t.number for t in tables if t.number is not None}
    found = [n for n in captions if n in numbered]
    missed = [f"{n} (p{captions[n]})" for n in captions if n not in numbered]
    unexpected = sorted(numbered - set(captions))
    uncaptioned = [t for t in tables if t.number is None]
    print(f"\n## {path.name}: {pdf.n_pages} pages, {len(captions)} captioned, {len(tables)} tables")
    print(f"   found {len(found)}; missed {', '.join(missed) or '-'}; unexpected {', '.join(unexpected) or '-'}")
    for table in tables:
        if table.number is not None and not show:
            continue
        rows = max(c.row for c in table.cells) + 1 if table.cells else 0
        cols = max(c.col for c in table.cells) + 1 if table.cells else 0
        grid = [[""] * cols for _ in range(rows)]
        for cell in table.cells:
            grid[cell.row][cell.col] = cell.text.replace("\n", " / ")
        label = f"Table {table.number}" if table.number is not None else "UNCAPTIONED"
        print(f"   - {label} p{table.pages} {rows}x{cols}")
        for row in grid[: 3 if not show else 6]:
            print("       | " + " | ".join(text[:24] for text in row)[:150])
    return len(captions), len(found), len(missed), len(unexpected), len(uncaptioned)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=DEFAULT_DIRS)
    parser.add_argument("--show", action="store_true", help="print the first rows of every table")
    args = parser.parse_args()
    pdfs = [p for path in args.paths for p in (sorted(path.glob("*.pdf")) if path.is_dir() else [path])]
    skipped = [p.name for p in pdfs if held_out(p)]
    pdfs = [p for p in pdfs if not held_out(p)]
    if skipped:
        print(f"held-out PDFs left out (never looked at): {len(skipped)}")
    totals = [0, 0, 0, 0, 0]
    for pdf in pdfs:
        try:
            counts = census(pdf, args.show)
        except Exception as error:  # a PDF the pipeline refuses (no text layer) has no table to count
            print(f"\n## {pdf.name}: not read ({type(error).__name__}: {error})")
            continue
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
    print(
        f"\n{len(pdfs)} PDFs: {totals[0]} captioned tables, {totals[1]} found, {totals[2]} missed, "
        f"{totals[3]} numbered without a caption line, {totals[4]} uncaptioned (judge by eye)"
    )


if __name__ == "__main__":
    main()
