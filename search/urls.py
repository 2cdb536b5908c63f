from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.zoeken, name="zoeken"),
    path("suggesties/", views.suggesties, name="suggesties"),
]
