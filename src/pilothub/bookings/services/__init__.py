"""Writes of the bookings app, one module per subdomain (orders, bookings, attachments, ratings).

Vouchers have their own subpackage (`bookings.vouchers.services`).
"""

from .attachments import attachment_add
from .booking import (
    booking_approve,
    booking_cancel,
    booking_create,
    booking_decline,
    booking_policy_set,
    maintenance_block_add,
    maintenance_block_delete,
    maintenance_conflicts,
    opening_hours_set,
)
from .order import (
    order_accept,
    order_cancel,
    order_contract,
    order_create,
    order_deliver,
    order_quote,
    order_reject_delivery,
    order_start,
)
from .rating import rating_create, rating_reply

__all__ = ["attachment_add", "booking_approve", "booking_cancel", "booking_create", "booking_decline",
           "booking_policy_set", "maintenance_block_add", "maintenance_block_delete", "maintenance_conflicts",
           "opening_hours_set", "order_accept", "order_cancel",
           "order_contract", "order_create", "order_deliver", "order_quote", "order_reject_delivery",
           "order_start", "rating_create", "rating_reply"]
