from django.core.management.base import BaseCommand
from django.utils import timezone

from samenwerking.tasks import plan_daily_round


class Command(BaseCommand):
    help = (
        "Plant de dagelijkse ronde (herinneringen, termijnen, overzichtsmails) voor de worker, "
        "als er nog geen gepland staat. `make run` roept dit aan; cron is niet nodig."
    )

    def handle(self, *args, **options):
        at = plan_daily_round()
        if at is None:
            self.stdout.write("De dagelijkse ronde stond al gepland.")
        else:
            self.stdout.write(f"Dagelijkse ronde gepland op {timezone.localtime(at):%d-%m-%Y %H:%M}.")
