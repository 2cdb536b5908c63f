import sys

from django.core.management.base import BaseCommand

from search import engine
from search.rebuild import rebuild


class Command(BaseCommand):
    help = "Bouwt de zoekindex opnieuw op, of verstuurt alleen de openstaande wijzigingen."

    def add_arguments(self, parser):
        parser.add_argument(
            "--pending", action="store_true", help="Verstuur alleen de wijzigingen die de zoekmachine nog mist."
        )

    def handle(self, *args, **options):
        if options["pending"]:
            es = engine.engine()
            if es is not None:
                es.reset_breaker()
            sent, left = engine.replay_pending()
            self.stdout.write(f"Openstaande wijzigingen verstuurd: {sent}; nog open: {left}.")
            return
        show = options["verbosity"] >= 1
        summary = rebuild(progress=self._progress if show else None)
        if show:
            self.stdout.write("")
            for soort, n in sorted(summary["soorten"].items()):
                self.stdout.write(f"  {soort}: {n}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Zoekindex opgebouwd: {summary['documenten']} documenten in {summary['seconden']:.1f} s."
            )
        )
        if summary["engine"] == "ok":
            self.stdout.write("Elasticsearch-index opnieuw gevuld.")
        elif summary["engine"]:
            self.stdout.write(
                self.style.WARNING(
                    "Elasticsearch is niet bereikbaar; de herbouw wordt later verstuurd "
                    "(rebuild_search_index --pending)."
                )
            )

    def _progress(self, done, total):
        if done != total and done % 10:
            return
        width = 30
        filled = int(width * done / max(total, 1))
        out = self.stdout._out if hasattr(self.stdout, "_out") else sys.stdout
        out.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total}")
        out.flush()
