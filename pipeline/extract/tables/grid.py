"""From row and column boundaries to cells: text placed in slots, merged cells, header rows.

Two neighbouring slots of a ruled table are one merged cell when a rule separates that boundary elsewhere in the
table but is missing between them; this also catches a merged cell whose bottom rule is missing because the
table breaks at the page end.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache

from pipeline.config import models_dir
from pipeline.extract.tables.captions import (
    CAPTION_PATTERN,
    CONTINUED_PATTERN,
    FOOTNOTE_TITLE,
    attach_caption,
    continued_below,
    table_notes,
)
from pipeline.extract.tables.layout import (
    MIN_COLUMN_GAP,
    SNAP,
    FramedPage,
    cell_text,
    cut_inside,
    inside,
    phrases,
    text_lines_in_cell,
)
from pipeline.records import BBox, RawTable

# Bold by font name; TeX's Computer Modern names its bold faces CMBX/CMB ("CMBX10", "CMB10"), URW's Times clone "Medi".
BOLD_PATTERN = re.compile(r"bold|black|heavy|semibold|demi|,b\b|-b\b|\bcmbx|\+cmbx|\+cmb\d|-medi\b", re.IGNORECASE)


def build_raw_table(
    page_number: int, view: FramedPage, xs: list[float], ys: list[float], ruled: bool, strategy: str
) -> RawTable:
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    region = (xs[0], ys[0], xs[-1], ys[-1])
    words = with_fractions([w for w in view.words if inside(w, region)], view.h_rules)
    slot_words: dict[tuple[int, int], list[dict]] = {}
    script_rows = rows_of_scripts(words, ys)
    for word in words:
        cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        row = script_rows.get(id(word))
        if row is None:
            row = band(ys, word["baseline"] if ruled_through(word, ys, view.h_rules) else cy)
        slot_words.setdefault((row, band(xs, cx)), []).append(word)
    origin = merged_slots(view, xs, ys, words, ruled)
    groups: dict[tuple[int, int], list[dict]] = {}
    for slot, slot_list in slot_words.items():
        groups.setdefault(origin[slot], []).extend(slot_list)
    # Where each column's text ends (its longest line), to tell a line broken on purpose from a wrapped one.
    column_right = {
        c: max((w["x1"] for (_, col), ws in slot_words.items() if col == c for w in ws), default=xs[c + 1])
        for c in range(n_cols)
    }
    last_column = {o: c for (_, c), o in sorted(origin.items())}
    rows: list[list[str | None]] = []
    boxes: list[list[BBox | None]] = []
    spans: list[list[tuple[int, int] | None]] = []
    for r in range(n_rows):
        rows.append([])
        boxes.append([])
        spans.append([])
        for c in range(n_cols):
            covered = origin[(r, c)] != (r, c)
            right = column_right[last_column.get((r, c), c)]
            rows[r].append(None if covered else cell_text(groups.get((r, c), []), view.vocabulary, right))
            boxes[r].append(view.frame.unbox((xs[c], ys[r], xs[c + 1], ys[r + 1])))
            spans[r].append(origin[(r, c)] if covered else None)
    if ruled:
        finer = split_grouped_rows(ys, origin, groups)
        if finer != ys:
            return build_raw_table(page_number, view, xs, finer, ruled, strategy)
    # Journals that box the whole table put the caption in a first row, and notes in a last row, spanning it all.
    if n_rows > 2 and full_width(origin, 0, n_cols) and CAPTION_PATTERN.match(rows[0][0] or ""):
        raw = build_raw_table(page_number, view, xs, ys[1:], ruled, strategy)
        raw.caption, raw.number = rows[0][0], CAPTION_PATTERN.match(rows[0][0]).group(1)
        raw.continued = raw.continued or bool(CONTINUED_PATTERN.search(rows[0][0]))
        return raw
    if n_rows > 3 and n_cols > 2 and full_width(origin, 0, n_cols) and rows[0][0]:
        # A title row over the whole table stands for the caption of a table that has none.
        raw = build_raw_table(page_number, view, xs, ys[1:], ruled, strategy)
        if not raw.caption:
            raw.caption = rows[0][0]
            return raw
    if n_rows > 2 and not any(rows[-1]):
        return build_raw_table(page_number, view, xs, ys[:-1], ruled, strategy)  # an empty band under the body
    # "Continued on next page" (or "Continued from previous page") set in a row of its own inside the frame of a
    # ruled table cut by a page break: a mark that the table goes on, not a row of it.
    for edge in (n_rows - 1, 0):
        if n_rows >= 2 and continued_mark_row(rows[edge]):
            raw = build_raw_table(page_number, view, xs, ys[:-1] if edge else ys[1:], ruled, strategy)
            raw.continued = True
            return raw
    if n_rows > 2 and (full_width(origin, n_rows - 1, n_cols) or titled_note_row(rows[-1], origin, n_rows - 1)):
        raw = build_raw_table(page_number, view, xs, ys[:-1], ruled, strategy)
        raw.notes = f"{' '.join(text for text in rows[-1] if text)} {raw.notes}".strip()
        return raw
    raw = RawTable(
        page=page_number,
        bbox=view.frame.unbox(region),
        rows=rows,
        cell_bboxes=boxes,
        strategy=strategy,
        span_origin=spans,
        rotation=view.frame.rotation,
        ruled=ruled,
    )
    raw.n_header_rows = header_rows(raw, groups)
    attach_caption(raw, view, region)
    raw.notes = table_notes(view, region)
    raw.continued = raw.continued or continued_below(view, region)
    return raw


def with_fractions(words: list[dict], rules: list[BBox]) -> list[dict]:
    """Fractions set in a cell (TeX's \\frac in a maths cell: a numerator and a denominator in script size, stacked
    tight over and under a bar as wide as the wider of them) as one word "numerator/denominator", level with the
    line they are set in, so the two parts are not read as lines of their own nor mixed into the text around them.
    A part holding an operator outside brackets is bracketed ("(2i−1)/2n"). Rules under full-size text (a
    cmidrule under a column group, an underline) are no fraction bars."""
    sizes = Counter(round(w.get("size") or 0.0, 1) for w in words)
    size = sizes.most_common(1)[0][0] if sizes else 0.0
    if not size:
        return words
    scripts = [w for w in words if 0 < (w.get("size") or size) < SCRIPT_SIZE * size]
    if not scripts:
        return words
    used: set[int] = set()
    fractions: list[dict] = []
    for bar in rules:
        x0, y, x1 = bar[0], (bar[1] + bar[3]) / 2, bar[2]
        if x1 - x0 > 8 * size or bar[3] - bar[1] > 1.0:
            continue
        spanned = [w for w in scripts if id(w) not in used and x0 - 1.0 <= w["x0"] and w["x1"] <= x1 + 1.0]
        over = [w for w in spanned if -0.5 <= y - w["bottom"] <= 0.6 * size]
        under = [w for w in spanned if -0.5 <= w["top"] - y <= 0.6 * size]
        if not over or not under or any(w["text"].endswith("√") and abs(w["x1"] - x0) < 1.5 for w in words):
            continue  # (a radical's bar over its radicand, a row's subscripts just above it, is no fraction bar)
        if any(
            abs((min(w["x0"] for w in part) + max(w["x1"] for w in part) - x0 - x1) / 2) > 0.25 * size
            for part in (over, under)
        ):
            continue  # TeX centres both parts on the bar
        widest = max(max(w["x1"] for w in part) - min(w["x0"] for w in part) for part in (over, under))
        if x1 - x0 > widest + 0.6 * size:
            continue
        used.update(id(w) for w in over + under)
        fractions.append(
            {
                **over[0],
                "text": f"{fraction_part(over, size)}/{fraction_part(under, size)}",
                "x0": x0,
                "x1": x1,
                "top": min(w["top"] for w in over),
                "bottom": max(w["bottom"] for w in under),
            }
        )
    words = [w for w in words if id(w) not in used] + fractions
    return with_stacked_limits(words, size)


def with_stacked_limits(words: list[dict], size: float) -> list[dict]:
    """Limits set over and under a big operator in displayed maths (a sum's "n" over it and "i=1" under it, "max"
    over "i=1,...,n") written after their operator, the upper first ("∑ni=1", as the text layer gives the lme4
    sheet's sums), the operator's box kept, so the limits are no lines of their own nor text before the operator.
    The operators are those of models/structure/maths.json, their limits centred on them."""
    operators = limit_operators()
    full = [w for w in words if w["text"] in operators and (w.get("size") or size) >= SCRIPT_SIZE * size]
    if not full:
        return words
    runs = script_runs([w for w in words if 0 < (w.get("size") or size) < SCRIPT_SIZE * size], size)
    used: set[int] = set()
    merged: dict[int, dict] = {}
    # A script set right after a glyph of its line is that glyph's sub- or superscript ("p" and its "i"), however
    # centred it lies under a short word of the line above: only a free-standing script can be a limit.
    runs = [
        run
        for run in runs
        if not any(-1.0 <= run[0] - w["x1"] <= 0.5 and w["top"] < run[3] and run[1] < w["bottom"] for w in words)
    ]
    # Top down, a run already taken skipped: a limit between two operators stacked in one cell (two maxima on
    # successive lines) is the lower limit of the one above, the one below having its own under it.
    for base in sorted(full, key=lambda w: w["top"]):
        centre, height = (base["x0"] + base["x1"]) / 2, base["bottom"] - base["top"]
        centred = [
            run
            for run in runs
            if abs((run[0] + run[2]) / 2 - centre) <= 0.25 * size and not any(id(w) in used for w in run[4])
        ]
        upper = [run for run in centred if -0.4 * height <= base["top"] - run[3] <= 0.4 * size]
        lower = [run for run in centred if -0.4 * height <= run[1] - base["bottom"] <= 0.6 * size]
        if not lower:
            continue
        used.update(id(w) for run in upper + lower for w in run[4])
        text = base["text"] + "".join(run_text(run) for run in sorted(upper + lower, key=lambda run: run[1]))
        merged[id(base)] = {**base, "text": text}
    if not merged:
        return words
    return [merged.get(id(w), w) for w in words if id(w) not in used]


@lru_cache(maxsize=1)
def limit_operators() -> frozenset[str]:
    """Operators that take limits over and under them (models/structure/maths.json)."""
    data = json.loads((models_dir() / "structure" / "maths.json").read_text(encoding="utf-8"))
    return frozenset(data["limit_operators"])


def script_runs(scripts: list[dict], size: float) -> list[tuple[float, float, float, float, list[dict]]]:
    """Script-size words of one line set one after the other without a word space ("i" and "=1" of a limit), as
    (x0, top, x1, bottom, words)."""
    runs: list[list[dict]] = []
    for word in sorted(scripts, key=lambda w: (round(w["top"]), w["x0"])):
        last = runs[-1][-1] if runs else None
        if last is not None and abs(word["top"] - last["top"]) < 0.5 and 0 <= word["x0"] - last["x1"] < 0.3 * size:
            runs[-1].append(word)
        else:
            runs.append([word])
    return [
        (run[0]["x0"], min(w["top"] for w in run), run[-1]["x1"], max(w["bottom"] for w in run), run) for run in runs
    ]


def run_text(run: tuple[float, float, float, float, list[dict]]) -> str:
    return "".join(w["text"] for w in run[4])


FRACTION_OPERATORS = set("+−-×·=<>≤≥ ")


def fraction_part(words: list[dict], size: float) -> str:
    """A numerator's or denominator's text, its words in x order (a space where the print sets one), bracketed when
    an operator stands outside its own brackets."""
    ordered = sorted(words, key=lambda w: w["x0"])
    text = ordered[0]["text"]
    for before, word in zip(ordered, ordered[1:], strict=False):
        text += (" " if word["x0"] - before["x1"] > 0.25 * size else "") + word["text"]
    depth, bare_operator = 0, False
    for ch in text:
        depth += ch in "([{"
        depth -= ch in ")]}"
        bare_operator = bare_operator or (depth == 0 and ch in FRACTION_OPERATORS)
    return f"({text})" if bare_operator else text


NUMBER_LINE = re.compile(r"^[\d.,%()<>=+\-−–—\s]+$")


SCRIPT_SIZE = 0.85  # of the commonest size: sub- and superscripts, note marks


def ruled_through(word: dict, ys: list[float], rules: list[BBox]) -> bool:
    """Whether a row rule drawn across the word's box cuts it well inside: no typesetter rules through ink, so the
    box is not where the glyph's ink is. TeX's radical sign (a "√" for yes in a survey's table) hangs a whole size
    under its origin while its font states the box of a letter standing on it: the box reaches into the row above.
    Such a word belongs to the row that holds its origin (`baseline`, on upright pages)."""
    if "baseline" not in word:
        return False
    return any(
        cut_inside(word, y)
        and any(abs((r[1] + r[3]) / 2 - y) <= 1.0 and r[0] < word["x0"] and r[2] > word["x1"] for r in rules)
        for y in ys[1:-1]
    )


def rows_of_scripts(words: list[dict], ys: list[float]) -> dict[int, int]:
    """The row of each script-size word that lies in another row than the glyph it is set on. In a tight table of
    maths a superscript on the last glyph of a tall row ("s⁻¹ⱼ" beside a radical over a fraction) rises past the
    row edge into the row above, where its centre puts it; it belongs to its base: the full-size word that ends
    right before it (within a word space, scripts in between skipped) and shares most of its height."""
    if len(ys) < 3:
        return {}
    sizes = Counter(round(w.get("size") or 0.0, 1) for w in words)
    size = sizes.most_common(1)[0][0] if sizes else 0.0
    if not size:
        return {}
    full = [w for w in words if (w.get("size") or size) >= SCRIPT_SIZE * size]
    scripts = [w for w in words if (w.get("size") or size) < SCRIPT_SIZE * size]
    rows: dict[int, int] = {}
    for word in scripts:
        reach = max((w["x1"] for w in scripts if w["x1"] <= word["x0"] + 0.5), default=word["x0"])
        bases = [
            w
            for w in full
            if -0.5 <= word["x0"] - w["x1"] < 0.3 * size + max(0.0, reach - w["x1"]) and height_overlap(w, word) > 0
        ]
        if not bases:
            continue
        base = max(bases, key=lambda w: height_overlap(w, word))
        row = band(ys, (base["top"] + base["bottom"]) / 2)
        if row != band(ys, (word["top"] + word["bottom"]) / 2):
            rows[id(word)] = row
    return rows


def height_overlap(a: dict, b: dict) -> float:
    return min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])


def split_grouped_rows(ys: list[float], origin, groups: dict[tuple[int, int], list[dict]]) -> list[float]:
    """Rules drawn every few rows (statistical tables): when the numeric cells of a ruled row hold the same number
    of lines, aligned across the row, each line is a row of its own. The other cells' lines sit on those lines, or
    above the first one: a group label on a line of its own over its sub-rows ("Portnoy" over "n = 100", "n = 400"),
    which becomes a row of its own too."""
    finer = [ys[0]]
    spans_rows = {o for slot, o in origin.items() if slot[0] != o[0]}
    for r in range(len(ys) - 1):
        cells = [
            text_lines_in_cell(words)
            for (row, col), words in groups.items()
            if row == r and origin[(r, col)] == (r, col) and (r, col) not in spans_rows
        ]
        cells = [lines for lines in cells if lines]
        numeric = [lines for lines in cells if all(NUMBER_LINE.match(" ".join(w["text"] for w in ln)) for ln in lines)]
        counts = {len(lines) for lines in numeric}
        if len(cells) >= 3 and len(counts) == 1 and counts != {1} and len(numeric) >= len(cells) / 2:
            reference = numeric[0]
            tops = [line[0]["top"] for line in reference]
            label_bottom = None
            aligned = True
            for lines in cells:
                on_reference = [ln for ln in lines if any(abs(ln[0]["top"] - t) < 3 for t in tops)]
                above = [ln for ln in lines if ln not in on_reference and ln[-1]["bottom"] <= tops[0]]
                if len(on_reference) != len(tops) or len(on_reference) + len(above) != len(lines):
                    aligned = False
                elif above:
                    label_bottom = max([label_bottom or 0.0, *(ln[-1]["bottom"] for ln in above)])
            if aligned:
                if label_bottom is not None:
                    finer.append((label_bottom + tops[0]) / 2)
                finer += [
                    (reference[i][0]["bottom"] + reference[i + 1][0]["top"]) / 2 for i in range(len(reference) - 1)
                ]
        finer.append(ys[r + 1])
    return finer


def spread_header_labels(raw: RawTable, view: FramedPage, xs: list[float], ys: list[float]) -> None:
    """A label in an upper header row with empty slots beside it ("Plant name" over the species; "Total", "Male",
    "Female" each over their own sub-headers) spans the widest run of those columns it is centred over. When it is the
    row's only label, the labels beside its run ("Number", "Compound", "References") fill the header rows above them
    too (printed across both rows)."""
    n_cols = len(xs) - 1
    for u in range(raw.n_header_rows - 1):
        filled = [c for c in range(n_cols) if raw.rows[u][c] and raw.span_origin[u][c] is None]
        for column in filled:
            run = spread_label(raw, view, xs, ys, u, column)
            if run is not None and len(filled) == 1:
                fill_beside(raw, u, *run)


def spread_label(raw: RawTable, view: FramedPage, xs, ys, u: int, column: int) -> tuple[int, int] | None:
    n_cols = len(xs) - 1
    own = [c for c in range(n_cols) if c == column or raw.span_origin[u][c] == (u, column)]
    words = [w for w in view.words if inside(w, (xs[own[0]], ys[u], xs[own[-1] + 1], ys[u + 1]))]
    if not words:
        return None
    centre = (min(w["x0"] for w in words) + max(w["x1"] for w in words)) / 2
    size = words[0].get("size") or 9.0
    first, last = column, column

    def free(c: int) -> bool:  # empty, or already part of this label (a phrase lying across gutters merged them)
        return not raw.rows[u][c] and raw.span_origin[u][c] in (None, (u, column))

    while first > 0 and free(first - 1):
        first -= 1
    while last < n_cols - 1 and free(last + 1):
        last += 1
    # A partial rule right under the label, trimmed apart from the next group's (booktabs \cmidrule(lr)), marks the
    # columns the label spans, whatever its centring. (Rules drawn edge to edge keep the centring test.)
    bottom = max(w["bottom"] for w in words)
    level = [r for r in view.h_rules if bottom - 1 <= r[1] <= bottom + 0.8 * size]
    pieces = union_intervals([(r[0], r[2]) for r in level])
    trimmed = len(pieces) >= 2 and all(b[0] - a[1] > 3.0 for a, b in zip(pieces, pieces[1:], strict=False))
    lo, hi = next(((a, b) for a, b in pieces if a - SNAP <= centre <= b + SNAP), (0.0, 0.0))
    if trimmed and hi > lo:
        covered = [c for c in range(first, last + 1) if lo - SNAP <= (xs[c] + xs[c + 1]) / 2 <= hi + SNAP]
        if column in covered and len(covered) >= 2:
            for c in covered:
                if c != column:
                    raw.rows[u][c], raw.span_origin[u][c] = None, (u, column)
            return covered[0], covered[-1]
    spans = [
        (a, b)
        for a in range(first, column + 1)
        for b in range(column, last + 1)
        if abs((xs[a] + xs[b + 1]) / 2 - centre) < size
    ]
    if not spans:
        return None
    a, b = max(spans, key=lambda span: span[1] - span[0])
    if a == b:
        return None
    for c in range(a, b + 1):
        if c != column:
            raw.rows[u][c], raw.span_origin[u][c] = None, (u, column)
    return a, b


def spread_boxed_header_labels(raw: RawTable, view: FramedPage, xs: list[float], ys: list[float]) -> None:
    """A boxed table whose vertical rules fence off only some column groups (the stub from a block of values, "group
    | time" over twelve measurements): a header label with empty slots beside it and no vertical rule between them
    fills the box the rules draw around it, as a merged cell is read. Rules are the cell edges there; tables without
    vertical rules (booktabs) keep the centring test of `spread_header_labels`."""
    n_cols = len(xs) - 1
    if n_cols < 3 or not view.v_rules:
        return
    words = [w for w in view.words if inside(w, (xs[0], ys[0], xs[-1], ys[-1]))]
    # The gutter before each column: from the end of the text on its left to the start of its own text.
    # The outer sides' "gutters" reach a few points out: a rule-less reading ends at the text, the box a little out.
    ends = [xs[0] - 4 * SNAP] + list(xs[1:-1]) + [xs[-1] + 4 * SNAP]
    gutters = []
    for c in range(n_cols + 1):
        left = [w["x1"] for w in words if band(xs, (w["x0"] + w["x1"]) / 2) == c - 1] if c else [ends[0]]
        right = [w["x0"] for w in words if band(xs, (w["x0"] + w["x1"]) / 2) == c] if c < n_cols else [ends[-1]]
        gutters.append((max(left, default=ends[c]) - SNAP, min(right, default=ends[c]) + SNAP))

    def ruled_before(c: int, r: int) -> bool:  # a vertical rule in the gutter on the left of column c, in row r
        lo, hi = gutters[c]
        middle = (ys[r] + ys[r + 1]) / 2
        return any(lo <= (v[0] + v[2]) / 2 <= hi and v[1] - SNAP <= middle <= v[3] + SNAP for v in view.v_rules)

    if not any(ruled_before(c, r) for c in range(1, n_cols) for r in range(len(ys) - 1)):
        return
    for u in range(min(raw.n_header_rows, len(ys) - 1)):
        row, origins = raw.rows[u], raw.span_origin[u]
        for c in range(n_cols):
            if not row[c] or origins[c] is not None:
                continue
            last = c
            while (
                last + 1 < n_cols and not row[last + 1] and origins[last + 1] is None and not ruled_before(last + 1, u)
            ):
                last += 1
            if last > c and ruled_before(last + 1, u) and ruled_before(c, u):
                for k in range(c + 1, last + 1):
                    row[k], origins[k] = None, (u, c)


def fill_beside(raw: RawTable, u: int, a: int, b: int) -> None:
    n_cols = len(raw.rows[u])
    for c in [*range(0, a), *range(b + 1, n_cols)]:
        below = next((r for r in range(u + 1, raw.n_header_rows) if raw.rows[r][c] or raw.span_origin[r][c]), None)
        if below is not None and not raw.rows[u][c] and raw.span_origin[u][c] is None:
            origin = raw.span_origin[below][c] or (below, c)
            raw.span_origin[u][c] = origin


def spread_group_labels(raw: RawTable, view: FramedPage, xs: list[float]) -> None:
    """A body row of a rule-less table with text in its first cell alone is a group label ("Bacteria", "Fungi")
    printed across the table: it becomes one cell spanning the row. A label no wider than the first column's
    entries ("Female" over its rows, "Model fitting:" in a capability table) is that column's cell: its row is left
    with the other cells empty, as printed."""
    n_cols = len(raw.rows[0])
    if n_cols < 3:
        return

    def text_right(r: int, c: int) -> float | None:
        top, bottom = view.frame.box(raw.cell_bboxes[r][c])[1::2]
        words = [w for w in view.words if inside(w, (xs[c], top, xs[c + 1], bottom))]
        return max((w["x1"] for w in words), default=None)

    body = range(raw.n_header_rows, len(raw.rows))
    entries = [text_right(r, 0) for r in body if raw.rows[r][0] and any(raw.rows[r][1:])]
    first_right = max((x for x in entries if x is not None), default=xs[0])
    # Where the second column's text starts: in a stub of row labels (words, not row numbers), a label ending well
    # before it ("Calculations by Pollet and Nettle (2009):" over its rows, longer than their labels) still lies in
    # the stub's space. Over a stub of row numbers, a label wider than they are heads the whole table ("Fungus").
    labels = [raw.rows[r][0] or "" for r in body if raw.rows[r][0] and any(raw.rows[r][1:])]
    worded = sum(1 for text in labels if sum(ch.isalpha() for ch in text) >= 2) > 0.5 * len(labels)
    second_left = (
        min(
            (w["x0"] for w in view.words if xs[1] <= w["x0"] < xs[2] and inside(w, view.frame.box(raw.bbox))),
            default=xs[1],
        )
        if worded
        else float("-inf")
    )
    for r in body:
        row = raw.rows[r]
        if row[0] and not any(row[1:]) and all(origin is None for origin in raw.span_origin[r]):
            label_right = text_right(r, 0)
            if label_right is not None and (label_right <= first_right + SNAP or label_right < second_left - 2 * SNAP):
                continue
            for c in range(1, n_cols):
                row[c] = None
                raw.span_origin[r][c] = (r, 0)


MAX_MARK_WORDS = 6


def continued_mark_row(row: list[str | None]) -> bool:
    """A row holding one short text only, which says the table is continued."""
    texts = [text for text in row if text]
    return len(texts) == 1 and len(texts[0].split()) <= MAX_MARK_WORDS and bool(CONTINUED_PATTERN.match(texts[0]))


def titled_note_row(row: list[str | None], origin, r: int) -> bool:
    """A boxed notes area under the body: a title ("NOTES:", "Abbreviations") in the first cell and one cell
    spanning the rest of the row."""
    n_cols = len(row)
    spanning = sum(1 for c in range(1, n_cols) if origin[(r, c)] == (r, 1))
    return n_cols > 2 and bool(FOOTNOTE_TITLE.match(row[0] or "")) and spanning == n_cols - 1 and bool(row[1])


def full_width(origin: dict[tuple[int, int], tuple[int, int]], row: int, n_cols: int) -> bool:
    return n_cols > 1 and all(origin[(row, c)] == (row, 0) for c in range(n_cols))


def band(edges: list[float], value: float) -> int:
    for index in range(len(edges) - 1):
        if value < edges[index + 1]:
            return index
    return len(edges) - 2


def merged_slots(view: FramedPage, xs, ys, words, ruled: bool) -> dict[tuple[int, int], tuple[int, int]]:
    """Map every slot to the top-left slot of the merged cell covering it (itself when not merged)."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def find(slot):
        while parent[slot] != slot:
            slot = parent[slot]
        return slot

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            first, second = sorted((ra, rb))
            parent[second] = first

    if ruled:
        region = (xs[0], ys[0], xs[-1], ys[-1])
        h_index = index_rules(view.h_rules, True, region)
        v_index = index_rules(view.v_rules, False, region)
        h_ruled = [[rule_covers(h_index, ys[r], xs[c], xs[c + 1]) for c in range(n_cols)] for r in range(1, n_rows)]
        # Word tables may set the header row's vertical rules a few points off the body's (folded into one column
        # edge by `detect.drop_empty_slivers`): a vertical rule that near a column edge is that edge's rule.
        v_ruled = [
            [rule_covers(v_index, xs[c], ys[r], ys[r + 1], reach=6) for c in range(1, n_cols)] for r in range(n_rows)
        ]
        for r in range(1, n_rows):
            if any(h_ruled[r - 1]):  # a rule exists on this boundary elsewhere, so a gap in it means a merge
                for c in range(n_cols):
                    if not h_ruled[r - 1][c]:
                        union((r - 1, c), (r, c))
        # each row band's words, picked once for all its column edges (`gutter_at` picks the same words again
        # from them: a large grid asked it for every slot of every row over all the table's words)
        band_words: dict[int, list[dict]] = {}

        def words_in_band(r: int) -> list[dict]:
            if r not in band_words:
                band_words[r] = [w for w in words if ys[r] <= (w["top"] + w["bottom"]) / 2 <= ys[r + 1]]
            return band_words[r]

        for c in range(1, n_cols):
            if any(v_ruled[r][c - 1] for r in range(n_rows)):
                for r in range(n_rows):
                    if not v_ruled[r][c - 1] and not gutter_at(words_in_band(r), xs[c - 1 : c + 2], ys[r], ys[r + 1]):
                        union((r, c - 1), (r, c))
        # A band cut where sub-header rules stop (detect.cut_at_rule_ends) has no rule between its two rows: there
        # an empty upper slot whose side rules run through both rows is one cell with the slot below it
        # ("State / Territory" printed low in a box as tall as the group label and its sub-headers).
        filled = {(band(ys, (w["top"] + w["bottom"]) / 2), band(xs, (w["x0"] + w["x1"]) / 2)) for w in words}
        for r in range(1, n_rows):
            rules_stop = any(v_ruled[r][c - 1] != v_ruled[r - 1][c - 1] for c in range(1, n_cols))
            if any(h_ruled[r - 1]) or not rules_stop:
                continue
            for c in range(n_cols):
                left = c == 0 or (v_ruled[r - 1][c - 1] and v_ruled[r][c - 1])
                right = c == n_cols - 1 or (v_ruled[r - 1][c] and v_ruled[r][c])
                if left and right and (r - 1, c) not in filled:
                    union((r - 1, c), (r, c))
    # A word lying well across a column boundary (a spanning header) merges the slots it covers; one that only
    # overhangs a boundary a little stays in the column holding most of it.
    for phrase in phrases(words):
        cy = (phrase[1] + phrase[3]) / 2
        r = band(ys, cy)
        first, last = band(xs, phrase[0] + 1), band(xs, phrase[2] - 1)
        width = max(1.0, phrase[2] - phrase[0])
        reaches = [min(xs[c + 1] - phrase[0], phrase[2] - xs[c + 1]) for c in range(first, last)]
        # A phrase lying well across one gutter is a label spanning columns ("No. of cigarettes daily" over four):
        # it spans every column it reaches half a letter height into, not only those it covers by a quarter.
        spanning = any(reach >= 0.25 * width for reach in reaches)
        for c, reach in zip(range(first, last), reaches, strict=True):
            # A rule drawn down the boundary through this row parts the cells, however the text overhangs it
            # (full-width CJK glyph boxes reach over the rule; two headers 3 pt apart read as one phrase).
            if ruled and v_ruled[r][c]:
                continue
            if reach >= 0.25 * width or (spanning and reach >= 0.5 * (phrase[3] - phrase[1])):
                union((r, c), (r, c + 1))
    return {slot: find(slot) for slot in parent}


def gutter_at(words: list[dict], edges: list[float], top: float, bottom: float) -> bool:
    """Text in both slots beside a column edge (`edges`: the left slot's left edge, the edge, the right slot's right
    edge) in a band, with a column's gap (not a word space) around the edge on every line: two cells whose vertical
    rule is simply not drawn in this row (zebra shading drawn cell by cell gives vertical edges in the shaded rows
    only), not one merged cell."""
    lo, x, hi = edges
    band_words = [w for w in words if top <= (w["top"] + w["bottom"]) / 2 <= bottom and w["x1"] > lo and w["x0"] < hi]
    left = [w for w in band_words if w["x1"] <= x]
    right = [w for w in band_words if w["x0"] >= x]
    if not left or not right or len(left) + len(right) < len(band_words):
        return False  # a word across the edge, or text on one side only: a merged cell
    for word in right:
        beside = [w["x1"] for w in left if min(w["bottom"], word["bottom"]) - max(w["top"], word["top"]) > 0]
        if beside and word["x0"] - max(beside) < MIN_COLUMN_GAP:
            return False
    return True


RuleIndex = dict[int, list[tuple[float, float]]]


def index_rules(rules: list[BBox], horizontal: bool, region: BBox) -> RuleIndex:
    """Rules by rounded position (y for horizontal rules, x for vertical ones), limited to the table region."""
    index: RuleIndex = {}
    for x0, top, x1, bottom in rules:
        lo, hi, at_lo, at_hi = (x0, x1, top, bottom) if horizontal else (top, bottom, x0, x1)
        span_lo, span_hi = (region[0], region[2]) if horizontal else (region[1], region[3])
        if hi < span_lo or lo > span_hi:
            continue
        for key in range(int(at_lo - SNAP), int(at_hi + SNAP) + 1):
            index.setdefault(key, []).append((lo, hi))
    return {key: union_intervals(spans) for key, spans in index.items()}


def union_intervals(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def rule_covers(index: RuleIndex, position: float, start: float, end: float, reach: int = 0) -> bool:
    """Whether rules at `position` (or within `reach` points of it) cover at least half of the span start..end."""
    for key in range(int(position) - reach, int(position) + reach + 1):
        covered = sum(max(0.0, min(hi, end) - max(lo, start)) for lo, hi in index.get(key, []))
        if covered >= 0.5 * (end - start):
            return True
    return False


def header_rows(raw: RawTable, groups: dict[tuple[int, int], list[dict]]) -> int:
    """Leading rows set in bold (while the body is not), plus the row under a header cell spanning columns."""
    n_rows = len(raw.rows)

    def bold(r: int, columns: range) -> bool | None:
        fonts = [w.get("fontname", "") for c in columns for w in groups.get((r, c), [])]
        return None if not fonts else all(BOLD_PATTERN.search(f) for f in fonts)

    # Row labels set in bold all the way down (a results sheet's state names) say nothing of the header: there only
    # the cells right of the stub count, so a row of a label and empty cells is body.
    stub_bold = [bold(r, range(1)) for r in range(n_rows)]
    labelled = [b for b in stub_bold if b is not None]
    bold_stub = n_rows > 3 and len(labelled) >= 0.8 * n_rows and sum(map(bool, labelled)) >= 0.9 * len(labelled)

    def row_bold(r: int) -> bool | None:
        return bold(r, range(1 if bold_stub else 0, len(raw.rows[r])))

    # Group labels set in roman over a bold header row ("(a)" over "A B", "(b)" over "C D") head it too.
    count = 1 if n_rows > 3 and row_bold(0) is False and row_bold(1) and row_bold(2) is False else 0
    while count < n_rows - 1 and row_bold(count):
        count += 1
    if count == n_rows - 1 or count == 0:
        count = 1
    last = count - 1  # a header cell spanning columns in the last header row has its sub-headers below it
    spans_columns = any(
        origin is not None and origin[0] == last and origin[1] != c for c, origin in enumerate(raw.span_origin[last])
    )
    # ... when the row below leaves its stub (first) cell blank or merged into the header above, as sub-headers do.
    if spans_columns and count < n_rows - 1 and not raw.rows[count][0]:
        count += 1
    return count


def looks_like_table(raw: RawTable) -> bool:
    """Reject figures drawn with boxes (heat maps, flow charts) and framed text boxes."""
    slots = [text for row in raw.rows for text in row if text is not None]
    filled = sum(1 for text in slots if text)
    n_rows, n_cols = len(raw.rows), len(raw.rows[0]) if raw.rows else 0
    if n_rows == 1 and raw.continued and raw.ruled and n_cols >= 2 and filled >= 2:
        return True  # a header row alone at a page end, marked as continued: its body is on the next page
    if n_rows < 2 or n_cols < 2 or filled < 4:
        return False
    # Sparse grids are tables when most rows fill several cells (presence/absence marks under row labels).
    rows_with_several = sum(1 for row in raw.rows if sum(1 for text in row if text) >= 2)
    if filled < 0.3 * len(slots) and rows_with_several < 0.6 * n_rows:
        return False
    # A real table has text in more than one row and in more than one column.
    rows_with_text = sum(1 for row in raw.rows if any(row))
    cols_with_text = sum(1 for c in range(n_cols) if any(row[c] for row in raw.rows))
    if n_cols == 2 and margin_line_numbers([row[0] for row in raw.rows], [row[1] for row in raw.rows]):
        return False  # a manuscript's line numbers beside its prose
    return rows_with_text >= 2 and cols_with_text >= 2


def margin_line_numbers(column: list[str | None], beside: list[str | None]) -> bool:
    """A column of consecutive integers, one per printed line, beside lines of prose: the line numbers in the margin
    of a manuscript set for review. Either a cell holds several (its text took several lines), or the numbers run on
    from earlier pages (not from 1) beside phrases of five words or more. Row numbers of a real table count its
    rows from 1."""
    numbers = [int(n) for text in column if text for n in text.split() if n.isdigit()]
    words = [n for text in column if text for n in text.split()]
    if len(numbers) < 4 or len(numbers) != len(words):
        return False
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return False
    several = len(numbers) > sum(1 for text in column if text)
    prose = sum(1 for text in beside if text and len(text.split()) >= 5) >= 0.6 * len(beside)
    return several or (numbers[0] > 1 and prose)
