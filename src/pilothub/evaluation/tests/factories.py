"""Factories and tiny valid files for the evaluation tests."""

from __future__ import annotations

import datetime
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pilothub.evaluation.models import CertificationCall, ExpertReviewer
from pilothub.testing.factories import OrganisationFactory, region

CRITERIA = [
    {"code": "capability", "name": "中试能力", "max_score": 40},
    {"code": "openness", "name": "对外开放", "max_score": 30},
    {"code": "management", "name": "规范管理", "max_score": 30},
]
REQUIRED = [{"code": "application_form", "name": "申报书"}, {"code": "licence", "name": "营业执照"}]


def pdf_upload(name: str = "申报书.pdf", size: int = 0) -> SimpleUploadedFile:
    body = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body + b" " * size, content_type="application/pdf")


def png_upload(name: str = "执照.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, content_type="image/png")


def docx_upload(name: str = "说明.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def call(region_code: str = "330400", *, tier: str = "municipal", **kwargs) -> CertificationCall:
    today = timezone.localdate()
    defaults = dict(region=region(region_code), title=f"{region_code} 市级中试平台认定", target_tier=tier,
                    opens_on=today - datetime.timedelta(days=5), closes_on=today + datetime.timedelta(days=25),
                    criteria=CRITERIA, required_attachments=REQUIRED, pass_score=60, min_experts=2,
                    publicity_days=7, validity_years=3)
    defaults.update(kwargs)
    return CertificationCall.objects.create(**defaults)


def expert(region_code: str = "330400", *, organisation=None, name: str = "张教授") -> ExpertReviewer:
    organisation = organisation or OrganisationFactory(region=region(region_code))
    return ExpertReviewer.objects.create(region=region(region_code), name=name, organisation=organisation,
                                         organisation_name=organisation.name)


def self_assessment(points: tuple[int, int, int] = (30, 20, 25)) -> dict:
    return {c["code"]: {"score": p, "note": "自评"} for c, p in zip(CRITERIA, points, strict=True)}
