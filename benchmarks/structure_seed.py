"""Benchmark the structure stage on the seed review against its source text.

Prints, in a stable format:
- the share of the source's body sentences found intact, and intact and in order, in the passages' text
  (body = the paragraphs from "## Abstract" up to the back matter, markdown and <sup> tags stripped, table rows,
  headings and footnote lines skipped; a simple regex sentence split on both sides);
- the source's `##`/`###` headings recovered as heading passages, and heading passages that match none;
- running header/footer lines left in the passages (lines repeated at the top or bottom of most pages);
- counts of references, citations and abbreviations, and the time taken.

Usage: .venv/bin/python benchmarks/structure_seed.py [--pdf PDF] [--source TXT] [--verbose] [--corpus FOLDER]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract.ingest import read_pdf  # noqa: E402
from pipeline.extract.structure import build_document  # noqa: E402
from pipeline.records import DocumentError, PdfContent, StructuredDocument  # noqa: E402

DEFAULT_PDF = ROOT / "corpus" / "seed_review.pdf"
DEFAULT_SOURCE = ROOT / "gold" / "seed" / "seed_review.source.txt"  # the text the seed PDF was typeset from
BACK_MATTER = re.compile(
    r"^(abbreviations|acknowledg|author|funding|availability|declarations|references|publisher)", re.IGNORECASE
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[])")


CAPTION = re.compile(r"^(Fig\.?|Figure|Table)\s+\d+")
LATEX_SYMBOLS = {"alpha": "α", "beta": "β", "gamma": "γ", "kappa": "κ", "mu": "μ"}


def clean(text: str) -> str:
    text = re.sub(r"\$\\(\w+)\$", lambda m: LATEX_SYMBOLS.get(m.group(1), m.group(0)), text)
    text = re.sub(r"</?sup>", "", text)
    text = text.replace("**", "").replace("\\*", "*")
    return re.sub(r"\s+", " ", text).strip()


def source_body_paragraphs(source: str) -> list[str]:
    """Body paragraphs of the source, with paragraphs the converter cut at page breaks joined again."""
    paragraphs: list[str] = []
    in_body = False
    for raw in source.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            name = clean(line.lstrip("#"))
            if name.lower() == "abstract":
                in_body = True
            elif BACK_MATTER.match(name):
                in_body = False
            continue
        if not in_body or "\t" in raw or line.startswith(("<sup>", "\\*")) or "@" in line:
            continue
        if re.fullmatch(r"\*\*[^*]+\*\*", line):  # a bold line on its own is a run-in heading
            continue
        text = clean(line)
        if len(text.split()) < 4:
            continue
        body = [i for i, p in enumerate(paragraphs) if not CAPTION.match(p)]
        if body and not re.search(r"[.!?:]$", paragraphs[body[-1]]) and text[:1].islower():
            paragraphs[body[-1]] = paragraphs[body[-1]] + " " + text  # the converter cut it at a page break
        else:
            paragraphs.append(text)
    return paragraphs


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(text) if len(s.split()) >= 3]


def source_headings(source: str) -> list[str]:
    return [clean(m.group(2)) for m in re.finditer(r"^(##|###)\s+(.+)$", source, re.M)]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def running_lines(pdf: PdfContent) -> set[str]:
    """Texts (digits masked) of the first and last row on at least half of the pages: the running lines."""
    counts: Counter = Counter()
    for page in pdf.pages:
        if not page.words:
            continue
        tops = sorted({round(w.top) for w in page.words})
        for top in {tops[0], tops[-1]}:
            row = sorted((w for w in page.words if round(w.top) == top), key=lambda w: w.x0)
            counts[re.sub(r"\d+", "#", " ".join(w.text for w in row))] += 1
    return {text for text, n in counts.items() if n >= max(2, len(pdf.pages) // 2)}


def running_line_hits(doc: StructuredDocument, lines: set[str]) -> int:
    hits = 0
    for passage in doc.passages:
        masked = re.sub(r"\d+", "#", passage.text)
        for line in lines:
            # a running row may hold several running texts side by side; test each half-row piece too
            pieces = [line] + [p for p in re.split(r"\s{2,}| (?=Page #)", line) if len(p) > 6]
            hits += sum(1 for piece in set(pieces) if piece in masked)
    return hits


def corpus_report(folder: Path) -> None:
    """Build every PDF of a folder in full: passages, headings, references, and pages per second."""
    print("structure_corpus v1")
    for path in sorted(folder.glob("*.pdf")):
        started = time.monotonic()
        try:
            pdf = read_pdf(path)
        except DocumentError as error:
            print(f"{path.name}: rejected by ingest: {error.reason}")
            continue
        read_seconds = time.monotonic() - started
        started = time.monotonic()
        doc = build_document(pdf)
        seconds = time.monotonic() - started
        kinds = Counter(p.kind for p in doc.passages)
        print(
            f"{path.name}: pages {pdf.n_pages}  passages {len(doc.passages)}  headings {kinds['heading']}"
            f"  paragraphs {kinds['paragraph']}  captions {kinds['caption']}  references {len(doc.references)}"
            f"  abbreviations {len(doc.abbreviations)}  structure {pdf.n_pages / max(seconds, 1e-6):.0f} pages/s"
            f"  (read {read_seconds:.1f} s, structure {seconds:.2f} s)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pdf", type=Path, default=DEFAULT_PDF)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--verbose", action="store_true", help="list the sentences and headings not recovered")
    parser.add_argument("--corpus", type=Path, help="also build every PDF in this folder and print one line each")
    args = parser.parse_args()
    if args.corpus:
        corpus_report(args.corpus)

    started = time.monotonic()
    pdf = read_pdf(args.pdf)
    read_seconds = time.monotonic() - started
    started = time.monotonic()
    doc = build_document(pdf)
    structure_seconds = time.monotonic() - started

    source = args.source.read_text(encoding="utf-8")
    wanted = [s for paragraph in source_body_paragraphs(source) for s in sentences(paragraph)]
    text = re.sub(r"\s+", " ", doc.text)
    intact = in_order = 0
    cursor = 0
    missing: list[str] = []
    out_of_order: list[str] = []
    for sentence in wanted:
        position = text.find(sentence, cursor)
        if position >= 0:
            intact += 1
            in_order += 1
            cursor = position + len(sentence)
        elif sentence in text:
            intact += 1
            out_of_order.append(sentence)
        else:
            missing.append(sentence)

    headings = source_headings(source)
    found_headings = {norm(p.text) for p in doc.passages if p.kind == "heading"}
    recovered = [h for h in headings if norm(h) in found_headings]
    bold_lines = {norm(clean(m)) for m in re.findall(r"^\*\*([^*]+)\*\*$", source, re.M)}
    extra = sorted(found_headings - {norm(h) for h in headings} - bold_lines)
    lines = running_lines(pdf)
    hits = running_line_hits(doc, lines)
    title_source = next((clean(m) for m in re.findall(r"^# (.+)$", source, re.M)), "")

    def share(n: int, total: int) -> str:
        return f"{n}/{total} ({100.0 * n / max(total, 1):.1f}%)"

    print("structure_seed v1")
    print(f"pdf: {args.pdf.name}  pages: {pdf.n_pages}  passages: {len(doc.passages)}")
    print(f"body_sentences_intact: {share(intact, len(wanted))}")
    print(f"body_sentences_intact_in_order: {share(in_order, len(wanted))}")
    print(f"headings_recovered: {share(len(recovered), len(headings))}")
    print(f"headings_extra (not a source heading or bold heading line): {len(extra)}")
    print(f"running_header_footer_lines_in_passages: {hits}  (running lines: {len(lines)})")
    print(f"title_matches_source: {'yes' if norm(doc.title) == norm(title_source) else 'no'}")
    n_citations = sum(len(p.citations) for p in doc.passages)
    print(f"references: {len(doc.references)}  citations: {n_citations}  abbreviations: {len(doc.abbreviations)}")
    print(f"seconds_read: {read_seconds:.2f}  seconds_structure: {structure_seconds:.2f}")
    if args.verbose:
        for sentence in missing:
            print(f"MISSING SENTENCE: {sentence}")
        for sentence in out_of_order:
            print(f"OUT OF ORDER: {sentence}")
        for heading in headings:
            if heading not in recovered:
                print(f"MISSING HEADING: {heading}")
        for heading in extra:
            print(f"EXTRA HEADING: {heading}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
