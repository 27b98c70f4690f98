"""The score page's component items: one item's score and note, saved as the user leaves its inputs."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from assessment.forms.items import item_input
from assessment.models import Assessment, ComponentItem
from assessment.scoring_page import ItemRow, requirement_files, summary_context
from assessment.selectors import assessment_for_user_or_404
from assessment.services.errors import AssessmentError, StaleEditError
from assessment.services.items import ItemInputError, item_score_save
from assessment.views.scoring import score_page_url
from communes.models import Role
from communes.permissions import role_required


@require_POST
@role_required(Role.COMMUNE_STAFF)
def item_score_row(request: HttpRequest, year: int, code: str, number: int, item: int) -> HttpResponse:
    """Save one component item (htmx); answers with the item's saved state and the criterion's new sum."""
    assessment = assessment_for_user_or_404(request.user, year, code)
    found = get_object_or_404(
        ComponentItem.objects.select_related("criterion"),
        pk=item,
        criterion__number=number,
        criterion__criteria_set_id=assessment.year.criteria_set_id,
    )
    score = get_object_or_404(assessment.scores, criterion_id=found.criterion_id)
    existing = score.item_scores.filter(item=found).select_related("updated_by").first()
    row = item_input(request.POST, found)
    if row is None:
        return HttpResponseBadRequest(_("Thiếu dữ liệu của nội dung thành phần."))
    try:
        saved = item_score_save(
            assessment=assessment,
            item=found,
            actor=request.user,
            value=row.value,
            note=row.note,
            expected_version=row.expected_version,
        )
    except ItemInputError as error:
        return _answer(
            request, assessment, ItemRow.typed(found, existing, row, error=str(error), error_field=error.field)
        )
    except StaleEditError as error:
        state = ItemRow.saved(found, error.current, conflict=str(error))
        files = requirement_files(score)
        state.requirements = [(r, files.get(r.pk, [])) for r in found.requirements.all()]
        return _conflict(request, assessment, state)
    except AssessmentError as error:
        return _answer(request, assessment, ItemRow.typed(found, existing, row, error=str(error)))
    score.refresh_from_db(fields=["self_score"])
    return _answer(request, assessment, ItemRow.saved(found, saved, just_saved=True), score=score)


def _answer(request: HttpRequest, assessment: Assessment, state: ItemRow, score=None) -> HttpResponse:  # noqa: ANN001
    if not request.htmx:
        level = messages.error if state.error else messages.success
        level(request, state.error or _("Đã lưu nội dung %(label)s.") % {"label": state.item.label})
        return redirect(score_page_url(assessment, state.item.criterion.number))
    context = {"row": state, "criterion_score": score}
    if state.just_saved:
        context |= summary_context(assessment)
    return render(request, "assessment/item_row_saved.html", context)


def _conflict(request: HttpRequest, assessment: Assessment, state: ItemRow) -> HttpResponse:
    if not request.htmx:
        messages.error(request, state.conflict)
        return redirect(score_page_url(assessment, state.item.criterion.number))
    context = {"item_row": state, "editable": True, "assessment": assessment, "n": state.item.criterion.number}
    response = render(request, "assessment/item_row.html", context)
    return reswap(retarget(response, f"#{state.prefix}-row"), "outerHTML")
