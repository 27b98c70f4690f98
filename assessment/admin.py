"""Django admin: province staff edit criteria sets (criteria and thresholds inline, with history), a
criterion's component items (inline on the criterion, their maxima adding up to its maximum) and the
evidence each item requires (inline on the item), and the years' targets (their own admin, and inline
on the year)."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from assessment.models import (
    Assessment,
    AssessmentEvent,
    AssessmentYear,
    ComponentItem,
    CriteriaSet,
    Criterion,
    CriterionScore,
    EvidenceRequirement,
    FollowUpAction,
    OfficialRating,
    ProvinceDecision,
    Threshold,
    YearTarget,
)
from assessment.services.items import items_total_problem
from communes.models import Role


def _province_staff(request: HttpRequest) -> bool:
    user = request.user
    return user.is_active and user.is_staff and user.role == Role.PROVINCE_STAFF


class ProvinceStaffEditable:
    """Province staff with admin access may view, add and change (not delete) without model permissions."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _province_staff(request) or super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:  # noqa: ANN001
        return _province_staff(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return _province_staff(request) or super().has_add_permission(request, *args)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:  # noqa: ANN001
        return _province_staff(request) or super().has_change_permission(request, obj)


class CriterionMaxKeepsItems(BaseInlineFormSet):
    """A criterion with component items keeps a maximum its items add up to (change both on the
    criterion's page)."""

    def clean(self) -> None:
        super().clean()
        for form in self.forms:
            if not form.instance.pk or "max_points" not in form.changed_data or not form.cleaned_data:
                continue
            maxima = [i.max_points for i in form.instance.items.all()]
            problem = maxima and items_total_problem(form.instance.number, form.cleaned_data["max_points"], maxima)
            if problem:
                form.add_error("max_points", problem)


class CriterionInline(ProvinceStaffEditable, admin.StackedInline):
    model = Criterion
    formset = CriterionMaxKeepsItems
    extra = 0
    fields = [("number", "max_points"), "name", "responsible_position", "guidance"]
    ordering = ["number"]
    show_change_link = True  # a criterion's component items are edited on the criterion's page


class ThresholdInline(ProvinceStaffEditable, admin.TabularInline):
    model = Threshold
    extra = 0
    fields = ["classification", "min_total", "min_each"]


@admin.register(CriteriaSet)
class CriteriaSetAdmin(ProvinceStaffEditable, SimpleHistoryAdmin):
    list_display = ["name", "legal_basis", "year_from", "year_to", "is_provisional"]
    list_filter = ["is_provisional"]
    fieldsets = [
        (None, {"fields": ["name", "legal_basis", ("year_from", "year_to"), "is_provisional"]}),
        (
            _("Quyết định ban hành"),
            {"fields": [("decision_number", "decision_date"), ("decision_recorded_by", "decision_recorded_at")]},
        ),
        (_("Trong sạch, vững mạnh"), {"fields": ["tsvm_min_class", "tsvm_min_each"]}),
    ]
    readonly_fields = ["decision_recorded_by", "decision_recorded_at"]
    inlines = [ThresholdInline, CriterionInline]


class ItemsAddUp(BaseInlineFormSet):
    """A criterion's component items: their maxima add up to the criterion's maximum (or it has none)."""

    def clean(self) -> None:
        super().clean()
        kept = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("max_points") is not None
        ]
        if kept:
            problem = items_total_problem(
                self.instance.number, self.instance.max_points, [data["max_points"] for data in kept]
            )
            if problem:
                raise ValidationError(problem)


class ItemsEditable(ProvinceStaffEditable):
    """Province staff may also remove an item or a requirement (an item already scored is protected)."""

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:  # noqa: ANN001
        return _province_staff(request) or super().has_delete_permission(request, obj)


class ComponentItemInline(ItemsEditable, admin.TabularInline):
    model = ComponentItem
    formset = ItemsAddUp
    extra = 0
    fields = ["order", "name", "max_points", "guidance"]
    ordering = ["order"]
    show_change_link = True  # the evidence each item requires is edited on the item's page


class EvidenceRequirementInline(ItemsEditable, admin.TabularInline):
    model = EvidenceRequirement
    extra = 0
    fields = ["kind", "description", "is_required"]


