"""Checking proposal attachments by their content, not their name.

PDF files start with "%PDF-". DOCX and XLSX are ZIP packages (Office Open XML) whose
[Content_Types].xml and main part tell them apart: word/document.xml or xl/workbook.xml. A file
renamed to .pdf, or a ZIP that merely ends in .docx, is refused.
"""

from __future__ import annotations

import io
import zipfile
from typing import IO

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
ALLOWED_KINDS = ("pdf", "docx", "xlsx")


def sniff_kind(stream: IO[bytes]) -> str | None:
    """'pdf', 'docx', 'xlsx' or None, judged from the bytes; the stream is rewound afterwards."""
    start = stream.tell() if hasattr(stream, "tell") else 0
    try:
        head = stream.read(8)
        if head.startswith(b"%PDF-"):
            return "pdf"
        if not head.startswith(b"PK\x03\x04"):
            return None
        stream.seek(start)
        data = stream.read()
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                names = set(package.namelist())
                if "[Content_Types].xml" not in names:
                    return None
                content_types = package.read("[Content_Types].xml")
        except (zipfile.BadZipFile, KeyError, RuntimeError):
            return None
        if "word/document.xml" in names and b"wordprocessingml.document.main" in content_types:
            return "docx"
        if "xl/workbook.xml" in names and b"spreadsheetml.sheet.main" in content_types:
            return "xlsx"
        return None
    finally:
        stream.seek(start)
