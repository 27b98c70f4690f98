from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from personnel.models import Discipline, Ethnicity, Official, Position, PublicApology, Standard, Training, Transfer


@admin.register(Ethnicity)
class EthnicityAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["name"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "order", "code"]
    list_filter = ["category"]
    list_editable = ["order"]
    search_fields = ["name"]


@admin.register(Standard)
class StandardAdmin(SimpleHistoryAdmin):
    list_display = [
        "position",
        "valid_from",
        "valid_to",
        "is_provisional",
        "min_general_education",
        "min_professional_level",
        "min_political_theory",
        "min_it_level",
        "legal_basis",
    ]
    list_filter = ["is_provisional", "position__category"]
    list_select_related = ["position"]
    autocomplete_fields = ["position"]


class TrainingInline(admin.TabularInline):
    model = Training
    extra = 0


@admin.register(Official)
class OfficialAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "commune", "category", "status", "date_of_birth"]
    list_filter = ["category", "status", "gender"]
    list_select_related = ["commune"]
    search_fields = ["full_name", "search_name", "commune__name"]
    autocomplete_fields = ["commune", "village", "ethnicity"]
    filter_horizontal = ["positions"]
    inlines = [TrainingInline]


@admin.register(Transfer)
class TransferAdmin(admin.ModelAdmin):
    list_display = ["official", "kind", "from_commune", "to_commune", "effective_date"]
    list_select_related = ["official", "from_commune", "to_commune"]
    autocomplete_fields = ["official", "from_commune", "to_commune"]
    readonly_fields = ["recorded_by", "recorded_at"]


@admin.register(Discipline)
class DisciplineAdmin(admin.ModelAdmin):
    list_display = ["official", "form", "decided_on", "commune"]
    list_select_related = ["official", "commune"]
    autocomplete_fields = ["official", "commune"]


@admin.register(PublicApology)
class PublicApologyAdmin(admin.ModelAdmin):
    list_display = ["official", "held_on", "apologised_to", "commune"]
    list_select_related = ["official", "commune"]
    autocomplete_fields = ["official", "commune"]