@admin.register(Criterion)
class CriterionAdmin(ProvinceStaffEditable, SimpleHistoryAdmin):
    list_display = ["number", "name", "max_points", "responsible_position", "criteria_set"]
    list_display_links = ["number", "name"]
    list_filter = ["criteria_set"]
    search_fields = ["name", "guidance", "responsible_position"]
    inlines = [ComponentItemInline]


@admin.register(ComponentItem)
class ComponentItemAdmin(ItemsEditable, SimpleHistoryAdmin):
    list_display = ["__str__", "max_points", "criterion"]
    list_filter = ["criterion__criteria_set"]
    list_select_related = ["criterion"]
    search_fields = ["name", "guidance"]
    fields = ["criterion", "order", "name", "max_points", "guidance"]
    inlines = [EvidenceRequirementInline]

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:  # noqa: ANN001
        # Items' maxima change together, on the criterion's page, where their sum is checked.
        return ["criterion", "max_points"] if obj else []


class TargetsEditable(ProvinceStaffEditable):
    """Province staff may also remove a target (the year then has none for that metric)."""

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:  # noqa: ANN001
        return _province_staff(request) or super().has_delete_permission(request, obj)


class YearTargetInline(TargetsEditable, admin.TabularInline):
    model = YearTarget
    extra = 0
    fields = ["metric", "comparison", "kind", "value", "source", "is_demo"]
    ordering = ["metric"]


@admin.register(AssessmentYear)
class AssessmentYearAdmin(admin.ModelAdmin):
    list_display = ["year", "criteria_set", "self_deadline", "review_deadline", "confirm_deadline", "is_locked"]
    list_select_related = ["criteria_set"]
    readonly_fields = ["locked_at", "locked_by", "locked_with_provisional_set"]
    inlines = [YearTargetInline]


@admin.register(YearTarget)
class YearTargetAdmin(TargetsEditable, admin.ModelAdmin):
    list_display = ["year", "metric", "comparison", "kind", "value", "is_demo", "source"]
    list_filter = ["year", "is_demo", "kind"]
    list_select_related = ["year"]
    fields = ["year", "metric", "comparison", "kind", "value", "source", "is_demo"]
    ordering = ["-year__year", "metric"]

    def save_model(self, request: HttpRequest, obj: YearTarget, form, change: bool) -> None:  # noqa: ANN001
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class CriterionScoreInline(admin.TabularInline):
    model = CriterionScore
    extra = 0
    can_delete = False
    fields = ["criterion", "self_score", "district_score", "final_score", "note", "district_comment", "version"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    """Read-mostly: changes go through the portal's services so that history is kept."""

    list_display = ["commune", "year", "status", "final_total", "final_class", "tsvm"]
    list_filter = ["year", "status", "final_class", "tsvm", "commune__district"]
    list_select_related = ["commune", "year"]
    search_fields = ["commune__name", "commune__search_name", "commune__code"]
    readonly_fields = [
        "year",
        "commune",
        "status",
        "version",
        "submitted_at",
        "approved_at",
        "finalized_at",
        "final_total",
        "final_class",
        "tsvm",
    ]
    inlines = [CriterionScoreInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(AssessmentEvent)
class AssessmentEventAdmin(admin.ModelAdmin):
    list_display = ["at", "assessment", "kind", "criterion", "field", "actor"]
    list_filter = ["kind"]
    list_select_related = ["assessment__commune", "assessment__year", "criterion", "actor"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(ProvinceDecision)
class ProvinceDecisionAdmin(admin.ModelAdmin):
    list_display = ["assessment", "kind", "number", "date"]
    list_filter = ["kind"]
    list_select_related = ["assessment__commune", "assessment__year"]


class RecordedOnPages(admin.ModelAdmin):
    """Shown to administrators, not edited here: the pages check these records (ceilings and reasons,
    dates, files) through their services, which the admin would bypass."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(OfficialRating)
class OfficialRatingAdmin(RecordedOnPages):
    list_display = ["year", "commune", "official", "level", "ceiling", "recorded_by", "recorded_at"]
    list_filter = ["year", "level"]
    search_fields = ["official__full_name", "commune__name"]
    list_select_related = ["year", "commune", "official", "recorded_by"]


@admin.register(FollowUpAction)
class FollowUpActionAdmin(RecordedOnPages):
    list_display = ["assessment", "kind", "number", "date", "actor_name", "recorded_by"]
    list_filter = ["kind"]
    search_fields = ["number", "assessment__commune__name"]
    list_select_related = ["assessment__commune", "assessment__year", "recorded_by"]
