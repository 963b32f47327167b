"""JSON API: equipment bookings, service orders, ratings and innovation vouchers."""

from __future__ import annotations

import datetime

from django.http import FileResponse, HttpResponse
from django.utils import timezone
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from pilothub.core.api_auth import AUTH
from pilothub.core.errors import DomainError
from pilothub.core.validation import ObjectId

from . import selectors, services
from .models import Booking, OrderRating, ServiceOrder
from .services.attachments import MAX_ATTACHMENT_BYTES
from .vouchers import selectors as voucher_selectors
from .vouchers import services as voucher_services
from .vouchers.export import voucher_report_xlsx

router = Router(tags=["bookings"])


# --- schemas ----------------------------------------------------------------------------------------

class BookingIn(Schema):
    start: datetime.datetime
    end: datetime.datetime
    purpose: str
    order_id: ObjectId | None = None


class BookingOut(Schema):
    id: int
    equipment_id: int
    equipment: str
    platform_id: int
    customer: str
    start: datetime.datetime
    end: datetime.datetime
    purpose: str
    status: str
    decision_reason: str
    cancel_reason: str
    cancelled_late: bool
    order_id: int | None

    @staticmethod
    def resolve_equipment(obj: Booking) -> str:
        return obj.equipment.name

    @staticmethod
    def resolve_platform_id(obj: Booking) -> int:
        return obj.equipment.platform_id

    @staticmethod
    def resolve_customer(obj: Booking) -> str:
        return obj.customer.name


class SlotOut(Schema):
    start: datetime.datetime
    end: datetime.datetime
    kind: str


class ReasonIn(Schema):
    reason: str = ""


class AmountIn(Schema):
    amount: int


class ContractIn(Schema):
    amount: int
    signed_on: datetime.date
    planned_start: datetime.date | None = None
    planned_end: datetime.date | None = None
    service_type: str | None = None
    test_service_id: ObjectId | None = None
    quantity: int | None = None


class RatingIn(Schema):
    quality: int
    timeliness: int
    price: int
    communication: int
    review: str = ""


class ReplyIn(Schema):
    reply: str


class AcceptanceIn(Schema):
    accepts: bool


class AttachmentOut(Schema):
    id: int
    kind: str
    original_name: str
    content_type: str
    size: int
    uploaded_at: datetime.datetime


class RatingOut(Schema):
    quality: int
    timeliness: int
    price: int
    communication: int
    review: str
    reply: str
    created_at: datetime.datetime


class OrderOut(Schema):
    id: int
    platform_id: int
    platform: str
    customer_id: int
    customer: str
    title: str
    status: str
    source: str
    source_ref: str
    is_external: bool
    quoted_amount: int | None
    contract_amount: int | None
    contract_signed_on: datetime.date | None
    planned_start: datetime.date | None
    planned_end: datetime.date | None
    voucher_amount: int
    attachments: list[AttachmentOut]
    rating: RatingOut | None

    @staticmethod
    def resolve_platform(obj: ServiceOrder) -> str:
        return obj.platform.name

    @staticmethod
    def resolve_customer(obj: ServiceOrder) -> str:
        return obj.customer.name

    @staticmethod
    def resolve_voucher_amount(obj: ServiceOrder) -> int:
        return sum(use.amount for use in obj.voucher_uses.filter(status="applied"))

    @staticmethod
    def resolve_attachments(obj: ServiceOrder) -> list:
        return list(obj.attachments.all())

    @staticmethod
    def resolve_rating(obj: ServiceOrder) -> OrderRating | None:
        return OrderRating.objects.filter(order=obj).first()


class VoucherUseOut(Schema):
    id: int
    order_id: int
    amount: int
    wallet_year: int
    wallet_cap: int
    wallet_used: int

    @staticmethod
    def resolve_wallet_year(obj) -> int:
        return obj.wallet.year

    @staticmethod
    def resolve_wallet_cap(obj) -> int:
        return obj.wallet.cap

    @staticmethod
    def resolve_wallet_used(obj) -> int:
        obj.wallet.refresh_from_db()
        return obj.wallet.used_amount


class RatingSummaryOut(Schema):
    count: int
    quality: float | None
    timeliness: float | None
    price: float | None
    communication: float | None
    overall: float | None


# --- equipment bookings -------------------------------------------------------------------------------

