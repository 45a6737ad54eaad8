"""How well does our NER find mentions its lexicon does not list?

Hold out a share of the lexicon's entries (by canonical id, per label, fixed seed), train the NER on weak labels
from the remaining entries over the sentences that never mention a held-out entry, then run ruler (remaining
entries) + NER over the sentences that do, the way the real pipeline runs. Figures:

- recall: held-out mentions the NER finds (exact span; "overlap" = any shared token; "+label" = right label too)
- id_recall: the same per held-out entry (found at least once), so frequent entries do not dominate
- precision: NER mentions (not the ruler's) that are lexicon mentions; a lower bound, the lexicon is incomplete

    .venv/bin/python benchmarks/ner_heldout.py [--share 0.25] [--epochs N] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.extract.components import add_entity_ruler, build_tokenizer, read_patterns  # noqa: E402
from pipeline.extract.nlp import DEFAULT_PIPELINE  # noqa: E402
from pipeline.extract.train_ner import (  # noqa: E402
    AUGMENT_COPIES,
    DEFAULT_CORPUS,
    DEFAULT_EPOCHS,
    DEFAULT_PATTERNS,
    blank_pipeline,
    read_corpus,
    train_ner,
)


def hold_out_ids(patterns: list[dict], share: float, seed: int) -> set[str]:
    """A fixed share of each label's canonical ids."""
    ids_by_label: dict[str, list[str]] = defaultdict(list)
    for pattern in patterns:
        if pattern["id"] not in ids_by_label[pattern["label"]]:
            ids_by_label[pattern["label"]].append(pattern["id"])
    rng = random.Random(seed)
    held: set[str] = set()
    for label in sorted(ids_by_label):
        ids = sorted(ids_by_label[label])
        held.update(rng.sample(ids, round(len(ids) * share)))
    return held


