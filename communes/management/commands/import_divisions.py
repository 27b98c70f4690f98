from django.core.management.base import BaseCommand, CommandError, CommandParser

from communes.services import divisions_import, load_gso_divisions


class Command(BaseCommand):
    help = "Load administrative units from the GSO list (vietnam-provinces 0.6.0)."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--province", type=int, action="append", help="GSO province code (11 = Điện Biên)")
        group.add_argument("--all", action="store_true", help="the whole country")

    def handle(self, *args, **options) -> None:
        provinces = load_gso_divisions(None if options["all"] else options["province"])
        if not provinces:
            raise CommandError(f"No province with code {options['province']} in the GSO list.")
        result = divisions_import(provinces=provinces)
        for label in ("province", "district", "commune"):
            self.stdout.write(
                f"{label}: {result.created[label]} created, {result.updated[label]} updated"
            )