@router.post("/equipment/{equipment_id}/bookings", auth=AUTH, response={201: BookingOut},
             summary="申请预约设备 Request a booking")
def booking_request(request, equipment_id: int, payload: BookingIn):
    equipment = selectors.equipment_get_for_booking(equipment_id=equipment_id)
    order = selectors.order_get_for_user(order_id=payload.order_id, user=request.user) if payload.order_id else None
    booking = services.booking_create(equipment=equipment, actor=request.user, start=payload.start, end=payload.end,
                                      purpose=payload.purpose, order=order)
    return Status(201, booking)


@router.get("/equipment/{equipment_id}/bookings", auth=None, response=list[SlotOut],
            summary="设备占用时段（公开）Busy slots (public)")
def booking_busy_slots(request, equipment_id: int, start: datetime.datetime | None = None,
                       end: datetime.datetime | None = None):
    equipment = selectors.equipment_get_shareable(equipment_id=equipment_id)
    start = start or timezone.now()
    end = end or start + datetime.timedelta(days=14)
    if end <= start or end - start > datetime.timedelta(days=366):
        raise DomainError("invalid_range", "查询区间须大于 0 且不超过一年", "The range must be positive and at most a year",
                          field="end")
    return selectors.busy_slots(equipment=equipment, start=start, end=end)


@router.get("/bookings", auth=AUTH, response=list[BookingOut], summary="我的预约 / 待审批 My bookings or queue")
def booking_list(request, scope: str = "mine", status: str = ""):
    if scope == "operator":
        return list(selectors.booking_queue_for_operator(user=request.user, status=status))
    bookings = selectors.booking_list_mine(user=request.user)
    return list(bookings.filter(status=status) if status else bookings)


@router.get("/bookings/{booking_id}", auth=AUTH, response=BookingOut)
def booking_detail(request, booking_id: int):
    return selectors.booking_get_for_user(booking_id=booking_id, user=request.user)


@router.post("/bookings/{booking_id}/approve", auth=AUTH, response=BookingOut, summary="批准预约 Approve")
def booking_approve(request, booking_id: int, payload: ReasonIn):
    booking = selectors.booking_get_for_user(booking_id=booking_id, user=request.user)
    return services.booking_approve(booking=booking, actor=request.user, note=payload.reason)


@router.post("/bookings/{booking_id}/decline", auth=AUTH, response=BookingOut, summary="拒绝预约 Decline")
def booking_decline(request, booking_id: int, payload: ReasonIn):
    booking = selectors.booking_get_for_user(booking_id=booking_id, user=request.user)
    return services.booking_decline(booking=booking, actor=request.user, reason=payload.reason)


@router.post("/bookings/{booking_id}/cancel", auth=AUTH, response=BookingOut, summary="取消预约 Cancel")
def booking_cancel(request, booking_id: int, payload: ReasonIn):
    booking = selectors.booking_get_for_user(booking_id=booking_id, user=request.user)
    return services.booking_cancel(booking=booking, actor=request.user, reason=payload.reason)


# --- availability settings (operators) ----------------------------------------------------------------

class HoursRowIn(Schema):
    weekday: int
    opens: datetime.time
    closes: datetime.time


class HoursIn(Schema):
    equipment_id: ObjectId | None = None
    rows: list[HoursRowIn]


class HoursRowOut(Schema):
    weekday: int
    opens: datetime.time
    closes: datetime.time


class MaintenanceIn(Schema):
    start: datetime.datetime
    end: datetime.datetime
    reason: str = ""


class MaintenanceOut(Schema):
    id: int
    equipment_id: int
    start: datetime.datetime
    end: datetime.datetime
    reason: str


class MaintenanceCreatedOut(MaintenanceOut):
    conflicting_bookings: list[int]


class PolicyIn(Schema):
    free_cancel_hours: int
    late_cancellation: str
    max_advance_days: int = 90


class PolicyOut(Schema):
    free_cancel_hours: int
    late_cancellation: str
    max_advance_days: int


class EquipmentAvailabilityOut(Schema):
    equipment_id: int
    name: str
    hours: list[HoursRowOut]
    maintenance: list[MaintenanceOut]


class AvailabilityOut(Schema):
    platform_id: int
    policy: PolicyOut
    default_hours: list[HoursRowOut]
    equipment: list[EquipmentAvailabilityOut]


