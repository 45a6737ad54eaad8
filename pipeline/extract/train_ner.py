"""Train our biomedical NER on weak labels: the entity ruler's lexicon applied to text we may redistribute.

The text is a snapshot of sentences (models/nlp/training/sentences.jsonl.gz) taken from CC-BY / public-domain
PDFs by our own ingest and structure stages, so training is reproducible without the PDFs:

    python -m pipeline.extract.train_ner                      # trains models/nlp/ner from the snapshot (fixed seed)
    python -m pipeline.extract.train_ner --rebuild-corpus PDF...  # re-takes the snapshot first

The component gets its own small tok2vec (hash embeddings of NORM/PREFIX/SUFFIX/SHAPE), so it does not depend
on the base pipeline's weights and also works with en_core_sci_sm. Subword and shape features, with the
lexicon's entries held out in benchmarks/ner_heldout.py, are what let it find mentions the lexicon lacks.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from pipeline.extract.components import MODELS_DIR, add_entity_ruler, build_tokenizer, read_patterns

DEFAULT_OUTPUT = MODELS_DIR / "ner"
DEFAULT_CORPUS = MODELS_DIR / "training" / "sentences.jsonl.gz"
DEFAULT_PATTERNS = MODELS_DIR / "patterns"
DEFAULT_EPOCHS = 6
AUGMENT_COPIES = 1  # mention-swapped variants per sentence (see swap_mentions)
NEGATIVE_SHARE = 0.2  # sentences without any lexicon mention kept, relative to those with one

# Small on purpose: the model is committed to git and trained on 2 CPU cores.
NER_MODEL = {
    "@architectures": "spacy.TransitionBasedParser.v2",
    "state_type": "ner",
    "extra_state_tokens": False,
    "hidden_width": 64,
    "maxout_pieces": 2,
    "use_upper": True,
    "tok2vec": {
        "@architectures": "spacy.HashEmbedCNN.v2",
        "pretrained_vectors": None,
        "width": 64,
        "depth": 3,
        "embed_size": 2000,
        "window_size": 1,
        "maxout_pieces": 3,
        "subword_features": True,
    },
}


@dataclass
class TrainingReport:
    output_dir: str
    seed: int
    n_sentences: int
    n_mentions: int
    n_excluded_ids: int
    epochs: int
    seconds: float
    losses: list[float] = field(default_factory=list)


def read_corpus(path: Path = DEFAULT_CORPUS) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()]


def blank_pipeline() -> Language:
    """A blank English pipeline with the same tokenizer rules as the full one, so tokens line up."""
    nlp = spacy.blank("en")
    nlp.tokenizer = build_tokenizer(nlp, split_hyphens=True)
    return nlp


def weak_label(texts: Iterable[str], patterns: list[dict], nlp: Language | None = None) -> list[Doc]:
    """Docs whose entities are the lexicon's matches (the ruler alone, no parser needed)."""
    labeller = nlp or blank_pipeline()
    add_entity_ruler(labeller, patterns, name="weak_labeller")
    try:
        return list(labeller.pipe(texts, batch_size=256))
    finally:
        labeller.remove_pipe("weak_labeller")


def select_training_docs(docs: Sequence[Doc], seed: int, negative_share: float = NEGATIVE_SHARE) -> list[Doc]:
    """Every sentence with a mention, plus a fixed share of sentences without one (so O is learnt too)."""
    positives = [doc for doc in docs if doc.ents]
    negatives = [doc for doc in docs if not doc.ents]
    random.Random(seed).shuffle(negatives)
    return positives + negatives[: int(len(positives) * negative_share)]


def surface_forms(patterns: list[dict]) -> dict[str, list[str]]:
    """Every phrase (or acronym) the lexicon lists, per label."""
    forms: dict[str, list[str]] = {}
    for pattern in patterns:
        phrase = pattern["pattern"]
        text = phrase if isinstance(phrase, str) else " ".join(token.get("ORTH", "") for token in phrase)
        forms.setdefault(pattern["label"], []).append(text)
    return forms


def swap_mentions(doc: Doc, forms: dict[str, list[str]], rng: random.Random) -> tuple[str, list[tuple]]:
    """The sentence with each mention replaced by another lexicon entry of the same label.

    Why: the weak labels cover only the few hundred entries that occur in the text, so the model would learn
    those words by heart. Seeing many entries in the same contexts teaches it the contexts and the subword
    shapes ("-graphy", "-cytes", "-itis") that carry over to entries the lexicon lacks.
    """
    pieces, entities, cursor = [], [], 0
    for ent in doc.ents:
        replacement = rng.choice(forms[ent.label_])
        if ent.text[:1].isupper() and replacement[:1].islower():
            replacement = replacement[:1].upper() + replacement[1:]
        pieces.append(doc.text[cursor : ent.start_char])
        start = sum(len(piece) for piece in pieces)
        pieces.append(replacement)
        entities.append((start, start + len(replacement), ent.label_))
        cursor = ent.end_char
    pieces.append(doc.text[cursor:])
    return "".join(pieces), entities


