"""`pilothub rebuild-search-index`: rebuilds every document and reports progress on stderr."""

from io import StringIO

import pytest
from django.core.management import call_command

from pilothub.platforms.models import PlatformSearchDocument
from pilothub.testing.factories import PlatformFactory

pytestmark = pytest.mark.django_db


def test_rebuild_search_index_indexes_every_platform_and_reports_progress():
    platforms = PlatformFactory.create_batch(3)
    PlatformSearchDocument.objects.all().delete()
    out, err = StringIO(), StringIO()

    call_command("rebuild_search_index", stdout=out, stderr=err)

    assert set(PlatformSearchDocument.objects.values_list("platform_id", flat=True)) == {p.pk for p in platforms}
    assert "已索引 3 个平台" in out.getvalue()
    assert "3/3 (100%)" in err.getvalue()


def test_rebuild_search_index_is_quiet_at_verbosity_zero():
    PlatformFactory.create_batch(2)
    err = StringIO()
    call_command("rebuild_search_index", verbosity=0, stdout=StringIO(), stderr=err)
    assert err.getvalue() == ""
