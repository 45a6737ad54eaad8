"""Structure: turn page words into an ordered document of passages with sections.

Everything is derived from layout and typography, never from one paper's wording. The steps, one module each:

1. `reading_order`: words -> row fragments (superscripts and ligatures normalised, font subsets merged, drop caps
   joined to their word, fragments cut at page-wide gutters however narrow, caption labels kept with their
   text), running headers/footers, page numbers and margin line numbers removed, regions (columns, spanning
   zones) ordered by a recursive cut on whitespace, lines;
2. `blocks`: lines -> blocks at paragraph breaks; body style from running prose (the larger of two substantial
   prose styles); title, headings (run-in ones too) and levels, captions, metadata, figure text, footnotes,
   paragraphs; paragraphs interrupted by a column, page, figure, caption or a box read in between joined;
3. `repair`: ligatures and odd Unicode normalised, end-of-line hyphenation decided from the document's own
   vocabulary and a general word list;
4. `references`: reference lists, abbreviation lists, citation markers;
5. `document`: all of it assembled into a `StructuredDocument` (`build_document`); small print written as sentences
   becomes a note, read as prose.

`conventions` holds the layout data (`models/structure/layout.json`) and the print patterns they share.
"""

from pipeline.extract.structure.document import build_document

__all__ = ["build_document"]
