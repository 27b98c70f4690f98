"""The score page: rows saved one by one (htmx) or all at once (no JavaScript), errors, conflicts, read-only."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from assessment.classification import points
from assessment.models import AssessmentEvent, Status
from assessment.services.scoring import score_save
from tests.assessment.factories import make_assessment, make_evidence, make_year

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def assessment(world):
    return make_assessment(world.commune, 2021)


def page_url(assessment) -> str:
    return reverse("assessment:score-edit", args=[assessment.year.year, assessment.commune.code])


def row_url(assessment, number: int) -> str:
    return reverse("assessment:score-row", args=[assessment.year.year, assessment.commune.code, number])


def saved(assessment, number: int):
    return assessment.scores.get(criterion__number=number)


def every_row(assessment, **changes: tuple[str, str]) -> dict[str, str]:
    """The whole form as the page posts it: every row's value, note and version."""
    data = {}
    for s in assessment.scores.select_related("criterion"):
        n = s.criterion.number
        value, note = changes.get(f"c{n}", (str(s.self_score or ""), s.note))
        data |= {f"c{n}-value": value, f"c{n}-note": note, f"c{n}-version": str(s.version)}
    return data


def test_the_page_shows_every_criterion_with_guidance_maximum_and_inputs(client, world, assessment):
    client.force_login(world.commune_user)
    content = client.get(page_url(assessment)).content.decode()
    assert content.count('class="card score-row') == 20
    assert "Tổ chức và hoạt động của Hội đồng nhân dân" in content
    assert "Hướng dẫn chấm điểm" in content and "Phụ trách: Trưởng Công an xã" in content
    assert 'hx-trigger="change"' in content and f'hx-post="{row_url(assessment, 7)}"' in content
    assert 'name="c7-version" value="1" form="score-form"' in content
    assert "Lưu tất cả" in content and "Tự chấm · xã chưa nộp" in content
    assert "Tổng điểm" in content and "Yếu" in content  # nothing scored yet


def test_a_row_saved_through_htmx_answers_with_its_saved_state_and_the_new_total(client, world, assessment):
    client.force_login(world.commune_user)
    response = client.post(
        row_url(assessment, 7), {"c7-value": "17,5", "c7-note": "Còn 2 hồ sơ quá hạn", "c7-version": "1"}, **HTMX
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"Đã lưu lúc \d\d:\d\d", content)
    assert 'id="c7-version" name="c7-version" value="2"' in content and 'hx-swap-oob="true"' in content
    assert "17,5" in content and 'id="score-summary"' in content and 'id="score-timeline"' in content
    assert saved(assessment, 7).self_score == Decimal("17.5")


def test_a_bad_row_is_refused_naming_the_criterion_and_keeps_what_was_saved(client, world, assessment):
    client.force_login(world.commune_user)
    score_save(score=saved(assessment, 7), actor=world.commune_user, value="20", note="", expected_version=1)
    for bad in ["21", "12,3", "abc", "1e3", "-0"]:
        response = client.post(row_url(assessment, 7), {"c7-value": bad, "c7-note": "", "c7-version": "2"}, **HTMX)
        assert "Tiêu thức 7: điểm phải từ 0 đến 20, bước 0,25" in response.content.decode()
        assert 'data-error-field="value"' in response.content.decode()
    assert saved(assessment, 7).self_score == Decimal("20")


def test_a_lower_score_without_a_note_is_refused_naming_the_criterion(client, world, assessment):
    client.force_login(world.commune_user)
    response = client.post(row_url(assessment, 4), {"c4-value": "16", "c4-note": "", "c4-version": "1"}, **HTMX)
    content = response.content.decode()
    assert "Tiêu thức 4: điểm 16 thấp hơn điểm tối đa 20, cần ghi giải trình" in content
    assert 'data-error-field="note"' in content
    assert saved(assessment, 4).self_score is None


def test_a_stale_row_is_refused_and_the_row_comes_back_with_the_current_values(client, world, assessment):
    score_save(
        score=saved(assessment, 5), actor=world.sibling_user, value="19", note="Thiếu 1 biên bản", expected_version=1
    )
    client.force_login(world.commune_user)
    response = client.post(row_url(assessment, 5), {"c5-value": "20", "c5-note": "", "c5-version": "1"}, **HTMX)
    content = response.content.decode()
    assert response["HX-Retarget"] == "#c5-row" and response["HX-Reswap"] == "outerHTML"
    assert "Tiêu thức 5 vừa được" in content and "bạn đã nhập: 20" in content
    assert 'value="19"' in content and "Thiếu 1 biên bản" in content and 'value="2"' in content
    assert saved(assessment, 5).self_score == Decimal("19")


