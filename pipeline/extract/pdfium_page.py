"""One PDF page read with pdfium (pypdfium2), handed on as a pdfplumber page.

pdfium parses the content stream in C, about ten times faster than pdfminer, and gives each character with its
box, font and size. The rest of ingest and the table detector keep using pdfplumber's word extractor and table
finder, which work on plain object dicts: this module builds those dicts (characters, drawn rules, images) in the
coordinates and with the values pdfplumber gives for the same page (pdfminer's character box: advance width by
font size from the descent up, in the page's displayed orientation with the top-left origin), so words and tables
come out as before.

Vector graphics are read only as far as tables need them: straight, axis-parallel segments of painted paths become
rule pieces; curves and diagonals (figures, plot marks) are counted but give no objects, and a page stops reading
paths after `MAX_PATH_SEGMENTS` segments, so a figure of thousands of paths stays cheap.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from itertools import repeat

import numpy
import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_c
from pypdfium2_raw.bindings import _libs as pdfium_libraries

from pipeline.extract.structure.repair import UNMAPPED
from pipeline.extract.words import CharColumns

# Segments of painted paths read per page: tables need a few hundred; a map or a scatter plot has tens of thousands.
MAX_PATH_SEGMENTS = 20_000
# Rule pieces handed to the table finder per page: a ruled table has tens to hundreds (a statistics sheet ruled cell
# by cell, 1,200). On a page with more (a heat map, a bar chart) only pieces at least CROWDED_MIN_RULE points long
# are kept: the rules of a table span columns.
MAX_RULE_PIECES = 2_000
CROWDED_MIN_RULE = 30.0
# A piece no longer than this is the short side of a thin filled rectangle (Word draws each cell border of a table as
# one: four pieces, two of them a hairline long), or a dot: on a crowded page these go first.
RECTANGLE_END = 1.5
# A filled, unstroked rectangle at least this wide and high is a shaded area (a cell's or a text line's background),
# not a rule: only its sides that border another colour are edges a reader sees.
SHADE_MIN_SIDE = 2.0
SHADE_TOLERANCE = 0.6  # points: how far past a shaded box's side its neighbour's colour is looked for
# points: a neighbour meets a side when its own side is this close (Word's boxes share their coordinates; a hairline
# gap between two shaded cells is a white rule drawn over a shaded background)
SHADE_MEET = 0.1
SHADE_COVERED = 0.9  # share of a side under same-coloured shading for the side to be invisible
MAX_SHADES = 5_000  # shaded boxes per page looked at; a page with more (a heat map) keeps every side
# Text render modes that paint nothing: 3 (invisible, as OCR layers and hidden copies are drawn) and 7 (clip only).
INVISIBLE_RENDER_MODES = (3, 7)
# An image smaller than this (points, either side) hides no text: icons and inline symbols.
MIN_COVERING_IMAGE = 20.0
AXIS_TOLERANCE = 0.01  # points: a segment whose ends differ less than this across its direction is axis-parallel
NESTED_FORMS = 12  # form XObjects inside form XObjects deeper than this are not read (a loop or a hostile file)

# Codes pdfium may insert between characters: line breaks, which the text stream does not have, are left out.
_GENERATED_BREAKS = frozenset((0x0D, 0x0A))
_GENERATED_SPACE_OR_BREAK = _GENERATED_BREAKS | {0x20}
# pdfium also puts a generated space where a space character of the stream was set with extra (justified) room,
# and where it sees a gap between glyphs: one is kept as a space character only where the gap it stands for is as
# wide as a space (this share of the font size), so kerned letters of one word stay together.
MIN_GENERATED_SPACE = 0.2
# Between a number and the letter after it ("250 mL", "25 g") typesetters put a thin space (1/6 em): where pdfium
# saw a gap there, this narrower share is enough, so quantities keep their unit apart ("250mL" is no word).
MIN_NUMBER_UNIT_SPACE = 0.12
# A glyph's loose box starts at its origin: one that starts this share of the font size past it is the ink's box
# (pdfium had no width for the glyph) or the box of a character pdfium gave the origin of the one before.
INK_BOX_OFFSET = 0.02
# pdfium replaces a hyphen that ends a line by this code (it tells a soft line-end hyphen apart).
_LINE_END_HYPHEN = 0x02


def _bind(name: str, restype, *argtypes):
    """A pdfium function that takes and returns object handles as plain addresses (ints): pypdfium2's typed
    pointers cost a `ctypes.cast` each to compare, and a page can hold thousands of objects."""
    function = pdfium_libraries["pdfium"][name]  # a fresh function object: pypdfium2's own stays as it is
    function.restype = restype
    function.argtypes = argtypes
    return function


_P, _I, _F = ctypes.c_void_p, ctypes.c_int, ctypes.c_float
_FloatRef = ctypes.POINTER(ctypes.c_float)
_text_font = _bind("FPDFTextObj_GetFont", _P, _P)
_text_font_size = _bind("FPDFTextObj_GetFontSize", _I, _P, _FloatRef)
_text_render_mode = _bind("FPDFTextObj_GetTextRenderMode", _I, _P)
_font_descent = _bind("FPDFFont_GetDescent", _I, _P, _F, _FloatRef)
_page_object = _bind("FPDFPage_GetObject", _P, _P, _I)
_page_object_count = _bind("FPDFPage_CountObjects", _I, _P)
_object_type = _bind("FPDFPageObj_GetType", _I, _P)
_object_matrix = _bind("FPDFPageObj_GetMatrix", _I, _P, ctypes.POINTER(pdfium_c.FS_MATRIX))
_form_count = _bind("FPDFFormObj_CountObjects", _I, _P)
_form_object = _bind("FPDFFormObj_GetObject", _P, _P, ctypes.c_ulong)
_segment_count = _bind("FPDFPath_CountSegments", _I, _P)
_segment = _bind("FPDFPath_GetPathSegment", _P, _P, _I)
_segment_type = _bind("FPDFPathSegment_GetType", _I, _P)
_segment_point = _bind("FPDFPathSegment_GetPoint", _I, _P, _FloatRef, _FloatRef)
_segment_closes = _bind("FPDFPathSegment_GetClose", _I, _P)
_segment_point_into = _bind("FPDFPathSegment_GetPoint", _I, _P, _P, _P)  # into slots of an array (`ctypes.byref`)
_IntRef, _UintRef = ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_uint)
_draw_mode = _bind("FPDFPath_GetDrawMode", _I, _P, _IntRef, _IntRef)
_fill_color = _bind("FPDFPageObj_GetFillColor", _I, _P, _UintRef, _UintRef, _UintRef, _UintRef)
_has_transparency = _bind("FPDFPageObj_HasTransparency", _I, _P)
_image_metadata = _bind("FPDFImageObj_GetImageMetadata", _I, _P, _P, ctypes.POINTER(pdfium_c.FPDF_IMAGEOBJ_METADATA))
_clip_path = _bind("FPDFPageObj_GetClipPath", _P, _P)
_clip_path_count = _bind("FPDFClipPath_CountPaths", _I, _P)
_clip_segment_count = _bind("FPDFClipPath_CountPathSegments", _I, _P, _I)
_clip_segment = _bind("FPDFClipPath_GetPathSegment", _P, _P, _I, _I)

Affine = tuple[float, float, float, float, float, float]  # a, b, c, d, e, f: (x, y) -> (ax + cy + e, bx + dy + f)


def compose(first: Affine, then: Affine) -> Affine:
    """The map that applies `first`, then `then` (PDF's row-vector convention: first × then)."""
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = then
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def apply(m: Affine, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


@dataclass
class PageGeometry:
    """From PDF user space to pdfplumber's coordinates: pdfminer's view of the displayed page (the MediaBox turned
    by /Rotate, origin at its lower left), then flipped to a top-left origin as pdfplumber does."""

    rotation: int
    mediabox: tuple[float, float, float, float]  # pdfplumber's: x0, top, x1, bottom
    to_device: Affine  # user space -> pdfminer's device space (y up)

    @classmethod
    def of(cls, mediabox_raw: tuple[float, float, float, float], rotation: int) -> PageGeometry:
        x0, y0, x1, y1 = mediabox_raw
        x0, x1 = sorted((x0, x1))
        y0, y1 = sorted((y0, y1))
        rotation %= 360
        # pdfminer's PDFPageInterpreter.process_page
        to_device = {
            90: (0.0, -1.0, 1.0, 0.0, -y0, x1),
            180: (-1.0, 0.0, 0.0, -1.0, x1, y1),
            270: (0.0, 1.0, -1.0, 0.0, y1, -x0),
        }.get(rotation, (1.0, 0.0, 0.0, 1.0, -x0, -y0))
        # pdfplumber.page.Page.__init__: the box normalised for the rotation, then inverted
        nx0, ny0, nx1, ny1 = (y0, x0, y1, x1) if rotation in (90, 270) else (x0, y0, x1, y1)
        height = ny1 - ny0
        mediabox = (nx0, height - ny1, nx1, height - ny0)
        return cls(rotation, mediabox, to_device)

    @property
    def width(self) -> float:
        return self.mediabox[2] - self.mediabox[0]

    @property
    def height(self) -> float:
        return self.mediabox[3] - self.mediabox[1]

    def x(self, device_x: float) -> float:
        return device_x + self.mediabox[0] if self.mediabox[0] != 0 else device_x

    def top(self, device_y: float) -> float:
        return (self.height - device_y) + self.mediabox[1]


@dataclass
class PathStats:
    """How much vector drawing a page holds, and how much of it was read."""

    objects: int = 0
    segments_read: int = 0
    pieces: int = 0  # axis-parallel straight segments found
    dropped: int = 0  # pieces of a crowded page left out (see `_rule_objects`)
    truncated: bool = False


@dataclass
class ImageRecord:
    order: int  # painting order among the page's objects
    box: tuple[float, float, float, float]  # x0, top, x1, bottom (pdfplumber's coordinates)
    see_through: bool
    handle: object = None  # the image object, to read its soft mask where text lies under it
    alpha: object = None  # its rendered alpha channel (one bytes row per pixel row), read on first need; False: opaque


@dataclass
class PageObjects:
    chars: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    paths: PathStats = field(default_factory=PathStats)
    # shaded boxes (x0, top, x1, bottom, fill colour): their sides become rule pieces where a reader sees them
    shades: list[tuple[float, float, float, float, tuple[int, int, int, int]]] = field(default_factory=list)
    unmapped_glyphs: int = 0  # characters pdfium has no Unicode for
    # (characters marked hidden, whether any has its centre off the page), for `ingest.visible_part`
    visibility: tuple[int, bool] = (0, False)
    columns: CharColumns | None = None  # the characters' boxes, sizes, directions and fonts as arrays


class _NoPdf:
    """Stands in for pdfplumber's PDF object, which is never opened: only its Unicode setting is read."""

    unicode_norm = None
    laparams = None


class PdfiumPage(pdfplumber.page.Page):
    """A pdfplumber page whose objects were read by pdfium (see `read_objects`): every pdfplumber method that works
    on objects (words, table finding, filtering, cropping) works on it unchanged."""

    def __init__(self, page_number: int, geometry: PageGeometry, objects: PageObjects):
        self.pdf = _NoPdf()
        self.root_page = self
        self.page_obj = None
        self.page_number = page_number
        self.initial_doctop = 0
        self.rotation = geometry.rotation
        self.mediabox = geometry.mediabox
        self.cropbox = geometry.mediabox
        self.bbox = geometry.mediabox
        self.path_stats = objects.paths
        self.unmapped_glyphs = objects.unmapped_glyphs
        self.char_visibility = objects.visibility
        self.char_columns = objects.columns
        self._objects = {"char": objects.chars, "line": objects.lines, "image": objects.images}
        from functools import lru_cache

        self.get_textmap = lru_cache()(self._get_textmap)

    @property
    def objects(self) -> dict[str, list[dict]]:
        return self._objects

    def close(self) -> None:
        self._objects = {}
        self.char_columns = None
        self.flush_cache([p for p in self.cached_properties if p != "_objects"])
        self.get_textmap.cache_clear()


def _address(handle) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def read_page(document: pypdfium2.PdfDocument, index: int) -> PdfiumPage:
    """Page `index` (0-based) of an open document as a pdfplumber page of pdfium's objects."""
    page = document[index]
    try:
        geometry = PageGeometry.of(tuple(page.get_mediabox()), page.get_rotation())
        objects = PageObjects()
        painting = _walk_objects(page, geometry, objects, index + 1)
        objects.lines = _rule_objects(objects.lines + _visible_shade_sides(objects.shades), objects.paths)
        textpage = page.get_textpage()
        try:
            objects.chars, objects.unmapped_glyphs, objects.visibility, objects.columns = _read_chars(
                textpage, geometry, index + 1, painting
            )
        finally:
            textpage.close()
    finally:
        page.close()
    return PdfiumPage(index + 1, geometry, objects)


@dataclass
class _Painting:
    """Painting order of the page's text objects, and the images that may cover text painted before them."""

    # runs of text objects painted one after another: (their addresses, the first one's order); read as
    # `text_order` only where an image may cover text (most pages have none, and some writers make every glyph an
    # object: a dict entry each would cost a tenth of the page's reading)
    text_runs: list[tuple[list[int], int]] = field(default_factory=list)
    covering_images: list[ImageRecord] = field(default_factory=list)
    # text object address -> the box (x0, top, x1, bottom) its clipping path leaves visible, for text inside form
    # XObjects: a page of another PDF placed as a figure (a manuscript page under a published figure) brings all its
    # text, clipped to the figure's box; what the clip cuts away is never painted
    text_clips: dict[int, tuple[float, float, float, float]] = field(default_factory=dict)
    page: object = None  # the pdfium page (and its document), to render a covering image's mask

    def text_order(self) -> dict[int, int]:
        """Text object address -> its painting order."""
        order: dict[int, int] = {}
        for handles, first in self.text_runs:
            order.update(zip(handles, range(first, first + len(handles)), strict=True))
        return order


def _walk_objects(page: pypdfium2.PdfPage, geometry: PageGeometry, objects: PageObjects, page_number: int) -> _Painting:
    """Every page object in painting order, form XObjects entered: text objects numbered, rule pieces and images
    collected."""
    painting = _Painting(page=page)
    order = 0
    raw_matrix = pdfium_c.FS_MATRIX()

    def matrix_of(handle) -> Affine:
        if not _object_matrix(handle, raw_matrix):
            return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        m = raw_matrix
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    text_runs = painting.text_runs
    text_kind = pdfium_c.FPDF_PAGEOBJ_TEXT

    def walk(count: int, get, owner: int, outer: Affine, depth: int) -> None:
        nonlocal order
        # every object's address and type in two calls per object without a Python step between them; text objects
        # (most objects, and one per glyph for some writers) are then numbered a run at a time
        handles = list(map(get, repeat(owner, count), range(count)))  # (a page or a form, and an index in it)
        if None in handles:
            handles = [handle for handle in handles if handle]
        kinds = numpy.fromiter(map(_object_type, handles), dtype=numpy.intc, count=len(handles))
        others = numpy.flatnonzero(kinds != text_kind).tolist() if depth == 0 else range(len(handles))
        run_start = 0
        for position in others:
            if position > run_start:  # the text objects before this one
                text_runs.append((handles[run_start:position], order + 1))
                order += position - run_start
            run_start = position + 1
            handle = handles[position]
            order += 1
            kind = int(kinds[position])
            if kind == text_kind:  # inside a form: its clip may hide it
                text_runs.append(([handle], order))
                clip = _clip_box(handle, outer, geometry)
                if clip is not None:
                    painting.text_clips[handle] = clip
            elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                objects.paths.objects += 1
                if not objects.paths.truncated:
                    _read_path(handle, compose(matrix_of(handle), outer), geometry, objects)
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                image = _read_image(handle, compose(matrix_of(handle), outer), geometry, order)
                image.handle = handle
                objects.images.append(
                    {
                        "object_type": "image",
                        "x0": image.box[0],
                        "top": image.box[1],
                        "x1": image.box[2],
                        "bottom": image.box[3],
                        "width": image.box[2] - image.box[0],
                        "height": image.box[3] - image.box[1],
                        "page_number": page_number,
                    }
                )
                if (
                    not image.see_through
                    and image.box[2] - image.box[0] >= MIN_COVERING_IMAGE
                    and image.box[3] - image.box[1] >= MIN_COVERING_IMAGE
                ):
                    painting.covering_images.append(image)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < NESTED_FORMS:
                inner = compose(matrix_of(handle), outer)
                walk(_form_count(handle), _form_object, handle, inner, depth + 1)
        if run_start < len(handles):
            text_runs.append((handles[run_start:], order + 1))
            order += len(handles) - run_start

    to_device = geometry.to_device
    raw_page = _address(page.raw)
    walk(_page_object_count(raw_page), _page_object, raw_page, to_device, 0)
    # `walk` calls itself through its closure, a reference cycle holding the page's objects (and, once read, its
    # character dicts) until the cycle collector finds it: broken here, they go when the page is closed
    walk = None
    return painting


def _clip_box(handle, outer: Affine, geometry: PageGeometry) -> tuple[float, float, float, float] | None:
    """The box (x0, top, x1, bottom) inside every path of the object's clipping path (their bounding boxes
    intersected), in pdfplumber's coordinates; None when the object has no clipping path. `outer` maps the space of
    the object's container (where its clipping path is given) to the device."""
    clip = _clip_path(handle)
    if not clip:
        return None
    box = None
    x, y = ctypes.c_float(), ctypes.c_float()
    x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
    for path in range(_clip_path_count(clip)):
        xs, tops = [], []
        for index in range(_clip_segment_count(clip, path)):
            segment = _clip_segment(clip, path, index)
            if segment and _segment_point(segment, x_ref, y_ref):
                dx, dy = apply(outer, x.value, y.value)
                xs.append(geometry.x(dx))
                tops.append(geometry.top(dy))
        if not xs:
            continue
        part = (min(xs), min(tops), max(xs), max(tops))
        box = (
            part
            if box is None
            else (max(box[0], part[0]), max(box[1], part[1]), min(box[2], part[2]), min(box[3], part[3]))
        )
    return box


def _read_path(handle, to_device: Affine, geometry: PageGeometry, objects: PageObjects) -> None:
    """Axis-parallel straight segments of one painted path, as pdfplumber "line" objects (one per rule piece).

    pdfminer makes rects, lines and curves of a path and pdfplumber cuts each into such edges; only straight
    pieces along x or y can be table rules, so curves (bezier segments) and diagonals give none.
    """
    stats = objects.paths
    n_segments = _segment_count(handle)
    if n_segments <= 0:
        return
    if stats.segments_read + n_segments > MAX_PATH_SEGMENTS:
        stats.truncated = True
        return
    stats.segments_read += n_segments
    # every segment's kind, point and closing flag read in tight loops (`map`s, no Python step per segment), the
    # points mapped to the device on arrays (`apply`'s operations in its order: the same values to the last bit)
    segments = list(map(_segment, repeat(handle), range(n_segments)))
    kinds = list(map(_segment_type, segments))
    closes = list(map(_segment_closes, segments))
    read = (ctypes.c_float * (2 * n_segments))()
    by_ref = ctypes.byref
    x_slots = map(by_ref, repeat(read), range(0, 8 * n_segments, 8))
    y_slots = map(by_ref, repeat(read), range(4, 8 * n_segments, 8))
    if all(map(_segment_point_into, segments, x_slots, y_slots)):
        xs, ys = numpy.frombuffer(read, dtype=numpy.float32).astype(numpy.float64).reshape(-1, 2).T
        m = to_device
        device_xs, device_ys = (m[0] * xs + m[2] * ys + m[4]).tolist(), (m[1] * xs + m[3] * ys + m[5]).tolist()
        points = list(zip(device_xs, device_ys, strict=True))
    else:  # a point pdfium cannot give keeps the one read before it, as the one-by-one reads leave it
        points = []
        x, y = ctypes.c_float(), ctypes.c_float()
        for segment in segments:
            _segment_point(segment, x, y)
            points.append(apply(to_device, x.value, y.value))
    start = current = None
    lines: list[tuple] = []
    for kind, point, closes_here in zip(kinds, points, closes, strict=True):
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = current = point
            continue
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and current is not None:
            _add_piece(current, point, geometry, lines, stats)
        current = point
        if closes_here and start is not None:
            _add_piece(current, start, geometry, lines, stats)
            current = start
    shade = _shaded_box(handle, lines) if 3 <= len(lines) <= 4 else None
    if shade is not None:
        objects.shades.append(shade)
    else:
        objects.lines.extend(lines)


def _shaded_box(handle, pieces: list[tuple]) -> tuple | None:
    """The box and fill colour of a path that fills a rectangle without stroking it, at least `SHADE_MIN_SIDE`
    each way; None for any other path (a stroked rule, a thin filled rule, an outline)."""
    x0, top = min(p[0] for p in pieces), min(p[1] for p in pieces)
    x1, bottom = max(p[2] for p in pieces), max(p[3] for p in pieces)
    if x1 - x0 < SHADE_MIN_SIDE or bottom - top < SHADE_MIN_SIDE:
        return None
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not _draw_mode(handle, ctypes.byref(fill_mode), ctypes.byref(stroke)) or stroke.value or not fill_mode.value:
        return None
    rgba = [ctypes.c_uint() for _ in range(4)]
    if not _fill_color(handle, *(ctypes.byref(c) for c in rgba)):
        return None
    return (x0, top, x1, bottom, tuple(c.value for c in rgba))


def _visible_shade_sides(shades: list[tuple]) -> list[tuple[float, float, float, float]]:
    """Rule pieces of the sides of shaded boxes, less the sides a reader cannot see: those against boxes of the same
    colour (Word shades a table cell line by line and pads each line with boxes left and right, so a shaded header
    cell is a stack of boxes whose inner sides would cut it into one row per line)."""
    # every side, filed by colour, direction and where it lies, to find the boxes meeting a side without a pairwise scan
    filed: dict[tuple, list[tuple[int, float, float, float, float]]] = {}
    if len(shades) <= MAX_SHADES:
        for index, (x0, top, x1, bottom, colour) in enumerate(shades):
            for vertical, at in ((False, top), (False, bottom), (True, x0), (True, x1)):
                across, along = ((x0, x1), (top, bottom)) if vertical else ((top, bottom), (x0, x1))
                filed.setdefault((colour, vertical, round(at / SHADE_MEET)), []).append((index, *across, *along))
    pieces = []
    for index, (x0, top, x1, bottom, colour) in enumerate(shades):
        # each side as a rule piece, and the line just outside it: (where across, from, to along)
        sides = (
            ((x0, top, x1, top), (top - SHADE_TOLERANCE, x0, x1)),
            ((x0, bottom, x1, bottom), (bottom + SHADE_TOLERANCE, x0, x1)),
            ((x0, top, x0, bottom), (x0 - SHADE_TOLERANCE, top, bottom)),
            ((x1, top, x1, bottom), (x1 + SHADE_TOLERANCE, top, bottom)),
        )
        for piece, (outside, start, end) in sides:
            vertical = piece[0] == piece[2]
            at = piece[0] if vertical else piece[1]
            covered = 0.0
            # only a box whose own side lies on this one: a cell shaded on top of a shaded background keeps its
            # sides, which a table's gaps between cells may be drawn by
            key = round(at / SHADE_MEET)
            for near in (key - 1, key, key + 1):
                for other, low, high, along_low, along_high in filed.get((colour, vertical, near), ()):
                    if other != index and min(abs(low - at), abs(high - at)) <= SHADE_MEET and low <= outside <= high:
                        covered += max(0.0, min(end, along_high) - max(start, along_low))
            if covered < SHADE_COVERED * (end - start):
                pieces.append(piece)
    return pieces


def _add_piece(p0, p1, geometry: PageGeometry, lines: list[tuple], stats: PathStats) -> None:
    (x0, y0), (x1, y1) = p0, p1
    horizontal = abs(y1 - y0) < AXIS_TOLERANCE
    vertical = abs(x1 - x0) < AXIS_TOLERANCE
    if horizontal == vertical:
        return  # a diagonal, or no length at all (a closing segment back to where the path already is)
    if horizontal:
        y1 = y0  # pdfplumber tells a horizontal edge by top == bottom
    else:
        x1 = x0
    left, right = geometry.x(min(x0, x1)), geometry.x(max(x0, x1))
    top, bottom = geometry.top(max(y0, y1)), geometry.top(min(y0, y1))
    stats.pieces += 1
    lines.append((left, top, right, bottom))


def _rule_objects(pieces: list[tuple[float, float, float, float]], stats: PathStats) -> list[dict]:
    """pdfplumber "line" objects for the rule pieces of a page. A page of more than `MAX_RULE_PIECES` pieces is a
    drawing (a heat map, a chart): there only pieces as long as a table rule (`CROWDED_MIN_RULE`) can matter, and
    at most `MAX_RULE_PIECES` of the longest, so the table finder never sees thousands of them. The short sides of
    thin rectangles are left out before that: a table whose every cell border is a filled rectangle has four pieces
    per border, and its short borders (a one-line row's sides) must not go with them."""
    if len(pieces) > MAX_RULE_PIECES:
        pieces = [p for p in pieces if max(p[2] - p[0], p[3] - p[1]) > RECTANGLE_END]
    if len(pieces) > MAX_RULE_PIECES:
        pieces = [p for p in pieces if max(p[2] - p[0], p[3] - p[1]) >= CROWDED_MIN_RULE]
        if len(pieces) > MAX_RULE_PIECES:
            pieces = sorted(pieces, key=lambda p: -max(p[2] - p[0], p[3] - p[1]))[:MAX_RULE_PIECES]
    stats.dropped = stats.pieces - len(pieces)
    return [
        {
            "object_type": "line",
            "x0": left,
            "x1": right,
            "top": top,
            "bottom": bottom,
            "doctop": top,
            "width": right - left,
            "height": bottom - top,
        }
        for left, top, right, bottom in pieces
    ]


def _paints_at(image: ImageRecord, x: float, y: float, page, geometry: PageGeometry) -> bool:
    """Whether the image paints the point: pdfium does not report a soft mask as transparency, so an image with
    one (a chart exported from Word, whose box overlaps the table above it) is rendered once, when text is first
    found under it, and its alpha read at the point. Opaque images, and any on a rotated page, paint everywhere."""
    if image.alpha is None:
        image.alpha = False
        if page is not None and not geometry.rotation and image.handle:
            raw = ctypes.cast(image.handle, pdfium_c.FPDF_PAGEOBJECT)
            bitmap = pdfium_c.FPDFImageObj_GetRenderedBitmap(page.pdf.raw, page.raw, raw)
            if bitmap:
                if pdfium_c.FPDFBitmap_GetFormat(bitmap) == pdfium_c.FPDFBitmap_BGRA:
                    rows, stride = pdfium_c.FPDFBitmap_GetHeight(bitmap), pdfium_c.FPDFBitmap_GetStride(bitmap)
                    columns = pdfium_c.FPDFBitmap_GetWidth(bitmap)
                    buffer = ctypes.string_at(pdfium_c.FPDFBitmap_GetBuffer(bitmap), rows * stride)
                    image.alpha = [buffer[r * stride + 3 : r * stride + 4 * columns : 4] for r in range(rows)]
                pdfium_c.FPDFBitmap_Destroy(bitmap)
    if image.alpha is False:
        return True
    rows, columns = len(image.alpha), len(image.alpha[0]) if image.alpha else 0
    if not columns:
        return True
    x0, top, x1, bottom = image.box
    column = min(columns - 1, max(0, int((x - x0) / max(x1 - x0, 1e-6) * columns)))
    row = min(rows - 1, max(0, int((y - top) / max(bottom - top, 1e-6) * rows)))
    return image.alpha[row][column] > 0


def _read_image(handle, to_device: Affine, geometry: PageGeometry, order: int) -> ImageRecord:
    """An image's placed box (its unit square through the matrix), and whether it may let text show through."""
    corners = [apply(to_device, u, v) for u in (0.0, 1.0) for v in (0.0, 1.0)]
    xs = [geometry.x(p[0]) for p in corners]
    tops = [geometry.top(p[1]) for p in corners]
    box = (min(xs), min(tops), max(xs), max(tops))
    see_through = bool(_has_transparency(handle))
    if not see_through:
        metadata = pdfium_c.FPDF_IMAGEOBJ_METADATA()
        if _image_metadata(handle, None, metadata) and metadata.bits_per_pixel == 1:
            see_through = True  # a one-bit image may be a stencil mask, which paints only its set pixels
    return ImageRecord(order, box, see_through)


@dataclass
class _TextObjectInfo:
    fontname: str
    font_size: float
    descent: float  # in text space units per unit of font size (negative below the baseline)
    matrix: tuple[float, float, float, float]  # a, b, c, d of the character's matrix in pdfminer's device space
    user_direction: tuple[float, float]  # the writing direction in PDF user space (pdfium's own boxes)
    upright: bool
    invisible: bool


def _bind_unchecked(name: str, restype):
    """A pdfium function called without declared argument types: ctypes then converts nothing per call (about
    twice as fast as through `argtypes`), so every pointer must be passed as a `ctypes.c_void_p` object (a plain
    int would go as a 32-bit C int) and every other argument as a Python int. Only for the per-character reads of
    `_read_chars`, which take (text page, index[, output pointers])."""
    function = pdfium_libraries["pdfium"][name]
    function.restype = restype
    function.argtypes = None
    return function


# Per-character reads: the text page and output buffers as c_void_p objects made once per page, the index an int.
_char_text_object = _bind_unchecked("FPDFText_GetTextObject", ctypes.c_size_t)  # an int, 0 for none (not None)
_char_unicode = _bind_unchecked("FPDFText_GetUnicode", ctypes.c_uint)
_char_loose_box = _bind_unchecked("FPDFText_GetLooseCharBox", _I)
_char_origin = _bind_unchecked("FPDFText_GetCharOrigin", _I)
_char_map_error = _bind_unchecked("FPDFText_HasUnicodeMapError", _I)
_char_generated = _bind_unchecked("FPDFText_IsGenerated", _I)
_char_matrix = _bind("FPDFText_GetMatrix", _I, _P, _I, _P)  # once per text object, with declared types
_char_matrix_unchecked = _bind_unchecked("FPDFText_GetMatrix", _I)  # into a slot of an array (`ctypes.byref`)
_object_font_size = _bind("FPDFTextObj_GetFontSize", _I, _P, _P)  # into a slot of an array (`ctypes.byref`)


def _read_chars(textpage: pypdfium2.PdfTextPage, geometry: PageGeometry, page_number: int, painting: _Painting):
    """pdfplumber character dicts for the text page's characters (the line breaks pdfium generates left out, as
    pdfminer has none).

    This is the ingest's inner loop (a page has thousands of characters, and some PDF writers make every glyph
    its own text object), in three passes: the pdfium reads, each a tight loop of calls bound to plain addresses
    (`_bind_unchecked`), into lists and ctypes arrays; the boxes of all characters at once on numpy arrays (the
    same double-precision operations in the same order as one character at a time, so the same values to the
    last bit); then one loop that makes the dicts, the generated spaces and the hidden marks. What a text
    object's font, size, render mode and matrix imply is worked out once per distinct combination."""
    raw = textpage.raw
    raw_address = _address(raw)
    raw_ref = ctypes.c_void_p(raw_address)  # for the `_bind_unchecked` reads
    n_chars = pdfium_c.FPDFText_CountChars(raw)
    if n_chars <= 0:
        return [], 0, (0, False), None
    code_array = _unicode_codes(raw, n_chars)
    # only the characters the page's text does not give are asked (a few per page: NULs, line-end hyphens)
    ask_at = numpy.flatnonzero(code_array == _ASK_PER_CHARACTER).tolist()
    asked = list(map(_char_unicode, repeat(raw_ref), ask_at))
    code_array[ask_at] = asked
    # A character outside the Basic Multilingual Plane (mathematical italic 𝜋, bold 𝐱, emoji) is two text page
    # characters, its UTF-16 halves, each alone no text: the first takes the whole character, the second is left out.
    # (`_unicode_codes` has every character asked on its own on such a page, so only asked ones can be halves.)
    low_halves = []
    if any(_SURROGATES.start <= code < _SURROGATES.stop for code in asked):
        codes = code_array.tolist()
        low_halves = _join_surrogate_pairs(codes)
        code_array = numpy.array(codes, dtype=numpy.int64)
    # Spaces and line breaks pdfium generates are left out; a generated space asks for one between the characters
    # around it (see `_generated_space`).
    space_or_break = (code_array == 0x20) | (code_array == 0x0D) | (code_array == 0x0A)  # _GENERATED_SPACE_OR_BREAK
    generated = [index for index in numpy.flatnonzero(space_or_break).tolist() if _char_generated(raw_ref, index)]
    if generated or low_halves:
        keep = numpy.ones(n_chars, dtype=bool)
        keep[generated + low_halves] = False
        candidates = numpy.flatnonzero(keep).tolist()
        generated_spaces = [index for index in generated if code_array[index] == 0x20]
    else:
        candidates, generated_spaces = range(n_chars), []
    if not candidates:
        return [], 0, (0, False), None
    # Loose boxes (left, top, right, bottom as floats), one array slot per candidate; a character without one is
    # left out.
    # (the reads below are `map`s over the indexes, with no Python step per character between the calls)
    n_candidates = len(candidates)
    boxes = (ctypes.c_float * (4 * n_candidates))()
    by_ref = ctypes.byref
    box_slots = map(by_ref, repeat(boxes), range(0, 16 * n_candidates, 16))
    has_box = list(map(_char_loose_box, repeat(raw_ref), candidates, box_slots))
    box_array = numpy.frombuffer(boxes, dtype=numpy.float32).reshape(-1, 4).astype(numpy.float64)
    if all(has_box):
        kept = list(candidates)
    else:
        kept = [index for index, ok in zip(candidates, has_box, strict=False) if ok]
        box_array = box_array[numpy.array(has_box, dtype=bool)]
    if not kept:
        return [], 0, (0, False), None
    handles = list(map(_char_text_object, repeat(raw_ref), kept))
    n_kept = len(kept)
    origin_buffer = (ctypes.c_double * (2 * n_kept))()  # x, y of each character's origin
    x_slots = map(by_ref, repeat(origin_buffer), range(0, 16 * n_kept, 16))
    y_slots = map(by_ref, repeat(origin_buffer), range(8, 16 * n_kept, 16))
    for _ in map(_char_origin, repeat(raw_ref), kept, x_slots, y_slots):
        pass
    origins = numpy.frombuffer(origin_buffer, dtype=numpy.float64).reshape(-1, 2)
    # Asked for every character: an unmapped glyph's code may equal the Unicode of another glyph of its font ("Th"
    # set as code 0x33 beside a mapped "3"), so font and code do not tell.
    # (a line-end hyphen is asked too, and its answer ignored: a pure read, cheaper than a test per character)
    map_errors = numpy.fromiter(map(_char_map_error, repeat(raw_ref), kept), dtype=numpy.intc, count=len(kept))
    unmapped = (map_errors == 1) & (code_array[kept] != _LINE_END_HYPHEN)

    # Each character's text object, and each object's info (shared by the objects of one font, size, render mode
    # and matrix): some writers make every glyph an object, so the four reads of an object are made in tight loops
    # over the page's objects, and only a combination not seen before builds its info (`_text_object_info`).
    # The objects in the order of their first character, each character's object slot and each object's first
    # character (its text page index), on arrays: one pass per character less than with dicts.
    unique_handles, first_at, inverse = numpy.unique(
        numpy.array(handles, dtype=numpy.uint64), return_index=True, return_inverse=True
    )
    by_first = numpy.argsort(first_at, kind="stable")
    rank = numpy.empty_like(by_first)
    rank[by_first] = numpy.arange(len(by_first))
    objects = unique_handles[by_first].tolist()
    char_objects = rank[inverse.reshape(-1)]
    first_index = numpy.array(kept, dtype=numpy.intp)[first_at[by_first]].tolist()
    n_objects = len(objects)
    sizes_out = (ctypes.c_float * n_objects)()
    matrices_out = (ctypes.c_float * (6 * n_objects))()  # FS_MATRIX: a, b, c, d, e, f
    # (the objects are plain ints here: the functions with declared types convert them faster than a
    # `ctypes.c_void_p` is made for each)
    has_size = list(map(_object_font_size, objects, map(by_ref, repeat(sizes_out), range(0, 4 * n_objects, 4))))
    fonts_of = list(map(_text_font, objects))
    modes = list(map(_text_render_mode, objects))
    matrix_slots = map(by_ref, repeat(matrices_out), range(0, 24 * n_objects, 24))
    for _ in map(_char_matrix_unchecked, repeat(raw_ref), first_index, matrix_slots):
        pass
    sizes = numpy.frombuffer(sizes_out, dtype=numpy.float32).tolist()
    matrix_columns = numpy.frombuffer(matrices_out, dtype=numpy.float32).reshape(-1, 6)[:, :4].T.tolist()
    # the key `_text_object_info` makes, where the object's own font size is read (not 0)
    keys = list(zip(fonts_of, sizes, modes, *matrix_columns, strict=False))
    usable = [bool(handle and ok and size) for handle, ok, size in zip(objects, has_size, sizes, strict=False)]
    infos_shared: dict[tuple, _TextObjectInfo] = {}  # (font, size, render mode, matrix) -> info
    fonts: dict[int, tuple[str, float]] = {}
    reads = _ObjectReads()
    to_device = geometry.to_device
    for key, slot in dict(zip(reversed(keys), reversed(range(n_objects)), strict=False)).items():
        if usable[slot] and key not in infos_shared:
            _text_object_info(raw, raw_address, first_index[slot], objects[slot], to_device, fonts, infos_shared, reads)
    object_infos = [infos_shared[key] if use else None for key, use in zip(keys, usable, strict=False)]
    for slot, info in enumerate(object_infos):
        if info is None:  # no object, or no font size of its own: read the slow way
            object_infos[slot] = _text_object_info(
                raw, raw_address, first_index[slot], objects[slot], to_device, fonts, infos_shared, reads
            )
    if painting.covering_images:
        text_order = painting.text_order()
        orders = [text_order.get(handle, 0) for handle in objects]
    else:
        orders = [0] * n_objects
    char_object_slots = char_objects.tolist()
    char_info = [object_infos[slot] for slot in char_object_slots]
    char_order = [orders[slot] for slot in char_object_slots] if painting.covering_images else None
    distinct = list(infos_shared.values())
    slot_of = {id(info): slot for slot, info in enumerate(distinct)}
    per_info = numpy.array(
        [(*info.matrix, info.font_size, info.descent, *info.user_direction) for info in distinct], dtype=numpy.float64
    )
    object_info_slots = numpy.array([slot_of[id(info)] for info in object_infos], dtype=numpy.intp)
    a, b, c, d, fs, info_descent, user_x, user_y = per_info[object_info_slots[char_objects]].T

    # The boxes, every character at once (the operations of the one-character formula, in its order).
    ta, tb, tc, td, te, tf = to_device
    left, box_top, right, box_bottom = box_array.T
    run, rise = right - left, box_top - box_bottom
    with numpy.errstate(divide="ignore", invalid="ignore"):
        # The loose box's extent along the writing direction is the advance width (in the displayed page's space).
        along_x = (b == 0.0) | (numpy.abs(b) <= 1e-6 * numpy.abs(a))
        along_y = ~along_x & ((a == 0.0) | (numpy.abs(a) <= 1e-6 * numpy.abs(b)))
        width = numpy.abs(run * ta + rise * tc)
        # a slanted face drawn by a skewed matrix (an oblique made from the upright font): the box holds the slant's
        # run across its height besides the advance, which would close every gap after the glyph
        slanted = (c != 0.0) & (d != 0.0)
        width = numpy.where(slanted, width - numpy.abs(c / d) * numpy.abs(run * tb + rise * td), width)
        adv_x = numpy.where(a != 0.0, numpy.where(width > 0.0, width, 0.0) / numpy.abs(a), 0.0)
        adv_y = numpy.abs(run * tb + rise * td) / numpy.abs(b)
        adv = numpy.where(along_x, adv_x, numpy.where(along_y, adv_y, 0.0))
        for position in numpy.flatnonzero(~along_x & ~along_y).tolist():
            # turned at another angle: rare, and its square root taken as Python takes it
            ai, bi = float(a[position]), float(b[position])
            adv[position] = max(float(run[position]), float(rise[position])) / (ai * ai + bi * bi) ** 0.5
        # Where pdfium has no advance for a glyph (small caps set from a font whose widths it did not take), its
        # loose box is the ink's box, which starts past the origin by the glyph's side bearing: the advance read
        # as the ink's width from the origin then stops short of the ink, and a gap opens inside the word. The
        # box reaches at least to the ink's end (along the writing direction, in user space).
        ox, oy = origins[:, 0], origins[:, 1]
        direction_length = numpy.hypot(user_x, user_y)
        ux, uy = user_x / direction_length, user_y / direction_length
        origin_along = ox * ux + oy * uy
        box_start = numpy.minimum(left * ux, right * ux) + numpy.minimum(box_bottom * uy, box_top * uy) - origin_along
        box_end = numpy.maximum(left * ux, right * ux) + numpy.maximum(box_bottom * uy, box_top * uy) - origin_along
        font_points = numpy.abs(fs * numpy.hypot(a, b))
        starts_past_origin = (box_start > INK_BOX_OFFSET * font_points) & ~slanted & (font_points > 0)
        if starts_past_origin.any():
            adv = numpy.where(starts_past_origin, numpy.maximum(adv, box_end / numpy.hypot(a, b)), adv)
            # pdfium gives some text objects' later characters the origin of the one before (a dot leader, the
            # glyphs of one small-caps object): their boxes then all start there, stacked, while the loose boxes
            # are where the page draws them. Such a character starts where its loose box starts.
            shared_origin = numpy.zeros(len(kept), dtype=bool)
            shared_origin[1:] = (ox[1:] == ox[:-1]) & (oy[1:] == oy[:-1]) & (char_objects[1:] == char_objects[:-1])
            moved = starts_past_origin & shared_origin
            if moved.any():
                ox, oy = ox + numpy.where(moved, box_start * ux, 0.0), oy + numpy.where(moved, box_start * uy, 0.0)
                adv = numpy.where(moved, (box_end - box_start) / numpy.hypot(a, b), adv)
        # widths are given in thousandths of the font size: snapping to them removes the float noise of the box,
        # so that equal glyphs have equal sizes (the word extractor groups characters on exact sizes)
        adv = numpy.where(fs != 0.0, (numpy.rint(adv / fs * 1000.0) + 0.0) / 1000.0 * fs, adv)
    e = ta * ox + tc * oy + te
    f = tb * ox + td * oy + tf
    descent = info_descent * fs
    # pdfminer's LTChar box: from (0, descent) to (advance, descent + size) in text space
    x0, y0 = c * descent + e, d * descent + f
    x1, y1 = a * adv + c * (descent + fs) + e, b * adv + d * (descent + fs) + f
    x0, x1 = numpy.where(x1 < x0, x1, x0), numpy.where(x1 < x0, x0, x1)
    y0, y1 = numpy.where(y1 < y0, y1, y0), numpy.where(y1 < y0, y0, y1)
    mb_x0, mb_top, height = geometry.mediabox[0], geometry.mediabox[1], geometry.height
    top = (height - y1) + mb_top
    bottom = (height - y0) + mb_top
    if mb_x0 != 0:
        x0, x1 = x0 + mb_x0, x1 + mb_x0
    size = y1 - y0
    # A generated space between the last character kept and this one (a space character is then made if the gap
    # is wide enough).
    if generated_spaces:
        spaces_before = numpy.searchsorted(numpy.array(generated_spaces), numpy.array(kept))
        space_pending = spaces_before > numpy.concatenate(([0], spaces_before[:-1]))
    else:
        space_pending = numpy.zeros(len(kept), dtype=bool)

    kept_code_array = code_array[kept]
    kept_codes = kept_code_array.tolist()
    try:
        # each code's character, decoded as one string (the codes are UTF-32 units; a lone surrogate half passes
        # as the character `chr` makes of it)
        texts = list(kept_code_array.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass"))
    except UnicodeDecodeError:  # a code past Unicode's last plane
        texts = [chr(code) if 0 <= code <= 0x10FFFF else "\ufffd" for code in kept_codes]
    if (kept_code_array == _LINE_END_HYPHEN).any():
        texts = ["-" if code == _LINE_END_HYPHEN else text for code, text in zip(kept_codes, texts, strict=False)]
    unmapped_at = numpy.flatnonzero(unmapped).tolist()
    for slot in unmapped_at:
        # no Unicode for this glyph (pdfium gives its code instead): the marker that glyph repair resolves with the
        # whole document's words (a ligature), as pdfminer's undecodable glyphs were
        texts[slot] = UNMAPPED
    # `matrix` is the text object's (a, b, c, d), shared by its characters: what is read of it (the writing
    # direction, the slant) is the same for all of them, and a tuple per character with its own e, f cost a tenth
    # of the reading (pdfplumber's 6-tuple ends in the origin, which nothing here reads).
    chars = [
        {
            "text": text,
            "fontname": info.fontname,
            "size": char_size,
            "upright": info.upright,
            "x0": char_x0,
            "x1": char_x1,
            "top": char_top,
            "bottom": char_bottom,
            "doctop": char_top,
            "matrix": info.matrix,
            "font_size": info.font_size,
            "object_type": "char",
        }
        for text, info, char_size, char_x0, char_x1, char_top, char_bottom in zip(
            texts,
            char_info,
            size.tolist(),
            x0.tolist(),
            x1.tolist(),
            top.tolist(),
            bottom.tolist(),
            strict=False,
        )
    ]
    for slot in unmapped_at:
        chars[slot]["unmapped_code"] = kept_codes[slot]  # the glyph's code in its font, for `ingest.GlyphNames`
    # A glyph at code 0 of a font without a Unicode map comes as NUL, unflagged (TeX's extension font sets its big
    # left parenthesis there): its font may still name it. It keeps its NUL (a ligature's guess) when it does not.
    nul_at = numpy.flatnonzero((kept_code_array == 0) & ~unmapped).tolist()
    for slot in nul_at:
        chars[slot]["unmapped_code"] = 0
    hidden = _mark_hidden(chars, handles, char_info, char_order, painting, geometry, any(i.invisible for i in distinct))
    # a character is off the page where its centre is (`ingest.visible_part`'s test, on every character at once)
    page_left, page_top, page_right, page_bottom = geometry.mediabox
    centre_x, centre_y = (x0 + x1) / 2, (top + bottom) / 2
    off_page = not numpy.all(
        (page_left <= centre_x) & (centre_x <= page_right) & (page_top <= centre_y) & (centre_y <= page_bottom)
    )
    # A generated space between two characters kept becomes a space character where the gap is wide enough.
    # `_generated_space`'s clear cases are decided on arrays, every pending slot at once: no space across lines or
    # writing directions, a space where the gap is as wide as a word space; the rest are asked one by one.
    char_slots = object_info_slots[char_objects]
    upright_column = numpy.array([info.upright for info in distinct], dtype=bool)[char_slots]
    pending = numpy.flatnonzero(space_pending)
    pending = pending[pending > 0]  # (nothing before the first character on the page)
    after_at, before_at = pending, pending - 1
    before_upright = upright_column[before_at]
    # the font size in points, as `_generated_space` works it out (Python's power, per distinct info)
    points = numpy.array([(i.matrix[0] ** 2 + i.matrix[1] ** 2) ** 0.5 * i.font_size for i in distinct])[char_slots]
    points = points[before_at]
    gap_upright = (x0[after_at] - x1[before_at]) + numpy.abs(c[before_at]) * fs[before_at]
    gap_turned = top[after_at] - bottom[before_at]
    gap_turned = numpy.where(gap_turned < 0, top[before_at] - bottom[after_at], gap_turned)
    gap = numpy.where(before_upright, gap_upright, gap_turned)
    across = numpy.where(
        before_upright, numpy.abs(top[after_at] - top[before_at]), numpy.abs(x0[after_at] - x0[before_at])
    )
    # (each test as `_generated_space` writes it, negated: a NaN gap passes as it does there)
    on_line = (before_upright == upright_column[after_at]) & ~(across > 0.5 * points)
    wide = on_line & ~(gap < MIN_GENERATED_SPACE * points)
    spaces = []
    for slot, clear in zip(pending[on_line].tolist(), wide[on_line].tolist(), strict=True):
        before_index, before = kept[slot - 1], char_info[slot - 1]
        if clear:
            space = _space_between(chars[slot - 1], chars[slot])
        else:
            space = _generated_space(
                chars[slot - 1],
                chars[slot],
                # asked only where the gap alone is too narrow for a space (two more pdfium calls)
                lambda at=before_index, info=before: _ink_ends_the_box(raw, at, info.user_direction),
            )
        if space is not None:
            spaces.append((slot, space))
    unmapped_glyphs = texts.count(UNMAPPED) + len(nul_at)
    # the dicts' box, size, direction and font values as arrays, for the word builder (`words.CharColumns`)
    columns = [
        x0,
        x1,
        top,
        bottom,
        size,
        upright_column,
        numpy.array([info.fontname for info in distinct], dtype=object)[char_slots],
    ]
    if not spaces:
        return chars, unmapped_glyphs, (hidden, off_page), CharColumns(chars, len(chars), *columns)
    with_spaces: list[dict] = []
    start = 0
    for slot, space in spaces:
        with_spaces.extend(chars[start:slot])
        with_spaces.append(space)
        start = slot
        if not off_page:
            centre_x, centre_y = (space["x0"] + space["x1"]) / 2, (space["top"] + space["bottom"]) / 2
            off_page = not (page_left <= centre_x <= page_right and page_top <= centre_y <= page_bottom)
    with_spaces.extend(chars[start:])
    # each space before the character it was made for, as in the list
    at = [slot for slot, _ in spaces]
    columns = [
        numpy.insert(column, at, [space[key] for _, space in spaces])
        for column, key in zip(columns, ("x0", "x1", "top", "bottom", "size", "upright", "fontname"), strict=True)
    ]
    return with_spaces, unmapped_glyphs, (hidden, off_page), CharColumns(with_spaces, len(with_spaces), *columns)


def _mark_hidden(
    chars: list[dict],
    handles: list,
    char_info: list,
    char_order: list | None,
    painting: _Painting,
    geometry: PageGeometry,
    any_invisible: bool,
) -> int:
    """`hidden` on characters a reader does not see: drawn in an invisible render mode, outside the clip of the
    form they were placed with, or under an image painted after them; returns how many."""
    clips = painting.text_clips
    covering = painting.covering_images
    if not (clips or covering or any_invisible):
        return 0
    count = 0
    orders = char_order if char_order is not None else [0] * len(chars)  # painting order (`covering` only)
    for char, handle, info, info_order in zip(chars, handles, char_info, orders, strict=False):
        hidden = info.invisible
        if not hidden and clips:
            clip = clips.get(handle)
            if clip is not None:
                cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
                hidden = not (clip[0] - 1 <= cx <= clip[2] + 1 and clip[1] - 1 <= cy <= clip[3] + 1)
        if not hidden and covering:
            cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
            hidden = any(
                image.order > info_order
                and image.box[0] < cx < image.box[2]
                and image.box[1] < cy < image.box[3]
                and _paints_at(image, cx, cy, painting.page, geometry)
                for image in covering
            )
        if hidden:
            char["hidden"] = True
            count += 1
    return count


# What pdfium's text buffer holds where a character's own Unicode differs (codes 0 and 2: an unmapped glyph, a
# line-end hyphen), and what stands for "ask this character" in `_unicode_codes`.
_ASK_PER_CHARACTER = 0xFFFE
_SURROGATES = range(0xD800, 0xE000)


def _unicode_codes(raw_textpage, n_chars: int) -> numpy.ndarray:
    """Every character's Unicode from one call for the page's text (one UTF-16 unit per character), instead of a
    call per character; where the text differs from the character's own code (see `_ASK_PER_CHARACTER`), or the
    page has a character outside the Basic Multilingual Plane (two units: the units no longer line up with the
    characters), the character is asked on its own."""
    if n_chars <= 0:
        return numpy.zeros(0, dtype=numpy.int64)
    buffer = (ctypes.c_ushort * (n_chars + 1))()
    written = pdfium_c.FPDFText_GetText(raw_textpage, 0, n_chars, buffer)
    units = numpy.frombuffer(buffer, dtype=numpy.uint16)[: max(0, written - 1)]
    if len(units) != n_chars or ((units >= _SURROGATES.start) & (units < _SURROGATES.stop)).any():
        return numpy.full(n_chars, _ASK_PER_CHARACTER, dtype=numpy.int64)
    return units.astype(numpy.int64)


def _join_surrogate_pairs(codes: list[int]) -> list[int]:
    """Each high surrogate followed by a low one becomes the code point the two encode (in place); returns the
    indexes of the low halves, which are no characters of their own."""
    units = numpy.array(codes, dtype=numpy.int64)
    high = (units >= 0xD800) & (units < 0xDC00)
    low = (units >= 0xDC00) & (units < 0xE000)
    # (a low half is never a high one, so no pair overlaps the next: all are found at once)
    pairs = numpy.flatnonzero(high[:-1] & low[1:]).tolist()
    for index in pairs:
        codes[index] = 0x10000 + ((codes[index] - 0xD800) << 10) + (codes[index + 1] - 0xDC00)
    return [index + 1 for index in pairs]


def _ink_ends_the_box(raw_textpage, index: int, direction: tuple[float, float]) -> bool:
    """Whether a glyph's ink reaches past its advance (an italic or a hooked f), so that its loose box ends at the
    ink: the box then overstates the advance, and the gap after it is wider than it looks."""
    loose = pdfium_c.FS_RECTF()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    if not (pdfium_c.FPDFText_GetLooseCharBox(raw_textpage, index, loose)):
        return False
    if not pdfium_c.FPDFText_GetCharBox(raw_textpage, index, left, right, bottom, top):
        return False
    # The end of each box along the writing direction (user space): on a turned page (/Rotate) upright text runs
    # along y there, and an overhanging f before a word space is as common as on an upright one. (Across the line
    # pdfium's loose boxes of turned text follow the ink; only the ends along it are compared.)
    ux, uy = direction
    if abs(uy) <= 1e-6 * abs(ux):
        loose_end, ink_end = (loose.right, right.value) if ux > 0 else (loose.left, left.value)
    elif abs(ux) <= 1e-6 * abs(uy):
        loose_end, ink_end = (loose.top, top.value) if uy > 0 else (loose.bottom, bottom.value)
    else:
        return False  # turned at another angle: the boxes' ends are not along the line
    return abs(loose_end - ink_end) < 0.01


def _generated_space(before: dict | None, after: dict, overhangs=False) -> dict | None:
    """A space character filling the gap between two characters on one line, if the gap is as wide as a space or
    the character before ends in overhanging ink (pdfium, which knows its advance, saw a gap there). `overhangs`
    may be a function, asked only when the gap alone does not decide."""
    if before is None or before["upright"] != after["upright"] or before["fontname"] is None:
        return None
    a, b = before["matrix"][:2]
    font_size = (a * a + b * b) ** 0.5 * before.get("font_size", 0.0)
    if before["upright"]:
        gap, across = after["x0"] - before["x1"], abs(after["top"] - before["top"])
        # a slanted glyph's box reaches over the slant's run at its top: the gap at the baseline is wider
        gap += abs(before["matrix"][2]) * before.get("font_size", 0.0)
    else:
        gap, across = after["top"] - before["bottom"], abs(after["x0"] - before["x0"])
        if gap < 0:
            gap = before["top"] - after["bottom"]
    if across > 0.5 * font_size:
        return None
    number_unit = before["text"].isdigit() and after["text"].isalpha()
    minimum = MIN_NUMBER_UNIT_SPACE if number_unit else MIN_GENERATED_SPACE
    if gap < minimum * font_size and not (overhangs() if callable(overhangs) else overhangs):
        return None
    return _space_between(before, after)


def _space_between(before: dict, after: dict) -> dict:
    """The space character `_generated_space` makes between two characters."""
    space = dict(before)
    space.pop("hidden", None)
    space.pop("unmapped_code", None)  # a space, whatever glyph it follows: glyph decoding must not give it text
    space["text"] = " "
    if before["upright"]:
        # where the ink of the glyph before overhangs the next one (a hooked f), the space still sorts before it
        space["x0"], space["x1"] = min(before["x1"], after["x0"]), after["x0"]
    return space


_FONT_NAME_BUFFER = ctypes.create_string_buffer(512)


@dataclass
class _ObjectReads:
    """Output buffers for the per-text-object reads, made once per page."""

    size: ctypes.c_float = field(default_factory=ctypes.c_float)
    matrix: pdfium_c.FS_MATRIX = field(default_factory=pdfium_c.FS_MATRIX)


def _text_object_info(
    raw_textpage,
    raw_address: int,
    index: int,
    handle,
    to_device: Affine,
    fonts: dict,
    shared: dict,
    reads: _ObjectReads,
) -> _TextObjectInfo:
    """Font name, size, descent, matrix and visibility of a text object, read once for all its characters (and
    shared by the objects of one font, size, render mode and matrix: some writers make each glyph an object)."""
    font = _text_font(handle) if handle else None
    size = reads.size
    font_size = float(size.value) if handle and _text_font_size(handle, size) else 0.0
    if not font_size:
        font_size = float(pdfium_c.FPDFText_GetFontSize(raw_textpage, index))
    matrix = reads.matrix
    _char_matrix(raw_address, index, ctypes.addressof(matrix))
    mode = _text_render_mode(handle) if handle else 0
    key = (font, font_size, mode, matrix.a, matrix.b, matrix.c, matrix.d)
    info = shared.get(key)
    if info is not None:
        return info
    fontname, descent = "", 0.0
    if font:
        if font not in fonts:
            # the name as the PDF gives it, with its subset prefix ("ABCDEF+Name"), as pdfminer reads it
            length = pdfium_c.FPDFText_GetFontInfo(raw_textpage, index, _FONT_NAME_BUFFER, len(_FONT_NAME_BUFFER), None)
            name = _FONT_NAME_BUFFER.raw[: max(0, min(length, len(_FONT_NAME_BUFFER)) - 1)].decode("utf-8", "replace")
            value = ctypes.c_float()
            fonts[font] = (name, value.value / 1000.0 if _font_descent(font, 1000.0, value) else 0.0)
        fontname, descent = fonts[font]
    a, b, c, d = compose((matrix.a, matrix.b, matrix.c, matrix.d, 0.0, 0.0), (*to_device[:4], 0.0, 0.0))[:4]
    user_direction = (matrix.a, matrix.b)
    if font_size < 0:
        # A negative font size (`-8 Tf`) turns text space half a turn; pdfium gives it apart from the matrix, and
        # writers that set it (Telerik Reporting) undo it with a mirroring matrix or horizontal scaling (`-100 Tz`):
        # the glyph's size and matrix as pdfminer reads them are the product, the size positive.
        font_size, a, b, c, d = -font_size, -a, -b, -c, -d
        user_direction = (-matrix.a, -matrix.b)
    upright = a * d > 0 and b * c <= 0
    info = shared[key] = _TextObjectInfo(
        fontname,
        font_size,
        descent,
        (a, b, c, d),
        user_direction,
        upright,
        mode in INVISIBLE_RENDER_MODES,
    )
    return info
