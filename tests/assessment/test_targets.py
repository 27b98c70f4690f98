"""A year's targets as data: the model's rules, plan 703's rows for 2021, the demo's shares, and the
year's targets page (province staff edit; everyone else is refused; bad input keeps what was typed)."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from assessment.models import YearTarget
from assessment.services.targets import (
    PLAN_703_SOURCE,
    targets_seed_demo,
    targets_seed_on_open,
    targets_seed_plan_703,
)
from tests.assessment.factories import make_assessment, make_year
from tests.factories import UserFactory, province_reviewer, province_staff

METRICS = [m for m in YearTarget.Metric.values]


def _target(year, metric="tsvm", **fields) -> YearTarget:
    defaults = {"comparison": "gte", "kind": "count", "value": Decimal(10)}
    return YearTarget(year=year, metric=metric, **(defaults | fields))


# --- the model ---------------------------------------------------------------------------------


def test_a_year_has_one_target_per_metric(world):
    year = make_year(2021)
    _target(year).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        _target(year, value=Decimal(20)).save()
    _target(make_year(2022)).save()  # another year may have its own
    assert YearTarget.objects.filter(metric="tsvm").count() == 2


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"kind": "share", "value": Decimal("100.5")}, "value", "Tỷ lệ không được vượt quá 100%."),
        ({"kind": "count", "value": Decimal("6.5")}, "value", "Số xã phải là số nguyên."),
        ({"metric": "general", "kind": "count", "value": Decimal(70)}, "kind", "là tỷ lệ (%), không phải số xã"),
    ],
)
def test_the_model_refuses_targets_that_make_no_sense(world, fields, field, message):
    with pytest.raises(ValidationError) as error:
        _target(make_year(2021), **fields).full_clean()
    assert message in " ".join(error.value.message_dict[field])


def test_the_database_refuses_a_share_above_100_percent(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        _target(make_year(2021), kind="share", value=Decimal(120)).save()


# --- seeds ---------------------------------------------------------------------------------------


def test_2021_gets_plan_703s_counts_citing_the_plan(world):
    year = make_year(2021)
    assert targets_seed_plan_703(year=2021) == len(METRICS)
    rows = {t.metric: t for t in YearTarget.objects.filter(year=year)}
    assert [(rows[m].comparison, rows[m].kind, rows[m].value) for m in ("tsvm", "good", "fair", "average", "weak")] == [
        ("gte", "count", 65),
        ("gte", "count", 30),
        ("gte", "count", 85),
        ("lt", "count", 6),
        ("lte", "count", 0),
    ]
    assert (rows["general"].comparison, rows["general"].kind, rows["general"].value) == ("gt", "share", 70)
    assert all(r.source == PLAN_703_SOURCE and not r.is_demo for r in rows.values())


def test_seeding_again_keeps_what_province_staff_changed(world):
    make_year(2021)
    targets_seed_plan_703(year=2021)
    YearTarget.objects.filter(metric="tsvm").update(value=60)
    assert targets_seed_plan_703(year=2021) == 0
    assert YearTarget.objects.get(metric="tsvm").value == 60


def test_the_demo_gives_share_targets_marked_as_illustrations(world):
    year = make_year(2026, has_district_level=False)
    targets_seed_demo(year=2026)
    rows = {t.metric: t for t in YearTarget.objects.filter(year=year)}
    assert [(rows[m].comparison, rows[m].kind, rows[m].value) for m in ("tsvm", "good", "fair", "average", "weak")] == [
        ("gte", "share", 50),
        ("gte", "share", 25),
        ("gte", "share", 65),
        ("lt", "share", 5),
        ("lte", "share", 0),
    ]
    assert all(r.is_demo for r in rows.values())


def test_seeding_a_year_that_is_not_open_creates_nothing(world):
    assert targets_seed_plan_703(year=2021) == targets_seed_demo(year=2026) == 0
    assert not YearTarget.objects.exists()


def test_opening_2021_brings_the_plans_targets_and_another_year_none(world):
    assert targets_seed_on_open(make_year(2021)) == len(METRICS)
    assert targets_seed_on_open(make_year(2026)) == 0
    assert not YearTarget.objects.filter(year__year=2026).exists()


def test_the_data_migration_fills_2021_when_the_year_exists(world):
    migration = importlib.import_module("assessment.migrations.0004_year_targets")
    migration.seed_plan_703(apps, None)
    assert not YearTarget.objects.exists()
    make_year(2021)
    migration.seed_plan_703(apps, None)
    assert YearTarget.objects.get(year__year=2021, metric="tsvm").value == 65


# --- the page ---------------------------------------------------------------------------------------


def _url(year: int = 2026) -> str:
    return reverse("assessment:year-targets", args=[year])


def _post_data(client, year: int = 2026, **changes: str) -> dict[str, str]:
    """What the page's form posts as shown, with ``changes`` ({"tsvm-value": "50"}) typed in."""
    form = client.get(_url(year)).context["formset"]
    data = {f"targets-{key}": value for key, value in form.management_form.initial.items()}
    for index, row in enumerate(form.forms):
        for name in ("metric", "comparison", "kind", "value", "source"):
            data[f"targets-{index}-{name}"] = str(row.initial.get(name) or "")
        if row.initial.get("is_demo"):
            data[f"targets-{index}-is_demo"] = "on"
        for key, value in changes.items():
            metric, name = key.split("-", 1)
            if row.initial["metric"] == metric:
                data[f"targets-{index}-{name}"] = value
    return data


