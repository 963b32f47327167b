"""Export writes the import template; export → import round-trips unchanged."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from pilothub.platforms import importing
from pilothub.platforms.demo import load_vocabularies
from pilothub.platforms.exporting import HEADERS, export_platforms, template_file
from pilothub.platforms.models import Platform, PlatformStatus

from .io_helpers import GOOD, csv_bytes, row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vocabulary(db):
    load_vocabularies()


ROWS = [
    GOOD,
    row(平台名称="嘉兴平台", 运营单位="嘉兴公司", 行政区划代码="330402", 经度="120.7512345678", 纬度="30.7512",
        产业领域="", 服务类型="工艺放大熟化", 平台层级="省级", 是否独立法人="否", 联系电话="+86 573 8888 0000",
        主营业务="-40 ℃ 低温试验与 @ 符号", 平台简介="第一行\n第二行，含“引号”和,逗号"),
    row(平台名称="无坐标平台", 经度="", 纬度="", 平台层级="培育"),
]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_round_trips_unchanged(suffix):
    assert importing.import_platforms(data=csv_bytes(ROWS), filename="seed.csv").created == 3
    before = {p.name: (p.longitude, p.contact_phone, p.description) for p in Platform.objects.all()}
    data, count = export_platforms(filename=f"out{suffix}")
    assert count == 3
    report = importing.import_platforms(data=data, filename=f"out{suffix}")
    assert report.ok, report.problems
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert {p.name: (p.longitude, p.contact_phone, p.description) for p in Platform.objects.all()} == before


def test_csv_export_has_exact_headers_bom_and_escapes_formulas():
    importing.import_platforms(data=csv_bytes([row(联系电话="'+86 10 1234 5678")]), filename="a.csv")
    data, _count = export_platforms(filename="x.csv")
    assert data.startswith(b"\xef\xbb\xbf")
    records = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert records[0] == HEADERS
    exported = dict(zip(HEADERS, records[1], strict=True))
    assert exported["联系电话"] == "'+86 10 1234 5678"
    assert exported["平台层级"] == "市级" and exported["是否独立法人"] == "是"
    assert exported["产业领域"] == "新材料、科学仪器和传感器" or exported["产业领域"] == "科学仪器和传感器、新材料"


def test_export_region_filter_includes_subregions_and_only_published():
    importing.import_platforms(data=csv_bytes(ROWS), filename="seed.csv")
    Platform.objects.filter(name="无坐标平台").update(status=PlatformStatus.WITHDRAWN)
    _data, beijing = export_platforms(filename="x.csv", region_code="110000")
    _data, jiaxing = export_platforms(filename="x.csv", region_code="330000")
    assert (beijing, jiaxing) == (1, 1)


def test_template_has_only_headers():
    sheet = load_workbook(io.BytesIO(template_file(filename="t.xlsx"))).active
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.max_row == 1


def test_commands_round_trip(tmp_path, capsys):
    source = tmp_path / "in.csv"
    source.write_bytes(csv_bytes(ROWS))
    call_command("import_platforms", str(source), "--dry-run")
    assert Platform.objects.count() == 0
    call_command("import_platforms", str(source))
    assert "新增 3" in capsys.readouterr().out
    out = tmp_path / "out.xlsx"
    call_command("export_platforms", str(out), "--region", "110116")
    assert "已导出 2 个平台" in capsys.readouterr().out
    call_command("import_platforms", str(out))
    assert "未变化 2" in capsys.readouterr().out


def test_import_command_lists_problems_and_fails(tmp_path, capsys):
    from django.core.management.base import CommandError

    source = tmp_path / "bad.csv"
    source.write_bytes(csv_bytes([row(平台层级="部级")]))
    with pytest.raises(CommandError, match="发现 1 个问题"):
        call_command("import_platforms", str(source))
    assert "第 2 行「平台层级」" in capsys.readouterr().out
