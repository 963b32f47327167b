from django.conf import settings

from .navigation import navigation_for


def navigation(request):
    unread = 0
    if request.user.is_authenticated:
        from .models import Notification

        unread = Notification.objects.filter(recipient=request.user, read_at__isnull=True).count()
    return {
        "unread_notifications": unread,
        "nav_items": navigation_for(request.user, request.path, "public"),
        "work_nav_items": navigation_for(request.user, request.path, "work"),
        "demo_banner": settings.PILOTHUB_DEMO_BANNER,
        "site_name": settings.PILOTHUB_SITE_NAME,
    }
