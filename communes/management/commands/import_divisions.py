from django.core.management.base import BaseCommand, CommandError, CommandParser

from communes.services import divisions_import


class Command(BaseCommand):
    help = (
        "Load both maps of administrative units: with districts (until 30/06/2025, vietnam-provinces 0.6.0) "
        "and without (from 01/07/2025, vietnamadminunits), with each old commune's successors."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--province", type=int, action="append", help="GSO province code (11 = Điện Biên)")
        group.add_argument("--all", action="store_true", help="the whole country")

    def handle(self, *args, **options) -> None:
        codes = None if options["all"] else [str(c) for c in options["province"]]
        result = divisions_import(province_codes=codes)
        if codes and not any(result.created.values()) and not any(result.updated.values()):
            from communes.models import Province

            if not Province.objects.filter(code__in=codes).exists():
                raise CommandError(f"No province with code {options['province']} in the GSO lists.")
        for label in ("province", "district", "commune", "succession"):
            self.stdout.write(f"{label}: {result.created[label]} created, {result.updated[label]} updated")
