"""After the results: the follow-ups page and the communes' improvement plans."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from assessment.evaluation import Evaluation
from assessment.followups import DECISION_RULE, PLAN_RULE, SCORE_RULE, PastScore
from assessment.forms.plans import PlanForm
from assessment.models import AssessmentYear, ImprovementPlan
from assessment.selectors import year_or_404
from assessment.selectors.followups import (
    commune_evaluations,
    commune_plan_reasons,
    evaluation_summary,
    past_scores,
    plan_list_communes,
    plan_requirements,
    plan_with_items,
    plans_by_commune,
    years_before,
)
from assessment.selectors.followups import (
    followups as followup_data,
)
from assessment.selectors.review import year_or_latest
from assessment.services.errors import AssessmentError, StaleEditError
from assessment.services.plans import improvement_plan_save, improvement_plan_save_and_submit
from communes.models import Commune, District, Role, User, year_day
from communes.permissions import (
    ANY_ROLE,
    districts_in_scope,
    get_commune_or_404,
    get_district_or_404,
    is_commune_staff_of,
    role_required,
)


@require_safe
@role_required(Role.DISTRICT_REVIEWER, Role.PROVINCE_REVIEWER, Role.PROVINCE_STAFF)
def followups(request: HttpRequest) -> HttpResponse:
    """Criticised twice, plans required (and missing), chairs to review, civil servants' evaluations."""
    year = year_or_latest(request.GET.get("nam"))
    code = request.GET.get("huyen") or ""
    district = get_district_or_404(request.user, code) if code else None
    data = followup_data(request.user, year, district) if year else None
    chosen = _chosen_row(data, request.GET.get("xa"))
    return render(
        request,
        "assessment/followups.html",
        {
            "year": year,
            "district": district,
            "data": data,
            "chosen": chosen,
            "plan_page": Paginator(data.need_plan if data else [], 50).get_page(request.GET.get("page")),
            "chosen_evaluations": commune_evaluations(chosen) if chosen else None,
            "summary": evaluation_summary(data.rows, year) if data else [],
            "levels": Evaluation,
            "decision_rule": DECISION_RULE,
            "plan_rule": PLAN_RULE,
            "districts": _districts(request.user, year),
            "years": AssessmentYear.objects.values_list("year", flat=True),
        },
    )


def _districts(user: User, year: AssessmentYear | None) -> QuerySet[District]:
    """The districts to filter by: none for a year without a district level."""
    if year is not None and not year.has_district_level:
        return District.objects.none()
    return districts_in_scope(user).order_by("code")


def _chosen_row(data, code: str | None):  # noqa: ANN001, ANN202 - FollowUps, FollowUpRow
    if not (data and code):
        return None
    return next((row for row in data.rows if row.commune.code == code), None)


def _plan_year(year: int) -> AssessmentYear:
    return year_or_404(year)


@require_safe
@role_required(*ANY_ROLE)
def plan_list(request: HttpRequest) -> HttpResponse:
    """The communes in scope with their plan for the year: required or not, sent or not."""
    year = year_or_latest(request.GET.get("nam"))
    code = request.GET.get("huyen") or ""
    district = get_district_or_404(request.user, code) if code else None
    page = Paginator(plan_list_communes(request.user, district, year), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "assessment/plan_list.html",
        {
            "year": year,
            "district": district,
            "page": page,
            "plans": plans_by_commune(request.user, year) if year else {},
            "required": plan_requirements(request.user, year) if year else {},
            "plan_rule": PLAN_RULE if year and any(years_before(c, [year.year - 1]) for c in page.object_list) else "",
            "districts": _districts(request.user, year),
            "years": AssessmentYear.objects.values_list("year", flat=True),
        },
    )


def _can_edit(user: User, commune: Commune, year: AssessmentYear, plan: ImprovementPlan | None) -> bool:
    draft = plan is None or plan.status == ImprovementPlan.Status.DRAFT
    return is_commune_staff_of(user, commune) and not year.is_locked and draft


@role_required(*ANY_ROLE)
def plan_edit(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The commune's plan per criterion beside its last three years' scores; commune staff edit it.
    Read-only for the rest, who may open the plans of their communes' predecessors too."""
    commune = get_commune_or_404(request.user, code, year_day(year), with_history=True)
    plan_year = _plan_year(year)
    plan = plan_with_items(commune, plan_year)
    editable = _can_edit(request.user, commune, plan_year, plan)
    if request.method == "POST" and not editable:
        raise PermissionDenied(_("Bạn không được sửa kế hoạch này."))
    years, past = past_scores(commune, plan_year.year)
    form = _plan_form(request, plan_year, plan, past)
    if request.method == "POST" and form.is_valid():
        try:
            improvement_plan_save(
                commune=commune,
                year=plan_year,
                actor=request.user,
                items=form.items(),
                expected_version=form.cleaned_data["version"],
            )
        except StaleEditError as error:
            messages.error(request, str(error))
            return redirect("assessment:plan-edit", code=code, year=year)
        except AssessmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã lưu kế hoạch."))
            return redirect("assessment:plan-edit", code=code, year=year)
    return _render_edit(request, commune, plan_year, plan, form, years, past)


def _render_edit(
    request: HttpRequest,
    commune: Commune,
    year: AssessmentYear,
    plan: ImprovementPlan | None,
    form: PlanForm,
    years: list[int],
    past: dict[int, dict[int, PastScore]],
) -> HttpResponse:
    before = years_before(commune, years)
    return render(
        request,
        "assessment/plan_edit.html",
        {
            "commune": commune,
            "year": year,
            "plan": plan,
            "form": form,
            "years": years,
            "past": past,
            "editable": _can_edit(request.user, commune, year, plan),
            "reasons": commune_plan_reasons(commune, year),
            "years_before": before,
            "score_rule": SCORE_RULE if before else "",
            "plan_rule": PLAN_RULE if year.year - 1 in before else "",
        },
        status=400 if form.errors else 200,
    )


def _plan_form(
    request: HttpRequest, year: AssessmentYear, plan: ImprovementPlan | None, past: dict[int, dict[int, PastScore]]
) -> PlanForm:
    items = {item.criterion_id: item for item in plan.items.all()} if plan else {}
    last = {
        number: by_year[year.year - 1].value
        for number, by_year in past.items()
        if year.year - 1 in by_year and by_year[year.year - 1].value is not None
    }
    return PlanForm(
        request.POST if request.method == "POST" else None,
        criteria=list(year.criteria_set.criteria.order_by("number")),
        items=items,
        last_scores=last,
        initial={"version": plan.version if plan else 0},
    )


@require_POST
@role_required(Role.COMMUNE_STAFF)
def plan_submit(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Save what the page holds (when it sends the rows), then send the plan to the district."""
    commune = get_commune_or_404(request.user, code, year_day(year))
    plan_year = _plan_year(year)
    items, version = None, _int(request.POST.get("version"))
    if any(key.startswith("target_") for key in request.POST):
        plan = plan_with_items(commune, plan_year)
        years, past = past_scores(commune, plan_year.year)
        form = _plan_form(request, plan_year, plan, past)
        if not form.is_valid():
            return _render_edit(request, commune, plan_year, plan, form, years, past)
        items, version = form.items(), form.cleaned_data["version"]
    try:
        improvement_plan_save_and_submit(
            commune=commune, year=plan_year, actor=request.user, items=items, expected_version=version
        )
    except AssessmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã gửi kế hoạch."))
    return redirect("assessment:plan-edit", code=code, year=year)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None
