"""Outputs: what a run leaves in the output folder, built from the extracted records.

Per-document cache and atomic Parquet/CSV (`datasets`), publishing a run's datasets (`publish`), the run record
(`manifest`), curator decisions (`curation`), the cross-paper comparison (`compare`), the HTML report (`report`),
BioC export (`export`) and the Frictionless data package (`datapackage`).

May import: `pipeline.records`, `pipeline.config`, `pipeline.corpus`. Never `extract`, `orchestration` or `review`.
"""
