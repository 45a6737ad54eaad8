"""Where the body text of a PDF is lost: each lost 8-word run of the text-recall reference, by cause.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/text_loss.py PDF [PDF ...] [--spans N] [--cache DIR]

Runs ingest and structure only (no NLP: the prose is the passages of the kinds the NLP stage reads, whose text
the sentences split without losing words), scores the reference shingles of `pipeline/evaluate/text_recall.py`,
and puts each lost shingle in one class:
  table           its words lie in a detected table region (table text is a reference too: the metric's ceiling)
  crosses:<k>     found only where prose runs into a passage of kind k (a heading between two paragraphs: heading
                  text counts in the reference, so each heading costs the shingles that span it)
  table note      found in a footnote set right under a detected table (or under another such note): its notes
  kind:<k>        found verbatim in a passage of kind k (footnote, figure_text, metadata, heading, reference, ...)
  glued/split     found in the prose once spaces are ignored (words glued together or cut apart)
  passage order   found as two runs of words in two different passages, never in one: the text layer reads a
                  passage into the middle of another (a caption set mid-column, whose text the content stream puts
                  elsewhere; the paragraphs either side of a float) or our passages are in another order
  interrupted     found as two runs of words, apart, inside one passage (a caption or figure read in between, parts
                  in another order)
  scrambled       its words are all in the page's prose, but not in this order (columns or captions interleaved)
  dropped         its words are read by ingest on the page but reach no passage (running lines, rotated text ...)
  not ingested    some of its words are not among ingest's words of the page (hidden layers, figure text filters)
  labels          scrambled, interrupted or dropped, but mostly numbers and one- or two-letter tokens (tick values,
                  table cells, sequence labels): no prose
The classes of text that is rightly not prose (table, table note, labels,
kind:metadata/figure_text/heading/title/reference/contents, crosses:*, not ingested: maths and figure labels the
text layer holds) set each PDF's `ceiling`: the recall its prose would have with no other loss. Other footnotes are
left out of it (a real note and body text typed as a note look alike here).
Consecutive lost shingles of one class and page form a span; the longest are printed with their page, the font
and size of their first word, and a piece of their text.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import re
from collections import Counter
from pathlib import Path

from pipeline.evaluate.text_junk import text_junk
from pipeline.evaluate.text_recall import normalized_words, page_texts, shingles
from pipeline.extract import ingest, structure
from pipeline.extract.nlp import PROSE_KINDS


def reference_with_pages(pdf: Path) -> list[tuple[int, str]]:
    """The reference shingles of `text_recall.reference_shingles`, each with its page (1-based)."""
    from pipeline.evaluate.text_recall import shingles_per_page

    per_page = shingles_per_page(page_texts(pdf))
    count: Counter = Counter()
    for page_shingles in per_page:
        for shingle in set(page_shingles):
            count[shingle] += 1
    return [(i + 1, s) for i, page_shingles in enumerate(per_page) for s in page_shingles if count[s] < 2]


def _in_two_runs(words: list[str], stream: str) -> bool:
    """The shingle is in the prose as two runs of consecutive words, apart: the text was cut there by something
    read in between (a caption, a figure's labels, another column) or its parts were read in another order."""
    for cut in range(2, len(words) - 1):
        if f" {' '.join(words[:cut])} " in stream and f" {' '.join(words[cut:])} " in stream:
            return True
    return False


def _in_two_passages(words: list[str], passages: list[str]) -> bool:
    """The shingle's two runs (cut somewhere) lie in two different passages and no passage holds both: an order of
    passages, not a cut inside one."""
    two = False
    for cut in range(2, len(words) - 1):
        head, tail = f" {' '.join(words[:cut])} ", f" {' '.join(words[cut:])} "
        with_head = {i for i, text in enumerate(passages) if head in text}
        with_tail = {i for i, text in enumerate(passages) if tail in text}
        if with_head & with_tail:
            return False
        two = two or bool(with_head and with_tail)
    return two


def _labels(words: list[str]) -> bool:
    """Mostly numbers and one- or two-letter tokens: tick values, table cells, sequence labels; a reading-order loss of
    such a run is no loss of prose (its words are common enough to be found scattered in the prose)."""
    return sum(w.isdigit() or len(w) <= 2 for w in words) >= 0.6 * len(words)


def table_notes(document, content) -> list:
    """Footnote passages set right under a detected table (its notes and abbreviations), one under the other: the
    table's own text, which no reader takes for body text."""
    notes = []
    for page in content.pages:
        below = [t.bbox for t in page.raw_tables]  # boxes whose foot a note may start at
        footnotes = sorted(
            (p for p in document.passages if p.kind == "footnote" and p.page == page.number), key=lambda p: p.bbox[1]
        )
        for passage in footnotes:
            x0, top, x1, _ = passage.bbox
            if any(-2 <= top - box[3] <= 24 and min(x1, box[2]) - max(x0, box[0]) > 0 for box in below):
                notes.append(passage)
                below.append(passage.bbox)
    return notes


def read(pdf: Path, cache: Path | None):
    if cache is None:
        return ingest.read_pdf(pdf, ingest.Budget())
    code = b"".join(p.read_bytes() for p in sorted(Path(ingest.__file__).parent.glob("*.py")))
    key = hashlib.sha1(pdf.read_bytes()[: 1 << 20] + code).hexdigest()[:16]
    path = cache / f"{pdf.stem}.{key}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    content = ingest.read_pdf(pdf, ingest.Budget())
    cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(content))
    return content