def spans(doc) -> set[tuple[int, int, str]]:
    return {(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents}


def overlaps(a: tuple[int, int, str], others: set[tuple[int, int, str]], same_label: bool = False) -> bool:
    return any(a[0] < b[1] and b[0] < a[1] and (not same_label or a[2] == b[2]) for b in others)


def run(
    share: float,
    epochs: int,
    seed: int,
    keep: Path | None = None,
    show: int = 0,
    cleanup: bool = True,
    copies: int = AUGMENT_COPIES,
    reuse: bool = False,
) -> dict[str, float]:
    patterns = read_patterns(DEFAULT_PATTERNS)
    held = hold_out_ids(patterns, share, seed)
    labeller = blank_pipeline()
    add_entity_ruler(labeller, patterns)
    texts = read_corpus(DEFAULT_CORPUS)
    gold_docs = list(labeller.pipe(texts, batch_size=256))
    is_eval = [any(ent.ent_id_ in held for ent in doc.ents) for doc in gold_docs]
    train_texts = [t for t, e in zip(texts, is_eval, strict=True) if not e]
    eval_gold = [d for d, e in zip(gold_docs, is_eval, strict=True) if e]

    with tempfile.TemporaryDirectory() as tmp:
        tmp = str(keep) if keep else tmp
        started = time.perf_counter()
        if reuse and (Path(tmp) / "config.cfg").exists():  # evaluate a model kept by an earlier run
            n_train = json.loads((Path(tmp) / "training.json").read_text())["n_sentences"]
        else:
            n_train = train_ner(
                tmp, train_texts, exclude_ids=held, epochs=epochs, seed=seed, augment_copies=copies, log=lambda _: None
            ).n_sentences
        seconds = time.perf_counter() - started
        # the base pipeline's tagger, for the cleanup's part-of-speech test; the same tokenizer rules as training
        nlp = spacy.load(DEFAULT_PIPELINE, exclude=["ner", "parser", "lemmatizer"])
        nlp.tokenizer = build_tokenizer(nlp)
        add_entity_ruler(nlp, read_patterns(DEFAULT_PATTERNS, held))
        nlp.add_pipe("ner", name="biomed_ner", source=spacy.load(tmp))
        if cleanup:
            config = {"patterns_dir": str(DEFAULT_PATTERNS), "exclude_ids": sorted(held)}
            nlp.add_pipe("reviewminer_ner_cleanup", config=config)
        predicted = list(nlp.pipe((d.text for d in eval_gold), batch_size=128))

    counts = defaultdict(int)
    confusion: dict[tuple[str, str], int] = defaultdict(int)
    ids_seen: set[str] = set()
    ids_found: set[str] = set()
    ids_found_label: set[str] = set()
    for gold, pred in zip(eval_gold, predicted, strict=True):
        predicted_labels = {(e.start_char, e.end_char): e.label_ for e in pred.ents if not e.ent_id_}
        for e in gold.ents:
            if e.ent_id_ in held:
                ids_seen.add(e.ent_id_)
            if e.ent_id_ in held and (e.start_char, e.end_char) in predicted_labels:
                ids_found.add(e.ent_id_)
                if predicted_labels[(e.start_char, e.end_char)] == e.label_:
                    ids_found_label.add(e.ent_id_)
                predicted_label = predicted_labels[(e.start_char, e.end_char)]
                confusion[(e.label_, predicted_label)] += 1
                if show and confusion[(e.label_, predicted_label)] <= show:
                    print(f"  held-out {e.label_:10s} -> {predicted_label:10s} {e.text!r}")
        held_mentions = {(e.start_char, e.end_char, e.label_) for e in gold.ents if e.ent_id_ in held}
        lexicon_mentions = spans(gold)
        ner_mentions = {(e.start_char, e.end_char, e.label_) for e in pred.ents if not e.ent_id_}
        ner_spans = {(s, e) for s, e, _ in ner_mentions}
        counts["held"] += len(held_mentions)
        counts["found_exact"] += sum((s, e) in ner_spans for s, e, _ in held_mentions)
        counts["found_exact_label"] += len(held_mentions & ner_mentions)
        counts["found_overlap"] += sum(overlaps(m, ner_mentions) for m in held_mentions)
        counts["found_overlap_label"] += sum(overlaps(m, ner_mentions, True) for m in held_mentions)
        counts["ner"] += len(ner_mentions)
        counts["ner_exact"] += sum((s, e) in {(a, b) for a, b, _ in lexicon_mentions} for s, e, _ in ner_mentions)
        counts["ner_overlap"] += sum(overlaps(m, lexicon_mentions) for m in ner_mentions)
    for (gold_label, predicted_label), n in sorted(confusion.items()):
        if show:
            print(f"  confusion {gold_label:10s} -> {predicted_label:10s} {n}")
    held_n, ner_n = max(counts["held"], 1), max(counts["ner"], 1)
    return {
        "held_out_ids": len(held),
        "train_sentences": n_train,
        "eval_sentences": len(eval_gold),
        "held_out_mentions": counts["held"],
        "recall_exact": counts["found_exact"] / held_n,
        "recall_exact_label": counts["found_exact_label"] / held_n,
        "recall_overlap": counts["found_overlap"] / held_n,
        "recall_overlap_label": counts["found_overlap_label"] / held_n,
        "held_out_ids_in_text": len(ids_seen),
        "id_recall_exact": len(ids_found) / max(len(ids_seen), 1),
        "id_recall_exact_label": len(ids_found_label) / max(len(ids_seen), 1),
        "ner_mentions": counts["ner"],
        "precision_exact": counts["ner_exact"] / ner_n,
        "precision_overlap": counts["ner_overlap"] / ner_n,
        "train_seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--share", type=float, default=0.25, help="share of each label's entries held out")
    parser.add_argument("--epochs", type=int, default=None, help="training epochs (default: train_ner's)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="keep the held-out model in this folder")
    parser.add_argument("--show", type=int, default=0, help="print this many examples per label pair")
    parser.add_argument("--reuse", action="store_true", help="evaluate the model in --keep instead of training")
    parser.add_argument("--copies", type=int, default=AUGMENT_COPIES, help="mention-swapped copies per sentence")
    parser.add_argument("--no-cleanup", action="store_true", help="the NER's own mentions and labels only")
    args = parser.parse_args()
    epochs = args.epochs or DEFAULT_EPOCHS
    cleanup = not args.no_cleanup
    figures = run(args.share, epochs, args.seed, args.keep, args.show, cleanup, args.copies, args.reuse)
    versions = f"python {platform.python_version()}  spacy {spacy.__version__}  {platform.machine()}"
    settings = f"share={args.share}  seed={args.seed}  epochs={epochs}  copies={args.copies}"
    print(f"# ner_heldout  {settings}  ner_cleanup={cleanup}  {versions}")
    for key, value in figures.items():
        print(f"{key:24s} {value:.3f}" if isinstance(value, float) else f"{key:24s} {value}")


if __name__ == "__main__":
    main()
