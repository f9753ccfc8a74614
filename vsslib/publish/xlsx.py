"""Excel files with the same bytes for the same content: no write time inside.

openpyxl stamps a workbook with the time it was written (the document's created/modified properties and
every zip entry's date), so two builds of the same inputs gave different downloads and workbooks. Here the
properties are left out and every entry dated 1980-01-01, the zip format's first day.
"""

from __future__ import annotations

import io
import re
import zipfile

_STAMPS = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")


def reproducible(book: bytes) -> bytes:
    """The workbook's bytes without its write time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "docProps/core.xml":
                data = _STAMPS.sub(b"", data)
            fixed = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = entry.compress_type
            fixed.external_attr = entry.external_attr
            target.writestr(fixed, data)
    return out.getvalue()
