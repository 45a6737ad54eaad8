"""Curation: curator decisions kept in OUT/decisions.sqlite, keyed by claim_id, applied on every write.

First version: every claim is pending; the curator-review issue adds the decision store.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def apply_decisions(claims: pd.DataFrame, out_dir: Path) -> pd.DataFrame:
    claims = claims.copy()
    claims["review_status"] = pd.Series(["pending"] * len(claims), dtype="string")
    return claims
