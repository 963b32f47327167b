import pytest

from pilothub.core.errors import DomainError
from pilothub.regions.loading import RegionFileError
from pilothub.regions.models import Region
from pilothub.regions.selectors import region_ancestor_codes, region_subtree
from pilothub.regions.services import regions_load_file

pytestmark = pytest.mark.django_db


def test_migrate_alone_loads_the_seed_regions():
    assert Region.objects.get(code="110116").name == "怀柔区"
    assert Region.objects.get(code="110400").level == "functional_zone"
    assert Region.objects.get(code="330400").parent_id == "330000"
    assert Region.objects.get(code="442000").name == "中山市"
    assert Region.objects.filter(parent_id="110000", level="district").count() == 16
    assert Region.objects.filter(parent_id="330400").count() == 7
    assert Region.objects.filter(parent_id="442000").count() == 23


def test_subtree_contains_the_region_and_everything_under_it_only():
    beijing = set(region_subtree(code="110000").values_list("code", flat=True))
    assert {"110000", "110116", "110400", "110108"} <= beijing
    assert not any(code.startswith("33") or code.startswith("44") for code in beijing)
    jiaxing = set(region_subtree(code="330400").values_list("code", flat=True))
    assert jiaxing == {"330400", "330402", "330411", "330421", "330424", "330481", "330482", "330483"}


def test_ancestors_run_from_the_region_to_the_root():
    assert region_ancestor_codes(code="110116") == ["110116", "110000"]
    assert region_ancestor_codes(code="442000105") == ["442000105", "442000", "440000"]


def test_unknown_region_is_a_clear_error():
    with pytest.raises(DomainError) as error:
        region_subtree(code="999999")
    assert error.value.code == "unknown_region"
    assert "999999" in error.value.message_zh


def test_a_region_file_adds_regions_and_a_bad_file_adds_nothing(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(
        "regions:\n"
        "- {code: '320000', name: 江苏省, level: province, parent: null}\n"
        "- {code: '320500', name: 苏州市, level: city, parent: '320000'}\n", encoding="utf-8")
    assert regions_load_file(path=good) == 2
    assert Region.objects.get(code="320500").path == "/320000/320500/"

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "regions:\n"
        "- {code: '340000', name: 安徽省, level: province, parent: null}\n"
        "- {code: '34010', name: 合肥市, level: city, parent: '340000'}\n"
        "- {code: '340200', name: 芜湖市, level: city, parent: '999999'}\n", encoding="utf-8")
    with pytest.raises(RegionFileError) as error:
        regions_load_file(path=bad)
    assert len(error.value.problems) == 2
    assert not Region.objects.filter(code__startswith="34").exists()
