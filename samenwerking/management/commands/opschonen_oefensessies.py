from django.conf import settings
from django.core.management.base import BaseCommand

from samenwerking.models import Deelnamepoging, Oefensessie


class Command(BaseCommand):
    help = (
        "Verwijdert oefensessies en hun antwoorden die ouder zijn dan OEFENSESSIE_BEWAARTERMIJN_DAGEN, "
        "behalve sessies die in een samenwerkingsruimte zijn gehouden, en de getelde pogingen met een "
        "onjuiste code die niet meer meetellen. Bedoeld voor cron, eenmaal per dag."
    )

    def handle(self, *args, **options):
        deleted, per_model = Oefensessie.objects.expired().delete()
        sessies = per_model.get(Oefensessie._meta.label, 0)
        pogingen, _per_model = Deelnamepoging.objects.expired().delete()
        self.stdout.write(
            f"{sessies} oefensessie(s) verwijderd, ouder dan {settings.OEFENSESSIE_BEWAARTERMIJN_DAGEN} dagen; "
            f"{pogingen} oude poging(en) met een onjuiste code verwijderd."
        )
