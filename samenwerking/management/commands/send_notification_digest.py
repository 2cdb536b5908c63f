from django.core.management.base import BaseCommand

from samenwerking.tasks import enqueue_digests


class Command(BaseCommand):
    help = (
        "Zet voor iedere gebruiker met nieuwe notificaties die 'dagelijks' koos één overzichtsmail klaar "
        "voor de worker (manage.py db_worker --backend achtergrond). Bedoeld voor cron, eenmaal per dag."
    )

    def handle(self, *args, **options):
        queued = enqueue_digests()
        self.stdout.write(f"{queued} overzicht(en) klaargezet.")
