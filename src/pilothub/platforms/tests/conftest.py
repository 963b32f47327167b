import pytest


@pytest.fixture(autouse=True)
def _vocabularies(request):
    """Industries and service types from the YAML vocabularies (idempotent), for database tests."""
    if not request.node.get_closest_marker("django_db"):
        return
    request.getfixturevalue("db")
    from pilothub.matching.demo_loader import load_vocabularies

    load_vocabularies()
