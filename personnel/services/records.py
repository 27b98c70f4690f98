"""Training, discipline, public apologies and the standards the province edits."""

from typing import Any

from django.db import transaction

from personnel.models import Discipline, Official, PublicApology, Standard, Training
from personnel.models.levels import Dimension

TRAINING_FIELDS = [
    "course",
    "institution",
    "dimension",
    "level_reached",
    "field_of_study",
    "start_date",
    "end_date",
    "finished",
]


def _raise_qualification(training: Training) -> bool:
    """A finished course lifts the official's level in its dimension, never lowers it."""
    if not (training.finished and training.dimension and training.level_reached is not None):
        return False
    official = Official.objects.select_for_update().get(pk=training.official_id)
    if training.dimension == Dimension.ETHNIC_LANGUAGE:
        raised = not official.ethnic_language_certificate
        official.ethnic_language_certificate = True
    else:
        raised = training.level_reached > getattr(official, training.dimension)
        if raised:
            setattr(official, training.dimension, training.level_reached)
    if raised and training.dimension == Dimension.PROFESSIONAL and training.field_of_study:
        official.professional_field = training.field_of_study
    if raised:
        official.save()
    return raised


@transaction.atomic
def training_record(*, official: Official, data: dict[str, Any]) -> Training:
    """Record a course; when finished it may raise a qualification (kept on the record)."""
    training = Training.objects.create(official=official, **{f: data.get(f) for f in TRAINING_FIELDS if f in data})
    if _raise_qualification(training):
        Training.objects.filter(pk=training.pk).update(qualification_raised=True)
        training.qualification_raised = True
    return training


@transaction.atomic
def training_update(*, training: Training, data: dict[str, Any]) -> Training:
    """Change a course, e.g. mark it finished; a qualification is raised at most once per course."""
    training = Training.objects.select_for_update().get(pk=training.pk)
    for field in TRAINING_FIELDS:
        if field in data:
            setattr(training, field, data[field])
    if not training.qualification_raised and _raise_qualification(training):
        training.qualification_raised = True
    training.save()
    return training


@transaction.atomic
def discipline_record(*, official: Official, data: dict[str, Any]) -> Discipline:
    """Record a discipline decision, kept with the commune where the official served."""
    return Discipline.objects.create(official=official, commune_id=official.commune_id, **data)


@transaction.atomic
def apology_record(*, official: Official, data: dict[str, Any]) -> PublicApology:
    """Record a public apology (plan 703 II.9) in the official's commune."""
    return PublicApology.objects.create(official=official, commune_id=official.commune_id, **data)


@transaction.atomic
def standard_save(*, standard: Standard, data: dict[str, Any]) -> Standard:
    """Create or change a position standard (province staff); the change history is kept."""
    for field, value in data.items():
        setattr(standard, field, value)
    standard.full_clean()
    standard.save()
    return standard
