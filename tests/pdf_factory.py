"""Small PDFs the tests generate: broken, encrypted, empty and unreadable files of every kind a corpus holds."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def text_pdf(path: Path, paragraphs: list[str], title: str = "") -> Path:
    """A born-digital one-column PDF with real text (reportlab's standard fonts have Unicode maps)."""
    page = canvas.Canvas(str(path), pagesize=A4)
    if title:
        page.setTitle(title)
    y = 800
    for paragraph in paragraphs:
        for line in _wrap(paragraph, 90):
            page.drawString(60, y, line)
            y -= 14
            if y < 60:
                page.showPage()
                y = 800
        y -= 10
    page.save()
    return path


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + ([line] if line else [])


def encrypted_pdf(path: Path, source: Path, password: str = "secret") -> Path:
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=password, owner_password=password, algorithm="AES-128")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def zero_page_pdf(path: Path) -> Path:
    with path.open("wb") as handle:
        PdfWriter().write(handle)
    return path


def truncated_pdf(path: Path, source: Path, keep: float = 0.4) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def cid_font_pdf(path: Path, n_lines: int = 30) -> Path:
    """Text drawn with a composite font that has no ToUnicode map: extractors can only see (cid:N) codes."""
    text = "".join(f"{code:04X}" for code in range(36, 36 + 40))
    content = "BT /F1 11 Tf 50 800 Td " + " ".join(f"<{text}> Tj 0 -14 Td" for _ in range(n_lines)) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        " /Contents 6 0 R >>",
        "<< /Type /Font /Subtype /Type0 /BaseFont /NoMapFont /Encoding /Identity-H /DescendantFonts [5 0 R] >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMapFont /CIDSystemInfo << /Registry (Adobe)"
        " /Ordering (Identity) /Supplement 0 >> /DW 500 >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
    ]
    return write_pdf(path, [body.encode("latin-1") for body in objects])


def write_pdf(path: Path, objects: list[bytes], info: int | None = None) -> Path:
    """A hand-made PDF: numbered objects (1 is the catalog, `info` the metadata), a cross-reference table and a
    trailer."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    info_entry = f" /Info {info} 0 R" if info else ""
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info_entry} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def empty_file(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def not_a_pdf(path: Path) -> Path:
    path.write_text("plain text notes, saved with a .pdf name")
    return path


def _flate_stream(content: bytes) -> bytes:
    import zlib

    packed = zlib.compress(content, 9)
    return f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode() + packed + b"\nendstream"


def text_pages_pdf(
    path: Path,
    n_pages: int,
    extra: dict[int, bytes] | None = None,
    info: bytes = b"",
    shared: bytes = b"",
    shared_stream: bytes = b"",
) -> Path:
    """`n_pages` pages of plain Helvetica text; `extra` adds raw content operators to some pages (1-based), `info`
    is the body of the document information dictionary (metadata), and `shared` is one content stream that every
    page after the first also draws (stored once: the file stays small however many pages draw it); `shared_stream`
    is such a stream given ready-made (dictionary and data)."""
    extra = extra or {}
    font = 3 + 2 * n_pages
    shared_obj = font + 1 + (1 if info else 0)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for number in range(1, n_pages + 1):
        page_obj, content_obj = 3 + 2 * (number - 1), 4 + 2 * (number - 1)
        kids.append(f"{page_obj} 0 R")
        text = f"BT /F1 11 Tf 60 780 Td (Page {number}: ultrafiltration is simple but its yield is low.) Tj ET\n"
        contents = (
            f"[{content_obj} 0 R {shared_obj} 0 R]"
            if (shared or shared_stream) and number > 1
            else f"{content_obj} 0 R"
        )
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {font} 0 R >> >>"
            f" /Contents {contents} >>".encode()
        )
        objects.append(_flate_stream(text.encode() + extra.get(number, b"")))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {n_pages} >>".encode()
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    if info:
        objects.append(info)
    if shared or shared_stream:
        objects.append(shared_stream or _flate_stream(shared))
    return write_pdf(path, objects, info=font + 1 if info else None)


def nested_metadata_pdf(path: Path, n_pages: int = 60, depth: int = 100_000) -> Path:
    """A readable PDF whose metadata title nests `depth` arrays: recursive PDF parsers overflow the stack."""
    return text_pages_pdf(path, n_pages, info=b"<< /Title " + b"[" * depth + b"]" * depth + b" >>")


def inflate_bomb_pdf(path: Path, inflated_mb: int = 1500) -> Path:
    """Three text pages; the second also draws a content stream that inflates from about 1 KB per MB to
    `inflated_mb` MB of blanks (a "zip bomb": the file stays small). The deflate data is one flushed block of 1 MB
    of blanks repeated, so it is built in a blink instead of compressing gigabytes."""
    import zlib

    megabyte = b" " * (1 << 20)
    packer = zlib.compressobj(9)
    header_and_first = packer.compress(megabyte) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(megabyte) + packer.flush(zlib.Z_FULL_FLUSH)  # the same bytes for every later MB
    # Adler-32 of n equal bytes v in closed form: A = 1 + n*v, B = n + v*n*(n+1)/2 (mod 65521)
    n, v, modulus = inflated_mb << 20, ord(" "), 65521
    checksum = ((n + v * n * (n + 1) // 2) % modulus) << 16 | (1 + n * v) % modulus
    packed = header_and_first + block * (inflated_mb - 1) + packer.flush()[:-4] + checksum.to_bytes(4, "big")
    assert inflated_mb > 4 or zlib.decompress(packed) == megabyte * inflated_mb  # a valid zlib stream
    bomb = f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode() + packed + b"\nendstream"
    return text_pages_pdf(path, 3, shared_stream=bomb)


def slow_page_pdf(path: Path, n_pages: int = 6, operators: int = 6_000_000) -> Path:
    """A small PDF whose pages after the first clip millions of times (`0 0 1 1 re W n`, one stream under 300 KB
    compressed, drawn by each page): seconds per page even for pdfium, so well over a minute in all; minutes per
    page for pdfminer."""
    return text_pages_pdf(path, n_pages, shared=b"0 0 1 1 re W n " * operators)


def joined_pdf(path: Path, parts: list[tuple[Path, list[int]]]) -> Path:
    """Pages of real PDFs joined into one (0-based page indices per source), e.g. a text page and a scanned one."""
    import pypdfium2 as pdfium

    joined = pdfium.PdfDocument.new()
    for source, pages in parts:
        joined.import_pages(pdfium.PdfDocument(source), pages)
    joined.save(path)
    return path