def diagnose(pdf: Path, cache: Path | None = None) -> dict:
    content = read(pdf, cache)
    document = structure.build_document(content)
    reference = reference_with_pages(pdf)

    def found(texts) -> set[str]:
        return set(shingles([w for t in texts for w in normalized_words(t)]))

    prose = [p for p in document.passages if p.kind in PROSE_KINDS]
    in_prose = found(p.text for p in prose)
    by_kind = {k: found(p.text for p in document.passages if p.kind == k) for k in {p.kind for p in document.passages}}
    prose_squeezed = "".join("".join(normalized_words(p.text)) for p in prose)
    prose_words_on = {}
    for p in prose:
        for page in {p.page, *(pg for _, pg in p.page_breaks)}:
            prose_words_on.setdefault(page, set()).update(normalized_words(p.text))
    # every passage in document order, each word with the kind of its passage: a shingle found here but not in the
    # prose runs from prose into a heading, caption-less aside or footnote (heading text is a reference too)
    all_words, all_kinds = [], []
    for passage in document.passages:
        for word in normalized_words(passage.text):
            all_words.append(word)
            all_kinds.append(passage.kind)
    all_stream = " " + " ".join(all_words) + " "
    in_all = set(shingles(all_words))

    def crossed_kind(shingle: str) -> str:
        at = all_stream.find(f" {shingle} ")
        index = all_stream[:at].count(" ") if at >= 0 else -1
        kinds = [k for k in all_kinds[index : index + 8] if k not in PROSE_KINDS] if index >= 0 else []
        return kinds[0] if kinds else "?"

    in_table_notes = found(p.text for p in table_notes(document, content))
    prose_stream = " " + " ".join(w for p in prose for w in normalized_words(p.text)) + " "
    prose_passages = [" " + " ".join(normalized_words(p.text)) + " " for p in prose]
    all_prose_words = {w for p in prose for w in normalized_words(p.text)}
    page_of = {page.number: page for page in content.pages}

    def table_words(page) -> set[str]:
        out = set()
        for table in page.raw_tables:
            for row in table.rows:
                for cell in row:
                    out.update(normalized_words(cell or ""))
        return out

    tables = {n: table_words(p) for n, p in page_of.items()}

    def table_stream(page) -> list[str]:
        """The page's table words row by row, cell by cell (the order a text layer gives a table in)."""
        return [
            w for table in page.raw_tables for row in table.rows for cell in row for w in normalized_words(cell or "")
        ]

    table_streams = {n: table_stream(p) for n, p in page_of.items()}

    def read_in_a_table(page_number: int, words: list[str]) -> bool:
        """The run's words in order among the page's table words, a few cells apart at most: table text, even where
        each of its words also occurs somewhere in the prose (common words: "model", "matrix", "number of")."""
        stream = table_streams.get(page_number, [])
        for start in (i for i, w in enumerate(stream) if w == words[0]):
            window = stream[start : start + 4 * len(words)]
            position = 0
            for word in words[1:]:
                try:
                    position = window.index(word, position + 1)
                except ValueError:
                    break
            else:
                return True
        return False

    ingested = {n: {w for word in p.words for w in normalized_words(word.text)} for n, p in page_of.items()}
    passage_words = {w for p in document.passages for w in normalized_words(p.text)}

    def first_word_style(page_number: int, shingle: str) -> str:
        first = shingle.split()[0]
        page = page_of.get(page_number)
        for word in page.words if page else []:
            if normalized_words(word.text)[:1] == [first]:
                return f"{word.fontname.split('+')[-1][:22]} {word.size:.1f}"
        return "?"

    classes = []
    for page, shingle in reference:
        if shingle in in_prose:
            classes.append(None)
            continue
        words = shingle.split()
        kinds = sorted(k for k, s in by_kind.items() if shingle in s and k not in PROSE_KINDS)  # (one run, one class)
        if kinds == ["footnote"] and shingle in in_table_notes:
            cause = "table note"
        elif kinds:
            cause = "kind:" + kinds[0]
        elif shingle in in_all:
            cause = "crosses:" + crossed_kind(shingle)
        elif sum(w in tables.get(page, ()) for w in words) >= 6 and (
            not all(w in all_prose_words for w in words) or read_in_a_table(page, words)
        ):
            cause = "table"
        elif "".join(words) in prose_squeezed:
            cause = "glued/split"
        elif all(w in all_prose_words for w in words):
            cause = "scrambled"
            if _in_two_runs(words, prose_stream):
                cause = "passage order" if _in_two_passages(words, prose_passages) else "interrupted"
        elif all(w in ingested.get(page, ()) for w in words):
            cause = (
                "table"
                if sum(w in tables.get(page, ()) for w in words) >= 4
                else ("dropped" if not all(w in passage_words for w in words) else "scrambled")
            )
        else:
            cause = "not ingested"
        if cause in ("scrambled", "dropped", "interrupted", "passage order") and _labels(words):
            cause = "labels"
        classes.append(cause)
    spans: list[dict] = []
    for index, ((page, shingle), cause) in enumerate(zip(reference, classes, strict=True)):
        if cause is None:
            continue
        last = spans[-1] if spans else None
        if last and last["cause"] == cause and last["page"] == page and last["last"] == index - 1:
            last["n"] += 1
            last["text"] += " " + shingle.split()[-1]
            last["last"] = index
        else:
            spans.append(
                dict(cause=cause, page=page, n=1, text=shingle, style=first_word_style(page, shingle), last=index)
            )
    return dict(
        reference=len(reference),
        lost=Counter(c for c in classes if c),
        spans=spans,
        recall=sum(c is None for c in classes) / max(1, len(reference)),
        title=document.title,
        junk=text_junk(
            s for p in prose for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(])", p.text)
        ),  # sentences split roughly (no NLP): for comparing two versions of the code, not for the figure itself
        prose_stream=prose_stream,
        all_stream=all_stream,
    )


