"""factory_boy factories shared by every app's tests."""

from __future__ import annotations

import factory

from pilothub.accounts.credit_code import credit_code_complete
from pilothub.accounts.models import Organisation, OrganisationKind, OrganisationStatus, Role, User
from pilothub.regions.models import Region


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def _credit_code(n: int) -> str:
    # 9-character body made of allowed characters only; unique per sequence number.
    return credit_code_complete(f"91110000MA{n:07d}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    kind = OrganisationKind.ENTERPRISE
    credit_code = factory.Sequence(_credit_code)
    region = factory.LazyFunction(lambda: region("110108"))
    status = OrganisationStatus.APPROVED
    is_sme = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.cn")
    role = Role.ENTERPRISE
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.django.Password("correct-horse-battery")


def reviewer(region_code: str, **kwargs) -> User:
    return UserFactory(role=Role.REVIEWER, region=region(region_code),
                       organisation=OrganisationFactory(kind=OrganisationKind.GOVERNMENT,
                                                        region=region(region_code)), **kwargs)


def operator(region_code: str = "110116", **kwargs) -> User:
    org = OrganisationFactory(kind=OrganisationKind.PLATFORM_OPERATOR, region=region(region_code))
    return UserFactory(role=Role.OPERATOR, organisation=org, **kwargs)


def admin(**kwargs) -> User:
    return UserFactory(role=Role.ADMIN, organisation=None, is_staff=True, is_superuser=True, **kwargs)


# --- registry, demands and orders (apps add richer factories in their own tests/factories.py) ---
import datetime  # noqa: E402

from django.utils import timezone  # noqa: E402

from pilothub.bookings.models import ServiceOrder  # noqa: E402
from pilothub.demands.models import Demand  # noqa: E402
from pilothub.platforms.models import Equipment, Industry, Platform, ServiceType, TestService  # noqa: E402


def industry(code: str = "pharma-health", name: str = "医药健康") -> Industry:
    return Industry.objects.get_or_create(code=code, defaults={"name": name})[0]


def service_type(code: str = "scale-up", name: str = "工艺放大熟化") -> ServiceType:
    return ServiceType.objects.get_or_create(code=code, defaults={"name": name})[0]


class PlatformFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Platform
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试中试平台{n}")
    operator = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.PLATFORM_OPERATOR)
    region = factory.LazyFunction(lambda: region("110116"))
    address = "北京市怀柔区雁栖经济开发区"
    longitude = 116.63
    latitude = 40.32
    main_business = "工艺放大与小批量试生产"
    description = "提供 50L–500L 发酵罐工艺放大服务。"


class EquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Equipment

    platform = factory.SubFactory(PlatformFactory)
    name = factory.Sequence(lambda n: f"扫描电子显微镜{n}")
    model = "SU5000"
    original_value = 2_000_000
    shareable = True


class TestServiceFactory(factory.django.DjangoModelFactory):
    __test__ = False

    class Meta:
        model = TestService

    platform = factory.SubFactory(PlatformFactory)
    name = "材料拉伸性能测试"
    standard = "GB/T 228.1-2021"
    price = 800
    unit = "样品"
    turnaround_days = 5


class DemandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Demand
        skip_postgeneration_save = True

    enterprise = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"抗体药物中试放大需求{n}")
    text = "我们有一个单抗项目需要做 200L 规模的工艺放大，希望有 GMP 车间。"
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    region = factory.LazyAttribute(lambda d: d.enterprise.region)


class ServiceOrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceOrder

    platform = factory.SubFactory(PlatformFactory)
    customer = factory.SubFactory(OrganisationFactory)
    title = "材料检测委托"
    is_external = True
