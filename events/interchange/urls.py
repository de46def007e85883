from django.urls import path

from . import views

app_name = "data"

urlpatterns = [
    path("conferences/<slug:slug>.json", views.conference_json, name="conference_json"),
    path("schema.json", views.schema, name="schema"),
]
