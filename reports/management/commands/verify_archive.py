"""Check a year archive (.zip) against its manifest: ``manage.py verify_archive PATH``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from reports.services.archive import archive_check


class Command(BaseCommand):
    help = "Compare every file of a year archive with its manifest (missing, extra or altered files)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the archive, luu-tru-...zip")

    def handle(self, *args: object, path: Path, **options: object) -> None:
        if not path.is_file():
            raise CommandError(_("Không có tệp %(path)s.") % {"path": path})
        check = archive_check(path)
        if check.problems:
            for line in check.problems:
                self.stderr.write(line)
            raise CommandError(_("%(count)s chỗ không khớp với danh mục.") % {"count": len(check.problems)})
        manifest = check.manifest or {}
        self.stdout.write(
            self.style.SUCCESS(
                _("Khớp với danh mục: %(count)s tệp của năm %(year)s, %(province)s.")
                % {
                    "count": len(manifest.get("files", [])),
                    "year": manifest.get("year"),
                    "province": (manifest.get("province") or {}).get("name", ""),
                }
            )
        )
