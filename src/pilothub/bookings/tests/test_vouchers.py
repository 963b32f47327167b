import datetime

import openpyxl
import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from pilothub.bookings.services import order_cancel, order_contract, order_create, order_quote
from pilothub.bookings.vouchers.models import VoucherPlatform, VoucherUse, VoucherWallet
from pilothub.bookings.vouchers.selectors import voucher_use_by_platform, voucher_wallets_for_reviewer
from pilothub.bookings.vouchers.services import voucher_apply, voucher_platform_set
from pilothub.core.errors import DomainError
from pilothub.testing.factories import OrganisationFactory, UserFactory, region, reviewer

from .factories import Setting

pytestmark = pytest.mark.django_db


def contracted(s, amount=200_000, signed_on=None, customer=None, actor=None):
    order = order_create(platform=s.platform, customer=customer or s.enterprise_org, actor=actor or s.enterprise,
                         title="检测委托")
    order_quote(order=order, actor=s.operator, amount=amount)
    return order_contract(order=order, actor=s.operator, amount=amount, signed_on=signed_on or timezone.localdate())


def apply_error(order, actor, amount):
    with pytest.raises(DomainError) as error:
        voucher_apply(order=order, actor=actor, amount=amount)
    return error.value.code


def test_a_huairou_enterprise_uses_the_beijing_rule_and_the_cap_holds():
    s = Setting()
    first, second = contracted(s, 400_000), contracted(s, 400_000)
    voucher_apply(order=first, actor=s.enterprise, amount=400_000)
    assert apply_error(second, s.enterprise, 100_001) == "voucher_cap_exceeded"
    voucher_apply(order=second, actor=s.enterprise, amount=100_000)
    wallet = VoucherWallet.objects.get()
    assert (wallet.rule_region_id, wallet.year, wallet.cap, wallet.used_amount, wallet.citation) == (
        "110000", timezone.localdate().year, 500_000, 500_000, "京发改规〔2026〕1号 第5条")


def test_voucher_amount_cannot_exceed_the_contract_amount():
    s = Setting()
    order = contracted(s, 50_000)
    voucher_apply(order=order, actor=s.enterprise, amount=30_000)
    assert apply_error(order, s.enterprise, 20_001) == "voucher_exceeds_contract"
    assert VoucherWallet.objects.get().used_amount == 30_000


def test_only_qualifying_enterprises_at_accepting_platforms_may_use_vouchers():
    s = Setting(tech_sme=False)
    assert apply_error(contracted(s), s.enterprise, 1_000) == "voucher_not_eligible"
    s2 = Setting(accepts_vouchers=False)
    assert apply_error(contracted(s2), s2.enterprise, 1_000) == "platform_not_accepting"
    assert not VoucherUse.objects.exists() and not VoucherWallet.objects.exists()


def test_regions_without_a_rule_and_dates_before_it_are_refused():
    s = Setting()
    jiaxing = OrganisationFactory(region=region("330402"), is_tech_sme=True)
    jiaxing_user = UserFactory(organisation=jiaxing)
    assert apply_error(contracted(s, customer=jiaxing, actor=jiaxing_user), jiaxing_user, 1_000) == "voucher_no_rule"
    early = contracted(s, signed_on=datetime.date(2026, 1, 3))
    assert apply_error(early, s.enterprise, 1_000) == "voucher_not_in_force"


def test_only_the_customer_applies_and_only_while_contracted():
    s = Setting()
    order = contracted(s)
    with pytest.raises(DomainError) as error:
        voucher_apply(order=order, actor=s.operator, amount=1_000)
    assert error.value.status_code == 403
    inquiry = order_create(platform=s.platform, customer=s.enterprise_org, actor=s.enterprise, title="询价")
    assert apply_error(inquiry, s.enterprise, 1_000) == "invalid_state"


