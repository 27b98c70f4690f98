"""Province staff: assessment years (deadlines, opening, targets) and criteria sets (view, record their decision)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from assessment.forms import AssessmentYearForm
from assessment.forms.criteria import CriteriaSetDecisionForm
from assessment.forms.targets import YearTargetFormSet, initial_rows
from assessment.models import CriteriaSet
from assessment.selectors import criteria_sets, criteria_sets_with_rules, year_or_404, years_with_counts
from assessment.services.criteria import criteria_set_record_decision
from assessment.services.errors import AssessmentError
from assessment.services.items import item_problems_of
from assessment.services.targets import year_targets_save
from assessment.services.years import assessment_year_open, communes_assessed_in
from communes.models import Role
from communes.permissions import role_required


@require_safe
@role_required(Role.PROVINCE_STAFF)
def year_list(request: HttpRequest) -> HttpResponse:
    """Every assessment year with its deadlines and how far its assessments have gone."""
    page = Paginator(years_with_counts(), 20).get_page(request.GET.get("page"))
    return render(request, "assessment/year_list.html", {"page": page})


@role_required(Role.PROVINCE_STAFF)
def year_create(request: HttpRequest) -> HttpResponse:
    """Open a new year: one draft assessment for every commune of the province."""
    form = AssessmentYearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _open(request, form)
    return render(request, "assessment/year_form.html", {"form": form, "instance": None})


@role_required(Role.PROVINCE_STAFF)
def year_edit(request: HttpRequest, year: int) -> HttpResponse:
    """Change a year's deadlines (and its criteria set while no assessment exists)."""
    instance = year_or_404(year)
    form = AssessmentYearForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        return _open(request, form)
    return render(request, "assessment/year_form.html", {"form": form, "instance": instance})


def _open(request: HttpRequest, form: AssessmentYearForm) -> HttpResponse:
    data = form.cleaned_data
    try:
        opened = assessment_year_open(
            year=data["year"],
            criteria_set=data["criteria_set"],
            self_deadline=data["self_deadline"],
            review_deadline=data["review_deadline"],
            confirm_deadline=data["confirm_deadline"],
            has_district_level=data["has_district_level"],
            actor=request.user,
        )
    except AssessmentError as error:
        form.add_error(None, str(error))
        return render(request, "assessment/year_form.html", {"form": form, "instance": form.instance})
    messages.success(
        request,
        _("Đã lưu năm đánh giá %(year)s: %(count)s xã có bản đánh giá.")
        % {"year": opened.year, "count": opened.assessments.count()},
    )
    return redirect("assessment:year-list")


@role_required(Role.PROVINCE_STAFF)
def year_targets(request: HttpRequest, year: int) -> HttpResponse:
    """The year's targets (classification counts or shares, officials' and offices' ratios), one row each."""
    instance = year_or_404(year)
    communes = instance.assessments.count() or len(communes_assessed_in(instance.year))
    if request.method == "POST":
        formset = YearTargetFormSet(request.POST, communes=communes, prefix="targets")
        if instance.is_locked:
            messages.error(request, _("Năm %(year)s đã khóa sổ: không sửa được chỉ tiêu.") % {"year": year})
        elif formset.is_valid():
            count = year_targets_save(year=instance, entries=formset.entries(), actor=request.user)
            messages.success(
                request, _("Đã lưu chỉ tiêu năm %(year)s: %(count)s chỉ tiêu.") % {"year": year, "count": count}
            )
            return redirect("assessment:year-targets", year=year)
    else:
        formset = YearTargetFormSet(initial=initial_rows(instance), communes=communes, prefix="targets")
    return render(request, "assessment/year_targets.html", {"year": instance, "formset": formset, "communes": communes})


@require_safe
@role_required(Role.PROVINCE_STAFF)
def criteria_set_list(request: HttpRequest) -> HttpResponse:
    """The criteria sets the portal knows."""
    return render(request, "assessment/criteria_set_list.html", {"criteria_sets": criteria_sets()})


@require_safe
@role_required(Role.PROVINCE_STAFF)
def criteria_set_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A set's criteria, guidance, responsible positions and thresholds."""
    criteria_set = get_object_or_404(criteria_sets_with_rules(), pk=pk)
    return _criteria_set_page(request, criteria_set, CriteriaSetDecisionForm())


def _criteria_set_page(request: HttpRequest, criteria_set: CriteriaSet, form: CriteriaSetDecisionForm) -> HttpResponse:
    return render(
        request,
        "assessment/criteria_set_detail.html",
        {"criteria_set": criteria_set, "form": form, "item_problems": item_problems_of(criteria_set.criteria.all())},
        status=400 if form.errors else 200,
    )


@require_POST
@role_required(Role.PROVINCE_STAFF)
def criteria_set_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the decision the set follows (number, date): the set is no longer provisional."""
    criteria_set = get_object_or_404(criteria_sets_with_rules(), pk=pk)
    form = CriteriaSetDecisionForm(request.POST)
    if form.is_valid():
        try:
            criteria_set_record_decision(
                criteria_set=criteria_set,
                number=form.cleaned_data["number"],
                decision_date=form.cleaned_data["decision_date"],
                actor=request.user,
            )
        except AssessmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Đã ghi quyết định ban hành “%(name)s”: bộ tiêu thức không còn là bản tạm thời.")
                % {"name": criteria_set.name},
            )
            return redirect("assessment:criteria-set-detail", pk=pk)
    return _criteria_set_page(request, criteria_set, form)
