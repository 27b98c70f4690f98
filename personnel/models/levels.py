"""Qualification levels, ordered so that a higher number is a higher level.

Standards store minimum levels in the same scale, so "meets" is a plain comparison.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GeneralEducation(models.IntegerChoices):
    PRIMARY = 1, _("Tiểu học")
    LOWER_SECONDARY = 2, _("Trung học cơ sở")
    UPPER_SECONDARY = 3, _("Trung học phổ thông")


class ProfessionalLevel(models.IntegerChoices):
    NONE = 0, _("Chưa qua đào tạo")
    ELEMENTARY = 1, _("Sơ cấp")
    INTERMEDIATE = 2, _("Trung cấp")
    COLLEGE = 3, _("Cao đẳng")
    UNIVERSITY = 4, _("Đại học")
    MASTER = 5, _("Thạc sĩ")
    DOCTOR = 6, _("Tiến sĩ")


class PoliticalTheory(models.IntegerChoices):
    NONE = 0, _("Chưa qua đào tạo")
    ELEMENTARY = 1, _("Sơ cấp")
    INTERMEDIATE = 2, _("Trung cấp")
    ADVANCED = 3, _("Cao cấp, cử nhân")


class StateManagement(models.IntegerChoices):
    NONE = 0, _("Chưa bồi dưỡng")
    BASIC = 1, _("Đã bồi dưỡng QLNN")
    OFFICER = 2, _("Chương trình chuyên viên")
    SENIOR = 3, _("Chương trình chuyên viên chính trở lên")


class ITLevel(models.IntegerChoices):
    NONE = 0, _("Chưa có")
    BASIC = 1, _("Ứng dụng CNTT cơ bản")
    ADVANCED = 2, _("Ứng dụng CNTT nâng cao")
    DEGREE = 3, _("Trung cấp CNTT trở lên")


class ForeignLanguage(models.IntegerChoices):
    NONE = 0, _("Chưa có")
    LEVEL_1 = 1, _("Bậc 1 (A1)")
    LEVEL_2 = 2, _("Bậc 2 (A2)")
    LEVEL_3 = 3, _("Bậc 3 (B1) trở lên")


class Dimension(models.TextChoices):
    """The qualification dimensions a standard sets and a training course can raise."""

    GENERAL_EDUCATION = "general_education", _("Trình độ văn hóa")
    PROFESSIONAL = "professional_level", _("Chuyên môn, nghiệp vụ")
    POLITICAL_THEORY = "political_theory", _("Lý luận chính trị")
    STATE_MANAGEMENT = "state_management", _("Quản lý nhà nước")
    IT = "it_level", _("Tin học")
    FOREIGN_LANGUAGE = "foreign_language", _("Ngoại ngữ")
    ETHNIC_LANGUAGE = "ethnic_language", _("Tiếng dân tộc")


LEVELS: dict[str, type[models.IntegerChoices]] = {
    Dimension.GENERAL_EDUCATION: GeneralEducation,
    Dimension.PROFESSIONAL: ProfessionalLevel,
    Dimension.POLITICAL_THEORY: PoliticalTheory,
    Dimension.STATE_MANAGEMENT: StateManagement,
    Dimension.IT: ITLevel,
    Dimension.FOREIGN_LANGUAGE: ForeignLanguage,
}
