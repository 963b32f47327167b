"""Order attachments: content sniffing, size limit and safe stored names."""

from __future__ import annotations

from django.db import transaction

from pilothub.accounts.models import User
from pilothub.core.audit import audit_record, model_snapshot
from pilothub.core.errors import DomainError, forbidden
from pilothub.core.uploads import FORMATS as FORMATS_ALL
from pilothub.core.uploads import MAX_UPLOAD_BYTES, generated_name, sniff, upload_check

from ..events import BookingAuditAction
from ..models import AttachmentKind, OrderAttachment, OrderStatus, ServiceOrder

MAX_ATTACHMENT_BYTES = MAX_UPLOAD_BYTES

FORMATS = {kind: FORMATS_ALL[kind][0] for kind in ("pdf", "png", "jpg", "docx", "xlsx")}


def sniff_format(content: bytes) -> str | None:
    """The format from the bytes themselves (never from the file name or the client's MIME type)."""
    kind = sniff(content)
    return kind if kind in FORMATS else None


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
    checked = upload_check(data=content, name=name, allowed=tuple(FORMATS), max_bytes=MAX_ATTACHMENT_BYTES,
                           field="file")
    attachment = OrderAttachment(order=order, kind=kind, original_name=checked.original_name,
                                 content_type=checked.content_type, size=checked.size,
                                 sha256=checked.sha256, uploaded_by=actor)
    # Validation is complete before anything is written; the file goes to storage just before the
    # row, so only a failure of the audit write itself could leave an orphan file behind.
    attachment.file.save(generated_name(checked.kind), checked.content, save=False)
    attachment.save()
    audit_record(actor=actor, action=BookingAuditAction.ATTACHMENT_ADD, obj=order,
                 region_path=order.platform.region.path, after=model_snapshot(attachment),
                 note=f"{kind}: {attachment.original_name}")
    return attachment
