"""Notifications: a row in the site, and an e-mail sent after the transaction commits."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.mail import send_mail
from django.db import transaction

from .models import Notification


def notify(*, recipients: Iterable, title: str, body: str = "", url: str = "", email: bool = True) -> list[Notification]:
    users = [user for user in recipients if user is not None and user.is_active]
    notifications = Notification.objects.bulk_create(
        [Notification(recipient=user, title=title[:200], body=body, url=url) for user in users])
    addresses = sorted({user.email for user in users if user.email})
    if email and addresses:
        message = f"{body}\n\n{url}".strip()
        transaction.on_commit(lambda: send_mail(subject=f"【中试通】{title}", message=message, from_email=None,
                                                recipient_list=addresses, fail_silently=True))
    return notifications


def notification_mark_read(*, user, notification_ids: list[int] | None = None) -> int:
    from django.utils import timezone

    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        queryset = queryset.filter(pk__in=notification_ids)
    return queryset.update(read_at=timezone.now())
