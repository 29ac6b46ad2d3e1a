"""CSV files that staff and partners open in a spreadsheet: one rule against formula injection, for every export."""

# A cell starting with one of these is read as a formula by Excel, LibreOffice or Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell):
    """The cell as text that no spreadsheet runs: a leading quote before a formula character."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell
