"""Addresses outside the language prefix: the OAI-PMH endpoint harvesters are given."""

from django.urls import path

from . import views

urlpatterns = [
    path("oai", views.oai, name="oai"),
]