NOT_PROSE = re.compile(
    r"^(?:table|table note|labels|crosses:.*|not ingested"
    r"|kind:(?:metadata|figure_text|heading|title|reference|contents))$"
)


def ceiling(result: dict) -> float:
    """The recall with every lost shingle of a class that is rightly not prose counted as found."""
    not_prose = sum(n for cause, n in result["lost"].items() if NOT_PROSE.match(cause))
    return result["recall"] + not_prose / max(1, result["reference"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdfs", nargs="+", type=Path)
    parser.add_argument("--spans", type=int, default=12, help="longest lost spans to print per PDF")
    parser.add_argument("--show", help="print the prose around the spans of this cause")
    parser.add_argument("--cache", type=Path, help="keep ingest results here (keyed on the file and ingest code)")
    args = parser.parse_args()
    total: Counter = Counter()
    for pdf in args.pdfs:
        result = diagnose(pdf, args.cache)
        total.update(result["lost"])
        lost = sum(result["lost"].values())
        print(
            f"== {pdf.name}: prose recall {result['recall']:.3f} of {result['reference']} ({lost} lost)  "
            f"ceiling {ceiling(result):.3f}  "
            f"junk {result['junk'].junk_sentences}/{result['junk'].sentences}  title: {result['title'][:70]!r}"
        )
        for cause, n in result["lost"].most_common():
            print(f"   {cause:14} {n:5}  {n / max(1, result['reference']):.3f}")
        for span in sorted(result["spans"], key=lambda s: -s["n"])[: args.spans]:
            print(f"   p{span['page']:<3} {span['n']:4} {span['cause']:13} [{span['style']}] {span['text'][:110]}")
            if args.show and span["cause"].startswith(args.show):
                head = " ".join(span["text"].split()[:3])
                for name in ("prose_stream", "all_stream"):
                    at = result[name].find(f" {head} ")
                    print(f"        {name[:5]}:", result[name][max(0, at - 100) : at + 200] if at >= 0 else "-")
    if len(args.pdfs) > 1:
        print("== all:", ", ".join(f"{c} {n}" for c, n in total.most_common()))


if __name__ == "__main__":
    main()
