"""The programme's own addresses, included under an edition's address (names in the "events" namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:slug>/programme.ics", views.programme_ics, name="programme_ics"),
]
