"""The package's wings import only downward: extract and outputs never reach up into orchestration or review."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
WINGS = ("extract", "outputs", "orchestration", "review", "evaluate")
# wing -> wings it must never import
FORBIDDEN = {
    "extract": {"outputs", "orchestration", "review"},
    "outputs": {"extract", "orchestration", "review"},
    "orchestration": {"review"},
    "review": {"extract", "orchestration"},
    # scoring reads the datasets a run wrote, as any downstream tool would
    "evaluate": {"extract", "outputs", "orchestration", "review"},
}


def imported_modules(path: Path) -> set[str]:
    """Every `pipeline...` module a file imports, at module level or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name.startswith("pipeline.")}


def wing_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in WINGS else None


def test_no_wing_imports_upward():
    violations = []
    for wing, forbidden in FORBIDDEN.items():
        for path in sorted((PACKAGE / wing).rglob("*.py")):
            for module in imported_modules(path):
                if wing_of(module) in forbidden:
                    violations.append(f"{path.relative_to(PACKAGE.parent)} imports {module}")
    assert not violations, "\n".join(violations)


def test_top_level_holds_only_shared_modules_and_tools():
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert top == ["cli", "config", "corpus", "isolation", "records"], top
    packages = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    assert packages == sorted(WINGS), packages
    for wing in WINGS:
        doc = ast.get_docstring(ast.parse((PACKAGE / wing / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "import" in doc, f"{wing}/__init__.py must say which wings it may import"


def test_shared_modules_import_no_wing():
    for name in ("config", "corpus", "isolation", "records"):
        modules = imported_modules(PACKAGE / f"{name}.py")
        assert not {m for m in modules if wing_of(m)}, (name, modules)


def test_cache_key_follows_the_extraction_code(tmp_path, monkeypatch):
    """An edited stage must not reuse extractions cached by the old code."""
    import shutil

    from pipeline import config
    from pipeline.config import Settings
    from pipeline.orchestration.runs import config_key

    before = config_key(Settings())
    copy = tmp_path / "pipeline"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "extract" / "normalize.py").write_text("# edited\n", encoding="utf-8")
    monkeypatch.setattr(config, "__file__", str(copy / "config.py"))
    config.extraction_code_fingerprint.cache_clear()
    try:
        assert config_key(Settings()) != before
    finally:
        monkeypatch.undo()
        config.extraction_code_fingerprint.cache_clear()
    assert config_key(Settings()) == before
