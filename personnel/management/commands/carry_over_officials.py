from datetime import date

from django.core.management.base import BaseCommand, CommandParser

from communes.models import NEW_MAP_FIRST_DAY
from personnel.services.carry_over import REORGANISATION_DECISION, officials_carry_over


class Command(BaseCommand):
    help = (
        "Move the officials of communes merged in a reorganisation to each commune's main successor, "
        "as transfers recorded with the reorganisation as their reason (running it again changes nothing)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--effective-date",
            type=date.fromisoformat,
            default=NEW_MAP_FIRST_DAY,
            help="first day of the new map, YYYY-MM-DD (default: 2025-07-01)",
        )
        parser.add_argument(
            "--decision",
            default=REORGANISATION_DECISION,
            help=f"the resolution recorded on each transfer (default: {REORGANISATION_DECISION})",
        )

    def handle(self, *args, **options) -> None:
        result = officials_carry_over(effective_date=options["effective_date"], decision_number=options["decision"])
        self.stdout.write(
            f"{result.officials} officials moved from {result.communes} communes "
            f"to their main successors on {options['effective_date']:%d/%m/%Y}."
        )
