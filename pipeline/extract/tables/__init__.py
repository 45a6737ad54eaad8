"""Tables: find table regions on a page, then assemble captioned tables with header rows.

Two detectors share one grid builder (grid.py):
- ruled tables come from pdfplumber's line strategy (detect.py); only its cell boxes are used, to get the row
  and column boundaries, and the text is placed by us;
- rule-less tables (booktabs, shaded bands, whitespace columns) are searched next to a "Table N" caption that no
  ruled table claimed (ruleless.py).
Everything happens in a reading frame (layout.py), so rotated tables are read with the same code. assemble.py
joins tables continued on the next page; accuracy.py scores grids against gold.
"""

from pipeline.extract.tables.accuracy import table_cell_accuracy
from pipeline.extract.tables.assemble import assemble_tables
from pipeline.extract.tables.detect import find_page_tables
from pipeline.extract.tables.layout import Frame

__all__ = ["Frame", "assemble_tables", "find_page_tables", "table_cell_accuracy"]
