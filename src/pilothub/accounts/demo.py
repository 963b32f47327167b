"""Demo organisations and the demo account of each role (password `pilothub-demo`)."""

from __future__ import annotations

from pilothub.regions.models import Region

from .credit_code import credit_code_complete
from .models import Organisation, OrganisationKind, OrganisationStatus, Role, User

DEMO_PASSWORD = "pilothub-demo"

DEMO_ORGANISATIONS = [
    # key, name, kind, region, body code (9 chars), is_sme, is_tech_sme
    ("enterprise", "北京雁栖精测传感科技有限公司", OrganisationKind.ENTERPRISE, "110116", "MA01DEM01", True, True),
    ("operator", "北京怀柔科学城中试服务有限公司", OrganisationKind.PLATFORM_OPERATOR, "110116", "MA01DEM02", False, False),
    ("gov-bj", "北京市发展和改革委员会", OrganisationKind.GOVERNMENT, "110000", "000DEM003", False, False),
    ("gov-hr", "北京市怀柔区科学技术委员会", OrganisationKind.GOVERNMENT, "110116", "000DEM004", False, False),
    ("gov-jx", "嘉兴市经济和信息化局", OrganisationKind.GOVERNMENT, "330400", "000DEM005", False, False),
    ("gov-zs", "中山市科学技术局", OrganisationKind.GOVERNMENT, "442000", "000DEM006", False, False),
]

DEMO_USERS = [
    # username, role, organisation key, reviewer region, display name
    ("demo-admin", Role.ADMIN, None, None, "系统管理员（演示）"),
    ("demo-enterprise", Role.ENTERPRISE, "enterprise", None, "王经理（演示企业用户）"),
    ("demo-operator", Role.OPERATOR, "operator", None, "李主任（演示平台运营方）"),
    ("demo-reviewer-bj", Role.REVIEWER, "gov-bj", "110000", "北京市审核员（演示）"),
    ("demo-reviewer-hr", Role.REVIEWER, "gov-hr", "110116", "怀柔区审核员（演示）"),
    ("demo-reviewer-jx", Role.REVIEWER, "gov-jx", "330400", "嘉兴市审核员（演示）"),
    ("demo-reviewer-zs", Role.REVIEWER, "gov-zs", "442000", "中山市审核员（演示）"),
]


def demo_credit_code(region_code: str, body_code: str, category: str = "91") -> str:
    return credit_code_complete(f"{category}{region_code[:6]}{body_code}")


def load(stdout=None) -> dict[str, Organisation]:
    organisations: dict[str, Organisation] = {}
    for key, name, kind, region_code, body, is_sme, is_tech_sme in DEMO_ORGANISATIONS:
        category = "11" if kind == OrganisationKind.GOVERNMENT else "91"
        organisation, _created = Organisation.objects.update_or_create(
            credit_code=demo_credit_code(region_code, body, category),
            defaults={"name": name, "kind": kind, "region_id": region_code, "is_sme": is_sme,
                      "is_tech_sme": is_tech_sme, "status": OrganisationStatus.APPROVED, "is_demo": True,
                      "legal_representative": "演示法人"})
        organisations[key] = organisation
    for username, role, org_key, reviewer_region, display_name in DEMO_USERS:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.role = role
        user.organisation = organisations.get(org_key) if org_key else None
        user.region = Region.objects.get(code=reviewer_region) if reviewer_region else None
        user.display_name = str(display_name)
        user.email = f"{username}@example.cn"
        user.is_staff = user.is_superuser = role == Role.ADMIN
        user.set_password(DEMO_PASSWORD)
        user.save()
    if stdout is not None:
        stdout.write(f"  演示账号 demo accounts: {len(DEMO_USERS)}（密码 password: {DEMO_PASSWORD}）")
    return organisations
