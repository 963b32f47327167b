"""Uploaded attachments: type by content (not by name or the browser's claim), size, safe names."""

from __future__ import annotations

import hashlib
import io
import uuid
import zipfile
from dataclasses import dataclass

from django.core.files.base import ContentFile

from pilothub.core.errors import DomainError

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024  # 20 MB
ALLOWED_LABEL = "PDF、DOCX、XLSX、JPG、PNG"


@dataclass(frozen=True)
class SniffedFile:
    content: ContentFile
    original_name: str
    content_type: str
    size: int
    sha256: str


def sniff_type(head: bytes, data: bytes) -> tuple[str, str] | None:
    """(extension, MIME type) from the file's bytes, or None if it is not an accepted type."""
    if head.startswith(b"%PDF-"):
        return "pdf", "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png", "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg", "image/jpeg"
    if head.startswith(b"PK\x03\x04"):
        # DOCX and XLSX are ZIP packages; the part names tell them apart (and from any other ZIP).
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
            return "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
            return "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return None


def _display_name(name: str) -> str:
    # Only the last path component, no control characters; it is display text, never a path.
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return cleaned[:200] or "附件"


def attachment_check(*, upload, field: str = "file") -> SniffedFile:
    """Validate an uploaded file and give it a random stored name with the sniffed extension."""
    if upload is None:
        raise DomainError("required", "请选择要上传的文件", "Choose a file to upload", field=field)
    size = int(getattr(upload, "size", 0) or 0)
    if size > MAX_ATTACHMENT_BYTES:
        raise DomainError("file_too_large", "文件超过 20 MB，请压缩后重新上传",
                          "The file is larger than 20 MB", field=field)
    if size == 0:
        raise DomainError("file_empty", "文件为空", "The file is empty", field=field)
    upload.seek(0)
    data = upload.read()
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise DomainError("file_too_large", "文件超过 20 MB，请压缩后重新上传",
                          "The file is larger than 20 MB", field=field)
    sniffed = sniff_type(data[:16], data)
    if sniffed is None:
        raise DomainError("file_type", f"文件格式不受支持：仅接受 {ALLOWED_LABEL}（按文件内容识别）",
                          "Unsupported file type: only PDF, DOCX, XLSX, JPG and PNG (checked by content)",
                          field=field)
    extension, content_type = sniffed
    content = ContentFile(data, name=f"{uuid.uuid4().hex}.{extension}")
    return SniffedFile(content=content, original_name=_display_name(getattr(upload, "name", "") or ""),
                       content_type=content_type, size=len(data), sha256=hashlib.sha256(data).hexdigest())
