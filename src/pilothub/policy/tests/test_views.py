"""Pages: the calculator, applying from it, the reviewer's queue and the permission gate."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from pilothub.policy.models import ApplicationStatus, SubsidyApplication
from pilothub.policy.services import application_decide, application_submit
from pilothub.testing.factories import reviewer

from .factories import budget, contract_request, enterprise_user, new_platform_request

pytestmark = pytest.mark.django_db

CALC = "/policy/"


def new_platform_query(**overrides):
    query = {"type": "new_platform", "region": "110116", "as_of": "2026-03-01", "applicant_independent_legal_entity": "no",
             "industry": "人工智能", "total_investment": "20000000", "has_municipal_support": "no",
             "uses_science_city_facilities": "no"}
    query.update(overrides)
    return query


def test_calculator_url_name():
    assert reverse("policy:calculator") == CALC


def test_calculator_shows_the_questions_of_a_type(client):
    response = client.get(CALC, {"type": "rent"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "租赁面积是多少平方米？" in html and "全部租赁面积每月租金是多少元？" in html
    assert 'name="total_investment"' not in html
    assert 'lang="zh-CN"' in html


def test_calculator_shows_items_clause_trace_draft_and_non_computable(client):
    response = client.get(CALC, new_platform_query())
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-measure="beijing_2026_1.new_platform"' in html
    assert 'data-measure="huairou_draft.new_platform"' in html
    assert "7,000,000 元（700 万元）" in html and "3,000,000 元（300 万元）" in html
    assert "10,000,000 元（1,000 万元）" in html  # total
    assert "京发改规〔2026〕1号 第1条" in html
    assert "计算依据" in html and "beijing.new_platform.v1" in html and "35%" in html
    assert "征求意见稿" in html
    # Non-computable measures of Huairou and Beijing are listed with the advice.
    assert 'data-measure="huairou_draft.platform_operation"' in html
    assert 'data-measure="beijing_2026_1.talent_support"' in html
    assert html.count("无量化标准，需咨询主管部门") == html.count('<tr data-measure="')


def test_calculator_marks_items_not_in_force(client):
    html = client.get(CALC, new_platform_query(as_of="2026-01-03")).content.decode()
    assert "未施行" in html and "尚未施行" in html


def test_calculator_errors_rerender_with_400(client):
    response = client.get(CALC, new_platform_query(total_investment="-1"))
    assert response.status_code == 400
    assert "测算结果" not in response.content.decode()
    response = client.get(CALC, new_platform_query(industry=""))
    assert response.status_code == 400


def test_engine_error_is_attached_to_the_question(client):
    query = {"type": "digital_upgrade", "region": "110116", "as_of": "2026-03-01", "total_investment": "100",
             "fixed_asset_investment": "200"}
    response = client.get(CALC, query)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["fixed_asset_investment"] == ["固定资产投资总额不能大于项目总投资"]


def test_apply_from_the_calculator(client):
    user = enterprise_user("110116")
    client.force_login(user)
    response = client.get(CALC, new_platform_query())
    assert "申报此项" in response.content.decode()
    response = client.post(reverse("policy:application_create"), {
        "measure": "huairou_draft.new_platform", "project_name": "雁栖中试平台",
        "request_json": response.context["request_json"]})
    application = SubsidyApplication.objects.get()
    assert response.status_code == 302 and response.url == reverse("policy:application_detail", args=[application.pk])
    assert (application.amount, application.applicant) == (3_000_000, user.organisation)
    page = client.get(reverse("policy:my_applications")).content.decode()
    assert "雁栖中试平台" in page and "已申报，待初审" in page


def test_apply_refusal_shows_the_reason_and_creates_nothing(client):
    client.force_login(enterprise_user("110116"))
    request = new_platform_request(total_investment=0)
    response = client.post(reverse("policy:application_create"), {
        "measure": "huairou_draft.new_platform", "project_name": "x", "request_json": json.dumps(request)})
    assert response.status_code == 400
    assert not SubsidyApplication.objects.exists()


@pytest.fixture
def beijing_application():
    user = enterprise_user("110116")
    return application_submit(user=user, measure="beijing_2026_1.new_platform", request=new_platform_request(),
                              project_name="北京市级新建平台")


def test_jiaxing_reviewer_cannot_see_or_act_on_a_beijing_application(client, beijing_application):
    client.force_login(reviewer("330400"))
    detail = reverse("policy:application_detail", args=[beijing_application.pk])
    assert client.get(detail).status_code == 404
    response = client.post(reverse("policy:application_decision", args=[beijing_application.pk]),
                           {"action": "first_approve"})
    assert response.status_code == 404
    beijing_application.refresh_from_db()
    assert beijing_application.status == ApplicationStatus.SUBMITTED
    queue = client.get(reverse("policy:review_queue")).content.decode()
    assert "北京市级新建平台" not in queue


def test_other_enterprises_get_404(client, beijing_application):
    client.force_login(enterprise_user("110116"))
    assert client.get(reverse("policy:application_detail", args=[beijing_application.pk])).status_code == 404


def test_beijing_reviewer_sees_trace_recompute_budget_and_acts(client, beijing_application):
    budget("beijing_2026_1.new_platform", "110000", 7_500_000)
    client.force_login(reviewer("110000"))
    detail = reverse("policy:application_detail", args=[beijing_application.pk])
    html = client.get(detail).content.decode()
    assert "按存档计算依据重新计算，结果一致" in html and "计算依据" in html
    assert "通过后预算使用将超过 90%" in html
    response = client.post(reverse("policy:application_decision", args=[beijing_application.pk]),
                           {"action": "first_approve", "note": ""})
    assert response.status_code == 302
    beijing_application.refresh_from_db()
    assert beijing_application.status == ApplicationStatus.FIRST_PASSED
    # The same reviewer cannot do the second review: an error message, nothing changes.
    client.post(reverse("policy:application_decision", args=[beijing_application.pk]), {"action": "second_approve"})
    beijing_application.refresh_from_db()
    assert beijing_application.status == ApplicationStatus.FIRST_PASSED


def test_applicant_resubmits_a_returned_application(client):
    user = enterprise_user("110116")
    application = application_submit(user=user, measure="huairou_draft.test_contract", request=contract_request(),
                                      project_name="测试合同")
    application_decide(application=application, reviewer=reviewer("110116"), action="return", note="补充合同")
    client.force_login(user)
    assert "补充合同" in client.get(reverse("policy:application_detail", args=[application.pk])).content.decode()
    client.post(reverse("policy:application_resubmit", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_review_queue_counts_and_query_budget(client, django_assert_max_num_queries):
    hr = reviewer("110116")
    for n in range(6):
        application_submit(user=enterprise_user("110116"), measure="huairou_draft.test_contract",
                           request=contract_request(), project_name=f"合同{n}")
    budget("huairou_draft.test_contract", "110116", 1_000_000)
    client.force_login(hr)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("policy:review_queue"), {"stage": "submitted"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('href="/policy/applications/') == 6
    assert "已申报，待初审（6）" in html


def test_enterprises_cannot_open_the_review_queue(client):
    client.force_login(enterprise_user("110116"))
    assert client.get(reverse("policy:review_queue")).status_code == 403


def test_date_question_defaults_to_today_in_iso_form(client):
    # A type=date input ignores any other format, which would silently empty the field.
    from django.utils import timezone

    html = client.get(CALC).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in html
