"""Audit event types of the bookings app (AuditAction holds the shared ones)."""


class BookingAuditAction:
    BOOKING_REQUEST = "booking_request"
    BOOKING_APPROVE = "booking_approve"
    BOOKING_DECLINE = "booking_decline"
    BOOKING_CANCEL = "booking_cancel"
    AVAILABILITY_SET = "availability_set"
    MAINTENANCE_ADD = "maintenance_add"
    BOOKING_POLICY_SET = "booking_policy_set"
    ORDER_TRANSITION = "order_transition"
    ATTACHMENT_ADD = "attachment_add"
    RATING_CREATE = "rating_create"
    RATING_REPLY = "rating_reply"
    VOUCHER_APPLY = "voucher_apply"
    VOUCHER_RELEASE = "voucher_release"
    VOUCHER_PLATFORM_SET = "voucher_platform_set"
