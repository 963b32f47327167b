"""Order attachments: content sniffing, size limit and safe stored names."""

from __future__ import annotations

import hashlib
import io
import uuid
import zipfile

from django.core.files.base import ContentFile
from django.db import transaction

from pilothub.accounts.models import User
from pilothub.core.audit import audit_record, model_snapshot
from pilothub.core.errors import DomainError, forbidden

from ..events import BookingAuditAction
from ..models import AttachmentKind, OrderAttachment, OrderStatus, ServiceOrder

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

# (extension, MIME type) per recognised format.
FORMATS = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def sniff_format(content: bytes) -> str | None:
    """The format from the bytes themselves (never from the file name or the client's MIME type)."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if content.startswith(b"PK\x03\x04"):
        # DOCX and XLSX are ZIP packages; the part names tell them apart from any other ZIP.
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as package:
                names = set(package.namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" not in names:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


def _display_name(name: str) -> str:
    # Kept only for the download's Content-Disposition; the stored name is generated.
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip().replace("\x00", "")
    return base[:200] or "attachment"


# Who may add which kind of file, and in which states.
_UPLOAD_RULES = {
    AttachmentKind.CONTRACT: ({OrderStatus.QUOTED, OrderStatus.CONTRACTED, OrderStatus.IN_PROGRESS}, "operator"),
    AttachmentKind.DELIVERY_REPORT: ({OrderStatus.IN_PROGRESS, OrderStatus.DELIVERED}, "operator"),
    # 通兑: the platform invoices; 通用: the enterprise files the invoice it was given.
    AttachmentKind.INVOICE: ({OrderStatus.CONTRACTED, OrderStatus.IN_PROGRESS, OrderStatus.DELIVERED,
                              OrderStatus.ACCEPTED, OrderStatus.RATED}, "either"),
    AttachmentKind.OTHER: ({OrderStatus.INQUIRY, OrderStatus.QUOTED, OrderStatus.CONTRACTED,
                            OrderStatus.IN_PROGRESS, OrderStatus.DELIVERED}, "either"),
}


@transaction.atomic
def attachment_add(*, order: ServiceOrder, actor: User, kind: str, name: str, content: bytes) -> OrderAttachment:
    if kind not in AttachmentKind.values:
        raise DomainError("invalid_kind", "附件类型不正确", "Unknown attachment kind", field="kind")
    # Read the current state under a row lock (the caller's instance may be stale).
    order = ServiceOrder.objects.select_for_update().select_related("platform__region").get(pk=order.pk)
    states, who = _UPLOAD_RULES[AttachmentKind(kind)]
    is_operator = actor.role == "operator" and actor.organisation_id == order.platform.operator_id
    is_customer = actor.organisation_id == order.customer_id
    if not (is_operator or (who == "either" and is_customer)):
        raise forbidden("上传此类附件", "upload this kind of attachment")
    if order.status not in states:
        raise DomainError("invalid_state", f"订单当前状态为「{order.get_status_display()}」，不能上传此类附件",
                          f"Cannot upload this attachment while the order is {order.status}", field="file",
                          status_code=409)
    if not content:
        raise DomainError("empty_file", "文件为空", "The file is empty", field="file")
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise DomainError("file_too_large", "文件不能超过 20 MB", "The file must not exceed 20 MB", field="file")
    fmt = sniff_format(content)
    if fmt is None:
        raise DomainError("file_type", "仅支持 PDF、DOCX、XLSX、PNG、JPG 格式的文件",
                          "Only PDF, DOCX, XLSX, PNG and JPG files are accepted", field="file")
    attachment = OrderAttachment(order=order, kind=kind, original_name=_display_name(name),
                                 content_type=FORMATS[fmt], size=len(content),
                                 sha256=hashlib.sha256(content).hexdigest(), uploaded_by=actor)
    # Validation is complete before anything is written; the file goes to storage just before the
    # row, so only a failure of the audit write itself could leave an orphan file behind.
    attachment.file.save(f"{uuid.uuid4().hex}.{fmt}", ContentFile(content), save=False)
    attachment.save()
    audit_record(actor=actor, action=BookingAuditAction.ATTACHMENT_ADD, obj=order,
                 region_path=order.platform.region.path, after=model_snapshot(attachment),
                 note=f"{kind}: {attachment.original_name}")
    return attachment
