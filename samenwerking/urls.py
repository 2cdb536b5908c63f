from django.urls import path

from . import leerpunt_views, melding_views, notificatie_views, oefensessie_views, onderzoek_views, views

app_name = "samenwerking"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("notificaties/", notificatie_views.notificaties, name="notificaties"),
    path("notificaties/<int:pk>/", notificatie_views.notificatie, name="notificatie"),
    path("notificaties/voorkeuren/", notificatie_views.voorkeuren, name="notificatievoorkeuren"),
    path("<int:pk>/", views.ruimte, name="ruimte"),
    path("<int:pk>/wijzigen/", views.wijzigen, name="wijzigen"),
    path("<int:pk>/leden/", views.leden, name="leden"),
    path("<int:pk>/documenten/", views.documenten, name="documenten"),
    path("<int:pk>/documenten/<int:document>/", views.document, name="document"),
    path("<int:pk>/documenten/<int:document>/versies/<int:versie>/download/", views.download, name="download"),
    path("<int:pk>/berichten/", views.berichten, name="berichten"),
    path("<int:pk>/taken/", views.taken, name="taken"),
    path("<int:pk>/taken/<int:taak>/gedaan/", views.taak_gedaan, name="taak_gedaan"),
    path("<int:pk>/logboek/", views.logboek, name="logboek"),
    path("<int:pk>/logboek.csv", views.logboek_csv, name="logboek_csv"),
    path("oefensessies/", oefensessie_views.overzicht, name="oefensessies"),
    path("oefensessies/<int:pk>/", oefensessie_views.leiden, name="oefensessie"),
    path("oefensessies/<int:pk>/stap/", oefensessie_views.stap, name="oefensessie_stap"),
    path("oefensessies/<int:pk>/status.json", oefensessie_views.status_begeleider, name="oefensessie_status"),
    path("oefensessies/<int:pk>/antwoorden/", oefensessie_views.antwoorden, name="oefensessie_antwoorden"),
    path("oefensessies/<int:pk>/groep/", oefensessie_views.groep, name="oefensessie_groep"),
    path("oefensessies/<int:pk>/samenvatting.pdf", oefensessie_views.samenvatting, name="oefensessie_samenvatting"),
    path("<int:pk>/oefensessies/", oefensessie_views.ruimte_sessies, name="ruimte_oefensessies"),
    path("doe-mee/", oefensessie_views.doe_mee, name="doe_mee"),
    path("doe-mee/<str:code>/", oefensessie_views.sessie_deelnemer, name="doe_mee_sessie"),
    path("doe-mee/<str:code>/status.json", oefensessie_views.status_deelnemer, name="doe_mee_status"),
    path("doe-mee/<str:code>/antwoord/", oefensessie_views.antwoord, name="doe_mee_antwoord"),
    path("<int:pk>/onderzoeken/", onderzoek_views.onderzoeken, name="onderzoeken"),
    path("<int:pk>/onderzoeken/nieuw/", onderzoek_views.onderzoek_nieuw, name="onderzoek_nieuw"),
    path("<int:pk>/onderzoeken/<int:onderzoek>/", onderzoek_views.onderzoek, name="onderzoek"),
    path(
        "<int:pk>/onderzoeken/<int:onderzoek>/wijzigen/", onderzoek_views.onderzoek_wijzigen, name="onderzoek_wijzigen"
    ),
    path(
        "<int:pk>/onderzoeken/<int:onderzoek>/bevindingen/", onderzoek_views.bevindingen, name="onderzoek_bevindingen"
    ),
    path("<int:pk>/onderzoeken/<int:onderzoek>/matrix/", onderzoek_views.matrix, name="onderzoek_matrix"),
    path("<int:pk>/onderzoeken/<int:onderzoek>/matrix.csv", onderzoek_views.matrix_csv, name="onderzoek_matrix_csv"),
    path("<int:pk>/onderzoeken/<int:onderzoek>/matrix.pdf", onderzoek_views.matrix_pdf, name="onderzoek_matrix_pdf"),
    path("<int:pk>/onderzoeken/<int:onderzoek>/rapport/", onderzoek_views.rapport, name="onderzoek_rapport"),
    # Calamity and violence reports (never public), the due items' preference and the year report.
    path("<int:pk>/meldingen/", melding_views.meldingen, name="meldingen"),
    path("<int:pk>/meldingen/nieuw/", melding_views.nieuw, name="melding_nieuw"),
    path("<int:pk>/meldingen/<int:melding>/", melding_views.melding, name="melding"),
    path("signalering/", melding_views.signalering, name="signalering"),
    path("jaarrapportage/", melding_views.jaarrapportage, name="jaarrapportage"),
    path("jaarrapportage.csv", melding_views.jaarrapportage_csv, name="jaarrapportage_csv"),
    path("jaarrapportage.pdf", melding_views.jaarrapportage_pdf, name="jaarrapportage_pdf"),
    path("zoekresultaat/<slug:soort>/<int:pk>/", views.zoekresultaat, name="zoekresultaat"),
    path("<int:pk>/leerpunten/", leerpunt_views.lijst, name="leerpunten"),
    path("<int:pk>/leerpunten/nieuw/", leerpunt_views.nieuw, name="leerpunt_nieuw"),
    path("leerpunten/", leerpunt_views.gedeeld, name="gedeelde_leerpunten"),
    path("leerpunten/<int:pk>/", leerpunt_views.detail, name="leerpunt"),
    path("leerpunten/<int:pk>/wijzigen/", leerpunt_views.wijzigen, name="leerpunt_wijzigen"),
    path("leerpunten/<int:pk>/verruimen/", leerpunt_views.verruimen, name="leerpunt_verruimen"),
    path("leerpunten/<int:pk>/aanbevelingen/", leerpunt_views.aanbeveling, name="aanbeveling_nieuw"),
    path("leerpunten/<int:pk>/opvolgingen/<int:opvolging>/", leerpunt_views.opvolging, name="opvolging"),
    path("aanbevelingen/", leerpunt_views.aanbevelingen, name="aanbevelingen"),
]
