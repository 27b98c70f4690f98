"""Component items: the commune scores the items, the criterion's self score is their sum, and a
required piece of evidence missing stops the submission."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessment.models import Assessment, AssessmentEvent, CriterionScore, ItemScore, Status
from assessment.services.errors import AssessmentError
from assessment.services.items import ItemInput, ItemInputError, criteria_set_item_problems, item_score_save
from assessment.services.scoring import ScoreInput, ScoresInvalid, score_save, scores_save_all
from assessment.services.workflow import assessment_submit
from tests.assessment.factories import make_assessment, make_evidence
from tests.assessment.factories_items import add_items, item_of

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def assessment(world):
    """2021's assessment with every criterion at 20, criterion 3 made of three items (8 + 7 + 5)."""
    assessment = make_assessment(world.commune, 2021, scores=20)
    add_items(assessment.year.criteria_set, [3])
    CriterionScore.objects.filter(assessment=assessment, criterion__number=3).update(self_score=None)
    return assessment


def criterion_score(assessment, number: int) -> CriterionScore:
    return assessment.scores.select_related("criterion").get(criterion__number=number)


def save_item(assessment, actor, order: int, value, note: str = "", version: int | None = None):
    item = item_of(assessment.year.criteria_set, 3, order)
    existing = ItemScore.objects.filter(item=item, score__assessment=assessment).first()
    return item_score_save(
        assessment=assessment,
        item=item,
        actor=actor,
        value=value,
        note=note,
        expected_version=version if version is not None else (existing.version if existing else 1),
    )


def score_all_items(assessment, actor) -> None:
    save_item(assessment, actor, 1, "8")
    save_item(assessment, actor, 2, "6,5", note="Hội nghị muộn")
    save_item(assessment, actor, 3, "5")


def test_the_criterion_self_score_is_the_sum_of_its_items(world, assessment):
    save_item(assessment, world.commune_user, 1, "8")
    assert criterion_score(assessment, 3).self_score == Decimal("8")
    save_item(assessment, world.commune_user, 2, "6.5", note="Hội nghị muộn")
    save_item(assessment, world.commune_user, 3, "4,75", note="Báo cáo chậm")
    score = criterion_score(assessment, 3)
    assert score.self_score == Decimal("19.25")
    # The history keeps the item's change and the criterion's new sum.
    fields = set(AssessmentEvent.objects.filter(assessment=assessment).values_list("field", flat=True))
    assert {"item_self_score", "item_note", "self_score"} <= fields
    # Lowering an item lowers the sum in the same save.
    save_item(assessment, world.commune_user, 1, "6", note="Kế hoạch ban hành muộn")
    assert criterion_score(assessment, 3).self_score == Decimal("17.25")


@pytest.mark.parametrize("raw", ["8.25", "-1", "3.1", "abc", "1e1"])
def test_an_item_score_outside_its_maximum_or_off_the_step_is_refused_naming_criterion_and_item(world, assessment, raw):
    with pytest.raises(ItemInputError) as refused:
        save_item(assessment, world.commune_user, 1, raw)
    message = str(refused.value)
    assert "Tiêu thức 3" in message and "3.1" in message and "Ban hành kế hoạch thực hiện" in message
    assert "0 đến 8" in message
    assert not ItemScore.objects.exists() and criterion_score(assessment, 3).self_score is None


def test_an_item_below_its_maximum_needs_a_note(world, assessment):
    with pytest.raises(ItemInputError, match="cần ghi giải trình"):
        save_item(assessment, world.commune_user, 2, "6")
    assert save_item(assessment, world.commune_user, 2, "6.75", note="Thiếu đại biểu").self_score == Decimal("6.75")


def test_a_stale_item_save_is_refused(world, assessment):
    save_item(assessment, world.commune_user, 1, "8", version=1)
    with pytest.raises(AssessmentError, match="vừa được"):
        save_item(assessment, world.commune_user, 1, "7", note="x", version=1)
    assert criterion_score(assessment, 3).self_score == Decimal("8")


def test_a_criterion_with_items_is_not_scored_directly(world, assessment):
    with pytest.raises(AssessmentError, match="từng nội dung thành phần"):
        score_save(
            score=criterion_score(assessment, 3), actor=world.commune_user, value="20", note="", expected_version=1
        )


def test_a_criterion_without_items_is_scored_as_before(world, assessment):
    score = criterion_score(assessment, 4)
    saved = score_save(score=score, actor=world.commune_user, value="17,5", note="Còn thiếu", expected_version=1)
    assert saved.self_score == Decimal("17.5") and not saved.item_scores.exists()


