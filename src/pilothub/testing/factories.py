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
