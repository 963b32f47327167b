import io
import zipfile

import pytest

from pilothub.bookings.models import OrderAttachment
from pilothub.bookings.services import attachment_add, order_create
from pilothub.bookings.services.attachments import MAX_ATTACHMENT_BYTES, sniff_format
from pilothub.core.errors import DomainError

from .factories import PDF_BYTES, PNG_BYTES, Setting


def _zip(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name in names:
            package.writestr(name, "<xml/>")
    return buffer.getvalue()


@pytest.mark.parametrize("content, expected", [
    (PDF_BYTES, "pdf"),
    (PNG_BYTES, "png"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 16, "jpg"),
    (_zip(["[Content_Types].xml", "word/document.xml"]), "docx"),
    (_zip(["[Content_Types].xml", "xl/workbook.xml"]), "xlsx"),
    (_zip(["evil.exe"]), None),
    (b"PK\x03\x04 not a zip", None),
    (b"MZ\x90\x00 windows executable", None),
    (b"<html><script>alert(1)</script>", None),
])
def test_formats_are_recognised_from_content(content, expected):
    assert sniff_format(content) == expected


@pytest.mark.django_db
def test_stored_names_are_generated_and_never_follow_the_client_name(settings):
    s = Setting()
    order = order_create(platform=s.platform, customer=s.enterprise_org, actor=s.enterprise, title="检测")
    attachment = attachment_add(order=order, actor=s.enterprise, kind="other", name="../../etc/passwd.pdf",
                                content=PDF_BYTES)
    assert attachment.file.name.startswith(f"orders/{order.pk}/") and attachment.file.name.endswith(".pdf")
    assert ".." not in attachment.file.name and "passwd" not in attachment.file.name
    assert attachment.original_name == "passwd.pdf"
    path = attachment.file.path
    assert path.startswith(str(settings.MEDIA_ROOT))
    with open(path, "rb") as handle:
        assert handle.read() == PDF_BYTES


@pytest.mark.django_db
@pytest.mark.parametrize("content, code", [
    (b"\x00" * 10, "file_type"),
    (b"", "empty_file"),
    (PDF_BYTES + b"\x00" * MAX_ATTACHMENT_BYTES, "file_too_large"),
])
def test_bad_files_are_refused_and_nothing_is_stored(content, code):
    s = Setting()
    order = order_create(platform=s.platform, customer=s.enterprise_org, actor=s.enterprise, title="检测")
    with pytest.raises(DomainError) as error:
        attachment_add(order=order, actor=s.enterprise, kind="other", name="x.pdf", content=content)
    assert error.value.code == code and error.value.field == "file"
    assert not OrderAttachment.objects.exists()


@pytest.mark.django_db
def test_only_the_platform_uploads_delivery_reports():
    s = Setting()
    order = order_create(platform=s.platform, customer=s.enterprise_org, actor=s.enterprise, title="检测")
    with pytest.raises(DomainError) as error:
        attachment_add(order=order, actor=s.enterprise, kind="delivery_report", name="r.pdf", content=PDF_BYTES)
    assert error.value.status_code == 403
