"""The commune's page for who answers for each criterion of a year (plan 703 section II.3)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from assessment.evaluation import Evaluation
from assessment.forms.responsibility import AssignmentForm
from assessment.responsibility import assignable_officials, assignment_rows, criterion_assignments_save
from assessment.selectors import year_or_404
from assessment.services.errors import AssessmentError
from communes.models import Role, year_day
from communes.permissions import ANY_ROLE, get_commune_or_404, has_role, role_required


@role_required(*ANY_ROLE)
def criterion_assignments(request: HttpRequest, year: int, code: str) -> HttpResponse:
    commune = get_commune_or_404(request.user, code, year_day(year))
    assessment_year = year_or_404(year)
    officials = assignable_officials(commune)
    rows = assignment_rows(assessment_year, commune, officials)
    can_edit = has_role(request.user, Role.COMMUNE_STAFF) and not assessment_year.is_locked
    form = AssignmentForm(request.POST if request.method == "POST" else None, rows=rows, officials=officials)
    if request.method == "POST":
        if not has_role(request.user, Role.COMMUNE_STAFF):
            raise PermissionDenied(_("Vai trò của bạn không được thực hiện thao tác này."))
        if form.is_valid():
            try:
                changed = criterion_assignments_save(
                    year=assessment_year, commune=commune, chosen=form.chosen(), user=request.user
                )
            except AssessmentError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Đã lưu phân công: %(n)s tiêu thức thay đổi.") % {"n": changed})
                return redirect("assessment:criterion-assignments", year=year, code=commune.code)
    return render(
        request,
        "assessment/responsibility_assignments.html",
        {
            "commune": commune,
            "year": assessment_year,
            "rows": [(r, form[form.name_for(r)]) for r in rows],
            "form": form,
            "can_edit": can_edit,
            "levels": Evaluation,
            "has_officials": bool(officials),
        },
    )
