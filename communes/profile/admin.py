"""Admin for the commune profile (imported from communes/admin.py)."""

from django.contrib import admin
from django.http import HttpRequest

from communes.profile.models import (
    CitizenReception,
    CoachingVisit,
    CommuneProfile,
    DialogueConference,
    GovernanceYear,
    OfficeRecord,
    ProcedureStats,
    Village,
)


@admin.register(CommuneProfile)
class CommuneProfileAdmin(admin.ModelAdmin):
    list_display = ["commune", "new_rural_status", "new_rural_year"]
    list_filter = ["new_rural_status"]
    autocomplete_fields = ["commune"]
    search_fields = ["commune__name", "commune__search_name"]


@admin.register(Village)
class VillageAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "commune", "head_name", "party_secretary_name"]
    list_filter = ["kind"]
    autocomplete_fields = ["commune"]
    search_fields = ["name", "commune__name"]
    list_select_related = ["commune"]


@admin.register(OfficeRecord)
class OfficeRecordAdmin(admin.ModelAdmin):
    list_display = [
        "commune",
        "year",
        "building_solid",
        "floor_area_m2",
        "standard_area_m2",
        "has_internet_computers",
        "has_printer",
        "has_photocopier",
        "has_telephone",
    ]
    list_filter = ["year", "building_solid"]
    autocomplete_fields = ["commune"]
    list_select_related = ["commune"]
    readonly_fields = ["updated_by", "updated_at"]


@admin.register(ProcedureStats)
class ProcedureStatsAdmin(admin.ModelAdmin):
    list_display = [
        "commune",
        "year",
        "period",
        "applicable",
        "posted",
        "received",
        "on_time",
        "late",
        "one_stop_status",
    ]
    list_filter = ["year", "period", "one_stop_status"]
    autocomplete_fields = ["commune"]
    list_select_related = ["commune"]
    readonly_fields = ["updated_by", "updated_at"]


@admin.register(DialogueConference)
class DialogueConferenceAdmin(admin.ModelAdmin):
    list_display = ["commune", "year", "held_on", "participants", "issues_raised", "issues_answered"]
    list_filter = ["year"]
    autocomplete_fields = ["commune"]
    list_select_related = ["commune"]
    readonly_fields = ["updated_by", "updated_at"]


class RecordedOnPages(admin.ModelAdmin):
    """Shown to administrators, not edited here: the duties pages and imports check these records
    (totals, months, quarters, the level after 01/07/2025) through their services."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(CitizenReception)
class CitizenReceptionAdmin(RecordedOnPages):
    list_display = ["commune", "year", "sessions_total", "citizens_received", "resolved", "outstanding"]
    list_filter = ["year"]
    search_fields = ["commune__name"]
    list_select_related = ["commune"]


@admin.register(GovernanceYear)
class GovernanceYearAdmin(RecordedOnPages):
    list_display = ["commune", "year", "council_rules_issued", "committee_rules_issued"]
    list_filter = ["year"]
    search_fields = ["commune__name"]
    list_select_related = ["commune"]


@admin.register(CoachingVisit)
class CoachingVisitAdmin(RecordedOnPages):
    list_display = ["commune", "level", "coach", "start_date", "end_date"]
    list_filter = ["level"]
    search_fields = ["commune__name", "coach"]
    list_select_related = ["commune"]
