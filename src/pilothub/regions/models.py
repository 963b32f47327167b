"""Administrative regions (GB/T 2260 codes) and the functional zones regions add beside them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("地级")
    DISTRICT = "district", _("区县级")
    FUNCTIONAL_ZONE = "functional_zone", _("功能区")
    TOWN = "town", _("乡镇")
    STREET = "street", _("街道")


class Region(models.Model):
    # The code is the primary key so that every record's region is readable as it is stored
    # ("110116"), in the database, in exports and in the API alike.
    code = models.CharField(_("区划代码"), max_length=12, primary_key=True)
    name = models.CharField(_("名称"), max_length=64)
    name_en = models.CharField(_("英文名称"), max_length=128, blank=True)
    level = models.CharField(_("层级"), max_length=20, choices=RegionLevel.choices)
    parent = models.ForeignKey("self", verbose_name=_("上级区划"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    # Materialised path of codes from the root, e.g. "/110000/110116/": "this region and
    # everything under it" is one indexed prefix match, with no recursive query.
    path = models.CharField(max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    source = models.CharField(_("来源"), max_length=255, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    def save(self, *args, **kwargs):
        self.path, self.depth = self.compute_path()
        super().save(*args, **kwargs)

    def compute_path(self) -> tuple[str, int]:
        if self.parent is None:
            return f"/{self.code}/", 0
        return f"{self.parent.path}{self.code}/", self.parent.depth + 1
