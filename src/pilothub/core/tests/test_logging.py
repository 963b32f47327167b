import json
import logging

from pilothub.core.logging import JsonFormatter


def test_json_formatter_writes_one_object_with_chinese_intact():
    record = logging.LogRecord("pilothub", logging.WARNING, __file__, 1, "导入失败：%s", ("第 3 行",), None)
    record.status_code = 400
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "导入失败：第 3 行"
    assert entry["level"] == "WARNING" and entry["status_code"] == 400
