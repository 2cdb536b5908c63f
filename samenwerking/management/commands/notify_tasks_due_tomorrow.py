from django.core.management.base import BaseCommand

from samenwerking.notificaties import notify_tasks_due_tomorrow


class Command(BaseCommand):
    help = (
        "Meldt iedere toegewezen open taak die morgen verloopt aan wie hem heeft, eenmaal per taak: "
        "opnieuw draaien voegt niets toe. Bedoeld voor cron, eenmaal per dag."
    )

    def handle(self, *args, **options):
        created = notify_tasks_due_tomorrow()
        self.stdout.write(f"{len(created)} herinnering(en) aangemaakt.")