def augmented_examples(nlp: Language, docs: Sequence[Doc], patterns: list[dict], copies: int, seed: int):
    """`copies` mention-swapped variants of each sentence that has a mention."""
    forms = surface_forms(patterns)
    rng = random.Random(seed)
    examples = []
    for doc in docs:
        for _ in range(copies if doc.ents else 0):
            text, entities = swap_mentions(doc, forms, rng)
            predicted = nlp.make_doc(text)
            if all(predicted.char_span(start, end) is not None for start, end, _ in entities):  # tokens line up
                examples.append(Example.from_dict(predicted, {"entities": entities}))
    return examples


def train_ner(
    output_dir: Path | str = DEFAULT_OUTPUT,
    corpus: Path | str | Sequence[str] = DEFAULT_CORPUS,
    patterns_dir: Path | str = DEFAULT_PATTERNS,
    exclude_ids: set[str] | None = None,
    epochs: int = DEFAULT_EPOCHS,
    seed: int = 0,
    dropout: float = 0.2,
    batch_size: int = 32,
    augment_copies: int = AUGMENT_COPIES,
    log=print,
) -> TrainingReport:
    """Train the NER on weak labels and save it to `output_dir` (a small spaCy pipeline: tokenizer + ner).

    `corpus` is a snapshot path or the sentences themselves; `exclude_ids` removes lexicon entries from the weak
    labels (the held-out benchmark uses it).
    """
    started = time.perf_counter()
    fix_random_seed(seed)
    texts = read_corpus(Path(corpus)) if isinstance(corpus, str | Path) else list(corpus)
    patterns = read_patterns(Path(patterns_dir), exclude_ids)
    nlp = blank_pipeline()
    docs = select_training_docs(weak_label(texts, patterns, nlp), seed)
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in docs]
    examples += augmented_examples(nlp, docs, patterns, augment_copies, seed)
    ner = nlp.add_pipe("ner", config={"model": NER_MODEL})
    for label in sorted({p["label"] for p in patterns}):
        ner.add_label(label)
    optimizer = nlp.initialize(lambda: examples)
    order = random.Random(seed)
    losses_per_epoch = []
    for epoch in range(epochs):
        order.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=batch_size):
            nlp.update(batch, drop=dropout, sgd=optimizer, losses=losses)
        losses_per_epoch.append(round(losses.get("ner", 0.0), 2))
        log(f"epoch {epoch + 1}/{epochs}: loss {losses_per_epoch[-1]}")
    output_dir = Path(output_dir)
    nlp.to_disk(output_dir, exclude=["vocab.vectors"])
    report = TrainingReport(
        output_dir=output_dir.name,
        seed=seed,
        n_sentences=len(examples),
        n_mentions=sum(len(doc.ents) for doc in docs),
        n_excluded_ids=len(exclude_ids or ()),
        epochs=epochs,
        seconds=round(time.perf_counter() - started, 1),
        losses=losses_per_epoch,
    )
    (output_dir / "training.json").write_text(json.dumps(asdict(report), indent=2) + "\n", encoding="utf-8")
    return report


# ---------------------------------------------------------------- the text snapshot


def build_corpus(pdf_paths: Sequence[Path], output: Path = DEFAULT_CORPUS, min_words: int = 6) -> int:
    """Take the sentence snapshot from PDFs through our own ingest, structure and sentence splitting."""
    from pipeline.extract.ingest import read_pdf
    from pipeline.extract.nlp import PROSE_KINDS, build_pipeline
    from pipeline.extract.structure import build_document

    nlp = build_pipeline(with_ner=False)
    rows = []
    for path in sorted(pdf_paths):
        document = build_document(read_pdf(Path(path)))
        texts = [p.text for p in document.passages if p.kind in PROSE_KINDS]
        for doc in nlp.pipe(texts, batch_size=64):
            for sent in doc.sents:
                if sum(token.is_alpha for token in sent) >= min_words:
                    rows.append({"doc": Path(path).name, "text": sent.text.strip()})
    output.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(output, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    return len(rows)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pipeline.extract.train_ner", description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where to save the trained NER")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="sentence snapshot (.jsonl.gz)")
    parser.add_argument("--epochs", type=int, default=DEFAULT_EPOCHS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rebuild-corpus", nargs="+", type=Path, metavar="PDF", help="re-take the snapshot")
    args = parser.parse_args(argv)
    if args.rebuild_corpus:
        print(f"{build_corpus(args.rebuild_corpus, args.corpus)} sentences written to {args.corpus}")
    report = train_ner(args.output, args.corpus, epochs=args.epochs, seed=args.seed)
    print(json.dumps(asdict(report)))


if __name__ == "__main__":
    main()
