"""The shared upload check: type by content, polyglots, bombs, sizes and hostile file names."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pilothub.core.uploads import UploadRejected, safe_display_name, sniff, upload_check

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40 + b"\x00\x00\x00\x00IEND\xaeB`\x82"
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x11" * 40 + b"\xff\xd9"


def _zip(parts: dict[str, bytes], *, compression=zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b'<Types><Override ContentType="application/vnd.openxmlformats-officedocument.'
                                     b'wordprocessingml.document.main+xml"/></Types>',
             "word/document.xml": b"<w:document/>"})
XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


@pytest.mark.parametrize(("data", "kind"), [(PDF, "pdf"), (PNG, "png"), (JPG, "jpg"), (DOCX, "docx"), (XLSX, "xlsx")])
def test_good_files_pass_and_get_a_generated_name(data, kind):
    checked = upload_check(SimpleUploadedFile(f"报告.{kind}", data, content_type="application/octet-stream"))
    assert checked.kind == kind
    assert checked.content.name.endswith(f".{kind}") and len(checked.content.name) == 32 + 1 + len(kind)
    assert "报告" not in checked.content.name
    assert checked.original_name == f"报告.{kind}"
    assert checked.size == len(data)


@pytest.mark.parametrize(("name", "data", "code"), [
    # The type comes from the bytes: names and declared types are ignored.
    ("report.pdf", b"MZ\x90\x00 a windows executable", "file_type"),
    ("page.pdf", b"<html><script>alert(1)</script></html>", "file_type"),
    ("image.png", b"GIF89a\x01\x00\x01\x00", "file_type"),
    ("plain.docx", _zip({"evil.exe": b"MZ"}), "file_type"),
    ("macro.docx", _zip({"[Content_Types].xml": b"application/vnd.ms-word.document.macroEnabled.main+xml",
                         "word/document.xml": b"x"}), "file_type"),
    ("truncated.docx", b"PK\x03\x04 not really a zip", "file_type"),
    # Polyglots: a real magic number, with something else inside.
    ("poly.pdf", b"%PDF-1.4\n<html><body><script>fetch('/api/v1/accounts/me')</script>\n%%EOF", "file_suspicious"),
    ("poly.jpg", JPG + b"<svg onload=alert(1)>", "file_suspicious"),
    ("gifar.jpg", JPG + _zip({"a.class": b"\xca\xfe\xba\xbe"}), "file_suspicious"),
    ("appended.pdf", PDF + b"X" * 4096, "file_suspicious"),
    ("zip-behind.pdf", PDF + _zip({"x": b"y"}) + b"\n%%EOF", "file_suspicious"),
    ("fake.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "file_suspicious"),
    ("traversal.docx", _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"x",
                             "../../../etc/cron.d/evil": b"* * * * * root sh"}), "file_suspicious"),
    ("empty.pdf", b"", "empty_file"),
])
def test_bad_files_are_refused(name, data, code):
    with pytest.raises(UploadRejected) as rejected:
        upload_check(SimpleUploadedFile(name, data, content_type="application/pdf"), field="attachment")
    assert rejected.value.code == code
    assert rejected.value.field == "attachment"
    assert rejected.value.message_zh and rejected.value.message_en


def test_a_zip_bomb_is_refused(monkeypatch):
    from pilothub.core import uploads

    monkeypatch.setattr(uploads, "MAX_ZIP_UNCOMPRESSED", 1024 * 1024)  # a 200 MB bomb is slow to build
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"x", "xl/huge.xml": b"\x00" * (2 * 1024 * 1024)},
                compression=zipfile.ZIP_DEFLATED)
    assert len(bomb) < 20 * 1024
    with pytest.raises(UploadRejected) as rejected:
        upload_check(SimpleUploadedFile("bomb.xlsx", bomb))
    assert rejected.value.code == "file_suspicious" and "ZIP bomb" in rejected.value.message_en


def test_size_limit_uses_the_declared_and_the_real_size():
    with pytest.raises(UploadRejected) as rejected:
        upload_check(SimpleUploadedFile("big.pdf", PDF + b" " * 2048), max_bytes=1024)
    assert rejected.value.code == "file_too_large"
    with pytest.raises(UploadRejected) as rejected:
        upload_check(data=PDF + b" " * 2048, name="big.pdf", max_bytes=1024)
    assert rejected.value.code == "file_too_large"
    assert "1 KB" in rejected.value.message_zh


def test_allowed_kinds_narrow_the_check():
    with pytest.raises(UploadRejected) as rejected:
        upload_check(SimpleUploadedFile("x.png", PNG), allowed=("pdf",))
    assert rejected.value.code == "file_type"
    assert "仅接受 PDF" in rejected.value.message_zh


@pytest.mark.parametrize(("given", "shown"), [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("..\\..\\windows\\system32\\cmd.pdf", "cmd.pdf"),
    ("/absolute/path/报告.pdf", "报告.pdf"),
    ("evil\x00.exe.pdf", "evil.exe.pdf"),
    ("line\r\nbreak.pdf", "linebreak.pdf"),
    ("invoice\u202efdp.exe", "invoicefdp.exe"),  # right-to-left override would show "exe.pdf"
    ("...hidden.pdf", "hidden.pdf"),
    ("   ", "附件"),
    ("", "附件"),
    ("..", "附件"),
    ("a" * 300 + ".pdf", "a" * 196 + ".pdf"),
    ("ｆｕｌｌ　ｗｉｄｔｈ.pdf", "ｆｕｌｌ ｗｉｄｔｈ.pdf"),
])
def test_file_names_are_display_text_only(given, shown):
    assert safe_display_name(given) == shown


def test_sniff_ignores_everything_but_the_bytes():
    assert sniff(PDF) == "pdf" and sniff(DOCX) == "docx" and sniff(XLSX) == "xlsx"
    assert sniff(b"") is None and sniff(b"%PD") is None


# --- every app goes through the shared check --------------------------------------------------

@pytest.mark.django_db
def test_order_attachments_refuse_a_polyglot_and_store_nothing():
    from pilothub.bookings.models import OrderAttachment
    from pilothub.bookings.services.attachments import attachment_add
    from pilothub.bookings.services.order import order_create
    from pilothub.testing.factories import PlatformFactory, UserFactory

    platform = PlatformFactory()
    customer = UserFactory()
    order = order_create(platform=platform, customer=customer.organisation, actor=customer, title="检测")
    with pytest.raises(UploadRejected) as rejected:
        attachment_add(order=order, actor=customer, kind="other", name="r.pdf",
                       content=b"%PDF-1.4\n<script>alert(1)</script>\n%%EOF")
    assert rejected.value.code == "file_suspicious"
    assert not OrderAttachment.objects.exists()
    stored = attachment_add(order=order, actor=customer, kind="other", name="../../x\u202e.pdf", content=PDF)
    assert stored.original_name == "x.pdf"
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", stored.file.name.rsplit("/", 1)[-1])


def test_the_apps_use_the_shared_validator():
    """No app keeps its own magic-byte table: the shared module is the one place to fix."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.glob("*/**/*.py"):
        if "tests" in path.parts or path.name == "uploads.py" or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if 'startswith(b"%PDF-")' in text or "startswith(b\"\\x89PNG" in text or "startswith(b\"\\xff\\xd8" in text:
            offenders.append(str(path.relative_to(root)))
    assert offenders == []
