from django.conf import settings

from .navigation import navigation_for


def navigation(request):
    return {
        "nav_items": navigation_for(request.user, request.path),
        "demo_banner": settings.PILOTHUB_DEMO_BANNER,
        "site_name": settings.PILOTHUB_SITE_NAME,
    }