def _availability_out(platform) -> dict:
    data = selectors.availability_for_platform(platform=platform)
    return {"platform_id": platform.pk, "policy": data["policy"], "default_hours": data["default_hours"],
            "equipment": [{"equipment_id": row["equipment"].pk, "name": row["equipment"].name, "hours": row["hours"],
                           "maintenance": row["maintenance"]} for row in data["equipment"]]}


@router.get("/platforms/{platform_id}/availability", auth=AUTH, response=AvailabilityOut,
            summary="开放设置 Availability settings (operators)")
def availability_get(request, platform_id: int):
    return _availability_out(selectors.platform_get_for_operator(platform_id=platform_id, user=request.user))


@router.put("/platforms/{platform_id}/opening-hours", auth=AUTH, response=AvailabilityOut,
            summary="设置开放时间（整周替换）Replace weekly opening hours")
def opening_hours_put(request, platform_id: int, payload: HoursIn):
    platform = selectors.platform_get_for_operator(platform_id=platform_id, user=request.user)
    equipment = None
    if payload.equipment_id is not None:
        equipment = platform.equipment.filter(pk=payload.equipment_id).first()
        if equipment is None:
            raise DomainError("invalid_equipment", "设备不属于该平台", "The equipment is not on this platform",
                              field="equipment_id")
    services.opening_hours_set(platform=platform, actor=request.user, equipment=equipment,
                               rows=[(row.weekday, row.opens, row.closes) for row in payload.rows])
    return _availability_out(platform)


@router.put("/platforms/{platform_id}/booking-policy", auth=AUTH, response=PolicyOut,
            summary="设置取消规则 Set the cancellation rule")
def booking_policy_put(request, platform_id: int, payload: PolicyIn):
    platform = selectors.platform_get_for_operator(platform_id=platform_id, user=request.user)
    return services.booking_policy_set(platform=platform, actor=request.user, **payload.dict())


@router.post("/equipment/{equipment_id}/maintenance", auth=AUTH, response={201: MaintenanceCreatedOut},
             summary="登记维护时段 Add a maintenance block")
def maintenance_add(request, equipment_id: int, payload: MaintenanceIn):
    equipment = selectors.equipment_get_for_booking(equipment_id=equipment_id)
    selectors.platform_get_for_operator(platform_id=equipment.platform_id, user=request.user)
    block = services.maintenance_block_add(equipment=equipment, actor=request.user, **payload.dict())
    conflicts = [booking.pk for booking in services.maintenance_conflicts(block)]
    return Status(201, {"id": block.pk, "equipment_id": block.equipment_id, "start": block.start, "end": block.end,
                        "reason": block.reason, "conflicting_bookings": conflicts})


@router.delete("/maintenance/{block_id}", auth=AUTH, response={204: None}, summary="删除维护时段 Remove a block")
def maintenance_delete(request, block_id: int):
    block = selectors.maintenance_get_for_operator(block_id=block_id, user=request.user)
    services.maintenance_block_delete(block=block, actor=request.user)
    return Status(204, None)


# --- service orders -------------------------------------------------------------------------------

@router.get("/orders", auth=AUTH, response=list[OrderOut], summary="订单列表 Orders")
def order_list(request, status: str = ""):
    return list(selectors.order_list_for_user(user=request.user, status=status)[:200])


@router.get("/orders/{order_id}", auth=AUTH, response=OrderOut)
def order_detail(request, order_id: int):
    return selectors.order_get_for_user(order_id=order_id, user=request.user)


def _order(request, order_id: int) -> ServiceOrder:
    return selectors.order_get_for_user(order_id=order_id, user=request.user)


@router.post("/orders/{order_id}/quote", auth=AUTH, response=OrderOut, summary="报价 Quote")
def order_quote(request, order_id: int, payload: AmountIn):
    return services.order_quote(order=_order(request, order_id), actor=request.user, amount=payload.amount)


@router.post("/orders/{order_id}/contract", auth=AUTH, response=OrderOut, summary="签约 Record the contract")
def order_contract(request, order_id: int, payload: ContractIn):
    return services.order_contract(order=_order(request, order_id), actor=request.user, amount=payload.amount,
                                   signed_on=payload.signed_on, planned_start=payload.planned_start,
                                   planned_end=payload.planned_end, service_type_code=payload.service_type,
                                   test_service_id=payload.test_service_id, quantity=payload.quantity)


