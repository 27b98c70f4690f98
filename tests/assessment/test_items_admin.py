"""Province staff edit component items in the admin (inline on the criterion) and the evidence each
requires (inline on the item); items whose maxima do not add up to the criterion's are refused."""

from django.urls import reverse

from assessment.models import ComponentItem, EvidenceKind
from tests.assessment.factories import default_criteria_set
from tests.factories import province_staff


def item_form(criterion, rows) -> dict:
    data = {
        "criteria_set": criterion.criteria_set_id,
        "number": criterion.number,
        "name": criterion.name,
        "guidance": criterion.guidance,
        "max_points": str(criterion.max_points),
        "responsible_position": criterion.responsible_position,
        "items-TOTAL_FORMS": str(len(rows)),
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    for index, (name, maximum) in enumerate(rows):
        data |= {
            f"items-{index}-order": str(index + 1),
            f"items-{index}-name": name,
            f"items-{index}-max_points": maximum,
        }
    return data


def test_province_staff_add_items_whose_maxima_add_up_to_the_criterion(client, world):
    client.force_login(province_staff(world.province, is_staff=True))
    criterion = default_criteria_set().criteria.get(number=2)
    url = reverse("admin:assessment_criterion_change", args=[criterion.pk])
    assert "Nội dung thành phần" in client.get(url).content.decode()
    refused = client.post(url, item_form(criterion, [("Kế hoạch", "8"), ("Hội nghị", "7")]))
    assert (
        refused.status_code == 200 and "tổng điểm tối đa của các nội dung thành phần là 15" in refused.content.decode()
    )
    assert not ComponentItem.objects.exists()
    saved = client.post(url, item_form(criterion, [("Kế hoạch", "12"), ("Hội nghị", "8")]))
    assert saved.status_code == 302
    assert list(criterion.items.values_list("name", "max_points")) == [("Kế hoạch", 12), ("Hội nghị", 8)]


def test_province_staff_add_the_evidence_an_item_requires(client, world):
    client.force_login(province_staff(world.province, is_staff=True))
    criterion = default_criteria_set().criteria.get(number=2)
    item = ComponentItem.objects.create(criterion=criterion, order=1, name="Kế hoạch", max_points=20)
    url = reverse("admin:assessment_componentitem_change", args=[item.pk])
    data = {
        "criterion": criterion.pk,
        "order": "1",
        "name": "Kế hoạch",
        "max_points": "20",
        "guidance": "",
        "requirements-TOTAL_FORMS": "1",
        "requirements-INITIAL_FORMS": "0",
        "requirements-MIN_NUM_FORMS": "0",
        "requirements-MAX_NUM_FORMS": "1000",
        "requirements-0-kind": EvidenceKind.DECISION,
        "requirements-0-description": "Quyết định ban hành kế hoạch",
        "requirements-0-is_required": "on",
    }
    assert client.post(url, data).status_code == 302
    requirement = item.requirements.get()
    assert (requirement.kind, requirement.is_required) == (EvidenceKind.DECISION, True)


def test_the_shipped_2021_set_has_no_items(db):
    assert not ComponentItem.objects.filter(criterion__criteria_set=default_criteria_set()).exists()


def test_the_criterion_maximum_cannot_leave_its_items_behind(client, world):
    from tests.assessment.factories_items import add_items

    client.force_login(province_staff(world.province, is_staff=True))
    criteria_set = default_criteria_set()
    add_items(criteria_set, [2])
    url = reverse("admin:assessment_criteriaset_change", args=[criteria_set.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {"name": criteria_set.name, "legal_basis": criteria_set.legal_basis, "year_from": criteria_set.year_from}
    data["tsvm_min_class"], data["tsvm_min_each"] = criteria_set.tsvm_min_class, str(criteria_set.tsvm_min_each)
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data |= {f"{management.prefix}-{k}": v for k, v in management.initial.items()}
        for inline_form in formset.formset.forms:
            for name, field in inline_form.fields.items():
                value = inline_form.initial.get(name, field.initial)
                if value is not None and value is not False:
                    data[inline_form.add_prefix(name)] = value.pk if hasattr(value, "pk") else value
    criterion = criteria_set.criteria.get(number=2)
    index = next(
        i for i, f in enumerate(page.context["inline_admin_formsets"][1].formset.forms) if f.instance == criterion
    )
    prefix = page.context["inline_admin_formsets"][1].formset.prefix
    data[f"{prefix}-{index}-max_points"] = "25"
    refused = client.post(url, data)
    assert refused.status_code == 200 and "phải bằng điểm tối đa của tiêu thức (25)" in refused.content.decode()
    criterion.refresh_from_db()
    assert criterion.max_points == 20


def test_an_items_maximum_is_changed_on_the_criterions_page_only(client, world):
    client.force_login(province_staff(world.province, is_staff=True))
    criterion = default_criteria_set().criteria.get(number=2)
    item = ComponentItem.objects.create(criterion=criterion, order=1, name="Kế hoạch", max_points=20)
    content = client.get(reverse("admin:assessment_componentitem_change", args=[item.pk])).content.decode()
    assert 'name="max_points"' not in content and 'name="name"' in content


def test_a_year_cannot_open_with_items_that_do_not_add_up(world):
    import pytest

    from assessment.services.errors import AssessmentError
    from assessment.services.years import assessment_year_open

    criteria_set = default_criteria_set()
    ComponentItem.objects.create(criterion=criteria_set.criteria.get(number=2), order=1, name="Kế hoạch", max_points=8)
    with pytest.raises(AssessmentError, match="Tiêu thức 2: tổng điểm tối đa"):
        assessment_year_open(
            year=2022,
            criteria_set=criteria_set,
            self_deadline=None,
            review_deadline=None,
            confirm_deadline=None,
            actor=world.province_user,
        )


def test_the_criteria_set_page_lists_items_and_says_what_does_not_add_up(client, world):
    criteria_set = default_criteria_set()
    ComponentItem.objects.create(criterion=criteria_set.criteria.get(number=2), order=1, name="Kế hoạch", max_points=8)
    client.force_login(world.province_user)
    content = client.get(reverse("assessment:criteria-set-detail", args=[criteria_set.pk])).content.decode()
    assert "2.1. Kế hoạch · tối đa 8" in content
    assert "Tiêu thức 2: tổng điểm tối đa của các nội dung thành phần là 8" in content
