"""Claims: method → advantage/disadvantage and treatment → effect triples, from tables and from prose."""

from __future__ import annotations

from pipeline.claims.from_tables import extract_table_claims
from pipeline.records import Claim, Table


def extract_claims(doc_id: str, tables: list[Table], annotated=None) -> list[Claim]:
    """All claims of one document. Prose claims are added by the prose-claims stage."""
    claims: list[Claim] = []
    for table in tables:
        claims.extend(extract_table_claims(table, doc_id))
    return claims
