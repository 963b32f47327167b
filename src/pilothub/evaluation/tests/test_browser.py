"""In Chromium: an operator applies, a Jiaxing reviewer passes 形式审查, records two experts' scores
(the applicant's own expert is not offered), passes 专家评审 and, after the publicity period, 认定."""

import pytest
from django.utils import timezone

from pilothub.evaluation.models import CertificationApplication
from pilothub.platforms.models import Platform
from pilothub.testing.factories import PlatformFactory, operator, region, reviewer

from . import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"


def _transition(page, action: str, reason: str):
    form = page.locator(f"form.transition[data-action={action}]")
    form.locator("textarea[name=reason]").fill(reason)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def test_apply_formal_review_expert_scores_and_certify(page, login, tmp_path):
    op = operator("330402", username="nanhu-op")
    platform = PlatformFactory(name="南湖新材料中试平台", operator=op.organisation, region=region("330402"))
    reviewer("330400", username="jx-reviewer")
    call = f.call("330400")
    f.expert(name="王教授")
    f.expert(name="陈研究员")
    f.expert(organisation=op.organisation, name="本单位专家")
    pdf = tmp_path / "申报书.pdf"
    pdf.write_bytes(f.pdf_upload().read())
    png = tmp_path / "执照.png"
    png.write_bytes(f.png_upload().read())

    login("nanhu-op", PASSWORD)
    page.goto(f"/evaluation/calls/{call.pk}/")
    page.click("a.button[href$='/apply/']")
    page.select_option("select[name=platform]", str(platform.pk))
    page.fill("textarea[name=summary]", "具备 500L 工艺放大能力，对外开放共享。")
    for code, points in (("capability", "32"), ("openness", "24"), ("management", "25")):
        page.fill(f"input[name=self_{code}]", points)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("#state").inner_text() == "草稿"
    for kind, path in (("application_form", pdf), ("licence", png)):
        page.select_option("#attachment-form select[name=kind]", kind)
        page.set_input_files("#attachment-form input[name=file]", str(path))
        page.click("#attachment-form button[type=submit]")
        page.wait_for_load_state("networkidle")
    assert page.locator("text=缺少必备附件").count() == 0
    _transition(page, "submit", "")
    assert page.locator("#state").inner_text() == "待形式审查"

    page.context.clear_cookies()
    login("jx-reviewer", PASSWORD)
    application = CertificationApplication.objects.get(platform=platform)
    page.goto(f"/evaluation/applications/{application.pk}/")
    _transition(page, "formal_pass", "材料齐全，形式审查通过")
    assert page.locator("#state").inner_text() == "专家评审"

    for name, scores in (("王教授", ("36", "26", "24")), ("陈研究员", ("30", "22", "20"))):
        page.click("text=录入专家评分")
        options = page.locator("select[name=expert] option").all_inner_texts()
        assert not any("本单位专家" in option for option in options)
        assert "本单位专家" in page.locator(".notice").inner_text()
        page.select_option("select[name=expert]", label=next(o for o in options if o.startswith(name)))
        for code, points in zip(("capability", "openness", "management"), scores, strict=True):
            page.fill(f"input[name=score_{code}]", points)
        page.fill("textarea[name=comment]", "同意推荐")
        page.click("form.form button[type=submit]")
        page.wait_for_load_state("networkidle")
    _transition(page, "expert_pass", "两位专家平均分 79 分，达到通过分")
    assert page.locator("#state").inner_text() == "公示中"

    # The publicity period has run out.
    CertificationApplication.objects.filter(pk=application.pk).update(publicity_ends_on=timezone.localdate())
    page.reload()
    _transition(page, "certify", "公示期满，无异议，予以认定")
    assert page.locator("#state").inner_text() == "已认定"
    assert Platform.objects.get(pk=platform.pk).tier == "municipal"
