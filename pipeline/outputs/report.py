"""Report: a self-contained HTML page (OUT/report.html) and a Prefect markdown summary of one run.

The page opens from disk with no network: plotly.js is inlined once in the page head and every figure is a
plotly div. Everything that comes from a PDF (titles, method names, evidence, error messages) is HTML-escaped,
including inside plots, whose labels plotly reads as a small HTML dialect.
"""

from __future__ import annotations

import html
import json
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.outputs.datasets import atomic_write

# pandas, plotly and the comparison are imported where they are used: a rerun that finds nothing to change writes
# only the markdown summary (from the run record) and must start fast.
if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go

REPORT_FILE = "report.html"
RELATION_COLOURS = {"advantage": "#1e8449", "disadvantage": "#c0392b", "effect": "#2e86c1"}
UNSPECIFIED = "(unspecified)"
MAX_HEATMAP_ROWS = 40
MAX_LABEL = 60
PLOT_CONFIG = {"displaylogo": False, "responsive": True}

STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1200px; color: #1c2833; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { margin-top: 2em; border-bottom: 1px solid #d5d8dc; }
.meta { color: #566573; } .cards { display: flex; flex-wrap: wrap; gap: 0.8em; margin: 1em 0; }
.card { border: 1px solid #d5d8dc; border-radius: 6px; padding: 0.5em 1em; min-width: 7em; }
.card b { display: block; font-size: 1.5em; } .bad { color: #c0392b; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }
th, td { border: 1px solid #d5d8dc; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #f4f6f7; } tr.failed td { background: #fdedec; } td.num { text-align: right; }
.evidence { color: #424949; font-size: 0.92em; }
"""


# ---------------------------------------------------------------- helpers


def _record(record) -> dict:
    return asdict(record) if is_dataclass(record) else dict(record or {})


def _frame(frames: dict[str, pd.DataFrame], name: str) -> pd.DataFrame:
    import pandas as pd

    frame = frames.get(name)
    return frame if frame is not None else pd.DataFrame()


def _s(value: object) -> str:
    """A value as text ("" when missing)."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    import pandas as pd

    if value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def _e(value: object) -> str:
    return html.escape(_s(value))


def _short(text: str, limit: int = MAX_LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def paper_labels(documents: pd.DataFrame) -> dict[str, str]:
    """doc_id → a short human label: the title, else the file name, else the doc_id."""
    labels = {}
    for row in documents.itertuples() if len(documents) else []:
        name = _s(getattr(row, "title", "")) or Path(_s(getattr(row, "path", ""))).name or row.doc_id
        labels[str(row.doc_id)] = _short(name)
    return labels


def _html_table(header: list[str], rows: list[list[str]], row_classes: list[str] | None = None) -> str:
    """A table from already-escaped cells."""
    head = "".join(f"<th>{h}</th>" for h in header)
    body = []
    for index, row in enumerate(rows):
        css = f' class="{row_classes[index]}"' if row_classes and row_classes[index] else ""
        body.append(f"<tr{css}>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _figure_html(figure: go.Figure, div_id: str) -> str:
    return figure.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, config=PLOT_CONFIG)


# ---------------------------------------------------------------- summary numbers


def run_summary(frames: dict[str, pd.DataFrame], record) -> dict:
    """The figures both the page and the markdown artifact show."""
    documents = _frame(frames, "documents")
    claims = _frame(frames, "claims")
    status = documents["status"].value_counts().to_dict() if "status" in documents else {}
    by_relation = claims["relation"].value_counts().to_dict() if "relation" in claims else {}
    counts = {name: int(status.get(name, 0)) for name in ("ok", "failed", "skipped")}
    counts.update(documents=len(documents), tables=len(_frame(frames, "table_index")), claims=len(claims))
    counts["entities"] = len(_frame(frames, "entities"))
    summary = _summary(record, counts)
    summary["by_relation"] = {r: int(by_relation.get(r, 0)) for r in RELATION_COLOURS}
    return summary


def record_summary(record) -> dict:
    """The figures of `run_summary` but the claims per relation, from a run record's counts (no frames needed)."""
    return _summary(record, _record(record).get("counts", {}))


def _summary(record, counts: dict[str, int]) -> dict:
    record = _record(record)
    reused = len(record.get("documents_reused", []))
    figures = {name: int(counts.get(name, 0)) for name in ("documents", "ok", "failed", "skipped")}
    figures.update({name: int(counts.get(name, 0)) for name in ("tables", "claims", "entities")})
    return {
        "run_id": record.get("run_id", ""),
        "started_at": record.get("started_at", ""),
        "finished_at": record.get("finished_at", ""),
        "corpus": record.get("corpus", ""),
        "schema_version": record.get("schema_version", ""),
        **figures,
        "processed": figures["documents"] - reused,
        "reused": reused,
        "removed": len(record.get("documents_removed", [])),
        "claims_added": int(record.get("claims_added", 0) or 0),
        "claims_removed": int(record.get("claims_removed", 0) or 0),
    }


def claims_per_paper(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """doc_id × relation claim counts, every document a row (zeros included)."""
    documents = _frame(frames, "documents")
    claims = _frame(frames, "claims")
    ids = [str(d) for d in documents["doc_id"]] if "doc_id" in documents else []
    import pandas as pd

    counts = pd.DataFrame(0, index=ids, columns=list(RELATION_COLOURS))
    if len(claims):
        table = claims.groupby(["doc_id", "relation"]).size().unstack(fill_value=0)
        table.index = table.index.astype(str)
        counts = counts.add(table.reindex(columns=list(RELATION_COLOURS), fill_value=0), fill_value=0)
    return counts.fillna(0).astype(int)


def method_aspect_counts(claims: pd.DataFrame, limit: int = MAX_HEATMAP_ROWS) -> pd.DataFrame:
    """(method, aspect) → advantage and disadvantage counts and papers, for the methods with most claims."""
    import pandas as pd

    from pipeline.outputs.compare import prepare_claims

    if not len(claims):
        return pd.DataFrame(columns=["method", "aspect", "advantage", "disadvantage", "papers"])
    prepared = prepare_claims(claims)
    prepared = prepared[prepared["relation"].isin(["advantage", "disadvantage"])]
    prepared = prepared.assign(aspect=prepared["aspect_key"].replace("", UNSPECIFIED), method=prepared["subject_key"])
    top = prepared["method"].value_counts().sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    prepared = prepared[prepared["method"].isin(top.index[:limit])]
    grouped = prepared.groupby(["method", "aspect"])
    counts = grouped["relation"].value_counts().unstack(fill_value=0)
    counts = counts.reindex(columns=["advantage", "disadvantage"], fill_value=0)
    counts["papers"] = grouped["doc_id"].nunique()
    return counts.reset_index()


# ---------------------------------------------------------------- figures


def claims_figure(frames: dict[str, pd.DataFrame]) -> go.Figure | None:
    counts = claims_per_paper(frames)
    if not counts.to_numpy().sum():
        return None
    labels = paper_labels(_frame(frames, "documents"))
    names = [html.escape(labels.get(d, d)) for d in counts.index]
    import plotly.graph_objects as go

    figure = go.Figure()
    for relation, colour in RELATION_COLOURS.items():
        figure.add_bar(y=names, x=counts[relation].tolist(), name=relation, orientation="h", marker_color=colour)
    figure.update_layout(
        barmode="stack",
        title="Claims per paper and relation",
        xaxis_title="claims",
        height=160 + 40 * len(names),
        margin={"l": 20, "r": 20, "t": 50, "b": 40},
        legend={"orientation": "h", "y": -0.2, "traceorder": "normal"},
    )
    figure.update_yaxes(automargin=True, autorange="reversed")
    return figure


def heatmap_figure(claims: pd.DataFrame, conflicts: pd.DataFrame) -> go.Figure | None:
    """Method × aspect, coloured from all-disadvantage (red) through mixed (white) to all-advantage (green)."""
    counts = method_aspect_counts(claims)
    if not len(counts):
        return None
    methods = sorted(counts["method"].unique())
    aspects = sorted(counts["aspect"].unique(), key=lambda a: (a == UNSPECIFIED, a))
    disputed = {(r.subject_norm, r.aspect) for r in conflicts.itertuples()} if len(conflicts) else set()
    z, text, hover = [], [], []
    cells = {(r.method, r.aspect): r for r in counts.itertuples()}
    for method in methods:
        z_row, text_row, hover_row = [], [], []
        for aspect in aspects:
            cell = cells.get((method, aspect))
            if cell is None:
                z_row.append(None)
                text_row.append("")
                hover_row.append("")
                continue
            advantage, disadvantage = int(cell.advantage), int(cell.disadvantage)
            conflict = (method, "" if aspect == UNSPECIFIED else aspect) in disputed
            z_row.append((advantage - disadvantage) / (advantage + disadvantage))
            text_row.append(f"+{advantage} −{disadvantage}" + (" ⚠" if conflict else ""))
            hover_row.append(
                f"<b>{html.escape(method)}</b> · {html.escape(aspect)}<br>advantages: {advantage}<br>"
                f"disadvantages: {disadvantage}<br>papers: {int(cell.papers)}"
                + ("<br>papers disagree" if conflict else "")
            )
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    import plotly.graph_objects as go

    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=[html.escape(a) for a in aspects],
            y=[html.escape(m) for m in methods],
            text=text,
            texttemplate="%{text}",
            hovertext=hover,
            hoverinfo="text",
            zmin=-1,
            zmax=1,
            xgap=2,
            ygap=2,
            colorscale=[[0, RELATION_COLOURS["disadvantage"]], [0.5, "#f7f7f7"], [1, RELATION_COLOURS["advantage"]]],
            colorbar={
                "title": {"text": "balance"},
                "tickvals": [-1, 0, 1],
                "ticktext": ["disadvantage", "mixed", "advantage"],
            },
        )
    )
    figure.update_layout(
        title="Methods × aspects: advantages vs disadvantages (⚠ papers disagree)",
        height=220 + 32 * len(methods),
        margin={"l": 20, "r": 20, "t": 60, "b": 80},
        plot_bgcolor="white",
    )
    figure.update_yaxes(automargin=True, autorange="reversed")
    figure.update_xaxes(automargin=True, side="bottom")
    return figure


# ---------------------------------------------------------------- page sections


def _cards(summary: dict) -> str:
    cards = [
        ("documents", summary["documents"], ""),
        ("processed this run", summary["processed"], ""),
        ("reused (unchanged)", summary["reused"], ""),
        ("ok", summary["ok"], ""),
        ("failed", summary["failed"], "bad" if summary["failed"] else ""),
        ("skipped", summary["skipped"], "bad" if summary["skipped"] else ""),
        ("tables", summary["tables"], ""),
        ("claims", summary["claims"], ""),
        ("entities", summary["entities"], ""),
        ("documents removed", summary["removed"], ""),
        ("claims added", summary["claims_added"], ""),
        ("claims removed", summary["claims_removed"], ""),
    ]
    return (
        '<div class="cards">'
        + "".join(f'<div class="card {css}"><b>{value}</b>{label}</div>' for label, value, css in cards)
        + "</div>"
    )


def documents_section(frames: dict[str, pd.DataFrame]) -> str:
    documents = _frame(frames, "documents")
    if not len(documents):
        return "<h2>Documents</h2><p>No documents.</p>"
    rows, classes = [], []
    for row in documents.sort_values(["status", "path"]).itertuples():
        rows.append(
            [
                _e(getattr(row, "title", "")),
                _e(Path(_s(getattr(row, "path", ""))).name),
                _e(row.status),
                _e(getattr(row, "action", "")),
                _e(getattr(row, "n_pages", "")),
                _e(getattr(row, "n_tables", "")),
                _e(getattr(row, "n_claims", "")),
                _e(getattr(row, "error", "")),
            ]
        )
        classes.append("" if row.status == "ok" else "failed")
    header = ["title", "file", "status", "this run", "pages", "tables", "claims", "why it failed"]
    failed = documents[documents["status"] != "ok"]
    note = f'<p class="bad">{len(failed)} document(s) not processed; reasons below.</p>' if len(failed) else ""
    return "<h2>Documents</h2>" + note + _html_table(header, rows, classes)


def tables_section(frames: dict[str, pd.DataFrame]) -> str:
    index = _frame(frames, "table_index")
    if not len(index):
        return "<h2>Tables found</h2><p>No tables found.</p>"
    labels = paper_labels(_frame(frames, "documents"))
    rows = [
        [
            _e(labels.get(str(r.doc_id), r.doc_id)),
            _e(r.table_id),
            _e(r.number),
            _e(r.caption),
            _e(r.pages),
            f"{_e(r.n_rows)} × {_e(r.n_cols)}",
        ]
        for r in index.sort_values(["doc_id", "table_id"]).itertuples()
    ]
    return f"<h2>Tables found ({len(index)})</h2>" + _html_table(
        ["paper", "table", "number", "caption", "pages", "rows × columns"], rows
    )


def claims_section(frames: dict[str, pd.DataFrame], summary: dict) -> str:
    counts = claims_per_paper(frames)
    labels = paper_labels(_frame(frames, "documents"))
    relations = list(RELATION_COLOURS)
    rows = [
        [_e(labels.get(d, d))] + [str(counts.at[d, r]) for r in relations] + [str(counts.loc[d].sum())]
        for d in counts.index
    ]
    rows.append(
        ["<b>all papers</b>"]
        + [f"<b>{summary['by_relation'][r]}</b>" for r in relations]
        + [f"<b>{summary['claims']}</b>"]
    )
    figure = claims_figure(frames)
    plot = _figure_html(figure, "claims-per-paper") if figure else "<p>No claims extracted.</p>"
    return "<h2>Claims per relation and paper</h2>" + _html_table(["paper", *relations, "total"], rows) + plot


def heatmap_section(claims: pd.DataFrame, conflicts: pd.DataFrame) -> str:
    figure = heatmap_figure(claims, conflicts)
    body = _figure_html(figure, "method-aspect-heatmap") if figure else "<p>No advantage or disadvantage claims.</p>"
    return "<h2>Methods × aspects</h2>" + body


def conflicts_section(conflicts: pd.DataFrame, labels: dict[str, str]) -> str:
    if not len(conflicts):
        return "<h2>Conflicts between papers (0)</h2><p>No paper contradicts another.</p>"

    def side(doc_ids: str, objects: str, evidence: object) -> str:
        papers = "; ".join(labels.get(d, d) for d in json.loads(doc_ids))
        return f"{_e(papers)}<br><i>{_e(', '.join(json.loads(objects)))}</i><div class='evidence'>{_e(evidence)}</div>"

    rows = [
        [
            _e(r.subject_norm),
            _e(r.aspect),
            f"<b>{_e(r.side_a)}</b>: " + side(r.doc_ids_a, r.objects_a, r.evidence_a),
            f"<b>{_e(r.side_b)}</b>: " + side(r.doc_ids_b, r.objects_b, r.evidence_b),
        ]
        for r in conflicts.itertuples()
    ]
    return f"<h2>Conflicts between papers ({len(conflicts)})</h2>" + _html_table(
        ["method / treatment", "aspect or outcome", "one side", "other side"], rows
    )


def conflicts_of(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The conflicts between papers that the page and the markdown list."""
    import pandas as pd

    from pipeline.outputs.compare import find_conflicts

    claims = _frame(frames, "claims")
    return find_conflicts(claims) if len(claims) else pd.DataFrame()


def render_report(frames: dict[str, pd.DataFrame], record, conflicts: pd.DataFrame | None = None) -> str:
    """The whole page as a string (`conflicts`: find_conflicts of the claims, when the caller has them already)."""
    from plotly.offline import get_plotlyjs

    summary = run_summary(frames, record)
    claims = _frame(frames, "claims")
    conflicts = conflicts_of(frames) if conflicts is None else conflicts
    labels = paper_labels(_frame(frames, "documents"))
    meta = (
        f"run {_e(summary['run_id'])} · started {_e(summary['started_at'])} · finished {_e(summary['finished_at'])}"
        f" · corpus {_e(summary['corpus'])} · schema {_e(summary['schema_version'])}"
    )
    sections = [
        _cards(summary),
        documents_section(frames),
        tables_section(frames),
        claims_section(frames, summary),
        heatmap_section(claims, conflicts),
        conflicts_section(conflicts, labels),
    ]
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>ReviewMiner run {_e(summary['run_id'])}</title><style>{STYLE}</style>"
        f"<script>{get_plotlyjs()}</script></head><body>"
        f"<h1>ReviewMiner run report</h1><p class='meta'>{meta}</p>" + "\n".join(sections) + "</body></html>\n"
    )


def write_report(out_dir: Path, frames: dict[str, pd.DataFrame], record, conflicts: pd.DataFrame | None = None) -> Path:
    """Write OUT/report.html (atomically) and return its path."""
    path = Path(out_dir) / REPORT_FILE
    page = render_report(frames, record, conflicts)

    def write(temporary: str) -> None:
        Path(temporary).write_text(page, encoding="utf-8")

    atomic_write(path, write)
    return path


# ---------------------------------------------------------------- markdown artifact


def _md(value: object) -> str:
    """Text safe inside a markdown table cell: one line, pipes escaped, HTML escaped."""
    return html.escape(" ".join(_s(value).split())).replace("|", "\\|")


def run_report_markdown(frames: dict[str, pd.DataFrame], record, conflicts: pd.DataFrame | None = None) -> str:
    """The page's summary as markdown, for a Prefect artifact."""
    summary = run_summary(frames, record)
    return markdown_head(summary) + "\n" + markdown_details(frames, summary, conflicts) + "\n"


def markdown_head(summary: dict) -> str:
    """The title and the one-row table of this run's figures."""
    columns = ["documents", "processed", "reused", "ok", "failed", "skipped", "removed", "tables", "claims"]
    columns += ["claims_added", "claims_removed", "entities"]
    lines = [
        f"# ReviewMiner run {_md(summary['run_id'])}",
        "",
        "| " + " | ".join(c.replace("_", " ") for c in columns) + " |",
        "|---" * len(columns) + "|",
        "| " + " | ".join(str(summary[c]) for c in columns) + " |",
    ]
    return "\n".join(lines)


def markdown_details(frames: dict[str, pd.DataFrame], summary: dict, conflicts: pd.DataFrame | None = None) -> str:
    """What the datasets hold (documents not processed, claims per paper, conflicts): the same for every run that
    finds the datasets unchanged, so such a run reuses the text of the run that wrote them."""
    labels = paper_labels(_frame(frames, "documents"))
    lines: list[str] = []
    documents = _frame(frames, "documents")
    failed = documents[documents["status"] != "ok"] if "status" in documents else documents.iloc[0:0]
    if len(failed):
        lines += ["", "## Not processed", "", "| document | status | why |", "|---|---|---|"]
        lines += [f"| {_md(Path(_s(r.path)).name)} | {_md(r.status)} | {_md(r.error)} |" for r in failed.itertuples()]
    counts = claims_per_paper(frames)
    relations = list(RELATION_COLOURS)
    lines += [
        "",
        "## Claims",
        "",
        "| paper | " + " | ".join(relations) + " | total |",
        "|---" * (len(relations) + 2) + "|",
    ]
    lines += [
        f"| {_md(labels.get(d, d))} | "
        + " | ".join(str(counts.at[d, r]) for r in relations)
        + f" | {counts.loc[d].sum()} |"
        for d in counts.index
    ]
    lines.append(
        "| **all papers** | "
        + " | ".join(str(summary["by_relation"][r]) for r in relations)
        + f" | {summary['claims']} |"
    )
    conflicts = conflicts_of(frames) if conflicts is None else conflicts
    lines += ["", f"## Conflicts between papers ({len(conflicts)})", ""]
    if len(conflicts):
        lines += ["| method / treatment | aspect | one side | other side |", "|---|---|---|---|"]
        for r in conflicts.itertuples():
            a = "; ".join(labels.get(d, d) for d in json.loads(r.doc_ids_a))
            b = "; ".join(labels.get(d, d) for d in json.loads(r.doc_ids_b))
            lines.append(
                f"| {_md(r.subject_norm)} | {_md(r.aspect)} | {_md(r.side_a)}: {_md(a)} | {_md(r.side_b)}: {_md(b)} |"
            )
    else:
        lines.append("No paper contradicts another.")
    return "\n".join(lines)
