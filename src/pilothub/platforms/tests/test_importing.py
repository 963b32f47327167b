"""Import: every error kind with row + column + reason, atomic failure, upserts and counts."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pilothub.accounts.models import Organisation
from pilothub.core.errors import PermissionDeniedError
from pilothub.core.models import AuditEvent
from pilothub.matching.models import IndexChange
from pilothub.platforms import importing
from pilothub.platforms.demo import load_vocabularies
from pilothub.platforms.exporting import HEADERS
from pilothub.platforms.models import Platform, PlatformStatus, Tier
from pilothub.testing import factories

from .io_helpers import GOOD, csv_bytes, row, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vocabulary(db):
    load_vocabularies()


def run(data: bytes, filename: str = "platforms.csv", **kwargs) -> importing.ImportReport:
    return importing.import_platforms(data=data, filename=filename, **kwargs)


def problems(report) -> set[tuple[int, str]]:
    return {(p.row, p.column) for p in report.problems}


def test_valid_csv_creates_platform_and_operator(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = run(csv_bytes([GOOD]))
    assert report.ok and report.committed
    assert (report.created, report.updated, report.unchanged, report.organisations_created) == (1, 0, 0, 1)
    platform = Platform.objects.get(name=GOOD["平台名称"])
    assert platform.operator.name == "北京雁栖精测有限公司"
    assert platform.status == PlatformStatus.PUBLISHED
    assert platform.region_id == "110116"
    assert (platform.longitude, platform.latitude) == (116.6731, 40.3912)
    assert sorted(platform.industries.values_list("name", flat=True)) == ["新材料", "科学仪器和传感器"]
    assert sorted(platform.service_types.values_list("name", flat=True)) == ["产品性能测试", "仪器设备共享"]
    assert platform.tier == Tier.MUNICIPAL and platform.independent_legal_entity is True
    assert list(IndexChange.objects.values_list("platform_id", flat=True)) == [platform.pk]
    assert AuditEvent.objects.filter(object_type="platforms.platform", action="create").count() == 1


def test_upsert_counts_created_updated_unchanged():
    existing_org = factories.OrganisationFactory(name="嘉兴检测有限公司", region=factories.region("330402"))
    rows = [GOOD, row(平台名称="嘉兴平台", 运营单位="嘉兴检测有限公司", 行政区划代码="330402", 经度="120.75", 纬度="30.75")]
    first = run(csv_bytes(rows))
    assert (first.created, first.updated, first.unchanged, first.organisations_created) == (2, 0, 0, 1)
    assert Platform.objects.get(name="嘉兴平台").operator == existing_org
    second = run(csv_bytes([row(主营业务="改了主营业务"), rows[1], row(平台名称="第三个平台")]))
    assert (second.created, second.updated, second.unchanged) == (1, 1, 1)
    assert Platform.objects.get(name=GOOD["平台名称"]).main_business == "改了主营业务"
    assert Platform.objects.count() == 3


def test_every_error_kind_is_reported_with_row_column_and_nothing_is_imported():
    rows = [
        GOOD,                                                   # row 2: valid
        row(平台名称=""),                                        # 3: required
        row(平台名称="B", 行政区划代码="999999"),                  # 4: unknown region
        row(平台名称="C", 经度="东经116"),                          # 5: not a number
        row(平台名称="D", 经度="39.9", 纬度="116.4"),              # 6: swapped / out of range
        row(平台名称="E", 纬度=""),                                # 7: only one coordinate
        row(平台名称="F", 产业领域="人工智能、炼金术"),               # 8: unknown industry
        row(平台名称="G", 服务类型="算命"),                          # 9: unknown service type
        row(平台名称="H", 平台层级="部级"),                          # 10: bad tier
        row(平台名称="I", 是否独立法人="Y"),                         # 11: not 是/否
        row(平台名称="J", 联系电话="请打电话"),                       # 12: bad phone
        row(平台名称="K", 主营业务="=HYPERLINK(\"http://x\")"),     # 13: formula
        row(平台名称="L" * 201),                                   # 14: too long
        GOOD,                                                   # 15: duplicate of row 2
    ]
    report = run(csv_bytes(rows))
    assert not report.ok and not report.committed
    assert problems(report) == {
        (3, "平台名称"), (4, "行政区划代码"), (5, "经度"), (6, "经度"), (6, "纬度"), (7, "纬度"), (8, "产业领域"),
        (9, "服务类型"), (10, "平台层级"), (11, "是否独立法人"), (12, "联系电话"), (13, "主营业务"), (14, "平台名称"),
        (15, "平台名称"),
    }
    messages = {(p.row, p.column): p.message for p in report.problems}
    assert messages[(3, "平台名称")] == "不能为空"
    assert "999999" in messages[(4, "行政区划代码")]
    assert "填反" in messages[(6, "经度")]
    assert "炼金术" in messages[(8, "产业领域")]
    assert "培育、市级、省级、国家级" in messages[(10, "平台层级")]
    assert "公式" in messages[(13, "主营业务")]
    assert messages[(15, "平台名称")] == "与第 2 行重复（平台名称和运营单位相同）"
    assert str(report.problems[0]).startswith("第 3 行「平台名称」")
    assert Platform.objects.count() == 0 and Organisation.objects.count() == 0


def test_atomic_failure_keeps_existing_data_unchanged():
    run(csv_bytes([GOOD]))
    before = Platform.objects.get().main_business
    report = run(csv_bytes([row(主营业务="新的主营业务"), row(平台名称="新平台", 平台层级="不存在")]))
    assert not report.ok
    assert Platform.objects.get().main_business == before
    assert Platform.objects.count() == 1


def test_dry_run_counts_but_writes_nothing():
    report = run(csv_bytes([GOOD]), dry_run=True)
    assert report.ok and not report.committed and report.created == 1
    assert Platform.objects.count() == 0


@pytest.mark.parametrize(("data", "filename", "expected"), [
    (b"a,b", "platforms.txt", "文件类型不支持"),
    (b"", "platforms.csv", "文件是空的"),
    (b"x" * (importing.MAX_FILE_BYTES + 1), "platforms.csv", "文件过大"),
    (b"\x00\x01\x02", "platforms.csv", "二进制"),
    (b"not a zip", "platforms.xlsx", "无法读取 Excel"),
    (b"PK\x03\x04garbage", "platforms.xlsx", "无法读取 Excel"),
])
def test_file_level_problems(data, filename, expected):
    report = run(data, filename)
    assert [p.row for p in report.problems] == [0]
    assert expected in report.problems[0].message


def test_wrong_headers_name_missing_and_unknown_columns():
    headers = [h for h in HEADERS if h != "纬度"] + ["备注"]
    report = run(csv_bytes([GOOD], headers=headers))
    assert problems(report) == {(1, "纬度"), (1, "备注")}


def test_headers_in_another_order_are_accepted():
    report = run(csv_bytes([GOOD], headers=list(reversed(HEADERS))))
    assert report.ok and report.created == 1


def test_gbk_csv_and_blank_rows():
    data = csv_bytes([GOOD, {}, row(平台名称="第二个")], encoding="gbk")
    report = run(data)
    assert report.ok and report.created == 2 and report.blank_rows == 1


def test_only_blank_rows_is_an_error():
    assert "没有数据行" in run(csv_bytes([{}, {}])).problems[0].message


def test_xlsx_formula_cell_is_rejected_with_its_position():
    values = [GOOD[h] for h in HEADERS]
    values[8] = "=1+1"
    report = run(xlsx_bytes([values]), "platforms.xlsx")
    assert problems(report) == {(2, "主营业务")}
    assert "粘贴为数值" in report.problems[0].message


def test_xlsx_numbers_are_read_as_text():
    values: list[object] = [GOOD[h] for h in HEADERS]
    values[2], values[4], values[5], values[11] = 110116, 116.6731, 40.3912, 13800138000
    report = run(xlsx_bytes([values]), "platforms.xlsx")
    assert report.ok, report.problems
    assert Platform.objects.get().contact_phone == "13800138000"


def test_gcj02_input_is_converted_to_wgs84():
    # coordtransform's published point: WGS-84 (116.404, 39.915) is GCJ-02 (116.41024449916938, 39.91640428150164)
    report = run(csv_bytes([row(行政区划代码="110105", 经度="116.41024449916938", 纬度="39.91640428150164")]),
                 coordinate_system="gcj02")
    assert report.ok
    platform = Platform.objects.get()
    assert platform.longitude == pytest.approx(116.404, abs=1e-6)
    assert platform.latitude == pytest.approx(39.915, abs=1e-6)


def test_reviewer_may_only_import_in_own_region():
    reviewer = factories.reviewer("330400")
    report = run(csv_bytes([GOOD]), user=reviewer)
    assert problems(report) == {(2, "行政区划代码")}
    assert "管辖范围" in report.problems[0].message
    ok = run(csv_bytes([row(行政区划代码="330402", 经度="120.75", 纬度="30.75")]), user=reviewer)
    assert ok.ok and ok.created == 1


def test_enterprise_user_may_not_import():
    with pytest.raises(PermissionDeniedError):
        run(csv_bytes([GOOD]), user=factories.UserFactory())


def test_too_many_rows(monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 3)
    report = run(csv_bytes([row(平台名称=f"P{i}") for i in range(5)]))
    assert "超过 3 行" in report.problems[0].message


def test_csv_apostrophe_escape_is_removed():
    report = run(csv_bytes([row(联系电话="'+86 10 6966 0001")]))
    assert report.ok
    assert Platform.objects.get().contact_phone == "+86 10 6966 0001"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".xlsx", ".xls", ""]))
def test_random_bytes_only_ever_yield_a_report(data, suffix):
    report = run(data, f"f{suffix}", dry_run=True)
    assert isinstance(report, importing.ImportReport)


cell = st.one_of(st.text(max_size=30), st.sampled_from(["", "是", "否", "市级", "110116", "116.5", "=A1", "、、"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cell, max_size=17), max_size=6), header=st.booleans())
def test_random_rows_only_ever_yield_a_report(rows, header):
    table = ([HEADERS] if header else []) + rows
    import csv as csv_module
    import io

    buffer = io.StringIO()
    csv_module.writer(buffer).writerows(table)
    report = run(buffer.getvalue().encode(), dry_run=True)
    assert isinstance(report, importing.ImportReport)
    assert all(isinstance(p.row, int) and isinstance(p.message, str) for p in report.problems)


def test_progress_is_reported_while_checking(monkeypatch):
    monkeypatch.setattr(importing, "PROGRESS_EVERY", 2)
    calls: list[tuple[int, int]] = []
    report = run(csv_bytes([row(平台名称=f"P{i}") for i in range(5)]), dry_run=True,
                 progress=lambda done, total: calls.append((done, total)))
    assert report.ok
    assert calls == [(2, 5), (4, 5), (5, 5)]
