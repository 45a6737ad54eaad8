"""Conventions of scholarly print: the layout data in `models/structure/layout.json` (section and caption words,
font-weight hints, header bands) and the fixed patterns several steps share (sentence ends, numbered headings,
citation markers)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.config import models_dir

CONFIG_PATH = models_dir() / "structure" / "layout.json"


TERMINAL = re.compile(r"[.!?:][\"'”’)\]]*$")


CITATION_BODY = r"\d{1,4}(?:\s*[-–—]\s*\d{1,4})?(?:\s*[,;]\s*\d{1,4}(?:\s*[-–—]\s*\d{1,4})?)*"


BRACKET_CITATION = re.compile(r"\[\s*(" + CITATION_BODY + r")\s*\]")


SUPERSCRIPT_CITATION = re.compile(r"^\d{1,4}(?:[-–—,]\d{1,4})*$")


EMAIL = re.compile(r"[\w.+-]+@\s?[\w-]+(?:\.\s?[\w-]+)+")


LINK = re.compile(r"(?:https?://|www\.|doi:\s?|\b10\.\d{4,9}/)\S+", re.IGNORECASE)


# "2.1 Methods", "IV. Results", and lower levels under a roman section or an appendix letter: "II.2. Paper size",
# "A.1 Proofs" (group 3 holds their arabic levels)
NUMBERED_HEADING = re.compile(
    r"^(?:(\d{1,2}(?:\.\d{1,2}){0,4})\.?|([IVX]{1,5})\.|(?:[IVX]{1,5}|[A-Z])((?:\.\d{1,2}){1,4})\.?)\s+\S"
)


@dataclass(frozen=True)
class LayoutConfig:
    vocabulary_package: str
    reference_headings: frozenset[str]
    abbreviation_headings: frozenset[str]
    contents_headings: frozenset[str]  # a table of contents' own heading ("Contents")
    keyword_headings: frozenset[str]
    front_matter_sections: frozenset[str]
    top_level_sections: frozenset[str]
    caption_pattern: re.Pattern
    bold_font_markers: tuple[str, ...]
    medium_font_markers: tuple[str, ...]
    monospace_font_markers: tuple[str, ...]
    monospace_tex_fonts: re.Pattern[str]
    exponent_units: frozenset[str]
    header_band_share: float
    header_min_pages: int
    metadata_pattern: re.Pattern
    correspondence_pattern: re.Pattern  # a cue anywhere in a block that gives an e-mail address: an author's note
    run_in_heading_max_words: int
    # TeX bitmap fonts read at their codes when so read they make running English (ingest.GlyphNames)
    tex_function_words: frozenset[str]
    tex_min_words: int
    tex_min_function_word_share: float
    tex_judged_words: int
    # a wide gap in a line is a justified line's stretched space, not a break, below this many ems and with this
    # share of it inked on the lines around it (reading_order._stretched_space)
    stretched_space_max: float
    stretched_space_ink: float
    stretched_space_blank: float  # ... and no blank strip this many ems wide on those lines (a gutter)
    # a line whose spaces are all stretched alike is justified: this many gaps, this spread and width in ems at most
    even_stretch_gaps: int
    even_stretch_spread: float
    even_stretch_max: float


def load_config(path: Path = CONFIG_PATH) -> LayoutConfig:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    labels = sorted(data["caption_labels"], key=len, reverse=True)
    label_alternatives = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in labels)
    caption = re.compile(
        r"^(?:" + label_alternatives + r")\.?\s*(S?\d{1,3}[A-Za-z]?|[IVX]{1,5})\b(\s*[.:|—–-])?", re.IGNORECASE
    )
    return LayoutConfig(
        vocabulary_package=data["vocabulary_package"],
        reference_headings=frozenset(data["reference_headings"]),
        abbreviation_headings=frozenset(data["abbreviation_headings"]),
        contents_headings=frozenset(data.get("contents_headings", [])),
        keyword_headings=frozenset(data.get("keyword_headings", [])),
        front_matter_sections=frozenset(data.get("front_matter_sections", [])),
        top_level_sections=frozenset(data["top_level_sections"]),
        caption_pattern=caption,
        bold_font_markers=tuple(data["bold_font_markers"]),
        medium_font_markers=tuple(data["medium_font_markers"]),
        monospace_font_markers=tuple(data.get("monospace_font_markers", [])),
        monospace_tex_fonts=re.compile(  # (no prefixes: a pattern that matches nothing)
            r"^(?:" + "|".join(re.escape(p) for p in data.get("monospace_tex_font_prefixes", [])) + r")\d{3,4}$"
            if data.get("monospace_tex_font_prefixes")
            else r"(?!)"
        ),
        exponent_units=frozenset(data["exponent_units"]),
        header_band_share=float(data["header_band_share"]),
        header_min_pages=int(data["header_min_pages"]),
        metadata_pattern=re.compile("|".join(f"(?:{p})" for p in data["metadata_patterns"]), re.IGNORECASE),
        correspondence_pattern=re.compile(
            r"\b(?:" + "|".join(re.escape(cue) for cue in data["correspondence_cues"]) + r")\b", re.IGNORECASE
        ),
        run_in_heading_max_words=int(data["run_in_heading_max_words"]),
        tex_function_words=frozenset(data["tex_text_check"]["function_words"]),
        tex_min_words=int(data["tex_text_check"]["min_words"]),
        tex_min_function_word_share=float(data["tex_text_check"]["min_function_word_share"]),
        tex_judged_words=int(data["tex_text_check"]["judged_words"]),
        stretched_space_max=float(data["stretched_space"]["max_em"]),
        stretched_space_ink=float(data["stretched_space"]["min_ink_share"]),
        stretched_space_blank=float(data["stretched_space"]["max_blank_em"]),
        even_stretch_gaps=int(data["even_stretch"]["min_gaps"]),
        even_stretch_spread=float(data["even_stretch"]["spread_em"]),
        even_stretch_max=float(data["even_stretch"]["max_em"]),
    )


def is_monospaced_font(fontname: str, config: LayoutConfig) -> bool:
    """A monospaced (typewriter) face: a marker in its name, or a TeX font of a typewriter family by its short
    name and design size (the EC/cm-super slanted and italic typewriters, "SFST0800", whose family letters alone
    would match other faces' names as a substring)."""
    name = fontname.lower().split("+")[-1]
    return any(marker in name for marker in config.monospace_font_markers) or bool(
        config.monospace_tex_fonts.match(name)
    )


@lru_cache(maxsize=1)
def default_config() -> LayoutConfig:
    return load_config()
