from io import StringIO

from django.core.management import call_command

from communes.models import Commune, District, Province


def run_import(*args: str) -> str:
    out = StringIO()
    call_command("import_divisions", *args, stdout=out)
    return out.getvalue()


def test_it_loads_dien_bien_with_10_districts_and_129_communes(db):
    run_import("--province", "11")
    province = Province.objects.get(code="11")
    assert province.name == "Tỉnh Điện Biên"
    assert District.objects.filter(province=province).count() == 10
    assert Commune.objects.filter(province=province).count() == 129
    assert Commune.objects.get(code="3160").name == "Xã Mường Nhé"
    assert Commune.objects.get(name="Phường Him Lam").kind == Commune.Kind.WARD
    assert District.objects.get(code="94").kind == District.Kind.CITY


def test_running_it_twice_changes_nothing(db):
    run_import("--province", "11")
    before = list(Commune.objects.order_by("code").values_list("pk", "code", "name", "district_id"))
    output = run_import("--province", "11")
    assert "commune: 0 created, 0 updated" in output
    assert list(Commune.objects.order_by("code").values_list("pk", "code", "name", "district_id")) == before


def test_a_renamed_unit_is_updated_not_duplicated(db):
    run_import("--province", "11")
    Commune.objects.filter(code="3160").update(name="Xã Tên Cũ", search_name="xa ten cu")
    output = run_import("--province", "11")
    assert "commune: 0 created, 1 updated" in output
    assert Commune.objects.filter(code="3160").get().name == "Xã Mường Nhé"
    assert Commune.objects.count() == 129


def test_units_of_the_two_level_structure_end_before_the_2025_reform(db):
    run_import("--province", "11")
    commune = Commune.objects.get(code="3160")
    assert str(commune.valid_to) == "2025-06-30"
    assert Commune.objects.valid_on(commune.valid_to).count() == 129
    assert not Commune.objects.valid_on(commune.valid_to.replace(month=7, day=1)).exists()
