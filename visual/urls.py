from django.urls import path

from . import views

app_name = "visual"

urlpatterns = [
    path("wie-houdt-toezicht/", views.navigator, name="navigator"),
    path("wie-houdt-toezicht/overzicht.svg", views.export_svg, name="export_svg"),
    path("wie-houdt-toezicht/overzicht.pdf", views.export_pdf, name="export_pdf"),
    path("wie-houdt-toezicht/toezichthouders/", views.toezichthouders, name="toezichthouders"),
    path("wie-houdt-toezicht/toezichthouders/<slug:slug>/", views.toezichthouder, name="toezichthouder"),
    path("wie-houdt-toezicht/aanwijzingen/", views.aanwijzingen, name="aanwijzingen"),
    path("wie-houdt-toezicht/aanwijzingen/nieuw/", views.aanwijzing_nieuw, name="aanwijzing_nieuw"),
    path("wie-houdt-toezicht/aanwijzingen/dekking/", views.aanwijzingen_dekking, name="aanwijzingen_dekking"),
    path("wie-houdt-toezicht/aanwijzingen/aanwijzingen.csv", views.aanwijzingen_csv, name="aanwijzingen_csv"),
    path("wie-houdt-toezicht/aanwijzingen/aanwijzingen.json", views.aanwijzingen_json, name="aanwijzingen_json"),
    path(
        "wie-houdt-toezicht/aanwijzingen/aanwijzingen.csv-metadata.json",
        views.aanwijzingen_csv_metadata,
        name="aanwijzingen_csv_metadata",
    ),
    path("wie-houdt-toezicht/aanwijzingen/dekking.csv", views.dekking_csv, name="dekking_csv"),
    path(
        "wie-houdt-toezicht/aanwijzingen/dekking.csv-metadata.json",
        views.dekking_csv_metadata,
        name="dekking_csv_metadata",
    ),
    path("wie-houdt-toezicht/aanwijzingen/dekking.json", views.dekking_json, name="dekking_json"),
    path("wie-houdt-toezicht/aanwijzingen/<str:pk>/", views.aanwijzing, name="aanwijzing"),
    path("wie-houdt-toezicht/aanwijzingen/<str:pk>/wijzigen/", views.aanwijzing_wijzigen, name="aanwijzing_wijzigen"),
]
