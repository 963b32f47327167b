"""Uploaded attachments: checked by the shared validator (pilothub.core.uploads)."""

from __future__ import annotations

from pilothub.core.uploads import MAX_UPLOAD_BYTES, CheckedUpload, sniff, upload_check

MAX_ATTACHMENT_BYTES = MAX_UPLOAD_BYTES  # 20 MB
ALLOWED_LABEL = "PDF、DOCX、XLSX、JPG、PNG"
ALLOWED_KINDS = ("pdf", "docx", "xlsx", "jpg", "png")

SniffedFile = CheckedUpload


def sniff_type(head: bytes, data: bytes) -> tuple[str, str] | None:
    """(extension, MIME type) from the file's bytes, or None if it is not an accepted type."""
    from pilothub.core.uploads import FORMATS

    kind = sniff(data)
    return (kind, FORMATS[kind][0]) if kind in ALLOWED_KINDS else None


def attachment_check(*, upload, field: str = "file") -> CheckedUpload:
    """Validate an uploaded file and give it a random stored name with the sniffed extension."""
    return upload_check(upload, allowed=ALLOWED_KINDS, max_bytes=MAX_ATTACHMENT_BYTES, field=field)
