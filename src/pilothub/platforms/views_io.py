"""Pages for importing/exporting platforms and for published supply lists (供给清单)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pilothub.core.errors import DomainError, forbidden, not_found
from pilothub.core.forms import add_domain_error
from pilothub.regions.models import Region

from . import exporting, importing, supply
from .geo import COORDINATE_SYSTEM_CHOICES
from .jobs import supply_pdf_job_min_rows
from .models import ImportJob


def _may_manage(user) -> bool:
    return bool(user.is_authenticated and (user.is_reviewer or user.is_system_admin))


def _scope_regions(user):
    regions = Region.objects.filter(is_active=True)
    if not user.is_system_admin:
        regions = regions.filter(path__startswith=user.region.path)
    return regions.order_by("path")


def _region_choices(user) -> list[tuple[str, str]]:
    return [(r.code, f"{'　' * r.depth}{r.name}（{r.code}）") for r in _scope_regions(user)]


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("平台数据文件（.xlsx 或 .csv）"))
    coordinate_system = forms.ChoiceField(label=gettext_lazy("文件中经纬度的坐标系"), choices=COORDINATE_SYSTEM_CHOICES,
                                          initial="wgs84",
                                          help_text=gettext_lazy("模板要求 WGS-84；如坐标取自高德/腾讯或百度地图，请选择对应坐标系，系统会换算。"))
    dry_run = forms.BooleanField(label=gettext_lazy("仅检查，不导入"), required=False)


class ExportForm(forms.Form):
    region = forms.ChoiceField(label=gettext_lazy("地区（含下级）"))
    file_format = forms.ChoiceField(label=gettext_lazy("格式"), choices=[("xlsx", "Excel (.xlsx)"), ("csv", "CSV (.csv)")])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        region_field = self.fields["region"]
        assert isinstance(region_field, forms.ChoiceField)
        region_field.choices = _region_choices(user)


class PublishForm(forms.Form):
    region = forms.ChoiceField(label=gettext_lazy("地区（含下级地区的平台）"))
    release_date = forms.DateField(label=gettext_lazy("发布日期"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=gettext_lazy("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        region_field = self.fields["region"]
        assert isinstance(region_field, forms.ChoiceField)
        region_field.choices = _region_choices(user)
        self.fields["release_date"].initial = timezone.localdate()


def _error_page(request, error: DomainError):
    return render(request, "core/error.html", {"error": error}, status=error.status_code)


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


# --- import / export --------------------------------------------------------------------------------

@login_required
def io_home(request):
    if not _may_manage(request.user):
        return _error_page(request, forbidden("导入或导出平台数据", "import or export platforms"))
    return render(request, "platforms/io/home.html", {
        "import_form": ImportForm(), "export_form": ExportForm(user=request.user),
        "jobs": ImportJob.objects.filter(created_by=request.user).defer("content")[:10],
        "max_mb": importing.MAX_FILE_BYTES // 1024 // 1024, "max_rows": importing.MAX_ROWS,
        "headers": exporting.HEADERS})


def io_template(request, fmt: str):
    suffix = f".{fmt}"
    if suffix not in exporting.FORMATS:
        raise Http404
    return _download(exporting.template_file(filename=f"t{suffix}"), f"中试平台导入模板{suffix}",
                     exporting.CONTENT_TYPES[suffix])


@login_required
@require_POST
def io_import(request):
    form = ImportForm(request.POST, request.FILES)
    if _may_manage(request.user) and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > importing.MAX_FILE_BYTES:
                raise DomainError("file_too_large", _("文件过大，上限为 %(mb)s MB，请分成多个文件导入")
                                  % {"mb": importing.MAX_FILE_BYTES // 1024 // 1024}, "File too large", field="file")
            job = importing.import_job_create(user=request.user, filename=upload.name, data=upload.read(),
                                              coordinate_system=form.cleaned_data["coordinate_system"],
                                              dry_run=form.cleaned_data["dry_run"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("platforms:io_job", job_id=job.pk)
    elif not _may_manage(request.user):
        return _error_page(request, forbidden("导入平台数据", "import platforms"))
    return render(request, "platforms/io/home.html", {
        "import_form": form, "export_form": ExportForm(user=request.user),
        "jobs": ImportJob.objects.filter(created_by=request.user).defer("content")[:10],
        "max_mb": importing.MAX_FILE_BYTES // 1024 // 1024, "max_rows": importing.MAX_ROWS,
        "headers": exporting.HEADERS}, status=400)


def _job_for(request, job_id: int) -> ImportJob:
    job = ImportJob.objects.defer("content").filter(pk=job_id).first()
    if job is None or not (job.created_by_id == request.user.pk or request.user.is_system_admin):
        raise not_found("导入任务", "Import job")
    return job


@login_required
def io_job(request, job_id: int):
    try:
        job = _job_for(request, job_id)
    except DomainError as error:
        return _error_page(request, error)
    return render(request, "platforms/io/job.html", {"job": job})


@login_required
def io_job_progress(request, job_id: int):
    try:
        job = _job_for(request, job_id)
    except DomainError as error:
        return _error_page(request, error)
    return render(request, "platforms/io/_progress.html", {"job": job})


@login_required
def io_export(request):
    if not _may_manage(request.user):
        return _error_page(request, forbidden("导出平台数据", "export platforms"))
    form = ExportForm(request.GET, user=request.user)
    if not form.is_valid():
        messages.error(request, _("请选择您管辖范围内的地区和导出格式"))
        return redirect("platforms:io")
    suffix = f".{form.cleaned_data['file_format']}"
    region = Region.objects.get(code=form.cleaned_data["region"])
    data, _count = exporting.export_platforms(filename=f"x{suffix}", region_code=region.code)
    return _download(data, f"中试平台-{region.name}-{timezone.localdate():%Y%m%d}{suffix}",
                     exporting.CONTENT_TYPES[suffix])


# --- supply lists ------------------------------------------------------------------------------------

def supply_lists(request):
    region_code = request.GET.get("region") or None
    try:
        releases = supply.supply_list_list(region_code=region_code)
    except DomainError:
        releases, region_code = supply.supply_list_list(), None
    regions = Region.objects.filter(supply_lists__isnull=False).distinct().order_by("path")
    return render(request, "platforms/supply/list.html", {
        "releases": releases[:200], "regions": regions, "region_code": region_code,
        "may_publish": _may_manage(request.user)})


def supply_list_detail(request, release_id: int):
    try:
        release = supply.supply_list_get(release_id=release_id)
    except DomainError as error:
        return _error_page(request, error)
    rows = supply.supply_list_rows(release, user=request.user)
    return render(request, "platforms/supply/detail.html", {
        "release": release, "rows": zip(rows, [e.get("region_name", "") for e in release.entries], strict=True),
        "diff": release.diff, "logged_in": request.user.is_authenticated,
        # Large releases: logged-in users may have the PDF made by a background job (core.jobs).
        "pdf_job": request.user.is_authenticated and release.platform_count >= supply_pdf_job_min_rows()})


def supply_list_download(request, release_id: int, fmt: str):
    try:
        release = supply.supply_list_get(release_id=release_id)
    except DomainError as error:
        return _error_page(request, error)
    if fmt == "xlsx":
        return _download(supply.supply_list_xlsx(release, user=request.user),
                         supply.supply_list_filename(release, ".xlsx"), exporting.CONTENT_TYPES[".xlsx"])
    if fmt == "pdf":
        return _download(supply.supply_list_pdf(release, user=request.user),
                         supply.supply_list_filename(release, ".pdf"), "application/pdf")
    raise Http404


@login_required
def supply_list_publish(request):
    if not _may_manage(request.user):
        return _error_page(request, forbidden("发布供给清单", "publish supply lists"))
    form = PublishForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            release = supply.supply_list_publish(region_code=form.cleaned_data["region"], actor=request.user,
                                                 release_date=form.cleaned_data["release_date"],
                                                 note=form.cleaned_data["note"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("已发布：%(title)s") % {"title": release.title})
            return redirect("platforms:supply_list_detail", release_id=release.pk)
    return render(request, "platforms/supply/publish.html", {"form": form}, status=400 if form.errors else 200)
