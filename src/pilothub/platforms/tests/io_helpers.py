"""Helpers shared by the import/export and supply-list tests."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from pilothub.platforms.exporting import HEADERS

GOOD = {
    "平台名称": "怀柔精密测量中试平台", "运营单位": "北京雁栖精测有限公司", "行政区划代码": "110116",
    "详细地址": "北京市怀柔区雁栖经济开发区杨雁东一路8号", "经度": "116.6731", "纬度": "40.3912",
    "产业领域": "科学仪器和传感器、新材料", "服务类型": "产品性能测试、仪器设备共享", "主营业务": "精密测量与传感器标定",
    "平台简介": "提供三坐标测量与压力传感器标定服务。", "联系人": "张工", "联系电话": "010-6966-0001",
    "平台层级": "市级", "是否独立法人": "是",
}


def row(**changes: str) -> dict[str, str]:
    return {**GOOD, **changes}


def csv_bytes(rows: list[dict[str, str]], headers: list[str] = HEADERS, encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for item in rows:
        writer.writerow([item.get(h, "") for h in headers])
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[object]], headers: list[str] = HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for item in rows:
        sheet.append(item)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
