from django.core.management.base import BaseCommand

from samenwerking.signalering import notify_terms_due


class Command(BaseCommand):
    help = (
        "Meldt naderende en verstreken termijnen (zelfonderzoeken van meldingen, stappen van de "
        "openbaarmaking) aan de leden van de ruimte, eenmaal per termijn en persoon: opnieuw draaien "
        "voegt niets toe. Bedoeld voor cron, eenmaal per werkdag."
    )

    def handle(self, *args, **options):
        created = notify_terms_due()
        self.stdout.write(f"{len(created)} termijnbericht(en) aangemaakt.")
