"""benchmarks/text_loss.py's classes on a real page: a table's text read in order in the table of its page is
"table" (text that is rightly not prose), even where each of its words also occurs in the prose."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from conftest import real_pdf

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "text_loss.py"


def _text_loss():
    spec = importlib.util.spec_from_file_location("text_loss", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_table_text_of_common_words_is_table_not_scrambled():
    # lme4's Table 2 (formulas and their meanings, "Random intercept with fixed mean."): its 8-word runs were
    # "scrambled" or "labels" because "random", "intercept", "g" and "1" are words of the prose as well.
    result = _text_loss().diagnose(real_pdf("robust_jss_typewriter_code_cells_typed_spaces.pdf"))
    lost = result["lost"]
    assert lost["table"] >= 80
    assert lost["scrambled"] + lost["labels"] <= 10


def test_runs_split_between_two_passages_are_passage_order_not_interrupted():
    # JNER sets each figure's caption in the column beside the text; the text layer reads it into the middle of a
    # sentence ("... the scanning fig 2 mwaves ..."), our reading keeps caption and paragraph whole, so the 8-word
    # runs across that point are split between two passages: an order of passages, not prose cut inside one.
    result = _text_loss().diagnose(real_pdf("jner2016_fes_hand_opening.pdf"))
    lost = result["lost"]
    assert lost["passage order"] >= 30
    assert lost["interrupted"] <= 12
