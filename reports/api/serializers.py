"""What each resource of the API shows (read-only: no serializer here accepts input)."""

from rest_framework import serializers

from assessment.models import Assessment, AssessmentYear, CriteriaSet, Criterion, CriterionScore, ProvinceDecision
from assessment.models.criteria import Threshold
from communes.models import Commune, District, Succession


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class GroupRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True, help_text="Null: the communes no reviewer is assigned to.")
    code = serializers.CharField()
    name = serializers.CharField()


class SuccessionSerializer(serializers.ModelSerializer):
    successor = UnitRefSerializer()

    class Meta:
        model = Succession
        fields = ["successor", "is_main", "effective_date"]


class CommuneSerializer(serializers.ModelSerializer):
    """A commune of either map: valid between two dates, with its successors (a split names each)."""

    province = UnitRefSerializer()
    district = UnitRefSerializer(allow_null=True)
    successors = SuccessionSerializer(source="successions_out", many=True)
    predecessor_ids = serializers.SerializerMethodField()

    class Meta:
        model = Commune
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "province",
            "district",
            "valid_from",
            "valid_to",
            "successors",
            "predecessor_ids",
        ]

    def get_predecessor_ids(self, commune: Commune) -> list[int]:
        return [s.predecessor_id for s in commune.successions_in.all()]


class DistrictSerializer(serializers.ModelSerializer):
    province = UnitRefSerializer()
    successors = UnitRefSerializer(many=True)

    class Meta:
        model = District
        fields = ["id", "code", "name", "kind", "province", "valid_from", "valid_to", "successors"]


class YearSerializer(serializers.ModelSerializer):
    class Meta:
        model = AssessmentYear
        fields = [
            "year",
            "criteria_set",
            "has_district_level",
            "self_deadline",
            "review_deadline",
            "confirm_deadline",
            "is_locked",
        ]


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "number", "name", "guidance", "max_points", "responsible_position"]


class ThresholdSerializer(serializers.ModelSerializer):
    class Meta:
        model = Threshold
        fields = ["classification", "min_total", "min_each"]


class CriteriaSetSerializer(serializers.ModelSerializer):
    criteria = CriterionSerializer(many=True)
    thresholds = ThresholdSerializer(many=True)

    class Meta:
        model = CriteriaSet
        fields = [
            "id",
            "name",
            "legal_basis",
            "year_from",
            "year_to",
            "is_provisional",
            "decision_number",
            "decision_date",
            "tsvm_min_class",
            "tsvm_min_each",
            "criteria",
            "thresholds",
        ]


class ScoreSerializer(serializers.ModelSerializer):
    criterion = serializers.IntegerField(source="criterion.number", help_text="The criterion's number in its set.")

    class Meta:
        model = CriterionScore
        fields = ["criterion", "self_score", "district_score", "final_score"]


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProvinceDecision
        fields = ["kind", "number", "date"]


class AssessmentSerializer(serializers.ModelSerializer):
    """One commune's year: its status, scores (self, district, final) and, once confirmed, its class."""

    year = serializers.IntegerField(source="year.year")
    commune = UnitRefSerializer()
    district = UnitRefSerializer(source="commune.district", allow_null=True)
    scores = ScoreSerializer(many=True)
    decisions = DecisionSerializer(many=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "year",
            "commune",
            "district",
            "status",
            "submitted_at",
            "approved_at",
            "finalized_at",
            "final_total",
            "final_class",
            "tsvm",
            "scores",
            "decisions",
        ]


class FollowUpSerializer(serializers.ModelSerializer):
    """One entry of a follow-up list: the assessment that put the commune on it."""

    assessment = serializers.IntegerField(source="pk")
    year = serializers.IntegerField(source="year.year")
    commune = UnitRefSerializer()
    district = UnitRefSerializer(source="commune.district", allow_null=True)

    class Meta:
        model = Assessment
        fields = ["assessment", "year", "commune", "district", "status", "final_class", "final_total", "tsvm"]


class ChairReviewSerializer(serializers.Serializer):
    """A commune whose leaders the year's decisions ask to be considered (plan II.3), and what for."""

    assessment = serializers.IntegerField(source="assessment.pk")
    year = serializers.IntegerField(source="assessment.year.year")
    commune = UnitRefSerializer(source="assessment.commune")
    district = UnitRefSerializer(source="assessment.commune.district", allow_null=True)
    actions = serializers.ListField(child=serializers.CharField(), source="chair_reviews")


class RatioSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    numerator = serializers.IntegerField()
    denominator = serializers.IntegerField()
    percent = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    target = serializers.DecimalField(source="target.value", max_digits=5, decimal_places=1)
    target_strict = serializers.BooleanField(source="target.strict", help_text="True: strictly above the target.")
    met = serializers.BooleanField(allow_null=True)


class CommuneRatiosSerializer(serializers.Serializer):
    commune = UnitRefSerializer()
    on_date = serializers.DateField()
    ratios = RatioSerializer(many=True)


class ClassCountsSerializer(serializers.Serializer):
    communes = serializers.IntegerField()
    assessed = serializers.IntegerField()
    finalized = serializers.IntegerField()
    good = serializers.IntegerField()
    fair = serializers.IntegerField()
    average = serializers.IntegerField()
    weak = serializers.IntegerField()
    tsvm = serializers.IntegerField()


class ProgressSerializer(serializers.Serializer):
    communes = serializers.IntegerField()
    by_status = serializers.DictField(child=serializers.IntegerField())
    late = serializers.IntegerField()


class GroupSummarySerializer(serializers.Serializer):
    unit = GroupRefSerializer(
        help_text="A district, or a reviewer group (id: the reviewer's) in a year without districts."
    )
    classes = ClassCountsSerializer()
    progress = ProgressSerializer()


class CriterionAverageSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    average = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)


class YearSummarySerializer(serializers.Serializer):
    """The year's figures as the province dashboard shows them, for the client's scope."""

    year = serializers.IntegerField()
    group = serializers.ChoiceField(choices=["district", "reviewer"])
    total = ClassCountsSerializer()
    progress = ProgressSerializer()
    groups = GroupSummarySerializer(many=True)
    criterion_averages = CriterionAverageSerializer(many=True)
    officials_on_date = serializers.DateField()
    officials_ratios = RatioSerializer(many=True)
    followups = serializers.DictField(child=serializers.IntegerField())
