"""Reads about units across the 2025 reorganisation: which communes a day shows, and a commune's
predecessors and successors."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet

from communes.models import Commune, District, Succession, User, valid_on_q
from communes.permissions import communes_in_scope, districts_in_scope


def communes_on_day(user: User, day: date) -> QuerySet[Commune]:
    """The communes in the user's scope that stand on ``day``, each with its successors (main first).

    Read-only, so a commune user also sees the predecessors of their commune on a day before the merger.
    """
    successions = Succession.objects.select_related("successor").order_by("-is_main", "successor__code")
    return (
        communes_in_scope(user, with_history=True)
        .filter(valid_on_q(day))
        .prefetch_related(Prefetch("successions_out", queryset=successions))
        .order_by("district__code", "code")
    )


def districts_on_day(user: User, day: date) -> QuerySet[District]:
    """The districts the user may see whole that stand on ``day`` (none on the map without districts)."""
    return districts_in_scope(user).filter(valid_on_q(day)).order_by("code")


@dataclass(frozen=True)
class Lineage:
    """Where a commune came from and where it went, each succession with its effective date."""

    predecessors: list[Succession]
    successors: list[Succession]  # the main successor first


def commune_lineage(commune: Commune) -> Lineage:
    """The commune's predecessors (in code order) and successors (main first), in two queries."""
    before = commune.successions_in.select_related("predecessor").order_by("predecessor__code")
    after = commune.successions_out.select_related("successor").order_by("-is_main", "successor__code")
    return Lineage(list(before), list(after))
