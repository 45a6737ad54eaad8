"""Report: a self-contained HTML page (OUT/report.html) and a Prefect markdown summary of one run.

The page is what a curator reads first: per method or treatment, its advantages, disadvantages and effects across
papers with evidence and page, conflicts between papers marked, filters, links to the datasets and to the review
app. It opens from disk with no network and no chart library: charts are plain HTML tables coloured with CSS, and
a few lines of inline script do the filtering. Everything that comes from a PDF (titles, method names, evidence,
error messages) is HTML-escaped.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.outputs.datasets import CSV_TABLES, atomic_write

# pandas and the comparison are imported where they are used: a rerun that finds nothing to change writes only the
# markdown summary (from the run record) and must start fast.
if TYPE_CHECKING:
    import pandas as pd

REPORT_FILE = "report.html"
RELATION_COLOURS = {"advantage": "#1e8449", "disadvantage": "#c0392b", "effect": "#2e86c1"}
UNSPECIFIED = "(unspecified)"
MAX_HEATMAP_ROWS = 40
MAX_LABEL = 60
MAX_EVIDENCE = 400
NEUTRAL_RGB = (0xF7, 0xF7, 0xF7)
REVIEW_APP_URL = "http://127.0.0.1:8765"  # where `reviewminer review OUT` serves by default

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
a { color: #1a5276; } code { background: #f4f6f7; padding: 0 0.3em; }
.filters { position: sticky; top: 0; background: #fff; padding: 0.6em 0; border-bottom: 1px solid #d5d8dc;
  display: flex; flex-wrap: wrap; gap: 1em; align-items: center; z-index: 1; }
.filters input[type=search] { min-width: 18em; padding: 0.3em; }
details.method { border: 1px solid #d5d8dc; border-radius: 6px; margin: 0.6em 0; padding: 0.3em 0.8em; }
details.method summary { cursor: pointer; font-weight: 600; } details.method summary span { font-weight: normal; }
.rel { font-weight: 600; } .rel-advantage { color: #1e8449; } .rel-disadvantage { color: #c0392b; }
.rel-effect { color: #2e86c1; } tr.conflict td { background: #fef5e7; } .warn { color: #b9770e; }
table.heatmap td { text-align: center; min-width: 4.5em; } table.heatmap th[scope=row] { white-space: nowrap; }
.bar { display: flex; height: 0.9em; min-width: 1px; } .bar span { display: block; height: 100%; }
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


# ---------------------------------------------------------------- charts as coloured HTML tables


def balance_colour(balance: float) -> str:
    """-1 (all disadvantages, red) through 0 (mixed, near white) to 1 (all advantages, green), as CSS rgb()."""
    end = RELATION_COLOURS["advantage" if balance >= 0 else "disadvantage"].lstrip("#")
    target = tuple(int(end[i : i + 2], 16) for i in (0, 2, 4))
    share = min(1.0, abs(balance))
    mixed = (round(n + (t - n) * share) for n, t in zip(NEUTRAL_RGB, target, strict=True))
    return "rgb({}, {}, {})".format(*mixed)


def claims_chart(counts: pd.DataFrame, labels: dict[str, str]) -> str:
    """Claims per paper as stacked bars (one row per paper), widths relative to the paper with most claims."""
    totals = counts.sum(axis=1)
    most = int(totals.max()) if len(totals) else 0
    if not most:
        return "<p>No claims extracted.</p>"
    rows = []
    for doc_id in counts.index:
        segments = "".join(
            f'<span style="width:{100 * counts.at[doc_id, r] / most:.2f}%;background:{colour}" '
            f'title="{r}: {counts.at[doc_id, r]}"></span>'
            for r, colour in RELATION_COLOURS.items()
            if counts.at[doc_id, r]
        )
        rows.append([_e(labels.get(doc_id, doc_id)), f'<div class="bar">{segments}</div>'])
    return (
        '<div id="claims-per-paper">'
        + _html_table(["paper", "claims (advantage · disadvantage · effect)"], rows)
        + "</div>"
    )


def heatmap_table(claims: pd.DataFrame, conflicts: pd.DataFrame) -> str:
    """Method × aspect, coloured from all-disadvantage (red) through mixed to all-advantage (green); ⚠ marks a cell
    on which papers disagree."""
    counts = method_aspect_counts(claims)
    if not len(counts):
        return "<p>No advantage or disadvantage claims.</p>"
    methods = sorted(counts["method"].unique())
    aspects = sorted(counts["aspect"].unique(), key=lambda a: (a == UNSPECIFIED, a))
    disputed = {(r.subject_norm, r.aspect) for r in conflicts.itertuples()} if len(conflicts) else set()
    cells = {(r.method, r.aspect): r for r in counts.itertuples()}
    marked = 0
    rows = []
    for method in methods:
        row = [f'<th scope="row">{_e(method)}</th>']
        for aspect in aspects:
            cell = cells.get((method, aspect))
            if cell is None:
                row.append("<td></td>")
                continue
            advantage, disadvantage = int(cell.advantage), int(cell.disadvantage)
            conflict = (method, "" if aspect == UNSPECIFIED else aspect) in disputed
            marked += conflict
            title = (
                f"{method} · {aspect}: {advantage} advantages, {disadvantage} disadvantages, {int(cell.papers)} papers"
                + (" — papers disagree" if conflict else "")
            )
            balance = (advantage - disadvantage) / (advantage + disadvantage)
            ink = ";color:#fff" if abs(balance) > 0.6 else ""
            style = f"background:{balance_colour(balance)}{ink}"
            row.append(
                f'<td style="{style}" title="{_e(title)}">+{advantage} −{disadvantage}'
                + (' <span class="warn">⚠</span>' if conflict else "")
                + "</td>"
            )
        rows.append("<tr>" + "".join(row) + "</tr>")
    head = "<tr><th>method</th>" + "".join(f'<th scope="col">{_e(a)}</th>' for a in aspects) + "</tr>"
    legend = "cells: +advantages −disadvantages, green when advantages dominate, red when disadvantages do"
    legend += "; ⚠ papers disagree" if marked else ""
    return (
        f'<p class="meta">{legend}.</p><table class="heatmap" id="method-aspect-heatmap"><thead>{head}</thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


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
    return (
        "<h2>Claims per relation and paper</h2>"
        + _html_table(["paper", *relations, "total"], rows)
        + claims_chart(counts, labels)
    )


def heatmap_section(claims: pd.DataFrame, conflicts: pd.DataFrame) -> str:
    return "<h2>Methods × aspects</h2>" + heatmap_table(claims, conflicts)


def findings_section(frames: dict[str, pd.DataFrame], conflicts: pd.DataFrame) -> str:
    """Per method or treatment, every claim across papers: relation, aspect, what is claimed, paper, page, evidence,
    review status and a link into the review app; rows on which papers disagree are marked. Filters on top."""
    claims = _frame(frames, "claims")
    if not len(claims):
        return "<h2>Findings by method and treatment</h2><p>No claims extracted.</p>"
    import pandas as pd

    from pipeline.outputs.compare import prepare_claims

    labels = paper_labels(_frame(frames, "documents"))
    prepared = prepare_claims(claims)
    disputed = {(r.subject_norm, r.aspect) for r in conflicts.itertuples()} if len(conflicts) else set()
    # One sort and one pass over the rows, grouped in plain Python: per-subject pandas calls (a sort, counts) cost
    # more than the rows themselves once a corpus has hundreds of subjects. A stable sort of the whole table keeps
    # each subject's rows in the order a stable sort of its own rows gives (pandas sorts by several keys stably).
    ordered = prepared.sort_values(["relation", "aspect_key", "doc_id"], kind="stable")
    rows_by_subject: dict[str, list] = {}
    for row in ordered.itertuples():
        if not pd.isna(row.subject_key):  # as groupby, which leaves out missing keys
            rows_by_subject.setdefault(row.subject_key, []).append(row)
    groups = []
    for subject, group in rows_by_subject.items():
        papers = len({row.doc_id for row in group if not pd.isna(row.doc_id)})
        groups.append((-papers, -len(group), subject, group))
    blocks = []
    for minus_papers, _, subject, group in sorted(groups, key=lambda g: g[:3]):
        rows = []
        group_conflicts = 0
        for row in group:
            conflict = (subject, row.aspect_key) in disputed
            group_conflicts += conflict
            relation = _s(row.relation)
            direction = _s(getattr(row, "direction", ""))
            claim = _e(row.object) + (f" <span class='meta'>({_e(direction)})</span>" if direction else "")
            if _s(getattr(row, "hedged", "")) in ("True", "true"):
                claim += " <span class='meta'>(hedged)</span>"
            evidence = _short(_s(row.evidence), MAX_EVIDENCE)
            link = f'<a href="{REVIEW_APP_URL}/?claim={_e(row.claim_id)}">review</a>'
            search = " ".join([subject, relation, _s(row.aspect_key), _s(row.object), _s(row.subject), evidence])
            rows.append(
                f'<tr class="claim{" conflict" if conflict else ""}" data-relation="{_e(relation)}" '
                f'data-doc="{_e(row.doc_id)}" data-conflict="{int(conflict)}" data-text="{_e(search.lower())}">'
                f'<td class="rel rel-{_e(relation)}">{_e(relation)}</td><td>{_e(row.aspect_key)}</td><td>{claim}</td>'
                f"<td>{_e(labels.get(_s(row.doc_id), row.doc_id))}</td><td class='num'>{_e(row.page)}</td>"
                f"<td class='evidence'>{_e(evidence)}</td><td>{_e(row.review_status)} · {link}</td></tr>"
            )
        counts = Counter(row.relation for row in group if not pd.isna(row.relation))
        tally = ", ".join(f"{int(counts.get(r, 0))} {r}" for r in RELATION_COLOURS if counts.get(r, 0))
        warn = f' <span class="warn">⚠ papers disagree on {group_conflicts} claims</span>' if group_conflicts else ""
        aliases = sorted({_s(row.subject) for row in group} - {subject})
        also = f" · also written {_e('; '.join(aliases[:5]))}" if aliases else ""
        head = "<tr><th>relation</th><th>aspect</th><th>claim</th><th>paper</th><th>page</th><th>evidence</th>"
        head += "<th>review</th></tr>"
        blocks.append(
            f'<details class="method" open><summary>{_e(subject)} <span>— {-minus_papers} paper(s): '
            f"{tally}{also}</span>{warn}</summary><table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
            "</details>"
        )
    papers = sorted({_s(d) for d in prepared["doc_id"]})
    options = "".join(f'<option value="{_e(d)}">{_e(labels.get(d, d))}</option>' for d in papers)
    relations = "".join(
        f'<label><input type="checkbox" name="relation" value="{r}" checked> {r}</label>' for r in RELATION_COLOURS
    )
    filters = (
        '<div class="filters" id="filters"><input type="search" id="filter-text" placeholder="filter: method, aspect, '
        f'words of the claim or evidence">{relations}<select id="filter-paper"><option value="">all papers</option>'
        f'{options}</select><label><input type="checkbox" id="filter-conflict"> only where papers disagree</label>'
        '<span class="meta" id="filter-count"></span></div>'
    )
    return (
        f"<h2>Findings by method and treatment ({len(prepared)} claims)</h2>"
        f"<p class='meta'>Review and correct them in the app: <code>reviewminer review OUT</code>, then the review "
        f"links below open each claim at {REVIEW_APP_URL}.</p>" + filters + "".join(blocks) + FILTER_SCRIPT
    )


FILTER_SCRIPT = r"""<script>
(function () {
  var text = document.getElementById("filter-text"), paper = document.getElementById("filter-paper");
  var conflict = document.getElementById("filter-conflict"), count = document.getElementById("filter-count");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#filters input[name=relation]"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.claim"));
  function apply() {
    var words = text.value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0;
    var relations = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    rows.forEach(function (row) {
      var d = row.dataset, visible = relations.indexOf(d.relation) >= 0 && (!paper.value || d.doc === paper.value)
        && (!conflict.checked || d.conflict === "1") && words.every(function (w) { return d.text.indexOf(w) >= 0; });
      row.hidden = !visible; shown += visible;
    });
    document.querySelectorAll("details.method").forEach(function (block) {
      block.hidden = !block.querySelector("tr.claim:not([hidden])");
    });
    count.textContent = shown + " of " + rows.length + " claims";
  }
  [text, paper, conflict].concat(boxes).forEach(function (el) { el.addEventListener("input", apply); });
  apply();
})();
</script>"""


def links_section(out_dir: Path | None) -> str:
    """Links to the files every publish writes beside the page (relative, so the folder can move), and how to open
    the review app."""
    names = [f"{name}.csv" for name in CSV_TABLES] + ["datapackage.json", "claims.bioc.json"]
    links = " · ".join(f'<a href="{_e(n)}">{_e(n)}</a>' for n in names)
    return (
        f"<p class='meta'>Datasets: {links} · <a href=\"tables/\">tables/</a> (one CSV per table). Parquet files "
        "with the same names hold every column. Curate the claims with "
        f"<code>reviewminer review {_e(out_dir or 'OUT')}</code>.</p>"
    )


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


def _when(timestamp: object) -> str:
    """An ISO timestamp to the second, in UTC: '2026-11-30 04:41:08 UTC'."""
    text = _s(timestamp)
    return text[:19].replace("T", " ") + " UTC" if len(text) >= 19 else text


def render_report(
    frames: dict[str, pd.DataFrame], record, conflicts: pd.DataFrame | None = None, out_dir: Path | None = None
) -> str:
    """The whole page as a string (`conflicts`: find_conflicts of the claims, when the caller has them already)."""
    summary = run_summary(frames, record)
    claims = _frame(frames, "claims")
    conflicts = conflicts_of(frames) if conflicts is None else conflicts
    labels = paper_labels(_frame(frames, "documents"))
    meta = f"run {_e(summary['run_id'])} · {_e(_when(summary['started_at']))} to {_e(_when(summary['finished_at']))}"
    if summary["corpus"]:
        meta += f" · PDFs from {_e(summary['corpus'])}"
    meta += f" · schema {_e(summary['schema_version'])}"
    sections = [
        _cards(summary),
        links_section(out_dir),
        documents_section(frames),
        findings_section(frames, conflicts),
        heatmap_section(claims, conflicts),
        conflicts_section(conflicts, labels),
        claims_section(frames, summary),
        tables_section(frames),
    ]
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>ReviewMiner run {_e(summary['run_id'])}</title><style>{STYLE}</style></head><body>"
        f"<h1>ReviewMiner report</h1><p class='meta'>{meta}</p>" + "\n".join(sections) + "</body></html>\n"
    )


def write_report(out_dir: Path, frames: dict[str, pd.DataFrame], record, conflicts: pd.DataFrame | None = None) -> Path:
    """Write OUT/report.html (atomically) and return its path."""
    path = Path(out_dir) / REPORT_FILE
    page = render_report(frames, record, conflicts, out_dir=Path(out_dir))

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
