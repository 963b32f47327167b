"""Attachment sniffing is pure Python: no database."""

import io

from pilothub.demands.files import sniff_kind

from .factories import docx_bytes, plain_zip_bytes, xlsx_bytes


def test_sniffs_by_content_not_name():
    assert sniff_kind(io.BytesIO(b"%PDF-1.7\n...")) == "pdf"
    assert sniff_kind(io.BytesIO(docx_bytes())) == "docx"
    assert sniff_kind(io.BytesIO(xlsx_bytes())) == "xlsx"
    assert sniff_kind(io.BytesIO(plain_zip_bytes())) is None
    assert sniff_kind(io.BytesIO(b"MZ\x90\x00 an executable")) is None
    assert sniff_kind(io.BytesIO(b"PK\x03\x04 truncated zip")) is None


def test_stream_is_rewound():
    stream = io.BytesIO(b"%PDF-1.4 body")
    sniff_kind(stream)
    assert stream.read(5) == b"%PDF-"