def test_a_refused_stale_row_keeps_the_typed_score_and_note_beside_the_saved_ones(client, world, assessment):
    score_save(
        score=saved(assessment, 5), actor=world.sibling_user, value="19", note="Của đồng nghiệp", expected_version=1
    )
    client.force_login(world.commune_user)
    typed = {"c5-value": "17", "c5-note": "Thiếu biên bản họp tháng 3", "c5-version": "1"}
    content = client.post(row_url(assessment, 5), typed, **HTMX).content.decode()
    assert "Nội dung bạn vừa nhập (chưa lưu):" in content
    assert 'data-value="17"' in content and 'data-note="Thiếu biên bản họp tháng 3"' in content
    assert 'value="19"' in content and "Của đồng nghiệp" in content  # the inputs: what was saved meanwhile
    # Without JavaScript (the whole form) the typed note is kept the same way.
    data = every_row(assessment, c5=("16", "Ghi chú tôi vừa gõ")) | {"c5-version": "1"}  # the page was stale
    content = client.post(page_url(assessment), data).content.decode()
    assert "Ghi chú tôi vừa gõ" in content and "Nội dung bạn vừa nhập (chưa lưu):" in content


def test_without_javascript_the_whole_form_saves_every_row(client, world, assessment):
    client.force_login(world.commune_user)
    data = every_row(assessment, c1=("20", ""), c2=("18,25", "Thiếu kế hoạch quý"), c3=("19.5", "Chậm"))
    response = client.post(page_url(assessment), data, follow=True)
    assert "Đã lưu bảng điểm." in response.content.decode()
    assert [saved(assessment, n).self_score for n in (1, 2, 3)] == [Decimal("20"), Decimal("18.25"), Decimal("19.5")]
    assert "57,75" in response.content.decode()  # the running total


