"""Two API schemas with the same class name share one OpenAPI component: one of them is then
documented with the other's fields (schemathesis found /api/v1/equipment documented with the
editing API's EquipmentOut, whose `platform` is an id, not a name)."""

from ninja import Schema


def _schemas(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _schemas(sub)


def test_every_api_schema_has_its_own_name():
    from pilothub.api import api

    api.get_openapi_schema()  # imports every router
    modules: dict[str, set[str]] = {}
    for schema in _schemas(Schema):
        if schema.__module__.startswith("pilothub.") and ".tests" not in schema.__module__:
            modules.setdefault(schema.__name__, set()).add(schema.__module__)
    assert {name: sorted(found) for name, found in modules.items() if len(found) > 1} == {}


def test_the_public_equipment_list_documents_the_platform_name():
    from pilothub.api import api

    components = api.get_openapi_schema()["components"]["schemas"]
    assert components["EquipmentOut"]["properties"]["platform"]["type"] == "string"
    assert components["MyEquipmentOut"]["properties"]["platform"]["type"] == "integer"
    assert "acknowledge_flags" in components["RedemptionApproveIn"]["properties"]
    assert "acknowledge_flags" not in components["ApproveIn"]["properties"]
