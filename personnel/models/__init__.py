from personnel.models.levels import (
    Dimension,
    ForeignLanguage,
    GeneralEducation,
    ITLevel,
    PoliticalTheory,
    ProfessionalLevel,
    StateManagement,
)
from personnel.models.officials import Gender, Official, OfficialStatus
from personnel.models.records import Discipline, PublicApology, Training, Transfer
from personnel.models.reference import Category, Ethnicity, Position, Standard

__all__ = [
    "Category",
    "Dimension",
    "Discipline",
    "Ethnicity",
    "ForeignLanguage",
    "Gender",
    "GeneralEducation",
    "ITLevel",
    "Official",
    "OfficialStatus",
    "PoliticalTheory",
    "Position",
    "ProfessionalLevel",
    "PublicApology",
    "Standard",
    "StateManagement",
    "Training",
    "Transfer",
]
