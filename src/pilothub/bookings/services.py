"""Writes for service orders."""

from __future__ import annotations

from django.db import transaction

from pilothub.accounts.models import Organisation, User
from pilothub.core.audit import AuditAction, audit_record, model_snapshot
from pilothub.core.errors import DomainError
from pilothub.core.validation import raise_first_validation_error
from pilothub.platforms.models import Platform, PlatformStatus

from .models import OrderSource, OrderStatus, ServiceOrder


@transaction.atomic
def order_create(*, platform: Platform, customer: Organisation, actor: User | None, title: str,
                 description: str = "", source: str = OrderSource.DIRECT, source_ref: str = "",
                 quoted_amount: int | None = None, status: str = OrderStatus.INQUIRY) -> ServiceOrder:
    """Open a service order between a customer organisation and a platform."""
    if platform.status != PlatformStatus.PUBLISHED:
        raise DomainError("platform_not_published", "该平台当前未发布，不能下单", "The platform is not published",
                          field="platform")
    if not title.strip():
        raise DomainError("required", "请填写服务内容", "A title is required", field="title")
    order = ServiceOrder(platform=platform, customer=customer, created_by=actor, title=title.strip(),
                         description=description, source=source, source_ref=source_ref,
                         quoted_amount=quoted_amount, status=status,
                         is_external=customer.pk != platform.operator_id)
    raise_first_validation_error(order)
    order.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=order, region_path=platform.region.path,
                 after=model_snapshot(order))
    return order
