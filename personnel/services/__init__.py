"""Writes to personnel data: each a keyword-only function in one transaction."""

from personnel.services.errors import PersonnelError
from personnel.services.importing import officials_import
from personnel.services.officials import official_create, official_transfer, official_update
from personnel.services.records import (
    apology_record,
    discipline_record,
    standard_save,
    training_record,
    training_update,
)

__all__ = [
    "PersonnelError",
    "apology_record",
    "discipline_record",
    "official_create",
    "official_transfer",
    "official_update",
    "officials_import",
    "standard_save",
    "training_record",
    "training_update",
]
