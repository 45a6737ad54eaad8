"""Scientific names through the real NLP pipeline: sentences printed in
gold/dev/uritu2018_lamiaceae_pain_review_rotated.pdf (plants) and gold/dev/msphere2024_acinetobacter_resistance.pdf
(bacteria).

pySBD ends sentences at a name's periods ("A. | baumannii", "var. | mascaensis", "spp. | are"); the names are made one
token around the sentence splitter and given back their tokens. With the splitter after the parser, the parse too is
made over the names as single nouns (the tagger and parser read an abbreviated genus and a Latin epithet as English
words and the noun after the name as the verb); the default pipeline keeps the base parse (see models/nlp/config.cfg).
"""

from __future__ import annotations

import pytest

from pipeline.extract.nlp import PIPELINE_CONFIG, build_pipeline, load_pipeline

SENTENCES = {
    "product-plural": "Regarding its effect on other pain models, there are several studies that have demonstrated"
    " that O. sanctum extracts alleviate neuropathic pain.",
    "genomes": "Across the A. lwoffii genomes, 40 different ARGs were found, while 333 different ARGs were detected"
    " across A. baumannii.",
    "genomes-subject": "Using DefenseFinder, A. lwoffii genomes were found to encode between 3 and 24 defense systems"
    " per genome, which was significantly more than A. baumannii which had between 1 and 14 (P ≤ 0.0001) (Fig. 2b).",
}

# passages pySBD cut at a name's period ("var. | mascaensis"): (text, its sentences' first words)
PASSAGES = {
    "unnamed-species": (
        "Acinetobacter spp. are Gram-negative, soil-dwelling Gammaproteobacteria. Despite being typically found in"
        " soil, some species within the genus also cause life-threatening human infections (1).",
        ["Acinetobacter", "Despite"],
    ),
    "variety": (
        "Sideritis lotsyi Pit. contains tetracyclic diterpenes (ent-kaur-16-ene and epicandicandiol 7β-mono"
        " acetate-18-palmitate), rhoiptelenol, hydrocarbon ent-trachy lobane, amyrin, trachinodiol, a rare diterpene"
        " 16β,18-dihy droxy-ent-atisane, and 5-hydroxy-3,7,4′-trimethoxyflavone, but the content is different between"
        " S. lotsyi and S. lotsyi var. mascaensis [96]. S. lotsyi var. mascaensis extracts were studied in a"
        " comprehensive analysis for the antimicrobial activity, toxicity, and anti-inflammatory and analgesic"
        " proprieties.",
        ["Sideritis", "S."],
    ),
    "subspecies": (
        "Melissa officinalis L., also known as lemon balm, English balm, garden balm, balm mint, common balm, melissa,"
        " sweet balm, and heart’’s delight, is an aromatic herb from the mint family (Lamiaceae) that includes two"
        " subspecies: Melissa officinalis L. subsp. officinalis, the common cultivated lemon balm, and Melissa"
        " officinalis L. subsp. altissima, naturalized in New Zealand and known as bush balm. The first information"
        " about the usage of the plant was found in Greece, 2000 years ago.",
        ["Melissa", "The"],
    ),
}


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def parsing_nlp(tmp_path_factory):
    """The pipeline with `taxon_splitter` after the parser: the parse made over the names as single nouns."""
    config = PIPELINE_CONFIG.read_text(encoding="utf-8")
    order = '"taxon_merger","sentence_splitter","taxon_splitter","tok2vec","tagger","parser"'
    assert order in config
    path = tmp_path_factory.mktemp("config") / "config.cfg"
    path.write_text(
        config.replace(order, '"taxon_merger","tok2vec","tagger","sentence_splitter","parser","taxon_splitter"')
    )
    return build_pipeline(config_path=path)


@pytest.fixture(scope="module")
def docs(nlp):
    texts = {**SENTENCES, **{key: text for key, (text, _) in PASSAGES.items()}}
    return dict(zip(texts, nlp.pipe(texts.values()), strict=True))


def word(doc, text: str, nth: int = 0):
    return [token for token in doc if token.text == text][nth]


def test_with_the_splitter_after_the_parser_the_noun_after_a_name_is_no_verb(parsing_nlp):
    docs = dict(zip(SENTENCES, parsing_nlp.pipe(SENTENCES.values()), strict=True))
    doc = docs["product-plural"]
    extracts, alleviate = word(doc, "extracts"), word(doc, "alleviate")
    assert extracts.pos_ == "NOUN" and extracts.dep_ == "nsubj" and extracts.head == alleviate
    assert word(doc, "sanctum").head == extracts  # the name modifies the product
    for key in ("genomes", "genomes-subject"):
        assert word(docs[key], "genomes").pos_ == "NOUN"
    assert [(token.text, token.pos_) for token in doc if token.text in ("O.", "sanctum")] == [
        ("O.", "PROPN"),
        ("sanctum", "PROPN"),
    ]
    assert word(doc, "O.").dep_ == "compound" and word(doc, "O.").head == word(doc, "sanctum")
    for doc in docs.values():
        assert [token.text for token in doc] == [token.text for token in parsing_nlp.make_doc(doc.text)]


def test_the_names_words_stay_the_tokenizers_tokens(nlp, docs):
    for key, doc in docs.items():
        assert [token.text for token in doc] == [token.text for token in nlp.make_doc(doc.text)], key
        assert doc.has_annotation("DEP") and doc.has_annotation("LEMMA")
        assert not any(" " in token.text for token in doc)


@pytest.mark.parametrize("key", sorted(PASSAGES))
def test_a_sentence_does_not_end_inside_a_name(docs, key):
    _, first_words = PASSAGES[key]
    assert [sentence[0].text for sentence in docs[key].sents] == first_words