def test_save_all_saves_items_and_criteria_together_or_nothing(world, assessment):
    items = [item_of(assessment.year.criteria_set, 3, order) for order in (1, 2, 3)]
    four = criterion_score(assessment, 4)
    good = [ItemInput(items[0].pk, "8", "", 1), ItemInput(items[1].pk, "7", "", 1), ItemInput(items[2].pk, "5", "", 1)]
    bad = [*good[:2], ItemInput(items[2].pk, "9", "", 1)]
    with pytest.raises(ScoresInvalid) as refused:
        scores_save_all(
            assessment=assessment, actor=world.commune_user, rows=[ScoreInput(four.pk, "15", "x", 1)], items=bad
        )
    assert items[2].pk in refused.value.item_errors and "3.3" in str(refused.value.item_errors[items[2].pk])
    assert not ItemScore.objects.exists() and criterion_score(assessment, 4).self_score == Decimal("20")
    scores_save_all(
        assessment=assessment, actor=world.commune_user, rows=[ScoreInput(four.pk, "15", "x", 1)], items=good
    )
    assert criterion_score(assessment, 3).self_score == Decimal("20")
    assert criterion_score(assessment, 4).self_score == Decimal("15")


def _submit(assessment, actor):
    fresh = Assessment.objects.get(pk=assessment.pk)
    return assessment_submit(assessment=fresh, actor=actor, expected_version=fresh.version)


def test_submitting_is_refused_while_a_required_evidence_is_missing_and_nothing_changes(world, assessment):
    score_all_items(assessment, world.commune_user)
    before = Assessment.objects.get(pk=assessment.pk)
    events = AssessmentEvent.objects.filter(assessment=assessment).count()
    with pytest.raises(AssessmentError) as refused:
        _submit(assessment, world.commune_user)
    message = str(refused.value)
    assert "Tiêu thức 3, nội dung 3.1 “Ban hành kế hoạch thực hiện”" in message
    assert "Quyết định: Quyết định ban hành kế hoạch" in message
    assert "Biên bản: Biên bản hội nghị" in message
    assert "Ảnh hội nghị" not in message  # optional evidence does not block
    after = Assessment.objects.get(pk=assessment.pk)
    assert (after.status, after.version, after.submitted_at) == (Status.DRAFT, before.version, None)
    assert AssessmentEvent.objects.filter(assessment=assessment).count() == events


def test_submitting_succeeds_once_the_required_evidence_is_uploaded(world, assessment):
    score_all_items(assessment, world.commune_user)
    score = criterion_score(assessment, 3)
    for order in (1, 2):
        requirement = item_of(assessment.year.criteria_set, 3, order).requirements.get(is_required=True)
        evidence = make_evidence(score, world.commune_user)
        evidence.requirement = requirement
        evidence.save()
    # The optional photo is still missing: it does not block.
    assert _submit(assessment, world.commune_user).status == Status.SUBMITTED


def test_an_unscored_item_blocks_submitting(world, assessment):
    save_item(assessment, world.commune_user, 1, "8")
    with pytest.raises(AssessmentError, match="nội dung 3.2 “Tổ chức hội nghị triển khai” chưa chấm điểm"):
        _submit(assessment, world.commune_user)


def test_items_whose_maxima_do_not_add_up_are_reported(assessment):
    criteria_set = assessment.year.criteria_set
    assert criteria_set_item_problems(criteria_set) == []
    item = item_of(criteria_set, 3, 3)
    item.max_points = Decimal("4")
    item.save()
    (problem,) = criteria_set_item_problems(criteria_set)
    assert "Tiêu thức 3" in problem and "19" in problem and "20" in problem


# --- the score page ----------------------------------------------------------------------------------


def page_url(assessment) -> str:
    return reverse("assessment:score-edit", args=[assessment.year.year, assessment.commune.code])


def item_url(assessment, item) -> str:
    return reverse(
        "assessment:item-score-row",
        args=[assessment.year.year, assessment.commune.code, item.criterion.number, item.pk],
    )


def test_the_score_page_shows_the_items_with_their_evidence_and_their_inputs(client, world, assessment):
    client.force_login(world.commune_user)
    content = client.get(page_url(assessment)).content.decode()
    item = item_of(assessment.year.criteria_set, 3, 1)
    assert "3.1. Ban hành kế hoạch thực hiện" in content and "Quyết định: Quyết định ban hành kế hoạch" in content
    assert f'name="c3-i{item.pk}-value"' in content and f'hx-post="{item_url(assessment, item)}"' in content
    assert 'name="c3-value"' not in content and 'name="c4-value"' in content
    assert "Bắt buộc" in content and "Không bắt buộc" in content