@pytest.fixture
def year_2026(new_world):
    year = make_year(2026, has_district_level=False)
    make_assessment(new_world.commune, year)
    make_assessment(new_world.other_commune, year)
    return year


def test_province_staff_enter_a_share_target_for_the_year(client, new_world, year_2026):
    client.force_login(new_world.province_user)
    data = _post_data(
        client, **{"tsvm-kind": "share", "tsvm-value": "50,5", "tsvm-source": "Kế hoạch năm 2026", "good-value": "1"}
    )
    response = client.post(_url(), data, follow=True)
    assert "Đã lưu chỉ tiêu năm 2026: 2 chỉ tiêu." in response.content.decode()
    tsvm = YearTarget.objects.get(year=year_2026, metric="tsvm")
    assert (tsvm.kind, tsvm.comparison, tsvm.value, tsvm.source, tsvm.updated_by) == (
        "share",
        "gte",
        Decimal("50.5"),
        "Kế hoạch năm 2026",
        new_world.province_user,
    )
    assert 'value="50,5"' in response.content.decode()  # shown back the Vietnamese way


def test_emptying_a_value_removes_that_target(client, new_world, year_2026):
    targets_seed_demo(year=year_2026)
    client.force_login(new_world.province_user)
    client.post(_url(), _post_data(client, **{"weak-value": ""}))
    assert not YearTarget.objects.filter(year=year_2026, metric="weak").exists()
    assert YearTarget.objects.filter(year=year_2026, metric="tsvm").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"tsvm-value": "năm mươi"}, "“năm mươi” không phải là số. Nhập ví dụ 50 hoặc 95,5."),
        ({"tsvm-kind": "share", "tsvm-value": "120"}, "Tỷ lệ không được vượt quá 100%."),
        ({"tsvm-value": "3"}, "Không thể đạt: năm này chỉ có 2 xã được đánh giá."),
        ({"average-comparison": "lt", "average-value": "0"}, "“Dưới 0” không bao giờ đạt được"),
        ({"good-value": "-1"}, "Giá trị không được âm."),
    ],
)
def test_bad_input_is_explained_in_vietnamese_and_keeps_what_was_typed(client, new_world, year_2026, changes, message):
    client.force_login(new_world.province_user)
    data = _post_data(client, **changes, **{"fair-value": "1"})
    response = client.post(_url(), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Chưa lưu: có chỉ tiêu nhập chưa đúng" in page
    typed = next(v for k, v in changes.items() if k.endswith("-value"))
    assert f'value="{typed}"' in page
    assert 'value="1"' in page  # the other rows keep what was typed too
    assert not YearTarget.objects.exists()


def test_a_locked_year_shows_its_targets_but_refuses_changes(client, new_world, year_2026):
    targets_seed_demo(year=year_2026)
    year_2026.is_locked = True
    year_2026.save()
    client.force_login(new_world.province_user)
    page = client.get(_url()).content.decode()
    assert "đã khóa sổ" in page and "Lưu chỉ tiêu" not in page
    response = client.post(_url(), _post_data(client, **{"tsvm-value": "10"}), follow=True)
    assert "Năm 2026 đã khóa sổ: không sửa được chỉ tiêu." in response.content.decode()
    assert YearTarget.objects.get(metric="tsvm").value == 50


@pytest.mark.parametrize("who", ["commune_user", "reviewer", "any_reviewer"])
def test_nobody_but_province_staff_may_see_or_change_the_targets(client, new_world, year_2026, who):
    client.force_login(getattr(new_world, who))
    assert client.get(_url()).status_code == 403
    assert client.post(_url(), {"targets-TOTAL_FORMS": "0", "targets-INITIAL_FORMS": "0"}).status_code == 403
    assert not YearTarget.objects.exists()


def test_the_district_reviewer_of_the_old_map_is_refused_too(client, world):
    make_year(2021)
    client.force_login(world.reviewer)
    assert client.get(_url(2021)).status_code == 403


def test_a_year_that_is_not_open_has_no_targets_page(client, world):
    client.force_login(world.province_user)
    assert client.get(_url(2030)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    make_year(2021)
    assert client.get(_url(2021)).status_code == 302


def test_the_page_lists_every_metric_with_2021s_plan_values(client, world, django_assert_max_num_queries):
    make_year(2021)
    targets_seed_plan_703(year=2021)
    client.force_login(world.province_user)
    with django_assert_max_num_queries(12):
        response = client.get(_url(2021))
    page = response.content.decode()
    assert len(response.context["formset"].forms) == len(METRICS)
    assert "Trong sạch, vững mạnh" in page and "Trụ sở kiên cố" in page
    assert 'value="65"' in page and PLAN_703_SOURCE in page


def test_the_year_list_links_to_each_years_targets(client, world):
    make_year(2021)
    client.force_login(world.province_user)
    assert _url(2021) in client.get(reverse("assessment:year-list")).content.decode()


# --- the admin -------------------------------------------------------------------------------------


def test_province_staff_with_admin_access_edit_targets_in_the_admin(client, world):
    year = make_year(2021)
    targets_seed_plan_703(year=year)
    client.force_login(province_staff(world.province, is_staff=True))
    assert "Kế hoạch 703" in client.get(reverse("admin:assessment_yeartarget_changelist")).content.decode()
    target = YearTarget.objects.get(metric="tsvm")
    response = client.post(
        reverse("admin:assessment_yeartarget_change", args=[target.pk]),
        {
            "year": year.pk,
            "metric": "tsvm",
            "comparison": "gte",
            "kind": "count",
            "value": "60",
            "source": "Điều chỉnh",
            "is_demo": "",
        },
    )
    assert response.status_code == 302
    assert YearTarget.objects.get(pk=target.pk).value == 60


def test_the_year_admin_shows_its_targets_inline(client, world):
    year = make_year(2021)
    targets_seed_plan_703(year=year)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    page = client.get(reverse("admin:assessment_assessmentyear_change", args=[year.pk])).content.decode()
    assert "Chỉ tiêu của năm" in page and 'value="65.0"' in page


def test_reviewers_have_no_admin_access_to_targets(client, world):
    client.force_login(province_reviewer(world.province, is_staff=False))
    assert client.get(reverse("admin:assessment_yeartarget_changelist")).status_code == 302
