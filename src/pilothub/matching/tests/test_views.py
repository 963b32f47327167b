"""The 找平台 page: a thin view over match_platforms."""

import pytest
from django.urls import reverse

from .factories import demo_platforms

pytestmark = pytest.mark.django_db


def test_the_page_lists_platforms_with_reasons(client, django_assert_max_num_queries):
    demo_platforms()
    client.get(reverse("matching:search"), {"text": "预热"})  # builds the index once
    with django_assert_max_num_queries(25):
        response = client.get(reverse("matching:search"), {"text": "ADC 放大", "region": "110000"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "怀柔抗体偶联药物中试平台" in html and "服务类型符合：工艺放大熟化" in html
    assert "嘉兴集成电路封装测试平台" not in html


def test_the_empty_page_shows_the_form_only(client):
    response = client.get(reverse("matching:search"))
    assert response.status_code == 200 and "推荐结果" not in response.content.decode()


def test_bad_input_re_renders_the_form_with_a_chinese_error(client):
    demo_platforms()
    response = client.get(reverse("matching:search"), {"text": "芯" * 2001})
    assert response.status_code == 400
    assert "推荐结果" not in response.content.decode()
    response = client.get(reverse("matching:search"), {"text": "   "})
    assert response.status_code == 400 and "这个字段是必填项" in response.content.decode()
