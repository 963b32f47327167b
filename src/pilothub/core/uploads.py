"""The one check every uploaded file passes (attachments, evidence, test reports, proposals).

- **Type by content**, never by the file name or the browser's Content-Type: magic bytes, then
  the format's own structure (an Office file is a ZIP whose parts say it is a document or a
  workbook; a PDF ends with %%EOF; a PNG starts with its IHDR chunk; a JPEG ends with EOI).
- **Polyglots refused**: a file that is also HTML/SVG/script (markers at either end) or has a ZIP
  archive appended behind an image or PDF; Office packages with macros, absolute or "../" part
  names, too many parts or a decompressed size out of proportion (ZIP bombs).
- **Size**: empty files and files above the limit (20 MB by default) are refused.
- **Names**: the uploaded name is only display text — its last path component, without control
  or bidirectional-override characters, at most 200 characters. The file is stored under a
  generated name (`<uuid>.<sniffed extension>`), so nothing the client sends becomes a path.

Downloads are served with the sniffed Content-Type, `Content-Disposition: attachment` and
`X-Content-Type-Options: nosniff` (see each app's download view).
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.files.base import ContentFile

from .errors import DomainError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# An Office package may not expand beyond this many times its own size (nor 200 MB).
MAX_ZIP_RATIO = 100
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 5000

FORMATS: dict[str, tuple[str, str]] = {
    # kind: (MIME type, label shown to people)
    "pdf": ("application/pdf", "PDF"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    "jpg": ("image/jpeg", "JPG"),
    "png": ("image/png", "PNG"),
}
DOCUMENT_KINDS = ("pdf", "docx", "xlsx", "jpg", "png")

# Markers of content a browser would run if it ever rendered the file as a page.
_ACTIVE_MARKERS = (b"<script", b"<html", b"<!doctype html", b"<svg", b"<?php", b"<iframe", b"<body",
                   b"javascript:", b"<%@")
_ZIP_END = b"PK\x05\x06"


class UploadRejected(DomainError):
    """An uploaded file was refused; nothing was stored."""


def sniff(data: bytes) -> str | None:
    """The format from the bytes alone (magic numbers and, for ZIPs, the package parts)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                names = set(package.namelist())
                if "[Content_Types].xml" not in names:
                    return None
                content_types = package.read("[Content_Types].xml")
        except (zipfile.BadZipFile, KeyError, RuntimeError, ValueError, EOFError, OSError):
            return None
        if b"macroenabled" in content_types.lower():
            return None  # .docm / .xlsm renamed: refused like any other unsupported type
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


def structure_problem(kind: str, data: bytes) -> str | None:
    """Why a file of a sniffed kind is not a plain file of that kind (a polyglot, a bomb …)."""
    head, tail = data[:1024].lower(), data[-1024:].lower()
    if any(marker in head or marker in tail for marker in _ACTIVE_MARKERS):
        return "active content (HTML/SVG/script) inside the file"
    trimmed = data.rstrip(b"\x00\r\n\t ")
    if kind == "pdf":
        if b"%%EOF" not in trimmed[-1024:]:
            return "data after the end of the PDF"
    elif kind == "png":
        if data[12:16] != b"IHDR":
            return "not a PNG image"
    elif kind == "jpg" and not trimmed.endswith(b"\xff\xd9"):
        return "data after the end of the JPEG image"
    if kind in ("pdf", "png", "jpg") and _ZIP_END in data[-(65536 + 22):]:
        return "an archive appended to the file"
    if kind in ("docx", "xlsx"):
        return _package_problem(data)
    return None


def _package_problem(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        return "a damaged package"
    if len(infos) > MAX_ZIP_ENTRIES:
        return "too many parts"
    expanded = sum(info.file_size for info in infos)
    if expanded > min(MAX_ZIP_UNCOMPRESSED, max(len(data), 1024 * 1024) * MAX_ZIP_RATIO):
        return "the package expands too much (ZIP bomb)"
    for info in infos:
        name = info.filename.replace("\\", "/")
        if name.startswith("/") or ".." in name.split("/") or ":" in name.split("/")[0]:
            return "a part name that is a path outside the package"
        if name.lower().endswith("vbaproject.bin"):
            return "macros"
    return None


def safe_display_name(name: str, *, fallback: str = "附件") -> str:
    """Display text from a client's file name; never used as a path."""
    base = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    # Cc: control characters (NUL, newlines …); Cf: format characters (U+202E RIGHT-TO-LEFT
    # OVERRIDE makes "gpj.exe" look like "exe.jpg"); Zl/Zp: line and paragraph separators.
    kept = "".join(ch for ch in base if unicodedata.category(ch) not in {"Cc", "Cf", "Zl", "Zp", "Cs", "Co"})
    kept = " ".join(kept.split()).lstrip(".").strip()
    if len(kept) > 200:
        stem, dot, ext = kept.rpartition(".")
        kept = (stem[: 200 - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else kept[:200]
    return kept or fallback


def generated_name(kind: str) -> str:
    return f"{uuid.uuid4().hex}.{kind}"


@dataclass(frozen=True)
class CheckedUpload:
    kind: str
    content: ContentFile  # named with a generated name: save it as it is
    original_name: str
    content_type: str
    size: int
    sha256: str


def _read(upload, max_bytes: int) -> bytes:
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(max_bytes + 1)
    if hasattr(upload, "seek"):
        upload.seek(0)
    return data


def upload_check(upload=None, *, data: bytes | None = None, name: str | None = None,
                 allowed: Iterable[str] = DOCUMENT_KINDS, max_bytes: int = MAX_UPLOAD_BYTES,
                 field: str = "file") -> CheckedUpload:
    """Check an UploadedFile (or raw `data` with its `name`); raise UploadRejected or return it ready to store."""
    allowed = tuple(allowed)
    label = "、".join(FORMATS[kind][1] for kind in allowed)
    label_en = ", ".join(FORMATS[kind][1] for kind in allowed)
    limit = f"{max_bytes // (1024 * 1024)} MB" if max_bytes >= 1024 * 1024 else f"{max(1, max_bytes // 1024)} KB"
    if upload is None and data is None:
        raise UploadRejected("required", "请选择要上传的文件", "Choose a file to upload", field=field)
    declared = int(getattr(upload, "size", 0) or 0) if upload is not None else 0
    if declared > max_bytes:
        raise UploadRejected("file_too_large", f"文件超过 {limit}，请压缩后重新上传",
                             f"The file is larger than {limit}", field=field)
    if data is None:
        data = _read(upload, max_bytes)
    if name is None:
        name = getattr(upload, "name", "") or ""
    if not data:
        raise UploadRejected("empty_file", "文件为空", "The file is empty", field=field)
    if len(data) > max_bytes:
        raise UploadRejected("file_too_large", f"文件超过 {limit}，请压缩后重新上传",
                             f"The file is larger than {limit}", field=field)
    kind = sniff(data)
    if kind is None or kind not in allowed:
        raise UploadRejected("file_type", f"文件格式不受支持：仅接受 {label}（按文件内容识别）",
                             f"Unsupported file type: only {label_en} (checked by content)", field=field)
    problem = structure_problem(kind, data)
    if problem:
        raise UploadRejected("file_suspicious", f"文件内容可疑，已拒绝（{FORMATS[kind][1]} 文件中含有其他格式的内容）",
                             f"The file was refused: {problem}", field=field)
    return CheckedUpload(kind=kind, content=ContentFile(data, name=generated_name(kind)),
                         original_name=safe_display_name(name), content_type=FORMATS[kind][0],
                         size=len(data), sha256=hashlib.sha256(data).hexdigest())
