"""`pilothub match` and `pilothub rebuild-match-index`."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from .factories import demo_platforms

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_match_prints_a_readable_table():
    platforms = demo_platforms()
    output = run("match", "IC 可靠性测试", "--top", "2")
    lines = output.splitlines()
    assert lines[0].startswith(f" 1. 嘉兴集成电路封装测试平台  [平台 {platforms['chip'].pk}]  得分 ")
    assert "      · 产业领域符合：集成电路" in lines


def test_match_json_is_the_api_payload(client):
    demo_platforms()
    payload = json.loads(run("match", "芯片", "--region", "110000", "--json"))
    api = client.post("/api/v1/match", {"text": "芯片", "region": "110000"}, content_type="application/json").json()
    assert payload == api and payload["results"][0]["name"] == "海淀芯片流片验证平台"


@pytest.mark.parametrize(("args", "message"), [
    (["   "], "请填写需求描述（text）"),
    (["芯片", "--region", "123"], "未知的行政区划代码：123"),
    (["芯片", "--top", "99"], "返回条数（top）须在 1 到 50 之间"),
])
def test_match_errors_name_the_field(args, message):
    demo_platforms()
    with pytest.raises(CommandError, match=message.replace("（", ".").replace("）", ".")):
        run("match", *args)


def test_no_result_says_so():
    demo_platforms()
    assert run("match", "完全无关的烘焙蛋糕") == "没有匹配的平台。No matching platform.\n"


def test_rebuild_reports_the_index():
    demo_platforms()
    output = run("rebuild_match_index")
    lines = output.splitlines()
    assert lines[0].strip().startswith("读取平台 read platforms 4/4")  # progress first
    assert lines[-1].startswith("匹配索引已重建：4 个平台，4 个有向量，编码模型 hashing-bigrams")
    assert "快照 未写入" in lines[-1]  # the test settings keep the index in memory only
