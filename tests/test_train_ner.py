"""Training the NER on weak labels: end to end on a tiny sample of the real training snapshot."""

from __future__ import annotations

import gzip
import json
import random
import subprocess
import sys

import pytest
import spacy

from pipeline.extract.components import read_patterns
from pipeline.extract.train_ner import (
    DEFAULT_CORPUS,
    DEFAULT_PATTERNS,
    blank_pipeline,
    read_corpus,
    surface_forms,
    swap_mentions,
    weak_label,
)


@pytest.fixture(scope="module")
def sample() -> list[str]:
    """The first sentences of the committed snapshot that mention a lexicon entry, plus a few that do not."""
    texts = read_corpus(DEFAULT_CORPUS)
    docs = weak_label(texts[:400], read_patterns(DEFAULT_PATTERNS))
    with_mentions = [d.text for d in docs if d.ents][:30]
    without = [d.text for d in docs if not d.ents][:6]
    assert len(with_mentions) == 30
    return with_mentions + without


def test_weak_labels_come_from_the_lexicon_without_the_excluded_entries():
    text = "Exosomes were isolated by ultracentrifugation and size exclusion chromatography from MSCs."
    patterns = read_patterns(DEFAULT_PATTERNS)
    labelled = weak_label([text], patterns)[0]
    assert {(e.text, e.label_) for e in labelled.ents} >= {
        ("ultracentrifugation", "METHOD"),
        ("size exclusion chromatography", "METHOD"),
        ("MSCs", "CELL_TYPE"),
    }
    held = read_patterns(DEFAULT_PATTERNS, exclude_ids={"ultracentrifugation"})
    assert "ultracentrifugation" not in {e.text for e in weak_label([text], held)[0].ents}


def test_swapped_mentions_keep_their_label_and_line_up_with_tokens():
    patterns = read_patterns(DEFAULT_PATTERNS)
    doc = weak_label(["Hypoxic preconditioning of MSCs raised the exosome yield in diabetic wounds."], patterns)[0]
    text, entities = swap_mentions(doc, surface_forms(patterns), random.Random(3))
    assert [label for _, _, label in entities] == [ent.label_ for ent in doc.ents]
    assert text.endswith(".") and text != doc.text
    tokens = blank_pipeline().make_doc(text)
    assert all(tokens.char_span(start, end) is not None for start, end, _ in entities)


def test_training_runs_end_to_end_and_is_reproducible(sample, tmp_path):
    """The training command, run twice in fresh processes with one seed, gives the same model byte for byte."""
    corpus = tmp_path / "sample.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps({"doc": "sample", "text": text}) + "\n" for text in sample)
    for name in ("a", "b"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pipeline.cli",
                "train-ner",
                "--output",
                str(tmp_path / name),
                "--epochs",
                "2",
                "--seed",
                "7",
                "--corpus",
                str(corpus),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
    first = json.loads((tmp_path / "a" / "training.json").read_text())
    second = json.loads((tmp_path / "b" / "training.json").read_text())
    assert first["n_sentences"] >= len(sample)  # the mention-swapped variants come on top
    assert first["losses"] == second["losses"]
    assert (tmp_path / "a" / "ner" / "model").read_bytes() == (tmp_path / "b" / "ner" / "model").read_bytes()
    assert first["seed"] == 7 and first["epochs"] == 2
    trained = spacy.load(tmp_path / "a")
    assert set(trained.get_pipe("ner").labels) >= {"METHOD", "TREATMENT", "CELL_TYPE", "MOLECULE", "DISEASE"}
    trained("Exosomes were isolated by ultracentrifugation.")  # runs on new text
