"""The commune's score page: every criterion on one page, saved row by row (htmx) or all at once."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import reswap, retarget

from assessment.forms import row_input, rows_input
from assessment.forms.items import items_input
from assessment.models import Assessment, CriterionScore
from assessment.scoring_page import RowState, item_rows, page_context, summary_context
from assessment.selectors import (
    assessment_events,
    assessment_for_user_or_404,
    latest_assessment,
    prefetch_items,
    score_rows,
)
from assessment.services.errors import AssessmentError, StaleEditError
from assessment.services.items import ItemInput
from assessment.services.scoring import (
    ScoreInput,
    ScoreInputError,
    ScoresInvalid,
    score_save,
    scores_save_all,
)
from communes.models import Role
from communes.permissions import ANY_ROLE, has_role, role_required

PAGE = "assessment/score_edit.html"


def score_page_url(assessment: Assessment, number: int | None = None) -> str:
    url = reverse("assessment:score-edit", args=[assessment.year.year, assessment.commune.code])
    return f"{url}#c{number}-row" if number else url


@require_safe
@role_required(Role.COMMUNE_STAFF)
def score_current(request: HttpRequest) -> HttpResponse:
    """The commune user's way in: the score page of their commune's latest year."""
    assessment = latest_assessment(request.user.commune) if request.user.commune_id else None
    if assessment is None:
        messages.info(
            request, _("Chưa có năm đánh giá nào. Khi Sở Nội vụ mở năm đánh giá, bảng tự chấm sẽ hiện ở đây.")
        )
        return redirect("home")
    return redirect(score_page_url(assessment))


@role_required(*ANY_ROLE)
def score_edit(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """GET: the score page (read-only for other roles). POST: save every row at once (no JavaScript)."""
    assessment = assessment_for_user_or_404(request.user, year, code)
    if request.method != "POST":
        return render(request, PAGE, page_context(request, assessment))
    if not has_role(request.user, Role.COMMUNE_STAFF):
        raise PermissionDenied(_("Chỉ cán bộ xã được sửa điểm tự chấm."))
    return _save_all(request, assessment)


def _save_all(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    scores = score_rows(assessment)
    rows = rows_input(request.POST, scores)
    items = items_input(request.POST, scores)
    try:
        scores_save_all(assessment=assessment, actor=request.user, rows=rows, items=items)
    except ScoresInvalid as error:
        messages.error(request, str(error))
        states = _typed_states(scores, rows, errors=error.errors, items=items, item_errors=error.item_errors)
        return render(request, PAGE, page_context(request, assessment, states, scores))
    except StaleEditError as error:
        messages.error(request, str(error))
        scores = [error.current.get(s.criterion.number, s) for s in scores]
        stale_items = getattr(error, "items", None)
        states = _typed_states(
            scores, rows, stale=error.current, message=str(error), items=items, stale_items=stale_items
        )
        return render(request, PAGE, page_context(request, assessment, states, scores))
    except AssessmentError as error:
        messages.error(request, str(error))
        return redirect(score_page_url(assessment))
    messages.success(request, _("Đã lưu bảng điểm."))
    return redirect(score_page_url(assessment))


def _typed_states(
    scores: list[CriterionScore],
    rows: list[ScoreInput],
    *,
    errors: dict | None = None,
    stale: dict | None = None,
    message: str = "",
    items: list[ItemInput] = (),
    item_errors: dict | None = None,
    stale_items: dict | None = None,
) -> list[RowState]:
    """Rows as the user typed them, with each row's error; stale rows show the saved values instead."""
    typed = {row.score_id: row for row in rows}
    typed_items = {row.item_id: row for row in items}
    states = []
    for score in scores:
        number = score.criterion.number
        sub = {"items": item_rows(score, typed_items, item_errors, stale_items, message)} if typed_items else {}
        if stale and number in stale:
            states.append(RowState.stale(stale[number], typed.get(score.pk), message))
        elif score.pk in typed:
            error = (errors or {}).get(number)
            states.append(
                RowState.typed(
                    score, typed[score.pk], error=str(error or ""), error_field=getattr(error, "field", ""), **sub
                )
            )
        else:
            states.append(RowState.saved(score, **sub))
    return states


@require_POST
@role_required(Role.COMMUNE_STAFF)
def score_row(request: HttpRequest, year: int, code: str, number: int) -> HttpResponse:
    """Save one criterion as the user leaves its inputs (htmx); answers with the row's saved state."""
    assessment = assessment_for_user_or_404(request.user, year, code)
    score = get_object_or_404(assessment.scores.select_related("criterion"), criterion__number=number)
    # The criterion's items, which the service asks about (none to ask for when the set has none).
    prefetch_items([score], has_items=assessment.has_items)
    row = row_input(request.POST, score)
    if row is None:
        return HttpResponseBadRequest(_("Thiếu dữ liệu của tiêu thức."))
    try:
        saved = _with_row_cache(
            score_save(
                score=score, actor=request.user, value=row.value, note=row.note, expected_version=row.expected_version
            ),
            score,
        )
    except ScoreInputError as error:
        return _row_answer(request, assessment, RowState.typed(score, row, error=str(error), error_field=error.field))
    except StaleEditError as error:
        return _conflict_answer(request, assessment, RowState.stale(error.current, row, str(error)))
    except AssessmentError as error:
        return _row_answer(request, assessment, RowState.typed(score, row, error=str(error)))
    return _row_answer(request, assessment, RowState.saved(saved, just_saved=True))


def _with_row_cache(saved: CriterionScore, loaded: CriterionScore) -> CriterionScore:
    """``saved`` (the row the service wrote) with the related rows already loaded for ``loaded`` (a
    score save changes neither its items nor its files)."""
    saved.criterion = loaded.criterion
    saved._prefetched_objects_cache = getattr(loaded, "_prefetched_objects_cache", {})
    return saved


def _row_answer(request: HttpRequest, assessment: Assessment, state: RowState) -> HttpResponse:
    if not request.htmx:
        level = messages.error if state.error else messages.success
        level(request, state.error or _("Đã lưu tiêu thức %(n)s.") % {"n": state.number})
        return redirect(score_page_url(assessment, state.number))
    context = {"row": state, **summary_context(assessment)} if state.just_saved else {"row": state}
    return render(request, "assessment/score_row_saved.html", context)


def _conflict_answer(request: HttpRequest, assessment: Assessment, state: RowState) -> HttpResponse:
    if not request.htmx:
        messages.error(request, state.conflict)
        return redirect(score_page_url(assessment, state.number))
    context = {"row": state, "editable": True, "assessment": assessment, **summary_context(assessment)}
    response = render(request, "assessment/score_row_conflict.html", context)
    return reswap(retarget(response, f"#c{state.number}-row"), "outerHTML")


@require_safe
@role_required(*ANY_ROLE)
def score_history(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """Every change of the assessment, newest first, 50 to a page."""
    assessment = assessment_for_user_or_404(request.user, year, code)
    page = Paginator(assessment_events(assessment, None), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "assessment/score_history.html",
        {"assessment": assessment, "commune": assessment.commune, "page": page},
    )
