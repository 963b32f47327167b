"""Checking proposal attachments by their content, not their name (pilothub.core.uploads).

PDF files start with "%PDF-". DOCX and XLSX are ZIP packages (Office Open XML) whose parts tell
them apart: word/document.xml or xl/workbook.xml. A file renamed to .pdf, or a ZIP that merely
ends in .docx, is refused.
"""

from __future__ import annotations

from typing import IO

from pilothub.core.uploads import MAX_UPLOAD_BYTES, sniff

MAX_ATTACHMENT_BYTES = MAX_UPLOAD_BYTES
ALLOWED_KINDS = ("pdf", "docx", "xlsx")


def sniff_kind(stream: IO[bytes]) -> str | None:
    """'pdf', 'docx', 'xlsx' or None, judged from the bytes; the stream is rewound afterwards."""
    start = stream.tell() if hasattr(stream, "tell") else 0
    try:
        kind = sniff(stream.read(MAX_ATTACHMENT_BYTES + 1))
        return kind if kind in ALLOWED_KINDS else None
    finally:
        stream.seek(start)