@router.post("/orders/{order_id}/voucher", auth=AUTH, response={201: VoucherUseOut}, summary="使用创新券 Use vouchers")
def order_voucher(request, order_id: int, payload: AmountIn):
    use = voucher_services.voucher_apply(order=_order(request, order_id), actor=request.user, amount=payload.amount)
    return Status(201, use)


@router.post("/orders/{order_id}/start", auth=AUTH, response=OrderOut, summary="开始服务 Start")
def order_start(request, order_id: int):
    return services.order_start(order=_order(request, order_id), actor=request.user)


@router.post("/orders/{order_id}/attachments", auth=AUTH, response={201: AttachmentOut},
             summary="上传附件（PDF/DOCX/XLSX/PNG/JPG，≤20 MB）Upload an attachment")
def order_attachment_upload(request, order_id: int, kind: Form[str], file: File[UploadedFile]):
    order = _order(request, order_id)
    content = file.read(MAX_ATTACHMENT_BYTES + 1)
    attachment = services.attachment_add(order=order, actor=request.user, kind=kind, name=file.name or "",
                                         content=content)
    return Status(201, attachment)


@router.get("/orders/{order_id}/attachments/{attachment_id}", auth=AUTH, summary="下载附件 Download")
def order_attachment_download(request, order_id: int, attachment_id: int):
    attachment = selectors.attachment_get_for_user(order_id=order_id, attachment_id=attachment_id, user=request.user)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name,
                        content_type=attachment.content_type)


@router.post("/orders/{order_id}/deliver", auth=AUTH, response=OrderOut, summary="交付 Deliver")
def order_deliver(request, order_id: int):
    return services.order_deliver(order=_order(request, order_id), actor=request.user)


@router.post("/orders/{order_id}/reject-delivery", auth=AUTH, response=OrderOut, summary="退回交付 Send back")
def order_reject_delivery(request, order_id: int, payload: ReasonIn):
    return services.order_reject_delivery(order=_order(request, order_id), actor=request.user, reason=payload.reason)


@router.post("/orders/{order_id}/accept", auth=AUTH, response=OrderOut, summary="验收 Accept")
def order_accept(request, order_id: int):
    return services.order_accept(order=_order(request, order_id), actor=request.user)


@router.post("/orders/{order_id}/cancel", auth=AUTH, response=OrderOut, summary="取消订单 Cancel")
def order_cancel(request, order_id: int, payload: ReasonIn):
    return services.order_cancel(order=_order(request, order_id), actor=request.user, reason=payload.reason)


@router.post("/orders/{order_id}/rating", auth=AUTH, response={201: RatingOut}, summary="评价 Rate")
def order_rate(request, order_id: int, payload: RatingIn):
    rating = services.rating_create(order=_order(request, order_id), actor=request.user, **payload.dict())
    return Status(201, rating)


@router.post("/orders/{order_id}/rating/reply", auth=AUTH, response=RatingOut, summary="平台回复评价 Reply")
def order_rating_reply(request, order_id: int, payload: ReplyIn):
    order = _order(request, order_id)
    rating = OrderRating.objects.filter(order=order).first()
    if rating is None:
        raise DomainError("not_rated", "该订单尚未评价", "The order has not been rated", status_code=404)
    return services.rating_reply(rating=rating, actor=request.user, reply=payload.reply)


@router.get("/platforms/{platform_id}/rating-summary", auth=None, response=RatingSummaryOut,
            summary="平台评价汇总 Rating summary")
def platform_rating_summary(request, platform_id: int):
    return selectors.platform_rating_summary(selectors.platform_get_published(platform_id=platform_id))


# --- vouchers ---------------------------------------------------------------------------------------

@router.post("/platforms/{platform_id}/voucher-acceptance", auth=AUTH, summary="设置创新券服务机构 Accept vouchers")
def voucher_acceptance(request, platform_id: int, payload: AcceptanceIn):
    platform = selectors.platform_get_published(platform_id=platform_id)
    record = voucher_services.voucher_platform_set(platform=platform, actor=request.user, accepts=payload.accepts)
    return {"platform_id": record.platform_id, "accepts": record.accepts}


@router.get("/vouchers/report", auth=AUTH, summary="创新券使用统计 Voucher report (reviewers)")
def voucher_report(request, year: int | None = None):
    return {"wallets": voucher_selectors.voucher_wallets_for_reviewer(user=request.user, year=year),
            "platforms": voucher_selectors.voucher_use_by_platform(user=request.user, year=year)}