def test_cancelling_the_order_gives_the_vouchers_back():
    s = Setting()
    order = contracted(s)
    voucher_apply(order=order, actor=s.enterprise, amount=150_000)
    order_cancel(order=order, actor=s.enterprise, reason="项目终止")
    assert VoucherWallet.objects.get().used_amount == 0
    assert VoucherUse.objects.get().status == "released"


def test_the_database_refuses_a_wallet_beyond_its_cap():
    s = Setting()
    wallet = VoucherWallet.objects.create(organisation=s.enterprise_org, rule_region_id="110000", year=2026,
                                          cap=500_000, used_amount=499_999, citation="c",
                                          rule_effective_from=datetime.date(2026, 1, 4))
    with pytest.raises(IntegrityError), transaction.atomic():
        VoucherWallet.objects.filter(pk=wallet.pk).update(used_amount=500_001)
    wallet.refresh_from_db()
    assert wallet.used_amount == 499_999


def test_only_a_reviewer_governing_the_platform_sets_acceptance():
    s = Setting(accepts_vouchers=False)
    with pytest.raises(DomainError) as error:
        voucher_platform_set(platform=s.platform, actor=reviewer("330400"), accepts=True)
    assert error.value.status_code == 404
    with pytest.raises(DomainError):
        voucher_platform_set(platform=s.platform, actor=s.operator, accepts=True)
    assert not VoucherPlatform.objects.exists()
    voucher_platform_set(platform=s.platform, actor=reviewer("110116"), accepts=True)
    assert VoucherPlatform.objects.get().accepts is True


def test_reviewers_see_and_export_issued_used_and_remaining(client):
    s = Setting()
    voucher_apply(order=contracted(s), actor=s.enterprise, amount=120_000)
    year = timezone.localdate().year
    beijing = reviewer("110000")
    assert voucher_wallets_for_reviewer(user=beijing, year=year) == [
        {"organisation_id": s.enterprise_org.pk, "organisation": s.enterprise_org.name, "region": "怀柔区",
         "year": year, "issued": 500_000, "used": 120_000, "remaining": 380_000, "citation": "京发改规〔2026〕1号 第5条",
         "redeemed": 0, "paid": 0}]
    assert voucher_use_by_platform(user=beijing, year=year) == [
        {"platform_id": s.platform.pk, "platform": s.platform.name, "year": year, "used": 120_000, "orders": 1,
         "redeemed": 0, "paid": 0}]
    assert voucher_wallets_for_reviewer(user=reviewer("330400"), year=year) == []
    with pytest.raises(DomainError):
        voucher_wallets_for_reviewer(user=s.enterprise, year=year)

    client.force_login(beijing)
    response = client.get(f"/api/v1/vouchers/report.xlsx?year={year}")
    assert response.status_code == 200
    import io

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(workbook["按企业"].iter_rows(values_only=True))
    assert rows[1] == (year, s.enterprise_org.name, "怀柔区", 500_000, 120_000, 380_000, 0, 0,
                       "京发改规〔2026〕1号 第5条")
    assert list(workbook["按平台"].iter_rows(values_only=True))[1] == (year, s.platform.name, 120_000, 1, 0, 0)
    client.force_login(s.enterprise)
    assert client.get("/api/v1/vouchers/report").status_code == 403


def test_the_cap_matches_the_policy_engine_parameter():
    """The voucher YAML and the policy engine cite the same clause; they must not drift apart."""
    import yaml

    from pilothub.bookings.vouchers.rules import load_rules
    from pilothub.policy import rules as policy_rules_package

    path = f"{policy_rules_package.__path__[0]}/beijing_2026_1.yaml"
    with open(path, encoding="utf-8") as handle:
        policy = yaml.safe_load(handle)
    params = policy.get("parameters", policy)
    values = params["innovation_voucher.annual_limit"]["values"]
    ours = {v.effective_from: v.yearly_cap for v in load_rules()["110000"]}
    assert ours == dict(values)
