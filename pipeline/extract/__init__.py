"""Extract: one PDF through the stages, in plain Python (no Prefect, no output files).

ingest -> structure -> tables -> nlp -> claims -> normalize, each a module or folder here, typed records
(`pipeline.records`) between them; `document.process_document` runs them in order, `train_ner` retrains our NER.

May import: `pipeline.records`, `pipeline.config`, `pipeline.corpus`. Never `outputs`, `orchestration` or `review`.
"""
