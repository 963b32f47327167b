"""Health endpoints for load balancers and systemd: liveness (the process answers) and readiness
(database, cache and file storage work). No DNS or mail checks: intranet servers often have neither."""

from django.http import JsonResponse
from django.views import View
from health_check.views import HealthCheckView


class LivenessView(View):
    def get(self, request):
        return JsonResponse({"status": "ok"})


class ReadinessView(HealthCheckView):
    checks = (
        "health_check.checks.Database",
        "health_check.checks.Cache",
        "health_check.checks.Storage",
    )
