from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = "Create the embedded demo: Điện Biên's units, demo users and each app's demo data."

    def handle(self, *args, **options) -> None:
        # Each app may ship a demo module with seed(); INSTALLED_APPS order follows the apps'
        # dependency order (communes, personnel, assessment, reports), so later seeds find earlier data.
        for config in apps.get_app_configs():
            if module_has_submodule(config.module, "demo"):
                self.stdout.write(self.style.MIGRATE_HEADING(f"{config.label}:"))
                for line in import_module(f"{config.name}.demo").seed() or []:
                    self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
