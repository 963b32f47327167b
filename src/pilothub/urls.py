from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from pilothub.api import api
from pilothub.core.health import LivenessView, ReadinessView

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("health/live/", LivenessView.as_view(), name="health_live"),
    path("health/ready/", ReadinessView.as_view(), name="health_ready"),
    path("accounts/", include("pilothub.accounts.urls")),
    path("platforms/", include("pilothub.platforms.urls")),
    path("demands/", include("pilothub.demands.urls")),
    path("matching/", include("pilothub.matching.urls")),
    path("bookings/", include("pilothub.bookings.urls")),
    path("policy/", include("pilothub.policy.urls")),
    path("evaluation/", include("pilothub.evaluation.urls")),
    path("content/", include("pilothub.content.urls")),
    path("dashboard/", include("pilothub.dashboard.urls")),
    path("", include("pilothub.core.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
