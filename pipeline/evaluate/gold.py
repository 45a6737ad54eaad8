"""Gold files in the conventions of `gold/ANNOTATION.md`, and which PDF of a corpus each belongs to.

A PDF's gold is found by its file name: `<stem>.claims.tsv` (claim lines), `<stem>.table<N>.tsv` (grids) and
`<stem>.title.txt` (the title as printed; see `titles`).
A claims file may open with `# pages: 12-21, 30` when it covers only those pages' prose: predictions from the
prose of other pages are then not scored (table claims always are). `# pages: none` marks a table sheet: its
table claims are annotated, no prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.corpus import CorpusError, list_pdfs
from pipeline.evaluate.titles import read_titles

RELATIONS = ("advantage", "disadvantage", "effect")
GRID_FILE = re.compile(r"^(?P<stem>.+)\.table(?P<number>\w+)\.tsv$")
PAGES_LINE = re.compile(r"^#\s*pages\s*:\s*(?P<pages>[\d\s,–-]+|none)$", re.IGNORECASE)


class GoldError(Exception):
    """Gold that cannot be used: a missing folder or file, a PDF without gold, a malformed line."""


@dataclass(frozen=True)
class GoldClaim:
    subject: str
    relation: str
    object: str
    source: str
    required: bool


@dataclass
class GoldDocument:
    stem: str
    pdf: Path
    claims: list[GoldClaim] | None = None  # None: no claims file (the PDF's claims are not scored)
    claim_pages: set[int] | None = None  # the pages whose prose the claims file covers; None: all
    grids: dict[str, list[list[str]]] = field(default_factory=dict)  # printed table number -> rows of cells
    titles: list[str] = field(default_factory=list)  # the printed title, then other accepted readings; [] unchecked


def parse_pages(text: str) -> set[int]:
    pages: set[int] = set()
    if text.strip().lower() == "none":
        return pages  # a table sheet: no page's prose is covered
    for part in re.split(r"\s*,\s*", text.strip()):
        bounds = re.split(r"\s*[-–]\s*", part)
        if len(bounds) == 2 and all(b.isdigit() for b in bounds):
            pages.update(range(int(bounds[0]), int(bounds[1]) + 1))
        elif part.isdigit():
            pages.add(int(part))
        elif part:
            raise ValueError(f"not a page or page range: {part!r}")
    return pages


def read_claims(path: Path) -> tuple[list[GoldClaim], set[int] | None]:
    claims: list[GoldClaim] = []
    pages: set[int] | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("#"):
            match = PAGES_LINE.match(line.strip())
            if match:
                try:
                    pages = parse_pages(match.group("pages"))
                except ValueError as error:
                    raise GoldError(f"{path}:{number}: {error}") from None
            continue
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 5:
            raise GoldError(f"{path}:{number}: expected 5 tab-separated fields, found {len(fields)}")
        subject, relation, obj, source, required = (f.strip() for f in fields)
        if relation not in RELATIONS:
            raise GoldError(f"{path}:{number}: relation must be one of {', '.join(RELATIONS)}, not {relation!r}")
        if source not in ("table", "text") or required not in ("0", "1") or not subject or not obj:
            raise GoldError(f"{path}:{number}: source must be table/text and required 0/1, with subject and object")
        claims.append(GoldClaim(subject, relation, obj, source, required == "1"))
    return claims, pages


def read_grid(path: Path) -> list[list[str]]:
    """Rows of cells; the two characters `\\n` (items of a one-item-per-line cell) are kept as they are."""
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_stems(gold_dir: Path) -> set[str]:
    stems = {p.name.removesuffix(".claims.tsv") for p in gold_dir.glob("*.claims.tsv")}
    stems |= {m.group("stem") for p in gold_dir.glob("*.tsv") if (m := GRID_FILE.match(p.name))}
    return stems


def find_gold(corpus: Path, gold_dir: Path) -> list[GoldDocument]:
    """The gold of every PDF under `corpus`, matched by file name; every PDF needs gold and every gold a PDF."""
    if not gold_dir.is_dir():
        raise GoldError(f"gold folder not found: {gold_dir}")
    stems = gold_stems(gold_dir)
    if not stems:
        raise GoldError(f"no gold files (<stem>.claims.tsv, <stem>.table<N>.tsv) in {gold_dir}")
    try:
        pdfs = list_pdfs(corpus)
    except CorpusError as error:
        raise GoldError(str(error)) from None
    by_stem = {pdf.stem: pdf for pdf in pdfs}
    without_pdf = sorted(stems - set(by_stem))
    if without_pdf:
        raise GoldError(f"gold in {gold_dir} for PDFs not under {corpus}: {', '.join(without_pdf)}")
    without_gold = sorted(stem for stem in by_stem if stem not in stems)
    if without_gold:
        raise GoldError(f"PDFs under {corpus} without gold in {gold_dir}: {', '.join(without_gold)}")
    documents = []
    for stem in sorted(stems):
        document = GoldDocument(stem=stem, pdf=by_stem[stem], titles=read_titles(gold_dir / f"{stem}.title.txt"))
        claims_file = gold_dir / f"{stem}.claims.tsv"
        if claims_file.exists():
            document.claims, document.claim_pages = read_claims(claims_file)
        for path in sorted(gold_dir.glob(f"{glob_escape(stem)}.table*.tsv")):
            match = GRID_FILE.match(path.name)
            if match and match.group("stem") == stem:
                document.grids[match.group("number")] = read_grid(path)
        documents.append(document)
    return documents


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)
