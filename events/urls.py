from django.urls import include, path

from . import views
from .proceedings.views import proceedings_pdf

app_name = "events"

urlpatterns = [
    path("", views.archive, name="archive"),
    path("<slug:slug>/", views.conference_detail, name="conference"),
    path("<slug:slug>/proceedings.pdf", proceedings_pdf, name="proceedings"),
    path("", include("sessions.urls")),
]
