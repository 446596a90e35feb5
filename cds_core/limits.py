"""How much of an uploaded file the app reads: size, rows, columns, cell length and parse time.

Every limit is far above a real form (a commune's quarter is about 120 values, a province's
whole export a few hundred thousand lines) and low enough that no file can hold the server for
more than seconds or take more than tens of megabytes. The README lists them (Security).
"""

from __future__ import annotations

import time

from cds_core.errors import CdsError

MAX_UPLOAD_MB = 10  # also server.maxUploadSize in .streamlit/config.toml
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_ROWS = 100_000  # data rows of a file, every sheet together: a province's quarter
MAX_COLUMNS = 20  # columns read from a sheet; the template has six
MAX_CELL = 10_000  # characters of one cell (a text value may hold 5,000, a comment 2,000)
# An .xlsx is a zip of XML: what it unpacks to, not its own size, is what parsing costs.
MAX_XLSX_PARTS = 300
MAX_XLSX_PART_BYTES = 20 * 1024 * 1024
MAX_XLSX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_PARSE_SECONDS = 20


def check_size(size: int) -> None:
    if size > MAX_UPLOAD_BYTES:
        raise CdsError("err_file_too_big", limit=MAX_UPLOAD_MB)


class Deadline:
    """The parse time limit, checked between rows: :meth:`check` raises once it has passed."""

    def __init__(self) -> None:
        self.seconds = MAX_PARSE_SECONDS
        self.end = time.monotonic() + self.seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise CdsError("err_parse_too_slow", seconds=int(self.seconds))