def test_an_invalid_whole_form_saves_nothing_and_shows_what_the_user_typed(client, world, assessment):
    client.force_login(world.commune_user)
    data = every_row(assessment, c1=("20", ""), c2=("abc", ""), c3=("15", ""))
    response = client.post(page_url(assessment), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Chưa lưu gì: 2 tiêu thức có lỗi" in content
    assert "Tiêu thức 2: điểm phải từ 0 đến 20, bước 0,25" in content
    assert "Tiêu thức 3: điểm 15 thấp hơn điểm tối đa 20, cần ghi giải trình" in content
    assert 'value="abc"' in content and 'name="c1-value" value="20"' in content
    assert 'score-value is-invalid"' in content
    assert content.count("autofocus") == 1 and re.search(r'id="c2-value"[^>]*autofocus', content)
    assert not assessment.scores.exclude(self_score=None).exists()


def test_a_whole_form_from_a_stale_page_saves_nothing_and_shows_the_current_values(client, world, assessment):
    data = every_row(assessment, c1=("20", ""), c2=("20", ""))
    score_save(score=saved(assessment, 2), actor=world.sibling_user, value="14", note="Chưa đạt", expected_version=1)
    client.force_login(world.commune_user)
    content = client.post(page_url(assessment), data).content.decode()
    assert "tiêu thức 2 vừa được người khác lưu" in content
    assert 'name="c2-value" value="14"' in content and 'name="c2-version" value="2"' in content
    assert saved(assessment, 1).self_score is None


def test_after_submission_the_page_is_read_only_and_says_why(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=20)
    client.force_login(world.commune_user)
    content = client.get(page_url(assessment)).content.decode()
    date = assessment.submitted_at.astimezone().strftime("%d/%m/%Y")
    assert f"Đã nộp ngày {date}, đang chờ huyện thẩm định." in content
    assert "hx-post" not in content and 'id="score-form"' not in content
    assert content.count("disabled") >= 40
    response = client.post(row_url(assessment, 1), {"c1-value": "10", "c1-note": "x", "c1-version": "1"}, **HTMX)
    assert "xã không sửa được điểm" in response.content.decode()
    assert saved(assessment, 1).self_score == Decimal("20")


def test_a_locked_year_is_read_only_for_everybody(client, world):
    assessment = make_assessment(world.commune, make_year(2021, locked=True))
    client.force_login(world.commune_user)
    content = client.get(page_url(assessment)).content.decode()
    assert "Năm đánh giá 2021 đã khóa sổ, không ai được thay đổi." in content
    assert "hx-post" not in content
    response = client.post(page_url(assessment), every_row(assessment, c1=("20", "")), follow=True)
    assert "khóa sổ" in response.content.decode()
    assert saved(assessment, 1).self_score is None


def test_reviewers_see_the_commune_scores_read_only(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    client.force_login(world.reviewer)
    content = client.get(page_url(assessment)).content.decode()
    assert "Đã nộp ngày" not in content and "chỉ cán bộ xã được sửa điểm" in content
    assert "360" in content and "Tốt" in content


def test_a_returned_assessment_is_editable_and_shows_the_district_comments(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.RETURNED, scores=20)
    assessment.scores.filter(criterion__number=9).update(district_comment="Thiếu số liệu tiêm chủng")
    AssessmentEvent.objects.create(
        assessment=assessment,
        actor=world.reviewer,
        kind="transition",
        from_status=Status.SUBMITTED,
        to_status=Status.RETURNED,
        comment="Bổ sung minh chứng tiêu thức 9",
    )
    client.force_login(world.commune_user)
    content = client.get(page_url(assessment)).content.decode()
    assert "Thiếu số liệu tiêm chủng" in content and "Bổ sung minh chứng tiêu thức 9" in content
    assert "hx-post" in content


def test_the_timeline_shows_who_when_and_old_to_new(client, world, assessment):
    score_save(score=saved(assessment, 7), actor=world.commune_user, value="20", note="", expected_version=1)
    score_save(score=saved(assessment, 7), actor=world.commune_user, value="18,5", note="Hạn chế", expected_version=2)
    client.force_login(world.commune_user)
    content = client.get(page_url(assessment)).content.decode()
    timeline = content[content.index('id="score-timeline"') :]
    assert "Tiêu thức 7 · Điểm tự chấm" in timeline
    assert re.search(r'timeline-old">20</span>.*?timeline-new">18,5</span>', timeline, re.S)
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", timeline)
    assert world.commune_user.get_full_name() in timeline
    assert "Xem tất cả" not in timeline


def test_the_timeline_keeps_the_latest_changes_and_links_to_all(client, world, assessment):
    AssessmentEvent.objects.bulk_create(
        [
            AssessmentEvent(
                assessment=assessment, actor=world.commune_user, kind="score", field="note", new_value=f"n{i}"
            )
            for i in range(60)
        ]
    )
    client.force_login(world.commune_user)
    content = client.get(page_url(assessment)).content.decode()
    timeline = content[content.index('id="score-timeline"') :]
    assert timeline.count('class="timeline-item"') == 15 and "Xem tất cả" in timeline
    assert "n59" in timeline and "n44" not in timeline  # the newest first
    history = client.get(reverse("assessment:score-history", args=[2021, world.commune.code])).content.decode()
    assert history.count('class="timeline-item"') == 50 and "Trang 1/2" in history


def test_the_page_takes_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    assessment = make_assessment(world.commune, 2021, scores=18)
    for number in range(1, 21):
        make_evidence(saved(assessment, number), world.commune_user)
    for _ in range(5):
        AssessmentEvent.objects.create(
            assessment=assessment,
            actor=world.commune_user,
            kind="score",
            criterion=saved(assessment, 1).criterion,
            field="note",
            new_value="x",
        )
    client.force_login(world.commune_user)
    with django_assert_max_num_queries(8):
        response = client.get(page_url(assessment))
    assert response.content.decode().count(">bien-ban.pdf</a>") == 20


def test_a_row_save_takes_a_bounded_number_of_queries_and_shows_the_new_total(
    client, world, django_assert_max_num_queries
):
    assessment = make_assessment(world.commune, 2021, scores=18)
    make_evidence(saved(assessment, 1), world.commune_user)
    client.force_login(world.commune_user)
    client.get(page_url(assessment))  # the session learns the user has no second factor
    version = saved(assessment, 1).version
    with django_assert_max_num_queries(14):
        response = client.post(
            row_url(assessment, 1), {"c1-value": "16", "c1-note": "Thiếu 1 biên bản", "c1-version": version}, **HTMX
        )
    total = sum(s.self_score for s in assessment.scores.all())
    assert saved(assessment, 1).self_score == Decimal("16")
    assert f'data-testid="total">{points(total)}<' in response.content.decode()
    assert AssessmentEvent.objects.filter(assessment=assessment, criterion__number=1, new_value="16").exists()


def test_the_nav_takes_commune_staff_to_their_latest_score_page(client, world):
    make_assessment(world.commune, 2020)
    latest = make_assessment(world.commune, 2021)
    client.force_login(world.commune_user)
    assert "Chấm điểm" in client.get(reverse("communes:commune-detail", args=[world.commune.code])).content.decode()
    assert client.get(reverse("assessment:score-current"))["Location"] == page_url(latest)
