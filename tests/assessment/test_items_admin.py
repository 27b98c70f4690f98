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
