"""The NLP stage alone: CPU seconds per spaCy component, and a dump of everything it yields, to compare two versions.

    python benchmarks/nlp_stage.py prepare DIR [PDF …]     # ingest + structure once, pickled to DIR (seed + dev)
    python benchmarks/nlp_stage.py time DIR [--repeat N]     # CPU s per component and of `annotate`, warm pipeline
    python benchmarks/nlp_stage.py dump DIR OUT.pkl          # every token attribute, entity, sentence, abbreviation
    python benchmarks/nlp_stage.py compare A.pkl B.pkl       # identical, or the first differences per document
    python benchmarks/nlp_stage.py profile DIR [--top N]     # cProfile of `annotate` over DIR

`time` runs the components one after another over all of a document's passages (each with the batch size
`annotate` uses), so each component's CPU time is its own; `annotate` is then timed as the pipeline runs it.
The machine may be shared: CPU time of this process, not wall time.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cpu_profile import print_cpu_profile  # noqa: E402

from pipeline.config import choose_blas_kernel  # noqa: E402

choose_blas_kernel()  # as the CLI does, before numpy loads
from pipeline.extract import ingest, nlp, structure  # noqa: E402
from pipeline.records import DocumentError  # noqa: E402


def default_pdfs() -> list[Path]:
    return [ROOT / "corpus" / "seed_review.pdf", *sorted((ROOT / "gold" / "dev").glob("*.pdf"))]


def prepare(folder: Path, pdfs: list[Path]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for pdf in pdfs:
        try:
            content = ingest.read_pdf(pdf, ingest.Budget())
        except DocumentError as error:  # a PDF the pipeline refuses has no NLP stage to time
            print(f"skipped {pdf.name}: {error}", flush=True)
            continue
        document = structure.build_document(content)
        (folder / f"{pdf.stem}.pkl").write_bytes(pickle.dumps(document))
        print(f"prepared {pdf.name}: {len(document.passages)} passages", flush=True)


def documents(folder: Path):
    for path in sorted(folder.glob("*.pkl")):
        yield path.stem, pickle.loads(path.read_bytes())


def prose(document) -> list[str]:
    return [p.text for p in document.passages if p.kind in nlp.PROSE_KINDS]


def time_components(folder: Path, repeat: int) -> None:
    pipeline = nlp.load_pipeline()
    loaded = list(documents(folder))
    for _, document in loaded[:1]:
        nlp.annotate(pipeline, document)  # warm: first-use allocations and compiled patterns
    for round_ in range(repeat):
        totals: dict[str, float] = {"tokenizer": 0.0, **{name: 0.0 for name in pipeline.pipe_names}}
        annotate_total = 0.0
        for _, document in loaded:
            texts = prose(document)
            started = time.process_time()
            docs = [pipeline.make_doc(text) for text in texts]
            totals["tokenizer"] += time.process_time() - started
            for name, component in pipeline.pipeline:
                started = time.process_time()
                if hasattr(component, "pipe"):
                    docs = list(component.pipe(docs, batch_size=64))
                else:
                    docs = [component(doc) for doc in docs]
                totals[name] += time.process_time() - started
            started = time.process_time()
            nlp.annotate(pipeline, document)
            annotate_total += time.process_time() - started
        parts = " ".join(f"{name}={seconds:.2f}" for name, seconds in totals.items())
        print(f"round {round_ + 1}: components {sum(totals.values()):.2f} ({parts}) annotate={annotate_total:.2f}")


def token_rows(doc) -> list[tuple]:
    return [
        (
            t.text, t.whitespace_, t.tag_, t.pos_, str(t.morph), t.dep_, t.head.i, t.lemma_, t.norm_,
            t.ent_iob_, t.ent_type_, t.ent_id_, t.ent_kb_id_, t.is_sent_start,
        )
        for t in doc
    ]  # fmt: skip


def signature(pipeline, document) -> dict:
    annotated = nlp.annotate(pipeline, document)
    return {
        "tokens": [token_rows(doc) for _, doc in annotated.docs],
        "ents": [[(e.start, e.end, e.label_, e.ent_id_, e.kb_id_) for e in doc.ents] for _, doc in annotated.docs],
        "detected": [
            [(s.start, s.end, s._.long_form.start, s._.long_form.end) for s in doc._.abbreviations]
            for _, doc in annotated.docs
        ],
        "sentences": annotated.sentences,
        "entities": annotated.entities,
        "abbreviations": annotated.abbreviations,
    }


def dump(folder: Path, out: Path) -> None:
    pipeline = nlp.load_pipeline()
    result = {name: signature(pipeline, document) for name, document in documents(folder)}
    out.write_bytes(pickle.dumps(result))
    n_tokens = sum(len(rows) for sig in result.values() for rows in sig["tokens"])
    print(f"dumped {len(result)} documents, {n_tokens} tokens to {out}")


def compare(first: Path, second: Path) -> int:
    a, b = pickle.loads(first.read_bytes()), pickle.loads(second.read_bytes())
    for dumped in (a, b):  # scispaCy keeps a definition's occurrences in a set of spans: their order is the doc's id
        for sig in dumped.values():
            sig["detected"] = [sorted(found) for found in sig["detected"]]
    differing = 0
    for name in sorted(set(a) | set(b)):
        if a.get(name) == b.get(name):
            continue
        differing += 1
        if name not in a or name not in b:
            print(f"{name}: only in one dump")
            continue
        for key in a[name]:
            if a[name][key] != b[name][key]:
                left, right = a[name][key], b[name][key]
                where = next((i for i, (x, y) in enumerate(zip(left, right, strict=False)) if x != y), None)
                print(f"{name}: {key} differ (lengths {len(left)}/{len(right)}, first at {where})")
    total = len(set(a) | set(b))
    print(f"{total - differing} of {total} documents identical")
    return 1 if differing else 0


def profile(folder: Path, top: int) -> None:
    pipeline = nlp.load_pipeline()
    loaded = list(documents(folder))
    nlp.annotate(pipeline, loaded[0][1])
    print_cpu_profile(lambda: [nlp.annotate(pipeline, document) for _, document in loaded], top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["prepare", "time", "dump", "compare", "profile"])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    if args.command == "prepare":
        prepare(args.paths[0], args.paths[1:] or default_pdfs())
    elif args.command == "time":
        time_components(args.paths[0], args.repeat)
    elif args.command == "dump":
        dump(args.paths[0], args.paths[1])
    elif args.command == "compare":
        return compare(args.paths[0], args.paths[1])
    else:
        profile(args.paths[0], args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