def test_an_item_saved_through_htmx_answers_with_the_new_sum(client, world, assessment):
    client.force_login(world.commune_user)
    item = item_of(assessment.year.criteria_set, 3, 1)
    p = f"c3-i{item.pk}"
    response = client.post(
        item_url(assessment, item), {f"{p}-value": "7,5", f"{p}-note": "Muộn", f"{p}-version": "1"}, **HTMX
    )
    content = response.content.decode()
    assert response.status_code == 200 and "Đã lưu lúc" in content
    assert 'id="c3-sum"' in content and "7,5" in content
    assert criterion_score(assessment, 3).self_score == Decimal("7.5")
    bad = client.post(item_url(assessment, item), {f"{p}-value": "9", f"{p}-note": "", f"{p}-version": "2"}, **HTMX)
    assert "Tiêu thức 3, nội dung 3.1" in bad.content.decode()
    # The timeline names the item whose score changed.
    timeline = client.get(page_url(assessment)).content.decode()
    assert "Tiêu thức 3 · Nội dung 3.1 Ban hành kế hoạch thực hiện · Điểm tự chấm nội dung thành phần" in timeline


def test_save_all_on_the_page_reports_a_bad_item_and_saves_nothing(client, world, assessment):
    client.force_login(world.commune_user)
    data = {}
    for score in assessment.scores.select_related("criterion"):
        n = score.criterion.number
        if n != 3:
            data |= {f"c{n}-value": "20", f"c{n}-note": "", f"c{n}-version": str(score.version)}
    for order, value in ((1, "8"), (2, "7"), (3, "6")):
        item = item_of(assessment.year.criteria_set, 3, order)
        data |= {f"c3-i{item.pk}-value": value, f"c3-i{item.pk}-note": "", f"c3-i{item.pk}-version": "1"}
    content = client.post(page_url(assessment), data).content.decode()
    assert "Chưa lưu gì" in content and "nội dung 3.3" in content
    assert not ItemScore.objects.exists()
    item = item_of(assessment.year.criteria_set, 3, 3)
    data[f"c3-i{item.pk}-value"] = "5"
    assert client.post(page_url(assessment), data).status_code == 302
    assert criterion_score(assessment, 3).self_score == Decimal("20")


def test_an_upload_names_the_requirement_it_satisfies(client, world, assessment):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.assessment.factories import PDF_BYTES

    client.force_login(world.commune_user)
    requirement = item_of(assessment.year.criteria_set, 3, 1).requirements.get()
    url = reverse("assessment:evidence-upload", args=[2021, world.commune.code, 3])
    upload = SimpleUploadedFile("qd.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(url, {"file": upload, "requirement": str(requirement.pk)}, **HTMX)
    content = response.content.decode()
    assert response.status_code == 200 and "3.1 · Quyết định" in content
    # Out of band, the item's list of documents now shows the file.
    item = requirement.item
    assert f'id="c3-i{item.pk}-requirements" hx-swap-oob="true"' in content and "✓ qd.pdf" in content
    assert criterion_score(assessment, 3).evidence.get().requirement == requirement
    other = item_of(assessment.year.criteria_set, 3, 2).requirements.first()
    wrong = reverse("assessment:evidence-upload", args=[2021, world.commune.code, 4])
    upload = SimpleUploadedFile("qd.pdf", PDF_BYTES, content_type="application/pdf")
    assert client.post(wrong, {"file": upload, "requirement": str(other.pk)}).status_code == 404


def test_a_stale_item_save_through_htmx_shows_the_saved_values_in_the_item(client, world, assessment):
    item = item_of(assessment.year.criteria_set, 3, 1)
    save_item(assessment, world.commune_user, 1, "7", note="Muộn", version=1)
    client.force_login(world.commune_user)
    p = f"c3-i{item.pk}"
    response = client.post(
        item_url(assessment, item), {f"{p}-value": "8", f"{p}-note": "", f"{p}-version": "1"}, **HTMX
    )
    content = response.content.decode()
    assert response["HX-Retarget"] == f"#{p}-row" and "vừa được" in content
    assert f'id="{p}-value" name="{p}-value" value="7"' in content
    assert criterion_score(assessment, 3).self_score == Decimal("7")


def test_the_score_page_says_which_required_documents_are_missing(client, world, assessment):
    client.force_login(world.commune_user)
    content = client.get(page_url(assessment)).content.decode()
    assert content.count("chưa có tệp") == 3  # the decision, the minutes and the optional photo