@router.get("/vouchers/report.xlsx", auth=AUTH, summary="导出 Excel Export to Excel")
def voucher_report_export(request, year: int | None = None):
    content = voucher_report_xlsx(user=request.user, year=year)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="vouchers-{year or "all"}.xlsx"'
    return response


# --- voucher redemption (兑付) ----------------------------------------------------------------------

class CheckOut(Schema):
    rule: str
    title: str
    flagged: bool
    applicable: bool
    explanation: str
    records: list[dict]
    params: dict


class RedemptionOut(Schema):
    id: int
    order_id: int
    mode: str
    amount: int
    payee: str
    status: str
    evidence: dict
    review_note: str
    batch: str | None
    checks: list[CheckOut]

    @staticmethod
    def resolve_payee(obj) -> str:
        return obj.payee.name

    @staticmethod
    def resolve_batch(obj) -> str | None:
        return obj.batch.reference if obj.batch_id else None

    @staticmethod
    def resolve_checks(obj) -> list:
        return obj.flags_at_decision or obj.flags_at_submission


class RedemptionDetailOut(RedemptionOut):
    @staticmethod
    def resolve_checks(obj) -> list:
        if getattr(obj, "hide_checks", False):
            return []
        # A redemption awaiting review shows the checks as they stand now.
        if obj.status == "submitted":
            return voucher_services.redemption_run_checks(obj)
        return obj.flags_at_decision or obj.flags_at_submission


class RedemptionApproveIn(Schema):
    note: str = ""
    acknowledge_flags: bool = False


class BatchIn(Schema):
    reference: str
    paid_on: datetime.date
    redemption_ids: list[ObjectId]
    note: str = ""


class BatchOut(Schema):
    id: int
    reference: str
    paid_on: datetime.date
    total: int
    redemption_ids: list[int]

    @staticmethod
    def resolve_redemption_ids(obj) -> list[int]:
        return list(obj.redemptions.order_by("pk").values_list("pk", flat=True))


@router.post("/orders/{order_id}/redemption", auth=AUTH, response={201: RedemptionOut},
             summary="申请创新券兑付/报销 Claim the voucher part")
def redemption_submit(request, order_id: int):
    return Status(201, voucher_services.redemption_submit(order=_order(request, order_id), actor=request.user))


@router.get("/voucher-redemptions", auth=AUTH, response=list[RedemptionOut], summary="兑付申请（审核人员）Redemptions")
def redemption_list(request, status: str = ""):
    return list(voucher_selectors.redemptions_for_reviewer(user=request.user, status=status)[:200])


@router.get("/voucher-redemptions/{redemption_id}", auth=AUTH, response=RedemptionDetailOut,
            summary="兑付申请及风险提示 One redemption with its checks")
def redemption_detail(request, redemption_id: int):
    redemption = voucher_selectors.redemption_get_for_user(redemption_id=redemption_id, user=request.user)
    if not voucher_selectors.user_reviews_redemption(user=request.user, redemption=redemption):
        # The parties follow their claim but do not see the fraud checks about them.
        redemption.hide_checks = True  # type: ignore[attr-defined]
    return redemption


@router.post("/voucher-redemptions/{redemption_id}/approve", auth=AUTH, response=RedemptionOut,
             summary="核准兑付 Approve")
def redemption_approve(request, redemption_id: int, payload: RedemptionApproveIn):
    redemption = voucher_selectors.redemption_get_for_user(redemption_id=redemption_id, user=request.user)
    return voucher_services.redemption_approve(redemption=redemption, actor=request.user, note=payload.note,
                                               acknowledge_flags=payload.acknowledge_flags)


@router.post("/voucher-redemptions/{redemption_id}/return", auth=AUTH, response=RedemptionOut,
             summary="退回兑付申请 Return with a reason")
def redemption_return(request, redemption_id: int, payload: ReasonIn):
    redemption = voucher_selectors.redemption_get_for_user(redemption_id=redemption_id, user=request.user)
    return voucher_services.redemption_return(redemption=redemption, actor=request.user, reason=payload.reason)


@router.post("/voucher-payment-batches", auth=AUTH, response={201: BatchOut}, summary="登记拨付批次 Record a payment batch")
def payment_batch_create(request, payload: BatchIn):
    batch = voucher_services.payment_batch_create(actor=request.user, **payload.dict())
    return Status(201, batch)
