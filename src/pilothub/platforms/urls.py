from django.urls import URLPattern, URLResolver

from .views_reports import urlpatterns as report_urlpatterns
from .views_trust import trust_urlpatterns

app_name = "platforms"
urlpatterns: list[URLPattern | URLResolver] = []
# Trust layer (freshness confirmation, pilot lines): issue 11.
urlpatterns += trust_urlpatterns
urlpatterns += report_urlpatterns  # wrong-listing reports (信息纠错)
