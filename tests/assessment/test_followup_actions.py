"""Each computed follow-up moving from open to done when an action is recorded (plan 703 II.3, II.4)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from assessment.followups import YearResult, followup_kinds
from assessment.models import FollowUpAction, FollowUpKind, ProvinceDecision, Status
from assessment.selectors.followup_actions import followup_counts, followup_items, kinds_required
from assessment.services.errors import AssessmentError
from assessment.services.followup_actions import followup_action_record
from communes.models import Commune
from tests.assessment.factories import EXE_BYTES, PDF_BYTES, make_assessment, make_year


def test_the_kinds_follow_the_rules():
    assert followup_kinds(YearResult(), None, []) == []
    assert followup_kinds(YearResult(criticised=True), YearResult(criticised=True), []) == [
        FollowUpKind.TRANSFER_CHAIR,
        FollowUpKind.REVIEW_CHAIRS,
    ]
    assert followup_kinds(YearResult(reminded=True), None, ["x"]) == [
        FollowUpKind.REVIEW_LEADERSHIP,
        FollowUpKind.IMPROVEMENT_PLAN,
    ]


def _decide(assessment, kind, user, year=2022):
    ProvinceDecision.objects.create(
        assessment=assessment, kind=kind, number=f"{kind}/QĐ", date=date(year, 1, 10), reason="x", recorded_by=user
    )


@pytest.fixture
def followed(world):
    before = make_assessment(world.commune, 2020, status=Status.FINALIZED, scores=20)
    _decide(before, "criticism", world.province_user, 2021)
    year = make_year(2021)
    criticised = make_assessment(world.commune, year, status=Status.FINALIZED, scores=12)
    _decide(criticised, "criticism", world.province_user)
    reminded = make_assessment(world.sibling, year, status=Status.FINALIZED, scores=20)
    _decide(reminded, "reminder", world.province_user)
    world.year, world.criticised, world.reminded = year, criticised, reminded
    return world


def _record(w, assessment, kind, user=None, upload=None):
    return followup_action_record(
        assessment=assessment,
        kind=kind,
        number="15/BB",
        day=date(2022, 3, 1),
        actor_name="Ban Thường vụ Huyện ủy",
        upload=upload,
        user=user or w.province_user,
    )


def _state(w):
    return {(i.assessment.commune_id, i.kind): i.done for i in followup_items(w.province_user, w.year)}


@pytest.mark.parametrize(
    ("which", "kind"),
    [
        ("criticised", FollowUpKind.TRANSFER_CHAIR),
        ("criticised", FollowUpKind.REVIEW_CHAIRS),
        ("criticised", FollowUpKind.IMPROVEMENT_PLAN),
        ("reminded", FollowUpKind.REVIEW_LEADERSHIP),
        ("reminded", FollowUpKind.IMPROVEMENT_PLAN),
    ],
)
def test_each_kind_moves_from_open_to_done(followed, which, kind):
    assessment = getattr(followed, which)
    key = (assessment.commune_id, kind)
    assert _state(followed)[key] is False
    _record(followed, assessment, kind)
    state = _state(followed)
    assert state[key] is True
    assert sum(state.values()) == 1  # the others stay open


def test_a_kind_the_results_do_not_call_for_is_refused(followed):
    with pytest.raises(AssessmentError):
        _record(followed, followed.reminded, FollowUpKind.TRANSFER_CHAIR)
    assert kinds_required(followed.reminded) == [FollowUpKind.REVIEW_LEADERSHIP, FollowUpKind.IMPROVEMENT_PLAN]


def test_the_commune_records_only_its_improvement_plan(followed):
    _record(followed, followed.criticised, FollowUpKind.IMPROVEMENT_PLAN, user=followed.commune_user)
    with pytest.raises(AssessmentError):
        _record(followed, followed.criticised, FollowUpKind.TRANSFER_CHAIR, user=followed.commune_user)
    with pytest.raises(AssessmentError):
        _record(followed, followed.criticised, FollowUpKind.TRANSFER_CHAIR, user=followed.reviewer)


def test_the_evidence_file_is_checked_like_score_evidence(followed):
    with pytest.raises(AssessmentError):
        _record(
            followed,
            followed.criticised,
            FollowUpKind.TRANSFER_CHAIR,
            upload=SimpleUploadedFile("bien-ban.pdf", EXE_BYTES),
        )
    action = _record(
        followed, followed.criticised, FollowUpKind.TRANSFER_CHAIR, upload=SimpleUploadedFile("bb.pdf", PDF_BYTES)
    )
    assert action.content_type == "application/pdf"


def test_the_counts_equal_a_count_in_sql(followed):
    _record(followed, followed.criticised, FollowUpKind.TRANSFER_CHAIR)
    _record(followed, followed.reminded, FollowUpKind.IMPROVEMENT_PLAN)
    counts = {c.kind: (c.total, c.done) for c in followup_counts(followed.year, Commune.objects.all())}
    table = FollowUpAction._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT kind, COUNT(DISTINCT assessment_id) FROM {table} GROUP BY kind")
        done_sql = dict(cursor.fetchall())
        cursor.execute(
            "SELECT d.kind, COUNT(DISTINCT d.assessment_id) FROM assessment_provincedecision d "
            "JOIN assessment_assessment a ON a.id = d.assessment_id JOIN assessment_assessmentyear y ON y.id = a.year_id "
            "WHERE y.year = 2021 GROUP BY d.kind"
        )
        decided_sql = dict(cursor.fetchall())
    assert counts[FollowUpKind.TRANSFER_CHAIR] == (decided_sql["criticism"], done_sql["transfer_chair"])
    assert counts[FollowUpKind.REVIEW_LEADERSHIP] == (decided_sql["reminder"], 0)
    assert counts[FollowUpKind.REVIEW_CHAIRS] == (1, 0)
    assert counts[FollowUpKind.IMPROVEMENT_PLAN] == (2, done_sql["plan"])


def test_the_page_records_an_action_with_a_typed_date(client, followed):
    client.force_login(followed.province_user)
    url = reverse("assessment:followup-action-create", args=[2021, followed.commune.code, "transfer_chair"])
    response = client.post(url, {"number": "3/QĐ", "date": "31/02/2022", "actor_name": "UBND huyện"})
    assert response.status_code == 200 and not FollowUpAction.objects.exists()
    response = client.post(url, {"number": "3/QĐ", "date": "28/02/2022", "actor_name": "UBND huyện"})
    assert response.status_code == 302
    assert FollowUpAction.objects.get().date == date(2022, 2, 28)
    page = client.get(reverse("assessment:followup-action-list") + "?nam=2021&trang_thai=done").content.decode()
    assert "3/QĐ · 28/02/2022" in page


def test_the_page_rules_and_the_dashboard_counts_name_the_same_follow_ups(followed):
    from collections import Counter

    items = Counter(i.kind for i in followup_items(followed.province_user, followed.year))
    totals = {c.kind: c.total for c in followup_counts(followed.year, Commune.objects.all()) if c.total}
    assert dict(items) == totals


def test_a_plan_submitted_on_the_portal_closes_the_improvement_plan_follow_up(followed):
    from assessment.models import ImprovementPlan
    from assessment.selectors.followup_actions import open_followups

    w = followed
    key = (w.criticised.commune_id, FollowUpKind.IMPROVEMENT_PLAN)
    communes = Commune.objects.filter(province=w.province)
    plan = ImprovementPlan.objects.create(commune=w.commune, year=make_year(2022))
    assert _state(w)[key] is False  # a draft is not a filed plan
    plan.status = ImprovementPlan.Status.SUBMITTED
    plan.save(update_fields=["status"])
    state = _state(w)
    assert state[key] is True and state[(w.reminded.commune_id, FollowUpKind.IMPROVEMENT_PLAN)] is False
    counts = {c.kind: (c.total, c.done) for c in followup_counts(w.year, communes)}
    assert counts[FollowUpKind.IMPROVEMENT_PLAN] == (2, 1)
    still_open = dict(open_followups(w.year, communes))[FollowUpKind.IMPROVEMENT_PLAN]
    assert [a.pk for a in still_open] == [w.reminded.pk]


def test_an_evidence_file_gone_from_the_server_is_a_404_that_says_so(client, followed):
    action = _record(
        followed, followed.criticised, FollowUpKind.TRANSFER_CHAIR, upload=SimpleUploadedFile("bb.pdf", PDF_BYTES)
    )
    action.file.storage.delete(action.file.name)
    client.force_login(followed.province_user)
    response = client.get(reverse("assessment:followup-action-file", args=[action.pk]))
    assert response.status_code == 404
    assert "không còn trên máy chủ" in response.content.decode()
