import importlib

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.seeding import SeedError

# Each app that brings seed content has a `seed.py` with `load(command)`; order matters
# (municipalities and organisations before the kennisbank, the kennisbank before remits).
SEED_APPS = ["portal", "kennisbank", "visual", "samenwerking", "search"]


class Command(BaseCommand):
    help = "Laadt de startinhoud van het portaal uit de databestanden (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--content-dir", help="Map met de YAML-bestanden van de kennisbank.")

    def handle(self, *args, **options):
        self.options = options
        try:
            with transaction.atomic():
                for app in SEED_APPS:
                    try:
                        module = importlib.import_module(f"{app}.seed")
                    except ModuleNotFoundError as exc:
                        if exc.name != f"{app}.seed":
                            raise
                        continue
                    module.load(self)
        except SeedError as exc:
            raise CommandError(
                f"Startinhoud niet geladen; de database is ongewijzigd.\n"
                f"Bestand: {exc.bestand}\nOnderdeel: {exc.entry}\nFout: {exc.message}"
            )
        self.stdout.write(self.style.SUCCESS("Startinhoud geladen."))

    def report(self, message):
        if self.options.get("verbosity", 1) >= 1:
            self.stdout.write(message)
