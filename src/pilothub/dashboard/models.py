"""The dashboard's summary table: one row of computed figures per region, with its as-of time."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DashboardSnapshot(models.Model):
    """Figures of one region's dashboard as computed at `computed_at` (refreshed on demand or by
    the `dashboard.refresh` task); pages and the API read this row instead of recomputing."""

    region = models.OneToOneField("regions.Region", verbose_name=_("地区"), on_delete=models.CASCADE,
                                  primary_key=True, related_name="+")
    computed_at = models.DateTimeField(_("统计时间"))
    figures = models.JSONField(_("统计数据"))
    duration_ms = models.PositiveIntegerField(_("计算耗时（毫秒）"), default=0)

    class Meta:
        verbose_name = _("看板统计快照")
        verbose_name_plural = _("看板统计快照")

    def __str__(self) -> str:
        return f"{self.region_id} @ {self.computed_at:%Y-%m-%d %H:%M}"
